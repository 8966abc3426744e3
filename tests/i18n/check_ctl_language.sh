#!/bin/bash
# nsgatectl speaks the system's language, NSGATECTL_LANG overrides it, and the
# C locale keeps the English text byte for byte (with its plural forms).
# usage: check_ctl_language.sh NSGATECTL CONFIG_DIR
set -uo pipefail

CTL=${1:?usage: check_ctl_language.sh NSGATECTL CONFIG_DIR}
CONFIGS=${2:?usage: check_ctl_language.sh NSGATECTL CONFIG_DIR}
one="$CONFIGS/minimal.json"
two="$CONFIGS/full.json"
failed=0

# expect DESCRIPTION WANT ENV... -- ARGS...: the output's first lines (as many
# as WANT has) must be WANT.
expect() {
  local what=$1 want=$2
  shift 2
  local env=()
  while [[ $1 != -- ]]; do env+=("$1"); shift; done
  shift
  local got
  got=$(env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG -u NSGATECTL_LANG "${env[@]}" "$CTL" "$@" 2>&1 |
    head -n "$(printf '%s\n' "$want" | wc -l)")
  if [[ $got == "$want" ]]; then
    echo "ok   $what"
  else
    echo "FAIL $what"
    echo "  want: $want"
    echo "  got:  $got"
    failed=1
  fi
}

expect "C locale, one" "$one: valid, 1 namespace" LC_ALL=C -- validate "$one"
expect "C locale, two" "$two: valid, 2 namespaces" LC_ALL=C.UTF-8 -- validate "$two"
expect "no locale at all" "$one: valid, 1 namespace" -- validate "$one"
expect "C ignores LANGUAGE (as gettext)" "$one: valid, 1 namespace" LC_ALL=C LANGUAGE=de -- validate "$one"
expect "LANG=de_DE" "$one: gültig, 1 Namespace" LANG=de_DE.UTF-8 -- validate "$one"
expect "LC_MESSAGES=de_AT" "$two: gültig, 2 Namespaces" LANG=C.UTF-8 LC_MESSAGES=de_AT.UTF-8 -- validate "$two"
expect "LANGUAGE=de with LANG=en_US" "$one: gültig, 1 Namespace" LANG=en_US.UTF-8 LANGUAGE=de:en -- validate "$one"
expect "NSGATECTL_LANG=de in C" "$one: gültig, 1 Namespace" LC_ALL=C NSGATECTL_LANG=de -- validate "$one"
expect "NSGATECTL_LANG=en in German" "$one: valid, 1 namespace" LANG=de_DE.UTF-8 NSGATECTL_LANG=en -- validate "$one"
expect "usage error in German" $'nsgatectl: unbekannter Befehl „frobnicate“\nAufruf: nsgatectl BEFEHL [OPTIONEN]' \
  LANG=de_DE.UTF-8 -- frobnicate

# Core's messages (export options, warnings, hosts.toml import notes) follow
# the same language; option names, file names and quoted input stay as written.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
badProxy=(export containerd --config "$one" --proxy ftp://mirror.lan --out "$work/none")
expect "core error in C" \
  'nsgatectl: proxyUrl "ftp://mirror.lan": must be http:// or https:// with a host, optional port and optional path (scheme is not http or https)' \
  LC_ALL=C -- "${badProxy[@]}"
expect "core error in German" \
  'nsgatectl: proxyUrl "ftp://mirror.lan": muss http:// oder https:// mit einem Host, optionalem Port und optionalem Pfad sein (Schema ist weder http noch https)' \
  LC_ALL=C NSGATECTL_LANG=de -- "${badProxy[@]}"
plainCa=(export k3s --config "$one" --proxy http://mirror.lan:5000 --ca /etc/nsgate/ca.pem --force --out "$work/registries.yaml")
expect "export warning in C" 'warning: caPath has no effect: the proxy URL "http://mirror.lan:5000" is plain http' \
  LC_ALL=C -- "${plainCa[@]}"
expect "export warning in German" 'Warnung: caPath wirkt nicht: Die Proxy-URL "http://mirror.lan:5000" ist unverschlüsseltes http' \
  LANG=de_DE.UTF-8 -- "${plainCa[@]}"
mkdir -p "$work/certs.d/ghcr.io"
printf 'server = 5\n' >"$work/certs.d/ghcr.io/hosts.toml"
broken=(import containerd "$work/certs.d" --force --out "$work/draft.json")
expect "import note in C" \
  $'not mapped:\nghcr.io/hosts.toml#/server: server is not a string; containerd\'s default https://<namespace> assumed' \
  LC_ALL=C -- "${broken[@]}"
expect "import note in German" \
  $'nicht zugeordnet:\nghcr.io/hosts.toml#/server: server ist keine Zeichenkette; containerds Vorgabe https://<namespace> angenommen' \
  LC_ALL=C NSGATECTL_LANG=de -- "${broken[@]}"
[[ $failed == 0 ]] || exit 1
