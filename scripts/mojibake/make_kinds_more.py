#!/usr/bin/env python3
"""Add four more kinds of PL101 damage to tests/data/mojibake/kinds.tsv
(issue 16), built from correct.tsv the way real tools damage text:

  combining      combining marks left by damage: a word struck through with
                 U+0336 after each character (what strike-through text
                 generators paste into posts; `$̶6̶3̶` becomes `$Ì¶6Ì¶3Ì¶`), or
                 the whole text in NFD (file names and text from macOS:
                 `é` as `e` + U+0301, which becomes `eÌ\\x81`); then the
                 whole text read as Windows-1252 (WHATWG)
  greek_in_word  a gene or protein name with one Greek letter inside or at
                 the end of a Latin word (`IL2Rγ`, `NF-κB`) added to the
                 text, then the whole text read as Windows-1252
  replacement    one character already lost to U+FFFD (a decoder met a bad
                 byte), then the whole text read as Windows-1252 (`ï¿½`);
                 the repair is U+FFFD, never the lost character
  replacement_twice
                 the same, then the whole text read as Windows-1252 once
                 more (`Ã¯Â¿Â½`); the rest of the text is repaired, the
                 U+FFFD is reported with no fix

Rows of these kinds already in kinds.tsv are replaced; the other rows are
kept as they are. Latin-script languages only (a Greek letter in Greek text
is no trap), at most PER_KIND rows per kind. Deterministic, no network.
"""

import random
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "mojibake"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_damaged import dmg_cp1252, read_tsv, write_tsv  # noqa: E402

SEED = "postlint-PL101-kinds-more"
PER_KIND = 120
MAX_LEN = 110
KINDS = ("combining", "greek_in_word", "replacement", "replacement_twice")
LATIN = {"de", "fr", "es", "pt", "it", "nl", "fi", "sv", "pl", "cs", "tr", "hu",
         "ro", "is", "vi", "en", "da", "nb"}
# Real names, as biology papers and posts write them.
NAMES = ["IL2Rγ", "TGFβ1", "NF-κB", "ERα", "PPARγ", "Aβ42", "TNFα", "IFNγ", "PKCδ",
         "HIF1α", "GSK3β", "PI3Kδ", "RORγt", "C/EBPβ", "PGC1α", "LXRα", "RARβ",
         "IKKβ", "AMPKα", "CaMKIIδ", "IL2RγcKO", "PDGFRβ", "ERβ", "TCRαβ"]


def struck(word):
    return "".join(c + "\u0336" for c in word)


def combining(text, rng):
    if rng.random() < 0.5:
        nfd = unicodedata.normalize("NFD", text)
        return nfd if nfd != text else None
    words = [w for w in text.split(" ") if w.isascii() and 2 <= len(w) <= 8 and w.isalnum()]
    if not words:
        return None
    w = rng.choice(words)
    return text.replace(w, struck(w), 1)


def greek_in_word(text, rng):
    return f"{text} ({rng.choice(NAMES)})"


def replacement(text, rng):
    spots = [i for i, c in enumerate(text) if ord(c) > 127] or [i for i, c in enumerate(text) if c.isalpha()]
    if not spots:
        return None
    i = rng.choice(spots)
    return text[:i] + "\ufffd" + text[i + 1:]


def main():
    pool = [r for r in read_tsv(DATA / "correct.tsv", 3)
            if r[0] in LATIN and len(r[2]) <= MAX_LEN]
    kept = [r for r in read_tsv(DATA / "kinds.tsv", 4) if r[1] not in KINDS]
    out = []
    for kind, make in (("combining", combining), ("greek_in_word", greek_in_word),
                       ("replacement", replacement), ("replacement_twice", replacement)):
        rng = random.Random(f"{SEED}:{kind}")
        n = 0
        for lang, _, text in rng.sample(pool, len(pool)):
            if n == PER_KIND:
                break
            original = make(text, rng)
            if original is None:
                continue
            damaged = dmg_cp1252(original)
            if kind == "replacement_twice":
                damaged = dmg_cp1252(damaged)
            if damaged != original and "\t" not in damaged and "\n" not in damaged:
                out.append((lang, kind, damaged, original))
                n += 1
    write_tsv(DATA / "kinds.tsv", kept + out, 4)
    print({k: sum(1 for r in out if r[1] == k) for k in KINDS})


if __name__ == "__main__":
    sys.exit(main())
