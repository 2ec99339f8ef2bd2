"""The agency official's app, driven with pytest-qt offscreen on a real database file."""

import gc
import os
import subprocess
import sys
import textwrap
import threading
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm
from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtPrintSupport import QPrintPreviewWidget, QPrinter
from PySide6.QtWidgets import QApplication, QWidget

from ttdn_desktop.core.periods import Period
from ttdn_desktop.exchange.package import read_package
from ttdn_desktop.export import template
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.ui import agency_view, print_actions, printing
from ttdn_desktop.ui.figures_editor import CHECK, VALUE
from ttdn_desktop.ui.instance import InstanceGuard, hand_over
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.ui.notice import NoticeBar
from ttdn_desktop.workspace import Workspace

from .ci_tools import other_platform
from .uihelpers import active_window, new_report, press, set_up_agency, set_value, type_text

H1 = Period.parse("2021-H1")
SHOTS = Path(os.environ.get("TTDN_SCREENSHOTS", "")) if os.environ.get("TTDN_SCREENSHOTS") \
    else None


def shot(widget, name):
    image = widget.grab()
    assert not image.isNull()
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        image.save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "donvi.sqlite3"


@pytest.fixture
def window(qtbot, db_path, forms):
    workspace = Workspace(db_path, forms)
    set_up_agency(workspace)
    main = active_window(qtbot, workspace, 1280, 800)
    yield main
    main.close()
    workspace.close()


def _text_in_db(workspace, report_id, section_id):
    return report_store.load_content(workspace.db, report_id).sections.get(section_id, "")


def test_first_start_setup_then_the_workspace(qtbot, db_path, forms):
    workspace = Workspace(db_path, forms)
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.show()
    page = main.stack.currentWidget()
    shot(main, "01-thiet-lap-lan-dau")
    page.agency.setCurrentIndex(page.agency.count() - 1)  # a new agency
    page.new_code.setText("CAT")
    page.new_name.setText("Công an tỉnh")
    page._agency_changed()
    assert page.letterhead.raw_values()["issuing_body"] == "CÔNG AN TỈNH"
    page.letterhead.inputs["margin_left"].setText("abc")
    page.finish()
    assert "milimét" in page.letterhead.error.text()  # said inline, nothing saved
    assert workspace.setup.role is None
    page.letterhead.inputs["margin_left"].setText("30")
    page.finish()  # no province is assumed: asked for, by the fields' labels
    assert "«Cơ quan chủ quản»" in page.error.text() and "«Địa danh»" in page.error.text()
    assert workspace.setup.role is None
    page.letterhead.inputs["superior_body"].setPlainText("UBND TỈNH QUẢNG NINH")
    page.letterhead.inputs["place"].setText("Quảng Ninh")
    page.finish()
    main.ops.wait()  # written by the worker, then the agency's page is built
    assert workspace.setup.role == "agency" and workspace.setup.own_agency == "CAT"
    assert workspace.agencies.get("CAT")["name"] == "Công an tỉnh"
    assert main.agency_view is not None and main.stack.currentWidget() is main.agency_view
    assert workspace.setup.letterhead("CAT").issuing_body == "CÔNG AN TỈNH"
    main.close()
    workspace.close()


def test_type_autosave_reopen(qtbot, window, db_path, forms):
    view = window.agency_view
    report_id = new_report(view, H1)
    view.show_section("s:an_pham")
    type_text(view.prose.editor, "Phát hành 9.000 cuốn bản tin đối ngoại")
    qtbot.waitUntil(lambda: window.words_label.text() == "8 từ", timeout=2000)
    # saved by itself, without Ctrl+S
    qtbot.waitUntil(lambda: _text_in_db(window.workspace, report_id, "an_pham")
                    == "Phát hành 9.000 cuốn bản tin đối ngoại", timeout=5000)
    window.ops.wait()  # written by the worker; then said on the UI thread
    assert window.saved_label.text().startswith("Đã lưu lúc")
    assert "✓" in view.tree.currentItem().text(0)
    shot(window, "02-soan-muc")
    # bold by shortcut, then Ctrl+S saves at once
    press(view.prose.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    type_text(view.prose.editor, " mới")
    window.save_action.trigger()  # queued at once, written by the worker thread
    window.ops.wait()
    assert _text_in_db(window.workspace, report_id, "an_pham").endswith("**mới**")
    window.close()
    again = MainWindow(window.workspace)
    qtbot.addWidget(again)
    again.show()
    again.ops.wait()  # the last report is read in the worker
    assert again.agency_view.report_id == report_id  # the last report opens again
    assert again.agency_view.section_key == "s:an_pham"
    assert "9.000 cuốn bản tin" in again.agency_view.prose.editor.toPlainText()
    assert not again.session.recovery_message  # it was closed properly
    again.close()


def test_unikey_backspace_is_left_alone(qtbot, window):
    view = window.agency_view
    new_report(view, H1)
    editor = view.prose.editor
    # UniKey turns "Vieejt" into "Việt" by sending Backspaces and the new letters
    type_text(editor, "Vie")
    press(editor, Qt.Key.Key_Backspace)
    type_text(editor, "ê")
    type_text(editor, "t")
    press(editor, Qt.Key.Key_Backspace)
    press(editor, Qt.Key.Key_Backspace)
    type_text(editor, "ệt")
    assert editor.toPlainText() == "Việt"


def test_paste_from_word_keeps_paragraphs_drops_styles(qtbot, window):
    view = window.agency_view
    new_report(view, H1)
    data = QMimeData()
    data.setHtml("<html><body><p style='font-family:Arial;color:#ff0000;font-size:20pt'>"
                 "<b>Kết quả</b> nổi bật</p><ul><li>Tie\u0302\u0301ng Anh</li><li>Tiếng Nhật</li>"
                 "</ul><p class='MsoNormal'><i>Ghi chú</i></p></body></html>")
    view.prose.editor.insertFromMimeData(data)
    assert view.prose.markup() == "**Kết quả** nổi bật\n- Tiếng Anh\n- Tiếng Nhật\n*Ghi chú*"
    html = view.prose.editor.toHtml()
    assert "Arial" not in html and "#ff0000" not in html


def test_figures_marked_on_the_row_and_enter_moves_down(qtbot, window):
    view = window.agency_view
    report_id = new_report(view, H1)
    view.show_section("g:an_pham")
    table = view.groups["an_pham"]
    rows = table.rows
    total = rows.index(("ban_an_pham", ""))
    table.setCurrentCell(total, VALUE)
    type_text(table, "3800")  # typing starts editing
    press(table, Qt.Key.Key_Return)  # Enter commits and moves down
    assert table.currentRow() == total + 1 and table.currentColumn() == VALUE
    type_text(table, "2.800")
    press(table, Qt.Key.Key_Return)
    type_text(table, "500")
    press(table, Qt.Key.Key_Return)
    assert table.item(total, VALUE).text() == "3.800"
    assert table.values[("ban_an_pham", "vi")] == 2800
    check = table.item(total, CHECK)
    assert check.text().startswith("⚠") and "3.300" in check.text()
    problems = [view.side.problems.item(n).text() for n in range(view.side.problems.count())]
    assert any("khác số tổng 3.800" in p for p in problems)
    set_value(table, ("dau_an_pham", ""), "-2")
    assert table.item(rows.index(("dau_an_pham", "")), CHECK).text().startswith("✗")
    assert "⚠" in view.tree.currentItem().text(0)
    shot(window, "03-so-lieu-loi-phan-to")
    set_value(table, ("ban_an_pham", "ja"), "500")  # now 2.800 + 500 + 500 = 3.800
    assert table.item(total, CHECK).text() == ""
    table.undo()
    assert table.item(total, CHECK).text().startswith("⚠")
    set_value(table, ("ban_an_pham", "ja"), "500")
    window.save_action.trigger()
    window.ops.wait()
    saved = report_store.load_content(window.workspace.db, report_id).figures
    assert saved[("ban_an_pham", "")] == 3800 and saved[("ban_an_pham", "ja")] == 500
    assert ("dau_an_pham", "") not in saved  # a wrong value is marked, never stored


def test_find_bar(qtbot, window):
    view = window.agency_view
    new_report(view, H1)
    type_text(view.prose.editor, "Một hai ba. Hai bốn.")
    window.find_action.trigger()
    assert view.prose.find_bar.isVisible()
    view.prose.find_bar.field.setText("hai")
    assert view.prose.find_bar.find_next()
    assert view.prose.editor.textCursor().selectedText().lower() == "hai"


def test_find_bar_ignores_accents_not_typed_and_matches_those_typed(qtbot, window):
    """Issue 20: Ctrl+F wanted the accents («ban tin» found nothing) while the secretariat's
    search matched without them; now both follow core.text.find_text."""
    view = window.agency_view
    new_report(view, H1)
    type_text(view.prose.editor, "Bản tin đối ngoại. Bán tín phiếu.")
    window.find_action.trigger()
    bar, editor = view.prose.find_bar, view.prose.editor
    bar.field.setText("ban tin")
    assert bar.find_next() and editor.textCursor().selectedText() == "Bản tin"
    assert bar.find_next() and editor.textCursor().selectedText() == "Bán tín"
    assert bar.find_previous() and editor.textCursor().selectedText() == "Bản tin"
    bar.field.setText("doi ngoai")
    assert bar.find_next() and editor.textCursor().selectedText() == "đối ngoại"
    bar.field.setText("bán")
    assert bar.find_next() and editor.textCursor().selectedText() == "Bán"
    bar.field.setText("bàn")
    assert not bar.find_next() and bar.message.text() == "Không thấy"


def test_export_package_word_excel_and_a_new_revision_after(qtbot, window, tmp_path, forms):
    view = window.agency_view
    report_id = new_report(view, H1)
    view.show_section("s:an_pham")
    type_text(view.prose.editor, "Bản tin đối ngoại")
    package_path = tmp_path / "goi.ttdn"
    window.exports.export_package(str(package_path))
    qtbot.waitUntil(lambda: package_path.exists() and not window.ops.busy, timeout=10000)
    package = read_package("goi.ttdn", package_path.read_bytes(), forms)
    assert package.manifest.revision == 1
    assert package.content.sections["an_pham"] == "Bản tin đối ngoại"
    assert view.notice.isVisible() and "lần 1" in view.notice.label.text()
    assert [b.text() for b in view.notice.buttons] == ["Mở tệp", "Mở thư mục"]
    assert "đã gửi lần 1" in view.tree.topLevelItem(0).text(0)
    shot(window, "04-da-xuat-goi")
    type_text(view.prose.editor, " (sửa)")
    window.save_action.trigger()
    window.ops.wait()
    info = report_store.current_revision(window.workspace.db, report_id)
    assert (info.revision, info.supersedes, info.sealed) == (2, 1, False)

    docx_path, xlsx_path = tmp_path / "bc.docx", tmp_path / "tk.xlsx"
    window.exports.export_docx(str(docx_path))
    qtbot.waitUntil(lambda: docx_path.exists() and not window.ops.busy, timeout=10000)
    document = Document(docx_path)
    assert document.tables[0].rows[0].cells[0].text.splitlines()[1] == "SỞ NGOẠI VỤ"
    assert any("Bản tin đối ngoại (sửa)" in p.text for p in document.paragraphs)
    window.exports.export_xlsx(str(xlsx_path))
    qtbot.waitUntil(lambda: xlsx_path.exists() and not window.ops.busy, timeout=10000)
    assert "Tổng hợp" in load_workbook(xlsx_path).sheetnames


def test_print_to_a4_pdf(qtbot, window, tmp_path):
    view = window.agency_view
    new_report(view, H1)
    type_text(view.prose.editor, "Nội dung để in")
    out = tmp_path / "in.pdf"
    window.prints.print_pdf(str(out))  # read, laid out and written in the worker
    window.ops.wait()
    assert out.read_bytes().startswith(b"%PDF")
    jobs = []
    window.prints.print_job(jobs.append)
    window.ops.wait()
    document, _, _ = jobs[0].build(_pdf_printer(tmp_path / "x.pdf"))
    assert "Nội dung để in" in document.toPlainText()
    assert "SỞ NGOẠI VỤ" in document.toPlainText()
    assert "Đã in" in view.notice.label.text()


def _pdf_printer(path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_preview_opens_paints_and_survives_garbage_collection(qtbot, window):
    """The preview dialog is opened with open(): its printer must outlive this call (it was
    freed at once and the app died with a segmentation fault)."""
    view = window.agency_view
    new_report(view, H1)
    type_text(view.prose.editor, "Xem trước")
    window.preview_action.trigger()
    window.ops.wait()  # the job is read in the worker, then the preview opens
    dialog = window.prints.preview_dialog
    qtbot.waitUntil(dialog.isVisible)
    gc.collect()
    preview = dialog.findChild(QPrintPreviewWidget)
    preview.updatePreview()
    QApplication.processEvents()
    gc.collect()
    assert preview.pageCount() >= 1
    dialog.close()
    QApplication.processEvents()
    gc.collect()
    assert window.prints.printing == []  # released once the dialog is gone


def test_print_button_prints(qtbot, window, tmp_path, monkeypatch):
    """Ctrl+P: the print dialog opens, and accepting it prints (here with "print to file")."""
    out = tmp_path / "may-in.pdf"

    def to_file(job):
        printer = printing.a4_printer(job.letterhead, margins=job.margins)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    monkeypatch.setattr(print_actions, "a4_printer", to_file)
    view = window.agency_view
    new_report(view, H1)
    type_text(view.prose.editor, "Bản in thử")
    window.print_action.trigger()
    window.ops.wait()
    dialog = window.prints.print_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.accept()
    window.ops.wait()  # painted in the worker
    qtbot.waitUntil(out.exists)
    assert out.read_bytes().startswith(b"%PDF")
    assert "Đã in" in view.notice.label.text() and "may-in.pdf" in view.notice.label.text()


def test_missing_signer_is_asked_before_export(qtbot, window, tmp_path):
    view = window.agency_view
    new_report(view, H1)
    window.workspace.setup.set_letterhead("signer_name", "Nguyễn Văn A")  # a sample, not a name
    done = []
    window.exports.when_ready("in", lambda: done.append(True))
    window.ops.wait()  # the letterhead is read in the worker
    dialog = window.exports.before_output
    qtbot.waitUntil(dialog.isVisible)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled() and dialog.inputs["signer_name"].text() == ""
    dialog.inputs["signer_name"].setText("Phạm Thị D")
    assert ok.isEnabled()
    ok.click()
    window.ops.wait()  # written in the worker, then it goes on
    assert done == [True]
    assert window.workspace.setup.letterhead().signer_name == "Phạm Thị D"
    window.exports.when_ready("in", lambda: done.append(True))  # nothing to ask any more
    window.ops.wait()
    assert done == [True, True]


def test_second_instance_hands_over(qtbot, tmp_path):
    path = tmp_path / "x.sqlite3"
    first = InstanceGuard(path)
    assert first.acquire()
    second = InstanceGuard(path)
    assert not second.acquire()
    with qtbot.waitSignal(first.activated, timeout=5000):
        assert hand_over(path)
    first.release()
    assert second.acquire()
    second.release()


CRASHING_SESSION = textwrap.dedent("""
    import os, signal, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, {tests!r})
    from ttdn_desktop.ui.app import make_application
    app = make_application()
    from ttdn_desktop.core.periods import Period
    from ttdn_desktop.storage.reports import load_content
    from ttdn_desktop.ui.main_window import MainWindow
    from ttdn_desktop.workspace import Workspace
    from uihelpers import new_report, set_up_agency, type_text
    workspace = Workspace({db!r})
    set_up_agency(workspace)
    window = MainWindow(workspace)
    window.show()
    view = window.agency_view
    report_id = new_report(view, Period.parse("2021-H1"))
    view.show_section("s:han_che")
    type_text(view.prose.editor, "Cập nhật thông tin còn chậm")
    while load_content(workspace.db, report_id).sections.get("han_che") is None:
        app.processEvents()      # until the automatic save has run
    type_text(view.prose.editor, " — chưa kịp lưu")
    os.kill(os.getpid(), signal.SIGKILL)
""")


@other_platform(sys.platform == "win32", "SIGKILL")
def test_killed_mid_edit_then_recovered(qtbot, tmp_path, forms):
    db = tmp_path / "crash.sqlite3"
    script = CRASHING_SESSION.format(tests=str(Path(__file__).parent), db=str(db))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == -9, done.stderr
    workspace = Workspace(db, forms)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    window.ops.wait()
    view = window.agency_view
    assert view.notice.isVisible()
    message = view.notice.label.text()
    assert "đóng đột ngột" in message and "«2. Hạn chế, tồn tại»" in message
    assert "6 tháng đầu năm 2021" in message
    shot(window, "05-khoi-phuc")
    view.section_key = None
    view.notice.buttons[0].click()  # "Mở lại chỗ đang soạn"
    window.ops.wait()
    assert view.section_key == "s:han_che"
    assert view.prose.editor.toPlainText() == "Cập nhật thông tin còn chậm"
    window.close()
    workspace.close()


def test_gui_smoke_on_an_agency_database(tmp_path, forms):
    db = tmp_path / "s.sqlite3"
    with Workspace(db, forms) as workspace:
        set_up_agency(workspace)
        workspace.reports.new("SNGV", H1)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "ttdn_desktop", "--db", str(db), "gui",
                           "--smoke"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_pdf_that_cannot_be_written_says_so(qtbot, window, tmp_path):
    """A folder that is in fact a file (as a full or read-only disk would): a message naming
    the file, nothing written, no half file left."""
    view = window.agency_view
    new_report(view, H1)
    blocker = tmp_path / "khong-phai-thu-muc"
    blocker.write_text("x")
    window.prints.print_pdf(str(blocker / "in.pdf"))
    window.ops.wait()
    assert "Không ghi được tệp PDF" in view.notice.label.text()
    assert "in.pdf" in view.notice.label.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["donvi.sqlite3", "donvi.sqlite3-shm",
                                                          "donvi.sqlite3-wal",
                                                          "khong-phai-thu-muc"] or \
        not list(tmp_path.glob("*.pdf*"))


def test_a_new_report_defaults_to_the_period_being_reported_now(qtbot, db_path, forms,
                                                                 monkeypatch):
    monkeypatch.setattr(agency_view, "today", lambda: date(2026, 11, 24))
    workspace = Workspace(db_path, forms)
    set_up_agency(workspace)
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    view = main.agency_view
    # late November: the year's report (cut-off 14/12), not the first 6 months (cut-off in June)
    assert (view.period_kind.currentData(), view.period_year.value()) == ("Y", 2026)
    assert view.period_kind.currentText() == "Cả năm"
    main.close()
    workspace.close()


def test_print_with_a_broken_template_says_why(qtbot, window, tmp_path):
    view = window.agency_view
    new_report(view, H1)
    bad = tmp_path / "mau-hong.docx"
    bad.write_bytes(b"not a zip")
    window.workspace.setup.set_letterhead("template", str(bad))
    window.prints.print_preview()
    window.ops.wait()
    assert "mau-hong.docx" in view.notice.label.text()
    assert getattr(window.prints, "preview_dialog", None) is None


def test_a_committee_template_is_read_for_printing_in_the_worker(qtbot, window, tmp_path,
                                                                  monkeypatch):
    """Its margins apply where the settings leave them empty: python-docx reads it (~70 ms,
    more on a network drive) in the worker, the window never waits on the file."""
    own = template.build_default_template()
    own.sections[0].left_margin = Mm(25)
    path = tmp_path / "mau-rieng.docx"
    own.save(str(path))
    window.workspace.setup.set_letterhead("template", str(path))
    read_in = []
    real = template.template_margins_mm
    monkeypatch.setattr(template, "template_margins_mm",
                        lambda *a: read_in.append(threading.current_thread()) or real(*a))
    new_report(window.agency_view, H1)
    window.prints.print_preview()
    window.ops.wait()
    qtbot.waitUntil(lambda: getattr(window.prints, "preview_dialog", None) is not None)
    dialog = window.prints.preview_dialog
    assert round(dialog.printer().pageLayout().margins().left()) == 25  # the template's
    dialog.close()
    assert read_in and threading.main_thread() not in read_in


def test_the_text_menu_shows_the_keys_of_undo_and_redo(qtbot, window):
    """Issue 20: Qt drops a key from a text field's menu when a window action owns it (the
    main window's Hoàn tác/Làm lại own Ctrl+Z/Ctrl+Y), so only those two showed none."""
    view = window.agency_view
    new_report(view, H1)
    type_text(view.prose.editor, "Một hai")
    viewport = view.prose.editor.viewport()
    at = QPoint(10, 10)
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at,
                                                       viewport.mapToGlobal(at)))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    menu = QApplication.activePopupWidget()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    menu.close()
    assert "&Hoàn tác\tCtrl+Z" in texts and "&Làm lại\tCtrl+Y" in texts, texts
    assert "&Sao chép\tCtrl+C" in texts  # as the others show theirs


def test_a_sentence_added_to_an_offer_keeps_it_and_is_shown_as_written(qtbot, window):
    """NoticeBar.add_message below an offer in rich text: the sentence's «&» and «<» are shown
    as they are, the offer's button stays."""
    notice = window.agency_view.notice
    notice.show_message("<b>Mở lại?</b>", "warning", [("Mở lại", lambda: None)])
    notice.add_message("Thư mục «A & <B>» không ghi được.", "warning")
    assert [b.text() for b in notice.buttons] == ["Mở lại"]
    shown = notice.label.text()
    assert shown.startswith("<b>Mở lại?</b><br/>") and "A &amp; &lt;B>" in shown
    notice.dismiss()
    notice.add_message("Một câu.", "info")  # nothing on offer: said on its own
    assert notice.label.text() == "Một câu." and notice.buttons == []


def test_a_sentence_added_before_the_window_is_shown_keeps_the_offer(qtbot):
    """The window builds its page and its bar before it is on screen (a window made with its
    workspace): an offer made then is kept by a sentence added after it."""
    page = QWidget()
    qtbot.addWidget(page)
    notice = NoticeBar(page)
    notice.show_message("Mở lại?", "warning", [("Mở lại", lambda: None)])
    notice.add_message("Cơ sở dữ liệu nằm trên ổ mạng.", "warning")
    assert not page.isVisible()
    assert [b.text() for b in notice.buttons] == ["Mở lại"]
    assert notice.label.text() == "Mở lại?\nCơ sở dữ liệu nằm trên ổ mạng."
