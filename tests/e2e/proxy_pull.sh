#!/usr/bin/env bash
# e2e: real clients pull through a real nsgate. Two docker-registry upstreams
# hold the same repository name with different content: A speaks plain HTTP,
# B speaks TLS with a certificate from a CA this test makes and requires a
# token from a realm the test runs (distribution checks the tokens' signatures
# itself); nsgate reaches B with that CA as the upstream's caPem and a
# credential stored through the admin API. nsgate (configured through its
# admin API) maps one namespace to each upstream. containerd's ctr, using a
# hosts tree exported by nsgatectl with --fallback none, and skopeo, through the
# path prefix of an exported registries.conf, pull by tag and by digest and
# each gets the content of the namespace it named. Second pulls are cache hits,
# every blob was fetched upstream once, answers carry OCI-Namespace, the realm
# saw nsgate's requests with the stored credential, whose password never shows
# in nsgate's log or events; a wrong stored password fails with an error event
# and no content; B without caPem fails on TLS (verification is on); an
# unmapped ns is never dialled, and hostile ns values are refused.
#
# Usage: proxy_pull.sh NSGATE NSGATECTL   (or env NSGATE / NSGATECTL)

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

require_tools docker-registry skopeo ctr containerd jq curl
require_root
resolve_nsgate "${1:-}"
resolve_nsgatectl "${2:-}"
e2e_init

# Upstream B: TLS from a CA made here, tokens from a realm run here. The
# password is random so that finding it anywhere means it leaked.
TLS="$WORK/tls"
make_test_ca "$TLS"
PULL_USER="e2e-puller"
PULL_PASS="pw-$(openssl rand -hex 12)"
WRONG_PASS="pw-$(openssl rand -hex 12)"
CRED="upb-puller"
start_token_realm realm "$PULL_USER:$PULL_PASS" "$TLS/server.crt" "$TLS/server.key"
start_registry upa
start_registry_tls_auth upb "$TLS/server.crt" "$TLS/server.key" "$TLS/ca.crt" realm
UPA="127.0.0.1:${REG_PORT[upa]}"
UPB="127.0.0.1:${REG_PORT[upb]}"
URL_A="http://$UPA"
URL_B="${REG_URL[upb]}"
# Unresolvable names: a pull can only succeed through nsgate.
NSA="registry-a.example.test"
NSB="registry-b.example.test"

# B really wants a token, and the realm gives none without the password.
code="$(curl -sS -o /dev/null -w '%{http_code}' --cacert "$TLS/ca.crt" "$URL_B/v2/library/app/manifests/1.0")"
[[ "$code" == 401 ]] || die "upstream B answered an anonymous manifest request with $code, want 401"
code="$(curl -sS -o /dev/null -w '%{http_code}' --cacert "$TLS/ca.crt" -u "$PULL_USER:$WRONG_PASS" \
  "${REALM_URL[realm]}?service=${REALM_SERVICE[realm]}&scope=repository:library/app:pull")"
[[ "$code" == 401 ]] || die "the token realm answered a wrong password with $code, want 401"

IMG="$WORK/images"
DA="$(make_layout "$IMG/a" 1.0 e2e-proxy-a --index)"
DB="$(make_layout "$IMG/b" 1.0 e2e-proxy-b --index)"
# Only in B and never pulled before the wrong-password check.
DB2="$(make_layout "$IMG/b2" 2.0 e2e-proxy-b-2.0 --index)"
[[ "$DA" != "$DB" && "$DB2" != "$DB" ]] || die "test images are not different"
push_image "$IMG/a" 1.0 "$UPA/library/app:1.0"
push_image_tls "$IMG/b" 1.0 "$UPB/library/app:1.0" "$TLS/trust" "$PULL_USER:$PULL_PASS"
push_image_tls "$IMG/b2" 2.0 "$UPB/library/app:2.0" "$TLS/trust" "$PULL_USER:$PULL_PASS"
declare -A LAYOUT=(["$NSA"]="$IMG/a" ["$NSB"]="$IMG/b")
log "same name, different content: $NSA → $DA, $NSB → $DB"

start_nsgate proxy

# put_credential USER PASSWORD: store CRED through the admin API (the password
# travels in a file, not on a command line).
put_credential() {
  jq -n --arg u "$1" --arg p "$2" '{username: $u, password: $p}' >"$WORK/credential.json"
  local status
  status="$(admin PUT "/admin/v1/credentials/$CRED" -H 'Content-Type: application/json' \
    --data-binary "@$WORK/credential.json" -o "$WORK/credential.out" -w '%{http_code}')"
  rm -f "$WORK/credential.json"
  [[ "$status" == 200 ]] || die "credential PUT answered $status: $(cat "$WORK/credential.out")"
}
put_credential "$PULL_USER" "$PULL_PASS"
admin GET /admin/v1/credentials >"$WORK/credentials.json"
jq -e --arg n "$CRED" --arg u "$PULL_USER" '[.[] | select(.name == $n and .username == $u and .hasPassword == true)] | length == 1' \
  "$WORK/credentials.json" >/dev/null || die "credential list: $(cat "$WORK/credentials.json")"

CONFIG="$WORK/config.json"
jq -n --arg a "$NSA" --arg b "$NSB" --arg ua "$URL_A" --arg ub "$URL_B" --arg cred "$CRED" \
  --rawfile ca "$TLS/ca.crt" '{
  schemaVersion: 1,
  namespaces: [
    {namespace: $a, upstreams: [{url: $ua}]},
    {namespace: $b, upstreams: [{url: $ub, caPem: $ca, credential: $cred}], policy: {tags: "any"}}
  ]
}' >"$CONFIG"
push_config "$CONFIG"
MARK_A="$(log_mark upa)"
MARK_B="$(log_mark upb)"
MARK_REALM="$(realm_mark realm)"

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
  # Served: B's token challenges (401) are not deliveries.
  dup="$(requests_since "$name" "${!mark}" | awk '$1 == "GET" && $2 ~ /\/blobs\// && $3 ~ /^2/ { print $2 }' | sort | uniq -d)"
  [[ -z "$dup" ]] || die "upstream $name served a blob more than once: $dup"
  ua="$(requests_since "$name" "${!mark}" | awk '$4 !~ /^nsgate\// { print }')"
  [[ -z "$ua" ]] || die "upstream $name saw requests that did not come from nsgate:"$'\n'"$ua"
done
admin GET "/admin/v1/events?after=0&limit=10000" >"$WORK/events.json"
skopeo_blobs="$(jq '[.events[] | select((.userAgent | test("skopeo|containers")) and .object == "blob")] | length' "$WORK/events.json")"
((skopeo_blobs > 0)) || die "no blob events from skopeo were recorded"
skopeo_misses="$(jq '[.events[] | select((.userAgent | test("skopeo|containers")) and .object == "blob" and .cache != "hit")] | length' "$WORK/events.json")"
[[ "$skopeo_misses" == 0 ]] || die "skopeo's blob requests after containerd's pull were not all cache hits: $(jq -c '[.events[] | select(.object == "blob" and .cache != "hit") | {userAgent, cache}]' "$WORK/events.json")"
crossed="$(jq --arg a "$NSA" --arg b "$NSB" --arg ua "$URL_A" --arg ub "$URL_B" \
  '[.events[] | select(.upstream != null) | select((.servedNs == $a and .upstream != $ua) or (.servedNs == $b and .upstream != $ub))] | length' "$WORK/events.json")"
[[ "$crossed" == 0 ]] || die "an event shows content from the other namespace's upstream"
fetched="$(jq '[.events[] | select(.cache == "miss")] | length' "$WORK/events.json")"
((fetched > 0)) || die "no event records a fetch from upstream"
log "events: $(jq '.events | length' "$WORK/events.json") recorded; every blob fetched upstream once; skopeo's pulls were hits"

# --- B's token auth: nsgate proved the stored credential to the realm -------------
challenged="$(requests_since upb "$MARK_B" | awk '$3 == 401 && $4 ~ /^nsgate\// { n++ } END { print n + 0 }')"
((challenged > 0)) || die "upstream B never challenged nsgate: token auth was not in force"
realm_since realm "$MARK_REALM" >"$WORK/realm.jsonl"
asked="$(jq -s '[.[] | select(.userAgent | startswith("nsgate/"))] | length' "$WORK/realm.jsonl")"
((asked > 0)) || die "the token realm saw no request from nsgate"
bad="$(jq -sc --arg u "$PULL_USER" '[.[] | select((.userAgent | startswith("nsgate/") | not) or .credentials != "accepted" or .user != $u)]' "$WORK/realm.jsonl")"
[[ "$bad" == "[]" ]] || die "the realm saw requests without the stored credential, or not from nsgate: $bad"
granted="$(jq -s '[.[] | .granted[] | select(.name == "library/app" and (.actions | index("pull")))] | length' "$WORK/realm.jsonl")"
((granted > 0)) || die "the realm granted nsgate no pull on library/app: $(cat "$WORK/realm.jsonl")"
# One scope, one token: the token cache spares the realm a request per object.
((asked == 1)) || die "nsgate asked the realm $asked times for one scope; tokens are not reused"
log "upstream B challenged nsgate $challenged times; the realm issued nsgate 1 token, for $PULL_USER with the right password"

# --- OCI-Namespace on every answer that used a namespace --------------------------
for url in "/v2/library/app/manifests/1.0?ns=$NSA" "/v2/library/app/manifests/$DA?ns=$NSA" \
           "/v2/library/app/manifests/nope?ns=$NSB" "/v2/$NSB/library/app/manifests/1.0"; do
  hdr="$(curl -sS -o /dev/null -D - -H 'Accept: application/vnd.oci.image.index.v1+json' "$NSG_REGISTRY$url" | tr -d '\r')"
  grep -qi '^oci-namespace: registry-' <<<"$hdr" || die "no OCI-Namespace on $url:"$'\n'"$hdr"
done
log "OCI-Namespace present on hits, misses and 404s"

# events_where JQ-FILTER: poll (events are written in batches) until some event
# matches the filter; leaves all events in $WORK/events.json.
events_where() {
  local filter="$1" deadline=$(($(date +%s) + E2E_READY_TIMEOUT))
  while :; do
    admin GET "/admin/v1/events?after=0&limit=10000" >"$WORK/events.json"
    jq -e "[.events[] | select($filter)] | length > 0" "$WORK/events.json" >/dev/null && return 0
    (($(date +%s) < deadline)) || return 1
    sleep 0.05
  done
}

# expect_refused PATH NS WHAT: a GET through nsgate that must fail without
# content: not 2xx, an OCI error body, no Docker-Content-Digest, OCI-Namespace NS.
expect_refused() {
  local path="$1" ns="$2" what="$3" code
  code="$(curl -sS -o "$WORK/refused.body" -D "$WORK/refused.hdr" -w '%{http_code}' \
    -H 'Accept: application/vnd.oci.image.index.v1+json' "$NSG_REGISTRY$path")"
  [[ "$code" != 2* ]] || die "$what: $path answered $code with content"
  jq -e '.errors[0].code | type == "string"' "$WORK/refused.body" >/dev/null 2>&1 ||
    die "$what: $path answered $code without an OCI error body: $(head -c 300 "$WORK/refused.body")"
  ! grep -qi '^docker-content-digest:' "$WORK/refused.hdr" || die "$what: $path answered with a Docker-Content-Digest"
  grep -qiF "oci-namespace: $ns" "$WORK/refused.hdr" || die "$what: no OCI-Namespace on the refusal of $path"
  REFUSED_CODE="$code"
}

# --- a wrong stored password: an error event and no content ------------------------
# 2.0 is in B only and was never pulled; the token cached for library/app was
# earned with the right password and must not serve the wrong one.
LAYER_B2="$(layout_blobs "$IMG/b2" "$DB2" | tail -n 1)"
put_credential "$PULL_USER" "$WRONG_PASS"
MARK_B="$(log_mark upb)"
MARK_REALM="$(realm_mark realm)"
expect_refused "/v2/library/app/manifests/2.0?ns=$NSB" "$NSB" "wrong password"
code_manifest="$REFUSED_CODE"
expect_refused "/v2/library/app/blobs/$LAYER_B2?ns=$NSB" "$NSB" "wrong password"
events_where "(.servedNs == \"$NSB\" and .reference == \"$LAYER_B2\")" ||
  die "no event for the refused blob $LAYER_B2: $(jq -c '.events[-3:]' "$WORK/events.json")"
wrong_events="$(jq -c --arg b "$NSB" --arg l "$LAYER_B2" \
  '[.events[] | select(.servedNs == $b and (.reference == "2.0" or .reference == $l))]' "$WORK/events.json")"
jq -e 'length == 2 and all(.decision == "failed" and .cache == "none" and .status >= 500 and ((.detail // "") | test("token") and test("401")))' \
  <<<"$wrong_events" >/dev/null || die "wrong password: want a failed event naming the realm's 401 per request: $wrong_events"
realm_since realm "$MARK_REALM" >"$WORK/realm.jsonl"
rejected="$(jq -s --arg u "$PULL_USER" '[.[] | select((.userAgent | startswith("nsgate/")) and .credentials == "rejected" and .user == $u)] | length' "$WORK/realm.jsonl")"
((rejected > 0)) || die "nsgate did not present the changed credential to the realm: $(cat "$WORK/realm.jsonl")"
accepted="$(jq -s '[.[] | select(.credentials == "accepted")] | length' "$WORK/realm.jsonl")"
[[ "$accepted" == 0 ]] || die "the realm issued a token while the stored password was wrong"
served="$(requests_since upb "$MARK_B" | awk '$3 ~ /^2/ { n++ } END { print n + 0 }')"
[[ "$served" == 0 ]] || die "upstream B served content while the stored password was wrong"
admin GET "/admin/v1/cache?namespace=$NSB&repository=library/app" >"$WORK/cache.json"
jq -e --arg d "$DB" '[.[] | select(.tag == "1.0" and .digest == $d)] | length == 1' "$WORK/cache.json" >/dev/null ||
  die "cache listing lacks $NSB library/app:1.0: $(cat "$WORK/cache.json")"
jq -e --arg d "$DB2" '[.[] | select(.tag == "2.0" or .digest == $d)] | length == 0' "$WORK/cache.json" >/dev/null ||
  die "the cache lists library/app:2.0 though the password was wrong: $(cat "$WORK/cache.json")"
layer_b="$(layout_blobs "$IMG/b" "$DB" | tail -n 1)"
[[ -n "$(find "$NSG_DATA" -type f -name "${layer_b#sha256:}")" ]] ||
  die "a layer of $NSB 1.0 is not in nsgate's data dir: the file check below would prove nothing"
for d in $(layout_blobs "$IMG/b2" "$DB2"); do
  [[ -z "$(find "$NSG_DATA" -name "${d#sha256:}*")" ]] || die "$d of library/app:2.0 was stored though the password was wrong"
done
log "wrong password: $code_manifest for the manifest and $REFUSED_CODE for a blob, failed events naming the realm's 401, nothing stored"
put_credential "$PULL_USER" "$PULL_PASS"
curl -sS -o /dev/null -D "$WORK/fixed.hdr" -w '%{http_code}' -H 'Accept: application/vnd.oci.image.index.v1+json' \
  "$NSG_REGISTRY/v2/library/app/manifests/2.0?ns=$NSB" >"$WORK/fixed.code"
[[ "$(cat "$WORK/fixed.code")" == 200 ]] || die "with the password restored, 2.0 answered $(cat "$WORK/fixed.code")"
grep -qiF "docker-content-digest: $DB2" "$WORK/fixed.hdr" || die "with the password restored, 2.0 is not $DB2"
log "password restored: $NSB library/app:2.0 → $DB2"

# --- B without its CA: TLS verification is on ---------------------------------------
NSC="registry-c.example.test"
jq --arg c "$NSC" --arg ub "$URL_B" --arg cred "$CRED" \
  '.namespaces += [{namespace: $c, upstreams: [{url: $ub, credential: $cred}]}]' "$CONFIG" >"$WORK/config-noca.json"
push_config "$WORK/config-noca.json"
MARK_B="$(log_mark upb)"
MARK_REALM="$(realm_mark realm)"
APP_MARK="$(wc -l <"${REG_APP_LOG[upb]}")"
expect_refused "/v2/library/app/manifests/1.0?ns=$NSC" "$NSC" "no caPem"
code_manifest="$REFUSED_CODE"
# The layer is on nsgate's disk (fetched for $NSB): without an upstream that
# confirms it for $NSC, it is not served.
expect_refused "/v2/library/app/blobs/$layer_b?ns=$NSC" "$NSC" "no caPem"
events_where "(.servedNs == \"$NSC\" and .object == \"manifest\" and .decision == \"failed\")" ||
  die "no failed manifest event for $NSC: $(jq -c '.events[-3:]' "$WORK/events.json")"
jq -e --arg c "$NSC" '[.events[] | select(.servedNs == $c and .object == "manifest")] | all(.decision == "failed" and ((.detail // "") | test("TLS")))' \
  "$WORK/events.json" >/dev/null ||
  die "no caPem: the event does not name a TLS failure: $(jq -c --arg c "$NSC" '[.events[] | select(.servedNs == $c)]' "$WORK/events.json")"
wait_until "B's TLS handshake error" "" sh -c "tail -n +$((APP_MARK + 1)) '${REG_APP_LOG[upb]}' | grep -q 'TLS handshake error'" ||
  die "upstream B logged no refused TLS handshake: nsgate did not reach it"
[[ -z "$(log_since upb "$MARK_B")" ]] || die "an HTTP request reached B over a connection nsgate should not have trusted"
[[ -z "$(realm_since realm "$MARK_REALM")" ]] || die "the credential went to the realm for an untrusted upstream"
log "no caPem: $code_manifest and $REFUSED_CODE, a TLS failure in the event, B saw only a refused handshake"

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

# --- the password never shows -----------------------------------------------------
admin GET "/admin/v1/events?after=0&limit=10000" >"$WORK/events.json"
admin GET /admin/v1/credentials >"$WORK/credentials.json"
admin GET /admin/v1/config >"$WORK/config-stored.json"
logged="$(wc -l <"$NSG_LOG")"
((logged > 0)) || die "nsgate logged nothing: the check below would prove nothing"
for secret in "$PULL_PASS" "$WRONG_PASS" "$(printf '%s:%s' "$PULL_USER" "$PULL_PASS" | base64 -w0)"; do
  for f in "$NSG_LOG" "$WORK/proxy/stdout" "$WORK/events.json" "$WORK/credentials.json" "$WORK/config-stored.json" \
           "$WORK/credential.out"; do
    ! grep -qF -- "$secret" "$f" || die "a password (or the Basic header carrying it) shows in ${f#"$WORK"/}"
  done
done
[[ "$(stat -c %a "$NSG_DATA/credentials.json")" == 600 ]] || die "credentials.json is not mode 0600"
log "passwords appear in none of nsgate's $logged log lines, events, config or credential answers"
