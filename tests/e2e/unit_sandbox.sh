#!/usr/bin/env bash
# e2e: does nsgate stay inside the sandbox its systemd unit builds? Without a
# systemd to enforce the unit here, this runs the whole proxy_pull scenario
# (two upstreams, TLS, a token realm, containerd and skopeo pulling through
# nsgate, faults) with every nsgate process under strace, then holds what the
# processes did against the unit's own lines:
#   SystemCallFilter=   every system call made is in an allowed group and in
#                       no denied one (groups expanded by systemd-analyze);
#   RestrictAddressFamilies=   every socket is of a listed family;
#   MemoryDenyWriteExecute=    no mapping is writable and executable, and no
#                              mprotect makes memory executable.
# One exception, with its reason: SQLite calls fchown() on its journal files
# only when it runs as root (geteuid() == 0), to keep them owned like the
# database; the unit runs nsgate as User=nsgate, where that call never happens.
#
# Usage: unit_sandbox.sh NSGATE NSGATECTL UNIT_FILE

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

require_tools strace systemd-analyze
resolve_nsgate "${1:-}"
resolve_nsgatectl "${2:-}"
UNIT=${3:?usage: unit_sandbox.sh NSGATE NSGATECTL UNIT_FILE}
[[ -r $UNIT ]] || die "no unit file $UNIT"
e2e_init

traces="$WORK/traces"
mkdir -p "$traces"
wrapper="$WORK/nsgate-traced"
cat >"$wrapper" <<EOF
#!/bin/sh
exec strace -f -qq -o "$traces/nsgate.\$\$" "$NSGATE" "\$@"
EOF
chmod +x "$wrapper"

log "proxy_pull with every nsgate under strace"
bash "$(dirname "${BASH_SOURCE[0]}")/proxy_pull.sh" "$wrapper" "$NSGATECTL" >"$WORK/proxy_pull.log" 2>&1 ||
  { tail -n 30 "$WORK/proxy_pull.log" >&2; die "proxy_pull failed under strace"; }
shopt -s nullglob
files=("$traces"/nsgate.*)
((${#files[@]} > 0)) || die "no strace output: nsgate never ran"
log "${#files[@]} nsgate process(es) traced, $(cat "${files[@]}" | wc -l) system calls"

# Syscall names made, from lines such as "123 openat(...) = 3" and
# "123 <... read resumed>...".
sed -E 's/^[0-9]+ +//; s/^<\.\.\. ([a-z0-9_]+) resumed>.*/\1/; s/^([a-z0-9_]+)\(.*/\1/' "${files[@]}" |
  grep -E '^[a-z0-9_]+$' | sort -u >"$WORK/used"
((  $(wc -l <"$WORK/used") > 20 )) || die "implausibly few system calls traced: $(tr '\n' ' ' <"$WORK/used")"

# A group such as @system-service as plain syscall names, nested groups expanded.
expand() {
  systemd-analyze syscall-filter "$1" | grep -E '^    [@a-z0-9_]' | tr -d ' ' | while read -r name; do
    if [[ $name == @* ]]; then expand "$name"; else echo "$name"; fi
  done
}
: >"$WORK/allowed"
: >"$WORK/denied"
while IFS= read -r value; do
  target=allowed
  if [[ $value == ~* ]]; then target=denied; value=${value#\~}; fi
  for item in $value; do
    if [[ $item == @* ]]; then expand "$item"; else echo "$item"; fi
  done >>"$WORK/$target"
done < <(sed -n 's/^SystemCallFilter=//p' "$UNIT")
[[ -s $WORK/allowed ]] || die "the unit has no allowing SystemCallFilter= line"
sort -u -o "$WORK/allowed" "$WORK/allowed"
sort -u -o "$WORK/denied" "$WORK/denied"
if grep -qE '^[0-9]+ +geteuid\(\) += 0$' "${files[@]}"; then
  log "ran as root: SQLite's root-only fchown() of its journal files is not held against the unit"
  sed -i '/^fchown$/d' "$WORK/used"
fi
outside=$(comm -23 "$WORK/used" "$WORK/allowed" | tr '\n' ' ')
[[ -z $outside ]] || die "system calls outside the unit's allowed SystemCallFilter=: $outside"
denied=$(comm -12 "$WORK/used" "$WORK/denied" | tr '\n' ' ')
[[ -z $denied ]] || die "system calls the unit's SystemCallFilter=~ denies: $denied"
log "$(wc -l <"$WORK/used") distinct system calls, all allowed by SystemCallFilter="

families=$(sed -n 's/^RestrictAddressFamilies=//p' "$UNIT")
[[ -n $families ]] || die "the unit has no RestrictAddressFamilies="
while read -r family; do
  [[ " $families " == *" $family "* ]] || die "a socket of family $family, not in RestrictAddressFamilies=$families"
done < <(grep -ohE 'socket(pair)?\(AF_[A-Z0-9]+' "${files[@]}" | sed 's/.*(//' | sort -u)
log "socket families: $(grep -ohE 'socket(pair)?\(AF_[A-Z0-9]+' "${files[@]}" | sed 's/.*(//' | sort -u | tr '\n' ' ')"

if grep -q '^MemoryDenyWriteExecute=yes' "$UNIT"; then
  wx=$(grep -hE '(mmap|mprotect|pkey_mprotect)\(.*(PROT_WRITE\|PROT_EXEC|PROT_EXEC\|PROT_WRITE)' "${files[@]}" | head -3 || true)
  [[ -z $wx ]] || die "writable and executable memory (MemoryDenyWriteExecute=yes): $wx"
  px=$(grep -hE 'mprotect\(.*PROT_EXEC' "${files[@]}" | head -3 || true)
  [[ -z $px ]] || die "mprotect makes memory executable (MemoryDenyWriteExecute=yes): $px"
  log "no writable+executable memory"
fi
