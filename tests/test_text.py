import pytest

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.text import (clean_line, clean_text, file_slug, find_text, fold,
                                    format_number, nfc, parse_number, shown, vn_sort_key)


def vn_sorted(items):  # only the tests sort a list with the key alone
    return sorted(items, key=vn_sort_key)


def test_decomposed_text_becomes_nfc():
    decomposed = "Vie\u0323\u0302t Nam"  # combining marks, as pasted from some sources
    assert clean_text(decomposed) == "Việt Nam"
    assert clean_text(decomposed) == nfc("Việt Nam")


def test_clean_text_drops_control_characters_and_normalises_line_ends():
    assert clean_text("a\x00b\x0bc\r\nd\re\tf") == "abc\nd\ne\tf"
    assert clean_line("  Sở   Ngoại\nvụ ") == "Sở Ngoại vụ"


def test_vietnamese_sort_order_puts_dd_after_every_d():
    names = ["Đà Nẵng", "Dương Kinh", "Da Lat", "Điện Biên", "Đông Triều", "Bình Liêu", "An Giang",
             "Ân Thi", "Ăn Uống", "Yên Bái"]
    assert vn_sorted(names) == ["An Giang", "Ăn Uống", "Ân Thi", "Bình Liêu", "Da Lat",
                                "Dương Kinh", "Đà Nẵng", "Điện Biên", "Đông Triều", "Yên Bái"]


def test_vowel_letters_and_tones_order():
    # o < ô < ơ as letters; tones only break ties: none < huyền < hỏi < ngã < sắc < nặng
    assert vn_sorted(["ơ", "ô", "o"]) == ["o", "ô", "ơ"]
    assert vn_sorted(["ư", "u"]) == ["u", "ư"]
    assert vn_sorted(["mạ", "má", "mã", "mả", "mà", "ma"]) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    # a letter difference outweighs a tone difference
    assert vn_sorted(["ăn", "án"]) == ["án", "ăn"]


def test_fold_removes_accents_and_dd():
    assert fold("Đấu tranh, PHẢN BÁC") == "dau tranh, phan bac"


TEXT = "Bản tin đối ngoại; bán tín chỉ; Đà Nẵng, Đa Phúc 😀 ban tin"


@pytest.mark.parametrize("query, found", [
    # without accents: accents ignored, d finds đ, case never matters
    ("ban tin", "Bản tin"), ("DOI NGOAI", "đối ngoại"), ("da nang", "Đà Nẵng"),
    # with accents: they must match as typed
    ("bản tin", "Bản tin"), ("bán", "bán"), ("ĐỐI", "đối"), ("tín", "tín"),
    # per word: a word without accents ignores them even beside one with them
    ("Đà Nang", "Đà Nẵng"), ("đa phuc", "Đa Phúc"),
    ("bàn", None), ("đà phúc", None), ("bạn", None),
])
def test_one_search_rule_accents_typed_must_match_untyped_are_ignored(query, found):
    at = find_text(TEXT, query)
    assert (TEXT[at[0]:at[1]] if at else None) == found


def test_find_text_goes_both_ways_and_keeps_positions_past_wide_characters():
    first, last = find_text(TEXT, "ban tin"), find_text(TEXT, "ban tin", len(TEXT), backward=True)
    assert first == (0, 7) and TEXT[last[0]:last[1]] == "ban tin" and last[0] > first[0]
    after = find_text(TEXT, "ban tin", first[1])  # after the first, the next one
    assert TEXT[after[0]:after[1]] == "bán tín"
    assert find_text(TEXT, "bản tin", first[1]) is None
    assert find_text(TEXT, "") is None


@pytest.mark.parametrize("value, decimals, text", [
    (3800, None, "3.800"), (9000, 0, "9.000"), (1234567, None, "1.234.567"), (0, None, "0"),
    (99.691, 2, "99,69"), (99.5, None, "99,5"), (100.0, None, "100"), (None, None, ""),
    (-1500, None, "-1.500"),
])
def test_format_number_vietnamese(value, decimals, text):
    assert format_number(value, decimals) == text


@pytest.mark.parametrize("text, value", [("3.800", 3800), ("12", 12), ("99,69", 99.69),
                                         (" 2.800 ", 2800)])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["3,800.5", "abc", "1.23", "", "12a"])
def test_parse_number_rejects(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("text, digits", [("৪০০০", "০ ৪"), ("3٨0０", "٨ ０"), ("١٢", "١ ٢")])
def test_parse_number_takes_ascii_digits_only(text, digits):
    with pytest.raises(ValueError, match=f"không phải chữ số thường 0–9 \\({digits}\\)"):
        parse_number(text)


def test_shown_escapes_what_would_hide_or_reorder_and_cuts():
    assert shown("Báo cáo") == "Báo cáo"
    assert shown("a\u202eexe.txt") == "a\\u202eexe.txt"
    assert shown("x\ud800y\u2066z\x00\n") == "x\\ud800y\\u2066z\\x00\\x0a"
    assert shown("x" * 100_000) == "x" * 80 + "…"
    assert len(shown("\u202e" * 1000, 40)) <= 41


def test_a_label_becomes_a_file_name_of_plain_words():
    assert file_slug(Period.parse("2021-H1").phrase) == "6-thang-dau-nam-2021"
    assert file_slug(Period.parse("2026-Y").phrase) == "nam-2026"
    assert file_slug(Period.parse("2021-Q3").phrase) == "quy-III-nam-2021"
    assert file_slug("Đặc khu Vân Đồn / Cô Tô: ưu tiên") == "Dac-khu-Van-Don-Co-To-uu-tien"
    assert file_slug("Vie\u0323\u0302t Nam") == "Viet-Nam"  # decomposed, as macOS hands it
