#!/usr/bin/env bash
# The real-site check, as ruff's ecosystem check: run postlint with no config
# over every site of the panel (each copied to a temporary folder first, since
# the panel is read-only and postlint writes a cache), and print per site the
# findings per rule and severity, the wall time and the peak memory.
#
#   scripts/ecosystem.sh                  # table of counts, to standard output
#   scripts/ecosystem.sh --diff           # compare with scripts/ecosystem/baseline.tsv
#   scripts/ecosystem.sh --write-baseline # replace the baseline with this run
#
# PANEL (default ../shared/panel) names the folder of sites; POSTLINT the
# binary (default: a release build of this checkout). Counts only are kept in
# the baseline: never commit the panel's files.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
panel="${PANEL:-$root/../shared/panel}"
mode="${1:-}"
baseline="$here/ecosystem/baseline.tsv"

if [ -z "${POSTLINT:-}" ]; then
  cargo build --release --quiet --manifest-path "$root/Cargo.toml"
  POSTLINT="$root/target/release/postlint"
fi
POSTLINT="$(realpath "$POSTLINT")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="$work/counts.tsv"
: > "$out"
printf '%-14s %-10s %8s %8s %9s %9s %7s %9s\n' site generator files skipped errors warnings seconds "peak MB" >&2
for dir in "$panel"/*/; do
  site="$(basename "$dir")"
  cp -r "$dir" "$work/$site"
  set +e
  ( cd "$work/$site" && /usr/bin/time -f '%e %M' -o "$work/$site.time" \
      "$POSTLINT" check --offline --no-cache --format json . > "$work/$site.json" 2> "$work/$site.err" )
  status=$?
  set -e
  if [ "$status" -gt 2 ]; then
    echo "$site: postlint exited $status (crash); first lines of its error output:" >&2
    grep -v '^ *[0-9]*: \|^ *at ' "$work/$site.err" | head -5 >&2
  fi
  python3 "$here/ecosystem/summarize.py" "$site" < "$work/$site.json" >> "$out"
  read -r secs kb < <(tail -1 "$work/$site.time")
  files=$(awk -F'\t' -v s="$site" '$1==s && $2=="files"{print $5}' "$out")
  skipped=$(awk -F'\t' -v s="$site" '$1==s && $2=="skipped"{print $5}' "$out")
  generator=$(awk -F'\t' -v s="$site" '$1==s && $2=="generator"{print $3}' "$out")
  errors=$(awk -F'\t' -v s="$site" '$1==s && $4=="error"{n+=$5} END{print n+0}' "$out")
  warnings=$(awk -F'\t' -v s="$site" '$1==s && $4=="warning"{n+=$5} END{print n+0}' "$out")
  printf '%-14s %-10s %8s %8s %9s %9s %7s %9s\n' "$site" "${generator:-?}" "${files:-?}" "${skipped:-?}" "$errors" "$warnings" "$secs" "$((kb / 1024))" >&2
  rm -rf "${work:?}/$site"
done

case "$mode" in
  --write-baseline)
    sort "$out" > "$baseline"
    echo "wrote $baseline" >&2
    ;;
  --diff)
    python3 "$here/ecosystem/diff.py" "$baseline" "$out"
    ;;
  *)
    # Per rule over all sites, most frequent first.
    awk -F'\t' '$2 ~ /^PL|CRASH/ {n[$2"\t"$3"\t"$4]+=$5} END {for (k in n) print n[k]"\t"k}' "$out" | sort -rn
    ;;
esac
