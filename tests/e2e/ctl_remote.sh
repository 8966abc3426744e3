#!/usr/bin/env bash
# e2e: nsgatectl's remote commands against a real nsgate: config get/put with
# If-Match from the file (a stale file is refused, never overwrites), every
# validation error listed with its pointer, revisions, events (paged and
# followed), and probe, which tells an ns-aware proxy (nsgate) from a mirror
# that ignores ns (a plain docker-registry).
#
# Usage: ctl_remote.sh NSGATE NSGATECTL

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

require_tools docker-registry skopeo jq curl
resolve_nsgate "${1:-}"
resolve_nsgatectl "${2:-}"
e2e_init

start_registry up
UP="127.0.0.1:${REG_PORT[up]}"
NS="registry.example.test"
DIGEST="$(make_layout "$WORK/img" 1.0 e2e-ctl-remote)"
push_image "$WORK/img" 1.0 "$UP/library/app:1.0"

start_nsgate proxy
export NSGATE_ADMIN_URL="$NSG_ADMIN"
export NSGATE_ADMIN_TOKEN_FILE="$NSG_DATA/admin-token"
ctl() { timeout "$E2E_CMD_TIMEOUT" "$NSGATECTL" "$@"; }

# --- config get / put ------------------------------------------------------------
ctl config get --out "$WORK/c1.json" 2>/dev/null || die "config get failed"
[[ "$(jq .revision "$WORK/c1.json")" == 1 ]] || die "a new proxy should be at revision 1"
jq --arg ns "$NS" --arg up "http://$UP" '.namespaces = [{namespace: $ns, upstreams: [{url: $up}]}]' \
  "$WORK/c1.json" >"$WORK/c2.json"
ctl config put "$WORK/c2.json" --dry-run >"$WORK/dry.out" || die "dry run failed"
grep -qx "+$NS" "$WORK/dry.out" || die "dry run did not list +$NS: $(cat "$WORK/dry.out")"
[[ "$(ctl config get | jq .revision)" == 1 ]] || die "a dry run changed the revision"
REV="$(ctl config put "$WORK/c2.json" --actor e2e-tester)" || die "config put failed"
[[ "$REV" == 2 ]] || die "config put printed '$REV', want 2"

# The same file again: its revision (1) is stale now; nothing is overwritten.
rc=0; ctl config put "$WORK/c2.json" >/dev/null 2>"$WORK/stale.err" || rc=$?
((rc == 1)) || die "stale put exited $rc, want 1"
grep -q 412 "$WORK/stale.err" || die "stale put did not report 412: $(cat "$WORK/stale.err")"
[[ "$(ctl config get | jq .revision)" == 2 ]] || die "a stale put changed the config"

# Several independent errors: every one comes back with its pointer.
ctl config get >"$WORK/c3.json"
jq '.namespaces[0].upstreams[0].url = "ftp://x" | .namespaces[0].policy.allow = ["Bad/*"] | .defaultNamespace = "nope.test"' \
  "$WORK/c3.json" >"$WORK/bad.json"
rc=0; ctl config put "$WORK/bad.json" >/dev/null 2>"$WORK/bad.err" || rc=$?
((rc == 1)) || die "invalid put exited $rc, want 1"
for p in /namespaces/0/upstreams/0/url /namespaces/0/policy/allow/0 /defaultNamespace; do
  grep -q "^$p: " "$WORK/bad.err" || die "invalid put did not list $p:"$'\n'"$(cat "$WORK/bad.err")"
done
ctl config revisions >"$WORK/revs.out"
head -n 1 "$WORK/revs.out" | grep -qP "^2\t.*\te2e-tester\t\+$NS$" || die "revisions: $(cat "$WORK/revs.out")"
log "config get/put/revisions: If-Match from the file, stale refused, every error listed"

# --- events ------------------------------------------------------------------------
ctl events --follow --json >"$WORK/follow.out" 2>"$WORK/follow.err" &
FOLLOW=$!
track_pid "$FOLLOW" "nsgatectl events --follow"
curl -sf -o /dev/null -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
  "$NSG_REGISTRY/v2/library/app/manifests/1.0?ns=$NS" || die "pull through nsgate failed"
curl -s -o /dev/null "$NSG_REGISTRY/v2/library/app/manifests/1.0?ns=unmapped.example.test"
lines_at_least() { (($(wc -l <"$1") >= $2)); }
wait_until "followed events" "$FOLLOW" lines_at_least "$WORK/follow.out" 2
jq -e -s --arg d "$DIGEST" 'map(select(.digest == $d and .cache == "miss")) | length == 1' "$WORK/follow.out" >/dev/null ||
  die "events --follow: no miss event for $DIGEST:"$'\n'"$(cat "$WORK/follow.out")"
jq -e -s 'map(select(.mismatch == "unmapped" and .status == 404)) | length == 1' "$WORK/follow.out" >/dev/null ||
  die "events --follow: no unmapped event"
stop_pid "$FOLLOW"
ctl events --json >"$WORK/paged.out" || die "events failed"
cmp -s <(jq -c .seq "$WORK/paged.out") <(jq -c .seq "$WORK/follow.out") || die "paged and followed events differ"
ctl events --after 1 --json | jq -e -s 'length == 1 and .[0].seq == 2' >/dev/null || die "events --after 1"
log "events: paged and followed agree ($(wc -l <"$WORK/paged.out") events)"

# --- probe -------------------------------------------------------------------------
ctl probe "$NS/library/app:1.0" --registry "$NSG_REGISTRY" >"$WORK/probe.out" || die "probe of nsgate failed: $(cat "$WORK/probe.out")"
grep -q "^digest: *$DIGEST$" "$WORK/probe.out" || die "probe digest: $(cat "$WORK/probe.out")"
grep -q "^OCI-Namespace: *$NS$" "$WORK/probe.out" || die "probe OCI-Namespace: $(cat "$WORK/probe.out")"
grep -q "^verdict: *honours ns" "$WORK/probe.out" || die "probe verdict for nsgate: $(cat "$WORK/probe.out")"
rc=0; ctl probe "$NS/library/app:1.0" --registry "http://$UP" >"$WORK/probe2.out" || rc=$?
((rc == 1)) || die "probe of a plain registry exited $rc, want 1"
grep -q "^verdict: *ignores ns" "$WORK/probe2.out" || die "probe verdict for a plain registry: $(cat "$WORK/probe2.out")"
log "probe: nsgate honours ns; a plain registry ignores it"

# --- tag revalidation: a HEAD, not a GET -------------------------------------------------
# With tagTtlSeconds 0 every tag request asks upstream; a confirming HEAD must do,
# so the upstream sees no second manifest GET (rate-limited registries count GETs).
jq --arg ns "$NS" --arg up "http://$UP" '{schemaVersion: 1, namespaces: [{namespace: $ns, upstreams: [{url: $up}], policy: {tagTtlSeconds: 0}}]}' \
  -n >"$WORK/ttl0.json"
push_config "$WORK/ttl0.json"
MARK="$(log_mark up)"
for round in 1 2; do
  curl -sSf -o "$WORK/m$round.json" -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    "$NSG_REGISTRY/v2/library/app/manifests/1.0?ns=$NS" || die "pull $round by tag failed"
  [[ "sha256:$(sha256sum <"$WORK/m$round.json" | cut -d' ' -f1)" == "$DIGEST" ]] || die "pull $round: wrong manifest"
done
curl -sS -o /dev/null "http://$UP/v2/?sync=revalidate"
wait_until "upstream access log" "" grep -qF 'GET /v2/?sync=revalidate ' "${REG_ACCESS_LOG[up]}"
reqs="$(requests_since up "$MARK")"
heads="$(printf '%s\n' "$reqs" | awk '$1 == "HEAD" && $2 == "/v2/library/app/manifests/1.0" && $3 == 200' | wc -l)"
gets="$(printf '%s\n' "$reqs" | awk '$1 == "GET" && $2 ~ /^\/v2\/library\/app\/manifests\// ' | wc -l)"
((heads == 2 && gets == 0)) || die "revalidation: want 2 HEADs and no manifest GET upstream, got:"$'\n'"$reqs"
revalidated() {
  (($(ctl events --json | jq -s '[.[] | select(.reference == "1.0" and .cache == "hit" and ((.detail // "") | startswith("revalidated")))] | length') >= 2))
}
wait_until "revalidated hits" "$NSG_PID" revalidated || die "revalidated tag requests were not recorded as hits"
log "tag revalidation: two HEADs upstream, no manifest GET, both recorded as revalidated hits"
