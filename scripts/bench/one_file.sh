#!/usr/bin/env bash
# Times `postlint check` of one file in a generated 10,000-post site: cold,
# with a warm cache, and the whole site cold and warm. Usage:
#   scripts/bench/one_file.sh [POSTS]     (default 10000; builds in release mode)
set -euo pipefail
cd "$(dirname "$0")/../.."
posts=${1:-10000}
cargo build --release --locked --quiet
bin=$PWD/target/release/postlint
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT

# The same seed-shaped posts as scripts/bench.sh, without faults.
cargo run --release --locked --quiet --example gencorpus -- "$site" "$posts" --seed 1 --faults 0 >/dev/null
one=$(cd "$site" && ls _posts | sed -n '5000p')
echo "site: $posts posts in $site/_posts, one file: _posts/$one"

time_it() { # label, then the command; prints the best of 5 wall-clock runs in ms
  local label=$1; shift
  local best=
  for _ in 1 2 3 4 5; do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null || true
    t1=$(date +%s%N)
    local ms=$(( (t1 - t0) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  printf '%-42s %6d ms\n' "$label" "$best"
}

cd "$site"
time_it "one file, --no-cache" "$bin" check --no-cache "_posts/$one"
"$bin" check >/dev/null || true   # warm the cache for every file
time_it "one file, warm cache" "$bin" check "_posts/$one"
time_it "whole site, --no-cache" "$bin" check --no-cache
time_it "whole site, warm cache" "$bin" check
echo "cache: $(ls .postlint-cache/files | wc -l) entries, $(du -sh .postlint-cache | cut -f1)"
