#!/usr/bin/env bash
# The link-phase benchmark: loopback servers with 20 ms latency per request
# on 127.0.0.2 to 127.0.0.11 (10 hosts), 2,000 unique image URLs spread over
# them in 200 posts. The limits set a floor: 2,000 x 20 ms / (10 hosts x 4 per
# host) = 1.0 s. Reports postlint's wall time cold (no cache) and warm (every
# URL cached) against it, and lychee's on the same posts with the same limits
# when lychee is installed (`cargo install lychee`; or set LYCHEE=/path/to/it).
# Then the time of 1,000 image URLs on a host that never answers, with the
# default time limits. Talks to nothing but the servers it starts.
#
# Usage: scripts/links_bench.sh [RUNS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
hosts=(127.0.0.2 127.0.0.3 127.0.0.4 127.0.0.5 127.0.0.6 127.0.0.7 127.0.0.8 127.0.0.9 127.0.0.10 127.0.0.11)
latency_ms=20
urls=2000
per_host=4

cargo build --release --quiet --example linkserver
cargo build --release --quiet
bin="$PWD/target/release/postlint"
work=$(mktemp -d)
trap 'exec 9>&- 2>/dev/null || true; rm -rf "$work"' EXIT

# The servers run until their standard input (this fifo) closes.
mkfifo "$work/ctl"
target/release/examples/linkserver "$latency_ms" "${hosts[@]}" <"$work/ctl" >"$work/addrs" 2>"$work/server.log" &
server=$!
exec 9>"$work/ctl"
for _ in $(seq 100); do
  [ "$(wc -l <"$work/addrs")" -ge "${#hosts[@]}" ] && break
  sleep 0.05
done
mapfile -t addrs <"$work/addrs"
[ "${#addrs[@]}" -eq "${#hosts[@]}" ] || { echo "servers did not start" >&2; exit 2; }

# 200 posts of 10 images each; URL i lives on host i mod 10.
site="$work/site"
mkdir -p "$site/_posts"
python3 - "$site/_posts" "$urls" "${addrs[@]}" <<'PY'
import sys
out, n, addrs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
per_post = 10
for p in range(n // per_post):
    imgs = "\n".join(
        f'<p><img src="http://{addrs[i % len(addrs)]}/img/{i}.png" alt="beeld {i}"></p>'
        for i in range(p * per_post, (p + 1) * per_post)
    )
    with open(f"{out}/2019-05-14-post-{p}.html", "w") as f:
        f.write(f"---\ntitle: \"Bericht {p}\"\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n\n{imgs}\n")
PY
cat >"$site/postlint.toml" <<'TOML'
[links]
# The servers are on loopback addresses.
allow-private = true
[rules]
# http:// images on an https site; not what is measured.
ignore = ["PL305"]
TOML

ms() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
floor_ms=$((urls * latency_ms / (${#hosts[@]} * per_host)))
report() { # name times_ms...
  local name=$1; shift
  local med
  med=$(printf '%s\n' "$@" | median)
  printf '%-34s median %5d ms  (%s)  %s x floor\n' "$name" "$med" "$*" \
    "$(awk -v m="$med" -v f="$floor_ms" 'BEGIN {printf "%.2f", m / f}')"
}

cd "$site"
echo "machine: $(nproc) cores, $(uname -sr); postlint $("$bin" --version | cut -d' ' -f2)"
echo "$urls unique image URLs on ${#hosts[@]} hosts, ${latency_ms} ms per request, $per_host per host: floor ${floor_ms} ms"
out=$("$bin" check _posts) || { echo "$out" | tail -5; echo "postlint found problems" >&2; exit 1; }
echo "postlint says: $out"

cold=(); warm=()
for _ in $(seq "$runs"); do
  rm -rf .postlint-cache
  s=$(ms); "$bin" check --quiet _posts >/dev/null; e=$(ms); cold+=($(((e - s) / 1000000)))
  s=$(ms); "$bin" check --quiet _posts >/dev/null; e=$(ms); warm+=($(((e - s) / 1000000)))
done
report "postlint, cold (no cache)" "${cold[@]}"
report "postlint, warm (all cached)" "${warm[@]}"
"$bin" check _posts | tail -1

# A dead image server: 1,000 URLs on one host that takes connections and
# never answers, with the default time limits (15 s per attempt, 2 retries,
# 30 s per URL, a host stopped after 3 timeouts in a row). Before the stop
# this took about 1,000 / 4 x 46.5 s, over three hours.
dead="$work/dead"
mkdir -p "$dead/_posts"
python3 - "$dead/_posts" "${addrs[0]}" <<'PY'
import sys
out, addr = sys.argv[1], sys.argv[2]
for p in range(100):
    imgs = "\n".join(
        f'<p><img src="http://{addr}/never/{p}-{i}.png" alt="beeld"></p>' for i in range(10)
    )
    with open(f"{out}/2019-05-14-dead-{p}.html", "w") as f:
        f.write(f"---\ntitle: \"Dood {p}\"\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n\n{imgs}\n")
PY
cp "$site/postlint.toml" "$dead/"
s=$(ms); (cd "$dead" && "$bin" check --no-cache _posts >"$work/dead.out" 2>&1 || true); e=$(ms)
printf '%-34s %5d ms  (%s)\n' "postlint, 1000 URLs on a dead host" $(((e - s) / 1000000)) "$(tail -1 "$work/dead.out")"

lychee=${LYCHEE:-$(command -v lychee || true)}
[ -z "$lychee" ] && [ -x "$HOME/.cargo/bin/lychee" ] && lychee="$HOME/.cargo/bin/lychee"
if [ -n "$lychee" ]; then
  echo "$("$lychee" --version)"
  limits=(--no-progress --max-concurrency 64 --host-concurrency "$per_host" --host-request-interval 0s --max-retries 0)
  cold=(); warm=()
  for _ in $(seq "$runs"); do
    rm -f .lycheecache
    s=$(ms); "$lychee" "${limits[@]}" _posts >"$work/lychee.out" 2>&1 || true; e=$(ms)
    cold+=($(((e - s) / 1000000)))
    "$lychee" "${limits[@]}" --cache _posts >/dev/null 2>&1 || true
    s=$(ms); "$lychee" "${limits[@]}" --cache _posts >/dev/null 2>&1 || true; e=$(ms)
    warm+=($(((e - s) / 1000000)))
  done
  report "lychee, same limits" "${cold[@]}"
  report "lychee, same limits, --cache warm" "${warm[@]}"
  grep -E "Total|Successful|Errors" "$work/lychee.out" | tr -s ' ' | tr '\n' ' '; echo
  rm -f .lycheecache
  s=$(ms); "$lychee" --no-progress _posts >/dev/null 2>&1 || true; e=$(ms)
  report "lychee, its defaults (one run)" $(((e - s) / 1000000))
else
  echo "lychee is not installed (cargo install lychee): no side-by-side figure"
fi

exec 9>&-
wait "$server" || true
echo "servers:"; sed 's/^/  /' "$work/server.log"
