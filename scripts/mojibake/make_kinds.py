#!/usr/bin/env python3
"""Build the issue-16 part of the PL101 (mojibake) test set: damage beyond
Windows-1252, and correct text in the languages whose letters trap a detector.

Writes, under tests/data/mojibake/:
  correct_more.tsv  lang<TAB>source<TAB>text
        CLDR text (babel) in Finnish, Swedish, Vietnamese, Hungarian, Romanian,
        Turkish, Czech and Polish, each also in upper case (headlines), plus
        hand-written traps (`postlint-traps-2`): product names, math and unit
        symbols, `SELKÄ\\u00a0EDELLÄ`, an Ångström sign before a dash,
        Vietnamese `ĐÃ SỬA`, `Ä’s` in text about letters.
  kinds.tsv         lang<TAB>kind<TAB>damaged<TAB>original
        made from correct.tsv and correct_more.tsv the way real tools damage
        text (kinds below); at most PER_KIND rows per kind.

Kinds (Python codecs; "WHATWG" means the undefined bytes decode to the C1
control of the same value, as browsers and encoding_rs do):
  macroman       utf-8 bytes read as Mac OS Roman (`g√¢teaux`)
  cp437          utf-8 bytes read as DOS code page 437 (`─îe┼ítina`)
  cp1250         utf-8 bytes read as Windows-1250, WHATWG (`LiĂ¨ge`)
  iso8859_2      utf-8 bytes read as ISO-8859-2
  cp1251         utf-8 bytes read as Windows-1251, WHATWG (`РґРѕСЂРѕРіРµ`)
  cp1252_cp1251  read as Windows-1252, saved as UTF-8, read as Windows-1251 (`Г‚ВЈ`)
  cesu8          emoji written as CESU-8 (each surrogate on its own), read as
                 Windows-1252 (`í\\xa0½í¸\\x8d` for 😍)
  c1             Windows-1252 bytes read as Latin-1: C1 controls where the
                 punctuation was (`\\x85` for `…`, `\\x92` for `’`)
  nbsp           one no-break space (after a lower-case word, a period or a
                 digit) or one `à` read as Windows-1252 (`Â\\xa0`, `Ã\\xa0`)
  lossy          one word read as Windows-1252, then the characters outside
                 Latin-1 turned into `?` (`Ã?Â¢â?¬â?¢`): no exact repair exists
Deterministic, no network (babel's CLDR data is installed with it).
"""

import collections
import random
import re
import sys
from pathlib import Path

from babel import Locale

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "mojibake"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_damaged import dmg_cp1252, read_tsv, write_tsv  # noqa: E402

SEED = "postlint-PL101-kinds"
PER_KIND = 120
MAX_LEN = 110
NBSP = "\u00a0"
TRAP_LANGS = ["fi", "sv", "vi", "hu", "ro", "tr", "cs", "pl"]
TERRITORIES = ["FI", "SE", "VN", "HU", "RO", "TR", "CZ", "PL", "AT", "CH", "IS", "NO",
               "DK", "ES", "PT", "FR", "BE", "NL", "DE", "GR", "RU", "CN", "JP", "EG"]
LANGUAGES = ["fi", "sv", "vi", "hu", "ro", "tr", "cs", "pl", "de", "fr", "es", "pt",
             "is", "da", "nb", "el", "ru", "zh", "ja", "ar"]

TRAPS = [
    ("fi", f"ILTA-SANOMAT: SELKÄ{NBSP}EDELLÄ ALAS"),
    ("fi", f"KÄRPÄT{NBSP}– TPS 3–2"),
    ("fi", "JÄÄKIEKON MM-KISAT™ ALKAVAT"),
    ("fi", "PÄÄTÖS — HÄMEENLINNA’S"),
    ("fi", "Yö — HÄMÄRÄ"),
    ("sv", f"SVERIGES BÄSTA{NBSP}— GÖTEBORG"),
    ("sv", "ÅÄÖ™ för svenska tangentbord"),
    ("sv", "Å’s and Ä’s are letters of their own in Swedish"),
    ("sv", f"SÅ{NBSP}HÄR GÖR DU"),
    ("mixed", "1 Å–10 Å: the Ångström scale"),
    ("mixed", "a lattice constant of 3.5 Å—typical for metals"),
    ("mixed", "Write Ã’s and Â’s as they are: the article is about mojibake"),
    ("vi", "ĐÃ SỬA"),
    ("vi", "ĐÃ XONG — BẢN CẬP NHẬT"),
    ("vi", "TIẾNG VIỆT CÓ DẤU: Ã, Â, Ă"),
    ("hu", "ŐSZI ÁRVÍZ — ÜTKÖZET"),
    ("ro", "ȘTIRI ÎN ROMÂNĂ: ÎNCĂ O ZI"),
    ("tr", "ÇAĞDAŞ TÜRK EDEBİYATI — ŞİİR"),
    ("cs", "PŘÍLIŠ ŽLUŤOUČKÝ KŮŇ ÚPĚL ĎÁBELSKÉ ÓDY"),
    ("pl", "ZAŻÓŁĆ GĘŚLĄ JAŹŃ — STÓŁ, DÓŁ, PÓŁ"),
    ("mixed", "∂f/∂x = 2x, Δx ≈ 0,5 mm"),
    ("mixed", "α² + β² = γ²"),
    ("mixed", "50 Ω ± 5 %, 10 µF, 3 kΩ"),
    ("mixed", "PM2.5: 25 µg/m³"),
    ("mixed", "H₂O, CO₂, 10⁻³ mol/L"),
    ("mixed", "a = 9,81 m·s⁻²"),
    ("mixed", "20 °C → 68 °F; ≥ 90 %"),
    ("mixed", "√2 ≈ 1,414 and ∑ xᵢ ≤ ∞"),
    ("mixed", "ℏω = E, Å = 10⁻¹⁰ m"),
    ("mixed", "Θ(n log n) ⊂ O(n²)"),
    ("mixed", "IL2RγcKO mice — γc-deficient"),
    ("mixed", "TM: Nokia™ Lumia — Ä™ is not a thing"),
]

EMOJI = ["😍", "😀", "👍", "🎉", "🚀", "🙂", "💡", "🔥", "🇳🇱", "👍🏽"]


def cldr_lines(code):
    loc = Locale.parse(code)
    out = []
    for ctx in ("format", "stand-alone"):
        out.append(", ".join(loc.months[ctx]["wide"][m] for m in range(1, 13)))
        out.append(", ".join(loc.days[ctx]["wide"][d] for d in range(7)))
    for i in range(0, len(TERRITORIES), 4):
        out.append(", ".join(loc.territories[t] for t in TERRITORIES[i:i + 4]))
    for i in range(0, len(LANGUAGES), 4):
        out.append(", ".join(loc.languages[lang] for lang in LANGUAGES[i:i + 4]))
    return [t for t in dict.fromkeys(out) if t and len(t) <= 250]


def whatwg(codec):
    dec = {}
    for b in range(256):
        try:
            dec[b] = bytes([b]).decode(codec)
        except UnicodeDecodeError:
            dec[b] = chr(b)
    return dec


W1250, W1251 = whatwg("cp1250"), whatwg("cp1251")


def dmg_table(table):
    return lambda text: "".join(table[b] for b in text.encode("utf-8"))


def undo_table(table):
    enc = {c: b for b, c in table.items()}
    return lambda text: bytes(enc[c] for c in text).decode("utf-8")


def cesu8(text):
    out = bytearray()
    for c in text:
        if ord(c) > 0xFFFF:
            v = ord(c) - 0x10000
            for s in (0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF)):
                out += bytes([0xE0 | (s >> 12), 0x80 | ((s >> 6) & 0x3F), 0x80 | (s & 0x3F)])
        else:
            out += c.encode("utf-8")
    return bytes(out)


def cp1252_as_latin1(text):
    return text.encode("cp1252").decode("latin-1")


def with_emoji(text, rng):
    words = text.split(" ")
    at = rng.randrange(len(words) + 1)
    return " ".join(words[:at] + [rng.choice(EMOJI)] + words[at:])


def nbsp_damage(text, rng):
    """(original, damaged): one no-break space or one `à` read as Windows-1252."""
    spots = [m.start() for m in re.finditer(r"(?<=[a-zà-ÿ.0-9]) (?=[a-zà-ÿ0-9])", text)]
    if " à " in text and rng.random() < 0.5:
        i = text.index(" à ")
        return text, text[:i + 1] + "Ã" + NBSP + text[i + 2:]
    if not spots:
        return None
    i = rng.choice(spots)
    original = text[:i] + NBSP + text[i + 1:]
    return original, text[:i] + "Â" + NBSP + text[i + 1:]


def lossy_damage(text, rng):
    words = [m for m in re.finditer(r"\S+", text) if any(ord(c) > 127 for c in m.group())]
    if not words:
        return None
    m = rng.choice(words)
    bad = "".join(c if ord(c) < 256 else "?" for c in dmg_cp1252(m.group()))
    if "?" not in bad:
        return None
    return text[:m.start()] + bad + text[m.end():]


def main():
    more = []
    for code in TRAP_LANGS:
        for i, text in enumerate(cldr_lines(code)):
            more.append((code, f"cldr:{code}:{i}", text))
            more.append((code, f"cldr:{code}:{i}:upper", text.upper()))
    more += [(lang, "postlint-traps-2", text) for lang, text in TRAPS]
    seen = set(r[2] for r in read_tsv(DATA / "correct.tsv", 3))
    uniq = []
    for row in more:
        if row[2] not in seen:
            seen.add(row[2])
            uniq.append(row)
    write_tsv(DATA / "correct_more.tsv", uniq, 3)

    pool = [r for r in read_tsv(DATA / "correct.tsv", 3) + uniq
            if len(r[2]) <= MAX_LEN and any(ord(c) > 127 for c in r[2])
            and r[1] != "postlint-traps-2"]
    kinds = {
        "macroman": (lambda t, r: dmg_table({b: bytes([b]).decode("mac_roman") for b in range(256)})(t),
                     lambda d: d.encode("mac_roman").decode("utf-8")),
        "cp437": (lambda t, r: t.encode("utf-8").decode("cp437"),
                  lambda d: d.encode("cp437").decode("utf-8")),
        "cp1250": (lambda t, r: dmg_table(W1250)(t), undo_table(W1250)),
        "iso8859_2": (lambda t, r: t.encode("utf-8").decode("iso8859_2"),
                      lambda d: d.encode("iso8859_2").decode("utf-8")),
        "cp1251": (lambda t, r: dmg_table(W1251)(t), undo_table(W1251)),
        "cp1252_cp1251": (lambda t, r: dmg_table(W1251)(dmg_cp1252(t)),
                          lambda d: undo_table(whatwg("cp1252"))(undo_table(W1251)(d))),
    }
    out = []
    for kind, (damage, undo) in kinds.items():
        rng = random.Random(f"{SEED}:{kind}")
        rows = rng.sample(pool, len(pool))
        n = 0
        for lang, _, text in rows:
            if n == PER_KIND:
                break
            try:
                d = damage(text, rng)
                assert undo(d) == text
            except (UnicodeError, KeyError):
                continue
            if d != text and "\t" not in d and "\n" not in d and "\r" not in d:
                out.append((lang, kind, d, text))
                n += 1
    # CESU-8: correct sentences with an emoji added.
    rng = random.Random(f"{SEED}:cesu8")
    for lang, _, text in rng.sample(pool, PER_KIND):
        original = with_emoji(text, rng)
        out.append((lang, "cesu8", "".join(whatwg("cp1252")[b] for b in cesu8(original)), original))
    # C1: Windows-1252 text with its punctuation in 0x80..0x9F, read as Latin-1.
    rng = random.Random(f"{SEED}:c1")
    n = 0
    for lang, _, text in rng.sample(pool, len(pool)):
        try:
            d = cp1252_as_latin1(text)
        except UnicodeError:
            continue
        if d != text and any(0x80 <= ord(c) <= 0x9F for c in d) and n < PER_KIND:
            out.append((lang, "c1", d, text))
            n += 1
    # Latin text: one no-break space or `à` damaged; one word made lossy.
    latin = [r for r in pool if r[0] in ("fr", "de", "nl", "es", "pt", "it", "fi", "sv", "pl", "cs", "tr", "hu", "ro")
             and ":upper" not in r[1]]
    for kind, make in (("nbsp", nbsp_damage), ("lossy", lossy_damage)):
        rng = random.Random(f"{SEED}:{kind}")
        n = 0
        for lang, _, text in rng.sample(latin, len(latin)):
            got = make(text, rng)
            if got is None or n == PER_KIND:
                continue
            original, damaged = got if kind == "nbsp" else (text, got)
            out.append((lang, kind, damaged, original))
            n += 1
    write_tsv(DATA / "kinds.tsv", out, 4)
    by_kind = collections.Counter(r[1] for r in out)
    print("correct_more.tsv rows:", len(uniq), dict(collections.Counter(r[0] for r in uniq)))
    print("kinds.tsv rows:", len(out), dict(by_kind))
    total = sum(p.stat().st_size for p in DATA.iterdir() if p.is_file())
    print(f"tests/data/mojibake total size: {total} bytes")


if __name__ == "__main__":
    sys.exit(main())
