#!/usr/bin/env bash
# Installs the Debian packages listed in packaging/debian-<set>.txt for each set
# named on the command line (build, test, run). Idempotent and quiet when
# everything is present; needs root (or sudo) only when something is missing.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

wanted=()
for set in "$@"; do
  list="$here/packaging/debian-$set.txt"
  [[ -f $list ]] || { echo "deps.sh: no package list $list" >&2; exit 2; }
  while read -r pkg _; do
    [[ -z $pkg || $pkg == \#* ]] && continue
    wanted+=("$pkg")
  done < "$list"
done

missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "deps.sh: installing ${missing[*]}" >&2
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
# Package lists may be missing or stale on a fresh machine.
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
