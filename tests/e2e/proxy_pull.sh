#!/usr/bin/env bash
# e2e: real clients pull through a real nsgate. Two docker-registry upstreams
# hold the same repository name with different content; nsgate (configured
# through its admin API) maps one namespace to each. containerd's ctr, using a
# hosts tree exported by nsgatectl with --fallback none, and skopeo, through the
# path prefix of an exported registries.conf, pull by tag and by digest and
# each gets the content of the namespace it named. Second pulls are cache hits,
# every blob was fetched upstream once, answers carry OCI-Namespace, an
# unmapped ns is never dialled, and hostile ns values are refused.
#
# Usage: proxy_pull.sh NSGATE NSGATECTL   (or env NSGATE / NSGATECTL)

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

require_tools docker-registry skopeo ctr containerd jq curl
require_root
resolve_nsgate "${1:-}"
resolve_nsgatectl "${2:-}"
e2e_init

start_registry upa
start_registry upb
UPA="127.0.0.1:${REG_PORT[upa]}"
UPB="127.0.0.1:${REG_PORT[upb]}"
# Unresolvable names: a pull can only succeed through nsgate.
NSA="registry-a.example.test"
NSB="registry-b.example.test"

IMG="$WORK/images"
DA="$(make_layout "$IMG/a" 1.0 e2e-proxy-a --index)"
DB="$(make_layout "$IMG/b" 1.0 e2e-proxy-b --index)"
[[ "$DA" != "$DB" ]] || die "test images are not different"
push_image "$IMG/a" 1.0 "$UPA/library/app:1.0"
push_image "$IMG/b" 1.0 "$UPB/library/app:1.0"
declare -A LAYOUT=(["$NSA"]="$IMG/a" ["$NSB"]="$IMG/b")
log "same name, different content: $NSA → $DA, $NSB → $DB"

start_nsgate proxy
CONFIG="$WORK/config.json"
jq -n --arg a "$NSA" --arg b "$NSB" --arg ua "http://$UPA" --arg ub "http://$UPB" '{
  schemaVersion: 1,
  namespaces: [
    {namespace: $a, upstreams: [{url: $ua}]},
    {namespace: $b, upstreams: [{url: $ub}], policy: {tags: "any"}}
  ]
}' >"$CONFIG"
push_config "$CONFIG"
MARK_A="$(log_mark upa)"
MARK_B="$(log_mark upb)"

# --- containerd through the exported hosts tree --------------------------------
CERTS="$WORK/certs.d"
run_ctl export containerd --config "$CONFIG" --proxy "$NSG_REGISTRY" --out "$CERTS" --containerd 1.6 --fallback none
start_containerd
for pair in "$NSA:$DA" "$NSB:$DB"; do
  ns="${pair%%:*}" want="${pair#*:}"
  ctr_cmd content fetch --all-platforms --hosts-dir "$CERTS" "$ns/library/app:1.0" >/dev/null 2>"$WORK/fetch.err" ||
    { tail -n 20 "$WORK/fetch.err" >&2; die "ctr fetch of $ns/library/app:1.0 failed"; }
  got="$(ctr_cmd images ls | awk -v r="$ns/library/app:1.0" '$1 == r { print $3 }')"
  [[ "$got" == "$want" ]] || die "$ns/library/app:1.0 resolved to '$got' through nsgate, want $want"
  ctr_cmd content fetch --all-platforms --hosts-dir "$CERTS" "$ns/library/app@$want" >/dev/null 2>"$WORK/fetch.err" ||
    { tail -n 20 "$WORK/fetch.err" >&2; die "ctr fetch of $ns/library/app@$want failed"; }
  ctr_cmd content ls -q >"$WORK/content.txt"
  for d in $(layout_blobs "${LAYOUT[$ns]}" "$want"); do
    grep -qxF "$d" "$WORK/content.txt" || die "$d of $ns not in containerd's store"
  done
  log "ctr: $ns/library/app by tag and by digest → $want"
done

# --- skopeo through the path prefix ---------------------------------------------
run_ctl export registries-conf --config "$CONFIG" --proxy "${NSG_REGISTRY#http://}" --insecure --out "$WORK/registries.conf"
for pair in "$NSA:$DA" "$NSB:$DB"; do
  ns="${pair%%:*}" want="${pair#*:}"
  rm -rf "$WORK/pulled"
  skopeo_cmd --registries-conf "$WORK/registries.conf" copy --quiet --all --preserve-digests \
    "docker://$ns/library/app:1.0" "oci:$WORK/pulled:1.0" 2>"$WORK/skopeo.err" ||
    { cat "$WORK/skopeo.err" >&2; die "skopeo pull of $ns/library/app:1.0 through nsgate failed"; }
  got="$(jq -r '.manifests[0].digest' "$WORK/pulled/index.json")"
  [[ "$got" == "$want" ]] || die "skopeo got $got for $ns, want $want"
  skopeo_cmd --registries-conf "$WORK/registries.conf" inspect --raw "docker://$ns/library/app@$want" \
    >"$WORK/raw.json" 2>"$WORK/skopeo.err" || { cat "$WORK/skopeo.err" >&2; die "skopeo by digest failed"; }
  [[ "sha256:$(sha256sum <"$WORK/raw.json" | cut -d' ' -f1)" == "$want" ]] || die "skopeo by digest: wrong bytes"
  log "skopeo: $ns/library/app by tag and by digest → $want"
done

# --- fetched once, second pulls hit ---------------------------------------------
for name in upa upb; do
  mark=MARK_A; [[ $name == upb ]] && mark=MARK_B
  dup="$(requests_since "$name" "${!mark}" | awk '$1 == "GET" && $2 ~ /\/blobs\// { print $2 }' | sort | uniq -d)"
  [[ -z "$dup" ]] || die "upstream $name served a blob more than once: $dup"
  ua="$(requests_since "$name" "${!mark}" | awk '$4 !~ /^nsgate\// { print }')"
  [[ -z "$ua" ]] || die "upstream $name saw requests that did not come from nsgate:"$'\n'"$ua"
done
admin GET "/admin/v1/events?after=0&limit=10000" >"$WORK/events.json"
skopeo_blobs="$(jq '[.events[] | select((.userAgent | test("skopeo|containers")) and .object == "blob")] | length' "$WORK/events.json")"
((skopeo_blobs > 0)) || die "no blob events from skopeo were recorded"
skopeo_misses="$(jq '[.events[] | select((.userAgent | test("skopeo|containers")) and .object == "blob" and .cache != "hit")] | length' "$WORK/events.json")"
[[ "$skopeo_misses" == 0 ]] || die "skopeo's blob requests after containerd's pull were not all cache hits: $(jq -c '[.events[] | select(.object == "blob" and .cache != "hit") | {userAgent, cache}]' "$WORK/events.json")"
crossed="$(jq --arg a "$NSA" --arg b "$NSB" --arg ua "http://$UPA" --arg ub "http://$UPB" \
  '[.events[] | select(.upstream != null) | select((.servedNs == $a and .upstream != $ua) or (.servedNs == $b and .upstream != $ub))] | length' "$WORK/events.json")"
[[ "$crossed" == 0 ]] || die "an event shows content from the other namespace's upstream"
fetched="$(jq '[.events[] | select(.cache == "miss")] | length' "$WORK/events.json")"
((fetched > 0)) || die "no event records a fetch from upstream"
log "events: $(jq '.events | length' "$WORK/events.json") recorded; every blob fetched upstream once; skopeo's pulls were hits"

# --- OCI-Namespace on every answer that used a namespace --------------------------
for url in "/v2/library/app/manifests/1.0?ns=$NSA" "/v2/library/app/manifests/$DA?ns=$NSA" \
           "/v2/library/app/manifests/nope?ns=$NSB" "/v2/$NSB/library/app/manifests/1.0"; do
  hdr="$(curl -sS -o /dev/null -D - -H 'Accept: application/vnd.oci.image.index.v1+json' "$NSG_REGISTRY$url" | tr -d '\r')"
  grep -qi '^oci-namespace: registry-' <<<"$hdr" || die "no OCI-Namespace on $url:"$'\n'"$hdr"
done
log "OCI-Namespace present on hits, misses and 404s"

# --- closed world -----------------------------------------------------------------
TRAP_PORT="$(free_port)"
python3 - "$TRAP_PORT" "$WORK/trap.count" <<'PY' &
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(16)
open(sys.argv[2], "w").write("0\n")
n = 0
while True:
    c, _ = s.accept(); n += 1; c.close()
    open(sys.argv[2], "w").write(f"{n}\n")
PY
track_pid $! "connection counter"
wait_until "connection counter" "" test -s "$WORK/trap.count"
for target in "/v2/library/app/manifests/1.0?ns=127.0.0.1%3A$TRAP_PORT" "/v2/library/app/blobs/$DA?ns=127.0.0.1%3A$TRAP_PORT" \
              "/v2/127.0.0.1:$TRAP_PORT/library/app/manifests/1.0?ns=localhost%3A$TRAP_PORT"; do
  code="$(curl -sS -o /dev/null -w '%{http_code}' "$NSG_REGISTRY$target")"
  [[ "$code" == 404 ]] || die "unmapped ns: $target answered $code, want 404"
done
[[ "$(cat "$WORK/trap.count")" == 0 ]] || die "nsgate dialled an unmapped namespace ($(cat "$WORK/trap.count") connections)"
for ns in 'a%40b' 'x%2Fy' '..%2F' "$(printf 'a%.0s' {1..300})" '%00' 'http%3A%2F%2Fx' 'a%20b'; do
  code="$(curl -sS -o "$WORK/bad.json" -w '%{http_code}' "$NSG_REGISTRY/v2/library/app/manifests/1.0?ns=$ns")"
  [[ "$code" == 400 ]] || die "hostile ns '${ns:0:40}' answered $code, want 400"
  jq -e '.errors[0].code == "NAME_INVALID"' "$WORK/bad.json" >/dev/null || die "hostile ns: no NAME_INVALID body"
done
log "unmapped ns: 404 and zero connections; hostile ns values: 400 NAME_INVALID"
