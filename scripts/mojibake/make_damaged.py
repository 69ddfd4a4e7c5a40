#!/usr/bin/env python3
"""Build the damaged side of the PL101 (mojibake) test set from correct.tsv.

Writes, under tests/data/mojibake/:
  damaged.tsv      lang<TAB>kind<TAB>damaged<TAB>original
  wild.tsv         damaged<TAB>original     seed phrases damaged the way it is seen on the web
  wild_lossy.tsv   damaged<TAB>original     same, but the no-break spaces of the damage became
                                            plain spaces (NOT byte-exactly reversible)
and then checks every TSV file in that folder (valid UTF-8, field counts,
no TAB/LF/CR inside fields, every damaged row reversible).

Kinds (all made from the UTF-8 bytes of the original):
  cp1252   bytes read as windows-1252 the WHATWG (browser) way: Python's cp1252
           table plus 0x81 0x8D 0x8F 0x90 0x9D -> U+0081 U+008D U+008F U+0090 U+009D
  latin1   bytes read as ISO-8859-1 (C1 controls appear, e.g. 'â\\x80\\x99' for '’');
           only written when it differs from the cp1252 row
  double   cp1252 damage applied twice
  partial  only one word (one short run of CJK characters in Chinese/Japanese) is
           cp1252-damaged, the rest of the sentence stays correct

Deterministic, no network.  Lines must be split on '\\n' only: fields can hold
U+0085 (NEL), U+2028 and other characters that str.splitlines() treats as line ends.
"""

import collections
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "mojibake"
SEED = "postlint-PL101-damage"
DOUBLE_MAX_LEN = 120     # keep the double-damaged rows (up to ~6x longer) small
CJK_LANGS = {"zh", "ja"}


def _tables():
    dec = {}
    for b in range(256):
        try:
            dec[b] = bytes([b]).decode("cp1252")
        except UnicodeDecodeError:
            dec[b] = chr(b)
    enc = {c: b for b, c in dec.items()}
    assert len(enc) == 256
    return dec, enc


DEC1252, ENC1252 = _tables()


def whatwg_1252_decode(data: bytes) -> str:
    return "".join(DEC1252[b] for b in data)


def whatwg_1252_encode(text: str) -> bytes:
    return bytes(ENC1252[c] for c in text)


def dmg_cp1252(text):
    return whatwg_1252_decode(text.encode("utf-8"))


def undo_cp1252(text):
    return whatwg_1252_encode(text).decode("utf-8")


def dmg_latin1(text):
    return text.encode("utf-8").decode("latin-1")


def undo_latin1(text):
    return text.encode("latin-1").decode("utf-8")


BAD_FIELD = re.compile(r"[\t\n\r]")


def read_tsv(path, ncols):
    """Read a TSV file of this folder, asserting the format; returns rows."""
    raw = path.read_bytes()
    text = raw.decode("utf-8")  # strict: raises on invalid UTF-8
    assert text.endswith("\n") or not text, f"{path.name}: no final newline"
    assert "\r" not in text, f"{path.name}: CR found"
    assert not text.startswith("\ufeff"), f"{path.name}: BOM"
    rows = []
    for n, line in enumerate(text[:-1].split("\n") if text else [], 1):
        fields = line.split("\t")
        assert len(fields) == ncols, f"{path.name}:{n}: {len(fields)} fields, want {ncols}"
        assert all(f and f == f.strip(" ") for f in fields), f"{path.name}:{n}: empty or padded field"
        rows.append(fields)
    return rows


def write_tsv(path, rows, ncols):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            assert len(row) == ncols and all(x and not BAD_FIELD.search(x) for x in row), row
            f.write("\t".join(row) + "\n")


def partial_damage(lang, text, rng):
    """Damage one word (or, in Chinese/Japanese, one run of 2-4 characters)."""
    spans = []
    if lang not in CJK_LANGS:
        toks = list(re.finditer(r"\S+", text))
        if len(toks) >= 3:
            spans = [(m.start(), m.end()) for m in toks if any(ord(c) > 127 for c in m.group())]
    else:
        for m in re.finditer(r"[\u3040-\u30ff\u3400-\u9fff]+", text):
            if m.end() - m.start() >= 2:
                size = min(m.end() - m.start(), 2 + rng.randrange(3))
                start = m.start() + rng.randrange(m.end() - m.start() - size + 1)
                spans.append((start, start + size))
    if not spans:
        return None
    # prefer a span whose surroundings keep other non-ASCII text (tests segment repair)
    good = [s for s in spans if any(ord(c) > 127 for c in text[:s[0]] + text[s[1]:])]
    a, b = rng.choice(good or spans)
    return text[:a] + dmg_cp1252(text[a:b]) + text[b:]


def check_partial(damaged, original):
    """True if damaged is original with one stretch cp1252-damaged."""
    # common prefix/suffix, then the middle must be the cp1252 damage of the original middle
    p = 0
    while p < min(len(damaged), len(original)) and damaged[p] == original[p]:
        p += 1
    s = 0
    while (s < min(len(damaged), len(original)) - p
           and damaged[len(damaged) - 1 - s] == original[len(original) - 1 - s]):
        s += 1
    # the damaged stretch may start/end with chars equal to the original's: widen a little
    for kp in range(0, min(p, 3) + 1):
        for ks in range(0, min(s, 3) + 1):
            mid_d = damaged[p - kp:len(damaged) - s + ks]
            mid_o = original[p - kp:len(original) - s + ks]
            try:
                if mid_d != mid_o and undo_cp1252(mid_d) == mid_o:
                    return True
            except (KeyError, UnicodeDecodeError):
                pass
    return False


# Seed phrases for wild.tsv: short realistic snippets (ours), damaged the way
# Windows-1252 readers of UTF-8 damage them.
WILD_SEEDS = [
    "It’s 5°C — café à la carte",
    "Don’t stop believin’",
    "“Quoted” text with ‘single’ quotes…",
    "He said “hello” and left.",
    "Wait… what?",
    "2010–2019 — a decade",
    "Next → Previous ←",
    "✅ Done",
    "I ♥ NY",
    "Temperature: 21 °C (70 °F)",
    "Home · About · Contact",
    "Price: 12 € · VAT 21%",
    "Price: 12 €",
    "Voilà! Crème brûlée à volonté.",
    "Ça va? Très bien, merci.",
    "Déjà vu à Paris",
    "São Paulo – Brasil",
    "Mötley Crüe’s “Dr. Feelgood”",
    "© 2019 Acme™ — All rights reserved.",
    "Zürich · Genève · Lugano",
    "10 × 20 = 200; ½ + ¼ = ¾",
    "• First item • Second item",
    "Read more »",
    "« Bonjour », dit-il.",
    "naïve résumé",
    "Emoji: 🙂 👍",
    "Straße und Größe",
    "Señor Müller’s café",
    "Ελληνικά — Greek",
    "Русский текст",
    "日本語のテキスト",
    "中文文本",
    "العربية",
    "Ωmega ± 5%",
    "The year’s best: 1st, 2nd & 3rd",
    "Loading…",
    "Step 1 → Step 2 → Done ✅",
    "Rock ’n’ roll",
    "Tom’s “café” – open 9–17",
    "50 µs ≤ t ≤ 2 ms",
    "Smörgåsbord för två",
    "Háček and čárka",
    "Łódź, Kraków, Gdańsk",
    "İstanbul’da güneş",
    "Þórður og Guðrún",
    "à la mode",
    "prêt-à-porter",
    "Fußball-Weltmeisterschaft",
    "Cost: 5 000 € (five thousand)",
    "Quote: ‹single› and «double»",
    "Trademark™ and Registered®",
    "A † marks the dead",
    "£10 · ¥1000 · €9",
]


def main():
    rows = read_tsv(DATA / "correct.tsv", 3)
    out = []
    skipped = {"ascii": 0, "double too long": 0, "no word for partial": 0, "latin1 == cp1252": 0}
    for idx, (lang, source, text) in enumerate(rows):
        if all(ord(c) < 128 for c in text):
            skipped["ascii"] += 1
            continue
        rng = random.Random(f"{SEED}:{idx}:{text}")
        d1 = dmg_cp1252(text)
        if d1 != text and undo_cp1252(d1) == text:
            out.append((lang, "cp1252", d1, text))
        dl = dmg_latin1(text)
        if dl == d1:
            skipped["latin1 == cp1252"] += 1
        elif undo_latin1(dl) == text:
            out.append((lang, "latin1", dl, text))
        if len(text) <= DOUBLE_MAX_LEN:
            d2 = dmg_cp1252(d1)
            if undo_cp1252(undo_cp1252(d2)) == text:
                out.append((lang, "double", d2, text))
        else:
            skipped["double too long"] += 1
        dp = partial_damage(lang, text, rng)
        if dp and dp != text and check_partial(dp, text):
            out.append((lang, "partial", dp, text))
        else:
            skipped["no word for partial"] += 1
    write_tsv(DATA / "damaged.tsv", out, 4)

    wild = [(dmg_cp1252(s), s) for s in WILD_SEEDS]
    write_tsv(DATA / "wild.tsv", wild, 2)
    lossy = [(d.replace("\u00a0", " "), s) for d, s in wild if "\u00a0" in d]
    write_tsv(DATA / "wild_lossy.tsv", lossy, 2)

    validate()

    by_kind = collections.Counter(r[1] for r in out)
    by_lang = collections.Counter(r[0] for r in out)
    print("damaged.tsv rows:", len(out), dict(sorted(by_kind.items())))
    for lang in sorted(by_lang):
        kinds = collections.Counter(r[1] for r in out if r[0] == lang)
        print(f"  {lang}: {by_lang[lang]} {dict(sorted(kinds.items()))}")
    print("skipped:", skipped)
    print("wild.tsv rows:", len(wild), " wild_lossy.tsv rows:", len(lossy))
    total = sum(p.stat().st_size for p in DATA.iterdir() if p.is_file())
    print(f"tests/data/mojibake total size: {total} bytes")
    assert total < 1.5 * 1000 * 1000, "tests/data/mojibake must stay under 1.5 MB"


# file name -> number of fields
LAYOUT = {
    "correct.tsv": 3, "traps.tsv": 3, "quoted.tsv": 3, "gbk_as_latin1.tsv": 2,
    "real_damage.tsv": 3, "damaged.tsv": 4, "wild.tsv": 2, "wild_lossy.tsv": 2,
    # made by make_kinds.py (issue 16), which runs after this script
    "correct_more.tsv": 3, "kinds.tsv": 4,
}


def validate():
    """Assert the format of every TSV file, and that damaged rows reverse exactly."""
    found = sorted(p.name for p in DATA.glob("*.tsv"))
    assert found == sorted(LAYOUT), f"unexpected TSV files: {found}"
    tables = {name: read_tsv(DATA / name, n) for name, n in LAYOUT.items()}
    correct = {r[2] for r in tables["correct.tsv"]}
    assert len(correct) == len(tables["correct.tsv"]), "duplicate texts in correct.tsv"
    for lang, source, text in tables["correct.tsv"]:
        assert len(text) < 300 and text == text.strip(), text
    for lang, kind, damaged, original in tables["damaged.tsv"]:
        assert original in correct, original
        assert damaged != original
        if kind == "cp1252":
            assert undo_cp1252(damaged) == original and dmg_cp1252(original) == damaged
        elif kind == "latin1":
            assert undo_latin1(damaged) == original and dmg_latin1(original) == damaged
        elif kind == "double":
            assert undo_cp1252(undo_cp1252(damaged)) == original
        elif kind == "partial":
            assert check_partial(damaged, original), (damaged, original)
        else:
            raise AssertionError(kind)
    for damaged, original in tables["wild.tsv"]:
        assert undo_cp1252(damaged) == original
    for damaged, original in tables["wild_lossy.tsv"]:
        assert damaged != dmg_cp1252(original) and "\u00a0" not in damaged
    for original, garbled in tables["gbk_as_latin1.tsv"]:
        assert garbled.encode("latin-1").decode("gbk") == original
    for source, damaged, repaired in tables["real_damage.tsv"]:
        assert damaged != repaired


if __name__ == "__main__":
    sys.exit(main())
