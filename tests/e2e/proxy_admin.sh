#!/usr/bin/env bash
# e2e: the admin API of a real nsgate, held to the contract (admin-api.md)
# endpoint by endpoint with curl:
#   - the listening line's exact shape, the generated token file (0600), health
#     without a token, and 401 + WWW-Authenticate + problem+json for every other
#     method and path of the contract without a token and with a wrong one (and
#     nothing changes through them);
#   - config: ETag, 428 without If-Match, 8 concurrent PUTs with one If-Match
#     (exactly one 200, seven 412 with currentRevision), 422 listing every error
#     with its pointer, a dry run that changes nothing and lists changes,
#     revisions newest first with the X-Nsgate-Actor, revision documents, and
#     rollback as a PUT of an old document;
#   - credentials: write-only passwords, 409 while referenced, 204 after;
#   - 413 over 4 MiB (declared and chunked; exactly 4 MiB is accepted), 404, 405
#     with Allow;
#   - stats and the cache listing after a real pull through nsgate from a
#     docker-registry upstream, and DELETE /cache making the next tag request go
#     upstream again;
#   - info, with instanceId, token, config and credentials kept across a restart
#     on the same data dir;
#   - neither the token nor a password ever reaches nsgate's logs.
#
# Usage: proxy_admin.sh NSGATE [NSGATECTL]   (or env NSGATE)

# shellcheck disable=SC2015  # "A && B || die": dies when either check fails, as meant.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

require_tools docker-registry skopeo jq curl stat
resolve_nsgate "${1:-}"
e2e_init

# restart_nsgate NAME [ARGS...]: start_nsgate again on NAME's data dir. The old
# stdout goes first: start_nsgate may look for the listening line before the
# new process has truncated the file, and would then read the old ports.
restart_nsgate() {
  rm -f "$WORK/$1/stdout"
  start_nsgate "$@"
}

start_registry up
UP="127.0.0.1:${REG_PORT[up]}"
NS="registry.example.test"
IMG="$WORK/image"
DIGEST="$(make_layout "$IMG" 1.0 e2e-admin)"
push_image "$IMG" 1.0 "$UP/library/app:1.0"
log "upstream $UP holds library/app:1.0 → $DIGEST"

start_nsgate admin
DIR="$WORK/admin"
A="$NSG_ADMIN/admin/v1"

# call METHOD PATH OUT [CURL ARGS...]: status on stdout, headers in OUT.h
# (lower-case names, no CR), body in OUT.
call() {
  local method="$1" path="$2" out="$3"
  shift 3
  # A server that answers early (413) may reset the upload: curl then fails
  # after the status is known, which is what counts here.
  curl -sS -X "$method" -o "$out" -D "$out.h" -w '%{http_code}' --max-time 20 "$@" "$A$path" 2>"$out.err" || true
  tr -d '\r' <"$out.h" | awk 'NR == 1 { print; next } { i = index($0, ":"); if (i) print tolower(substr($0, 1, i)) substr($0, i + 1) }' >"$out.hh"
  mv "$out.hh" "$out.h"
}
# header OUT NAME: the value of header NAME (lower case) in OUT.h.
header() { sed -n "s/^$2: //p" "$1.h" | head -n1; }
auth=(-H "Authorization: Bearer $NSG_TOKEN")
json=(-H 'Content-Type: application/json')

# expect_problem OUT STATUS: OUT is an RFC 9457 problem for STATUS.
expect_problem() {
  [[ "$(header "$1" content-type)" == application/problem+json* ]] ||
    die "status $2: content-type '$(header "$1" content-type)', want application/problem+json ($(head -c 300 "$1"))"
  jq -e --argjson s "$2" '.type == "about:blank" and .status == $s and (.title | type == "string" and length > 0)
    and (.detail | type == "string") and (.errors | type == "array")' "$1" >/dev/null ||
    die "status $2: not a problem document: $(head -c 300 "$1")"
}

# --- the listening line, the token file, health ------------------------------------
LINE="$(grep -m1 '"event":"listening"' "$DIR/stdout")"
[[ "$(wc -l <"$DIR/stdout")" == 1 ]] || die "stdout holds more than the listening line: $(cat "$DIR/stdout")"
[[ "$LINE" =~ ^\{\"event\":\"listening\",\"registry\":\"http://127\.0\.0\.1:[0-9]+\",\"admin\":\"http://127\.0\.0\.1:[0-9]+\",\"tokenFile\":\"[^\"]+\"\}$ ]] ||
  die "listening line not in the contract's format: $LINE"
TOKEN_FILE="$(jq -r .tokenFile <<<"$LINE")"
[[ "$TOKEN_FILE" -ef "$NSG_DATA/admin-token" ]] || die "tokenFile $TOKEN_FILE is not DATA_DIR/admin-token"
[[ "$(stat -c %a "$TOKEN_FILE")" == 600 ]] || die "token file mode $(stat -c %a "$TOKEN_FILE"), want 600"
[[ "$NSG_TOKEN" =~ ^[A-Za-z0-9_-]{43}$ ]] || die "token is not 32 bytes of base64url (${#NSG_TOKEN} characters)"
status="$(call GET /health "$WORK/health")"
[[ "$status" == 200 ]] || die "health without a token answered $status"
jq -e '. == {"status":"ok"}' "$WORK/health" >/dev/null || die "health body: $(cat "$WORK/health")"
log "listening line, token file (0600, 43 characters), health without token: ok"

# --- info ----------------------------------------------------------------------------
status="$(call GET /info "$WORK/info" "${auth[@]}")"
[[ "$status" == 200 ]] || die "info answered $status"
jq -e --arg r "$NSG_REGISTRY" '.product == "nsgate" and (.version | length > 0) and .apiVersion == 1
  and (.instanceId | test("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"))
  and .registryUrl == $r and (.startedAt | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$"))
  and .configRevision == 1' "$WORK/info" >/dev/null || die "info: $(cat "$WORK/info")"
INSTANCE="$(jq -r .instanceId "$WORK/info")"
log "info: instance $INSTANCE, revision 1"

# --- config: GET, 428, concurrent PUTs -----------------------------------------------
status="$(call GET /config "$WORK/cfg" "${auth[@]}")"
[[ "$status" == 200 && "$(header "$WORK/cfg" etag)" == '"1"' ]] || die "GET config: $status, ETag $(header "$WORK/cfg" etag)"
jq -e '.schemaVersion == 1 and .revision == 1 and .namespaces == [] and .defaultNamespace == null' "$WORK/cfg" >/dev/null ||
  die "initial config: $(cat "$WORK/cfg")"

# nsconfig NAME UPSTREAM [CREDENTIAL]: a one-namespace config document.
nsconfig() {
  jq -n --arg n "$1" --arg u "$2" --arg c "${3:-}" \
    '{schemaVersion: 1, namespaces: [{namespace: $n, upstreams: [{url: $u} + (if $c == "" then {} else {credential: $c} end)]}]}'
}
nsconfig "$NS" "http://$UP" >"$WORK/ns.json"
status="$(call PUT /config "$WORK/r428" "${auth[@]}" "${json[@]}" --data-binary "@$WORK/ns.json")"
[[ "$status" == 428 ]] || die "PUT without If-Match answered $status, want 428"
expect_problem "$WORK/r428" 428

N=8
pids=()
for ((i = 0; i < N; i++)); do
  nsconfig "$NS" "http://$UP" | jq --arg a "w$i.example.test" '.namespaces[0].aliases = [$a]' >"$WORK/race$i.json"
done
for ((i = 0; i < N; i++)); do
  call PUT /config "$WORK/race$i.out" "${auth[@]}" "${json[@]}" -H 'If-Match: "1"' -H "X-Nsgate-Actor: racer $i" \
    --data-binary "@$WORK/race$i.json" >"$WORK/race$i.status" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || die "a concurrent PUT failed to run"; done
winners=() losers=0
for ((i = 0; i < N; i++)); do
  s="$(cat "$WORK/race$i.status")"
  case "$s" in
  200) winners+=("$i") ;;
  412)
    expect_problem "$WORK/race$i.out" 412
    jq -e '.currentRevision == 2' "$WORK/race$i.out" >/dev/null || die "412 without currentRevision 2: $(cat "$WORK/race$i.out")"
    losers=$((losers + 1))
    ;;
  *) die "concurrent PUT $i answered $s: $(cat "$WORK/race$i.out")" ;;
  esac
done
((${#winners[@]} == 1 && losers == N - 1)) || die "concurrent PUTs: ${#winners[@]} × 200 and $losers × 412, want 1 and $((N - 1))"
W="${winners[0]}"
[[ "$(header "$WORK/race$W.out" etag)" == '"2"' ]] || die "winning PUT's ETag: $(header "$WORK/race$W.out" etag)"
status="$(call GET /config "$WORK/cfg" "${auth[@]}")"
[[ "$(header "$WORK/cfg" etag)" == '"2"' ]] || die "after the race ETag is $(header "$WORK/cfg" etag)"
cmp -s "$WORK/cfg" "$WORK/race$W.out" || die "GET config differs from the winning PUT's answer"
jq -e --arg a "w$W.example.test" '.revision == 2 and .namespaces[0].aliases == [$a]' "$WORK/cfg" >/dev/null ||
  die "the stored config is not the winner's ($W): $(jq -c .namespaces "$WORK/cfg")"
log "$N concurrent PUTs with If-Match \"1\": PUT $W stored revision 2, $losers × 412 with currentRevision"

# --- 422: every error with its pointer ------------------------------------------------
jq -n '{schemaVersion: 1, defaultNamespace: "unmapped.example.test", namespaces: [
  {namespace: "Bad_Host!", upstreams: [{url: "http://127.0.0.1:9"}]},
  {namespace: "b.example.test", upstreams: [{url: "ftp://b.example.test"}, {url: "http://127.0.0.1:9", credential: "nosuch"}]},
  {namespace: "c.example.test", aliases: ["b.example.test"], upstreams: [{url: "http://127.0.0.1:9"}],
   policy: {allow: ["library/*", "a//b"], tagTtlSeconds: -1}},
  {namespace: "d.example.test", upstreams: []},
  {namespace: "e.example.test", upstreams: [{url: "http://127.0.0.1:9", repositoryPrefix: "noslash", caPem: "junk"}]}
]}' >"$WORK/invalid.json"
WANT_POINTERS='["/defaultNamespace","/namespaces/0/namespace","/namespaces/1/upstreams/0/url",
  "/namespaces/1/upstreams/1/credential","/namespaces/2/aliases/0","/namespaces/2/policy/allow/1",
  "/namespaces/2/policy/tagTtlSeconds","/namespaces/3/upstreams","/namespaces/4/upstreams/0/caPem",
  "/namespaces/4/upstreams/0/repositoryPrefix"]'
status="$(call PUT /config "$WORK/r422" "${auth[@]}" "${json[@]}" -H 'If-Match: "2"' --data-binary "@$WORK/invalid.json")"
[[ "$status" == 422 ]] || die "invalid config answered $status, want 422"
expect_problem "$WORK/r422" 422
jq -e --argjson want "$WANT_POINTERS" '([.errors[].pointer] | sort) == ($want | sort)
  and all(.errors[]; .message | length > 0) and (.detail | startswith("10 "))' "$WORK/r422" >/dev/null ||
  die "422 does not list exactly the 10 errors: $(jq -c '{detail, pointers: [.errors[].pointer]}' "$WORK/r422")"
# Shape errors (decoding) together with a body revision that contradicts If-Match.
jq -n '{schemaVersion: 1, revision: 1, extra: true, namespaces: [
  {namespace: "a.example.test", upstreams: [{url: "http://127.0.0.1:9", bogus: 1}], policy: {tags: "sometimes"}}]}' >"$WORK/shape.json"
status="$(call PUT /config "$WORK/r422b" "${auth[@]}" "${json[@]}" -H 'If-Match: "2"' --data-binary "@$WORK/shape.json")"
[[ "$status" == 422 ]] || die "badly shaped config answered $status, want 422"
jq -e '([.errors[].pointer] | sort) == ["/extra","/namespaces/0/policy/tags","/namespaces/0/upstreams/0/bogus","/revision"]
  and (.detail | startswith("4 "))' "$WORK/r422b" >/dev/null ||
  die "shape 422: $(jq -c '{detail, pointers: [.errors[].pointer]}' "$WORK/r422b")"
status="$(call PUT /config "$WORK/r400" "${auth[@]}" "${json[@]}" -H 'If-Match: "2"' --data-binary '{"schemaVersion":')"
[[ "$status" == 400 ]] || die "a body that is not JSON answered $status, want 400"
expect_problem "$WORK/r400" 400
log "422 lists all 10 rule errors and all 4 shape errors by pointer; not JSON is 400"

# --- dry run ---------------------------------------------------------------------------
jq '.namespaces += [{namespace: "ghcr.example.test", upstreams: [{url: "http://127.0.0.1:9"}]}]' "$WORK/cfg" >"$WORK/dry.json"
status="$(call PUT '/config?dryRun=true' "$WORK/dry" "${auth[@]}" "${json[@]}" -H 'If-Match: "2"' --data-binary "@$WORK/dry.json")"
[[ "$status" == 200 ]] || die "dry run answered $status: $(cat "$WORK/dry")"
jq -e '.valid == true and (.changes | index("+ghcr.example.test") != null)' "$WORK/dry" >/dev/null ||
  die "dry run body: $(cat "$WORK/dry")"
status="$(call PUT '/config?dryRun=true' "$WORK/dry422" "${auth[@]}" "${json[@]}" --data-binary "@$WORK/invalid.json")"
[[ "$status" == 422 ]] && jq -e '.valid == false and (.errors | length) == 10' "$WORK/dry422" >/dev/null ||
  die "invalid dry run: $status $(head -c 300 "$WORK/dry422")"
call GET /config "$WORK/cfg-after-dry" "${auth[@]}" >/dev/null
[[ "$(header "$WORK/cfg-after-dry" etag)" == '"2"' ]] && cmp -s "$WORK/cfg" "$WORK/cfg-after-dry" ||
  die "a dry run changed the config (ETag $(header "$WORK/cfg-after-dry" etag))"
[[ "$(admin GET /admin/v1/config/revisions | jq '.[0].revision')" == 2 ]] || die "a dry run made a revision"
log "dry run: valid with changes [\"+ghcr.example.test\"], nothing stored"

# --- credentials -------------------------------------------------------------------------
PASSWORD="pw-$(openssl rand -hex 12)"
status="$(call PUT /credentials/upcred "$WORK/cred" "${auth[@]}" "${json[@]}" \
  --data-binary "$(jq -cn --arg p "$PASSWORD" '{username: "e2e-user", password: $p}')")"
[[ "$status" == 200 ]] || die "PUT credential answered $status: $(cat "$WORK/cred")"
jq -e '. == {"name":"upcred","username":"e2e-user","hasPassword":true}' "$WORK/cred" >/dev/null || die "PUT credential: $(cat "$WORK/cred")"
# A rejected credential must not echo its password either.
status="$(call PUT /credentials/bad "$WORK/cred422" "${auth[@]}" "${json[@]}" \
  --data-binary "$(jq -cn --arg p "$PASSWORD" '{username: "a:b", password: $p, extra: 1}')")"
[[ "$status" == 422 ]] || die "invalid credential answered $status"
! grep -qF "$PASSWORD" "$WORK/cred422" || die "the 422 for a credential quotes its password"
status="$(call GET /credentials "$WORK/creds" "${auth[@]}")"
[[ "$status" == 200 ]] || die "GET credentials answered $status"
jq -e '. == [{"name":"upcred","username":"e2e-user","hasPassword":true}]' "$WORK/creds" >/dev/null || die "credentials list: $(cat "$WORK/creds")"
! grep -qF "$PASSWORD" "$WORK/creds" || die "the credentials list shows the password"
status="$(call GET /credentials/upcred "$WORK/cred405" "${auth[@]}")"
[[ "$status" == 405 && "$(header "$WORK/cred405" allow)" == "PUT, DELETE" ]] || die "GET of one credential: $status"
CRED_FILE="$(find "$NSG_DATA" -maxdepth 1 -name 'credentials*' -type f | head -n1)"
[[ -n "$CRED_FILE" && "$(stat -c %a "$CRED_FILE")" == 600 ]] || die "credential file '${CRED_FILE}' missing or not mode 0600"

# Reference it (revision 3), then DELETE → 409 naming the reference.
nsconfig "$NS" "http://$UP" upcred | jq '.namespaces[0].policy.tagTtlSeconds = 3600' >"$WORK/withcred.json"
status="$(call PUT /config "$WORK/rev3" "${auth[@]}" "${json[@]}" -H 'If-Match: "2"' -H 'X-Nsgate-Actor: alice' --data-binary "@$WORK/withcred.json")"
[[ "$status" == 200 && "$(header "$WORK/rev3" etag)" == '"3"' ]] || die "PUT referencing the credential: $status $(head -c 300 "$WORK/rev3")"
status="$(call DELETE /credentials/upcred "$WORK/del409" "${auth[@]}")"
[[ "$status" == 409 ]] || die "DELETE of a referenced credential answered $status, want 409"
expect_problem "$WORK/del409" 409
jq -e '[.errors[].pointer] == ["/namespaces/0/upstreams/0/credential"]' "$WORK/del409" >/dev/null || die "409: $(cat "$WORK/del409")"
[[ "$(admin GET /admin/v1/credentials | jq length)" == 1 ]] || die "the 409 removed the credential anyway"
log "credentials: write-only, file 0600, 409 while /namespaces/0/upstreams/0/credential uses it"

# --- a real pull through nsgate, stats and cache ---------------------------------------
# pull: manifest by tag, then config and layer by digest; sums the bytes served.
MT='application/vnd.oci.image.manifest.v1+json'
pull() {
  local code total=0 d
  code="$(curl -sS -o "$WORK/pulled-manifest" -w '%{http_code}' -H "Accept: $MT" "$NSG_REGISTRY/v2/library/app/manifests/1.0?ns=$NS")"
  [[ "$code" == 200 ]] || die "manifest pull through nsgate answered $code: $(head -c 300 "$WORK/pulled-manifest")"
  [[ "sha256:$(sha256sum <"$WORK/pulled-manifest" | cut -d' ' -f1)" == "$DIGEST" ]] || die "pulled manifest has the wrong digest"
  total=$(stat -c %s "$WORK/pulled-manifest")
  for d in $(jq -r '.config.digest, .layers[].digest' "$WORK/pulled-manifest"); do
    code="$(curl -sS -o "$WORK/pulled-blob" -w '%{http_code}' "$NSG_REGISTRY/v2/library/app/blobs/$d?ns=$NS")"
    [[ "$code" == 200 && "sha256:$(sha256sum <"$WORK/pulled-blob" | cut -d' ' -f1)" == "$d" ]] || die "blob $d through nsgate: $code"
    total=$((total + $(stat -c %s "$WORK/pulled-blob")))
  done
  echo "$total"
}
MARK="$(log_mark up)"
BYTES="$(pull)"
BYTES2="$(pull)"
[[ "$BYTES" == "$BYTES2" ]] || die "the two pulls served different byte counts"
# Events reach stats through the event log's writer; wait for all six.
events_logged() { [[ "$(admin GET '/admin/v1/events?after=0' | jq '.events | length')" == "$1" ]]; }
wait_until "six events in the log" "$NSG_PID" events_logged 6 ||
  die "the event log did not record the six pull requests: $(admin GET '/admin/v1/events?after=0' | jq -c '[.events[] | {object, cache, status}]')"
status="$(call GET /stats "$WORK/stats" "${auth[@]}")"
[[ "$status" == 200 ]] || die "stats answered $status"
jq -e --argjson b "$BYTES" --arg ns "$NS" --arg id "$INSTANCE" '
  def traffic: .requests == 6 and .hits == 3 and .misses == 3 and .mismatches == 0 and .bytesServed == 2 * $b and .bytesFetched == $b;
  .instanceId == $id and (.sinceStart | traffic) and (.total | traffic) and .eventsDropped == 0
  and .cache.entries > 0 and .cache.bytes > 0
  and ([.namespaces[] | select(.namespace == $ns) | (.sinceStart | traffic) and (.total | traffic)
         and .cache.entries == 3 and .cache.bytes == $b] == [true])' "$WORK/stats" >/dev/null ||
  die "stats after two pulls of $BYTES bytes (one miss, one hit each): $(cat "$WORK/stats")"
status="$(call GET "/cache?namespace=$NS&repository=library/app" "$WORK/cache" "${auth[@]}")"
[[ "$status" == 200 ]] || die "cache listing answered $status"
MSIZE="$(stat -c %s "$WORK/pulled-manifest")"
jq -e --arg d "$DIGEST" --arg ns "$NS" --arg up "http://$UP" --argjson size "$MSIZE" --arg mt "$MT" '
  [.[] | select(.tag == "1.0")] as $t | ($t | length) == 1 and ($t[0] | .namespace == $ns and .repository == "library/app"
   and .digest == $d and .mediaType == $mt and .size == $size and .upstream == $up
   and (.fetchedAt | test("Z$")) and (.lastServedAt | type == "string"))' "$WORK/cache" >/dev/null ||
  die "cache listing after the pull: $(cat "$WORK/cache")"
pulled_up="$(requests_since up "$MARK" | awk '$1 == "GET" && $2 ~ /\/blobs\// { n++ } END { print n + 0 }')"
[[ "$pulled_up" == 2 ]] || die "upstream served $pulled_up blob GETs for two pulls, want 2 (fetched once)"
log "pulled $BYTES bytes twice: stats 6 requests, 3 hits, 3 misses; cache lists 1.0 → $DIGEST"

# --- 401 for every endpoint but health, and nothing changes through it ----------------
ENDPOINTS=(
  "GET /info" "GET /config" "PUT /config" "PUT /config?dryRun=true" "GET /config/revisions" "GET /config/revisions/1"
  "PUT /credentials/upcred" "GET /credentials" "DELETE /credentials/upcred" "GET /events" "GET /events/stream"
  "GET /stats" "GET /cache" "DELETE /cache"
)
checked=0
for ep in "${ENDPOINTS[@]}"; do
  method="${ep%% *}" path="${ep#* }"
  body=()
  [[ "$method" == PUT ]] && body=("${json[@]}" -H 'If-Match: "3"' --data-binary "@$WORK/ns.json")
  [[ "$path" == /credentials/* && "$method" == PUT ]] && body=("${json[@]}" --data-binary '{"username":"mallory","password":"x"}')
  for who in none wrong basic; do
    case "$who" in
    none) cred=() ;;
    wrong) cred=(-H "Authorization: Bearer ${NSG_TOKEN%?}x") ;;
    basic) cred=(-H "Authorization: Basic $(printf 'admin:%s' "$NSG_TOKEN" | base64 -w0)") ;;
    esac
    status="$(call "$method" "$path" "$WORK/unauth" "${cred[@]}" "${body[@]}")"
    [[ "$status" == 401 ]] || die "$method $path with token '$who' answered $status, want 401"
    [[ "$(header "$WORK/unauth" www-authenticate)" == 'Bearer realm="nsgate-admin"' ]] ||
      die "$method $path ($who): WWW-Authenticate '$(header "$WORK/unauth" www-authenticate)'"
    expect_problem "$WORK/unauth" 401
    checked=$((checked + 1))
  done
done
((checked == 3 * ${#ENDPOINTS[@]})) || die "checked only $checked unauthenticated requests"
status="$(call GET /health "$WORK/health" -H "Authorization: Bearer wrong")"
[[ "$status" == 200 ]] || die "health with a wrong token answered $status"
call GET /config "$WORK/cfg" "${auth[@]}" >/dev/null
[[ "$(header "$WORK/cfg" etag)" == '"3"' ]] || die "an unauthenticated PUT changed the config: ETag $(header "$WORK/cfg" etag)"
admin GET /admin/v1/credentials | jq -e '. == [{"name":"upcred","username":"e2e-user","hasPassword":true}]' >/dev/null ||
  die "an unauthenticated request changed the credentials: $(admin GET /admin/v1/credentials)"
[[ "$(admin GET "/admin/v1/cache?namespace=$NS" | jq '[.[] | select(.tag == "1.0")] | length')" == 1 ]] ||
  die "an unauthenticated DELETE /cache forgot the tag"
log "401 with WWW-Authenticate and problem+json: ${#ENDPOINTS[@]} endpoints × (none, wrong, Basic); state unchanged"

# --- DELETE /cache forgets tag resolutions ----------------------------------------------
status="$(call DELETE "/cache?namespace=$NS&repository=library/app&tag=1.0" "$WORK/forget" "${auth[@]}")"
[[ "$status" == 200 ]] && jq -e '.forgotten == 1' "$WORK/forget" >/dev/null || die "DELETE /cache: $status $(cat "$WORK/forget")"
[[ "$(admin GET "/admin/v1/cache?namespace=$NS" | jq '[.[] | select(.tag == "1.0")] | length')" == 0 ]] ||
  die "the tag is still listed after DELETE /cache"
MARK="$(log_mark up)"
pull >/dev/null
# tagTtlSeconds is 3600: only a forgotten resolution makes nsgate ask upstream again.
reqs="$(requests_since up "$MARK")"
printf '%s\n' "$reqs" | grep -qE '^(GET|HEAD) /v2/library/app/manifests/1\.0 ' ||
  die "after DELETE /cache the tag was not resolved upstream again:"$'\n'"$reqs"
! printf '%s\n' "$reqs" | grep -q '/blobs/' || die "blobs were fetched again after DELETE /cache (they stay cached):"$'\n'"$reqs"
[[ "$(admin GET "/admin/v1/cache?namespace=$NS" | jq '[.[] | select(.tag == "1.0")] | length')" == 1 ]] ||
  die "the tag was not cached again after the next pull"
log "DELETE /cache forgot 1 tag: the next pull asked upstream for the tag, blobs stayed cached"

# --- revisions, rollback, unreferenced credential ---------------------------------------
nsconfig "$NS" "http://$UP" >"$WORK/nocred.json"
status="$(call PUT /config "$WORK/rev4" "${auth[@]}" "${json[@]}" -H 'If-Match: "3"' -H 'X-Nsgate-Actor: bob' --data-binary "@$WORK/nocred.json")"
[[ "$status" == 200 && "$(header "$WORK/rev4" etag)" == '"4"' ]] || die "PUT without the reference: $status"
status="$(call DELETE /credentials/upcred "$WORK/del204" "${auth[@]}")"
[[ "$status" == 204 && ! -s "$WORK/del204" ]] || die "DELETE of an unreferenced credential answered $status"
[[ "$(admin GET /admin/v1/credentials)" == "[]" ]] || die "credential still listed after 204"
status="$(call DELETE /credentials/upcred "$WORK/del404" "${auth[@]}")"
[[ "$status" == 404 ]] || die "second DELETE answered $status, want 404"
status="$(call GET /config/revisions "$WORK/revs" "${auth[@]}")"
[[ "$status" == 200 ]] || die "revisions answered $status"
jq -e --arg w "racer $W" '[.[].revision] == [4, 3, 2, 1] and [.[].actor] == ["bob", "alice", $w, "nsgate"]
  and all(.[]; (.time | test("Z$")) and (.summary | type == "string"))' "$WORK/revs" >/dev/null ||
  die "revisions: $(cat "$WORK/revs")"
[[ "$(admin GET '/admin/v1/config/revisions?limit=2' | jq -c '[.[].revision]')" == "[4,3]" ]] || die "revisions?limit=2"
for n in 2 3 4; do
  src="$WORK/race$W.out"; [[ $n == 3 ]] && src="$WORK/rev3"; [[ $n == 4 ]] && src="$WORK/rev4"
  status="$(call GET "/config/revisions/$n" "$WORK/doc$n" "${auth[@]}")"
  [[ "$status" == 200 ]] && cmp -s "$WORK/doc$n" "$src" || die "revisions/$n is not the document stored as revision $n"
done
status="$(call GET /config/revisions/99 "$WORK/doc99" "${auth[@]}")"
[[ "$status" == 404 ]] || die "revisions/99 answered $status"
# Rollback to revision 2 = PUT of its document. As stored it carries revision 2,
# which contradicts If-Match "4": 422 at /revision; with the revision removed it is stored.
status="$(call PUT /config "$WORK/rb422" "${auth[@]}" "${json[@]}" -H 'If-Match: "4"' --data-binary "@$WORK/doc2")"
[[ "$status" == 422 ]] && jq -e '[.errors[].pointer] == ["/revision"]' "$WORK/rb422" >/dev/null ||
  die "PUT of revision 2 as stored under If-Match 4: $status $(head -c 300 "$WORK/rb422")"
jq 'del(.revision)' "$WORK/doc2" >"$WORK/rollback.json"
status="$(call PUT /config "$WORK/rev5" "${auth[@]}" "${json[@]}" -H 'If-Match: "4"' -H 'X-Nsgate-Actor: rollback' --data-binary "@$WORK/rollback.json")"
[[ "$status" == 200 && "$(header "$WORK/rev5" etag)" == '"5"' ]] || die "rollback PUT: $status"
[[ "$(jq -c 'del(.revision)' "$WORK/rev5")" == "$(jq -c 'del(.revision)' "$WORK/doc2")" ]] || die "rollback did not restore revision 2's content"
log "revisions 4,3,2,1 newest first with actors; revision documents byte-equal; rollback to 2 stored as 5"

# --- 413, 404, 405 -----------------------------------------------------------------------
pad_to() { # pad_to FILE BYTES: the current config padded with spaces to exactly BYTES
  python3 - "$WORK/rollback.json" "$1" "$2" <<'PY'
import sys
doc = open(sys.argv[1], "rb").read().rstrip()
n = int(sys.argv[3])
open(sys.argv[2], "wb").write(doc + b" " * (n - len(doc)))
PY
}
pad_to "$WORK/max.json" $((4 * 1024 * 1024))
pad_to "$WORK/over.json" $((4 * 1024 * 1024 + 1))
status="$(call PUT /config "$WORK/r413" "${auth[@]}" "${json[@]}" -H 'If-Match: "5"' --data-binary "@$WORK/over.json")"
[[ "$status" == 413 ]] || die "a body of 4 MiB + 1 answered $status, want 413"
expect_problem "$WORK/r413" 413
status="$(call PUT /config "$WORK/r413c" "${auth[@]}" "${json[@]}" -H 'If-Match: "5"' -H 'Transfer-Encoding: chunked' --data-binary "@$WORK/over.json")"
[[ "$status" == 413 ]] || die "a chunked body of 4 MiB + 1 answered $status, want 413"
status="$(call PUT /config "$WORK/r413t" "${json[@]}" --data-binary "@$WORK/over.json")"
[[ "$status" == 413 ]] || die "a body of 4 MiB + 1 without a token answered $status, want 413"
status="$(call PUT /config "$WORK/rmax" "${auth[@]}" "${json[@]}" -H 'If-Match: "5"' --data-binary "@$WORK/max.json")"
[[ "$status" == 200 && "$(header "$WORK/rmax" etag)" == '"6"' ]] || die "a body of exactly 4 MiB answered $status: $(head -c 300 "$WORK/rmax")"
for p in /nope /config/ /config/revisions/1/x /credentials/ /events/stream/x; do
  status="$(call GET "$p" "$WORK/r404" "${auth[@]}")"
  [[ "$status" == 404 ]] || die "GET $p answered $status, want 404"
  expect_problem "$WORK/r404" 404
done
for ma in "DELETE /info|GET, HEAD" "POST /config|GET, HEAD, PUT" "PUT /stats|GET, HEAD" "POST /cache|GET, HEAD, DELETE" \
          "GET /credentials/upcred|PUT, DELETE" "DELETE /config/revisions/1|GET, HEAD" "POST /events/stream|GET"; do
  m="${ma%% *}" rest="${ma#* }"
  p="${rest%%|*}" allow="${rest#*|}"
  status="$(call "$m" "$p" "$WORK/r405" "${auth[@]}")"
  [[ "$status" == 405 ]] || die "$m $p answered $status, want 405"
  [[ "$(header "$WORK/r405" allow)" == "$allow" ]] || die "$m $p: Allow '$(header "$WORK/r405" allow)', want '$allow'"
  expect_problem "$WORK/r405" 405
done
log "413 over 4 MiB (declared, chunked, unauthenticated), exactly 4 MiB stored; 404 and 405 with Allow"

# --- restart on the same data dir --------------------------------------------------------
cp "$DIR/stderr" "$WORK/stderr.first"
cp "$DIR/stdout" "$WORK/stdout.first"
REVISION_BEFORE="$(admin GET /admin/v1/info | jq .configRevision)"
[[ "$REVISION_BEFORE" == 6 ]] || die "configRevision before restart is $REVISION_BEFORE, want 6"
admin GET /admin/v1/config >"$WORK/cfg-before"
admin PUT /admin/v1/credentials/kept "${json[@]}" --data-binary "$(jq -cn --arg p "$PASSWORD" '{username: "k", password: $p}')" >/dev/null
TOKEN_BEFORE="$NSG_TOKEN"
stop_pid "$NSG_PID"
restart_nsgate admin
[[ "$NSG_TOKEN" == "$TOKEN_BEFORE" ]] || die "the token changed across a restart"
auth=(-H "Authorization: Bearer $NSG_TOKEN")
A="$NSG_ADMIN/admin/v1"
status="$(call GET /info "$WORK/info2" "${auth[@]}")"
[[ "$status" == 200 ]] || die "info after restart answered $status"
jq -e --arg id "$INSTANCE" --arg r "$NSG_REGISTRY" '.instanceId == $id and .configRevision == 6 and .registryUrl == $r' "$WORK/info2" >/dev/null ||
  die "info after restart: $(cat "$WORK/info2") (instance was $INSTANCE, revision 6)"
admin GET /admin/v1/config | cmp -s - "$WORK/cfg-before" || die "the config changed across a restart"
admin GET /admin/v1/credentials | jq -e '[.[].name] == ["kept"]' >/dev/null || die "credentials not kept across a restart"
[[ "$(admin GET '/admin/v1/events?after=0' | jq '.events | length')" == 9 ]] || die "events not kept across a restart"
log "restart: instanceId, token, configRevision 6, config, credentials and events kept"

# --- secrets never logged ----------------------------------------------------------------
cat "$WORK/stderr.first" "$WORK/stdout.first" "$DIR/stderr" "$DIR/stdout" >"$WORK/all-logs"
logged="$(grep -c ' /admin/v1/credentials' "$WORK/all-logs" || true)"
((logged > 0)) || die "nsgate's log has no request lines to search (is request logging on?)"
! grep -qF "$NSG_TOKEN" "$WORK/all-logs" || die "the admin token appears in nsgate's log"
! grep -qF "$PASSWORD" "$WORK/all-logs" || die "a credential password appears in nsgate's log"
! grep -rqF "$PASSWORD" "$WORK"/*.out "$WORK"/cred* "$WORK"/creds 2>/dev/null || die "a password appears in an API answer"
log "neither the token nor the password in $(wc -l <"$WORK/all-logs") log lines"
