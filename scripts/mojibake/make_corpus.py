#!/usr/bin/env python3
"""Build the correct-text side of the PL101 (mojibake) test set.

Writes, under tests/data/mojibake/:
  correct.tsv        lang<TAB>source<TAB>text   real text from Debian fortunes-* packages and CLDR (babel)
  traps.tsv          lang<TAB>source<TAB>text   hand-listed correct text that looks like mojibake
  quoted.tsv         lang<TAB>source<TAB>text   sentences that quote mojibake on purpose
  gbk_as_latin1.tsv  original<TAB>garbled       fortunes-zh sentences, GBK bytes read as Latin-1
  real_damage.tsv    source<TAB>damaged<TAB>repaired   lines that are ALREADY mojibake in the
                     installed fortune files (kept out of correct.tsv), with their repair

Needs (no network at run time):
  apt-get install -y fortunes-de fortunes-es fortunes-it fortunes-pl fortunes-ru \
      fortunes-cs fortunes-br fortunes-zh fortunes-bg
  pip install babel

Deterministic: input files are read in sorted order and every sample is drawn
with random.Random seeded by a fixed string.  Run from anywhere:
  python3 scripts/mojibake/make_corpus.py && python3 scripts/mojibake/make_damaged.py
"""

import collections
import datetime
import random
import re
import sys
import unicodedata
from pathlib import Path

import babel
from babel import Locale, dates, lists, numbers, units

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "data" / "mojibake"
FORTUNES = Path("/usr/share/games/fortunes")
SEED = "postlint-PL101-2019-05-14"
MAX_LEN = 299          # "under 300 characters"
MIN_LEN = 15
PER_LANG_FORTUNES = 50  # fortune samples per language (when the pool is large enough)
PER_LOCALE_CLDR_MAX = 45

# --------------------------------------------------------------------------
# Fortune files
# --------------------------------------------------------------------------

# lang, package, folder (relative to FORTUNES) or file list, files to skip,
# legacy encoding to try if a file is not valid UTF-8.
FORTUNE_SOURCES = [
    ("de", "fortunes-de", "de", {"asciiart"}, "latin-1"),
    ("es", "fortunes-es", "es", set(), "latin-1"),  # es/off/ (offensive) is not read: no recursion
    ("it", "fortunes-it", "it", {"banner"}, "latin-1"),
    ("pl", "fortunes-pl", "pl", {"dowcipy-szowinistyczne", "dowcipy-feministyczne",
                                  "dowcipy-lepper", "radio_maryja", "koscielne"}, "iso-8859-2"),
    ("ru", "fortunes-ru", "ru", {"sex"}, "koi8-r"),
    ("cs", "fortunes-cs", "cs", {"klasik-sk"}, "iso-8859-2"),  # klasik-sk is Slovak
    ("pt", "fortunes-br", ["brasil"], set(), "latin-1"),
    ("zh", "fortunes-zh", ["chinese", "song100", "tang300"], set(), "gb18030"),
    ("bg", "fortunes-bg", "bg", set(), "cp1251"),
]

ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
CTRL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]")
# only ASCII white space is collapsed: no-break spaces (U+00A0, U+202F) are kept as they are
WS_RE = re.compile(r"[ \t\n\r\f\v]+")
# sentence ends: Latin/Cyrillic punctuation followed by white space, or CJK full stops
SENT_SPLIT_RE = re.compile(r"(?<=[.!?…])\s+(?=\S)|(?<=[。！？])")


def whatwg_1252_tables():
    """Byte -> char table of the WHATWG 'windows-1252' decoder, and its inverse."""
    dec = {}
    for b in range(256):
        try:
            dec[b] = bytes([b]).decode("cp1252")
        except UnicodeDecodeError:
            dec[b] = chr(b)  # 0x81 0x8D 0x8F 0x90 0x9D -> C1 control of the same value
    return dec, {c: b for b, c in dec.items()}


_DEC1252, ENC1252 = whatwg_1252_tables()
_ENC1251 = {}
for _b in range(256):
    try:
        _ENC1251[bytes([_b]).decode("cp1251")] = _b
    except UnicodeDecodeError:
        pass


# Lead bytes after which a single hidden 2-byte sequence is taken as damage:
# Â Ã Å Î Ï Ð Ñ (Latin-1 supplement, Latin Extended-A, Greek, Cyrillic).  Other
# leads occur in correct text: Czech "Úžasný" is DA 9E, German "ß“" is DF 93.
_STRONG_LEADS = {0xC2, 0xC3, 0xC5, 0xCE, 0xCF, 0xD0, 0xD1}


def _hidden_utf8(byte_of, text):
    """Return (longest run of consecutive hidden multi-byte UTF-8 sequences,
    number of 'strong' single sequences) found when each char of text is mapped
    back to one byte by byte_of (chars without a byte break runs)."""
    bs = [byte_of.get(c) for c in text]
    best = run = strong = 0
    i = 0
    while i < len(bs):
        b = bs[i]
        n = 0
        if b is not None:
            if 0xC2 <= b <= 0xDF:
                n = 1
            elif 0xE0 <= b <= 0xEF:
                n = 2
            elif 0xF0 <= b <= 0xF4:
                n = 3
        seq = bs[i + 1:i + 1 + n]
        if n and len(seq) == n and all(x is not None and 0x80 <= x <= 0xBF for x in seq):
            try:
                bytes(bs[i:i + 1 + n]).decode("utf-8")
                run += 1
                best = max(best, run)
                if n >= 2 or b in _STRONG_LEADS:
                    strong += 1
                i += 1 + n
                continue
            except UnicodeDecodeError:
                pass
        run = 0
        i += 1
    return best, strong


_LATIN_BYTES = dict(ENC1252)
_LATIN_BYTES.update({chr(b): b for b in range(0x80, 0xA0)})  # Latin-1 C1 controls


def looks_like_mojibake(text):
    """Source hygiene only (not the PL101 algorithm): True if the text already
    holds UTF-8 read as windows-1252/Latin-1 (two hidden sequences in a row, or
    one with a typical lead such as Ã or Â, or one 3-/4-byte sequence), or read
    as windows-1251 (three in a row: single ones occur in correct Cyrillic text,
    e.g. 'Р»' is D0 BB)."""
    run, strong = _hidden_utf8(_LATIN_BYTES, text)
    if run >= 2 or strong >= 1:
        return True
    if re.search(r"[a-zà-ÿ][ÃÂ] [a-zà-ÿ]", text):  # 'CarrÃ mba': A0 of à lost as a space
        return True
    return _hidden_utf8(_ENC1251, text)[0] >= 3


def letter_ratio(text):
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    return sum(1 for c in chars if unicodedata.category(c).startswith("L")) / len(chars)


def is_noise(text):
    """Line noise such as 'futur}ìÚ{Ö¤r²®«  NO CARRIER' (modem jokes)."""
    keep = set("°€£¥©®™§¶")
    syms = sum(1 for c in text if c not in keep
               and unicodedata.category(c) in ("So", "Sc", "Sk", "Sm", "No", "Co", "Cn"))
    return syms >= 3 or "NO CARRIER" in text


def clean(text):
    return WS_RE.sub(" ", text).strip()


def fortune_files(spec):
    folder, skip = spec[2], spec[3]
    if isinstance(folder, list):
        paths = [FORTUNES / f for f in folder]
    else:
        paths = [p for p in (FORTUNES / folder).iterdir()
                 if p.is_file() and not p.is_symlink()
                 and not p.name.endswith((".dat", ".u8")) and p.name not in skip]
    return sorted(paths)


def read_fortune_file(path, legacy, stats):
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
        stats["files utf-8"] += 1
    except UnicodeDecodeError:
        stats["files legacy " + legacy] += 1
        text = None
    chunks = re.split(rb"\r?\n%\r?\n", raw) if text is None else re.split(r"\r?\n%\r?\n", text)
    for chunk in chunks:
        if text is None:  # decode each fortune on its own; drop what does not convert cleanly
            try:
                chunk = chunk.decode(legacy)
            except UnicodeDecodeError:
                stats["fortunes dropped: legacy decode failed"] += 1
                continue
        yield chunk


def repair_line(line):
    """Undo UTF-8-read-as-windows-1252 on one line, also when the no-break space
    of a sequence such as 'Ã\u00a0' (à) was turned into a plain space."""
    for cand in (line, line.replace("Ã ", "Ã\u00a0")):
        try:
            fixed = bytes(_LATIN_BYTES[c] if ord(c) > 127 else ord(c) for c in cand).decode("utf-8")
        except (KeyError, UnicodeDecodeError):
            continue
        if fixed != line and not looks_like_mojibake(fixed) and "\u00a0" not in fixed:
            return fixed
    return None


def fortune_candidates(spec, stats, dropped_files, ascii_out, real_damage):
    pkg = spec[1]
    out = {}
    for path in fortune_files(spec):
        rel = path.relative_to(FORTUNES).as_posix()
        for fortune in read_fortune_file(path, spec[4], stats):
            fortune = ANSI_RE.sub("", fortune.replace("\r", ""))
            fortune = fortune.strip("%\n")
            if not fortune.strip():
                continue
            stats["fortunes"] += 1
            if CTRL_RE.search(fortune):
                stats["fortunes dropped: control characters"] += 1
                dropped_files[rel]["control"] += 1
                continue
            if looks_like_mojibake(fortune):
                stats["fortunes dropped: mojibake in the source"] += 1
                dropped_files[rel]["mojibake"] += 1
                for line in fortune.split("\n"):
                    line = clean(line)
                    if looks_like_mojibake(line) and letter_ratio(line) >= 0.6:
                        fixed = repair_line(line)
                        if fixed:
                            real_damage.append((f"{pkg}:{rel}", line, fixed))
                continue
            whole = clean(fortune)
            pieces = [whole] if len(whole) <= MAX_LEN else [
                clean(s) for s in SENT_SPLIT_RE.split(whole)]
            for piece in pieces:
                if not (MIN_LEN <= len(piece) <= MAX_LEN):
                    continue
                if letter_ratio(piece) < 0.6 or is_noise(piece):
                    continue
                if all(ord(c) < 128 for c in piece):
                    ascii_out.setdefault(piece, f"{pkg}:{rel}")
                    continue
                out.setdefault(piece, f"{pkg}:{rel}")
    return out


# --------------------------------------------------------------------------
# CLDR via babel
# --------------------------------------------------------------------------

CLDR_LOCALES = [
    ("nl", "nl"), ("de", "de"), ("fr", "fr"), ("es", "es"), ("pt", "pt"), ("pt", "pt_PT"),
    ("is", "is"), ("pl", "pl"), ("cs", "cs"), ("tr", "tr"), ("el", "el"), ("ru", "ru"),
    ("bg", "bg"), ("zh", "zh"), ("zh", "zh_Hant"), ("ja", "ja"), ("ar", "ar"), ("ar", "ar_EG"),
    ("it", "it"),
]
# (territory, language) pairs for "<territory name> — <language name>" lines
PAIRS = [("NL", "nl"), ("BE", "nl"), ("DE", "de"), ("AT", "de"), ("CH", "de"), ("FR", "fr"),
         ("CI", "fr"), ("ES", "es"), ("MX", "es"), ("PT", "pt"), ("BR", "pt"), ("ST", "pt"),
         ("IS", "is"), ("PL", "pl"), ("CZ", "cs"), ("TR", "tr"), ("GR", "el"), ("CY", "el"),
         ("RU", "ru"), ("BG", "bg"), ("CN", "zh"), ("TW", "zh"), ("JP", "ja"), ("EG", "ar"),
         ("MA", "ar"), ("IT", "it"), ("IR", "fa"), ("DK", "da"), ("NO", "nb"), ("SE", "sv"),
         ("FI", "fi"), ("HU", "hu"), ("RO", "ro"), ("VN", "vi"), ("RE", "fr"), ("CW", "pap"),
         ("AX", "sv"), ("FO", "fo"), ("KR", "ko"), ("IL", "he")]
ZONES = ["Europe/Amsterdam", "Europe/Lisbon", "America/Sao_Paulo", "Europe/Athens",
         "Asia/Tokyo", "Africa/Cairo", "Atlantic/Reykjavik", "Europe/Istanbul"]
UNITS = ["temperature-celsius", "speed-kilometer-per-hour", "mass-kilogram", "duration-hour",
         "length-kilometer", "volume-liter", "area-square-meter", "angle-degree"]


def cldr_dates():
    out = []
    for i in range(16):
        d = datetime.datetime(1998 + i * 2, 1 + (i * 5) % 12, 1 + (i * 11) % 28,
                              (i * 7) % 24, (i * 13) % 60, tzinfo=datetime.timezone.utc)
        out.append(d)
    return out


def cldr_candidates(lang, code):
    loc = Locale.parse(code)
    src = f"cldr:{code}"
    out = []  # (text, source)

    def add(text, what):
        text = clean(text)
        if text and len(text) <= MAX_LEN:
            out.append((text, f"{src}:{what}"))

    for ctx in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            add(", ".join(loc.months[ctx][width][m] for m in range(1, 13)), f"months/{ctx}/{width}")
            add(", ".join(loc.days[ctx][width][d] for d in range(7)), f"days/{ctx}/{width}")
    for terr, lng in PAIRS:
        t, l = loc.territories.get(terr), loc.languages.get(lng)
        if t and l:
            add(f"{t} — {l}", f"territory-language/{terr}-{lng}")
    langs = ["nl", "de", "fr", "es", "pt", "is", "pl", "cs", "tr", "el", "ru", "bg", "zh", "ja", "ar", "it"]
    terrs = ["BE", "AT", "CH", "CI", "MX", "BR", "ST", "IS", "CZ", "TR", "GR", "CY", "EG", "MA", "RE", "CW"]
    add(lists.format_list([loc.languages[l] for l in langs[:8]], locale=loc), "list/languages")
    add(lists.format_list([loc.languages[l] for l in langs[8:]], locale=loc), "list/languages")
    add(lists.format_list([loc.territories[t] for t in terrs[:8]], locale=loc), "list/territories")
    add(lists.format_list([loc.territories[t] for t in terrs[8:]], locale=loc), "list/territories")
    cur = ["EUR", "USD", "JPY", "GBP", "CHF", "BRL", "PLN", "CZK", "TRY", "RUB", "ISK", "CNY"]
    add(lists.format_list([loc.currencies[c] for c in cur[:6]], locale=loc), "list/currencies")
    add(lists.format_list([loc.currencies[c] for c in cur[6:]], locale=loc), "list/currencies")
    for i, (amount, c) in enumerate([(1234.5, "EUR"), (99.99, "USD"), (1000000, "JPY"),
                                     (12.3, "GBP"), (-4321.09, "CHF"), (0.5, "BRL")]):
        if i % 2 == 0:
            pair = [numbers.format_currency(amount, c, locale=loc),
                    numbers.format_currency(amount * 3, cur[(i + 6) % 12], locale=loc)]
            add(lists.format_list(pair, locale=loc), f"currency/{c}")
    add(lists.format_list([numbers.format_decimal(-1234567.891, locale=loc),
                           numbers.format_percent(0.256, locale=loc),
                           numbers.format_scientific(12345, locale=loc)], locale=loc), "numbers")
    for j in range(0, len(UNITS), 2):
        parts = []
        for u in UNITS[j:j + 2]:
            for length in ("long", "short"):
                try:
                    parts.append(units.format_unit(12.5 + j, u, length=length, locale=loc))
                except Exception:
                    pass
        if parts:
            add(lists.format_list(parts, locale=loc), f"units/{j // 2}")
    for i, dt in enumerate(cldr_dates()):
        kind = i % 5
        if kind == 0:
            add(dates.format_date(dt.date(), "full", locale=loc), "date/full")
        elif kind == 1:
            add(dates.format_date(dt.date(), "long", locale=loc), "date/long")
        elif kind == 2:
            tz = dates.get_timezone(ZONES[i % len(ZONES)])
            add(dates.format_datetime(dt, "full", tzinfo=tz, locale=loc), "datetime/full")
        elif kind == 3:
            add(dates.format_datetime(dt, "long", tzinfo=datetime.timezone.utc, locale=loc),
                "datetime/long")
        else:
            td = datetime.timedelta(hours=(i * 37) % 500 + 2)
            # CLDR's own glue pattern for date + time, with a day-period time ("10:30 in the evening")
            pattern = (loc.datetime_formats["full"].replace("{1}", loc.date_formats["full"].pattern)
                       .replace("{0}", str(loc.datetime_skeletons.get("Bhm", "h:mm B"))))
            add(dates.format_datetime(dt, pattern, tzinfo=datetime.timezone.utc, locale=loc),
                "datetime/full+dayperiod")
            add(dates.format_timedelta(td, add_direction=True, locale=loc), "timedelta")
    seen, uniq = set(), []
    for text, s in out:
        if text not in seen:
            seen.add(text)
            uniq.append((text, s))
    return uniq


# --------------------------------------------------------------------------
# Hand-listed traps and quoted mojibake (our own, small, documented)
# --------------------------------------------------------------------------

NBSP = "\u00a0"
TRAPS = [
    ("mixed", "NESTLÉ®"),
    ("mixed", "LIBÉ’s"),
    ("fr", "LIBÉ’s front page: « À LA UNE »"),
    ("de", "„Das ist Weiß“"),
    ("pt", "SÃO PAULO"),
    ("pt", f"IRMÃ{NBSP}MAIS VELHA"),
    ("pt", "A IRMÃ E O IRMÃO"),
    ("pt", f"AMANHÃ{NBSP}— SÃO JOÃO"),
    ("pt", "MAÇÃ, ROMÃ E LÃ"),
    ("fr", "ÉTÉ » À PARIS"),
    ("fr", f"« L’ÉTÉ{NBSP}» À PARIS"),
    ("fr", f"CAFÉ{NBSP}: 2,50{NBSP}€"),
    ("fr", f"RÉSUMÉ{NBSP}!"),
    ("fr", f"Prix{NBSP}: 12,50{NBSP}€ TTC"),
    ("is", f"FRÉTTIR MEÐ{NBSP}ÞÓRÐI"),
    ("is", "GUÐNI TH. JÓHANNESSON"),
    ("cs", "T. Pratchett: Úžasný Mauric"),
    ("cs", "ÚŽASNÝ MAURIC A JEHO VZDĚLANÍ HLODAVCI"),
    ("de", "Er sagte „Grüß Gott“ und „Weiß“."),
    ("vi", f"Chữ Â{NBSP}(â) là chữ cái thứ ba"),
    ("ro", "ROMÂNIA ÎN UNIUNEA EUROPEANĂ"),
    ("mixed", "± × ÷ € £ ¥ ¢ ° µ ½ ¼ ¾ ≤ ≥ ≠ ∞ √ ∑ π"),
    ("mixed", "x ± 2 µm, 37,5 °C, 10 × 20 = 200"),
    ("mixed", "½ + ¼ = ¾"),
    ("mixed", "“quoted” ‘single’ – — … •"),
    ("mixed", "It’s “fine” — really…"),
    ("mixed", "✅ ♥ 🙂 👍🏽 🇳🇱"),
    ("mixed", "Done ✅ · Love ♥ · OK 👍🏽"),
    ("mixed", "©2019 Ünïcödé™"),
    ("mixed", "Å ø æ"),
    ("da", "Æble, øl og Åbenrå"),
    ("mixed", "Mötley Crüe"),
    ("mixed", "Blue Öyster Cult and Motörhead"),
    ("mixed", "¯\\_(ツ)_/¯"),
    ("mixed", "Hawaiʻi"),
    ("mixed", "naïve coöperation"),
    ("nl", "CONTINUÏTEIT EN ZEEËN"),
    ("de", "GRÜẞE AUS MÜNCHEN"),
    ("de", f"5{NBSP}°C in Zürich"),
    ("tr", "İSTANBUL’DA IŞIK"),
    ("es", "¿QUÉ? ¡ÑANDÚ!"),
    ("es", "Año nuevo: 1.º de enero"),
    ("mixed", "Read more »"),
    ("mixed", "« Bonjour »"),
    ("mixed", "Le Monde · À la une"),
    ("mixed", "Â is a letter in Romanian, Vietnamese and Portuguese"),
    ("mixed", "Ã is a letter in Portuguese and Guarani"),
    ("mixed", "Åsa Öberg"),
    ("mixed", "C’est l’été à Montréal"),
    ("mixed", "Ærø — Œuvres — Ÿ"),
    ("mixed", "Señor Müller’s café — 5 € — ½ price"),
    ("el", "Ελληνικά — «εισαγωγικά»"),
    ("ru", "Русский текст «в кавычках» — тире"),
    ("ru", "ОАО «ТЭР» № 5"),
    ("ja", "日本語のテキスト「引用」"),
    ("zh", "中文文本，“引号”和——破折号"),
    ("ar", "النص العربي «بين قوسين»"),
    ("mixed", "TM™ ® © ℃ ℉ № ℗"),
    ("mixed", "→ ← ↑ ↓ ⇒"),
    ("mixed", "Ω ≈ ∆ ∂ ∫"),
]

QUOTED = [
    ("en", "The string Ã© is what é looks like when UTF-8 is read as Latin-1."),
    ("en", "If you see â€™ instead of an apostrophe, the page was decoded as Windows-1252."),
    ("en", "Mojibake such as â€œ and â€\x9d replaces curly double quotes."),
    ("en", "A stray Â before a no-break space is a classic sign of double decoding."),
    ("en", "ftfy turns ÃƒÂ© back into é by undoing the damage twice."),
    ("en", "The byte sequence C3 A9 shows up as Ã© in a Latin-1 terminal."),
    ("en", "Search your database for 'Ã¨' and 'Ã¼' to find broken rows."),
    ("de", "Statt „ä“ steht dort „Ã¤“ – ein typischer Kodierungsfehler."),
    ("fr", "Au lieu de « é », le site affiche « Ã© » : c’est du mojibake."),
    ("nl", "Als je „financiÃ«le” ziet in plaats van „financiële”, is de tekenset fout."),
    ("es", "Si ves «Ã±» en vez de «ñ», el archivo UTF-8 se leyó como Latin-1."),
    ("pt", "Quando aparece «Ã§Ã£o» em vez de «ção», o texto foi mal decodificado."),
    ("ru", "Вместо «Привет» в письме было «РџСЂРёРІРµС‚» — это UTF-8, прочитанный как CP1251."),
    ("en", "The emoji 🙂 becomes ðŸ™‚ when its four bytes are shown as Windows-1252."),
]


def write_tsv(path, rows, ncols):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            assert len(row) == ncols, row
            for field in row:
                assert field and not re.search(r"[\t\n\r]", field), row
            f.write("\t".join(row) + "\n")


def main():
    rng_base = SEED
    stats = collections.Counter()
    dropped_files = collections.defaultdict(collections.Counter)
    rows = []  # (lang, source, text)
    per_lang_pool = {}
    real_damage = []
    for spec in FORTUNE_SOURCES:
        lang = spec[0]
        lstats = collections.Counter()
        ascii_cands = {}
        cands = fortune_candidates(spec, lstats, dropped_files, ascii_cands, real_damage)
        per_lang_pool[lang] = cands
        stats.update({f"{lang}: {k}": v for k, v in lstats.items()})
        stats[f"{lang}: candidate sentences"] = len(cands)
        keys = sorted(cands)
        rng = random.Random(f"{rng_base}:fortunes:{lang}")
        pick = rng.sample(keys, min(PER_LANG_FORTUNES, len(keys)))
        # plus the hardest correct text: sentences that hide a valid UTF-8 pair when read
        # back as windows-1252 (Czech 'Úžasný' = DA 9E), up to 10 per language
        hard = [t for t in keys if t not in pick and _hidden_utf8(_LATIN_BYTES, t)[0] >= 1]
        stats[f"{lang}: hard sentences (hidden UTF-8 pair) added"] = min(10, len(hard))
        pick = pick + hard[:10]
        for text in sorted(pick):
            rows.append((lang, cands[text], text))
        # a language whose fortunes are (almost) all ASCII (Italian writes e' for è):
        # top up with a few ASCII fortunes so that the source is still represented
        if len(pick) < 30:
            akeys = sorted(ascii_cands)
            stats[f"{lang}: ASCII-only candidate sentences"] = len(akeys)
            for text in sorted(rng.sample(akeys, min(30 - len(pick), len(akeys)))):
                rows.append((lang, ascii_cands[text], text))

    for lang, code in CLDR_LOCALES:
        cands = cldr_candidates(lang, code)
        non_ascii = [c for c in cands if any(ord(ch) > 127 for ch in c[0])]
        ascii_only = [c for c in cands if c not in non_ascii]
        rng = random.Random(f"{rng_base}:cldr:{code}")
        if len(non_ascii) > PER_LOCALE_CLDR_MAX:
            non_ascii = rng.sample(non_ascii, PER_LOCALE_CLDR_MAX)
        pick = non_ascii + ascii_only[:max(0, 30 - len(non_ascii))]
        for text, src in sorted(pick, key=lambda c: c[1] + "\0" + c[0]):
            if looks_like_mojibake(text):
                stats[f"cldr {code}: dropped, looks like mojibake"] += 1
                continue
            rows.append((lang, src, text))

    # upper-case variants (headlines): a few per language, with Portuguese ã + space first
    existing = {r[2] for r in rows}
    for lang in ("pt", "fr", "de", "nl"):
        mine = [r for r in rows if r[0] == lang and ":upper" not in r[1]]
        rng = random.Random(f"{rng_base}:upper:{lang}")
        chosen = []
        if lang == "pt":
            # Portuguese words ending in ã (irmã, amanhã, maçã): upper case gives 'Ã ' — correct
            # text that looks like the start of 'Ã\u00a0' (à damaged); taken from the whole pool
            pool = sorted((t, src) for t, src in per_lang_pool["pt"].items()
                          if re.search(r"[ãâ][ \u00a0]", t) and len(t) <= 200)
            chosen = [("pt", src, t) for t, src in rng.sample(pool, min(8, len(pool)))]
            chosen += [r for r in mine if re.search(r"[ãâ][ \u00a0]", r[2])]
        rest = [r for r in mine if r not in chosen]
        chosen += rng.sample(rest, min(10, len(rest)))
        for lang_, src, text in sorted(chosen):
            up = text.upper()
            if up != text and up not in existing and len(up) <= MAX_LEN:
                existing.add(up)
                rows.append((lang_, src + ":upper", up))

    # drop exact duplicates, keep first
    seen, final = set(), []
    for r in rows:
        if r[2] not in seen:
            seen.add(r[2])
            final.append(r)
    write_tsv(OUT / "correct.tsv", final, 3)

    write_tsv(OUT / "traps.tsv", [(l, "postlint-traps", t) for l, t in TRAPS], 3)
    write_tsv(OUT / "quoted.tsv", [(l, "postlint-quoted", t) for l, t in QUOTED], 3)

    # GBK bytes read as Latin-1, from fortunes-zh sentences
    zh = sorted(t for t in per_lang_pool["zh"] if 8 <= len(t) <= 80)
    rng = random.Random(f"{rng_base}:gbk")
    rng.shuffle(zh)
    gbk_rows = []
    for t in zh:
        try:
            garbled = t.encode("gbk").decode("latin-1")
        except UnicodeEncodeError:
            stats["gbk: sentence not encodable in GBK, skipped"] += 1
            continue
        if re.search(r"[\t\n\r]", garbled):
            continue
        gbk_rows.append((t, garbled))
        if len(gbk_rows) == 60:
            break
    write_tsv(OUT / "gbk_as_latin1.tsv", sorted(gbk_rows), 2)
    write_tsv(OUT / "real_damage.tsv", real_damage, 3)

    counts = collections.Counter(r[0] for r in final)
    print(f"babel {babel.__version__}, CLDR {babel.core.get_cldr_version()}")
    print("correct.tsv rows:", len(final))
    for lang in sorted(counts):
        fort = sum(1 for r in final if r[0] == lang and r[1].startswith("fortunes"))
        up = sum(1 for r in final if r[0] == lang and r[1].endswith(":upper"))
        print(f"  {lang}: {counts[lang]} (fortunes {fort}, upper-case {up})")
    print("traps.tsv rows:", len(TRAPS), " quoted.tsv rows:", len(QUOTED),
          " gbk_as_latin1.tsv rows:", len(gbk_rows), " real_damage.tsv rows:", len(real_damage))
    for k in sorted(stats):
        print(f"  {k}: {stats[k]}")
    print("fortune files with dropped fortunes:")
    for f in sorted(dropped_files):
        print(f"  {f}: {dict(dropped_files[f])}")


if __name__ == "__main__":
    sys.exit(main())
