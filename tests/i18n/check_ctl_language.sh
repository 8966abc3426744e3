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
[[ $failed == 0 ]] || exit 1
