#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: unit, end-to-end
# (real docker-registry, containerd and skopeo on 127.0.0.1) and the fuzz
# targets for a short run each. Usage: scripts/test.sh [ctest args...]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

"$here/scripts/deps.sh" build test

# ccache survives between runs on the same machine; relative paths let a fresh
# clone in another folder hit the same cache entries.
export CCACHE_BASEDIR="$here"
export CCACHE_NOHASHDIR=1
export QT_QPA_PLATFORM=offscreen
jobs=$(nproc)

echo "== build (ci preset: warnings as errors)"
cmake --preset ci >/dev/null
cmake --build --preset ci -j "$jobs"

echo "== build (fuzz preset: clang, ASan+UBSan, libFuzzer)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs"

status=0
echo "== tests"
ctest --preset ci -j "$jobs" "$@" || status=1
echo "== fuzz targets (${NSGATE_FUZZ_SECONDS:-30} s each)"
ctest --test-dir build/fuzz --output-on-failure "$@" || status=1
exit $status
