#!/usr/bin/env bash
# Builds the Debian packages nsgate, nsgate-console and nsgatectl: a Release
# build (the `release` preset) with Debian's hardening flags, then cpack.
#   scripts/package.sh [BUILD_DIR]     default build/release; packages in BUILD_DIR/packages
# Prints the paths of the .deb files, one a line, on stdout.
# Environment: NSGATE_PACKAGE_JOBS (default: nproc).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build/release}
jobs=${NSGATE_PACKAGE_JOBS:-$(nproc)}

"$here/scripts/deps.sh" build >&2

cd "$here"
export CCACHE_BASEDIR="$here"
export CCACHE_NOHASHDIR=1

# The flags a Debian package build gets (dpkg-buildflags, hardening=+all) without
# -g and -O2: CPack strips the binaries and the Release build type sets -O3.
# (dpkg-buildflags maps the current directory, the source tree, to "." .)
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
strip_opt() { local f out=(); for f in $*; do [[ $f == -g || $f == -O2 ]] || out+=("$f"); done; echo "${out[*]}"; }
cxxflags=$(strip_opt "$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CXXFLAGS)")
ldflags=$(dpkg-buildflags --get LDFLAGS)

echo "== configure $build (release preset)" >&2
cmake --preset release -B "$build" \
  -DCMAKE_CXX_FLAGS="$cxxflags" \
  -DCMAKE_EXE_LINKER_FLAGS="$ldflags" >&2
echo "== build" >&2
cmake --build "$build" -j "$jobs" >&2
echo "== cpack" >&2
rm -f "$build"/packages/*.deb
(cd "$build" && cpack -G DEB --config CPackConfig.cmake) >&2
ls -1 "$build"/packages/*.deb
