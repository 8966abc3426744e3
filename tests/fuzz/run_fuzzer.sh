#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time on a scratch copy of its seed
# corpus, so new inputs never land in the repository. A crash, leak or
# sanitizer report fails the test and leaves the reproducer in the artifacts
# folder printed below.
set -euo pipefail
fuzzer=$1
seeds=$2
seconds=${NSGATE_FUZZ_SECONDS:-30}
[[ -d $seeds ]] || { echo "no seed corpus at $seeds" >&2; exit 1; }
work=$(mktemp -d /tmp/nsgate-fuzz.XXXXXX)
mkdir -p "$work/corpus"
cp -r "$seeds/." "$work/corpus/"
mkdir -p "$work/artifacts"
if "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
     -artifact_prefix="$work/artifacts/" "$work/corpus" 2>"$work/log"; then
  tail -n 12 "$work/log"
  rm -rf "$work"
else
  tail -n 60 "$work/log"
  echo "fuzzer $(basename "$fuzzer") found a problem; reproducer in $work/artifacts" >&2
  exit 1
fi
