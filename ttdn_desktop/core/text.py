"""Vietnamese text: normalisation, sort order, accent folding and number display."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

# C0/C1 control characters other than tab and newline, lone surrogates and the non-characters
# U+FFFE/U+FFFF break XML (docx, xlsx) and mean nothing in a report.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean_text(text: str) -> str:
    """What every piece of text becomes on its way in: NFC, \\n line ends, no control chars."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return nfc(_CONTROL.sub("", text))


_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


def trim_text(text: str) -> str:
    """Blank lines at either end and trailing white space dropped; the indent a paragraph
    starts with is the writer's and stays."""
    return _LEADING_BLANK_LINES.sub("", text.rstrip())


def clean_line(text: str) -> str:
    """A one-line value (a name, a code): cleaned, inner white space folded."""
    return " ".join(clean_text(text).split())


# --- Untrusted text in messages -------------------------------------------------------------
# Characters that would hide or reorder what a message says: controls (also tab and newline,
# since a message is one line), bidi embeddings/overrides/isolates (U+202E turns "gpj.exe"
# round), zero-width and byte-order marks, and surrogates Python lets through from JSON.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e"
                         "\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]")
SHOWN_LIMIT = 80


def shown(text, limit: int = SHOWN_LIMIT) -> str:
    """Text from a file as a message may repeat it: invisible and direction-changing
    characters written as \\u202e, and cut to at most `limit` characters and "…"."""
    text = str(text)
    pieces, length = [], 0
    for char in text[:limit + 1]:
        if _UNSHOWABLE.match(char):
            code = ord(char)
            char = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
        if length + len(char) > limit:
            return "".join(pieces) + "…"
        pieces.append(char)
        length += len(char)
    return "".join(pieces)


# --- Names and codes ---------------------------------------------------------------------
# Refused in an agency's name or code rather than dropped: a name is shown in lists, reports
# and messages, and one of these would reorder or hide what it says («Sở \u202eụv iạoGN»
# shows as «Sở Ngoại vụ»). Tab and line breaks are white space, folded by clean_line.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200d\u2028\u2029\u2060-\u2065\u206a-\u206f"
                        "\ufeff\ufff9-\ufffb]")
_CONTROL_IN_NAME = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"
                              "\ufffe\uffff]")


def hidden_character(text: str) -> str | None:
    """Why `text` cannot be a name or a code: its first control, direction-changing or invisible
    character, named by kind, code point and position (counted from 1). None if it has none."""
    found = [(m.start(), kind) for pattern, kind in (
        (_BIDI, "ký tự đổi chiều chữ"), (_CONTROL_IN_NAME, "ký tự điều khiển"),
        (_INVISIBLE, "ký tự ẩn (không hiện ra)")) for m in [pattern.search(text)] if m]
    if not found:
        return None
    position, kind = min(found)
    return f"có {kind} U+{ord(text[position]):04X} ở vị trí thứ {position + 1}"


# --- Sort order -------------------------------------------------------------------------
# Vietnamese letters come in this order; ă, â, đ, ê, ô, ơ, ư are letters of their own.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {letter: i + 1 for i, letter in enumerate(_ALPHABET)}
# Tones only break ties: none < huyền < hỏi < ngã < sắc < nặng.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


def _split_letter(char: str) -> tuple[str, int]:
    """One precomposed character -> (its Vietnamese letter, its tone rank)."""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    tone = 0
    letter_marks = ""
    for mark in marks:
        if mark in _TONE_RANK:
            tone = _TONE_RANK[mark]
        elif mark in _LETTER_MARKS:
            letter_marks += mark
    letter = unicodedata.normalize("NFC", base + letter_marks)
    return letter, tone


def vn_sort_key(text: str) -> tuple:
    """A key that sorts names as a Vietnamese reader expects ("Đà Nẵng" after every "D…")."""
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    cases: list[int] = []
    for char in nfc(text):
        lower = char.lower()
        letter, tone = _split_letter(lower)
        rank = _LETTER_RANK.get(letter)
        if rank is not None:
            primary.append((1, rank))
        elif char.isspace():
            primary.append((0, 0))
        else:
            primary.append((2, ord(letter)))
        tones.append(tone)
        cases.append(0 if char == lower else 1)
    return (tuple(primary), tuple(tones), tuple(cases))


# --- Folding ------------------------------------------------------------------------------
def fold(text: str) -> str:
    """Lower case without accents, đ -> d: for matching and accent-insensitive search."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --- Search ---------------------------------------------------------------------------------
# The one rule of every search (Ctrl+F, the secretariat's search, the dashboard filter, `ttdn
# search`): a word typed without accents ignores them ("ban" finds "bản", "bán", and "d" finds
# "đ"); a word typed with any accent matches the accents as typed ("bản" finds "bản" only).
# Case never matters. The rule is per word: "Đà Nang" finds "Đà Nẵng", not "Đa Nẵng".
SEARCH_RULE = ("Gõ không dấu thì tìm cả chữ có dấu (d tìm cả đ); gõ có dấu thì chỉ tìm đúng "
               "dấu đã gõ.")


def has_marks(word: str) -> bool:
    """Whether a word carries an accent or đ (typed with them, so they must match)."""
    return fold(word) != nfc(word).lower()


def _one_each(text: str, change) -> str:
    """`change` applied to `text`, one character per character, so positions carry over."""
    whole = change(text)
    if len(whole) == len(text):
        return whole
    return "".join(c if len(f := change(c)) != 1 else f for c in text)


def find_text(text: str, query: str, start: int = 0, backward: bool = False
              ) -> tuple[int, int] | None:
    """(start, end) in `text` of the first match of `query` at or after `start` (with
    `backward`, the last one ending at or before `start`), by the rule above; None if none."""
    query = nfc(query)
    if not query:
        return None
    flat, needle = _one_each(text, fold), _one_each(query, fold)
    exact = [(m.start(), m.end()) for m in re.finditer(r"\S+", query) if has_marks(m.group())]
    lower, wanted = (_one_each(text, str.lower), _one_each(query, str.lower)) if exact else ("", "")
    width = len(needle)
    at = flat.rfind(needle, 0, start) if backward else flat.find(needle, start)
    while at >= 0:
        if all(lower[at + a:at + b] == wanted[a:b] for a, b in exact):
            return at, at + width
        at = flat.rfind(needle, 0, at + width - 1) if backward else flat.find(needle, at + 1)
    return None


def file_slug(text: str) -> str:
    """A Vietnamese label as part of a file name every system and mail program keeps intact:
    no diacritics (đ -> d), case kept, words joined by "-" ("6 tháng đầu năm 2021" ->
    "6-thang-dau-nam-2021")."""
    plain = unicodedata.normalize("NFD", nfc(text).replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-")


# --- Numbers ---------------------------------------------------------------------------------
def format_number(value, decimals: int | None = None) -> str:
    """3800 -> "3.800"; 99.691 -> "99,69" (decimals=2); None -> ""."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if decimals is None:
        decimals = 0 if number == number.to_integral_value() else 2
    quantum = Decimal(1).scaleb(-decimals)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = sign + ".".join(groups)
    if decimals and fraction:
        fraction = fraction.rstrip("0") or "0"
        if fraction != "0":
            result += "," + fraction
    return result


PERCENT_DECIMALS = 2


def format_percent(value) -> str:
    """Rates and "So sánh (%)" everywhere (Word, print, Excel): always two decimals, "38,10",
    "100,00", so a column of them lines up and reads the same in every file."""
    if value is None or value == "":
        return ""
    text = format_number(value, PERCENT_DECIMALS)
    whole, _, fraction = text.partition(",")
    return f"{whole},{fraction.ljust(PERCENT_DECIMALS, '0')}"


# ASCII digits only: \\d would take ৪০০০ (Bengali, ৪ looks like 8) as 4000 and 3٨0０ as 3800.
_NUMBER = re.compile(r"^[+-]?([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?$")


def parse_number(text: str):
    """ "3.800" -> 3800, "99,69" -> 99.69, "12" -> 12: ASCII digits, dots grouping thousands,
    a comma before decimals. Raises ValueError whose text is the reason, in Vietnamese."""
    cleaned = clean_line(str(text)).replace(" ", "").replace("\u00a0", "")
    if not _NUMBER.match(cleaned):
        foreign = sorted({c for c in cleaned if c.isdigit() and not "0" <= c <= "9"})
        if foreign:
            raise ValueError(f"«{shown(text, 30)}» có chữ số không phải chữ số thường 0–9 "
                             f"({' '.join(foreign[:5])}); hãy gõ lại bằng chữ số 0–9")
        raise ValueError(f"«{shown(text, 30)}» không phải là số")
    whole, _, fraction = cleaned.partition(",")
    whole = whole.replace(".", "")
    if fraction:
        return float(f"{whole}.{fraction}")
    return int(whole)
