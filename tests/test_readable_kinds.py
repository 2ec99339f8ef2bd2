"""The kinds of file an import reads are declared once (core/filekinds.py); the file dialog,
the drop hint, folder import and the messages all follow that list."""

from email.message import EmailMessage

import pytest
from PySide6.QtWidgets import QLabel

from ttdn_desktop.cli import main
from ttdn_desktop.core.filekinds import EXTENSIONS, READABLE, is_readable, listed
from ttdn_desktop.exchange import unpack
from ttdn_desktop.ui import filedialogs
from ttdn_desktop.ui.import_preview import WILL_COLUMN
from ttdn_desktop.workspace import Workspace

from .test_cli_import import run
from .uihelpers import active_window, set_up_agency, set_up_secretariat


def test_every_declared_kind_has_a_reader():
    for ext in EXTENSIONS:
        name = f"bao-cao{ext}"
        assert unpack.content_kind(name, b"") or unpack._container(name, b""), ext
    assert is_readable("BAOCAO~1.TTD") and is_readable("Thu.EML") and not is_readable("a.txt")
    assert listed() == ("gói báo cáo .ttdn, mẫu Excel .xlsx, bảng số liệu .xls/.ods, tệp Word "
                        ".docx/.doc, văn bản OpenDocument .odt, tệp RTF .rtf, tệp PDF .pdf, thư "
                        "điện tử .eml/.msg và tệp nén .zip")


def _folder(tmp_path):
    folder = tmp_path / "thu-nhan"
    folder.mkdir()
    for ext in EXTENSIONS:
        (folder / f"tep{ext}").write_bytes(b"x")
    (folder / "ghi-chu.txt").write_text("không nhập")
    (folder / "Bao cao nen.rar").write_bytes(b"Rar!\x1a\x07\x00 x")
    for clutter in CLUTTER:
        (folder / clutter).write_bytes(b"x")
    return folder


# never reports, so passed over without a word: Word's lock file beside an open document,
# Windows' and the Mac's own files
CLUTTER = ("~$tep.docx", "Thumbs.db", "desktop.ini", ".DS_Store")
RAR = "không hỗ trợ tệp nén .rar; đề nghị gửi tệp .zip hoặc chính tệp báo cáo"


def test_folder_import_picks_every_file_but_the_clutter(workspace, tmp_path):
    """A .rar or a note in the folder is picked too, to be refused by name with its reason:
    passed over, a folder of 15 files showed «14 tệp» and no word of the .rar (issue 21)."""
    folder = _folder(tmp_path)
    picked = [p.name for p in workspace.imports.importable([folder])]
    assert sorted(picked) == sorted([f"tep{ext}" for ext in EXTENSIONS]
                                    + ["ghi-chu.txt", "Bao cao nen.rar"])


def test_the_window_offers_and_names_every_readable_kind(qtbot, tmp_path, forms, monkeypatch):
    seen = {}

    def exec_(dialog):
        seen["filters"], seen["default"] = dialog.nameFilters(), dialog.selectedNameFilter()
        return 0

    monkeypatch.setattr(filedialogs.FileDialog, "exec", exec_)
    with Workspace(tmp_path / "btg.sqlite3", forms) as workspace:
        set_up_secretariat(workspace, 2)
        window = active_window(qtbot, workspace)
        window.ops.wait()
        view = window.secretariat_view
        window.import_action.trigger()  # «Nhập tệp»
        default = seen["default"]
        assert all(f"*{ext}" in default.split("(")[1] for ext in EXTENSIONS), default
        for kind in READABLE:  # and one filter a kind, to narrow the list
            assert any(f.endswith(f"({kind.patterns})") for f in seen["filters"]), kind
        assert seen["filters"][-1] == "Mọi tệp (*)"
        [hint] = [label for label in view.findChildren(QLabel) if "Kéo thả" in label.text()]
        # short beside the tabs (the screen fit at 125 %), every kind in its tooltip
        assert all(kind.title in hint.toolTip() for kind in READABLE), hint.toolTip()
        # the status tip short enough for the status bar at 125 % (1366 px wide screen: 1093
        # px of Qt's), the whole list in the tooltip and the dialog's filters
        assert listed() in window.import_action.toolTip()
        tip = window.import_action.statusTip()
        assert window.statusBar().fontMetrics().horizontalAdvance(tip) < 700, tip
        # a folder with nothing readable: said so, naming what is read
        empty = tmp_path / "trong"
        empty.mkdir()
        (empty / "Thumbs.db").write_bytes(b"x")
        window.import_paths([str(empty)])
        window.ops.wait()
        text = view.notice.label.text()
        assert "trong" in text and listed() in text, text
        window.close()


def test_the_preview_of_a_folder_names_the_rar_it_holds(qtbot, tmp_path, forms):
    """«Nhập cả thư mục»: the .rar and the note are rows refused with their reason."""
    folder = _folder(tmp_path)
    with Workspace(tmp_path / "btg.sqlite3", forms) as workspace:
        set_up_secretariat(workspace, 2)
        window = active_window(qtbot, workspace)
        window.ops.wait()
        view = window.secretariat_view
        view.preview_files([str(folder)])
        window.ops.wait()
        table = view.preview.table
        rows = {table.item(n, 0).text(): n for n in range(table.rowCount())}
        assert "Bao cao nen.rar" in rows and "ghi-chu.txt" in rows, rows
        assert not any(clutter in rows for clutter in CLUTTER), rows
        row = rows["Bao cao nen.rar"]
        assert table.item(row, WILL_COLUMN).text() == "từ chối"
        assert RAR in table.item(row, table.columnCount() - 1).text()
        window.close()


def test_a_file_of_no_readable_kind_is_refused_naming_what_is_read(workspace, tmp_path):
    # (a PDF was the example until PDF reports were read: issue 21)
    note = tmp_path / "ghi-chu.png"
    note.write_bytes(b"\x89PNG\r\n\x1a\n x")
    mail = EmailMessage()
    mail["Subject"] = "Báo cáo"
    mail.set_content("Gửi kèm phụ lục.")
    mail.add_attachment(b"\x89PNG\r\n\x1a\n x", maintype="image", subtype="png",
                        filename="phu-luc.png")
    (tmp_path / "thu.eml").write_bytes(bytes(mail))
    image, eml = workspace.imports.run([note, tmp_path / "thu.eml"], dry_run=True)
    assert "tệp ảnh PNG" in image.detail and listed("hay") in image.detail, image.detail
    assert listed("hay") in eml.detail and "phu-luc.png" in eml.detail, eml.detail


def test_the_command_line_reads_and_names_the_declared_kinds(capsys, tmp_path):
    db = str(tmp_path / "cli.sqlite3")
    empty = tmp_path / "trong"
    empty.mkdir()
    (empty / "Thumbs.db").write_bytes(b"x")
    code, _, err = run(capsys, "--db", db, "import", str(empty))
    assert code != 0 and listed() in err, err
    code, out, _ = run(capsys, "--db", db, "import", str(_folder(tmp_path)))
    assert out.count("\n") > len(EXTENSIONS)  # a line for each file read, then the summary
    for ext in EXTENSIONS:
        assert f"tep{ext}" in out, ext
    assert f"Bao cao nen.rar: bị từ chối ({RAR}" in out, out
    assert "ghi-chu.txt: bị từ chối (đây là tệp văn bản thuần (.txt)" in out, out
    assert code == 1  # something was refused
    assert not any(clutter in out for clutter in CLUTTER), out
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    assert listed("hay") in " ".join(capsys.readouterr().out.split())


def test_an_agency_is_told_when_a_folder_holds_nothing_to_read(qtbot, tmp_path, forms):
    empty = tmp_path / "trong"
    empty.mkdir()
    with Workspace(tmp_path / "donvi.sqlite3", forms) as workspace:
        set_up_agency(workspace)
        window = active_window(qtbot, workspace)
        window.ops.wait()
        window.import_paths([str(empty)])
        window.ops.wait()
        text = window.agency_view.notice.label.text()
        assert f"«{empty}»" in text and listed() in text, text
        window.close()
