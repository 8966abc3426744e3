#!/usr/bin/env bash
# Installs what is missing, builds, and shows nsgatectl at work on the demo
# config in resources/: validation, then client configuration for containerd,
# podman/skopeo, k3s and Docker written to a scratch folder.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

"$here/scripts/deps.sh" build run
export CCACHE_BASEDIR="$here"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$(nproc)" --target nsgatectl

ctl="$here/build/dev/app/ctl/nsgatectl"
config="$here/resources/demo-config.json"
out=${NSGATE_DEMO_OUT:-$(mktemp -d /tmp/nsgate-demo.XXXXXX)}

echo "== nsgatectl validate $config"
"$ctl" validate "$config"
echo
echo "== containerd certs.d tree (fallback: none, with _default)"
"$ctl" export containerd --config "$config" --proxy http://127.0.0.1:5000 --out "$out/certs.d" \
  --containerd 1.7 --fallback none --default --force >/dev/null
for f in $(cd "$out/certs.d" && find . -name hosts.toml | sort); do
  echo "--- certs.d/${f#./}"
  cat "$out/certs.d/$f"
done
echo
"$ctl" export registries-conf --config "$config" --proxy 127.0.0.1:5000 --insecure --out "$out/registries.conf" --force >/dev/null
"$ctl" export k3s --config "$config" --proxy http://127.0.0.1:5000 --default --out "$out/registries.yaml" --force >/dev/null
"$ctl" export docker --config "$config" --proxy http://127.0.0.1:5000 --out "$out/daemon.json" --force >/dev/null || true
echo "--- registries.conf"; cat "$out/registries.conf"
echo "--- registries.yaml"; cat "$out/registries.yaml"
echo "--- daemon.json"; cat "$out/daemon.json"
echo
echo "All files are in $out"
