"""A figure typed wrong («abc», a count below zero) is kept as typed and flagged until fixed, and
never leaves the database: no package, Word report, Excel workbook or form carries it."""

import sqlite3

from docx import Document
from openpyxl import load_workbook

from tests.helpers import H1
from ttdn_desktop.cli import main
from ttdn_desktop.exchange.package import read_package
from ttdn_desktop.storage import database, migrations
from ttdn_desktop.workspace import Workspace

TYPED = {"figures": {("ban_an_pham", "en"): "abc", ("hop_bao", ""): "-5"},
         "last_year": {("lop_tap_huan", ""): "mười"}}
FIGURES = {("ban_an_pham", ""): 3800, ("ban_an_pham", "vi"): 2800, ("ban_an_pham", "zh"): 1000,
           ("dau_an_pham", ""): 12}


def _draft(path, forms, typed=TYPED) -> str:
    """An agency's draft with good figures and figures typed wrong, saved as the window does."""
    with Workspace(path, forms) as ws:
        ws.agencies.add("SNGV", "Sở Ngoại vụ")
        report_id = ws.reports.new("SNGV", H1)
        ws.reports.save_draft(report_id, {"an_pham": "Phát hành bản tin đối ngoại."}, FIGURES, {}, {},
                      typed)
        return report_id


def test_typed_text_is_kept_nfc_flagged_and_out_of_the_content(tmp_path, forms):
    path = tmp_path / "ttdn.sqlite3"
    report_id = _draft(path, forms, {"figures": {("ban_an_pham", "en"): "ba tra\u0306m"}})
    with Workspace(path, forms) as ws:  # reopened: a restart
        assert ws.reports.invalid_figures(report_id)["figures"] == {("ban_an_pham", "en"): "ba trăm"}
        assert ("ban_an_pham", "en") not in ws.reports.content(report_id).figures
        lines = ws.reports.invalid_cells(H1, "SNGV")
        assert lines == ["Số liệu › Ấn phẩm, tài liệu › Số bản ấn phẩm, tài liệu phát hành – "
                         "Tiếng Anh, cột «Kỳ này»: «ba trăm» không phải là số"]
        # fixed: the flag goes, the number is a figure
        ws.reports.save_draft(report_id, None, {**FIGURES, ("ban_an_pham", "en"): 0}, {}, {},
                      {"figures": {}})
        assert ws.reports.invalid_figures(report_id) == {"figures": {}, "last_year": {}}
        assert ws.reports.invalid_cells(H1) == []


def test_sent_then_edited_the_flag_follows_into_the_next_draft(tmp_path, forms):
    path = tmp_path / "ttdn.sqlite3"
    report_id = _draft(path, forms)
    with Workspace(path, forms) as ws:
        ws.files.write_package("SNGV", H1, tmp_path / "lan1.ttdn")
        assert ws.reports.revision(report_id).sealed
        ws.reports.save_draft(report_id, {"han_che": "Còn chậm."})  # editing after sending: revision 2
        assert ws.reports.revision(report_id).revision == 2
        assert ws.reports.invalid_figures(report_id) == TYPED


def test_a_database_of_the_previous_release_opens_and_keeps_typed_text(tmp_path, forms,
                                                                        monkeypatch):
    path = tmp_path / "v10.sqlite3"
    monkeypatch.setattr(database, "MIGRATIONS", migrations.MIGRATIONS[:10])
    monkeypatch.setattr(database, "LATEST", 10)
    with Workspace(path, forms) as ws:
        ws.agencies.add("SNGV", "Sở Ngoại vụ")
        report_id = ws.reports.new("SNGV", H1)
        # no text: the search index of this code is not the previous release's (v12)
        ws.reports.save_draft(report_id, {}, FIGURES, {}, {})
    monkeypatch.undo()
    with Workspace(path, forms) as ws:
        assert ws.reports.content(report_id).figures == FIGURES
        assert ws.reports.invalid_figures(report_id) == {"figures": {}, "last_year": {}}
        ws.reports.save_draft(report_id, None, FIGURES, {}, {}, TYPED)
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    assert raw.execute("SELECT count(*) FROM invalid_figures").fetchone()[0] == 3


# --- the command line ---------------------------------------------------------------------------
def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_refuses_to_export_typed_text_and_lists_the_cells(capsys, tmp_path, forms):
    db = tmp_path / "cli.sqlite3"
    _draft(db, forms)
    for argv in (("package", "--agency", "SNGV"), ("export", "docx", "--agency", "SNGV"),
                 ("export", "xlsx", "--agency", "SNGV"), ("export", "xlsx"),
                 ("form", "xlsx", "--agency", "SNGV")):
        out = tmp_path / "ra.bin"
        code, _, err = run(capsys, "--db", db, *argv, "--period", "2021-H1", "--out", out)
        assert code == 1 and not out.exists(), argv
        assert "3 ô số liệu gõ sai" in err and "--allow-invalid" in err, argv
        assert "Tiếng Anh, cột «Kỳ này»: «abc» không phải là số" in err
        assert "Họp báo, giao ban báo chí, cung cấp thông tin cho báo chí, cột «Kỳ này»: " \
               "«-5» không được âm" in err
        assert "Lớp tập huấn, bồi dưỡng nghiệp vụ thông tin đối ngoại, cột «Cùng kỳ năm " \
               "trước»: «mười» không phải là số" in err
    with Workspace(db, forms) as ws:  # nothing was sealed by the refused package
        assert not ws.reports.revision(ws.reports.find("SNGV", H1)["id"]).sealed


def test_cli_allow_invalid_exports_without_the_typed_text(capsys, tmp_path, forms):
    db = tmp_path / "cli.sqlite3"
    _draft(db, forms)
    common = ("--period", "2021-H1", "--allow-invalid")

    code, _, err = run(capsys, "--db", db, "package", "--agency", "SNGV", "--out",
                       tmp_path / "a.ttdn", *common)
    assert code == 0 and "Lưu ý: 3 ô số liệu gõ sai được bỏ ra" in err
    sent = read_package("a.ttdn", (tmp_path / "a.ttdn").read_bytes(), forms).content
    assert sent.figures == FIGURES and not sent.last_year
    assert b"abc" not in (tmp_path / "a.ttdn").read_bytes()

    assert run(capsys, "--db", db, "export", "docx", "--agency", "SNGV", "--out",
               tmp_path / "a.docx", *common)[0] == 0
    document = Document(tmp_path / "a.docx")
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    words = "\n".join([p.text for p in document.paragraphs] + cells)
    assert "3.800" in words and "abc" not in words and "mười" not in words and "-5" not in words

    assert run(capsys, "--db", db, "export", "xlsx", "--agency", "SNGV", "--out",
               tmp_path / "a.xlsx", *common)[0] == 0
    assert run(capsys, "--db", db, "form", "xlsx", "--agency", "SNGV", "--out",
               tmp_path / "form.xlsx", *common)[0] == 0
    for name in ("a.xlsx", "form.xlsx"):
        values = [c.value for sheet in load_workbook(tmp_path / name).worksheets
                  for row in sheet.iter_rows() for c in row if c.value is not None]
        assert 3800 in values, name
        assert not any(str(v).strip() in ("abc", "mười", "-5") or v == -5 for v in values), name
