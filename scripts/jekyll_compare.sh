#!/usr/bin/env bash
# Builds a tiny Jekyll site from the fixtures before and after `postlint fix`
# and compares the generated pages. Pages must be identical (ignoring line
# endings and trailing white space, which the fix removes on purpose) except
# where a fix meant to change the text: repaired mojibake (PL101).
#
# Usage: scripts/jekyll_compare.sh   (needs `jekyll`: apt-get install jekyll)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v jekyll >/dev/null || { echo "jekyll is not installed (apt-get install jekyll)" >&2; exit 2; }
cargo build --release --quiet
bin="$PWD/target/release/postlint"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

site="$work/site"
mkdir -p "$site/_posts" "$site/_layouts"
cat > "$site/_config.yml" <<'YML'
timezone: Europe/Amsterdam
future: true
permalink: /:year/:month/:day/:title/
YML
cat > "$site/_layouts/post.html" <<'HTML'
<title>{{ page.title }}</title>
<time>{{ page.date | date_to_xmlschema }}</time>
<p class="category">{{ page.category }}</p>
{{ content }}
HTML
# Fixtures Jekyll can build, under Jekyll's YYYY-MM-DD-name file names.
for f in fixtures/real/*.html fixtures/real/*.md \
         fixtures/PL101_mojibake_seed.html fixtures/PL101_mojibake_entities.html \
         fixtures/PL101_mojibake_double_and_punctuation.html fixtures/PL103_byte_order_mark.html \
         fixtures/PL106_line_endings.html fixtures/PL107_trailing_whitespace.html \
         fixtures/PL108_missing_final_newline.html fixtures/PL110_trailing_blank_lines.html \
         fixtures/PL207_non_canonical_front_matter.html fixtures/PL254_obsolete_date_form.html \
         fixtures/2019-05-14-PL257_non_canonical_date.html fixtures/PL250_iso_date.html; do
  name=$(basename "$f")
  case "$name" in [0-9][0-9][0-9][0-9]-*) ;; *) name="2019-05-14-$name" ;; esac
  cp "$f" "$site/_posts/$name"
done
# Fixes that must not change the page (issue 11): a YAML merge key that a
# reordering would let win, a suppression comment between two paragraphs, a
# backslash before trailing white space (a hard break once the space goes).
cat > "$site/_posts/2019-05-14-merge-key.md" <<'MD'
---
base: &b {layout: page, title: From base}
<<: *b
layout: post
title: Real title
date: Tue, 14 May 2019 17:01:53 +0200
---
Tekst.
MD
printf '%s\n' '---' 'layout: post' 'title: Blocks' 'date: Tue, 14 May 2019 17:01:53 +0200' '---' \
  'A line' '<!-- postlint-disable PL105 -->' 'second part' '' 'Open C:\ ' 'en daarna verder.' \
  > "$site/_posts/2019-05-14-markdown-blocks.md"
# Jekyll skips front matter behind a BOM unless told the encoding; real sites
# set this, and postlint reports the BOM (PL103) for that reason.
echo 'encoding: bom|utf-8' >> "$site/_config.yml"

jekyll build --quiet -s "$site" -d "$work/before" 2>&1 | grep -v 'warning' || true
cp -r "$site" "$work/site-fixed"
"$bin" fix "$work/site-fixed/_posts" --config /dev/null || true
jekyll build --quiet -s "$work/site-fixed" -d "$work/after" 2>&1 | grep -v 'warning' || true

python3 - "$work" <<'PY'
import difflib, os, sys
work = sys.argv[1]
before, after = f"{work}/before", f"{work}/after"
def pages(root):
    out = {}
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".html"):
                p = os.path.join(d, f)
                out[os.path.relpath(p, root)] = open(p, encoding="utf-8").read()
    return out
def norm(text):
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()
b, a = pages(before), pages(after)
if set(b) != set(a):
    print("pages differ:", sorted(set(b) ^ set(a)))
    sys.exit(1)
same = changed = 0
bad = []
for name in sorted(b):
    if norm(b[name]) == norm(a[name]):
        same += 1
        continue
    changed += 1
    diff = [l for l in difflib.unified_diff(norm(b[name]).split("\n"), norm(a[name]).split("\n"), lineterm="", n=0)
            if l[:1] in "+-" and not l.startswith(("+++", "---"))]
    print(f"{name}: changed as intended")
    for l in diff:
        print("   ", l[:160])
    # An intended change repairs mojibake: the old line has it, the new one does not.
    olds = [l[1:] for l in diff if l.startswith("-")]
    if not olds or not all(any(m in l for m in ("Ã", "â€", "Â", "&Atilde;")) for l in olds):
        bad.append(name)
print(f"{len(b)} pages: {same} identical, {changed} changed by intended fixes, {len(bad)} changed otherwise")
sys.exit(1 if bad else 0)
PY
