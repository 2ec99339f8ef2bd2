"""In the agency's window: a figure typed wrong stays as typed, marked ✗, across a restart; before
any export or print every ✗ and ⚠ is listed by section, indicator and cell, and asked about;
the note sent with breakdowns that do not add up is offered again the next time."""

import subprocess
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.validation import ERROR, WARNING
from ttdn_desktop.exchange.package import read_package
from ttdn_desktop.ui import filedialogs
from ttdn_desktop.ui.figures_editor import CHECK, LAST, VALUE
from ttdn_desktop.ui.mismatch_dialog import MismatchDialog
from ttdn_desktop.workspace import Workspace

from .uihelpers import active_window, new_report, press, set_up_agency, set_value, type_text

H1 = Period.parse("2021-H1")
ENGLISH = ("ban_an_pham", "en")
WHERE_ENGLISH = ("Số liệu › Ấn phẩm, tài liệu › Số bản ấn phẩm, tài liệu phát hành – Tiếng Anh, "
                 "cột «Kỳ này»: «abc» không phải là số")


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "donvi.sqlite3"


@pytest.fixture
def window(qtbot, db_path, forms):
    workspace = Workspace(db_path, forms)
    set_up_agency(workspace)
    main = active_window(qtbot, workspace, 1280, 800)
    main.ops.wait()
    yield main
    main.close()
    main.workspace.close()


def _type_into(table, key, text, column=VALUE):
    """Select the cell and type into it as a user does, Enter to leave it."""
    table.setCurrentCell(table.rows.index(key), column)
    type_text(table, text)
    press(table, Qt.Key.Key_Return)


def _cell(table, key, column):
    return table.item(table.rows.index(key), column).text()


def test_typed_text_survives_a_restart_with_its_mark(qtbot, window, db_path, forms):
    view = window.agency_view
    report_id = new_report(view, H1)
    view.show_section("g:an_pham")
    table = view.groups["an_pham"]
    _type_into(table, ENGLISH, "abc")
    _type_into(table, ("dau_an_pham", ""), "12")
    _type_into(table, ("dau_an_pham", ""), "-1", LAST)  # last year's, typed by hand
    assert _cell(table, ENGLISH, VALUE) == "abc" and _cell(table, ENGLISH, CHECK).startswith("✗")
    window.save_action.trigger()
    window.ops.wait()
    window.close()
    window.workspace.close()

    # a restart: the same SQLite file opened again, in a new window
    workspace = Workspace(db_path, forms)
    again = active_window(qtbot, workspace, 1280, 800)
    again.ops.wait()
    view = again.agency_view
    assert view.report_id == report_id
    view.show_section("g:an_pham")
    table = view.groups["an_pham"]
    assert _cell(table, ENGLISH, VALUE) == "abc"
    assert _cell(table, ENGLISH, CHECK) == "✗ «abc» không phải là số"
    assert _cell(table, ("dau_an_pham", ""), VALUE) == "12"
    assert _cell(table, ("dau_an_pham", ""), LAST) == "-1"
    assert "⚠" in view.tree.currentItem().text(0)  # the group is marked in the tree
    # fixed: the mark goes, and stays gone after the next save
    _type_into(table, ENGLISH, "500")
    assert _cell(table, ENGLISH, CHECK) == ""
    again.save_action.trigger()
    again.ops.wait()
    assert workspace.reports.invalid_figures(report_id)["figures"] == {}
    assert workspace.reports.content(report_id).figures[ENGLISH] == 500
    again.close()
    window.workspace = workspace  # closed by the fixture


def test_every_output_lists_the_marks_and_asks(qtbot, window, tmp_path, monkeypatch):
    view = window.agency_view
    new_report(view, H1)
    view.show_section("g:an_pham")
    table = view.groups["an_pham"]
    set_value(table, ("ban_an_pham", ""), "3800")
    set_value(table, ("ban_an_pham", "vi"), "3200")
    _type_into(table, ENGLISH, "abc")
    chosen = []
    monkeypatch.setattr(filedialogs, "save_file", lambda parent, title, name, *a: chosen.append(
        name) or str(tmp_path / name))
    view.show_section("s:an_pham")

    for action in (window.package_action, window.docx_action, window.xlsx_action,
                   window.preview_action, window.print_action, window.pdf_action):
        window.exports.mismatch_dialog = None
        action.trigger()
        dialog = window.exports.mismatch_dialog
        assert dialog is not None and dialog.isVisible(), action.text()
        text = dialog.findChild(type(dialog.error)).text()
        assert "1 ô số liệu gõ sai" in text and WHERE_ENGLISH in text, action.text()
        assert "Số liệu › Ấn phẩm, tài liệu › Số bản ấn phẩm, tài liệu phát hành: các thành " \
               "phần cộng lại 3.200, khác số tổng 3.800" in text
        dialog.fix_button.click()  # back to the cell, nothing written
        window.ops.wait()
        assert not chosen, action.text()
        assert view.section_key == "g:an_pham"
        assert table.currentRow() == table.rows.index(ENGLISH)
        view.show_section("s:an_pham")

    # Word, Excel and the PDF print go on without the typed text
    for action, suffix in ((window.docx_action, ".docx"), (window.xlsx_action, ".xlsx"),
                           (window.pdf_action, ".pdf")):
        action.trigger()
        assert window.exports.mismatch_dialog.send_button.text() == (
            "Vẫn in, bỏ các số gõ sai" if suffix == ".pdf" else "Vẫn xuất, bỏ các số gõ sai")
        window.exports.mismatch_dialog.send_button.click()
        qtbot.waitUntil(lambda: bool(chosen) and chosen[-1].endswith(suffix), timeout=10000)
        window.ops.wait()
    names = {Path(name).suffix: tmp_path / name for name in chosen}
    document = Document(names[".docx"])
    words = "\n".join([p.text for p in document.paragraphs] +
                      [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert "3.800" in words and "abc" not in words
    values = [c.value for sheet in load_workbook(names[".xlsx"]).worksheets
              for row in sheet.iter_rows() for c in row if c.value is not None]
    assert 3800 in values and "abc" not in values
    pdf = subprocess.run(["pdftotext", str(names[".pdf"]), "-"], capture_output=True,
                         text=True, check=True).stdout
    assert "3.800" in pdf and "abc" not in pdf

    # the package: with a note for the mismatch, without the typed text
    window.package_action.trigger()
    dialog = window.exports.mismatch_dialog
    dialog.note.setPlainText("Số tổng gồm 600 bản tiếng Anh chưa nhập được.")
    dialog.send_button.click()
    qtbot.waitUntil(lambda: chosen[-1].endswith(".ttdn"), timeout=10000)
    window.ops.wait()
    sent = read_package("a.ttdn", (tmp_path / chosen[-1]).read_bytes(),
                        window.workspace.forms).content
    assert ENGLISH not in sent.figures and sent.figures[("ban_an_pham", "")] == 3800
    assert b"abc" not in (tmp_path / chosen[-1]).read_bytes()
    assert _cell(table, ENGLISH, VALUE) == "abc"  # still there, to be fixed


def test_the_note_dialog_offers_the_previous_note(qtbot, window, tmp_path, monkeypatch, forms,
                                                  db_path):
    view = window.agency_view
    new_report(view, H1)
    view.show_section("g:an_pham")
    table = view.groups["an_pham"]
    set_value(table, ("ban_an_pham", ""), "3800")
    set_value(table, ("ban_an_pham", "vi"), "3200")
    written = []
    monkeypatch.setattr(filedialogs, "save_file", lambda parent, title, name, *a: written.append(
        name) or str(tmp_path / f"{len(written)}.ttdn"))
    window.package_action.trigger()
    dialog = window.exports.mismatch_dialog
    assert dialog.note.toPlainText() == ""  # nothing given before
    note = "Số tổng gồm 600 bản tiếng Pháp."
    type_text(dialog.note, note)
    dialog.send_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "1.ttdn").exists() and not window.ops.busy,
                    timeout=10000)

    # sent again after an edit: the note given last time is there, selected
    set_value(table, ("ban_an_pham", "vi"), "3100")
    window.package_action.trigger()
    dialog = window.exports.mismatch_dialog
    assert dialog.note.toPlainText() == note
    assert dialog.note.textCursor().selectedText() == note  # typing replaces it
    dialog.send_button.click()  # taken as it is
    qtbot.waitUntil(lambda: (tmp_path / "2.ttdn").exists() and not window.ops.busy,
                    timeout=10000)
    sent = read_package("2.ttdn", (tmp_path / "2.ttdn").read_bytes(), forms).content
    assert sent.notes["ban_an_pham"] == note  # once, not twice

    # and after a restart
    window.close()
    window.workspace.close()
    workspace = Workspace(db_path, forms)
    again = active_window(qtbot, workspace, 1280, 800)
    again.ops.wait()
    set_value(again.agency_view.groups["an_pham"], ("ban_an_pham", "vi"), "3000")
    again.package_action.trigger()
    assert again.exports.mismatch_dialog.note.toPlainText() == note
    again.exports.mismatch_dialog.reject()
    again.close()
    window.workspace = workspace  # closed by the fixture


def test_the_dialog_is_as_high_as_what_it_says(qtbot):
    """Asked before printing (no note to write), the dialog stood a blank band taller than its
    text and buttons: it was sized for its text wrapped at the narrower width of its size hint
    and shown at 620 pixels."""
    class Problem:
        def __init__(self, severity, message):
            self.severity, self.message = severity, message

    problems = [Problem(ERROR, WHERE_ENGLISH),
                Problem(WARNING, "Số liệu › Ấn phẩm, tài liệu › Số bản ấn phẩm, tài liệu phát "
                                 "hành: các thành phần cộng lại 3.200, khác số tổng 3.800")]
    for what, with_note in (("in", False), ("gửi", True)):
        dialog = MismatchDialog(problems, what=what, with_note=with_note)
        qtbot.addWidget(dialog)
        dialog.show()
        layout = dialog.layout()
        assert dialog.height() == layout.totalHeightForWidth(dialog.width()), what
