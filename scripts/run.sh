#!/usr/bin/env bash
# Installs what is missing, builds everything, prepares a local nsgate with the
# demo config (resources/demo-config.json) and opens the console on it: the
# console starts that nsgate itself ("Start a local nsgate") on ports it picks.
# State lives in NSGATE_DEMO_DIR (default ~/.local/share/nsgate-demo); delete
# it to start over. Without a display the console runs under Xvfb.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

"$here/scripts/deps.sh" build run
export CCACHE_BASEDIR="$here"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$(nproc)" --target nsgate nsgatectl nsgate-console

bin="$here/build/dev/app"
demo=${NSGATE_DEMO_DIR:-$HOME/.local/share/nsgate-demo}
data="$demo/nsgate"
mkdir -p "$data"

# First run: start the proxy once on its own, store the demo credential and
# push the demo map, then stop it; the console takes over from there.
if [[ ! -e "$demo/config-pushed" ]]; then
  echo "== preparing the demo proxy in $data"
  out="$demo/first-start.out"
  "$bin/nsgate/nsgate" --listen 127.0.0.1:0 --admin-listen 127.0.0.1:0 --data-dir "$data" --quiet \
    >"$out" 2>"$demo/first-start.log" &
  pid=$!
  trap 'kill "$pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    grep -q '"listening"' "$out" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$demo/first-start.log" >&2; exit 1; }
    sleep 0.1
  done
  grep -q '"listening"' "$out" || { echo "nsgate did not start" >&2; exit 1; }
  admin=$(sed -n 's/.*"admin":"\([^"]*\)".*/\1/p' "$out" | head -n1)
  export NSGATE_ADMIN_URL="$admin" NSGATE_ADMIN_TOKEN_FILE="$data/admin-token"
  # The demo map names a credential for Docker Hub: store a placeholder.
  curl -sf -X PUT -H "Authorization: Bearer $(cat "$data/admin-token")" -H 'Content-Type: application/json' \
    --data '{"username":"demo","password":"replace-me"}' "$admin/admin/v1/credentials/dockerhub" >/dev/null
  "$bin/ctl/nsgatectl" config get --out "$demo/current.json" >/dev/null
  rev=$(sed -n 's/^ *"revision": *\([0-9]*\).*/\1/p' "$demo/current.json" | head -n1)
  sed "s/\"schemaVersion\": 1,/\"schemaVersion\": 1, \"revision\": $rev,/" resources/demo-config.json >"$demo/demo.json"
  "$bin/ctl/nsgatectl" config put "$demo/demo.json"
  kill -TERM "$pid"
  wait "$pid" || true
  trap - EXIT
  touch "$demo/config-pushed"
fi

console=("$bin/console/nsgate-console" --settings "$demo/console.ini" --local-data-dir "$data"
  --nsgate "$bin/nsgate/nsgate" --start-local)
echo "== nsgate-console (local nsgate with the demo map; its log: $data/nsgate.log)"
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  exec "${console[@]}"
fi
echo "No display: running the console under Xvfb (stop it with Ctrl-C)."
exec xvfb-run -a "${console[@]}"
