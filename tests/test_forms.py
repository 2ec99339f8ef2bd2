import shutil

import pytest

from ttdn_desktop.core.errors import FormError, TTDNError
from ttdn_desktop.core.forms import TOTAL, FormLibrary, load_form
from ttdn_desktop.core.periods import Period

from .conftest import FORMS_DIR

DEFAULT = FORMS_DIR / "ttdn-dinh-ky-v1.toml"


def test_default_form_has_the_outline_of_the_domain_brief(form):
    headings = [s.numbered_heading for s in form.sections if s.level == 1]
    assert headings[:5] == ["I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "II. KẾT QUẢ THỰC HIỆN",
                            "III. ĐÁNH GIÁ CHUNG", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ",
                            "V. ĐỀ XUẤT, KIẾN NGHỊ"]
    assert len(form.children("ket_qua")) == 9
    assert [s.number for s in form.children("danh_gia")] == ["1", "2", "3"]
    assert any(s.kind == "statistics" for s in form.sections)
    assert form.report_title(Period.parse("2021-H1")) == (
        "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2021, phương hướng, nhiệm vụ "
        "6 tháng cuối năm 2021")


def test_default_indicators_with_breakdowns_and_a_rate(form):
    copies = form.indicator("ban_an_pham")
    assert copies.unit == "bản" and copies.breakdown_adds_up
    assert [m.id for m in copies.breakdown.members][:5] == ["vi", "en", "zh", "ja", "ko"]
    assert copies.keys[0] == ("ban_an_pham", TOTAL)
    rate = form.indicator("ty_le_bcv_ttdn")
    assert rate.kind == "rate" and rate.aggregate == "ratio"
    assert form.indicator("hoi_nghi_bcv").kind == "count"


def _write(tmp_path, text, name="form.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_broken_definition_lists_every_mistake_with_file_and_key(tmp_path):
    path = _write(tmp_path, """
[form]
id = "x"
version = 0
name = "Mẫu"
title = "Báo cáo {ky} {khong_co}"

[[sections]]
id = "Phan-1"
number = "1"
heading = "Phần một"
kind = "text"

[[sections]]
id = "con"
parent = "khong_co"
number = "a"
heading = "Con"

[[indicators]]
id = "a"
group = "g"
label = "A"
unit = "cái"
breakdown = "ngon_ngu"

[[indicators]]
id = "a"
group = "g"
label = "Tỷ lệ"
unit = "%"
kind = "rate"
numerator = "khong_co"
denominator = "a"
""")
    with pytest.raises(FormError) as caught:
        load_form(path)
    error = caught.value
    text = error.message
    assert str(path) in text
    for key in ["form.version", "form.title", "sections[0].id", "sections[0].kind",
                "sections[0].number", "sections[1].parent", "indicators[0].group",
                "indicators[0].breakdown", "indicators[1].id", "indicators[1].numerator"]:
        assert f"khóa «{key}»" in text, key
    assert "La Mã" in text  # the level-1 number explained in Vietnamese


def test_toml_syntax_error_names_the_file(tmp_path):
    path = _write(tmp_path, "[form\nid = 1")
    with pytest.raises(FormError, match="sai cú pháp TOML") as caught:
        load_form(path)
    assert str(path) in caught.value.message


@pytest.mark.parametrize("text, said", [
    ("[form\nid = 1", "ở dòng 1, cột 6: thiếu dấu «]» sau tên bảng"),
    ("[form]\nid 1", "ở dòng 2, cột 4: thiếu dấu «=» sau tên khóa"),
    ('[form]\nname = "Báo cáo', "ở cuối tệp: chuỗi chưa có dấu ngoặc kép đóng"),
    ("[form]\nid = 1\nid = 2", "một khóa được gán hai lần"),
    ("[form]\nid = @", "ở dòng 2, cột 6: giá trị không hợp lệ"),
])
def test_a_toml_syntax_error_is_said_in_vietnamese_with_its_place(tmp_path, text, said):
    """tomllib says what is wrong in English («Expected '=' after a key…»): the secretariat
    reads where and why in Vietnamese."""
    with pytest.raises(FormError) as caught:
        load_form(_write(tmp_path, text))
    assert said in caught.value.message
    assert "Expected" not in caught.value.message and " at " not in caught.value.message


def test_missing_form_table(tmp_path):
    with pytest.raises(FormError, match="thiếu bảng \\[form\\]"):
        load_form(_write(tmp_path, "[[sections]]\nid='a'\nnumber='I'\nheading='A'\n"))


def _second_version(tmp_path):
    """Version 2: one indicator removed, one added, the rest reordered."""
    text = DEFAULT.read_text(encoding="utf-8").replace("version = 1", "version = 2")
    text = text.replace('[[indicators]]\nid = "tin_bai_bao_chi"', '[[indicators]]\nid = "podcast"\n'
                        'group = "bao_chi"\nlabel = "Podcast"\nunit = "số"\n\n[[indicators]]\n'
                        'id = "tin_bai_bao_chi"')
    start = text.index('[[indicators]]\nid = "dau_an_pham"')
    end = text.index("[[indicators]]", start + 5)
    text = text[:start] + text[end:]
    return _write(tmp_path, text, "ttdn-dinh-ky-v2.toml")


def test_two_versions_load_side_by_side(tmp_path):
    shutil.copy(DEFAULT, tmp_path / DEFAULT.name)
    _second_version(tmp_path)
    library = FormLibrary.from_dirs([tmp_path])
    assert not library.problems
    v1, v2 = library.get("ttdn-dinh-ky", 1), library.get("ttdn-dinh-ky", 2)
    assert library.latest().version == 2
    assert v1.indicator("dau_an_pham") is not None and v2.indicator("dau_an_pham") is None
    assert v2.indicators[0].id == "podcast"
    # figures are keyed by id: the same key means the same thing in both versions
    assert ("ban_an_pham", "en") in v1.figure_keys() and ("ban_an_pham", "en") in v2.figure_keys()
    with pytest.raises(TTDNError, match="phiên bản 3 chưa có"):
        library.get("ttdn-dinh-ky", 3)


def test_library_sets_aside_broken_and_duplicate_files(tmp_path):
    shutil.copy(DEFAULT, tmp_path / "a.toml")
    shutil.copy(DEFAULT, tmp_path / "b.toml")
    _write(tmp_path, "not toml [", "c.toml")
    library = FormLibrary.from_dirs([tmp_path])
    assert len(library) == 1
    assert len(library.problems) == 2
    assert any("có ở hai tệp" in p for p in library.problems)
    assert any("c.toml" in p for p in library.problems)
