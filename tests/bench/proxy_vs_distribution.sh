#!/usr/bin/env bash
# Benchmark: nsgate against distribution 2.8 in proxy mode and against nginx,
# on this machine, in one run. Not part of ctest: it prints figures and ratios
# for reading, and exits 0 whether or not nsgate meets the targets (non-zero
# only when the bench itself could not run or a server gave wrong answers).
#
# Peers, all on 127.0.0.1 and all started and stopped here by PID:
#   upstream      docker-registry (plain HTTP) holding the blobs and a tagged manifest
#   distribution  docker-registry in proxy mode (proxy: {remoteurl: upstream})
#   nsgate        the binary under test, one namespace mapped to the upstream
#   nginx         worker_processes 1, sendfile on, serving the same blob file and
#                 the manifest's bytes as a small static file: the machine's limits;
#                 on /v2/ the same worker is a caching reverse proxy of the upstream
#                 (proxy_cache, one fetch per blob, no verification): the floor
#                 for a cold pull that is forwarded and stored on this machine
#
# Figures (only complete 200 answers of the right size count anywhere):
#   1. upstream GETs per cold blob with 1 and with 20 concurrent clients, from
#      the upstream's access log (the 20 requests are all inside the proxy
#      before upstream may answer: it is SIGSTOPped until then);
#   2. cold pull time of a 100 MiB blob through each proxy (nsgate,
#      distribution, nginx proxy_cache) ÷ the same pull straight from upstream
#      (median over rounds, a fresh blob per round);
#   3. warm blob aggregate throughput with 4 concurrent keep-alive clients, and
#      the server's CPU seconds (utime+stime of /proc/PID/stat) per GiB served;
#   4. warm manifest GET-by-tag requests/s (wrk; wrk cannot time HEAD), against
#      nginx's rate for a static file of the same bytes;
#   5. server RSS while one slow client (2 MiB/s) reads a 100 MiB blob, warm
#      and cold.
# Targets for nsgate: exactly 1 upstream fetch per cold blob; cold ≤ 1.1×
# direct; warm blob ≥ 0.8× nginx's throughput at ≤ 2× nginx's CPU per GiB;
# manifest GET by tag ≥ 0.6× nginx's small-file rate.
#
# Usage:
#   tests/bench/proxy_vs_distribution.sh [--wait-quiet SECONDS] [NSGATE]
#   tests/bench/proxy_vs_distribution.sh --build BUILD_DIR [--wait-quiet SECONDS]
# NSGATE (or env NSGATE) is a Release build of nsgate; --build configures and
# builds one first:
#   cmake -S . -B BUILD_DIR -G Ninja -DCMAKE_BUILD_TYPE=Release -DNSGATE_BUILD_TESTS=OFF
#   cmake --build BUILD_DIR --target nsgate -j1
# --wait-quiet waits up to SECONDS for the 1-minute load average to drop below
# BENCH_QUIET_LOAD (default 1.0) before measuring, and says whether it did.
# Knobs (environment): BENCH_SECONDS (warm load per pass, default 5),
# BENCH_PASSES (warm passes, best one reported, default 2), BENCH_ROUNDS
# (cold rounds, default 3). Installs its Debian packages with
# scripts/deps.sh bench. Needs about 2 GB in $TMPDIR; takes 1–2 minutes.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
source "$ROOT/tests/e2e/lib/common.sh"
source "$E2E_LIB_DIR/blobs.sh"

BUILD_DIR=""
WAIT_QUIET=0
QUIET_LOAD="${BENCH_QUIET_LOAD:-1.0}"
SECONDS_PER_PASS="${BENCH_SECONDS:-5}"
PASSES="${BENCH_PASSES:-2}"
ROUNDS="${BENCH_ROUNDS:-3}"
NSGATE_ARG=""
while (($#)); do
  case "$1" in
    --build) BUILD_DIR="${2:?--build needs a directory}"; shift 2 ;;
    --wait-quiet) WAIT_QUIET="${2:?--wait-quiet needs seconds}"; shift 2 ;;
    -h | --help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) NSGATE_ARG="$1"; shift ;;
  esac
done

"$ROOT/scripts/deps.sh" bench || die "could not install the bench's Debian packages (scripts/deps.sh bench)"
require_tools docker-registry nginx wrk curl jq ss openssl python3

if [[ -n "$BUILD_DIR" ]]; then
  log "building a Release nsgate in $BUILD_DIR"
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNSGATE_BUILD_TESTS=OFF >&2 ||
    die "cmake configure failed"
  cmake --build "$BUILD_DIR" --target nsgate -j1 >&2 || die "build failed"
  NSGATE_ARG="$BUILD_DIR/app/nsgate/nsgate"
fi
resolve_nsgate "$NSGATE_ARG"
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$(dirname "$NSGATE")/../../CMakeCache.txt" 2>/dev/null || true)"
[[ "$build_type" == Release || -z "$build_type" ]] ||
  log "warning: $NSGATE is a $build_type build; figures are meant for Release"

load1() { cut -d' ' -f1 /proc/loadavg; }
below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

# --- a quiet machine ---------------------------------------------------------------
QUIET_NOTE="not waited for"
if ((WAIT_QUIET > 0)); then
  waited_from="$(date +%s)"
  until below "$(load1)" "$QUIET_LOAD"; do
    (($(date +%s) - waited_from < WAIT_QUIET)) || break
    sleep 5 # polling the load average; nothing to synchronise with
  done
  waited=$(($(date +%s) - waited_from))
  if below "$(load1)" "$QUIET_LOAD"; then
    QUIET_NOTE="yes: load $(load1) < $QUIET_LOAD after ${waited}s"
  else
    QUIET_NOTE="NO: load still $(load1) after ${waited}s (limit $QUIET_LOAD)"
  fi
  log "quiet machine: $QUIET_NOTE"
fi
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"

e2e_init

MIB=$((1 << 20))
COLD_SIZE=$((100 * MIB))
FAN_SIZE=$((64 * MIB))
FAN_CLIENTS=20
LOAD_CLIENTS=4
SLOW_RATE=$((2 * MIB))
SLOW_READ=$((6 * MIB))
REPO="library/bench"
TAG="1.0"
NS="registry.bench.test"
MANIFEST_TYPE="application/vnd.oci.image.manifest.v1+json"

# --- upstream and content ------------------------------------------------------------
start_registry up
UP="127.0.0.1:${REG_PORT[up]}"
UP_PID="$(registry_pid up)"
BLOBS="$WORK/blobs"
mkdir -p "$BLOBS"
declare -a COLD=()
for ((r = 0; r < ROUNDS; r++)); do
  COLD+=("$(make_blob "$BLOBS/cold$r" "$COLD_SIZE")")
  push_blob up "$REPO" "$BLOBS/cold$r" "${COLD[$r]}"
done
FAN="$(make_blob "$BLOBS/fan" "$FAN_SIZE")"
push_blob up "$REPO" "$BLOBS/fan" "$FAN"
SLOW="$(make_blob "$BLOBS/slow" "$COLD_SIZE")"
push_blob up "$REPO" "$BLOBS/slow" "$SLOW"
rm -f "$BLOBS/fan" "$BLOBS/slow"
for ((r = 1; r < ROUNDS; r++)); do rm -f "$BLOBS/cold$r"; done
# The warm blob is the first cold one once both proxies have it; nginx serves
# the same bytes from this file.
WARM="${COLD[0]}"
WARM_FILE="$BLOBS/cold0"

# A tagged image manifest whose only layer is the warm blob.
printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["%s"]}}' "$WARM" >"$BLOBS/config"
CONFIG_DIGEST="$(file_digest "$BLOBS/config")"
push_blob up "$REPO" "$BLOBS/config" "$CONFIG_DIGEST"
jq -cn --arg mt "$MANIFEST_TYPE" --arg c "$CONFIG_DIGEST" --argjson cs "$(stat -c %s "$BLOBS/config")" \
  --arg l "$WARM" --argjson ls "$COLD_SIZE" '{
    schemaVersion: 2, mediaType: $mt,
    config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $c, size: $cs},
    layers: [{mediaType: "application/vnd.oci.image.layer.v1.tar", digest: $l, size: $ls}]
  }' | tr -d '\n' >"$BLOBS/manifest.json"
MANIFEST_DIGEST="$(file_digest "$BLOBS/manifest.json")"
MANIFEST_SIZE="$(stat -c %s "$BLOBS/manifest.json")"
code="$(curl -sS -o "$WORK/put-manifest.out" -w '%{http_code}' -X PUT -H "Content-Type: $MANIFEST_TYPE" \
  --data-binary "@$BLOBS/manifest.json" "http://$UP/v2/$REPO/manifests/$TAG")"
[[ "$code" == 201 ]] || die "manifest PUT answered $code: $(head -c 300 "$WORK/put-manifest.out")"
log "upstream holds $ROUNDS+2 blobs in $REPO and $REPO:$TAG → $MANIFEST_DIGEST ($MANIFEST_SIZE bytes)"

# --- the servers ---------------------------------------------------------------------
# start_dist_proxy NAME: docker-registry in proxy mode in front of the upstream.
# Access log off and level warn: neither proxy logs per request here (nsgate runs
# with --quiet), so neither pays for it.
declare -A DIST_URL=() DIST_PID=() DIST_ROOT=()
start_dist_proxy() {
  local name="$1" dir="$WORK/$1" port pid attempt
  mkdir -p "$dir/data"
  for attempt in 1 2 3; do
    port="$(free_port)"
    cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: warn
  formatter: text
  accesslog: {disabled: true}
storage:
  filesystem: {rootdirectory: "$dir/data"}
  delete: {enabled: true}
http:
  addr: "127.0.0.1:$port"
  secret: "$(openssl rand -hex 16)"
proxy:
  remoteurl: "http://$UP"
EOF
    docker-registry serve "$dir/config.yml" >"$dir/stdout" 2>"$dir/registry.log" &
    pid=$!
    track_pid "$pid" "distribution proxy $name"
    if wait_until "distribution proxy $name" "$pid" curl -sf -o /dev/null "http://127.0.0.1:$port/v2/"; then
      DIST_URL[$name]="http://127.0.0.1:$port"
      DIST_PID[$name]="$pid"
      DIST_ROOT[$name]="$dir/data"
      E2E_LOGS+=("$dir/registry.log")
      log "distribution proxy $name on 127.0.0.1:$port (pid $pid)"
      return 0
    fi
    stop_pid "$pid"
    tail -n 5 "$dir/registry.log" >&2 || true
  done
  die "could not start distribution proxy $name"
}

# start_nginx: nginx as our own process (own config, prefix, pid and logs),
# one worker, sendfile on. Sets NGINX_URL and NGINX_WORKER (the serving process).
start_nginx() {
  local dir="$WORK/nginx" port pid attempt
  mkdir -p "$dir/www" "$dir/logs"
  ln -s "$WARM_FILE" "$dir/www/blob"
  cp "$BLOBS/manifest.json" "$dir/www/manifest.json"
  for attempt in 1 2 3; do
    port="$(free_port)"
    cat >"$dir/nginx.conf" <<EOF
daemon off;
master_process on;
# Only honoured when started as root: the worker keeps our identity, so it can
# read the private work directory.
user $(id -un) $(id -gn);
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 10000000;
  default_type application/octet-stream;
  client_body_temp_path $dir/tmp-body;
  proxy_temp_path $dir/tmp-proxy;
  proxy_cache_path $dir/cache levels=2 keys_zone=blobs:1m max_size=4g use_temp_path=off;
  server {
    listen 127.0.0.1:$port;
    root $dir/www;
    location = /manifest.json { default_type $MANIFEST_TYPE; }
    location /v2/ {
      proxy_pass http://$UP;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache blobs;
      proxy_cache_valid 200 1d;
      proxy_cache_lock on;
      proxy_max_temp_file_size 0;
    }
  }
}
EOF
    nginx -e "$dir/logs/error.log" -c "$dir/nginx.conf" -p "$dir" >"$dir/stdout" 2>"$dir/stderr" &
    pid=$!
    track_pid "$pid" "nginx"
    if wait_until "nginx" "$pid" curl -sf -o /dev/null "http://127.0.0.1:$port/manifest.json"; then
      NGINX_URL="http://127.0.0.1:$port"
      NGINX_WORKER="$(tr -s ' ' '\n' <"/proc/$pid/task/$pid/children" | grep -m1 .)" ||
        die "nginx master $pid has no worker"
      E2E_LOGS+=("$dir/logs/error.log")
      log "nginx on 127.0.0.1:$port (master $pid, worker $NGINX_WORKER)"
      return 0
    fi
    stop_pid "$pid"
    tail -n 5 "$dir/stderr" "$dir/logs/error.log" >&2 || true
  done
  die "could not start nginx"
}

start_nsgate proxy --quiet
jq -n --arg ns "$NS" --arg u "http://$UP" \
  '{schemaVersion: 1, namespaces: [{namespace: $ns, upstreams: [{url: $u}]}]}' >"$WORK/config.json"
push_config "$WORK/config.json"
start_dist_proxy dist
start_nginx

declare -A PID_OF=([nsgate]="$NSG_PID" [distribution]="${DIST_PID[dist]}" [nginx]="$NGINX_WORKER" [nginx-cache]="$NGINX_WORKER")
blob_url() {
  case "$1" in
    nsgate) printf '%s/v2/%s/blobs/%s?ns=%s\n' "$NSG_REGISTRY" "$REPO" "$2" "$NS" ;;
    distribution) printf '%s/v2/%s/blobs/%s\n' "${DIST_URL[dist]}" "$REPO" "$2" ;;
    upstream) printf 'http://%s/v2/%s/blobs/%s\n' "$UP" "$REPO" "$2" ;;
    nginx) printf '%s/blob\n' "$NGINX_URL" ;;
    nginx-cache) printf '%s/v2/%s/blobs/%s\n' "$NGINX_URL" "$REPO" "$2" ;;
  esac
}
tag_url() {
  case "$1" in
    nsgate) printf '%s/v2/%s/manifests/%s?ns=%s\n' "$NSG_REGISTRY" "$REPO" "$TAG" "$NS" ;;
    distribution) printf '%s/v2/%s/manifests/%s\n' "${DIST_URL[dist]}" "$REPO" "$TAG" ;;
    nginx) printf '%s/manifest.json\n' "$NGINX_URL" ;;
  esac
}
port_of() { local u="${1#http://}"; u="${u%%/*}"; printf '%s\n' "${u##*:}"; }

# cached_on_disk SERVER DIGEST: the proxy has stored the verified blob (its
# upstream fetches for it are over).
cached_on_disk() {
  local hex="${2#sha256:}"
  case "$1" in
    nsgate) [[ -f "$(cache_file "$NSG_DATA" "$2")" ]] ;;
    distribution) [[ -f "${DIST_ROOT[dist]}/docker/registry/v2/blobs/sha256/${hex:0:2}/$hex/data" ]] ;;
    nginx-cache) [[ -n "$(find "$WORK/nginx/cache" -type f -size +"$((COLD_SIZE / 1024 - 1))"k -newer "$WORK/get.mark" 2>/dev/null | head -n1)" ]] ;;
  esac
}

# upstream_fetches MARK DIGEST: sets GETS and HEADS to the requests for DIGEST
# the upstream answered with 200 after MARK. (Functions here set globals rather
# than print: a die inside $(...) would end only the subshell.)
upstream_fetches() {
  upstream_sync up
  GETS="$(upstream_count up "$1" GET "/v2/$REPO/blobs/$2" 200)"
  HEADS="$(upstream_count up "$1" HEAD "/v2/$REPO/blobs/$2" 200)"
}

# timed_get URL DIGEST SIZE: GET URL into a file; sets SECS when the answer was
# a complete 200 of SIZE bytes hashing to DIGEST, else fails.
timed_get() {
  local url="$1" digest="$2" size="$3" out code got
  out="$(curl -sS --max-time 120 -o "$WORK/get.out" -w '%{http_code} %{size_download} %{time_total}' "$url")" ||
    die "GET $url failed"
  read -r code got SECS <<<"$out"
  [[ "$code" == 200 && "$got" == "$size" ]] || die "GET $url answered $code with $got bytes, want 200 with $size"
  [[ "$(file_digest "$WORK/get.out")" == "$digest" ]] || die "GET $url: bytes do not hash to $digest"
  rm -f "$WORK/get.out"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
fmt() { awk -v v="$1" -v p="${2:-2}" 'BEGIN { printf "%.*f", p, v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == "<=") ? v <= t : (op == ">=") ? v >= t : v == t; print (ok ? "met" : "NOT met") }'; }
# cpu_ticks SERVER: utime+stime of the server's process, in clock ticks.
cpu_ticks() {
  local pid="${PID_OF[$1]}"
  alive "$1"
  awk '{ print $14 + $15 }' "/proc/$pid/stat"
}
# alive SERVER: fail with the end of its log when the server process is gone.
alive() {
  kill -0 "${PID_OF[$1]}" 2>/dev/null && return 0
  case "$1" in
    nsgate) tail -n 20 "$NSG_LOG" >&2 ;;
    distribution) tail -n 20 "$WORK/dist/registry.log" >&2 ;;
    nginx) tail -n 20 "$WORK/nginx/logs/error.log" >&2 ;;
  esac
  die "$1 (pid ${PID_OF[$1]}) is gone"
}
CLK_TCK="$(getconf CLK_TCK)"

# say LINE: a result line, on stdout (progress goes to stderr).
say() { printf '%s\n' "$*"; }
say "nsgate proxy bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)), load at start $LOAD_AT_START"
say "quiet machine (1-min load < $QUIET_LOAD before measuring): $QUIET_NOTE"

# --- 1 and 2: cold pulls, one client ------------------------------------------------
log "cold pulls: $ROUNDS rounds of a fresh 100 MiB blob (direct, nsgate, distribution, nginx proxy_cache)"
declare -A COLD_RATIOS=() COLD_SECS=() COLD_FETCHES=() COLD_CPU=()
# Each proxy's pull is bracketed by direct pulls of the same blob: direct,
# nsgate, direct, distribution, direct; its reference is the mean of the two.
for ((r = 0; r < ROUNDS; r++)); do
  d="${COLD[$r]}"
  timed_get "$(blob_url upstream "$d")" "$d" "$COLD_SIZE"
  before="$SECS"
  for server in nsgate distribution nginx-cache; do
    mark="$(log_mark up)"
    touch "$WORK/get.mark"
    ticks_before="$(cpu_ticks "$server")"
    timed_get "$(blob_url "$server" "$d")" "$d" "$COLD_SIZE"
    secs="$SECS"
    wait_until "$server storing $d" "${PID_OF[$server]}" cached_on_disk "$server" "$d" ||
      die "$server did not store the cold blob"
    # CPU of the proxy for the whole fetch, store (and verification) of the
    # blob: less sensitive to other load on the machine than the wall time.
    COLD_CPU[$server]+="$(awk -v a="$ticks_before" -v b="$(cpu_ticks "$server")" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", (b - a) / hz }') "
    upstream_fetches "$mark" "$d"
    timed_get "$(blob_url upstream "$d")" "$d" "$COLD_SIZE"
    direct="$(awk -v a="$before" -v b="$SECS" 'BEGIN { print (a + b) / 2 }')"
    before="$SECS"
    COLD_SECS[$server]+="$secs "
    COLD_SECS[direct]+="$direct "
    COLD_RATIOS[$server]+="$(ratio "$secs" "$direct") "
    COLD_FETCHES[$server]+="$GETS+${HEADS}h "
    log "round $r: $server ${secs}s (direct ${direct}s), upstream GETs $GETS, HEADs $HEADS"
  done
done
# Every round must show the same count: print them all when they differ.
fetch_summary() {
  local all="${COLD_FETCHES[$1]}" gets heads
  gets="$(tr ' ' '\n' <<<"$all" | sed -n 's/+.*//p' | sort -u | paste -sd/)"
  heads="$(tr ' ' '\n' <<<"$all" | sed -n 's/.*+\(.*\)h$/\1/p' | sort -u | paste -sd/)"
  printf '%s GET (+%s HEAD)\n' "$gets" "$heads"
}
NSG_GETS1="$(tr ' ' '\n' <<<"${COLD_FETCHES[nsgate]}" | sed -n 's/+.*//p' | sort -u | paste -sd/)"
say "upstream fetches per cold blob, 1 client: nsgate $(fetch_summary nsgate), distribution $(fetch_summary distribution), nginx proxy_cache $(fetch_summary nginx-cache)"
say "  target exactly 1 GET: $([[ "$NSG_GETS1" == 1 ]] && echo met || echo NOT met)"

# --- 1: 20 concurrent cold clients ----------------------------------------------------
# fan_out SERVER: sets FAN_OK (complete clients), GETS and HEADS.
fan_out() {
  local server="$1" url port mark i rc ok=0 code size
  url="$(blob_url "$server" "$FAN")"
  port="$(port_of "$url")"
  mark="$(log_mark up)"
  rm -f "$WORK"/fan.*
  kill -STOP "$UP_PID"
  local -a pids=()
  for ((i = 0; i < FAN_CLIENTS; i++)); do
    curl -sS -v --max-time 120 -o "$WORK/fan.$i.out" -w '%{http_code} %{size_download}\n' "$url" \
      >"$WORK/fan.$i" 2>"$WORK/fan.$i.err" &
    pids+=("$!")
    track_pid "$!" "curl fan-out $i"
  done
  # Every request line was sent and the proxy has read everything it was sent.
  all_in() {
    (($(grep -l '^> GET ' "$WORK"/fan.*.err 2>/dev/null | wc -l) == FAN_CLIENTS)) || return 1
    ss -Htn state established "( sport = :$port )" >"$WORK/ss.txt"
    (($(wc -l <"$WORK/ss.txt") == FAN_CLIENTS)) && (($(awk '$1 != 0' "$WORK/ss.txt" | wc -l) == 0))
  }
  if ! wait_until "$FAN_CLIENTS requests inside $server" "${PID_OF[$server]}" all_in; then
    kill -CONT "$UP_PID"
    die "the $FAN_CLIENTS cold requests did not all reach $server"
  fi
  kill -CONT "$UP_PID"
  for ((i = 0; i < FAN_CLIENTS; i++)); do
    rc=0
    wait "${pids[$i]}" || rc=$?
    read -r code size <"$WORK/fan.$i" || true
    if ((rc == 0)) && [[ "$code" == 200 && "$size" == "$FAN_SIZE" && "$(file_digest "$WORK/fan.$i.out")" == "$FAN" ]]; then
      ok=$((ok + 1))
    else
      log "$server fan-out client $i: curl $rc, HTTP ${code:-?}, ${size:-?} bytes"
    fi
    rm -f "$WORK/fan.$i.out"
  done
  wait_until "$server storing the fan-out blob" "${PID_OF[$server]}" cached_on_disk "$server" "$FAN" ||
    die "$server did not store the fan-out blob"
  upstream_fetches "$mark" "$FAN"
  ((ok > 0)) || die "$server: none of the $FAN_CLIENTS cold clients got the blob"
  log "$server: $ok of $FAN_CLIENTS concurrent cold clients complete, upstream GETs $GETS, HEADs $HEADS"
  FAN_OK="$ok"
}
fan_out nsgate
fan_ok_n="$FAN_OK" fan_gets_n="$GETS" fan_heads_n="$HEADS"
fan_out distribution
fan_ok_d="$FAN_OK" fan_gets_d="$GETS" fan_heads_d="$HEADS"
say "upstream fetches per cold blob, $FAN_CLIENTS concurrent clients: nsgate $fan_gets_n GET (+$fan_heads_n HEAD; $fan_ok_n/$FAN_CLIENTS clients complete), distribution $fan_gets_d GET (+$fan_heads_d HEAD; $fan_ok_d/$FAN_CLIENTS complete)"
say "  target exactly 1 GET: $([[ "$fan_gets_n" == 1 && "$fan_ok_n" == "$FAN_CLIENTS" ]] && echo met || echo NOT met)"

cold_n="$(tr ' ' '\n' <<<"${COLD_RATIOS[nsgate]}" | grep . | median)"
cold_d="$(tr ' ' '\n' <<<"${COLD_RATIOS[distribution]}" | grep . | median)"
secs_direct="$(tr ' ' '\n' <<<"${COLD_SECS[direct]}" | grep . | median)"
secs_n="$(tr ' ' '\n' <<<"${COLD_SECS[nsgate]}" | grep . | median)"
secs_d="$(tr ' ' '\n' <<<"${COLD_SECS[distribution]}" | grep . | median)"
cold_c="$(tr ' ' '\n' <<<"${COLD_RATIOS[nginx-cache]}" | grep . | median)"
secs_c="$(tr ' ' '\n' <<<"${COLD_SECS[nginx-cache]}" | grep . | median)"
say "cold pull, 100 MiB (median of $ROUNDS): direct $(fmt "$secs_direct" 3) s, nsgate $(fmt "$secs_n" 3) s, distribution $(fmt "$secs_d" 3) s, nginx proxy_cache $(fmt "$secs_c" 3) s; nsgate/direct = $(fmt "$cold_n")×, distribution/direct = $(fmt "$cold_d")×, nginx-cache/direct = $(fmt "$cold_c")× (per round: nsgate ${COLD_RATIOS[nsgate]% }; distribution ${COLD_RATIOS[distribution]% }; nginx-cache ${COLD_RATIOS[nginx-cache]% })"
say "  nsgate/nginx-cache = $(ratio "$secs_n" "$secs_c")× (nginx stores without verifying; the floor for a forwarding cache here)"
cpu_n="$(tr ' ' '\n' <<<"${COLD_CPU[nsgate]}" | grep . | median)"
cpu_d="$(tr ' ' '\n' <<<"${COLD_CPU[distribution]}" | grep . | median)"
cpu_c="$(tr ' ' '\n' <<<"${COLD_CPU[nginx-cache]}" | grep . | median)"
say "  proxy CPU per cold 100 MiB (utime+stime, median): nsgate $(fmt "$cpu_n" 3) s, distribution $(fmt "$cpu_d" 3) s, nginx proxy_cache $(fmt "$cpu_c" 3) s; nsgate/nginx-cache = $(ratio "$cpu_n" "$cpu_c")×"
say "  target ≤ 1.1×: $(verdict "$cold_n" "<=" 1.1)"

# --- 3: warm blob throughput and CPU per GiB -------------------------------------------
declare -A BEST_RATE=() BEST_CPU=()
warm_pass() {
  local server="$1" url before after out rate bytes cpu
  url="$(blob_url "$server" "$WARM")"
  before="$(cpu_ticks "$server")"
  out="$(python3 "$BENCH_DIR/blob_load.py" --url "$url" --size "$COLD_SIZE" --clients "$LOAD_CLIENTS" \
    --seconds "$SECONDS_PER_PASS")" || die "blob load against $server failed"
  after="$(cpu_ticks "$server")"
  rate="$(jq .rate_bps <<<"$out")"
  bytes="$(jq .bytes <<<"$out")"
  (($(jq .ok <<<"$out") > 0)) || die "$server served no complete warm answer: $out"
  (($(jq .failed <<<"$out") == 0)) || log "$server: $(jq .failed <<<"$out") failed warm answers: $(jq -c '[.clients[].why]' <<<"$out")"
  cpu="$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v b="$bytes" 'BEGIN { printf "%.4f", (t / hz) / (b / 1073741824) }')"
  log "$server warm: $(fmt "$(awk -v r="$rate" 'BEGIN { print r / 1e9 }')") GB/s, $(jq .ok <<<"$out") answers, $cpu CPU-s/GiB"
  if [[ -z "${BEST_RATE[$server]:-}" ]] || below "${BEST_RATE[$server]}" "$rate"; then
    BEST_RATE[$server]="$rate"
    BEST_CPU[$server]="$cpu"
  fi
}
for server in nginx nsgate distribution; do
  # Warm for every server, and the right bytes: a wrong answer is not a figure.
  timed_get "$(blob_url "$server" "$WARM")" "$WARM" "$COLD_SIZE"
done
log "warm blob: $PASSES passes × ${SECONDS_PER_PASS}s, $LOAD_CLIENTS clients, load $(load1)"
for ((p = 0; p < PASSES; p++)); do
  for server in nginx nsgate distribution; do warm_pass "$server"; done
done
gbs() { awk -v r="$1" 'BEGIN { printf "%.2f", r / 1e9 }'; }
warm_ratio="$(ratio "${BEST_RATE[nsgate]}" "${BEST_RATE[nginx]}")"
cpu_ratio="$(ratio "${BEST_CPU[nsgate]}" "${BEST_CPU[nginx]}")"
say "warm blob throughput ($LOAD_CLIENTS clients, best of $PASSES × ${SECONDS_PER_PASS}s): nsgate $(gbs "${BEST_RATE[nsgate]}") GB/s, nginx $(gbs "${BEST_RATE[nginx]}") GB/s, distribution $(gbs "${BEST_RATE[distribution]}") GB/s, nsgate/nginx = ${warm_ratio}×, distribution/nginx = $(ratio "${BEST_RATE[distribution]}" "${BEST_RATE[nginx]}")×"
say "  target ≥ 0.8×: $(verdict "$warm_ratio" ">=" 0.8)"
say "server CPU per GiB served: nsgate $(fmt "${BEST_CPU[nsgate]}") s, nginx $(fmt "${BEST_CPU[nginx]}") s, distribution $(fmt "${BEST_CPU[distribution]}") s, nsgate/nginx = ${cpu_ratio}×"
say "  target ≤ 2×: $(verdict "$cpu_ratio" "<=" 2)"

# --- 4: manifest GET by tag --------------------------------------------------------------
declare -A TAG_RATE=()
ACCEPT="Accept: $MANIFEST_TYPE, application/vnd.oci.image.index.v1+json"
tag_run() {
  local server="$1" url out n us mark before code
  url="$(tag_url "$server")"
  # Right bytes first (this also resolves the tag once: the run measures warm).
  code="$(curl -sS -o "$WORK/tag.out" -w '%{http_code}' -H "$ACCEPT" "$url")"
  [[ "$code" == 200 && "$(file_digest "$WORK/tag.out")" == "$MANIFEST_DIGEST" ]] ||
    die "$server: GET $url answered $code or other bytes than $MANIFEST_DIGEST"
  mark="$(log_mark up)"
  before="$(cpu_ticks "$server")"
  out="$(timeout 60 wrk -t 2 -c 16 -d "${SECONDS_PER_PASS}s" -H "$ACCEPT" -s "$BENCH_DIR/count_200.lua" "$url")" ||
    die "wrk against $server failed: $out"
  read -r n us <<<"$(sed -n 's/^complete200 \([0-9]*\) duration_us \([0-9]*\).*/\1 \2/p' <<<"$out")"
  [[ -n "$n" && -n "$us" ]] || die "no count from wrk against $server: $out"
  ((n > 0)) || die "$server answered no complete 200 to wrk: $out"
  TAG_RATE[$server]="$(awk -v n="$n" -v us="$us" 'BEGIN { printf "%.1f", n / (us / 1e6) }')"
  # Server CPU per answer: with wrk on the same two cores, the rate follows it.
  TAG_CPU[$server]="$(awk -v t=$(($(cpu_ticks "$server") - before)) -v hz="$CLK_TCK" -v n="$n" \
    'BEGIN { printf "%.0f", t / hz / n * 1e6 }')"
  upstream_sync up
  TAG_UPSTREAM[$server]="$(requests_since up "$mark" | grep -c "/manifests/$TAG" || true)"
  log "$server by tag: ${TAG_RATE[$server]} req/s ($n complete 200, ${TAG_CPU[$server]} µs server CPU each), upstream manifest requests meanwhile: ${TAG_UPSTREAM[$server]}"
}
declare -A TAG_UPSTREAM=() TAG_CPU=()
for server in nginx nsgate distribution; do tag_run "$server"; done
tag_ratio="$(ratio "${TAG_RATE[nsgate]}" "${TAG_RATE[nginx]}")"
krps() { awk -v r="$1" 'BEGIN { if (r >= 1000) printf "%.1f k", r / 1000; else printf "%.0f ", r }'; }
say "manifest GET by tag (wrk, 2 threads, 16 connections, ${SECONDS_PER_PASS}s): nsgate $(krps "${TAG_RATE[nsgate]}")req/s, distribution $(krps "${TAG_RATE[distribution]}")req/s; nginx small static file $(krps "${TAG_RATE[nginx]}")req/s; nsgate/nginx = ${tag_ratio}×"
say "  server CPU per answer: nsgate ${TAG_CPU[nsgate]} µs, nginx ${TAG_CPU[nginx]} µs, distribution ${TAG_CPU[distribution]} µs; upstream manifest requests during the run: nsgate ${TAG_UPSTREAM[nsgate]}, distribution ${TAG_UPSTREAM[distribution]}"
say "  target ≥ 0.6×: $(verdict "$tag_ratio" ">=" 0.6)"

# --- 5: RSS with a slow client -------------------------------------------------------------
rss_kb() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status"; }
# slow_rss SERVER DIGEST: sets RSS_BEFORE and RSS_PEAK (kB) of the server
# around one slow client, until it has read SLOW_READ bytes of a 100 MiB blob.
slow_rss() {
  local server="$1" digest="$2" pid="${PID_OF[$1]}" before peak=0 now spid out="$WORK/slow.$1"
  before="$(rss_kb "$pid")"
  rm -f "$out" "$out.status"
  python3 "$E2E_LIB_DIR/slow_get.py" --url "$(blob_url "$server" "$digest")" --out "$out" --rate "$SLOW_RATE" \
    --timeout 60 2>"$out.err" &
  spid=$!
  track_pid "$spid" "slow client $server"
  read_enough() {
    now="$(rss_kb "$pid")"
    ((now > peak)) && peak="$now"
    [[ -f "$out" ]] && (($(stat -c %s "$out") >= SLOW_READ))
  }
  E2E_READY_TIMEOUT=30 wait_until "slow client of $server" "$spid" read_enough ||
    die "the slow client of $server did not read $SLOW_READ bytes: $(cat "$out.err" 2>/dev/null)"
  now="$(rss_kb "$pid")"
  ((now > peak)) && peak="$now"
  stop_pid "$spid"
  rm -f "$out" "$out.status" "$out.err"
  RSS_BEFORE="$before" RSS_PEAK="$peak"
}
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
declare -A RSS=()
for server in nginx nsgate distribution; do
  slow_rss "$server" "$WARM"
  RSS[warm-$server]="$(mib "$RSS_BEFORE") → $(mib "$RSS_PEAK") MiB"
done
for server in nsgate distribution; do
  slow_rss "$server" "$SLOW"
  RSS[cold-$server]="$(mib "$RSS_BEFORE") → $(mib "$RSS_PEAK") MiB"
done
say "RSS with one slow client (2 MiB/s, 100 MiB blob; before → while it reads): warm: nsgate ${RSS[warm-nsgate]}, nginx ${RSS[warm-nginx]}, distribution ${RSS[warm-distribution]}; cold: nsgate ${RSS[cold-nsgate]}, distribution ${RSS[cold-distribution]}"
say "load at end $(cut -d' ' -f1-3 /proc/loadavg)"
