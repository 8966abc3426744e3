#!/usr/bin/env bash
# Install test of the Debian packages: lintian on the three .deb files, then a
# clean Debian 12 (debootstrap --variant=minbase) where apt installs them with
# their dependencies from the archive, and the installed programs run: nsgate
# started the way its systemd unit starts it, as user nsgate, answering
# /admin/v1/health; nsgate-console and nsgatectl; man pages, desktop file, icons
# and metainfo in place; purge cleans up.
#
#   tests/install/install_test.sh [DEB_DIR | --cpack BUILD_DIR]
#
# The packages: DEB_DIR (or NSGATE_DEB_DIR, which wins) holds nsgate_*.deb,
# nsgate-console_*.deb and nsgatectl_*.deb, e.g. build/release/packages from
# scripts/package.sh; --cpack BUILD_DIR runs cpack in a configured and built
# tree (CTest passes its own); with no argument scripts/package.sh builds them.
# The bootstrapped base system is cached as a tarball, and the packages apt
# downloads into it are kept, in NSGATE_INSTALL_CACHE (default
# /var/cache/nsgate-install-test); delete it to start from scratch.
# Needs root (debootstrap, chroot, mount); otherwise exits 77 (SKIP).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/../.." && pwd)
started=$SECONDS

say() { printf '== %s (%ds)\n' "$*" $((SECONDS - started)); }
fail() { echo "FAIL: $*" >&2; exit 1; }

if [[ $(id -u) -ne 0 ]]; then
  echo "SKIP: the install test needs root (debootstrap, chroot, mount /proc); run it as root"
  exit 77
fi
for tool in debootstrap lintian chroot mount umount curl jq desktop-file-validate appstreamcli systemd-analyze; do
  command -v "$tool" >/dev/null || fail "$tool is missing (scripts/deps.sh build test installs it)"
done

# --- the packages -------------------------------------------------------------
deb_dir=${NSGATE_DEB_DIR:-}
if [[ -z $deb_dir && ${1:-} == --cpack ]]; then
  build=$(cd "${2:?--cpack needs a build directory}" && pwd)
  deb_dir=$build/install-test-packages
  say "cpack in $build"
  rm -rf "$deb_dir"
  (cd "$build" && cpack -G DEB --config CPackConfig.cmake -B "$deb_dir") >"$build/install-test-cpack.log" 2>&1 ||
    { tail -n 30 "$build/install-test-cpack.log" >&2; fail "cpack failed (log: $build/install-test-cpack.log)"; }
elif [[ -z $deb_dir && -n ${1:-} ]]; then
  deb_dir=$1
elif [[ -z $deb_dir ]]; then
  say "building the packages (scripts/package.sh)"
  "$src/scripts/package.sh" >/dev/null
  deb_dir=$src/build/release/packages
fi
debs=()
for pkg in nsgate nsgate-console nsgatectl; do
  found=("$deb_dir/${pkg}"_*.deb)
  [[ ${#found[@]} -eq 1 && -f ${found[0]} ]] || fail "expected exactly one ${pkg}_*.deb in $deb_dir"
  debs+=("${found[0]}")
done
printf '   %s\n' "${debs[@]}"

# --- lintian ------------------------------------------------------------------
say "lintian"
lintian_out=$(lintian --tag-display-limit 0 "${debs[@]}" 2>&1) || true
[[ -n $lintian_out ]] && printf '%s\n' "$lintian_out" | sed 's/^/   /'
if grep -q '^E: ' <<<"$lintian_out"; then
  fail "lintian reports errors"
fi
echo "   lintian: $(grep -c '^E: ' <<<"$lintian_out" || true) errors, $(grep -c '^W: ' <<<"$lintian_out" || true) warnings"

# --- the clean system -----------------------------------------------------------
# The mirrors this machine's apt uses (deb822 .sources or one-line .list), else
# Debian's own.
source_uris() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    if [[ $f == *.sources ]]; then
      awk '/^URIs:/ {uri=$2} /^Suites:/ {for (i = 2; i <= NF; i++) print uri, $i} /^[[:space:]]*$/ {uri=""}' "$f"
    else
      awk '$1 == "deb" {for (i = 2; i < NF; i++) if ($i ~ /^[a-z+]+:\/\//) {print $i, $(i+1); break}}' "$f"
    fi
  done
}
mirror=$(source_uris | awk '$2 == "bookworm" {print $1; exit}')
mirror=${mirror:-http://deb.debian.org/debian}
security_mirror=$(source_uris | awk '$2 == "bookworm-security" {print $1; exit}')
security_mirror=${security_mirror:-http://deb.debian.org/debian-security}

cache=${NSGATE_INSTALL_CACHE:-/var/cache/nsgate-install-test}
arch=$(dpkg --print-architecture)
# v1: bump when the recipe of the base changes, so old caches are not reused.
base=$cache/bookworm-minbase-$arch-v1.tar
mkdir -p "$cache/archives/partial"

root=""
nsgate_pid=""
cleanup() {
  local status=$?
  if [[ -n $nsgate_pid ]] && kill -0 "$nsgate_pid" 2>/dev/null; then
    kill "$nsgate_pid" 2>/dev/null || true
    wait "$nsgate_pid" 2>/dev/null || true
  fi
  exec 3<&- 2>/dev/null || true
  if [[ -n $root && -d $root ]]; then
    # Innermost mounts first (the chroot itself may be a tmpfs); never delete
    # anything while something is still mounted below it.
    local m
    awk -v r="$root" '$2 == r || index($2, r "/") == 1 {print $2}' /proc/mounts | sort -r | while read -r m; do
      umount "$m" 2>/dev/null || umount -l "$m" || true
    done
    if awk -v r="$root" '$2 == r || index($2, r "/") == 1 {found=1} END {exit !found}' /proc/mounts; then
      echo "install_test: mounts left under $root, not deleting it" >&2
    else
      rm -rf "$root"
    fi
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

write_sources() { # ROOT
  cat >"$1/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security_mirror bookworm-security main
EOF
}
mount_chroot() { # ROOT
  mount -t proc proc "$1/proc"
  mount --bind "$cache/archives" "$1/var/cache/apt/archives"
  cp /etc/resolv.conf "$1/etc/resolv.conf"
}

# One run at a time per cache: the base is built once, and the chroots share
# apt's archive directory (and its lock).
exec 9>"$cache/lock"
flock 9
if [[ ! -f $base ]]; then
  say "bootstrapping Debian 12 minbase from $mirror (cached in $base)"
  root=$(mktemp -d /var/tmp/nsgate-bootstrap.XXXXXX)
  mount -t tmpfs -o size=3g,mode=0755 nsgate-bootstrap "$root"
  debootstrap --variant=minbase --arch="$arch" bookworm "$root" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    { tail -n 30 "$cache/debootstrap.log" >&2; fail "debootstrap failed (log: $cache/debootstrap.log)"; }
  write_sources "$root"
  mount_chroot "$root"
  chroot "$root" apt-get update -qq
  chroot "$root" apt-get clean
  umount "$root/var/cache/apt/archives" "$root/proc"
  rm -f "$root/etc/resolv.conf"
  tar -C "$root" -cf "$base.tmp" .
  mv "$base.tmp" "$base"
  umount "$root"
  rmdir "$root"
  root=""
fi

say "unpacking the cached base system"
root=$(mktemp -d /var/tmp/nsgate-install.XXXXXX)
# In memory: unpacking is quick and cleaning up is an umount.
mount -t tmpfs -o size=3g,mode=0755 nsgate-install "$root"
tar -C "$root" -xf "$base"
mount_chroot "$root"
# apt downloads as _apt into the shared archive directory.
chown "$(chroot "$root" id -u _apt)" "$cache/archives/partial"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

say "apt-get install ./nsgate*.deb (dependencies from $mirror)"
mkdir -p "$root/tmp/debs"
cp "${debs[@]}" "$root/tmp/debs/"
in_root apt-get update -qq
# Every package the three name (Depends, Recommends, Suggests) is in Debian 12.
for name in $(for deb in "${debs[@]}"; do dpkg-deb -f "$deb" Depends Recommends Suggests; done |
              sed -E 's/^[A-Za-z-]+://; s/\([^)]*\)//g' | tr ',|' '\n' | tr -d ' ' | sort -u); do
  case $name in nsgate|nsgate-console|nsgatectl) continue ;; esac
  in_root apt-cache show --no-all-versions "$name" >/dev/null 2>&1 || fail "no package $name in Debian 12"
done
# Depends only: every program has to work without the Recommends.
in_root apt-get install -y -qq --no-install-recommends \
  /tmp/debs/"$(basename "${debs[0]}")" /tmp/debs/"$(basename "${debs[1]}")" /tmp/debs/"$(basename "${debs[2]}")" \
  >"$root/tmp/apt.log" 2>&1 || { tail -n 40 "$root/tmp/apt.log" >&2; fail "apt-get install failed"; }
# The shared archive keeps only what the archive still has.
in_root apt-get autoclean -qq >/dev/null
# (Without /dev/pts in the chroot apt cannot log the terminal output: harmless.)
grep -E '^(E|W): ' "$root/tmp/apt.log" | grep -vE 'unsandboxed|Can not write log' && fail "apt reported problems (above)"

# --- nsgate ---------------------------------------------------------------------
say "nsgate: user, state directory, conffile, unit"
out=$(in_root nsgate --version)
[[ $out == "nsgate "* ]] || fail "nsgate --version printed: $out"
echo "   $out"
in_root getent passwd nsgate >/dev/null || fail "no system user nsgate"
uid=$(in_root id -u nsgate)
gid=$(in_root id -g nsgate)
((uid < 1000)) || fail "nsgate is not a system user (uid $uid)"
[[ $(stat -c '%u:%g %a' "$root/var/lib/nsgate") == "$uid:$gid 700" ]] ||
  fail "/var/lib/nsgate is $(stat -c '%u:%g %a' "$root/var/lib/nsgate"), expected $uid:$gid 700"
# shellcheck disable=SC2016 # dpkg-query's own ${field} syntax
conffiles=$(in_root dpkg-query -W -f='${Conffiles}\n' nsgate)
[[ $conffiles == *" /etc/default/nsgate "* ]] || fail "/etc/default/nsgate is not a conffile of nsgate: $conffiles"
unit=$root/lib/systemd/system/nsgate.service
[[ -f $unit ]] || fail "no /lib/systemd/system/nsgate.service"
[[ -L $root/etc/systemd/system/multi-user.target.wants/nsgate.service ]] ||
  fail "deb-systemd-helper did not enable nsgate.service"
# systemd's own reading of the unit (unknown keys, values it would ignore,
# sandboxing options it cannot parse). It checks that ExecStart's program
# exists, so a copy points at the one installed in the chroot; it warns
# without failing, so any output is a failure.
mkdir -p "$root/tmp/unit-check"
sed "s|/usr/bin/nsgate|$root/usr/bin/nsgate|" "$unit" >"$root/tmp/unit-check/nsgate.service"
verify=$(systemd-analyze verify --man=no "$root/tmp/unit-check/nsgate.service" 2>&1) ||
  fail "systemd-analyze verify nsgate.service: $verify"
[[ -z $verify ]] || fail "systemd-analyze verify nsgate.service reports: $verify"
echo "   systemd-analyze verify: nsgate.service is clean"

say "nsgate: started the way nsgate.service starts it"
# What an administrator does: listen addresses in /etc/default/nsgate (port 0:
# nsgate picks free ports and says which in its listening line).
printf 'NSGATE_LISTEN=127.0.0.1:0\nNSGATE_ADMIN_LISTEN=127.0.0.1:0\nNSGATE_OPTS="--quiet"\n' >>"$root/etc/default/nsgate"
unit_env=$(sed -n 's/^Environment=//p' "$unit")
unit_exec=$(sed -n 's/^ExecStart=//p' "$unit")
unit_umask=$(sed -n 's/^UMask=//p' "$unit")
[[ -n $unit_env && -n $unit_exec && $(sed -n 's/^User=//p' "$unit") == nsgate ]] ||
  fail "unexpected unit file (Environment=, ExecStart=, User=nsgate)"
work=$root/tmp/nsgate-run
mkdir -p "$work"
mkfifo "$work/stdout"
# Environment=, then EnvironmentFile=-/etc/default/nsgate, then ExecStart= with
# ${STATE_DIRECTORY} (StateDirectory=nsgate), as User=nsgate with the unit's
# UMask=; exec keeps one PID from chroot to nsgate.
# shellcheck disable=SC2016 # expanded by the shell inside the chroot
chroot --userspec="$uid:$gid" --groups="$gid" "$root" \
  /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/var/lib/nsgate USER=nsgate LOGNAME=nsgate \
  STATE_DIRECTORY=/var/lib/nsgate UNIT_ENV="$unit_env" UNIT_EXEC="$unit_exec" UNIT_UMASK="${unit_umask:-0022}" \
  /bin/sh -c 'set -a; eval "$UNIT_ENV"; [ -r /etc/default/nsgate ] && . /etc/default/nsgate; set +a
              umask "$UNIT_UMASK"; eval "exec $UNIT_EXEC"' \
  >"$work/stdout" 2>"$work/stderr" &
nsgate_pid=$!
exec 3<"$work/stdout"
line=""
IFS= read -r -t 60 -u 3 line || true
[[ $line == *'"event":"listening"'* ]] || { cat "$work/stderr" >&2; fail "no listening line from nsgate (got: $line)"; }
cat <&3 >"$work/stdout.rest" &
echo "   $line"
admin=$(jq -r .admin <<<"$line")
registry=$(jq -r .registry <<<"$line")
[[ $admin == http://127.0.0.1:* && $registry == http://127.0.0.1:* ]] || fail "unexpected listeners: $line"
[[ $(ps -o uid= -p "$nsgate_pid" | tr -d ' ') == "$uid" ]] || fail "nsgate does not run as user nsgate (uid $uid)"

health=$(curl -sS -w '\n%{http_code}' "$admin/admin/v1/health")
[[ $(tail -n1 <<<"$health") == 200 ]] || fail "GET /admin/v1/health: $health"
jq -e '.status == "ok"' >/dev/null <<<"$(head -n1 <<<"$health")" || fail "GET /admin/v1/health body: $health"
echo "   GET $admin/admin/v1/health -> 200 $(head -n1 <<<"$health")"
token=$root/var/lib/nsgate/admin-token
[[ $(stat -c '%u %a' "$token") == "$uid 600" ]] || fail "admin token is $(stat -c '%u %a' "$token"), expected $uid 600"

say "nsgatectl against the running nsgate"
out=$(in_root nsgatectl --help)
grep -q '^Usage: nsgatectl' <<<"$out" || fail "nsgatectl --help printed: $out"
in_root nsgatectl config get --admin "$admin" --token-file /var/lib/nsgate/admin-token --out /tmp/config.json >/dev/null ||
  fail "nsgatectl config get failed"
jq -e '.schemaVersion == 1' "$root/tmp/config.json" >/dev/null || fail "unexpected config: $(cat "$root/tmp/config.json")"
echo "   nsgatectl config get: $(jq -c . "$root/tmp/config.json")"

say "stopping nsgate (SIGTERM to $nsgate_pid)"
kill -TERM "$nsgate_pid"
status=0
wait "$nsgate_pid" || status=$?
nsgate_pid=""
[[ $status -eq 0 ]] || { cat "$work/stderr" >&2; fail "nsgate exited with $status after SIGTERM"; }

# --- nsgate-console -----------------------------------------------------------------
say "nsgate-console"
out=$(in_root QT_QPA_PLATFORM=offscreen nsgate-console --version 2>"$work/console.stderr")
[[ $out == "nsgate-console "* ]] || { cat "$work/console.stderr" >&2; fail "nsgate-console --version printed: $out"; }
echo "   $out"
desktop=$root/usr/share/applications/io.nsgate.Console.desktop
metainfo=$root/usr/share/metainfo/io.nsgate.Console.metainfo.xml
[[ -f $desktop && -f $metainfo ]] || fail "desktop file or metainfo missing"
desktop-file-validate "$desktop" || fail "desktop-file-validate $desktop"
# validate-tree also checks the metainfo against the desktop file and icons of the package.
dpkg-deb -x "${debs[1]}" "$work/console-tree"
appstreamcli validate-tree --no-net "$work/console-tree" >/dev/null ||
  { appstreamcli validate-tree --no-net "$work/console-tree" >&2; fail "appstreamcli validate-tree (nsgate-console)"; }
[[ -f $root/usr/share/icons/hicolor/scalable/apps/io.nsgate.Console.svg ]] || fail "scalable icon missing"
for size in 16 22 24 32 48 64 128 256; do
  png=$root/usr/share/icons/hicolor/${size}x${size}/apps/io.nsgate.Console.png
  [[ -f $png ]] || fail "icon ${size}x${size} missing"
  # PNG IHDR: width and height, big endian, at bytes 16..23.
  read -r w h < <(od -An -tu1 -j16 -N8 "$png" | awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
  [[ $w == "$size" && $h == "$size" ]] || fail "icon ${size}x${size} is ${w}x${h}"
done
echo "   desktop file, metainfo, scalable + 8 PNG icons"

say "man pages"
for page in nsgate nsgate-console nsgatectl; do
  f=$root/usr/share/man/man1/$page.1.gz
  [[ -f $f ]] || fail "man page $page.1.gz missing"
  th=$(gzip -dc "$f" | awk '/^\.TH/ && !seen {print; seen = 1}')
  [[ $th == ".TH "* ]] || fail "$page.1.gz has no .TH line"
  echo "   $page.1.gz: $th"
done

# --- removal ---------------------------------------------------------------------------
say "apt-get purge"
in_root apt-get purge -y -qq nsgate nsgate-console nsgatectl >"$root/tmp/purge.log" 2>&1 ||
  { cat "$root/tmp/purge.log" >&2; fail "apt-get purge failed"; }
for gone in /usr/bin/nsgate /usr/bin/nsgate-console /usr/bin/nsgatectl /etc/default/nsgate /var/lib/nsgate \
            /lib/systemd/system/nsgate.service /etc/systemd/system/multi-user.target.wants/nsgate.service; do
  [[ ! -e $root$gone && ! -L $root$gone ]] || fail "$gone left after purge"
done

say "PASS"
