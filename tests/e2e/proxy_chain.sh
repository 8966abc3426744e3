#!/usr/bin/env bash
# e2e: nsgate in front of nsgate (forwardNs). The edge proxy maps a namespace to
# the core proxy with forwardNs: true, so it asks the core with ns=<namespace>
# and requires the core's OCI-Namespace to match. A pull through the edge gets
# the core's content and the core records the namespace the edge forwarded;
# when the core answers for a different namespace (the edge's namespace is only
# an alias there), the edge refuses with mismatch "conflict" and serves nothing.
#
# Usage: proxy_chain.sh NSGATE NSGATECTL

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

require_tools docker-registry skopeo jq curl
resolve_nsgate "${1:-}"
resolve_nsgatectl "${2:-}"
e2e_init

start_registry up
UP="127.0.0.1:${REG_PORT[up]}"
NS="registry.example.test"
ALIAS="alias.example.test"
DIGEST="$(make_layout "$WORK/img" 1.0 e2e-proxy-chain)"
push_image "$WORK/img" 1.0 "$UP/library/app:1.0"
ACCEPT='Accept: application/vnd.oci.image.manifest.v1+json'

# The core proxy: NS (with ALIAS as another spelling) → the registry.
start_nsgate core
CORE_REGISTRY="$NSG_REGISTRY" CORE_ADMIN="$NSG_ADMIN" CORE_TOKEN="$NSG_TOKEN"
jq -n --arg ns "$NS" --arg alias "$ALIAS" --arg up "http://$UP" \
  '{schemaVersion: 1, namespaces: [{namespace: $ns, aliases: [$alias], upstreams: [{url: $up}]}]}' >"$WORK/core.json"
push_config "$WORK/core.json"

# The edge proxy: NS and ALIAS as separate namespaces, both served by the core with forwardNs.
start_nsgate edge
jq -n --arg ns "$NS" --arg alias "$ALIAS" --arg core "$CORE_REGISTRY" '{schemaVersion: 1, namespaces: [
    {namespace: $ns, upstreams: [{url: $core, forwardNs: true}]},
    {namespace: $alias, upstreams: [{url: $core, forwardNs: true}]}]}' >"$WORK/edge.json"
push_config "$WORK/edge.json"

# Through the edge: the core's content, with the namespace forwarded.
hdr="$(curl -sS -D - -o "$WORK/manifest.json" -H "$ACCEPT" "$NSG_REGISTRY/v2/library/app/manifests/1.0?ns=$NS" | tr -d '\r')"
grep -q '^HTTP/1.1 200' <<<"$hdr" || die "pull through the chain failed: $hdr"
[[ "sha256:$(sha256sum <"$WORK/manifest.json" | cut -d' ' -f1)" == "$DIGEST" ]] || die "wrong manifest through the chain"
grep -qi "^oci-namespace: $NS$" <<<"$hdr" || die "the edge's answer carries no OCI-Namespace $NS"
layer="$(jq -r '.layers[0].digest' "$WORK/manifest.json")"
curl -sSf -o "$WORK/layer" "$NSG_REGISTRY/v2/library/app/blobs/$layer?ns=$NS" || die "blob through the chain failed"
[[ "sha256:$(sha256sum <"$WORK/layer" | cut -d' ' -f1)" == "$layer" ]] || die "wrong blob bytes through the chain"
# The event writer batches: poll until both of the core's events are there.
core_saw() {
  curl -sS -H "Authorization: Bearer $CORE_TOKEN" "$CORE_ADMIN/admin/v1/events?after=0" >"$WORK/core-events.json"
  n="$(jq --arg ns "$NS" '[.events[] | select(.requestedNs == $ns and .servedNs == $ns and .decision == "served")] | length' "$WORK/core-events.json")"
  ((n >= 2))
}
wait_until "the core's events" "" core_saw ||
  die "the core did not see the forwarded ns=$NS: $(jq -c '.events' "$WORK/core-events.json")"
log "edge → core: manifest and blob served, the core saw ns=$NS on $n requests"

# ALIAS: the core answers for NS (its entry), not ALIAS; the edge must refuse.
code="$(curl -sS -o "$WORK/conflict.json" -w '%{http_code}' -H "$ACCEPT" "$NSG_REGISTRY/v2/library/app/manifests/1.0?ns=$ALIAS")"
[[ "$code" != 2* ]] || die "the edge served content the core answered for another namespace"
jq -e '.errors[0].code | type == "string"' "$WORK/conflict.json" >/dev/null || die "conflict without an OCI error body"
code_blob="$(curl -sS -o /dev/null -w '%{http_code}' "$NSG_REGISTRY/v2/library/app/blobs/$layer?ns=$ALIAS")"
[[ "$code_blob" != 2* ]] || die "the edge served a blob the core answered for another namespace"
conflicts() {
  admin GET "/admin/v1/events?after=0" >"$WORK/edge-events.json"
  (($(jq --arg ns "$ALIAS" '[.events[] | select(.requestedNs == $ns and .mismatch == "conflict" and .cache == "none")] | length' "$WORK/edge-events.json") >= 2))
}
wait_until "the edge's conflict events" "$NSG_PID" conflicts || die "the edge recorded no conflict for $ALIAS: $(jq -c --arg ns "$ALIAS" '[.events[] | select(.requestedNs == $ns)]' "$WORK/edge-events.json")"
log "OCI-Namespace disagreeing with the forwarded ns: refused ($code, $code_blob), mismatch conflict"
