"""A report to confirm is named by what it was read from, in the words a secretary knows — in
the import preview, on the command line and in the signature state kept with the revision:
«báo cáo PDF», «báo cáo RTF», «bảng tính Excel của đơn vị», «báo cáo dán trong thư»… never
«báo cáo Word» for what is not Word."""

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core import rules
from ttdn_desktop.core.periods import Period
from ttdn_desktop.ui.import_preview import ImportPreview, WILL_COLUMN
from ttdn_desktop.workspace import Workspace, load_forms

from .ci_tools import require
from .sheetfiles import convert, statistics_sheet
from .test_mail_text import LAYOUTS
from .wordfiles import numbered_report

H1 = Period.parse("2021-H1")
KINDS = {  # file name -> (LibreOffice filter, or None: made by the test; the words)
    "bao-cao.docx": (None, "báo cáo Word"),
    "bao-cao.doc": ("doc:MS Word 97", "báo cáo Word 97–2003"),
    "bao-cao.rtf": ("rtf:Rich Text Format", "báo cáo RTF"),
    "bao-cao.odt": ("odt", "báo cáo OpenDocument"),
    "bao-cao.pdf": ("pdf:writer_pdf_Export", "báo cáo PDF"),
    "so-lieu.xls": ("xls:MS Excel 97", "bảng tính Excel của đơn vị"),
    "so-lieu.xlsx": ("xlsx:Calc MS Excel 2007 XML", "bảng tính Excel của đơn vị"),
    "thu.eml": (None, "báo cáo dán trong thư"),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    target = tmp_path_factory.mktemp("kinds")
    report = numbered_report()
    out = {"bao-cao.docx": report, "thu.eml": LAYOUTS["outlook.eml"][0]}
    for name, (to, _) in KINDS.items():
        if to is None:
            continue
        source = {"bao-cao.docx": report} if name.startswith("bao-cao") else \
            {"so-lieu.fods": statistics_sheet()}
        saved = convert(target, source, to)
        if saved is None:
            require("soffice")
        out[name] = next(iter(saved.values()))
    return out


@pytest.fixture
def ws(workspace):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    return workspace


def test_the_preview_names_each_format(ws, files, tmp_path):
    paths = []
    for name, data in files.items():
        paths.append(tmp_path / name)
        paths[-1].write_bytes(data)
    results = ws.imports.run(paths, dry_run=True)
    named = {r.file_name.split(" › ")[0]: (r.outcome, r.label, r.signature) for r in results}
    assert named == {name: (rules.WORD, f"{words}: cần xác nhận",
                            f"không có chữ ký ({words})")
                     for name, (_, words) in KINDS.items()}


def test_the_window_counts_and_names_them(qtbot, ws, files, tmp_path):
    paths = []
    for name in ("bao-cao.pdf", "so-lieu.xls"):
        paths.append(tmp_path / name)
        paths[-1].write_bytes(files[name])
    preview = ImportPreview()
    qtbot.addWidget(preview)
    preview.show_results(paths, ws.imports.run(paths, dry_run=True))
    assert [preview.table.item(n, WILL_COLUMN).text() for n in range(2)] == [
        "báo cáo PDF: xác nhận riêng", "bảng tính Excel của đơn vị: xác nhận riêng"]
    assert preview.word_button.text() == "Xác nhận 2 báo cáo…"
    assert "2 báo cáo (1 báo cáo PDF, 1 bảng tính Excel của đơn vị) cần xác nhận riêng" in \
        preview.title.text() and "Word" not in preview.title.text()


@pytest.mark.parametrize("name", ["bao-cao.pdf", "bao-cao.rtf"])
def test_the_command_line_and_the_stored_signature_name_the_format(files, tmp_path, capsys,
                                                                    name):
    db = str(tmp_path / "ttdn.sqlite3")
    assert main(["--db", db, "agencies", "add", "SNGV", "Sở Ngoại vụ"]) == 0
    path = tmp_path / name
    path.write_bytes(files[name])
    capsys.readouterr()
    assert main(["--db", db, "import", str(path), "--accept-placement"]) == 0
    out = capsys.readouterr().out
    words = KINDS[name][1]
    assert f"chữ ký: không có chữ ký ({words})" in out and "Word" not in out
    with Workspace(tmp_path / "ttdn.sqlite3", load_forms()) as ws:
        assert ws.keys.signature_states(H1)["SNGV"]["label"] == f"không có chữ ký ({words})"
