#!/usr/bin/env bash
# e2e: `nsgatectl log follow` is exactly-once under crashes, against a real nsgate:
#   - a generator drives thousands of manifest and blob requests (GET and HEAD,
#     mapped, plus unmapped 404s) through nsgate while the follower is
#     SIGKILLed again and again, each time after it has committed something
#     new, and restarted; after the generator stopped and a last follower run
#     caught up, the store's set of (instanceId, seq) equals the proxy's
#     (GET /admin/v1/events, paged): nothing lost, nothing twice, and the
#     per-minute aggregates count every event once; the last run ends on
#     SIGTERM with exit status 0;
#   - a proxy that pruned events (--events-max 50) before anyone followed it:
#     followed together with the first proxy into the same store, it yields a
#     recorded gap covering the pruned range and every event it still had.
#
# Synchronisation is by polling the store (sqlite3 CLI, read-only) and the
# admin API; the only sleeps vary the moment of a kill.
#
# Usage: log_follow_crash.sh NSGATE NSGATECTL

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

require_tools docker-registry skopeo jq curl sqlite3
resolve_nsgate "${1:-}"
resolve_nsgatectl "${2:-}"
e2e_init

MIN_REQUESTS=5000   # the generator sends at least this many ...
MAX_REQUESTS=20000  # ... and never more
KILLS=12

start_registry up
UP="127.0.0.1:${REG_PORT[up]}"
NS="registry.example.test"
DIGEST="$(make_layout "$WORK/img" 1.0 e2e-log-follow)"
push_image "$WORK/img" 1.0 "$UP/library/app:1.0"
mapfile -t BLOBS < <(layout_blobs "$WORK/img" "$DIGEST" | tail -n +2)

start_nsgate main
MAIN_ADMIN="$NSG_ADMIN" MAIN_REGISTRY="$NSG_REGISTRY" MAIN_TOKEN="$NSG_TOKEN" MAIN_PID="$NSG_PID"
MAIN_TOKEN_FILE="$NSG_DATA/admin-token"
admin GET /admin/v1/config | jq --arg ns "$NS" --arg up "http://$UP" \
  '.namespaces = [{namespace: $ns, upstreams: [{url: $up}]}]' >"$WORK/config.json"
push_config "$WORK/config.json"
MAIN_ID="$(admin GET /admin/v1/info | jq -r .instanceId)"

STORE="$WORK/log.db"
# The store's view, read-only so a poll never creates or locks the file.
q() { [[ -f "$STORE" ]] && sqlite3 -readonly -batch -noheader "$STORE" "$1"; }
cursor_of() { q "SELECT coalesce((SELECT cursor FROM proxies WHERE instance_id = '$1'), 0)" || echo 0; }
cursor_above() { (($(cursor_of "$1") > $2)); }
cursor_is() { [[ "$(cursor_of "$1")" == "$2" ]]; }
# last_seq ADMIN TOKEN: the proxy's newest seq.
last_seq() { curl -sS -H "Authorization: Bearer $2" "$1/admin/v1/events?after=0&limit=1" | jq .lastSeq; }
# proxy_seqs ADMIN TOKEN: every seq the proxy still holds, paged.
proxy_seqs() {
  local after=0 page
  while :; do
    page="$(curl -sS -H "Authorization: Bearer $2" "$1/admin/v1/events?after=$after&limit=10000")"
    [[ "$(jq '.events | length' <<<"$page")" == 0 ]] && break
    jq -r '.events[].seq' <<<"$page"
    after="$(jq '.events[-1].seq' <<<"$page")"
  done
}
store_seqs() { q "SELECT e.seq FROM events e JOIN proxies p ON p.id = e.proxy_id WHERE p.instance_id = '$1' ORDER BY e.seq"; }

# follower NAME ARGS...: `nsgatectl log follow` in the background; sets FOLLOWER.
follower() {
  local name="$1"
  shift
  "$NSGATECTL" log follow --store "$STORE" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  FOLLOWER=$!
  track_pid "$FOLLOWER" "follower $name"
}

# --- the generator --------------------------------------------------------------
# Rounds of 100 requests, one curl per kind with a numbered throw-away query
# parameter (nsgate ignores it) so each URL is its own request on one connection.
generate() {
  local sent=0 n=0 blob
  while ((sent < MAX_REQUESTS)); do
    if ((sent >= MIN_REQUESTS)) && [[ -f "$WORK/kills-done" ]]; then
      break
    fi
    blob="${BLOBS[$((n++ % ${#BLOBS[@]}))]}"
    curl -s -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
      "$MAIN_REGISTRY/v2/library/app/manifests/1.0?ns=$NS&r=[1-30]" >/dev/null || return 1
    curl -s -I "$MAIN_REGISTRY/v2/library/app/manifests/$DIGEST?ns=$NS&r=[1-10]" >/dev/null || return 1
    curl -s -I "$MAIN_REGISTRY/v2/library/app/blobs/$blob?ns=$NS&r=[1-25]" >/dev/null || return 1
    curl -s "$MAIN_REGISTRY/v2/library/app/blobs/$blob?ns=$NS&r=[1-25]" >/dev/null || return 1
    curl -s "$MAIN_REGISTRY/v2/library/app/manifests/x?ns=unmapped.example.test&r=[1-10]" >/dev/null || return 1
    sent=$((sent + 100))
  done
  echo "$sent" >"$WORK/generated"
}
generate &
GEN=$!
track_pid "$GEN" "generator"

# --- kill the follower again and again while requests flow ----------------------
export NSGATE_ADMIN_URL="$MAIN_ADMIN" NSGATE_ADMIN_TOKEN_FILE="$MAIN_TOKEN_FILE"
before=0
for ((k = 1; k <= KILLS; k++)); do
  follower "run$k"
  wait_until "follower run $k to commit past seq $before" "$FOLLOWER" cursor_above "$MAIN_ID" "$before" ||
    die "follower run $k committed nothing new: $(tail -n 5 "$WORK/run$k.err")"
  # Vary where in its work the kill lands (mid-batch, mid-request, idle).
  sleep "0.$((RANDOM % 4))$((RANDOM % 10))"
  kill -KILL "$FOLLOWER"
  wait "$FOLLOWER" 2>/dev/null || true
  before="$(cursor_of "$MAIN_ID")"
  log "kill $k: follower SIGKILLed with the cursor at $before (proxy at $(last_seq "$MAIN_ADMIN" "$MAIN_TOKEN"))"
done
: >"$WORK/kills-done"
gone() { ! kill -0 "$1" 2>/dev/null; }
E2E_READY_TIMEOUT=60 wait_until "the generator to finish" "" gone "$GEN" || die "generator still running"
wait "$GEN" || die "the generator failed (a request through nsgate did not complete)"
log "generator: $(cat "$WORK/generated") requests"

# --- catch up once more, stop with SIGTERM, compare ------------------------------
# The proxy commits its log asynchronously: wait for the last request's event.
LAST="$(cat "$WORK/generated")"
main_at() { [[ "$(last_seq "$MAIN_ADMIN" "$MAIN_TOKEN")" == "$LAST" ]]; }
wait_until "the proxy to log all $LAST requests" "$MAIN_PID" main_at ||
  die "the proxy logged $(last_seq "$MAIN_ADMIN" "$MAIN_TOKEN") events for $LAST requests"
follower final
wait_until "the last follower to reach seq $LAST" "$FOLLOWER" cursor_is "$MAIN_ID" "$LAST" ||
  die "cursor $(cursor_of "$MAIN_ID"), want $LAST: $(tail -n 5 "$WORK/final.err")"
kill -TERM "$FOLLOWER"
rc=0
wait "$FOLLOWER" || rc=$?
((rc == 0)) || die "follower exited $rc on SIGTERM: $(tail -n 5 "$WORK/final.err")"

proxy_seqs "$MAIN_ADMIN" "$MAIN_TOKEN" >"$WORK/proxy.seqs"
store_seqs "$MAIN_ID" >"$WORK/store.seqs"
[[ "$(wc -l <"$WORK/proxy.seqs")" == "$LAST" ]] || die "the proxy holds $(wc -l <"$WORK/proxy.seqs") events, want $LAST"
cmp -s "$WORK/proxy.seqs" "$WORK/store.seqs" ||
  die "store and proxy differ: $(diff "$WORK/proxy.seqs" "$WORK/store.seqs" | head -n 10 | tr '\n' ' ')"
[[ "$(q "SELECT count(*) = count(DISTINCT proxy_id || ':' || seq) FROM events")" == 1 ]] || die "an event is stored twice"
[[ "$(q "SELECT sum(requests) FROM aggregates")" == "$LAST" ]] ||
  die "aggregates count $(q "SELECT sum(requests) FROM aggregates") requests, want $LAST"
[[ "$(q "SELECT count(*) FROM gaps")" == 0 ]] || die "gaps recorded although the proxy pruned nothing"
"$NSGATECTL" log export --store "$STORE" --format json >"$WORK/export.jsonl" || die "log export failed"
# The export is in time order; an event's time is when its request started and
# its seq when it finished, so compare the sets.
cmp -s <(jq -r .seq "$WORK/export.jsonl" | sort -n) "$WORK/proxy.seqs" || die "log export does not list every event once"
log "exactly once: $LAST events after $KILLS SIGKILLs, store == proxy, aggregates == $LAST"

# --- a proxy that pruned before anyone followed: a gap, not a silent hole --------
start_nsgate small --events-max 50
SMALL_ADMIN="$NSG_ADMIN" SMALL_TOKEN="$NSG_TOKEN"
SMALL_ID="$(admin GET /admin/v1/info | jq -r .instanceId)"
curl -s "$NSG_REGISTRY/v2/library/app/manifests/e[1-200]?ns=unmapped.example.test" >/dev/null
small_at() { [[ "$(last_seq "$SMALL_ADMIN" "$SMALL_TOKEN")" == 200 ]]; }
wait_until "200 events on the small proxy" "$NSG_PID" small_at || die "small proxy lastSeq $(last_seq "$SMALL_ADMIN" "$SMALL_TOKEN")"
follower both --admin "$MAIN_ADMIN" --token-file "$MAIN_TOKEN_FILE" --admin "$SMALL_ADMIN" --token-file "$NSG_DATA/admin-token"
wait_until "the follower to reach seq 200 of the small proxy" "$FOLLOWER" cursor_is "$SMALL_ID" 200 ||
  die "small proxy cursor $(cursor_of "$SMALL_ID"): $(tail -n 5 "$WORK/both.err")"
stop_pid "$FOLLOWER"
proxy_seqs "$SMALL_ADMIN" "$SMALL_TOKEN" >"$WORK/small-proxy.seqs"
store_seqs "$SMALL_ID" >"$WORK/small-store.seqs"
gap="$(q "SELECT g.from_seq || ' ' || g.to_seq FROM gaps g JOIN proxies p ON p.id = g.proxy_id WHERE p.instance_id = '$SMALL_ID'")"
read -r gfrom gto <<<"$gap"
[[ "$gfrom" == 1 ]] || die "gap '$gap', want one starting at 1"
# Everything the proxy still had is stored, and gap + stored = 1..200 exactly.
[[ -z "$(comm -23 <(sort "$WORK/small-proxy.seqs") <(sort "$WORK/small-store.seqs"))" ]] ||
  die "events the small proxy still had are missing from the store"
cmp -s <(
  seq 1 "$gto"
  cat "$WORK/small-store.seqs"
) <(seq 1 200) || die "gap 1..$gto plus stored $(head -n1 "$WORK/small-store.seqs")..$(tail -n1 "$WORK/small-store.seqs") is not 1..200"
((gto >= 100)) || die "gap ends at $gto although the proxy keeps about 50 events"
[[ "$(cursor_of "$MAIN_ID")" == "$LAST" ]] || die "following two proxies changed the first one's cursor"
[[ "$(q "SELECT count(*) FROM events e JOIN proxies p ON p.id = e.proxy_id WHERE p.instance_id = '$MAIN_ID'")" == "$LAST" ]] ||
  die "the first proxy's events changed"
log "pruned proxy: gap $gfrom..$gto recorded, $(wc -l <"$WORK/small-store.seqs") events stored, together exactly 1..200"
