#!/usr/bin/env bash
# The pre-commit hook, end to end, with the real pre-commit from PyPI: a site
# repository whose .pre-commit-config.yaml points at (a snapshot of) this one
# refuses a commit with a bad post, showing postlint's message, and accepts a
# good one. .ci/run runs it; alone: tests/pre-commit/run.sh
#
# pre-commit builds postlint in release mode (about 2 minutes from scratch);
# CARGO_TARGET_DIR keeps that build in target/pre-commit so reruns are quick.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
cd "$here"

venv=target/ci-venv
if [ ! -x "$venv/bin/pre-commit" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r .ci/requirements.txt
fi
pre_commit=$here/$venv/bin/pre-commit
export CARGO_TARGET_DIR=$here/target/pre-commit

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PRE_COMMIT_HOME=$tmp/pre-commit-home
git_quiet() { git -c init.defaultBranch=main -c user.name=test -c user.email=test@example.com "$@"; }

fail() { echo "pre-commit test FAILED: $*" >&2; exit 1; }

# The hook repository: the working tree as it is now (tracked and new files,
# not ignored ones), committed, so that uncommitted changes are tested too.
src=$tmp/postlint
mkdir -p "$src"
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
  tar --null -T - -cf - | tar -xf - -C "$src"
git_quiet -C "$src" init --quiet
git_quiet -C "$src" add -A
git_quiet -C "$src" commit --quiet -m snapshot
rev=$(git -C "$src" rev-parse HEAD)
"$pre_commit" validate-manifest "$src/.pre-commit-hooks.yaml"

# The site using it.
site=$tmp/site
mkdir -p "$site/_posts" "$site/drafts"
cd "$site"
git_quiet init --quiet
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $src
    rev: $rev
    hooks:
      - id: postlint
YAML
"$pre_commit" validate-config .pre-commit-config.yaml
git_quiet add .pre-commit-config.yaml
git_quiet commit --quiet -m "pre-commit config"
"$pre_commit" install >/dev/null
"$pre_commit" install-hooks

bad='---
title: "Huawei wil niet spioneren"
date: Mon, 14 May 2019 17:01:53 +0200
---

<p>Het Chinese bedrijf.</p>
'
good=${bad/Mon,/Tue,}

# A bad post: refused, with postlint's message.
printf '%s' "$bad" > _posts/2019-05-14-huawei.html
git_quiet add _posts/2019-05-14-huawei.html
if git_quiet commit -m "bad post" > "$tmp/bad.log" 2>&1; then
  cat "$tmp/bad.log"; fail "the commit with a bad post was accepted"
fi
grep -q "PL251 wrong-weekday" "$tmp/bad.log" || { cat "$tmp/bad.log"; fail "no PL251 in the hook's output"; }
grep -q "14 May 2019 is a Tuesday, not a Monday" "$tmp/bad.log" || { cat "$tmp/bad.log"; fail "no message"; }
echo "bad post refused:"
sed -n '/PL251/,/Found/p' "$tmp/bad.log" | sed 's/^/  | /'

# A good post is accepted, although a bad file lies unstaged beside it: only
# the staged files are checked.
printf '%s' "$good" > _posts/2019-05-14-huawei.html
printf '%s' "$bad" > drafts/unstaged.html
printf '# Site\n' > README.md
git_quiet add _posts/2019-05-14-huawei.html README.md
if ! git_quiet commit -m "good post" > "$tmp/good.log" 2>&1; then
  cat "$tmp/good.log"; fail "the commit with a good post was refused"
fi
grep -q "postlint.*Passed" "$tmp/good.log" || { cat "$tmp/good.log"; fail "the hook did not run"; }
echo "good post accepted: $(grep 'postlint' "$tmp/good.log")"
echo "pre-commit test passed"
