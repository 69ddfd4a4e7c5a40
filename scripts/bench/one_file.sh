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

python3 - "$site" "$posts" <<'PY'
import datetime, os, random, sys
site, n = sys.argv[1], int(sys.argv[2])
os.makedirs(f"{site}/_posts")
random.seed(1)
words = "de het een bedrijf regering veiling netwerk spionage onderzoek minister Huawei 5G Chinese contract".split()
day = datetime.datetime(2019, 1, 1, 9, 30)
for i in range(n):
    d = day + datetime.timedelta(hours=7 * i)
    date = d.strftime("%a, %d %b %Y %H:%M:%S +0200")
    paras = "\n".join(
        "<p>" + " ".join(random.choice(words) for _ in range(60)) + ".</p>" for _ in range(6)
    )
    with open(f"{site}/_posts/{d:%Y-%m-%d}-post-{i}.html", "w") as f:
        f.write(f'---\nlayout: post\ntitle: "Bericht {i}"\ndate: {date}\ncategory: nieuws\n---\n\n{paras}\n')
PY
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
