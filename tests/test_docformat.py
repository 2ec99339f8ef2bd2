from datetime import date

import pytest

from tests.helpers import demo_letterhead
from ttdn_desktop.core.docformat import (CELL_PADDING_CM, Letterhead, PARTY_LAYOUT, STATE_LAYOUT,
                                         header_columns, place_date_line, recipient_lines,
                                         split_columns, text_width_cm)
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.printed import annex_note
from ttdn_desktop.core.settings import letterhead_from, letterhead_setting


def check_setting(key: str, value: str) -> str:
    return letterhead_setting(key).check(value)


@pytest.mark.parametrize("day, line", [
    (date(2021, 1, 5), "Quảng Ninh, ngày 05 tháng 01 năm 2021"),
    (date(2021, 2, 28), "Quảng Ninh, ngày 28 tháng 02 năm 2021"),
    (date(2021, 7, 14), "Quảng Ninh, ngày 14 tháng 7 năm 2021"),
    (date(2021, 3, 1), "Quảng Ninh, ngày 01 tháng 3 năm 2021"),
    (date(2021, 12, 9), "Quảng Ninh, ngày 09 tháng 12 năm 2021"),
])
def test_place_date_line_leading_zero_rule(day, line):
    assert place_date_line("Quảng Ninh", day) == line


def test_number_lines_of_each_layout():
    assert STATE_LAYOUT.number_line("05", "BC-UBND") == "Số: 05/BC-UBND"
    assert PARTY_LAYOUT.number_line("127", "BC/BTGTU") == "Số 127-BC/BTGTU"
    # a blank number leaves room for the văn thư
    assert STATE_LAYOUT.number_line("", "BC-UBND").startswith("Số: \u00a0")


def test_annex_note_and_recipients():
    letterhead = demo_letterhead(layout="state", number="05", code="BC-UBND")
    assert annex_note(letterhead, date(2021, 1, 5)) == \
        "(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 01 năm 2021)"
    assert recipient_lines(["Như trên", "- Thường trực Tỉnh ủy;", "Lưu: VT, TTTH."]) == [
        "- Như trên;", "- Thường trực Tỉnh ủy;", "- Lưu: VT, TTTH."]


def test_settings_are_checked_with_vietnamese_reasons():
    assert check_setting("layout", "state") == "state"
    assert check_setting("margin_left", "35,5") == "35.5"
    assert check_setting("margin_left", "") == ""
    assert check_setting("recipients", "A\n\n  B ") == "A\nB"
    for key, value, reason in [("layout", "word", "state"), ("margin_top", "abc", "milimét"),
                               ("margin_top", "200", "từ 5 đến 60"),
                               ("issued_on", "31/02/2021", "Ngày ban hành.*Không có ngày"),
                               ("issued_on", "tháng 7", "15/07/2021"),
                               ("colour", "x", "Không có")]:
        with pytest.raises(TTDNError, match=reason) as raised:
            check_setting(key, value)
        assert key not in raised.value.message or key == "colour"  # labels, never keys


def test_issue_date_typed_as_vietnamese_users_type_it():
    for typed in ("15/07/2021", "15-7-2021", "15/7/21", "15.07.2021", "2021-07-15", " 15 / 7 / 2021"):
        assert check_setting("issued_on", typed) == "2021-07-15", typed


def test_letterhead_from_stored_values_ignores_bad_ones():
    letterhead = letterhead_from({"layout": "state", "margin_top": "nonsense", "place": "Huế",
                                  "other": "x"})
    assert (letterhead.layout, letterhead.place, letterhead.margin_top) == ("state", "Huế", "")


def test_text_width_and_column_split():
    # "Độc lập - Tự do - Hạnh phúc" in 13 pt bold is about 5.6 cm wide in Times New Roman
    assert 5.3 < text_width_cm("Độc lập - Tự do - Hạnh phúc", 13, True) < 5.9
    assert split_columns(6, 8, 16) == (7, 9)  # room to spare: shared out
    # too wide together: the issuing body keeps its width, the place-date line wraps
    assert split_columns(8.3, 9.8, 16.5) == pytest.approx((8.3, 8.2))
    # and the right column never drops under 8 cm
    assert split_columns(9.0, 9.8, 16.5) == pytest.approx((8.5, 8.0))


def test_a_long_issuing_body_wraps_and_the_national_title_stays_on_one_line():
    """«SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH» beside «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM» left
    «NAM» alone on a second line in print and in LibreOffice."""
    letterhead = Letterhead(layout="state", superior_body="UBND TỈNH QUẢNG NINH",
                            issuing_body="SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", place="Quảng Ninh")
    layout = letterhead.layout_rules
    left, right = header_columns(letterhead, date(2026, 11, 24), 16.5)
    national = text_width_cm(layout.national_lines[0], layout.national.size, True)
    assert right >= national + CELL_PADDING_CM + 0.5
    assert left + right <= 16.5 + 1.2 + 1e-6
