#!/usr/bin/env bash
# e2e: `nsgatectl export registries-conf` produces a containers-registries.conf
# that a real skopeo follows: an image named under a registry the config maps
# is pulled through the proxy's path-prefix location (/v2/<namespace>/<repo>),
# with the digest unchanged. The namespaces are unresolvable *.test names, so a
# pull can only succeed through the proxy. skopeo never sends `ns`; the path
# prefix is how it tells the proxy which registry it means.
#
# Usage: export_registries_conf.sh [PATH/TO/nsgatectl]   (or env NSGATECTL)
# Needs docker-registry, skopeo, python3, curl, jq, openssl.

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

require_tools docker-registry skopeo getent
resolve_nsgatectl "${1:-}"
e2e_init
log "nsgatectl: $NSGATECTL"

# A plain distribution stands in for the proxy: it holds each image under
# <namespace>/<repo>, the path a path-prefix mirror location asks for.
start_registry mirror
MIRROR="127.0.0.1:${REG_PORT[mirror]}"
NS_TAG="registry.example.test"
NS_DIGEST="quay.example.test"
for ns in "$NS_TAG" "$NS_DIGEST"; do
  if getent hosts "$ns" >/dev/null; then
    log "note: $ns resolves here; the mirror log still proves where the pull went"
  fi
done

IMG="$WORK/images"
DIGEST_TAGGED="$(make_layout "$IMG/tagged" 1.0 e2e-regconf-tagged --index)"
DIGEST_PINNED="$(make_layout "$IMG/pinned" pinned e2e-regconf-pinned)"
log "images: tagged=$DIGEST_TAGGED pinned=$DIGEST_PINNED"
push_image "$IMG/tagged" 1.0 "$MIRROR/$NS_TAG/library/app:1.0"
push_image "$IMG/pinned" pinned "$MIRROR/$NS_DIGEST/team/tool:pinned"

# --- config, validate, export -------------------------------------------------
CONFIG="$WORK/config.json"
jq -n --arg ns1 "$NS_TAG" --arg ns2 "$NS_DIGEST" '{
  schemaVersion: 1,
  namespaces: [
    {namespace: $ns1, upstreams: [{url: ("https://" + $ns1)}], policy: {tags: "primary"}},
    {namespace: $ns2, upstreams: [{url: ("https://" + $ns2)}]}
  ]
}' >"$CONFIG"
run_ctl validate "$CONFIG"

REGCONF="$WORK/registries.conf"
run_ctl export registries-conf --config "$CONFIG" --proxy "$MIRROR" --out "$REGCONF" --insecure
[[ -s "$REGCONF" ]] || die "export wrote no $REGCONF"
log "exported registries.conf:"
sed 's/^/    /' "$REGCONF" >&2

# Existing output is not overwritten without --force.
SUM_BEFORE="$(sha256sum <"$REGCONF")"
OVERWRITE_RC=0
timeout "$E2E_CMD_TIMEOUT" "$NSGATECTL" export registries-conf --config "$CONFIG" --proxy 127.0.0.1:1 \
  --out "$REGCONF" --insecure >"$WORK/overwrite.out" 2>&1 || OVERWRITE_RC=$?
((OVERWRITE_RC == 1)) || die "export over an existing file without --force exited with $OVERWRITE_RC, want 1:"$'\n'"$(cat "$WORK/overwrite.out")"
[[ "$SUM_BEFORE" == "$(sha256sum <"$REGCONF")" ]] || die "export without --force changed the existing file"
log "re-export without --force refused: $(grep -v '^warning:' "$WORK/overwrite.out" | head -n 1)"

# pull_through_mirror SRC_REF NS REPO TOP_DIGEST LAYOUT
#   skopeo copy SRC_REF (every platform, digests preserved) with the exported
#   registries.conf; then check the copied digest and, from the mirror's access
#   log, that each manifest and blob came from /v2/<NS>/<REPO>/.
pull_through_mirror() {
  local ref="$1" ns="$2" repo="$3" top="$4" layout="$5"
  local out="$WORK/pulled/${repo//\//_}" mark reqs bad got d manifests blobs
  mkdir -p "$WORK/pulled"
  mark="$(log_mark mirror)"
  log "skopeo copy docker://$ref"
  # No --src-tls-verify=false: the exported `insecure = true` must be enough.
  skopeo_cmd --registries-conf "$REGCONF" copy --all --preserve-digests \
    "docker://$ref" "oci:$out:pulled" >"$WORK/pull.out" 2>&1 ||
    { cat "$WORK/pull.out" >&2; die "skopeo copy docker://$ref failed"; }

  got="$(jq -r '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == "pulled") | .digest' "$out/index.json")"
  [[ "$got" == "$top" ]] || die "$ref: pulled digest '$got', pushed $top"

  reqs="$(requests_since mirror "$mark")"
  [[ -n "$reqs" ]] || die "$ref: the mirror received no requests"
  printf '%s\n' "$reqs" | sed 's/^/    mirror: /' >&2

  # Apart from the /v2/ ping, every request is under the namespace prefix, and
  # none carries a query (skopeo has no way to send ns).
  bad="$(printf '%s\n' "$reqs" | awk -v p="/v2/$ns/$repo/" '
      $2 == "/v2/" { next }
      substr($2, 1, length(p)) != p || index($2, "?") || $4 !~ /^skopeo\// { print }')"
  [[ -z "$bad" ]] || die "$ref: mirror requests outside /v2/$ns/$repo/:"$'\n'"$bad"

  manifests="$(layout_manifests "$layout" "$top")"
  blobs="$(layout_blobs "$layout" "$top" | grep -vxF -f <(printf '%s\n' "$manifests"))"
  for d in $manifests; do
    [[ "$d" == "$top" && "$ref" != *@* ]] && continue # fetched by tag, below
    has_request "$reqs" GET "/v2/$ns/$repo/manifests/$d" 200 ||
      die "$ref: no successful GET /v2/$ns/$repo/manifests/$d on the mirror"
  done
  if [[ "$ref" != *@* ]]; then
    has_request "$reqs" GET "/v2/$ns/$repo/manifests/${ref##*:}" 200 ||
      die "$ref: tag not resolved via GET /v2/$ns/$repo/manifests/${ref##*:} on the mirror"
  fi
  for d in $blobs; do
    has_request "$reqs" GET "/v2/$ns/$repo/blobs/$d" 200 ||
      die "$ref: no successful GET /v2/$ns/$repo/blobs/$d on the mirror"
  done
  log "$ref: $top pulled through /v2/$ns/$repo/ ($(printf '%s\n' "$reqs" | wc -l) mirror requests)"
}

pull_through_mirror "$NS_TAG/library/app:1.0" "$NS_TAG" library/app "$DIGEST_TAGGED" "$IMG/tagged"
pull_through_mirror "$NS_DIGEST/team/tool@$DIGEST_PINNED" "$NS_DIGEST" team/tool "$DIGEST_PINNED" "$IMG/pinned"
