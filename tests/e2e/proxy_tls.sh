#!/usr/bin/env bash
# e2e: nsgate's listeners over TLS. Both the registry and the admin listener
# serve a certificate from a CA the test makes; nsgatectl reaches the admin API
# with --ca, the listening line names https URLs, and containerd pulls through
# the TLS registry listener using a hosts tree exported with --ca (so the
# export's CA path is proven against a real client), while the same tree
# without the CA is refused by containerd's verification.
#
# Usage: proxy_tls.sh NSGATE NSGATECTL

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

require_tools docker-registry skopeo ctr containerd jq curl openssl
require_root
resolve_nsgate "${1:-}"
resolve_nsgatectl "${2:-}"
e2e_init

make_test_ca "$WORK/pki"
start_registry up
UP="127.0.0.1:${REG_PORT[up]}"
NS="registry.example.test"
DIGEST="$(make_layout "$WORK/img" 1.0 e2e-proxy-tls --index)"
push_image "$WORK/img" 1.0 "$UP/library/app:1.0"

start_nsgate proxy --tls-cert "$WORK/pki/server.crt" --tls-key "$WORK/pki/server.key" \
  --admin-tls-cert "$WORK/pki/server.crt" --admin-tls-key "$WORK/pki/server.key"
[[ "$NSG_REGISTRY" == https://127.0.0.1:* && "$NSG_ADMIN" == https://127.0.0.1:* ]] ||
  die "listening line names $NSG_REGISTRY and $NSG_ADMIN, want https URLs"
curl -sSf --cacert "$WORK/pki/ca.crt" "$NSG_ADMIN/admin/v1/health" | jq -e '.status == "ok"' >/dev/null ||
  die "health over TLS failed"
if curl -sS -o /dev/null "$NSG_ADMIN/admin/v1/health" 2>/dev/null; then
  die "the admin listener's certificate verified without the test CA"
fi

jq -n --arg ns "$NS" --arg up "http://$UP" '{schemaVersion: 1, namespaces: [{namespace: $ns, upstreams: [{url: $up}]}]}' \
  >"$WORK/config.json"
ctl() { timeout "$E2E_CMD_TIMEOUT" "$NSGATECTL" "$@"; }
ctl config get --admin "$NSG_ADMIN" --token-file "$NSG_DATA/admin-token" --ca "$WORK/pki/ca.crt" \
  --out "$WORK/current.json" 2>/dev/null || die "nsgatectl config get over TLS failed"
jq --slurpfile c "$WORK/config.json" '.namespaces = $c[0].namespaces' "$WORK/current.json" >"$WORK/next.json"
ctl config put "$WORK/next.json" --admin "$NSG_ADMIN" --token-file "$NSG_DATA/admin-token" --ca "$WORK/pki/ca.crt" \
  >/dev/null || die "nsgatectl config put over TLS failed"
rc=0; ctl config get --admin "$NSG_ADMIN" --token-file "$NSG_DATA/admin-token" >/dev/null 2>"$WORK/noca.err" || rc=$?
((rc == 1)) || die "nsgatectl without --ca exited $rc; the admin certificate must not verify"
log "admin API over TLS: health, config get/put with --ca; refused without it"

start_containerd
run_ctl export containerd --config "$WORK/config.json" --proxy "$NSG_REGISTRY" --out "$WORK/certs.d" \
  --containerd 1.6 --fallback none --ca "$WORK/pki/ca.crt"
ctr_cmd content fetch --all-platforms --hosts-dir "$WORK/certs.d" "$NS/library/app:1.0" >/dev/null 2>"$WORK/fetch.err" ||
  { tail -n 20 "$WORK/fetch.err" >&2; die "ctr fetch through the TLS listener failed"; }
got="$(ctr_cmd images ls | awk -v r="$NS/library/app:1.0" '$1 == r { print $3 }')"
[[ "$got" == "$DIGEST" ]] || die "resolved '$got' through TLS, want $DIGEST"
log "containerd pulled through the TLS registry listener with the exported CA"

run_ctl export containerd --config "$WORK/config.json" --proxy "$NSG_REGISTRY" --out "$WORK/certs-noca.d" \
  --containerd 1.6 --fallback none
if ctr_cmd content fetch --hosts-dir "$WORK/certs-noca.d" "$NS/library/app@$DIGEST" >/dev/null 2>"$WORK/noca-fetch.err"; then
  # The content is already in containerd's store; ask for something new instead.
  ctr_cmd content rm "$DIGEST" >/dev/null 2>&1 || true
  ctr_cmd images rm "$NS/library/app:1.0" >/dev/null 2>&1 || true
  if ctr_cmd content fetch --hosts-dir "$WORK/certs-noca.d" "$NS/library/app@$DIGEST" >/dev/null 2>"$WORK/noca-fetch.err"; then
    die "containerd pulled through nsgate's TLS listener without trusting its CA"
  fi
fi
grep -qiE 'x509|certificate' "$WORK/noca-fetch.err" || die "the refused pull did not fail on the certificate: $(tail -n 5 "$WORK/noca-fetch.err")"
log "without the CA containerd refuses the certificate"
