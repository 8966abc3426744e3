#!/usr/bin/env bash
# e2e: `nsgatectl export containerd` produces a hosts.toml tree that a real
# containerd 1.6 follows: every pull request goes to the proxy with the right
# `ns=`, none to the registry named in the image reference; `_default` catches
# registries the config does not list; `nsgatectl import containerd` reads the
# tree back.
#
# Usage: export_containerd.sh [PATH/TO/nsgatectl]   (or env NSGATECTL)
# Needs root (private containerd), docker-registry, containerd/ctr, skopeo,
# python3, curl, jq, openssl.

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

require_root
require_tools docker-registry containerd ctr skopeo
resolve_nsgatectl "${1:-}"
e2e_init
log "nsgatectl: $NSGATECTL"

# --- peers -------------------------------------------------------------------
# "upstream" is the registry named in image references; "mirror" stands in for
# the proxy. A plain distribution ignores ns, so the mirror simply holds every
# test image at the repository path containerd will ask it for.
start_registry upstream
start_registry mirror
UP="127.0.0.1:${REG_PORT[upstream]}"
MIRROR="127.0.0.1:${REG_PORT[mirror]}"
PROXY_URL="http://$MIRROR"
NS_LISTED="$UP"
NS_UNREACHABLE="registry.example.test"
NS_UNLISTED="unlisted.example.test"

# --- test images ---------------------------------------------------------------
IMG="$WORK/images"
DIGEST_TAGGED="$(make_layout "$IMG/tagged" 1.0 e2e-containerd-tagged --index)"
DIGEST_PINNED="$(make_layout "$IMG/pinned" pinned e2e-containerd-pinned)"
DIGEST_DEFAULT="$(make_layout "$IMG/default" 2.0 e2e-containerd-default --index)"
log "images: tagged=$DIGEST_TAGGED pinned=$DIGEST_PINNED default=$DIGEST_DEFAULT"

push_image "$IMG/tagged" 1.0 "$MIRROR/library/app:1.0"
push_image "$IMG/pinned" pinned "$MIRROR/team/tool:pinned"
push_image "$IMG/default" 2.0 "$MIRROR/vendor/thing:2.0"
# The upstream holds the same images, so a pull that bypassed the mirror would
# succeed and be caught by the upstream's access log rather than fail obscurely.
push_image "$IMG/tagged" 1.0 "$UP/library/app:1.0"
push_image "$IMG/pinned" pinned "$UP/team/tool:pinned"
UPSTREAM_MARK="$(log_mark upstream)"

# --- config, validate, export -------------------------------------------------
CONFIG="$WORK/config.json"
jq -n --arg ns1 "$NS_LISTED" --arg ns2 "$NS_UNREACHABLE" '{
  schemaVersion: 1,
  namespaces: [
    {namespace: $ns1, upstreams: [{url: ("http://" + $ns1)}]},
    {namespace: $ns2, upstreams: [{url: ("https://" + $ns2)}], policy: {tags: "primary"}}
  ]
}' >"$CONFIG"
run_ctl validate "$CONFIG"

CERTS="$WORK/certs.d"
run_ctl export containerd --config "$CONFIG" --proxy "$PROXY_URL" --out "$CERTS" \
  --containerd 1.6 --fallback none --default
for ns in "$NS_LISTED" "$NS_UNREACHABLE" _default; do
  [[ -f "$CERTS/$ns/hosts.toml" ]] || die "export wrote no $ns/hosts.toml (tree: $(cd "$CERTS" && find . -type f | tr '\n' ' '))"
  log "exported $ns/hosts.toml:"
  sed 's/^/    /' "$CERTS/$ns/hosts.toml" >&2
done

# Existing output is not overwritten without --force.
SUM_BEFORE="$(cd "$CERTS" && find . -type f -print0 | sort -z | xargs -0 sha256sum)"
OVERWRITE_RC=0
timeout "$E2E_CMD_TIMEOUT" "$NSGATECTL" export containerd --config "$CONFIG" --proxy "http://127.0.0.1:1" \
  --out "$CERTS" --containerd 1.6 --fallback none --default >"$WORK/overwrite.out" 2>&1 || OVERWRITE_RC=$?
((OVERWRITE_RC == 1)) || die "export over an existing directory without --force exited with $OVERWRITE_RC, want 1:"$'\n'"$(cat "$WORK/overwrite.out")"
[[ "$SUM_BEFORE" == "$(cd "$CERTS" && find . -type f -print0 | sort -z | xargs -0 sha256sum)" ]] ||
  die "export without --force changed existing files"
log "re-export without --force refused: $(grep -v '^warning:' "$WORK/overwrite.out" | head -n 1)"

# --- containerd ---------------------------------------------------------------
start_containerd

# fetch_through_mirror REF NS REPO TOP_DIGEST LAYOUT
#   content-fetch REF with the exported hosts dir, then prove that containerd
#   used the hosts.toml, that the upstream saw nothing, and from the mirror's
#   access log that each request was for REPO and carried exactly ns=NS, that
#   every manifest and blob of the image was served by the mirror, and that the
#   content landed in containerd's store.
fetch_through_mirror() {
  local ref="$1" ns="$2" repo="$3" top="$4" layout="$5"
  local ns_enc mark reqs bad d
  ns_enc="$(urlencode "$ns")"
  mark="$(log_mark mirror)"
  log "ctr content fetch $ref"
  ctr_cmd --debug content fetch --all-platforms --hosts-dir "$CERTS" "$ref" \
    >"$WORK/fetch.out" 2>"$WORK/fetch.err" ||
    { tail -n 30 "$WORK/fetch.err" >&2; die "ctr content fetch $ref failed"; }
  # containerd 1.6 logs a hosts.toml it cannot use and carries on without it.
  if grep -E 'failed to decode hosts.toml|invalid .host. tree' "$WORK/fetch.err" >&2; then
    die "$ref: containerd rejected an exported hosts.toml (see above)"
  fi
  # The registry named in the reference never saw a request.
  local up_reqs
  up_reqs="$(requests_since upstream "$UPSTREAM_MARK")"
  [[ -z "$up_reqs" ]] || die "$ref: the registry $UP was contacted directly, not through the proxy:"$'\n'"$up_reqs"
  reqs="$(requests_since mirror "$mark")"
  [[ -n "$reqs" ]] || die "$ref: the mirror received no requests"
  printf '%s\n' "$reqs" | sed 's/^/    mirror: /' >&2

  # Every request: this repository's manifests or blobs, query exactly ns=<ns>,
  # sent by containerd.
  bad="$(printf '%s\n' "$reqs" | awk -v repo="$repo" -v q="ns=$ns_enc" '{
      split($2, u, "?")
      if (u[1] !~ ("^/v2/" repo "/(manifests|blobs)/[^/]+$") || u[2] != q || $4 !~ /^containerd\//) print
    }')"
  [[ -z "$bad" ]] || die "$ref: mirror requests without ns=$ns_enc or for another repository:"$'\n'"$bad"

  # Every manifest (index and children) and every blob came from the mirror.
  local manifests blobs
  manifests="$(layout_manifests "$layout" "$top")"
  blobs="$(layout_blobs "$layout" "$top" | grep -vxF -f <(printf '%s\n' "$manifests"))"
  for d in $manifests; do
    has_request "$reqs" GET "/v2/$repo/manifests/$d?ns=$ns_enc" 200 ||
      die "$ref: no successful GET of manifest $d with ns=$ns_enc on the mirror"
  done
  for d in $blobs; do
    has_request "$reqs" GET "/v2/$repo/blobs/$d?ns=$ns_enc" 200 ||
      die "$ref: no successful GET of blob $d with ns=$ns_enc on the mirror"
  done

  # And containerd stored all of it.
  ctr_cmd content ls -q >"$WORK/content.txt"
  for d in $manifests $blobs; do
    grep -qxF "$d" "$WORK/content.txt" || die "$ref: $d not in containerd's content store"
  done
  log "$ref: $(printf '%s\n' "$reqs" | wc -l) mirror requests, all with ns=$ns_enc; $(printf '%s\n' "$manifests" "$blobs" | wc -l) objects stored"
}

fetch_through_mirror "$NS_LISTED/library/app:1.0" "$NS_LISTED" library/app "$DIGEST_TAGGED" "$IMG/tagged"
# The tag resolved to the pushed index.
ctr_cmd images ls | awk -v r="$NS_LISTED/library/app:1.0" '$1 == r { print $3 }' >"$WORK/resolved.txt"
[[ "$(cat "$WORK/resolved.txt")" == "$DIGEST_TAGGED" ]] ||
  die "tag resolved to '$(cat "$WORK/resolved.txt")', pushed $DIGEST_TAGGED"

fetch_through_mirror "$NS_LISTED/team/tool@$DIGEST_PINNED" "$NS_LISTED" team/tool "$DIGEST_PINNED" "$IMG/pinned"

log "upstream $UP received no requests"

# _default: a registry the config does not list goes through the proxy too,
# with ns naming that registry (unresolvable, so there is no other way).
fetch_through_mirror "$NS_UNLISTED/vendor/thing:2.0" "$NS_UNLISTED" vendor/thing "$DIGEST_DEFAULT" "$IMG/default"

# --- import -------------------------------------------------------------------
IMPORTED="$WORK/imported.json"
run_ctl import containerd "$CERTS" --out "$IMPORTED"
run_ctl validate "$IMPORTED"
WANT="$(jq -c '[.namespaces[].namespace] | sort' "$CONFIG")"
GOT="$(jq -c '[.namespaces[].namespace] | sort' "$IMPORTED")"
[[ "$WANT" == "$GOT" ]] || die "imported namespaces $GOT, exported $WANT"
log "import names the exported namespaces: $GOT"
