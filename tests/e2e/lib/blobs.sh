# shellcheck shell=bash
# Helpers for the cache and fault tests: raw blobs pushed to an upstream
# without an image around them, the scripted blob upstream, the proxy's event
# log and the cache directory. Source after common.sh.

# registry_pid NAME: the PID of the docker-registry started as NAME.
registry_pid() {
  local pid
  for pid in "${E2E_PIDS[@]}"; do
    [[ "${E2E_PID_NAMES[$pid]:-}" == "registry $1" ]] && { printf '%s\n' "$pid"; return 0; }
  done
  die "no registry named $1 was started"
}

# sha256_hex: the hex SHA-256 of stdin (OpenSSL: several times faster than
# coreutils here, which matters at 1 GiB).
sha256_hex() { openssl dgst -sha256 -r | cut -d' ' -f1; }

# make_blob FILE SIZE: SIZE incompressible bytes in FILE (AES-CTR keystream
# under a random key: fast, unlike /dev/urandom); prints the digest.
make_blob() {
  local file="$1" size="$2" hex
  hex="$(head -c "$size" /dev/zero |
    openssl enc -aes-128-ctr -K "$(openssl rand -hex 16)" -iv 00000000000000000000000000000000 |
    tee "$file" | sha256_hex)"
  [[ "$(stat -c %s "$file")" == "$size" ]] || die "could not write $size bytes to $file"
  printf 'sha256:%s\n' "$hex"
}

# file_digest FILE: "sha256:<hex>" of FILE.
file_digest() { printf 'sha256:%s\n' "$(sha256_hex <"$1")"; }

# push_blob REGISTRY REPO FILE DIGEST: a monolithic blob upload (POST, then
# PUT of the whole file, streamed from disk) into REPO of a docker-registry.
push_blob() {
  local name="$1" repo="$2" file="$3" digest="$4" base loc status
  base="http://127.0.0.1:${REG_PORT[$name]}"
  loc="$(curl -sS -X POST -o /dev/null -D - "$base/v2/$repo/blobs/uploads/" | tr -d '\r' |
    awk 'tolower($1) == "location:" { print $2 }')"
  [[ -n "$loc" ]] || die "upload to $name/$repo: no Location"
  [[ "$loc" == http* ]] || loc="$base$loc"
  [[ "$loc" == *\?* ]] && loc+="&" || loc+="?"
  status="$(curl -sS -o "$WORK/push-blob.out" -w '%{http_code}' -T "$file" \
    -H 'Content-Type: application/octet-stream' "${loc}digest=$digest")"
  [[ "$status" == 201 ]] || die "PUT of $digest to $name/$repo answered $status: $(head -c 300 "$WORK/push-blob.out")"
}

# start_blob_upstream NAME BLOB_DIR [ARGS...]: lib/blob_upstream.py serving the
# files of BLOB_DIR (named by hex digest). Sets BU_PORT[NAME] and BU_LOG[NAME].
declare -gA BU_PORT=() BU_LOG=()
start_blob_upstream() {
  local name="$1" blobs="$2" dir="$WORK/$1" pid
  shift 2
  mkdir -p "$dir"
  : >"$dir/requests.log"
  python3 "$E2E_LIB_DIR/blob_upstream.py" --blobs "$blobs" --port-file "$dir/port" --log "$dir/requests.log" "$@" \
    2>"$dir/stderr" &
  pid=$!
  track_pid "$pid" "blob upstream $name"
  wait_until "blob upstream $name" "$pid" test -s "$dir/port" || { cat "$dir/stderr" >&2; die "blob upstream $name did not start"; }
  BU_PORT[$name]="$(cat "$dir/port")"
  BU_LOG[$name]="$dir/requests.log"
  E2E_LOGS+=("$dir/stderr")
  log "blob upstream $name on 127.0.0.1:${BU_PORT[$name]} (pid $pid) $*"
}

# bu_count NAME METHOD PATH STATUS: how many such requests the blob upstream saw.
bu_count() {
  awk -v m="$2" -v p="$3" -v s="$4" '$1 == m && $2 == p && $3 == s { n++ } END { print n + 0 }' "${BU_LOG[$1]}"
}

# upstream_count NAME MARK METHOD PATH STATUS: how many such requests the
# docker-registry NAME logged after MARK.
upstream_count() {
  requests_since "$1" "$2" | awk -v m="$3" -v p="$4" -v s="$5" '$1 == m && $2 == p && $3 == s { n++ } END { print n + 0 }'
}

# upstream_sync NAME: a marker request straight to the registry, waited for in
# its access log: lines of requests that finished before it are written by then.
E2E_SYNC_SEQ=0
upstream_sync() {
  local name="$1" path
  E2E_SYNC_SEQ=$((E2E_SYNC_SEQ + 1))
  path="/v2/?e2e-sync=$E2E_SYNC_SEQ"
  curl -sS -o /dev/null "http://127.0.0.1:${REG_PORT[$name]}$path"
  wait_until "access log of $name" "" grep -qF "GET $path " "${REG_ACCESS_LOG[$name]}" ||
    die "the sync request did not appear in $name's access log"
}

# events_count FILTER: how many events match the jq FILTER (a select body).
events_count() {
  admin GET "/admin/v1/events?after=0&limit=10000" | jq "[.events[] | select($1)] | length"
}

# events_at_least N FILTER: poll until at least N events match (the writer batches).
events_at_least() {
  local n="$1" filter="$2"
  (($(events_count "$filter") >= n))
}

# wait_events N FILTER WHAT: wait_until for events_at_least, failing with WHAT.
wait_events() {
  wait_until "$3" "$NSG_PID" events_at_least "$1" "$2" ||
    die "$3: fewer than $1 events match $2; have: $(admin GET "/admin/v1/events?after=0&limit=10000" |
      jq -c "[.events[-5:][] | {object, digest, cache, decision, status, detail}]")"
}

# verify_cache_files DATA_DIR: every file under DATA_DIR/cache/blobs hashes to
# its name; prints how many files were checked.
verify_cache_files() {
  local root="$1/cache/blobs" f algo hex n=0
  [[ -d "$root" ]] || die "no cache directory $root"
  while IFS= read -r -d '' f; do
    hex="$(basename "$f")"
    algo="$(basename "$(dirname "$(dirname "$f")")")"
    [[ "$algo" == sha256 ]] || die "unexpected cache file $f"
    [[ "$(sha256_hex <"$f")" == "$hex" ]] || die "cache file $f does not hash to its name"
    n=$((n + 1))
  done < <(find "$root" -type f -print0)
  printf '%s\n' "$n"
}

# cache_file DATA_DIR DIGEST: where nsgate keeps the verified bytes of DIGEST.
cache_file() {
  local hex="${2#sha256:}"
  printf '%s/cache/blobs/sha256/%s/%s\n' "$1" "${hex:0:2}" "$hex"
}

# vm_kb PID FIELD: a /proc/PID/status field (VmRSS, VmHWM) in kB.
vm_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
