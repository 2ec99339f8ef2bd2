"""Every rejection names its reason — which part, which cell, which limit — for the damage the
fuzzer found giving the reason-less «không đọc được tệp (lỗi …)»; untrusted text in messages
is escaped and cut; numbers take ASCII digits only."""

import hashlib
import json
import re

import pytest
from openpyxl import load_workbook

from ttdn_desktop.cli import main
from ttdn_desktop.core import rules

from .helpers import H1, package, rezip
from .wordfiles import numbered_report

CATCH_ALL = "không đọc được tệp (lỗi"


@pytest.fixture
def ws(workspace):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    return workspace


def _import(ws, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    [result] = ws.imports.run([path])
    assert CATCH_ALL not in result.detail
    return result


def _form(ws, tmp_path, **cells) -> bytes:
    """A form written by the app and filled in: `cells` by identity key suffix."""
    path = tmp_path / "mau.xlsx"
    ws.files.form_xlsx("SNGV", H1, path)
    book = load_workbook(path)
    where = {str(r[0].value): r[1].value for r in book["_ttdn"].iter_rows()}
    book["Báo cáo"][where["section:an_pham"]].value = "Đã phát hành 12 bản tin."
    for key, value in cells.items():
        sheet, address = ("Số liệu", where[f"figure:{key}:"])
        book[sheet][address].value = value
    book.save(path)
    return path.read_bytes()


def _replace(data: bytes, member: str, old: bytes, new: bytes) -> bytes:
    def change(members):
        assert old in members[member], (member, old)
        members[member] = members[member].replace(old, new, 1)
    return rezip(data, change)


def test_malformed_xml_names_the_part_line_and_column(ws, tmp_path):
    bad = _replace(_form(ws, tmp_path), "xl/worksheets/sheet1.xml", b"<sheetData>",
                   b"<sheetData><row r=\"1\"><c r=\"A1\"></row>")
    result = _import(ws, tmp_path, "hong.xlsx", bad)
    assert result.outcome == rules.REJECTED
    assert re.search(r"«xl/worksheets/sheet1.xml» không phải XML hợp lệ \(dòng 1, cột \d+\)",
                     result.detail), result.detail
    word = _replace(numbered_report(), "word/document.xml", b"<w:body>", b"<w:body><w:p>")
    result = _import(ws, tmp_path, "hong.docx", word)
    assert result.outcome == rules.REJECTED and "«word/document.xml» không phải XML hợp lệ " \
        "(dòng" in result.detail


def test_a_damaged_content_types_part_is_named(ws, tmp_path):
    data = bytearray(_form(ws, tmp_path))
    at = data.index(b"[Content_Types].xml") + len(b"[Content_Types].xml")  # its local header
    data[at + 5] ^= 0xFF  # inside its compressed bytes
    result = _import(ws, tmp_path, "hong.xlsx", bytes(data))
    assert result.outcome == rules.REJECTED and "[Content_Types].xml" in result.detail


def test_bad_shared_string_and_style_and_cell_address(ws, tmp_path):
    form = _form(ws, tmp_path)
    shared = _replace(form, "xl/worksheets/sheet1.xml", b't="inlineStr"><is><t>',
                      b't="s"><v>7</v><is><t>')
    result = _import(ws, tmp_path, "chuoi.xlsx", shared)
    assert re.search(r"sheet1.xml», ô A1 trỏ tới chuỗi dùng chung số «7», không có trong "
                     r"xl/sharedStrings.xml", result.detail), result.detail
    style = _replace(form, "xl/worksheets/sheet1.xml", b'r="A1" s="', b'r="A1" s="9999')
    assert "không có trong xl/styles.xml" in _import(ws, tmp_path, "s.xlsx", style).detail
    named = _replace(form, "xl/styles.xml", b'<cellStyle name="Normal" xfId="0"',
                     b'<cellStyle name="Normal" xfId="77777"')
    assert "kiểu ô «Normal» trỏ tới định dạng số «77777»" in \
        _import(ws, tmp_path, "n.xlsx", named).detail
    far = _replace(form, "xl/worksheets/sheet2.xml", b'<c r="A1"', b'<c r="A1048577"')
    assert "«A1048577» không hợp lệ (quá dòng 1.048.576" in \
        _import(ws, tmp_path, "xa.xlsx", far).detail


def test_an_identity_address_past_the_last_row(ws, tmp_path):
    path = tmp_path / "mau.xlsx"
    path.write_bytes(_form(ws, tmp_path))
    book = load_workbook(path)
    row = next(r for r in book["_ttdn"].iter_rows() if r[0].value == "section:an_pham")
    row[1].value = "B9999999"
    book.save(path)
    result = _import(ws, tmp_path, "mau.xlsx", path.read_bytes())
    assert result.outcome == rules.REJECTED and "«B9999999» không hợp lệ" in result.detail


def test_foreign_digits_in_a_cell_are_refused_naming_cell_and_digits(ws, tmp_path):
    result = _import(ws, tmp_path, "so.xlsx", _form(ws, tmp_path, hop_bao="৪০০০"))
    assert result.outcome == rules.REJECTED
    assert re.search(r"Số liệu!D\d+: «৪০০০» có chữ số không phải chữ số thường 0–9",
                     result.detail), result.detail


def _sealed(data: bytes, body: dict) -> bytes:
    raw = json.dumps(body).encode()

    def change(members):
        manifest = json.loads(members["manifest.json"])
        manifest["content_sha256"] = hashlib.sha256(raw).hexdigest()
        members["manifest.json"] = json.dumps(manifest).encode()
        members["content.json"] = raw
    return rezip(data, change)


def test_1e308_in_a_breakdown(ws, form, tmp_path):
    indicator = next(i for i in form.indicators if i.breakdown_adds_up and len(i.keys) > 2)
    figures = [{"indicator": indicator.id, "member": key[1], "value": 1e308}
               for key in indicator.keys[1:3]] + [
        {"indicator": indicator.id, "member": "", "value": 5}]
    result = _import(ws, tmp_path, "lon.ttdn", _sealed(package(form), {"figures": figures}))
    assert result.outcome == rules.REJECTED and "số lớn quá mức" in result.detail


def test_a_lone_surrogate_in_created_at_is_no_catch_all(ws, form, tmp_path):
    data = rezip(package(form), lambda m: m.update({"manifest.json": m["manifest.json"].replace(
        b'"created_at": "', b'"created_at": "\\ud800', 1)}))
    result = _import(ws, tmp_path, "s.ttdn", data)
    assert result.outcome in (rules.NEW, rules.REJECTED)


def test_untrusted_text_in_messages_is_cut_and_escaped(ws, form, tmp_path):
    long = _import(ws, tmp_path, "dai.ttdn",
                   _sealed(package(form), {"sections": {"x" * 100_000: "a"}}))
    assert long.outcome == rules.REJECTED and len(long.detail) < 300
    hidden = _import(ws, tmp_path, "an.ttdn",
                     _sealed(package(form), {"sections": {"\u202eabc\ud800": "a"}}))
    assert "\u202e" not in hidden.detail and "\\u202eabc\\ud800" in hidden.detail


def test_a_bad_word_file_on_the_command_line_is_named_and_the_batch_goes_on(
        ws, form, tmp_path, capsys):
    bad = tmp_path / "Báo cáo hỏng.docx"
    bad.write_bytes(_replace(numbered_report(), "word/document.xml", b"<w:body>",
                             b"<w:body><w:p>"))
    good = tmp_path / "SNGV.ttdn"
    good.write_bytes(package(form))
    code = main(["--db", str(ws.path), "import", str(bad), str(good)])
    out = capsys.readouterr().out
    assert code == 1
    assert "Báo cáo hỏng.docx: bị từ chối (tệp Word bị hỏng: phần «word/document.xml» không " \
           "phải XML hợp lệ (dòng" in out
    assert "SNGV.ttdn: đã nhập" in out
    assert "Đã xảy ra lỗi không mong đợi" not in out
