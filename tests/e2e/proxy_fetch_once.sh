#!/usr/bin/env bash
# e2e: the cache's data plane against a real docker-registry upstream.
#
# Fetch once: 20 concurrent cold GETs of one 64 MiB blob (all of them inside
# nsgate before upstream can answer: the registry is SIGSTOPped until every
# request was read) cause exactly one upstream GET, and every client gets the
# right bytes. Ranges: a cold and a warm `Range` get 206 with the right
# Content-Range and bytes; HEAD of a cached blob carries Content-Length and
# Docker-Content-Digest. Cache-only rule: without ns (and no default
# namespace) a digest is served only when exactly one namespace holds it for
# that repository, and never dials upstream. Per-repository access: a cached
# digest asked for under another repository is served only after upstream
# confirmed it there (HEAD), and is 404 when upstream does not have it there.
#
# Usage: proxy_fetch_once.sh NSGATE [NSGATECTL]   (or env NSGATE)

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$E2E_LIB_DIR/blobs.sh"

require_tools docker-registry curl jq ss openssl
resolve_nsgate "${1:-}"
e2e_init

CLIENTS=20
BIG_SIZE=$((64 << 20))
RANGE_SIZE=$((8 << 20))

start_registry up
UP="127.0.0.1:${REG_PORT[up]}"
UP_PID="$(registry_pid up)"
NSA="registry-a.example.test"
NSB="registry-b.example.test"

BLOBS="$WORK/blobs"
mkdir -p "$BLOBS"
BIG="$(make_blob "$BLOBS/big" "$BIG_SIZE")"
RNG="$(make_blob "$BLOBS/range" "$RANGE_SIZE")"
SMALL="$(make_blob "$BLOBS/small" $((1 << 20)))"
push_blob up library/big "$BLOBS/big" "$BIG"
push_blob up library/big "$BLOBS/range" "$RNG"
push_blob up team/one "$BLOBS/small" "$SMALL"
push_blob up team/two "$BLOBS/small" "$SMALL"
log "pushed $BIG (64 MiB) and $RNG (8 MiB) to library/big, $SMALL to team/one and team/two (not team/three)"

start_nsgate proxy --quiet
# Both namespaces reach the same upstream: only the cache's bookkeeping tells
# them apart. No defaultNamespace: requests without ns are cache-only.
jq -n --arg a "$NSA" --arg b "$NSB" --arg u "http://$UP" '{
  schemaVersion: 1,
  namespaces: [
    {namespace: $a, upstreams: [{url: $u}]},
    {namespace: $b, upstreams: [{url: $u}]}
  ]
}' >"$WORK/config.json"
push_config "$WORK/config.json"
REG_HTTP_PORT="${NSG_REGISTRY##*:}"

# --- fetch once ----------------------------------------------------------------------
BIG_URL="$NSG_REGISTRY/v2/library/big/blobs/$BIG?ns=$NSA"
MARK="$(log_mark up)"
# With the upstream stopped, nsgate's single fetch cannot make progress, so
# every client request is read while the blob is still cold.
kill -STOP "$UP_PID"
declare -a CURLS=()
for ((i = 0; i < CLIENTS; i++)); do
  curl -sS -v --max-time 120 -o "$WORK/out.$i" -w '%{http_code} %{size_download}\n' "$BIG_URL" \
    >"$WORK/curl.$i" 2>"$WORK/curl.$i.err" &
  CURLS+=("$!")
  track_pid "$!" "curl client $i"
done
# Every client sent its request line ("> GET" in -v output) and nsgate's side
# of every connection has nothing left unread.
all_requests_read() {
  local sent
  sent="$(grep -l '^> GET ' "$WORK"/curl.*.err 2>/dev/null | wc -l)"
  ((sent == CLIENTS)) || return 1
  ss -Htn state established "( sport = :$REG_HTTP_PORT )" >"$WORK/ss.txt"
  (($(wc -l <"$WORK/ss.txt") == CLIENTS)) && (($(awk '$1 != 0' "$WORK/ss.txt" | wc -l) == 0))
}
if ! wait_until "all $CLIENTS requests inside nsgate" "$NSG_PID" all_requests_read; then
  kill -CONT "$UP_PID"
  cat "$WORK/ss.txt" >&2 || true
  die "the $CLIENTS clients' requests did not all reach nsgate"
fi
kill -CONT "$UP_PID"
log "$CLIENTS cold requests are inside nsgate; upstream resumed"
for ((i = 0; i < CLIENTS; i++)); do
  rc=0
  wait "${CURLS[$i]}" || rc=$?
  ((rc == 0)) || die "client $i: curl exited $rc: $(tail -n 3 "$WORK/curl.$i.err")"
  read -r code size <"$WORK/curl.$i"
  [[ "$code" == 200 && "$size" == "$BIG_SIZE" ]] || die "client $i got HTTP $code with $size bytes"
  [[ "$(file_digest "$WORK/out.$i")" == "$BIG" ]] || die "client $i got bytes that do not hash to $BIG"
  rm -f "$WORK/out.$i"
done
upstream_sync up
gets="$(upstream_count up "$MARK" GET "/v2/library/big/blobs/$BIG" 200)"
[[ "$gets" == 1 ]] || die "$CLIENTS concurrent cold requests caused $gets upstream GETs, want 1"
all_up="$(requests_since up "$MARK" | awk '$2 ~ /\/blobs\// { n++ } END { print n + 0 }')"
[[ "$all_up" == 1 ]] || die "upstream saw $all_up blob requests for one cold blob: $(requests_since up "$MARK")"
wait_events "$CLIENTS" ".digest == \"$BIG\" and .object == \"blob\"" "events for the $CLIENTS clients"
misses="$(events_count ".digest == \"$BIG\" and .cache == \"miss\" and .decision == \"served\" and .status == 200 and .bytes == $BIG_SIZE")"
[[ "$misses" == "$CLIENTS" ]] || die "$misses of $CLIENTS clients were recorded as served from the one fetch (cache miss)"
# Clients finish once the bytes are verified; the fsync and rename follow.
wait_until "the verified blob in the cache" "$NSG_PID" test -f "$(cache_file "$NSG_DATA" "$BIG")" ||
  die "the verified blob is not in the cache"
log "fetch once: $CLIENTS concurrent cold clients, 1 upstream GET, every copy hashes to $BIG"

# --- ranges and HEAD -----------------------------------------------------------------
RNG_URL="$NSG_REGISTRY/v2/library/big/blobs/$RNG?ns=$NSA"
MARK="$(log_mark up)"
# range_check LABEL FIRST LAST CURL-RANGE: 206, Content-Range, and the bytes.
range_check() {
  local label="$1" first="$2" last="$3" spec="$4" code hdr want_len
  want_len=$((last - first + 1))
  code="$(curl -sS --max-time 60 -H "Range: bytes=$spec" -D "$WORK/range.hdr" -o "$WORK/range.out" -w '%{http_code}' "$RNG_URL")"
  [[ "$code" == 206 ]] || die "$label Range bytes=$spec answered $code, want 206"
  hdr="$(tr -d '\r' <"$WORK/range.hdr")"
  grep -qix "content-range: bytes $first-$last/$RANGE_SIZE" <<<"$hdr" ||
    die "$label Range bytes=$spec: wrong Content-Range:"$'\n'"$hdr"
  grep -qix "content-length: $want_len" <<<"$hdr" || die "$label Range: wrong Content-Length:"$'\n'"$hdr"
  dd if="$BLOBS/range" of="$WORK/range.want" iflag=skip_bytes,count_bytes skip="$first" count="$want_len" status=none
  cmp -s "$WORK/range.out" "$WORK/range.want" || die "$label Range bytes=$spec: wrong bytes"
}
range_check cold 1048576 2097151 1048576-2097151
wait_events 1 ".digest == \"$RNG\" and .status == 206 and .cache == \"miss\"" "cold range event"
range_check warm $((RANGE_SIZE - 4096)) $((RANGE_SIZE - 1)) -4096
range_check warm 5000000 $((RANGE_SIZE - 1)) 5000000-
wait_events 2 ".digest == \"$RNG\" and .status == 206 and .cache == \"hit\"" "warm range events"
upstream_sync up
[[ "$(upstream_count up "$MARK" GET "/v2/library/big/blobs/$RNG" 200)" == 1 ]] ||
  die "the cold range did not fetch $RNG upstream once: $(requests_since up "$MARK")"
n="$(requests_since up "$MARK" | awk '$2 ~ /\/blobs\// { n++ } END { print n + 0 }')"
[[ "$n" == 1 ]] || die "three ranges of one blob caused $n upstream blob requests, want 1 (whole-blob fetch)"

code="$(curl -sS -I --max-time 30 -o "$WORK/head.hdr" -w '%{http_code}' "$BIG_URL")"
[[ "$code" == 200 ]] || die "HEAD of the cached blob answered $code"
hdr="$(tr -d '\r' <"$WORK/head.hdr")"
grep -qix "content-length: $BIG_SIZE" <<<"$hdr" || die "HEAD of a cached blob: no Content-Length $BIG_SIZE:"$'\n'"$hdr"
grep -qix "docker-content-digest: $BIG" <<<"$hdr" || die "HEAD of a cached blob: no Docker-Content-Digest:"$'\n'"$hdr"
grep -qix "oci-namespace: $NSA" <<<"$hdr" || die "HEAD of a cached blob: no OCI-Namespace:"$'\n'"$hdr"
wait_events 1 ".digest == \"$BIG\" and .method == \"HEAD\" and .cache == \"hit\" and .bytes == 0" "HEAD event"
log "ranges: cold and warm 206 with the right Content-Range and bytes; HEAD of a cached blob has length and digest"

# --- no ns: cache only, exactly one namespace ------------------------------------------
# get_code URL OUT: the status of a GET, body to OUT.
get_code() { curl -sS --max-time 60 -o "$2" -w '%{http_code}' "$1"; }
MARK="$(log_mark up)"
code="$(get_code "$NSG_REGISTRY/v2/library/big/blobs/$BIG" "$WORK/nons.out")"
[[ "$code" == 200 ]] || die "no ns, digest cached under exactly one namespace: $code, want 200"
[[ "$(file_digest "$WORK/nons.out")" == "$BIG" ]] || die "no ns: wrong bytes"
wait_events 1 ".digest == \"$BIG\" and .requestedNs == null and .mismatch == \"missing\" and .servedNs == \"$NSA\" and .cache == \"hit\" and .status == 200" \
  "no-ns hit event"
code="$(get_code "$NSG_REGISTRY/v2/library/other/blobs/$BIG" "$WORK/nons.out")"
[[ "$code" == 404 ]] || die "no ns, digest cached for another repository only: $code, want 404"
jq -e '.errors[0].code' "$WORK/nons.out" >/dev/null || die "no ns 404 without an OCI error body"
upstream_sync up
leaked="$(requests_since up "$MARK" | grep -v e2e-sync)" || true
[[ -z "$leaked" ]] || die "requests without ns reached upstream: $(requests_since up "$MARK")"

# The same repository under the second namespace: confirmed upstream (HEAD),
# never fetched again.
MARK="$(log_mark up)"
code="$(get_code "$NSG_REGISTRY/v2/library/big/blobs/$BIG?ns=$NSB" "$WORK/nsb.out")"
[[ "$code" == 200 ]] || die "$NSB: cached digest, upstream has it: $code, want 200"
[[ "$(file_digest "$WORK/nsb.out")" == "$BIG" ]] || die "$NSB: wrong bytes"
upstream_sync up
[[ "$(upstream_count up "$MARK" HEAD "/v2/library/big/blobs/$BIG" 200)" == 1 ]] ||
  die "nsgate served $BIG to $NSB without asking upstream: $(requests_since up "$MARK")"
[[ "$(upstream_count up "$MARK" GET "/v2/library/big/blobs/$BIG" 200)" == 0 ]] || die "a cached blob was fetched again"
code="$(get_code "$NSG_REGISTRY/v2/library/big/blobs/$BIG" "$WORK/nons.out")"
[[ "$code" == 404 ]] || die "no ns, digest held under two namespaces: $code, want 404"
wait_events 1 ".digest == \"$BIG\" and .requestedNs == null and .mismatch == \"missing\" and .status == 404" "no-ns refusal event"
rm -f "$WORK/nons.out" "$WORK/nsb.out"
log "no ns: served only while exactly one namespace held the digest for that repository; upstream never asked"

# --- per-repository access ---------------------------------------------------------------
MARK="$(log_mark up)"
# A cold HEAD asks upstream and relays the size; it fetches nothing.
code="$(curl -sS -I --max-time 30 -o "$WORK/head.hdr" -w '%{http_code}' "$NSG_REGISTRY/v2/team/one/blobs/$SMALL?ns=$NSA")"
hdr="$(tr -d '\r' <"$WORK/head.hdr")"
[[ "$code" == 200 ]] || die "cold HEAD of a blob answered $code"
grep -qix "content-length: $((1 << 20))" <<<"$hdr" || die "cold HEAD of a blob: no Content-Length $((1 << 20)):"$'\n'"$hdr"
grep -qix "docker-content-digest: $SMALL" <<<"$hdr" || die "cold HEAD of a blob: no Docker-Content-Digest:"$'\n'"$hdr"
[[ ! -e "$(cache_file "$NSG_DATA" "$SMALL")" ]] || die "a HEAD fetched the blob"
code="$(get_code "$NSG_REGISTRY/v2/team/one/blobs/$SMALL?ns=$NSA" "$WORK/small.out")"
[[ "$code" == 200 && "$(file_digest "$WORK/small.out")" == "$SMALL" ]] || die "team/one: $code or wrong bytes"
code="$(get_code "$NSG_REGISTRY/v2/team/two/blobs/$SMALL?ns=$NSA" "$WORK/small.out")"
[[ "$code" == 200 && "$(file_digest "$WORK/small.out")" == "$SMALL" ]] || die "team/two: $code or wrong bytes"
code="$(get_code "$NSG_REGISTRY/v2/team/three/blobs/$SMALL?ns=$NSA" "$WORK/small.out")"
[[ "$code" == 404 ]] || die "team/three (upstream does not have the blob there): $code, want 404"
jq -e '.errors[0].code == "BLOB_UNKNOWN"' "$WORK/small.out" >/dev/null || die "team/three: no BLOB_UNKNOWN body: $(cat "$WORK/small.out")"
code="$(get_code "$NSG_REGISTRY/v2/team/three/blobs/$SMALL?ns=$NSA" "$WORK/small.out")"
[[ "$code" == 404 ]] || die "team/three, asked again: $code, want 404"
upstream_sync up
[[ "$(upstream_count up "$MARK" HEAD "/v2/team/three/blobs/$SMALL" 404)" == 2 ]] ||
  die "nsgate did not ask upstream about team/three each time: $(requests_since up "$MARK")"
reqs="$(requests_since up "$MARK" | grep -v e2e-sync)"
has_request "$reqs" HEAD "/v2/team/one/blobs/$SMALL" 200 || die "the cold HEAD did not ask upstream"
has_request "$reqs" GET "/v2/team/one/blobs/$SMALL" 200 || die "team/one was not fetched upstream"
has_request "$reqs" HEAD "/v2/team/two/blobs/$SMALL" 200 || die "team/two was served without upstream confirming"
[[ "$(printf '%s\n' "$reqs" | awk '$1 == "GET"' | wc -l)" == 1 ]] || die "the small blob was fetched more than once:"$'\n'"$reqs"
code="$(get_code "$NSG_REGISTRY/v2/team/two/blobs/$SMALL?ns=$NSA" "$WORK/small.out")"
[[ "$code" == 200 ]] || die "team/two after confirmation: $code"
upstream_sync up
[[ "$(requests_since up "$MARK" | grep -vc e2e-sync)" == "$(printf '%s\n' "$reqs" | wc -l)" ]] ||
  die "a confirmed (namespace, repository) pair was asked upstream again: $(requests_since up "$MARK")"
log "cold HEAD relays the size; per repository: team/two served after an upstream HEAD confirmed it, team/three 404 on upstream's 404, confirmation remembered"
