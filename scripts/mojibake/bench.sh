#!/usr/bin/env bash
# Mojibake scan throughput, postlint against ftfy on the same texts, in one run.
# Needs Python 3 with ftfy (pip install ftfy); makes a virtualenv if it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --release --quiet --example mojibake_bench -- "$out"
if ! python3 -c 'import ftfy' 2>/dev/null; then
  python3 -m venv "$out/venv" && "$out/venv/bin/pip" install --quiet ftfy
  py="$out/venv/bin/python"
else
  py=python3
fi
"$py" - "$out" <<'PY'
import sys, time, ftfy
out = sys.argv[1]
for name in ["dutch-news", "multilingual"]:
    text = open(f"{out}/{name}.txt", encoding="utf-8").read()
    lines = text.split("\n")
    best = 1e9
    for _ in range(2):
        t = time.perf_counter()
        changed = sum(1 for l in lines if ftfy.fix_encoding(l) != l)
        best = min(best, time.perf_counter() - t)
    mb = len(text.encode()) / 1e6
    print(f"ftfy {ftfy.__version__} fix_encoding, {name}: {mb:.1f} MB, {changed} lines changed, best of 2: {best:.3f} s, {mb / best:.1f} MB/s")
PY
