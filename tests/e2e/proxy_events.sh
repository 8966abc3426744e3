#!/usr/bin/env bash
# e2e: nsgate's event log through the admin API, against a real nsgate:
#   - the SSE stream (lib/sse_client.py records every `id:`): a client that
#     hangs up in the middle of the stream and reconnects with Last-Event-ID
#     receives every event exactly once (union 1..N, no duplicates, no loss),
#     backlog first, then live; Last-Event-ID wins over `after`; `after=` alone
#     works too;
#   - retention (--events-max 10): after 50 events, paging from 0 reports the
#     pruned range as `gap` {1, 40} and starts at 41; seq is never reused after
#     a restart;
#   - graceful shutdown: SIGTERM with an SSE client connected and a slow blob
#     download in flight: nsgate exits 0 within the grace period, the stream
#     ends cleanly, the download completes or is cut (never corrupted), and after
#     a restart every event acknowledged before the shutdown is in /events.
#
# Events are made by registry requests for an unmapped namespace (one event
# each, 404, never dialled), so their seqs are known in advance.
#
# Usage: proxy_events.sh NSGATE [NSGATECTL]   (or env NSGATE)

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

require_tools docker-registry skopeo jq curl python3 sha256sum
resolve_nsgate "${1:-}"
e2e_init

# restart_nsgate NAME [ARGS...]: start_nsgate again on NAME's data dir. The old
# stdout goes first: start_nsgate may look for the listening line before the
# new process has truncated the file, and would then read the old ports.
restart_nsgate() {
  rm -f "$WORK/$1/stdout"
  start_nsgate "$@"
}

SSE="$E2E_LIB_DIR/sse_client.py"
mkdir -p "$WORK/gen"

# gen N: N registry requests that each make one event, one after the other.
gen() {
  local codes
  codes="$(curl -sS -o "$WORK/gen/#1" -w '%{http_code}\n' \
    "$NSG_REGISTRY/v2/library/app/manifests/e[1-$1]?ns=unmapped.example.test")"
  [[ "$(grep -c '^404$' <<<"$codes")" == "$1" ]] || die "event generator: expected $1 × 404, got: $(sort <<<"$codes" | uniq -c | tr '\n' ' ')"
}
last_seq() { admin GET '/admin/v1/events?after=0&limit=1' | jq .lastSeq; }
last_seq_is() { [[ "$(last_seq)" == "$1" ]]; }
# wait_seq N: until the log has committed seq N.
wait_seq() { wait_until "event $1 committed" "$NSG_PID" last_seq_is "$1" || die "lastSeq is $(last_seq), want $1"; }
# ids FILE: the ids an sse_client recorded, one per line.
ids() { sed -n 's/^id //p' "$1"; }
id_count_at_least() { (($(ids "$1" | wc -l) >= $2)); }
# expect_run FILE FIRST LAST: FILE holds exactly ids FIRST..LAST in order.
expect_run() {
  [[ "$(ids "$1" | tr '\n' ' ')" == "$(seq "$2" "$3" | tr '\n' ' ')" ]] ||
    die "$(basename "$1"): ids $(ids "$1" | tr '\n' ' '), want $2..$3 in order"
}
# sse NAME ARGS...: an SSE client in the background; sets SSE_PID, records to $WORK/NAME.sse.
sse() {
  local name="$1"
  shift
  : >"$WORK/$name.sse"
  python3 "$SSE" --token-file "$NSG_DATA/admin-token" --out "$WORK/$name.sse" --timeout 60 "$@" 2>"$WORK/$name.err" &
  SSE_PID=$!
  track_pid "$SSE_PID" "sse $name"
}
# wait_exit PID WHAT: waits (bounded by E2E_READY_TIMEOUT) for our child PID to
# exit and sets WAIT_RC to its exit status. Not a $(...) function: a subshell
# cannot wait for its parent's children.
gone() { ! kill -0 "$1" 2>/dev/null; }
wait_exit() {
  WAIT_RC=0
  wait_until "$2 to exit" "" gone "$1" || die "$2 did not exit"
  wait "$1" || WAIT_RC=$?
}

start_registry up
UP="127.0.0.1:${REG_PORT[up]}"
NS="registry.example.test"
# A 16 MiB layer: big enough that a rate-limited download is still running when SIGTERM comes.
IMG="$WORK/image"
DIGEST="$(make_layout "$IMG" 1.0 e2e-events --layer-size $((16 * 1024 * 1024)))"
push_image "$IMG" 1.0 "$UP/library/app:1.0"

GRACE=3
start_nsgate ev --shutdown-grace "$GRACE"
INSTANCE="$(admin GET /admin/v1/info | jq -r .instanceId)"

# --- SSE: hang up mid-stream, resume with Last-Event-ID -------------------------------
gen 20
wait_seq 20
sse one --url "$NSG_ADMIN/admin/v1/events/stream" --max-events 30
P1=$SSE_PID
wait_until "backlog 1..20 on the first stream" "$P1" id_count_at_least "$WORK/one.sse" 20 || die "first stream: $(cat "$WORK/one.sse" "$WORK/one.err")"
gen 15 # 21..35: the first client takes 21..30 live and hangs up in the middle
wait_exit "$P1" "first SSE client"
((WAIT_RC == 0)) || die "first SSE client failed: $(cat "$WORK/one.err")"
grep -qx stopped "$WORK/one.sse" || die "first SSE client did not hang up itself"
expect_run "$WORK/one.sse" 1 30
gen 10 # 36..45 while nobody listens
wait_seq 45
# Reconnect as an EventSource does: same URL (with a stale after=5), Last-Event-ID 30.
sse two --url "$NSG_ADMIN/admin/v1/events/stream?after=5" --last-event-id 30 --max-events 25
P2=$SSE_PID
wait_until "backlog 31..45 on the second stream" "$P2" id_count_at_least "$WORK/two.sse" 15 || die "second stream: $(cat "$WORK/two.sse" "$WORK/two.err")"
ids "$WORK/two.sse" | tail -n1 | grep -qx 45 || die "second stream's backlog does not end at 45: $(ids "$WORK/two.sse" | tr '\n' ' ')"
gen 10 # 46..55 live
wait_exit "$P2" "second SSE client"
((WAIT_RC == 0)) || die "second SSE client failed: $(cat "$WORK/two.err")"
expect_run "$WORK/two.sse" 31 55
N=55
union="$(cat <(ids "$WORK/one.sse") <(ids "$WORK/two.sse") | sort -n)"
[[ "$(uniq -d <<<"$union")" == "" ]] || die "events delivered twice: $(uniq -d <<<"$union" | tr '\n' ' ')"
[[ "$union" == "$(seq 1 "$N")" ]] || die "union of both streams is not 1..$N"
log "SSE: 1..30 then hang-up, Last-Event-ID 30 → 31..45 backlog then 46..55 live; union exactly 1..$N"
sse three --url "$NSG_ADMIN/admin/v1/events/stream?after=50" --max-events 5
wait_exit "$SSE_PID" "third SSE client"
((WAIT_RC == 0)) || die "third SSE client failed: $(cat "$WORK/three.err")"
expect_run "$WORK/three.sse" 51 55
log "SSE: after=50 → 51..55"

# --- graceful shutdown ----------------------------------------------------------------
jq -n --arg n "$NS" --arg u "http://$UP" '{schemaVersion: 1, namespaces: [{namespace: $n, upstreams: [{url: $u}]}]}' >"$WORK/config.json"
push_config "$WORK/config.json"
sse live --url "$NSG_ADMIN/admin/v1/events/stream?after=$N"
PLIVE=$SSE_PID
wait_until "live stream open" "$PLIVE" grep -qx 'open 200' "$WORK/live.sse" || die "live stream: $(cat "$WORK/live.err")"
# Fill the cache (3 events), then download the layer slowly from the cache.
MT='application/vnd.oci.image.manifest.v1+json'
curl -sS -f -o "$WORK/manifest.json" -H "Accept: $MT" "$NSG_REGISTRY/v2/library/app/manifests/1.0?ns=$NS" || die "manifest pull failed"
[[ "sha256:$(sha256sum <"$WORK/manifest.json" | cut -d' ' -f1)" == "$DIGEST" ]] || die "manifest pulled through nsgate has the wrong digest"
LAYER="$(jq -r '.layers[0].digest' "$WORK/manifest.json")"
CONFIG="$(jq -r '.config.digest' "$WORK/manifest.json")"
curl -sS -f -o "$WORK/config.blob" "$NSG_REGISTRY/v2/library/app/blobs/$CONFIG?ns=$NS" || die "config blob pull failed"
curl -sS -f -o "$WORK/layer.full" "$NSG_REGISTRY/v2/library/app/blobs/$LAYER?ns=$NS" || die "layer pull failed"
[[ "sha256:$(sha256sum <"$WORK/layer.full" | cut -d' ' -f1)" == "$LAYER" ]] || die "layer pulled through nsgate has the wrong digest"
ACKED=$((N + 3))
wait_until "live events up to $ACKED" "$PLIVE" id_count_at_least "$WORK/live.sse" 3 || die "live stream: $(cat "$WORK/live.sse")"
expect_run "$WORK/live.sse" $((N + 1)) "$ACKED"
python3 "$E2E_LIB_DIR/slow_get.py" --url "$NSG_REGISTRY/v2/library/app/blobs/$LAYER?ns=$NS" --out "$WORK/slow.blob" \
  --rate $((1024 * 1024)) --timeout 60 2>"$WORK/slow.err" &
PSLOW=$!
track_pid "$PSLOW" "slow download"
wait_until "slow download under way" "$PSLOW" grep -qx started "$WORK/slow.blob.status" || die "the slow download did not start: $(cat "$WORK/slow.err")"
log "SIGTERM right after 5 more requests, with an SSE client connected and a download at $(stat -c %s "$WORK/slow.blob") of $(stat -c %s "$WORK/layer.full") bytes"
# Five more requests answered just before SIGTERM: their events may still be
# queued for the log's writer, and must be flushed by the shutdown.
gen 5
T0="$(date +%s%N)"
kill -TERM "$NSG_PID"
E2E_READY_TIMEOUT=$((GRACE + 10)) wait_exit "$NSG_PID" nsgate
rc=$WAIT_RC
took_ms=$((($(date +%s%N) - T0) / 1000000))
[[ "$rc" == 0 ]] || die "nsgate exited with $rc after SIGTERM: $(tail -n 5 "$WORK/ev/stderr")"
((took_ms <= (GRACE + 2) * 1000)) || die "nsgate took ${took_ms} ms to exit, grace is ${GRACE} s"
wait_exit "$PLIVE" "live SSE client"
((WAIT_RC == 0)) || die "live SSE client: $(cat "$WORK/live.err")"
grep -qx eof "$WORK/live.sse" || die "the live stream did not end with the shutdown"
wait_exit "$PSLOW" "slow download"
slow_rc=$WAIT_RC
got="$(stat -c %s "$WORK/slow.blob")" full="$(stat -c %s "$WORK/layer.full")"
if [[ "$slow_rc" == 0 ]]; then
  cmp -s "$WORK/slow.blob" "$WORK/layer.full" || die "the download completed with wrong bytes"
  outcome="completed"
else
  [[ "$slow_rc" == 1 ]] || die "the slow download ended with status $slow_rc: $(cat "$WORK/slow.blob.status" "$WORK/slow.err")"
  ((got < full)) || die "the download was cut although all $full bytes arrived"
  cmp -s -n "$got" "$WORK/slow.blob" "$WORK/layer.full" || die "the cut download is not a prefix of the blob"
  outcome="cut at $got of $full bytes"
fi
log "nsgate exited 0 after ${took_ms} ms (grace ${GRACE} s); stream ended; download $outcome"

cp "$WORK/ev/stderr" "$WORK/ev.stderr.first"
restart_nsgate ev --shutdown-grace "$GRACE"
admin GET '/admin/v1/events?after=0&limit=10000' >"$WORK/after-restart.json"
jq -e --arg id "$INSTANCE" '.instanceId == $id' "$WORK/after-restart.json" >/dev/null || die "instanceId changed across the restart"
kept="$(jq -c '[.events[].seq]' "$WORK/after-restart.json")"
LAST="$(jq .lastSeq "$WORK/after-restart.json")"
ANSWERED=$((ACKED + 5))
((LAST >= ANSWERED)) || die "after restart lastSeq is $LAST; events up to $ANSWERED were acknowledged"
[[ "$kept" == "$(seq 1 "$LAST" | jq -sc .)" ]] || die "after restart the log is not 1..$LAST: $kept"
streamed="$(cat <(ids "$WORK/one.sse") <(ids "$WORK/two.sse") <(ids "$WORK/three.sse") <(ids "$WORK/live.sse") | sort -nu | jq -sc .)"
(($(jq length <<<"$streamed") >= ACKED)) || die "the streams saw $(jq length <<<"$streamed") distinct events, want at least $ACKED"
lost="$(jq -c --argjson s "$streamed" '$s - [.events[].seq]' "$WORK/after-restart.json")"
[[ "$lost" == "[]" ]] || die "events streamed before the shutdown are gone after it: $lost"
jq -e --argjson a "$ACKED" --arg l "$LAYER" '[.events[] | select(.seq > ($a - 3) and .seq <= $a) | .status] == [200, 200, 200]
  and (.events[] | select(.seq == $a) | .digest == $l and .cache == "miss")' "$WORK/after-restart.json" >/dev/null ||
  die "the pull's events are not 56..58 as served: $(jq -c --argjson a "$ACKED" '[.events[] | select(.seq > $a - 3)]' "$WORK/after-restart.json")"
jq -e --argjson a "$ACKED" '[.events[] | select(.seq > $a and .seq <= $a + 5) | select(.status == 404 and .mismatch == "unmapped")] | length == 5' \
  "$WORK/after-restart.json" >/dev/null || die "the 5 requests answered right before SIGTERM are not events $((ACKED + 1))..$ANSWERED"
slow_events="$(jq -c --argjson a "$ANSWERED" '[.events[] | select(.seq > $a) | {seq, status, bytes, decision, detail, digest}]' "$WORK/after-restart.json")"
# The download the grace period cut still has its event, counting the bytes
# that left nsgate: at least what the client got, less than the blob.
if [[ "$slow_rc" != 0 ]]; then
  jq -e --arg l "$LAYER" --argjson got "$got" --argjson full "$full" \
    'length == 1 and (.[0] | .digest == $l and .status == 200 and .bytes >= $got and .bytes < $full)' \
    <<<"$slow_events" >/dev/null || die "the cut download's event is missing or wrong (client got $got of $full): $slow_events"
fi
log "restart: events 1..$LAST kept, including the 5 answered right before SIGTERM (the cut download's event: $slow_events)"
gen 1
wait_seq $((LAST + 1))
log "seq continues at $((LAST + 1)) after the restart"

# --- retention gap --------------------------------------------------------------------
start_nsgate ret --events-max 10
gen 50
wait_seq 50
oldest_is() { [[ "$(admin GET '/admin/v1/events?after=0&limit=1' | jq .oldestSeq)" == "$1" ]]; }
wait_until "retention down to 10 events" "$NSG_PID" oldest_is 41 ||
  die "oldestSeq is $(admin GET '/admin/v1/events?after=0&limit=1' | jq .oldestSeq), want 41 with --events-max 10"
# page AFTER: the reply, with the events' seqs only.
page() { admin GET "/admin/v1/events?after=$1" | jq -c '{gap, lastSeq, oldestSeq, seqs: [.events[].seq]}'; }
want() { jq -nc --argjson gap "$1" --argjson from "$2" '{gap: $gap, lastSeq: 50, oldestSeq: 41, seqs: [range($from; 51)]}'; }
for c in '0|{"from":1,"to":40}|41' '35|{"from":36,"to":40}|41' '39|{"from":40,"to":40}|41' '40|null|41' '45|null|46'; do
  IFS='|' read -r after gap from <<<"$c"
  got="$(page "$after")"
  [[ "$got" == "$(want "$gap" "$from")" ]] || die "events?after=$after: $got, want $(want "$gap" "$from")"
done
admin GET '/admin/v1/events?after=0' | jq -e '.events[0] | .seq == 41 and .object == "manifest" and .status == 404 and .mismatch == "unmapped"' >/dev/null ||
  die "the first kept event is not a whole event record"
log "--events-max 10 after 50 events: after=0 → gap {1,40} then 41..50; after=35 → gap {36,40}; after=40 → no gap"
stop_pid "$NSG_PID"
restart_nsgate ret --events-max 10
gen 1
wait_seq 51
got="$(admin GET '/admin/v1/events?after=0' | jq -c '{gap, seqs: [.events[].seq]}')"
[[ "$got" == '{"gap":{"from":1,"to":41},"seqs":[42,43,44,45,46,47,48,49,50,51]}' ]] || die "after restart and one more event: $got"
log "after a restart the next event is 51 (never reused); the gap moves to {1,41}"
