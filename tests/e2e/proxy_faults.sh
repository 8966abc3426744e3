#!/usr/bin/env bash
# e2e: nsgate's cache under faults.
#
# (a) Corrupt upstream: a scripted upstream sends wrong bytes of the announced
#     length. The client's transfer is cut short, nothing is cached (no file
#     for the digest, tmp/ empty), the event says decision "failed" with a
#     digest-mismatch detail, and the next request fetches again.
# (c) kill -9 mid-fetch: three cold blobs trickle from a throttled upstream
#     (nsgate fills its cache at upstream speed whatever the clients' speed,
#     so the upstream is what must be slow) and nsgate is SIGKILLed while their
#     temporary files are partial. Every file under cache/blobs hashes to its
#     name, tmp/ is empty after the restart, the killed digests are fetched
#     again with correct bytes, a blob completed before the kill is a hit, and
#     a tag cached before the kill is still listed by GET /admin/v1/cache.
# (b) Upstream down (the docker-registry stopped): a cached tag past its TTL
#     (tagTtlSeconds 0) is served stale with "stale: …" in the event; an
#     uncached tag and an uncached blob get 502/504 with an OCI error body and
#     decision "failed"; with serveStale false the cached tag is refused.
# (d) Bounded memory: a 1 GiB blob (pushed with a monolithic POST + PUT) goes
#     to two clients reading at 20 MiB/s, one cold (through the transfer) and
#     one warm (sendfile from the cache, started once the blob is verified);
#     nsgate's VmRSS, sampled throughout, and its VmHWM stay under 64 MiB.
#     This part takes about a minute (1 GiB at 20 MiB/s).
#
# Usage: proxy_faults.sh NSGATE [NSGATECTL]   (or env NSGATE)

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$E2E_LIB_DIR/blobs.sh"

require_tools docker-registry skopeo curl jq openssl
resolve_nsgate "${1:-}"
e2e_init

RSS_LIMIT_KB=$((64 << 10))
HUGE_SIZE=$((1 << 30))
KILL_SIZE=$((24 << 20))
# Per upstream connection while nsgate is being killed: the three fills are
# still running a few seconds later.
SLOW_RATE=2000000

start_registry up
start_registry big
NS_BAD="bad.example.test"
NS_SLOW="slow.example.test"
NS_REG="reg.example.test"

mkdir -p "$WORK/bu-bad" "$WORK/bu-slow"
BAD="$(make_blob "$WORK/bu-bad/x" $((4 << 20)))"
mv "$WORK/bu-bad/x" "$WORK/bu-bad/${BAD#sha256:}"
declare -a KILLED=()
for i in 1 2 3; do
  d="$(make_blob "$WORK/bu-slow/x" "$KILL_SIZE")"
  mv "$WORK/bu-slow/x" "$WORK/bu-slow/${d#sha256:}"
  KILLED+=("$d")
done
DONE="$(make_blob "$WORK/bu-slow/x" $((256 << 10)))"
mv "$WORK/bu-slow/x" "$WORK/bu-slow/${DONE#sha256:}"
start_blob_upstream bad "$WORK/bu-bad" --corrupt
start_blob_upstream slow "$WORK/bu-slow" --rate "$SLOW_RATE"

IMG="$WORK/images"
APP="$(make_layout "$IMG/app" 1.0 e2e-faults)"
APP_LAYER="$(layout_blobs "$IMG/app" "$APP" | tail -n 1)"
push_image "$IMG/app" 1.0 "127.0.0.1:${REG_PORT[up]}/library/app:1.0"

start_nsgate proxy --quiet
# config_json SERVE_STALE: the three namespaces; reg.example.test revalidates
# tags on every request.
config_json() {
  jq -n --arg bad "$NS_BAD" --arg slow "$NS_SLOW" --arg reg "$NS_REG" --argjson stale "$1" \
    --arg ubad "http://127.0.0.1:${BU_PORT[bad]}" --arg uslow "http://127.0.0.1:${BU_PORT[slow]}" \
    --arg ureg "http://127.0.0.1:${REG_PORT[up]}" '{
    schemaVersion: 1,
    namespaces: [
      {namespace: $bad, upstreams: [{url: $ubad}]},
      {namespace: $slow, upstreams: [{url: $uslow}]},
      {namespace: $reg, upstreams: [{url: $ureg}], policy: {tagTtlSeconds: 0, serveStale: $stale}}
    ]
  }'
}
config_json true >"$WORK/config.json"
push_config "$WORK/config.json"

# fetch URL OUT: "<rc> <http code> <bytes>" of a bounded GET (body to OUT).
fetch() {
  local rc=0 out
  out="$(curl -sS --max-time 60 -o "$2" -w '%{http_code} %{size_download}' "$1" 2>"$2.err")" || rc=$?
  printf '%s %s\n' "$rc" "$out"
}
tmp_files() { find "$NSG_DATA/cache/tmp" -type f | wc -l; }

# --- (a) corrupt upstream ----------------------------------------------------------------
URL="$NSG_REGISTRY/v2/lib/bad/blobs/$BAD?ns=$NS_BAD"
for attempt in 1 2; do
  read -r rc code size < <(fetch "$URL" "$WORK/bad.out")
  ((rc != 0)) || die "corrupt blob, attempt $attempt: curl succeeded (HTTP $code, $size bytes); the transfer must be cut short"
  ((size < 4 << 20)) || die "corrupt blob, attempt $attempt: the client received all $size bytes"
  [[ ! -e "$(cache_file "$NSG_DATA" "$BAD")" ]] || die "corrupt bytes were cached as $BAD"
  wait_until "temporary files removed" "$NSG_PID" test "$(tmp_files)" -eq 0 ||
    die "cache/tmp still holds a file after a failed verification"
  wait_events "$attempt" ".digest == \"$BAD\" and .decision == \"failed\" and (.detail // \"\" | test(\"digest mismatch\"))" \
    "failed event for the corrupt blob"
  log "corrupt blob, attempt $attempt: curl exit $rc after $size of $((4 << 20)) bytes (HTTP $code)"
done
[[ "$(bu_count bad GET "/v2/lib/bad/blobs/$BAD" 200)" == 2 ]] ||
  die "the second request did not fetch again: $(cat "${BU_LOG[bad]}")"
[[ "$(verify_cache_files "$NSG_DATA")" == 0 ]] || die "files in the cache after a failed fetch"
log "(a) corrupt upstream: client cut short, nothing cached, event failed with the mismatch, refetched"

# --- (b) prepare: a tag cached while the upstream is up ------------------------------------
ACCEPT='application/vnd.oci.image.manifest.v1+json'
TAG_URL="$NSG_REGISTRY/v2/library/app/manifests/1.0?ns=$NS_REG"
code="$(curl -sS --max-time 30 -H "Accept: $ACCEPT" -o "$WORK/tag.out" -w '%{http_code}' "$TAG_URL")"
[[ "$code" == 200 && "$(file_digest "$WORK/tag.out")" == "$APP" ]] || die "tag pull with the upstream up: $code"

# --- (c) kill -9 during cold fetches --------------------------------------------------------
read -r rc code size < <(fetch "$NSG_REGISTRY/v2/lib/slow/blobs/$DONE?ns=$NS_SLOW" "$WORK/done.out")
[[ "$rc $code $size" == "0 200 $((256 << 10))" ]] || die "small blob before the kill: $rc $code $size"
# Clients finish once the bytes are verified; the fsync and rename follow.
wait_until "the small blob in the cache" "$NSG_PID" test -f "$(cache_file "$NSG_DATA" "$DONE")" ||
  die "the small blob was not cached"
declare -a CLIENTS=()
for i in 0 1 2; do
  curl -sS --limit-rate 1M --max-time 60 -o "$WORK/killed.$i" -w '%{http_code} %{size_download}\n' \
    "$NSG_REGISTRY/v2/lib/slow/blobs/${KILLED[$i]}?ns=$NS_SLOW" >"$WORK/killed.$i.w" 2>"$WORK/killed.$i.err" &
  CLIENTS+=("$!")
  track_pid "$!" "slow client $i"
done
# Kill once each fill has a partial temporary file of at least 2 MiB.
partial_fills() {
  local n
  n="$(find "$NSG_DATA/cache/tmp" -type f -size +2048k | wc -l)"
  ((n == 3))
}
wait_until "three partial fills" "$NSG_PID" partial_fills || die "the three cold fills did not start"
kill -KILL "$NSG_PID"
wait "$NSG_PID" 2>/dev/null || true
log "nsgate killed (SIGKILL) with $(find "$NSG_DATA/cache/tmp" -type f -printf '%s ' ) bytes in cache/tmp"
for i in 0 1 2; do
  rc=0
  wait "${CLIENTS[$i]}" || rc=$?
  read -r code size <"$WORK/killed.$i.w" || true
  ((rc != 0)) || die "client $i completed although nsgate was killed"
  ((${size:-0} < KILL_SIZE)) || die "client $i received every byte of a blob nsgate never finished"
  rm -f "$WORK/killed.$i"
done
for d in "${KILLED[@]}"; do
  [[ ! -e "$(cache_file "$NSG_DATA" "$d")" ]] || die "a partial fill of $d is under cache/blobs"
done
checked="$(verify_cache_files "$NSG_DATA")"
((checked >= 2)) || die "only $checked cache files after the kill; the small blob and the manifest were cached"
(($(tmp_files) > 0)) || die "the kill left no partial file: nsgate was not killed mid-fetch"

curl -sS -X POST -o /dev/null "http://127.0.0.1:${BU_PORT[slow]}/_control/rate?bps=0"
start_nsgate proxy --quiet
(($(tmp_files) == 0)) || die "cache/tmp is not empty after the restart: $(ls -l "$NSG_DATA/cache/tmp")"
checked="$(verify_cache_files "$NSG_DATA")"
listed="$(admin GET "/admin/v1/cache?namespace=$NS_REG" | jq -r --arg d "$APP" '
  [.[] | select(.repository == "library/app" and .tag == "1.0" and .digest == $d)] | length')"
[[ "$listed" == 1 ]] || die "the tag cached before the kill is not listed: $(admin GET "/admin/v1/cache?namespace=$NS_REG")"

read -r rc code size < <(fetch "$NSG_REGISTRY/v2/lib/slow/blobs/$DONE?ns=$NS_SLOW" "$WORK/done.out")
[[ "$rc $code" == "0 200" && "$(file_digest "$WORK/done.out")" == "$DONE" ]] || die "small blob after restart: $rc $code"
declare -a CLIENTS=()
for i in 0 1 2; do
  curl -sS --max-time 60 -o "$WORK/again.$i" -w '%{http_code}' \
    "$NSG_REGISTRY/v2/lib/slow/blobs/${KILLED[$i]}?ns=$NS_SLOW" >"$WORK/again.$i.w" 2>"$WORK/again.$i.err" &
  CLIENTS+=("$!")
  track_pid "$!" "refetch client $i"
done
for i in 0 1 2; do
  wait "${CLIENTS[$i]}" || die "refetch $i failed: $(cat "$WORK/again.$i.err")"
  [[ "$(cat "$WORK/again.$i.w")" == 200 ]] || die "refetch $i answered $(cat "$WORK/again.$i.w")"
  [[ "$(file_digest "$WORK/again.$i")" == "${KILLED[$i]}" ]] || die "refetch $i: wrong bytes"
  [[ "$(bu_count slow GET "/v2/lib/slow/blobs/${KILLED[$i]}" 200)" == 2 ]] || die "${KILLED[$i]} was not fetched again"
  wait_events 1 ".digest == \"${KILLED[$i]}\" and .cache == \"miss\" and .decision == \"served\" and .status == 200" \
    "refetch event $i"
  rm -f "$WORK/again.$i"
done
[[ "$(bu_count slow GET "/v2/lib/slow/blobs/$DONE" 200)" == 1 ]] || die "the blob completed before the kill was fetched again"
wait_events 1 ".digest == \"$DONE\" and .cache == \"hit\" and .status == 200" "hit after restart"
checked="$(verify_cache_files "$NSG_DATA")"
log "(c) kill -9: partial fills never became cache files; tmp empty after restart; $checked cache files verified; refetched with correct bytes"

# --- (b) upstream down ----------------------------------------------------------------------
stop_pid "$(registry_pid up)"
TAG_URL="$NSG_REGISTRY/v2/library/app/manifests/1.0?ns=$NS_REG" # the restarted nsgate's port
code="$(curl -sS --max-time 30 -H "Accept: $ACCEPT" -D "$WORK/stale.hdr" -o "$WORK/tag.out" -w '%{http_code}' "$TAG_URL")"
[[ "$code" == 200 ]] || die "cached tag with the upstream down (serveStale true): $code, want 200"
[[ "$(file_digest "$WORK/tag.out")" == "$APP" ]] || die "stale tag: wrong manifest"
grep -qix "docker-content-digest: $APP" < <(tr -d '\r' <"$WORK/stale.hdr") || die "stale tag: no Docker-Content-Digest"
wait_events 1 ".reference == \"1.0\" and .cache == \"hit\" and .decision == \"served\" and (.detail // \"\" | startswith(\"stale: \"))" \
  "stale event"
log "stale tag served; event detail: $(admin GET '/admin/v1/events?after=0&limit=10000' |
  jq -r '[.events[] | select(.reference == "1.0" and (.detail // "" | startswith("stale")))][0].detail')"

# expect_unavailable LABEL URL: 502/504 with an OCI error body and a failed event.
expect_unavailable() {
  local label="$1" url="$2" code before
  before="$(events_count ".status >= 502 and .status <= 504 and .decision == \"failed\"")"
  code="$(curl -sS --max-time 60 -H "Accept: $ACCEPT" -o "$WORK/err.out" -w '%{http_code}' "$url")"
  [[ "$code" == 502 || "$code" == 504 ]] || die "$label with the upstream down: $code, want 502 or 504"
  jq -e '.errors | length > 0 and all(.[]; (.code | type) == "string" and (.message | type) == "string")' "$WORK/err.out" >/dev/null ||
    die "$label: no OCI error body: $(cat "$WORK/err.out")"
  wait_events $((before + 1)) ".status >= 502 and .status <= 504 and .decision == \"failed\"" "$label failed event"
  log "$label: $code $(jq -c '.errors[0] | {code, message}' "$WORK/err.out")"
}
expect_unavailable "uncached tag" "$NSG_REGISTRY/v2/library/app/manifests/2.0?ns=$NS_REG"
expect_unavailable "uncached blob" "$NSG_REGISTRY/v2/library/app/blobs/$APP_LAYER?ns=$NS_REG"

config_json false >"$WORK/config.json"
push_config "$WORK/config.json"
expect_unavailable "cached tag with serveStale false" "$TAG_URL"
log "(b) upstream down: stale tag served and marked, uncached tag/blob 502 with an OCI body, serveStale false refuses"
stop_pid "$NSG_PID"

# --- (d) bounded memory ---------------------------------------------------------------------
HUGE="$(make_blob "$WORK/huge" "$HUGE_SIZE")"
push_blob big library/huge "$WORK/huge" "$HUGE"
rm -f "$WORK/huge"
log "pushed a 1 GiB blob $HUGE"
start_nsgate mem --quiet
jq -n --arg reg "$NS_REG" --arg u "http://127.0.0.1:${REG_PORT[big]}" \
  '{schemaVersion: 1, namespaces: [{namespace: $reg, upstreams: [{url: $u}]}]}' >"$WORK/config-mem.json"
push_config "$WORK/config-mem.json"
HUGE_URL="$NSG_REGISTRY/v2/library/huge/blobs/$HUGE?ns=$NS_REG"
baseline="$(vm_kb "$NSG_PID" VmRSS)"

# slow_client NAME: GET the 1 GiB blob at 20 MiB/s, hashing it on the fly
# (nothing written to disk); "<code> <bytes>" to NAME.w, the hash to NAME.sha.
slow_client() {
  (
    set -o pipefail
    curl -sS --limit-rate 20M --max-time 150 -w '%{stderr}%{http_code} %{size_download}\n' "$HUGE_URL" \
      2>"$WORK/$1.w" | sha256_hex >"$WORK/$1.sha"
  ) &
  SLOW_PID=$!
  track_pid "$SLOW_PID" "1 GiB client $1"
}
slow_client cold
COLD_PID=$SLOW_PID
WARM_PID=""
max_rss=0
samples=0
deadline=$(($(date +%s) + 180))
while kill -0 "$COLD_PID" 2>/dev/null || { [[ -n "$WARM_PID" ]] && kill -0 "$WARM_PID" 2>/dev/null; }; do
  rss="$(vm_kb "$NSG_PID" VmRSS)" || die "nsgate exited during the 1 GiB transfer"
  ((rss > max_rss)) && max_rss=$rss
  samples=$((samples + 1))
  # The index row follows the rename: wait for it, so the warm request is a hit.
  if [[ -z "$WARM_PID" ]] && (($(admin GET /admin/v1/stats | jq '.cache.entries') > 0)); then
    slow_client warm
    WARM_PID=$SLOW_PID
    log "1 GiB blob verified and cached: warm client started (cold client still streaming)"
  fi
  (($(date +%s) < deadline)) || die "the 1 GiB transfers did not finish within 180 s"
  sleep 0.2
done
hwm="$(vm_kb "$NSG_PID" VmHWM)"
[[ -n "$WARM_PID" ]] || die "the blob never appeared in the cache during the cold transfer"
log "(d) 1 GiB to two 20 MiB/s clients (cold + warm): VmRSS baseline ${baseline} kB, max ${max_rss} kB over $samples samples, VmHWM ${hwm} kB"
((samples > 10)) || die "only $samples RSS samples"
((max_rss < RSS_LIMIT_KB)) || die "nsgate's RSS reached ${max_rss} kB streaming 1 GiB (limit $RSS_LIMIT_KB kB)"
((hwm < RSS_LIMIT_KB)) || die "nsgate's peak RSS (VmHWM) was ${hwm} kB (limit $RSS_LIMIT_KB kB)"
for c in cold warm; do
  wait_rc=0
  [[ "$c" == cold ]] && { wait "$COLD_PID" || wait_rc=$?; }
  [[ "$c" == warm ]] && { wait "$WARM_PID" || wait_rc=$?; }
  ((wait_rc == 0)) || die "$c client failed ($wait_rc): $(cat "$WORK/$c.w")"
  [[ "$(tail -n 1 "$WORK/$c.w")" == "200 $HUGE_SIZE" ]] || die "$c client: $(cat "$WORK/$c.w")"
  [[ "sha256:$(cat "$WORK/$c.sha")" == "$HUGE" ]] || die "$c client received bytes that do not hash to $HUGE"
done
wait_events 1 ".digest == \"$HUGE\" and .cache == \"miss\" and .status == 200 and .bytes == $HUGE_SIZE" "cold 1 GiB event"
wait_events 1 ".digest == \"$HUGE\" and .cache == \"hit\" and .status == 200 and .bytes == $HUGE_SIZE" "warm 1 GiB event"
log "(d) both clients received the 1 GiB blob intact; the cold one was a miss, the warm one a hit"
stop_pid "$NSG_PID"
stop_pid "$(registry_pid big)"
rm -rf "$NSG_DATA/cache/blobs" "${REG_DIR[big]}/data"
