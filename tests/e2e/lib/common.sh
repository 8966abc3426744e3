# shellcheck shell=bash
# shellcheck disable=SC2034  # REG_*, CTR_SOCK and WORK are set for the sourcing script.
# Shared helpers for the end-to-end tests. Source it from a test script:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
#   e2e_init                      # temp dir, cleanup trap, tool checks
#   start_registry upstream       # sets REG_PORT[upstream], REG_ACCESS_LOG[upstream], ...
#   start_containerd              # sets CTR_SOCK
#
# Every process is started in the background, its PID recorded, and stopped by
# that PID from the EXIT trap. Readiness is polled with a deadline, never slept
# for. Everything lives in one mktemp directory that is removed on exit (keep it
# with NSGATE_E2E_KEEP=1).

set -euo pipefail

E2E_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
E2E_NAME="$(basename "${0%.sh}")"
E2E_START_NS="$(date +%s%N)"

# Bounds (seconds).
E2E_READY_TIMEOUT="${E2E_READY_TIMEOUT:-20}"
E2E_CMD_TIMEOUT="${E2E_CMD_TIMEOUT:-60}"

declare -a E2E_PIDS=()
declare -A E2E_PID_NAMES=()
declare -a E2E_LOGS=()
declare -gA REG_PORT=() REG_DIR=() REG_ACCESS_LOG=() REG_APP_LOG=()
CTR_SOCK=""
WORK=""

log() { printf '[%s %6.2fs] %s\n' "$E2E_NAME" "$(elapsed)" "$*" >&2; }
die() {
  printf '[%s] FAIL: %s\n' "$E2E_NAME" "$*" >&2
  exit 1
}
elapsed() {
  local now
  now="$(date +%s%N)"
  awk -v a="$E2E_START_NS" -v b="$now" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'
}

# require_tools TOOL...: a missing tool is a failure, never a silent skip.
require_tools() {
  local t missing=()
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  ((${#missing[@]} == 0)) || die "required tool(s) not found in PATH: ${missing[*]}"
}

require_root() {
  [[ "$(id -u)" == 0 ]] || die "must run as root (a private containerd daemon is started)"
}

e2e_init() {
  require_tools python3 curl jq openssl awk timeout findmnt
  # Unix socket paths (containerd's) must stay under 108 bytes.
  local base="${TMPDIR:-/tmp}"
  ((${#base} <= 40)) || base=/tmp
  WORK="$(mktemp -d "$base/nsgate-e2e.XXXXXX")"
  chmod 700 "$WORK"
  trap e2e_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  # skopeo and friends get their own, empty view of the system configuration.
  printf '{"default":[{"type":"insecureAcceptAnything"}]}\n' >"$WORK/policy.json"
  : >"$WORK/registries-empty.conf"
  export TMPDIR="$WORK/tmp"
  mkdir -p "$TMPDIR"
  log "work dir $WORK"
}

# track_pid PID NAME
track_pid() {
  E2E_PIDS+=("$1")
  E2E_PID_NAMES[$1]="$2"
}

# stop_pid PID: TERM, wait up to 5 s, then KILL. Only ever our own PIDs.
stop_pid() {
  local pid="$1" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid (${E2E_PID_NAMES[$pid]:-?}) ignored TERM; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

e2e_cleanup() {
  local rc=$? i pid f errs
  trap - EXIT INT TERM
  for ((i = ${#E2E_PIDS[@]} - 1; i >= 0; i--)); do
    pid="${E2E_PIDS[$i]}"
    stop_pid "$pid"
  done
  if ((rc != 0)) && [[ -n "$WORK" ]]; then
    for f in "${E2E_LOGS[@]}"; do
      [[ -s "$f" ]] || continue
      # Errors only; a push's HEAD probes for absent blobs are expected.
      errs="$(grep -E 'level=(error|fatal|panic)' "$f" | grep -v 'err.code="blob unknown"' | tail -n 5 | cut -c1-400)" || true
      [[ -n "$errs" ]] || continue
      printf -- '----- last errors in %s -----\n%s\n' "${f#"$WORK"/}" "$errs" >&2
    done
    [[ "${NSGATE_E2E_KEEP:-0}" == 1 ]] || log "rerun with NSGATE_E2E_KEEP=1 to keep $WORK for inspection"
  fi
  if [[ -n "$WORK" && -d "$WORK" ]]; then
    if [[ "${NSGATE_E2E_KEEP:-0}" == 1 ]]; then
      log "keeping $WORK"
    elif findmnt -rn -o TARGET | grep -qF "$WORK/"; then
      # Never rm -rf across a mount point.
      log "mounts remain under $WORK; not removing it"
      findmnt -rn -o TARGET | grep -F "$WORK/" >&2 || true
      rc=1
    else
      rm -rf "$WORK"
    fi
  fi
  if ((rc == 0)); then
    log "PASS"
  else
    printf '[%s] exit status %d after %ss\n' "$E2E_NAME" "$rc" "$(elapsed)" >&2
  fi
  exit "$rc"
}

# free_port: print a TCP port on 127.0.0.1 that was free a moment ago.
free_port() {
  python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_until DESCRIPTION PID COMMAND...: poll COMMAND until it succeeds, failing
# fast when PID (the process being waited for) exits, and after E2E_READY_TIMEOUT.
wait_until() {
  local what="$1" pid="$2"
  shift 2
  local deadline=$(($(date +%s) + E2E_READY_TIMEOUT))
  until "$@" >/dev/null 2>&1; do
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      log "$what: process $pid exited while waiting"
      return 1
    fi
    if (($(date +%s) >= deadline)); then
      log "$what: not ready after ${E2E_READY_TIMEOUT}s"
      return 1
    fi
    sleep 0.05
  done
}

# start_registry NAME: a private distribution (docker-registry) on a free
# loopback port, storage under $WORK/NAME. The access log (combined format,
# one line per request with the full request URI including the query string)
# goes to REG_ACCESS_LOG[NAME]; the application log to REG_APP_LOG[NAME].
start_registry() {
  local name="$1" dir="$WORK/$1" port pid attempt secret
  require_tools docker-registry
  mkdir -p "$dir/data"
  secret="$(openssl rand -hex 16)"
  for attempt in 1 2 3; do
    port="$(free_port)"
    cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: info
  formatter: text
  accesslog: {disabled: false}
storage:
  filesystem: {rootdirectory: "$dir/data"}
  delete: {enabled: true}
http:
  addr: "127.0.0.1:$port"
  secret: "$secret"
EOF
    docker-registry serve "$dir/config.yml" >"$dir/access.log" 2>"$dir/registry.log" &
    pid=$!
    track_pid "$pid" "registry $name"
    if wait_until "registry $name" "$pid" curl -sf -o /dev/null "http://127.0.0.1:$port/v2/"; then
      REG_PORT[$name]="$port"
      REG_DIR[$name]="$dir"
      REG_ACCESS_LOG[$name]="$dir/access.log"
      REG_APP_LOG[$name]="$dir/registry.log"
      E2E_LOGS+=("$dir/registry.log")
      log "registry $name on 127.0.0.1:$port (pid $pid)"
      return 0
    fi
    stop_pid "$pid"
    log "registry $name failed to start on port $port (attempt $attempt)"
    tail -n 5 "$dir/registry.log" >&2 || true
  done
  die "could not start registry $name"
}

# log_mark NAME: print the current line count of the registry's access log, for
# log_since.
log_mark() { wc -l <"${REG_ACCESS_LOG[$1]}" | tr -d ' '; }

# log_since NAME MARK: the access log lines written after MARK.
log_since() { tail -n "+$(($2 + 1))" "${REG_ACCESS_LOG[$1]}"; }

# requests_since NAME MARK: "METHOD URI STATUS USER-AGENT" per request after MARK.
requests_since() {
  log_since "$1" "$2" | sed -nE 's/^[^"]*"([A-Z]+) ([^ ]+) HTTP\/[0-9.]+" ([0-9]{3}) [0-9-]+ "[^"]*" "([^"]*)".*$/\1 \2 \3 \4/p'
}

# start_containerd: a private containerd (root, state, sockets and opt dir
# under $WORK/containerd; CRI and plugins not needed for content fetches off).
# Sets CTR_SOCK.
start_containerd() {
  local dir="$WORK/containerd" pid
  require_root
  require_tools containerd ctr
  mkdir -p "$dir/root" "$dir/state" "$dir/opt"
  cat >"$dir/config.toml" <<EOF
version = 2
root = "$dir/root"
state = "$dir/state"
disabled_plugins = [
  "io.containerd.grpc.v1.cri",
  "io.containerd.snapshotter.v1.aufs",
  "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.devmapper",
  "io.containerd.snapshotter.v1.zfs",
  "io.containerd.tracing.processor.v1.otlp",
  "io.containerd.internal.v1.tracing",
]

[grpc]
  address = "$dir/containerd.sock"

[ttrpc]
  address = "$dir/containerd.sock.ttrpc"

[debug]
  address = ""
  level = "info"

[metrics]
  address = ""

[plugins."io.containerd.internal.v1.opt"]
  path = "$dir/opt"
EOF
  containerd --config "$dir/config.toml" >"$dir/containerd.log" 2>&1 &
  pid=$!
  track_pid "$pid" "containerd"
  E2E_LOGS+=("$dir/containerd.log")
  CTR_SOCK="$dir/containerd.sock"
  wait_until "containerd" "$pid" ctr -a "$CTR_SOCK" version ||
    die "containerd did not become ready (log: $dir/containerd.log)"
  log "containerd on $CTR_SOCK (pid $pid)"
}

# ctr_cmd ARGS...: ctr against the private daemon, bounded in time.
ctr_cmd() {
  [[ -n "$CTR_SOCK" ]] || die "ctr_cmd before start_containerd"
  timeout "$E2E_CMD_TIMEOUT" ctr -a "$CTR_SOCK" "$@"
}

# skopeo_cmd ARGS...: skopeo with a private policy and an empty registries.conf
# unless the caller passes its own --registries-conf first.
skopeo_cmd() {
  require_tools skopeo
  local rc_args=(--registries-conf "$WORK/registries-empty.conf")
  [[ "${1:-}" == --registries-conf ]] && rc_args=()
  timeout "$E2E_CMD_TIMEOUT" skopeo --policy "$WORK/policy.json" "${rc_args[@]}" "$@"
}

# make_layout DIR TAG SEED [--index] [--layer-size N]: write an OCI layout,
# print the top-level digest.
make_layout() {
  local out="$1" tag="$2" seed="$3"
  shift 3
  python3 "$E2E_LIB_DIR/make_oci_layout.py" --out "$out" --tag "$tag" --seed "$seed" "$@"
}

# push_image LAYOUT TAG HOST:PORT/REPO:TAG: copy every manifest and blob with
# unchanged digests to a plain-HTTP registry.
push_image() {
  local layout="$1" tag="$2" dest="$3"
  skopeo_cmd copy --quiet --all --preserve-digests --dest-tls-verify=false \
    "oci:$layout:$tag" "docker://$dest" >"$WORK/skopeo-push.log" 2>&1 ||
    { cat "$WORK/skopeo-push.log" >&2; die "push of oci:$layout:$tag to $dest failed"; }
}

# layout_blobs LAYOUT DIGEST: every digest reachable from DIGEST (itself, child
# manifests, configs, layers), one per line.
layout_blobs() {
  python3 - "$1" "$2" <<'EOF'
import json, os, sys
root, top = sys.argv[1], sys.argv[2]
def load(d):
    with open(os.path.join(root, "blobs", *d.split(":", 1))) as f:
        return json.load(f)
out, todo = [], [top]
while todo:
    d = todo.pop(0)
    out.append(d)
    doc = load(d)
    if "manifests" in doc:
        todo += [m["digest"] for m in doc["manifests"]]
    else:
        out.append(doc["config"]["digest"])
        out += [l["digest"] for l in doc["layers"]]
print("\n".join(out))
EOF
}

# layout_manifests LAYOUT DIGEST: DIGEST and child manifest digests (the
# objects fetched via /manifests/), one per line.
layout_manifests() {
  python3 - "$1" "$2" <<'EOF'
import json, os, sys
root, top = sys.argv[1], sys.argv[2]
with open(os.path.join(root, "blobs", *top.split(":", 1))) as f:
    doc = json.load(f)
print(top)
for m in doc.get("manifests", []):
    print(m["digest"])
EOF
}

# urlencode STRING
urlencode() {
  python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"
}

# resolve_nsgatectl [PATH]: the binary under test from $1, $NSGATECTL or a build
# tree next to the sources; fails loudly when none is usable.
resolve_nsgatectl() {
  local candidate="${1:-${NSGATECTL:-}}"
  if [[ -z "$candidate" ]]; then
    local root
    root="$(cd "$E2E_LIB_DIR/../../.." && pwd)"
    for c in "$root"/build/*/app/ctl/nsgatectl; do
      [[ -x "$c" ]] && candidate="$c" && break
    done
  fi
  [[ -n "$candidate" ]] || die "no nsgatectl: pass its path as \$1 or set NSGATECTL"
  [[ -x "$candidate" ]] || die "nsgatectl '$candidate' is not an executable file"
  NSGATECTL="$(cd "$(dirname "$candidate")" && pwd)/$(basename "$candidate")"
}

# run_ctl ARGS...: run nsgatectl, bounded, echoing the command; fail with its
# output on non-zero exit.
run_ctl() {
  local out rc=0
  log "nsgatectl $*"
  out="$(timeout "$E2E_CMD_TIMEOUT" "$NSGATECTL" "$@" 2>&1)" || rc=$?
  [[ -z "$out" ]] || printf '%s\n' "$out" | sed 's/^/    /' >&2
  ((rc == 0)) || die "nsgatectl $* exited with $rc"
}

# has_request REQUESTS METHOD URI STATUS: whether the requests_since output
# REQUESTS holds that exact request.
has_request() {
  printf '%s\n' "$1" | awk -v m="$2" -v u="$3" -v s="$4" '$1 == m && $2 == u && $3 == s { found = 1 } END { exit !found }'
}

# resolve_nsgate [PATH]: the nsgate binary from $1, $NSGATE or the build tree.
resolve_nsgate() {
  NSGATE="${1:-${NSGATE:-}}"
  if [[ -z "$NSGATE" ]]; then
    local here
    here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
    for NSGATE in "$here/build/ci/app/nsgate/nsgate" "$here/build/dev/app/nsgate/nsgate"; do
      [[ -x "$NSGATE" ]] && break
    done
  fi
  [[ -x "$NSGATE" ]] || die "nsgate binary not found (pass it as an argument or set NSGATE)"
}

# start_nsgate NAME [ARGS...]: nsgate on free loopback ports with its data dir
# under $WORK/NAME. Waits for the "listening" line (never sleeps), then sets
# NSG_REGISTRY (http://127.0.0.1:P), NSG_ADMIN, NSG_TOKEN, NSG_DATA and NSG_PID.
start_nsgate() {
  local name="$1" dir="$WORK/$1" pid line
  shift
  mkdir -p "$dir"
  # A restart under the same name must not find the previous run's line.
  : >"$dir/stdout"
  "$NSGATE" --listen 127.0.0.1:0 --admin-listen 127.0.0.1:0 --data-dir "$dir/data" "$@" \
    >"$dir/stdout" 2>"$dir/stderr" &
  pid=$!
  track_pid "$pid" "nsgate $name"
  wait_until "nsgate $name" "$pid" grep -q '"event":"listening"' "$dir/stdout" ||
    { tail -n 20 "$dir/stderr" >&2; die "nsgate $name did not start"; }
  line="$(grep -m1 '"event":"listening"' "$dir/stdout")"
  NSG_REGISTRY="$(jq -r .registry <<<"$line")"
  NSG_ADMIN="$(jq -r .admin <<<"$line")"
  NSG_TOKEN="$(cat "$(jq -r .tokenFile <<<"$line")")"
  NSG_DATA="$dir/data"
  NSG_PID="$pid"
  NSG_LOG="$dir/stderr"
  log "nsgate $name: registry $NSG_REGISTRY admin $NSG_ADMIN (pid $pid)"
}

# admin METHOD PATH [CURL ARGS...]: an authenticated admin API call; prints the body.
admin() {
  local method="$1" path="$2"
  shift 2
  curl -sS -X "$method" -H "Authorization: Bearer $NSG_TOKEN" "$@" "$NSG_ADMIN$path"
}

# push_config FILE: PUT FILE as the proxy's config with the current revision as If-Match.
push_config() {
  local rev status
  rev="$(admin GET /admin/v1/config | jq -r .revision)"
  status="$(admin PUT /admin/v1/config -H "If-Match: \"$rev\"" -H 'Content-Type: application/json' \
    -H 'X-Nsgate-Actor: e2e' --data-binary "@$1" -o "$WORK/put-config.out" -w '%{http_code}')"
  [[ "$status" == 200 ]] || die "config PUT answered $status: $(cat "$WORK/put-config.out")"
  log "config revision $(jq -r .revision "$WORK/put-config.out") pushed"
}

# --- TLS and token auth for upstream registries ---------------------------------

declare -gA REG_URL=() REALM_URL=() REALM_LOG=() REALM_CERT=() REALM_SERVICE=() REALM_ISSUER=()

# make_test_ca DIR: a CA made for this run (DIR/ca.crt, DIR/ca.key) and a
# server certificate it signed for IP:127.0.0.1 (DIR/server.crt, server.key).
# DIR/trust/ holds only ca.crt: skopeo's --*-cert-dir takes a *.key there for a
# client key.
make_test_ca() {
  local dir="$1"
  mkdir -p "$dir/trust"
  {
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$dir/ca.key" \
      -out "$dir/ca.crt" -days 2 -subj "/CN=nsgate e2e test CA" &&
      openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$dir/server.key" \
        -out "$dir/server.csr" -subj "/CN=127.0.0.1" &&
      printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' \
        >"$dir/server.ext" &&
      openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
        -out "$dir/server.crt" -days 2 -extfile "$dir/server.ext" &&
      openssl verify -CAfile "$dir/ca.crt" "$dir/server.crt"
  } >"$dir/openssl.log" 2>&1 || { cat "$dir/openssl.log" >&2; die "could not make the test CA in $dir"; }
  cp "$dir/ca.crt" "$dir/trust/ca.crt"
}

# start_token_realm NAME USER:PASSWORD CERT KEY: lib/token_realm.py over HTTPS
# on a free loopback port: grants pull and push to that one user, nothing to
# anyone else, and logs every request as a JSON line (user agent, user,
# credentials none/accepted/rejected, grants; never a password) to
# REALM_LOG[NAME]. Sets REALM_URL[NAME] (the realm for a registry's
# `auth: token:`), REALM_CERT[NAME] (its `rootcertbundle`), REALM_SERVICE[NAME]
# and REALM_ISSUER[NAME].
start_token_realm() {
  local name="$1" user="$2" cert="$3" key="$4" dir="$WORK/$1" pid port
  mkdir -p "$dir"
  : >"$dir/requests.jsonl"
  python3 "$E2E_LIB_DIR/token_realm.py" --dir "$dir" --tls-cert "$cert" --tls-key "$key" --user "$user" \
    --log "$dir/requests.jsonl" --service "e2e-$name" --issuer "e2e-$name-issuer" \
    >"$dir/stdout" 2>"$dir/stderr" &
  pid=$!
  track_pid "$pid" "token realm $name"
  wait_until "token realm $name" "$pid" grep -q '^PORT ' "$dir/stdout" ||
    { cat "$dir/stderr" >&2; die "token realm $name did not start"; }
  port="$(sed -n 's/^PORT \([0-9]*\)$/\1/p' "$dir/stdout")"
  REALM_URL[$name]="https://127.0.0.1:$port/token"
  REALM_LOG[$name]="$dir/requests.jsonl"
  REALM_CERT[$name]="$dir/token.crt"
  REALM_SERVICE[$name]="e2e-$name"
  REALM_ISSUER[$name]="e2e-$name-issuer"
  log "token realm $name at ${REALM_URL[$name]} (pid $pid)"
}

# realm_mark NAME / realm_since NAME MARK: the realm's request log lines
# (JSON) after a mark, like log_mark / log_since.
realm_mark() { wc -l <"${REALM_LOG[$1]}" | tr -d ' '; }
realm_since() { tail -n "+$(($2 + 1))" "${REALM_LOG[$1]}"; }

# _registry_answers URL CAFILE STATUS: whether GET URL answers STATUS.
_registry_answers() {
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$2" "$1")" == "$3" ]]
}

# start_registry_tls_auth NAME CERT KEY CAFILE [REALM]: like start_registry, but
# serving HTTPS with CERT/KEY (CAFILE verifies it) and, with REALM (a
# start_token_realm name), requiring tokens from that realm; distribution
# checks their signatures against the realm's certificate itself. Sets
# REG_URL[NAME] (https://127.0.0.1:PORT) besides what start_registry sets.
start_registry_tls_auth() {
  local name="$1" cert="$2" key="$3" ca="$4" realm="${5:-}" dir="$WORK/$1" port pid attempt secret auth="" ready=200
  require_tools docker-registry
  mkdir -p "$dir/data"
  secret="$(openssl rand -hex 16)"
  if [[ -n "$realm" ]]; then
    auth="auth:
  token:
    realm: \"${REALM_URL[$realm]}\"
    service: \"${REALM_SERVICE[$realm]}\"
    issuer: \"${REALM_ISSUER[$realm]}\"
    rootcertbundle: \"${REALM_CERT[$realm]}\""
    ready=401
  fi
  for attempt in 1 2 3; do
    port="$(free_port)"
    cat >"$dir/config.yml" <<YML
version: 0.1
log:
  level: info
  formatter: text
  accesslog: {disabled: false}
storage:
  filesystem: {rootdirectory: "$dir/data"}
  delete: {enabled: true}
http:
  addr: "127.0.0.1:$port"
  secret: "$secret"
  tls: {certificate: "$cert", key: "$key"}
$auth
YML
    docker-registry serve "$dir/config.yml" >"$dir/access.log" 2>"$dir/registry.log" &
    pid=$!
    track_pid "$pid" "registry $name"
    if wait_until "registry $name" "$pid" _registry_answers "https://127.0.0.1:$port/v2/" "$ca" "$ready"; then
      REG_PORT[$name]="$port"
      REG_URL[$name]="https://127.0.0.1:$port"
      REG_DIR[$name]="$dir"
      REG_ACCESS_LOG[$name]="$dir/access.log"
      REG_APP_LOG[$name]="$dir/registry.log"
      E2E_LOGS+=("$dir/registry.log")
      log "registry $name on https://127.0.0.1:$port${realm:+, tokens from realm $realm} (pid $pid)"
      return 0
    fi
    stop_pid "$pid"
    log "registry $name failed to start on port $port (attempt $attempt)"
    tail -n 5 "$dir/registry.log" >&2 || true
  done
  die "could not start registry $name"
}

# push_image_tls LAYOUT TAG HOST:PORT/REPO:TAG CERTDIR [USER:PASSWORD]: push_image
# to a TLS registry verified with CERTDIR (a directory holding only ca.crt),
# logging in through its token realm when credentials are given.
push_image_tls() {
  local layout="$1" tag="$2" dest="$3" certdir="$4" creds="${5:-}" args=()
  [[ -z "$creds" ]] || args=(--dest-creds "$creds")
  skopeo_cmd copy --quiet --all --preserve-digests --dest-cert-dir "$certdir" "${args[@]}" \
    "oci:$layout:$tag" "docker://$dest" >"$WORK/skopeo-push.log" 2>&1 ||
    { cat "$WORK/skopeo-push.log" >&2; die "push of oci:$layout:$tag to $dest failed"; }
}
