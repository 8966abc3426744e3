#!/usr/bin/env bash
# e2e: --cache-max-bytes bounds the cache. Three 2 MiB blobs through an nsgate
# allowed 5 MiB: once the third lands, the least recently *served* blob (not
# the oldest fetched) leaves the disk and the index, the others stay, and a
# later request for the evicted one is fetched from upstream again.
#
# Usage: proxy_evict.sh NSGATE NSGATECTL

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$E2E_LIB_DIR/blobs.sh"

require_tools docker-registry jq curl openssl
resolve_nsgate "${1:-}"
resolve_nsgatectl "${2:-}"
e2e_init

start_registry up
NS="registry.example.test"
declare -A D
for b in one two three; do
  D[$b]="$(make_blob "$WORK/$b" $((2 * 1024 * 1024)))"
  push_blob up library/app "$WORK/$b" "${D[$b]}"
done

start_nsgate proxy --cache-max-bytes 5M
jq -n --arg ns "$NS" --arg up "http://127.0.0.1:${REG_PORT[up]}" \
  '{schemaVersion: 1, namespaces: [{namespace: $ns, upstreams: [{url: $up}]}]}' >"$WORK/config.json"
push_config "$WORK/config.json"

get() { curl -sSf -o "$WORK/got" "$NSG_REGISTRY/v2/library/app/blobs/$1?ns=$NS" && [[ "$(file_digest "$WORK/got")" == "$1" ]]; }
cached() { [[ -f "$NSG_DATA/cache/blobs/sha256/${1:7:2}/${1:7}" ]]; }
cache_entries() { (($(admin GET /admin/v1/stats | jq '.cache.entries') == $1)); }

get "${D[one]}" || die "first pull of one failed"
get "${D[two]}" || die "first pull of two failed"
wait_until "two blobs indexed" "$NSG_PID" cache_entries 2 || die "the index does not hold two blobs"
# one is served again, so two is now the least recently served.
get "${D[one]}" || die "second pull of one failed"
MARK="$(log_mark up)"
get "${D[three]}" || die "first pull of three failed"

gone() { ! cached "${D[two]}" && cache_entries 2; }
wait_until "eviction of two" "$NSG_PID" gone || die "two was not evicted (cache: $(find "$NSG_DATA/cache/blobs" -type f | wc -l) files)"
cached "${D[one]}" || die "one (recently served) was evicted"
cached "${D[three]}" || die "three (just fetched) was evicted"
[[ "$(upstream_count up "$MARK" GET "/v2/library/app/blobs/${D[one]}" 200)" == 0 ]] || die "one was fetched again"
log "over 5 MiB: the least recently served blob left disk and index; the others stayed"

MARK="$(log_mark up)"
get "${D[two]}" || die "pull of the evicted blob failed"
upstream_sync up
[[ "$(upstream_count up "$MARK" GET "/v2/library/app/blobs/${D[two]}" 200)" == 1 ]] ||
  die "the evicted blob was not fetched from upstream again"
log "the evicted blob is fetched again on the next request"
