"""TCVN3 and VNI conversion, against glibc's iconv and UniKey's published VNI-Windows table."""

import subprocess
import unicodedata

import pytest

from ttdn_desktop.core.legacy import (TCVN3_TABLE, VNI_TABLE, convert_selection, decode_tcvn3,
                                      decode_vni, repair_run, repair_text, vietnamese_score)

from .ci_tools import needs

# Bytes checked against iconv: 0x01-0x17 (the capitals VN1 puts there), 0x80-0x9F, 0xA1-0xFF.
TESTED_BYTES = sorted(TCVN3_TABLE)


@needs("iconv")
def test_tcvn3_table_matches_glibc_iconv():
    checked = 0
    for byte in TESTED_BYTES:
        done = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([byte]),
                              capture_output=True)
        assert done.returncode == 0, hex(byte)
        expected = unicodedata.normalize("NFC", done.stdout.decode("utf-8"))
        try:
            as_docx = bytes([byte]).decode("cp1252")  # how Word hands the byte over
        except UnicodeDecodeError:
            as_docx = chr(byte)
        if byte < 0x20:
            as_docx = chr(byte)
        assert decode_tcvn3(as_docx) == expected, (hex(byte), expected)
        checked += 1
    assert checked == 139  # 12 + 32 + 95


# UniKey's VNI-Windows table (unikey/data.cpp, DoubleByteTables[0]): each letter as its base
# character and mark byte, written out here by hand from that table.
_MARKS = {"sắc": (0xF9, 0xD9), "huyền": (0xF8, 0xD8), "hỏi": (0xFB, 0xDB), "ngã": (0xF5, 0xD5),
          "nặng": (0xEF, 0xCF)}
_HAT = {"": (0xE2, 0xC2), "sắc": (0xE1, 0xC1), "huyền": (0xE0, 0xC0), "hỏi": (0xE5, 0xC5),
        "ngã": (0xE3, 0xC3), "nặng": (0xE4, 0xC4)}
_BREVE = {"": (0xEA, 0xCA), "sắc": (0xE9, 0xC9), "huyền": (0xE8, 0xC8), "hỏi": (0xFA, 0xDA),
          "ngã": (0xFC, 0xDC), "nặng": (0xEB, 0xCB)}
_TONE = {"": "", "sắc": "\u0301", "huyền": "\u0300", "hỏi": "\u0309", "ngã": "\u0303",
         "nặng": "\u0323"}


def _published():
    pairs = {}

    def add(lower: str, upper_base: str, lower_base: str, marks: tuple[int, int]):
        pairs[unicodedata.normalize("NFC", lower)] = lower_base + chr(marks[0])
        pairs[unicodedata.normalize("NFC", lower).upper()] = upper_base + chr(marks[1])

    for vowel in "aeouy":
        for name, marks in _MARKS.items():
            if not (vowel == "y" and name == "nặng"):
                add(vowel + _TONE[name], vowel.upper(), vowel, marks)
    for vowel in "aeo":
        for name, marks in _HAT.items():
            add(vowel + "\u0302" + _TONE[name], vowel.upper(), vowel, marks)
    for name, marks in _BREVE.items():
        add("a\u0306" + _TONE[name], "A", "a", marks)
    for vowel, single in (("o", (0xF4, 0xD4)), ("u", (0xF6, 0xD6))):
        pairs["ơ" if vowel == "o" else "ư"] = chr(single[0])
        pairs["Ơ" if vowel == "o" else "Ư"] = chr(single[1])
        for name, marks in _MARKS.items():
            add(vowel + "\u031b" + _TONE[name], chr(single[1]), chr(single[0]), marks)
    for name, codes in (("sắc", (0xED, 0xCD)), ("huyền", (0xEC, 0xCC)), ("hỏi", (0xE6, 0xC6)),
                        ("ngã", (0xF3, 0xD3)), ("nặng", (0xF2, 0xD2))):
        letter = unicodedata.normalize("NFC", "i" + _TONE[name])
        pairs[letter], pairs[letter.upper()] = chr(codes[0]), chr(codes[1])
    pairs["ỵ"], pairs["Ỵ"], pairs["đ"], pairs["Đ"] = "\xee", "\xce", "\xf1", "\xd1"
    return pairs


def test_vni_table_matches_unikey():
    published = _published()
    assert len(published) == 134  # every Vietnamese letter with a mark, both cases
    for letter, sequence in published.items():
        assert decode_vni(sequence) == letter, (letter, sequence)
    assert {VNI_TABLE[s] for s in VNI_TABLE} == set(published)


def test_the_domain_examples():
    assert decode_tcvn3("Céng hßa x· héi chñ nghÜa ViÖt Nam") == \
        "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert decode_vni("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == \
        "Cộng hòa xã hội chủ nghĩa Việt Nam"


def test_soft_hyphen_is_tcvn3_u_horn_and_capital_fonts():
    assert repair_run("tr\u00adêng häc", ".VnTime") == "trường học"
    assert repair_run("c«ng t¸c", ".VnTimeH") == "CÔNG TÁC"
    assert repair_run("Coâng taùc", "VNI-Times") == "Công tác"


@pytest.mark.parametrize("text", [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",   # already Unicode
    "Café, crème brûlée, naïve façade",      # French
    "Straße in München, Zürich",             # German
    "中华人民共和国 and 日本語",              # Chinese, Japanese
    "3.800 bản (~ 12%)",                     # numbers and signs
])
def test_unicode_and_other_languages_are_never_touched(text):
    assert repair_text(text) == text
    assert repair_run(text, "Times New Roman") == text
    assert repair_run(text, "Arial") == text


def test_content_tells_legacy_text_in_an_ordinary_font():
    assert repair_run("Céng hßa x· héi chñ nghÜa ViÖt Nam", "Times New Roman") == \
        "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert repair_text("Coäng hoøa xaõ hoäi") == "Cộng hòa xã hội"


def test_decomposed_unicode_becomes_nfc():
    assert repair_text("Vie\u0323\u0302t Nam") == "Việt Nam"


def test_selected_passage_conversion_says_which():
    assert convert_selection("Céng hßa") == ("Cộng hòa", "tcvn3")
    assert convert_selection("Coäng hoøa") == ("Cộng hòa", "vni")
    assert convert_selection("Cộng hòa") == ("Cộng hòa", None)


def test_vietnamese_score():
    assert vietnamese_score("Công tác thông tin đối ngoại") == 1.0
    assert vietnamese_score("Céng hßa x· héi chñ nghÜa ViÖt Nam") < 0.5


def test_tcvn3_text_of_a_pdf_without_its_font_name_is_repaired():
    """A PDF keeps no «.VnTime» when the font was substituted (LibreOffice) and drops TCVN3's
    «ư» (the soft hyphen) when drawing: Latin-1 letters no Vietnamese text has («Ë», «Ö»,
    «¶») tell legacy bytes even where some words read as syllables («thùc»), and «ơ» before
    «ng»/«c» is «ươ»."""
    assert repair_text("ii. kÕt qu¶ thùc hiÖn") == "ii. kết quả thực hiện"
    assert repair_text("Më 2 líp tËp huÊn nghiÖp vô th«ng tin ®èi ngo¹i cho c¸n bé cÊp huyÖn.") \
        == "Mở 2 lớp tập huấn nghiệp vụ thông tin đối ngoại cho cán bộ cấp huyện."
    assert repair_text("Së ban hµnh híng dÉn c«ng t¸c") == "Sở ban hành hướng dẫn công tác"
    assert decode_tcvn3("båi dìng, ®îc") == "bồi dưỡng, được"
    # Unicode Vietnamese and other languages stay as they are
    for text in ("Tiếp đoàn «Hữu nghị» của Đức, ông Müller.", "Ärger über Öl", "Hướng dẫn"):
        assert repair_text(text) == text
