"""Legacy Vietnamese encodings in old documents: TCVN3 (ABC, fonts .VnTime, .VnArial…) and
VNI-Windows (fonts VNI-Times…), turned into Unicode NFC.

In a .docx the legacy bytes come through as the Windows-1252 / Latin-1 characters of the same
byte values: "Céng hßa" is TCVN3 for "Cộng hòa", "Coäng hoøa" is VNI. A run's font is the first
sign of which; the content confirms it: the converted text must read as Vietnamese syllables
where the original did not. Text already in Unicode, and text in other languages, is left as it
is. TCVN3's "ư" is byte 0xAD, the soft hyphen, which must reach the converter (never be dropped
as a hyphenation hint).
"""

from __future__ import annotations

import functools
import re
import unicodedata

TCVN3 = "tcvn3"
VNI = "vni"

# TCVN3 (TCVN 5712:1993), bytes 0xA1-0xFF, as glibc's TCVN5712-1 and UniKey's tables give them.
# Byte 0xA1 first. The …H fonts draw these lower-case letters as capitals.
_TCVN3_HIGH = (
    "ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịò"
    "ỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ")
TCVN3_TABLE = {0xA1 + n: char for n, char in enumerate(_TCVN3_HIGH)}
# The capitals with tone marks VN1 puts below 0xA0 (glibc includes them; ABC fonts do not use
# them, but a document converted with the full table may).
TCVN3_TABLE.update({0x01: "Ú", 0x02: "Ụ", 0x04: "Ừ", 0x05: "Ử", 0x06: "Ữ", 0x11: "Ứ", 0x12: "Ự",
                    0x13: "Ỳ", 0x14: "Ỷ", 0x15: "Ỹ", 0x16: "Ý", 0x17: "Ỵ"})
TCVN3_TABLE.update({0x80 + n: char for n, char in enumerate(
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ")})

# VNI-Windows: a base letter, then a mark character. Lower-case marks; upper-case text uses the
# upper-case forms (the same bytes less 0x20).
_TONES = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_CIRCUMFLEX = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_I_TONES = {"": "i", "\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def _vni_table() -> dict[str, str]:
    """VNI sequence -> Unicode letter, for every Vietnamese letter, both cases."""
    table: dict[str, str] = {}

    def add(sequence: str, base: str, marks: str) -> None:
        letter = unicodedata.normalize("NFC", base + marks)
        table[sequence] = letter
        upper = letter.upper()
        if upper != letter:
            table[sequence.upper()] = upper

    for vowel in "aeouy":
        for tone, mark in _TONES.items():
            if vowel == "y" and tone == "\u0323":
                continue  # ỵ is a character of its own
            add(vowel + mark, vowel, tone)
    for vowel in "aeo":
        for tone, mark in _CIRCUMFLEX.items():
            add(vowel + mark, vowel, "\u0302" + tone)
    for tone, mark in _BREVE.items():
        add("a" + mark, "a", "\u0306" + tone)
    for base, single in (("o", "ô"), ("u", "ö")):  # ơ and ư are one character in VNI
        add(single, base, "\u031b")
        for tone, mark in _TONES.items():
            add(single + mark, base, "\u031b" + tone)
    for tone, char in _I_TONES.items():
        if tone:
            add(char, "i", tone)
    add("î", "y", "\u0323")
    add("ñ", "đ", "")
    return table


VNI_TABLE = _vni_table()


# The two long alternations below are compiled when first used (a pasted or imported text),
# not by every start of the window, whose editor imports this module.
@functools.cache
def _vni_pattern() -> re.Pattern:
    return re.compile("|".join(sorted((re.escape(k) for k in VNI_TABLE), key=len, reverse=True)))


def _byte(char: str) -> int | None:
    """The legacy byte a character in a .docx stands for (Windows-1252, else Latin-1)."""
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        code = ord(char)
        return code if code < 0x100 else None


# «ơ» before «ng» or «c» is always «ươ» (hướng, được, dưỡng): TCVN3's «ư» is the soft hyphen,
# which a program that drew the text (LibreOffice printing to PDF) may have left out
_LOST_U = re.compile(r"(?<![ưừứửữựƯỪỨỬỮỰ])([ơờớởỡợ]|[ƠỜỚỞỠỢ])(?=(?:ng|c|NG|C)(?![^\W\d_]))")


def decode_tcvn3(text: str, capitals: bool = False) -> str:
    out = []
    for char in text:
        value = _byte(char)
        out.append(TCVN3_TABLE.get(value, char) if value is not None and
                   (value >= 0x80 or value in TCVN3_TABLE and value < 0x20) else char)
    result = unicodedata.normalize("NFC", "".join(out))
    result = _LOST_U.sub(lambda m: ("Ư" if m.group(1).isupper() else "ư") + m.group(1),
                         result)
    return result.upper() if capitals else result


def decode_vni(text: str) -> str:
    return unicodedata.normalize("NFC",
                                 _vni_pattern().sub(lambda m: VNI_TABLE[m.group(0)], text))


def encoding_of_font(font: str | None) -> tuple[str | None, bool]:
    """(encoding, capitals) a font name suggests: ".VnTimeH" -> (TCVN3, True)."""
    name = (font or "").strip().lower()
    if name.startswith(".vn"):
        return TCVN3, name.endswith("h")
    if name.startswith(("vni-", "vni ")):
        return VNI, False
    return None, False


# --- Does it read as Vietnamese? --------------------------------------------------------------
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# The vowel groups a Vietnamese syllable can have (without tone), longest first.
_NUCLEI = sorted("""a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi
    ơi ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê oai oay oao oeo uây uôi ươi ươu uya uyê uyu iêu yêu
    uơi""".split(), key=len, reverse=True)


@functools.cache
def _syllable() -> re.Pattern:
    return re.compile(r"^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?"
                      r"(" + "|".join(_NUCLEI) + r")(ng|nh|ch|[cmnptiouy])?$")


_WORD = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=1 << 16)
def is_syllable(word: str) -> bool:
    # cached: a Vietnamese text uses a few thousand syllables over and over (a 30-page report
    # spent most of its import time here)
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(decomposed.count(mark) for mark in _TONE_MARKS) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return bool(_syllable().match(base))


def vietnamese_score(text: str) -> float:
    """Share of the words with a non-ASCII letter that are valid Vietnamese syllables."""
    words = [w for w in _WORD.findall(unicodedata.normalize("NFC", text))
             if any(ord(c) > 127 for c in w)]
    if not words:
        return 1.0
    return sum(is_syllable(w) for w in words) / len(words)




def repair_run(text: str, font: str | None) -> str:
    """A run of a document: converted when its font says legacy and the content agrees, or,
    whatever the font, when only a conversion makes it read as Vietnamese."""
    encoding, capitals = encoding_of_font(font)
    if encoding == TCVN3:
        converted = decode_tcvn3(text, capitals)
        # the font is a strong sign: only refuse when the result reads worse than before
        if vietnamese_score(converted) >= vietnamese_score(text):
            return converted
    elif encoding == VNI:
        converted = decode_vni(text)
        if vietnamese_score(converted) >= vietnamese_score(text):
            return converted
    return repair_text(text)


def repair_text(text: str) -> str:
    """Text of unknown origin (pasted): converted only if a legacy reading makes sense of it
    and the text as it is does not. Unicode Vietnamese and other languages come back as they
    were (NFC)."""
    text = unicodedata.normalize("NFC", text)
    score = vietnamese_score(text)
    if all(ord(c) < 128 for c in text) or (score >= 0.5 and not _legacy_signs(text)):
        return text
    # the better reading wins; on a tie the shorter (VNI joins a letter and its mark)
    candidates = sorted(((vietnamese_score(c), -len(c), c) for c in
                         (decode_tcvn3(text), decode_vni(text)) if c != text), reverse=True)
    if candidates and candidates[0][0] >= 0.8 and candidates[0][0] > score:
        return candidates[0][2]
    return text


_VIETNAMESE_MARKS = set(_TONE_MARKS) | {"\u0302", "\u0306", "\u031b"}
_UNICODE_SIGNS = set("«»°·§©±×÷")


def _legacy_signs(text: str) -> bool:
    """Latin-1 letters and signs no Vietnamese text in Unicode has («Ë», «Ö», «¶», «å»):
    legacy bytes, however many of the words they make happen to read as syllables («thùc»
    for «thực»). Text whose font name is lost (a PDF) is told by them."""
    for char in text:
        if not 0xA1 <= ord(char) <= 0xFF or char in _UNICODE_SIGNS:
            continue
        decomposed = unicodedata.normalize("NFD", char.lower())
        if not (decomposed[0].isascii() and decomposed[0].isalpha()
                and set(decomposed[1:]) <= _VIETNAMESE_MARKS):
            return True
    return False


def convert_selection(text: str) -> tuple[str, str | None]:
    """For "repair the selected passage": the better of the two legacy readings, asked for
    explicitly, and which it was; the text unchanged (and None) if neither reads better."""
    best, which = text, None
    for encoding, converted in ((TCVN3, decode_tcvn3(text)), (VNI, decode_vni(text))):
        if converted != text and vietnamese_score(converted) > vietnamese_score(best):
            best, which = converted, encoding
    return best, which
