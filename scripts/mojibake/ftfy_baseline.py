#!/usr/bin/env python3
"""Baseline for PL101: how does ftfy (pip install ftfy) do on tests/data/mojibake?

  python3 scripts/mojibake/ftfy_baseline.py

Reports, for ftfy.fix_text (defaults) and for ftfy.fix_encoding (encoding repair only;
fix_text also straightens curly quotes, widens/narrows characters, NFC-normalizes, ...):
  correct.tsv, traps.tsv   texts changed            (false alarms; want 0)
  damaged.tsv (by kind),   texts repaired exactly   (want all)
  wild*.tsv, real_damage
  gbk_as_latin1.tsv        texts changed            (another kind of damage: should be left alone)
  quoted.tsv               texts changed            (quotes mojibake on purpose; documents a limit)
Lines are split on '\\n' only (fields may contain U+0085 and other line-like characters).
"""

import collections
import sys
from pathlib import Path

import ftfy

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "mojibake"


def rows(name):
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.split("\n") if line]


FIXERS = [("fix_text", ftfy.fix_text), ("fix_encoding", ftfy.fix_encoding)]


def main():
    print(f"ftfy {ftfy.__version__}, Python {sys.version.split()[0]}")
    for fname, fix in FIXERS:
        print(f"\n## ftfy.{fname}")
        # false alarms
        for name in ("correct.tsv", "traps.tsv"):
            data = rows(name)
            changed = [(r[0], r[2], fix(r[2])) for r in data if fix(r[2]) != r[2]]
            by_lang = collections.Counter(c[0] for c in changed)
            print(f"{name}: {len(changed)} of {len(data)} changed (false alarms)"
                  + (f"  by lang: {dict(sorted(by_lang.items()))}" if changed else ""))
            for lang, before, after in changed[:8]:
                print(f"    {lang}: {before[:70]!r} -> {after[:70]!r}")
        # repairs
        data = rows("damaged.tsv")
        total = collections.Counter(r[1] for r in data)
        exact = collections.Counter(r[1] for r in data if fix(r[2]) == r[3])
        untouched = collections.Counter(r[1] for r in data if fix(r[2]) == r[2])
        print(f"damaged.tsv: {sum(exact.values())} of {len(data)} repaired exactly")
        for kind in sorted(total):
            print(f"    {kind}: {exact[kind]} of {total[kind]} exact, {untouched[kind]} left unchanged")
        lang_total = collections.Counter(r[0] for r in data)
        lang_exact = collections.Counter(r[0] for r in data if fix(r[2]) == r[3])
        print("    by lang: " + ", ".join(f"{l} {lang_exact[l]}/{lang_total[l]}" for l in sorted(lang_total)))
        for name, d, o in (("wild.tsv", 0, 1), ("wild_lossy.tsv", 0, 1), ("real_damage.tsv", 1, 2)):
            data = rows(name)
            ok = sum(1 for r in data if fix(r[d]) == r[o])
            print(f"{name}: {ok} of {len(data)} repaired exactly")
        data = rows("gbk_as_latin1.tsv")
        changed = sum(1 for r in data if fix(r[1]) != r[1])
        to_orig = sum(1 for r in data if fix(r[1]) == r[0])
        print(f"gbk_as_latin1.tsv: {changed} of {len(data)} changed ({to_orig} back to the Chinese original)")
        data = rows("quoted.tsv")
        changed = sum(1 for r in data if fix(r[2]) != r[2])
        print(f"quoted.tsv: {changed} of {len(data)} changed")
        kinds(fix)


MARKERS = {
    "combining": lambda c: "\u0300" <= c <= "\u036f",
    "greek_in_word": lambda c: "\u0391" <= c <= "\u03c9",
    "replacement": lambda c: c == "\ufffd",
    "replacement_twice": lambda c: c == "\ufffd",
}


def kinds(fix):
    """Issue 16: correct_more.tsv (trap languages) and kinds.tsv, per kind."""
    data = rows("correct_more.tsv")
    changed = [(r[0], r[2], fix(r[2])) for r in data if fix(r[2]) != r[2]]
    print(f"correct_more.tsv: {len(changed)} of {len(data)} changed (false alarms)")
    for lang, before, after in changed[:12]:
        print(f"    {lang}: {before[:70]!r} -> {after[:70]!r}")
    data = rows("kinds.tsv")
    print("kinds.tsv: kind, rows, found (changed), repaired exactly")
    for kind in dict.fromkeys(r[1] for r in data):
        mine = [r for r in data if r[1] == kind]
        # The kinds added on top of other damage count as found when their
        # character comes back (as tests/mojibake_corpus.rs counts them).
        mark = MARKERS.get(kind)
        found = sum(1 for r in mine
                    if (any(mark(c) for c in fix(r[2])) if mark else fix(r[2]) != r[2]))
        exact = sum(1 for r in mine if fix(r[2]) == r[3])
        print(f"    {kind}: {len(mine)}, found {found} ({100 * found / len(mine):.1f}%), "
              f"exact {exact} ({100 * exact / len(mine):.1f}%)")


if __name__ == "__main__":
    main()
