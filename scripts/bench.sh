#!/usr/bin/env bash
# The benchmark harness: generates 10,000 and 100,000 seed-shaped posts and
# reports, in one run, `cat` of the same files (the physical limit), `check`
# (wall and peak RSS), `fix --check`, one-file runs (the pre-commit case), and
# accuracy against the generator's labels. Needs hyperfine and /usr/bin/time
# (apt-get install hyperfine time); installs them if it can.
#
# Usage: scripts/bench.sh [N...]   (default: 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-10000 100000}")
sizes=(${sizes[@]})
for tool in hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || apt-get install -y -qq hyperfine time >/dev/null 2>&1 || true
done
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }
cargo build --release --quiet --examples
cargo build --release --quiet
bin="$PWD/target/release/postlint"
offline=()
"$bin" check --help | grep -q -- '--offline' && offline=(--offline)
work=${BENCH_DIR:-$(mktemp -d)}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
echo "postlint $("$bin" --version | cut -d' ' -f2), $(date -u +%Y-%m-%d)"
for n in "${sizes[@]}"; do
  dir="$work/corpus-$n"
  [ -d "$dir/_posts" ] || target/release/examples/gencorpus "$dir" "$n" --seed 42 >/dev/null
  mb=$(du -sm --apparent-size "$dir/_posts" | cut -f1)
  echo
  echo "== $n posts ($mb MB)"
  cd "$dir"
  # Warm the page cache so every command reads from memory, as `cat` does.
  find _posts -type f -exec cat {} + >/dev/null
  hyperfine --warmup 1 --runs 5 --ignore-failure --export-json "$work/h-$n.json" \
    -n cat "find _posts -type f -exec cat {} + > /dev/null" \
    -n check "$bin check ${offline[*]} --no-cache --quiet _posts > /dev/null" \
    -n "check, warm cache" "$bin check ${offline[*]} --quiet _posts > /dev/null" \
    -n "fix --check" "$bin fix --check --quiet _posts > /dev/null" 2>&1 | grep -E "Time|±|Benchmark" || true
  python3 - "$work/h-$n.json" <<'PY'
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
print(f"ratios: check/cat {r['check'] / r['cat']:.2f}x, fix --check/check {r['fix --check'] / r['check']:.2f}x, warm cache/check {r['check, warm cache'] / r['check']:.2f}x")
PY
  /usr/bin/time -v "$bin" check "${offline[@]}" --no-cache --quiet _posts >/dev/null 2>"$work/time-$n.txt" || true
  rss=$(awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}' "$work/time-$n.txt")
  echo "check peak RSS: $((rss / 1024)) MB"
  one=$(find _posts -name '*.html' -print -quit)
  one=${one#_posts/}
  hyperfine --warmup 3 --runs 30 --ignore-failure -N -n "one file" "$bin check ${offline[*]} --no-cache _posts/$one" 2>&1 | grep -E "Time|Range" || true
  # Accuracy against the injected faults.
  "$bin" check "${offline[@]}" --no-cache --format json _posts > "$work/check-$n.json" || true
  python3 - "$work/check-$n.json" labels.tsv <<'PY'
import collections, json, sys
d = json.load(open(sys.argv[1]))
found = collections.defaultdict(set)
for x in d["diagnostics"]:
    found[x["file"]].add(x["code"])
labels = {}
for line in open(sys.argv[2]).read().split("\n")[1:]:
    if line:
        f, kind, code = line.split("\t")
        labels[f] = (kind, code)
by_kind = collections.Counter(k for k, _ in labels.values())
hit = collections.Counter(k for f, (k, c) in labels.items() if c in found.get(f, ()))
extra = sum(1 for f, codes in found.items() for c in codes if labels.get(f, (None, None))[1] != c)
print("accuracy: " + ", ".join(f"{k} {hit[k]}/{n}" for k, n in sorted(by_kind.items())) + f"; unexpected findings: {extra}")
PY
  cd - >/dev/null
done
