#!/usr/bin/env bash
# How many appends by another process does one `postlint fix` run lose?
# Makes N posts that all need fixing, runs `fix` while a second process
# appends a numbered comment to random posts (open, append, close), then
# counts the comments that are no longer in any file. Each lost one was
# written between fix's last changed-on-disk check and its rename.
#
# Usage: scripts/append_race.sh [BIN] [N] [RUNS]   (default: target/release/postlint 3000 5)
set -euo pipefail
bin=${1:-target/release/postlint}
n=${2:-3000}
runs=${3:-5}
bin=$(realpath "$bin")
for run in $(seq "$runs"); do
  dir=$(mktemp -d)
  mkdir -p "$dir/_posts"
  python3 - "$dir/_posts" "$n" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
bad = "---\ndate: 14 May 2019 15:01:53 GMT\ntitle: \"financi\u00c3\u00able\"   \nlayout: post\n---\n" + "<p>caf\u00c3\u00a9 tekst</p>\n" * 40
for i in range(n):
    open(f"{d}/2019-05-14-p{i:05}.html", "w").write(bad)
PY
  python3 - "$dir/_posts" "$dir/log" "$dir/stop" <<'PY' &
import os, random, sys
d, log, stop = sys.argv[1:]
names = sorted(n for n in os.listdir(d) if n.endswith(".html"))
i = 0
with open(log, "w") as out:
    while not os.path.exists(stop):
        name = random.choice(names)
        token = f"<!-- appended {i} -->\n"
        with open(os.path.join(d, name), "a") as f:
            f.write(token)
        out.write(f"{name}\t{i}\n")
        i += 1
PY
  appender=$!
  sleep 0.3
  (cd "$dir" && "$bin" fix --quiet _posts >/dev/null 2>"$dir/fix.err" || true)
  touch "$dir/stop"
  wait "$appender"
  python3 - "$dir/_posts" "$dir/log" "$dir/fix.err" <<'PY'
import collections, os, sys
d, log, err = sys.argv[1:]
texts = {n: open(os.path.join(d, n)).read() for n in os.listdir(d) if n.endswith(".html")}
total = lost = 0
for line in open(log):
    name, i = line.rstrip("\n").split("\t")
    total += 1
    if f"<!-- appended {i} -->" not in texts[name]:
        lost += 1
refused = sum(1 for l in open(err) if "changed on disk" in l)
print(f"appends {total}, lost {lost}; files refused as changed on disk: {refused}")
PY
  rm -rf "$dir"
done
