"""Word reports and legacy text in the app."""

import re
from email.message import EmailMessage

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.signer import Signer
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.ui.review_window import ReviewWindow
from ttdn_desktop.ui.word_import_dialog import WordImportDialog

from .helpers import package
from .test_ui_agency import shot
from .test_ui_agency import db_path  # noqa: F401  (fixtures of the agency app)
from .test_ui_agency import window as agency_window  # noqa: F401
from .test_ui_secretariat import window as secretariat_window  # noqa: F401
from .test_word_safety import FULL, LESSER
from .uihelpers import members, new_report, preview_outcomes, type_text
from .wordfiles import numbered_report, tcvn3

H1 = Period.parse("2021-H1")


def test_paste_repairs_legacy_text_and_leaves_unicode(qtbot, agency_window):  # noqa: F811
    view = agency_window.agency_view
    new_report(view, H1)
    editor = view.prose.editor
    plain = QMimeData()
    plain.setText(tcvn3("Cộng hòa xã hội chủ nghĩa Việt Nam"))
    editor.insertFromMimeData(plain)
    assert editor.toPlainText() == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    editor.clear()
    html = QMimeData()
    html.setHtml(f"<p><span style=\"font-family:'.VnTime'\">{tcvn3('thông tin đối ngoại')}"
                 "</span> và <span style=\"font-family:'VNI-Times'\">Coäng hoøa</span></p>")
    editor.insertFromMimeData(html)
    assert editor.toPlainText() == "thông tin đối ngoại và Cộng hòa"
    editor.clear()
    unicode = QMimeData()
    unicode.setText("Café crème — tiếng Việt")
    editor.insertFromMimeData(unicode)
    assert editor.toPlainText() == "Café crème — tiếng Việt"


def test_repair_a_selected_passage(qtbot, agency_window):  # noqa: F811
    view = agency_window.agency_view
    new_report(view, H1)
    editor = view.prose.editor
    type_text(editor, "Đúng rồi. ")
    editor.insertPlainText("Coäng hoøa")  # typed through a VNI keyboard into a Unicode font
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, 10)
    editor.setTextCursor(cursor)
    agency_window.repair_action.trigger()
    assert editor.toPlainText() == "Đúng rồi. Cộng hòa"
    assert "VNI" in view.notice.label.text()
    editor.undo()
    assert editor.toPlainText().endswith("Coäng hoøa")


def test_word_report_dropped_then_confirmed(qtbot, secretariat_window, tmp_path):  # noqa: F811
    window = secretariat_window
    view = window.secretariat_view
    path = tmp_path / "bao-cao-sngv.docx"
    path.write_bytes(numbered_report())
    window.import_paths([str(path)])
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.preview, timeout=20000)
    assert preview_outcomes(view.preview) == ["word"]
    assert view.preview.word_button.isVisibleTo(view.preview)
    assert not view.preview.apply_button.isEnabled()
    view.preview.word_button.click()
    window.ops.wait()  # the report is read off the UI thread
    dialog = view.word_dialogs[-1]
    assert dialog.agency.currentData() == "SNGV" and dialog.period.currentData() == "2021-H1"
    assert dialog.matches.rowCount() == 7
    assert dialog.figures.item(0, 0).checkState() == Qt.CheckState.Unchecked
    shot(dialog, "14-nhap-bao-cao-word")
    rows = {dialog.figures.item(r, 1).text(): r for r in range(dialog.figures.rowCount())}
    tick = rows["Số bản ấn phẩm, tài liệu phát hành = 9.000 bản"]
    dialog.figures.item(tick, 0).setCheckState(Qt.CheckState.Checked)
    weather = [dialog.report.other[n][0] for n in range(len(dialog.placements))].index(
        "3. Tình hình thời tiết")
    dialog.placements[weather].setCurrentIndex(dialog.placements[weather].findData("quang_ba"))
    dialog.ok_button.click()
    window.ops.wait()
    report = window.workspace.reports.of("SNGV", H1)
    content = report_store.load_content(window.workspace.db, report["id"])
    assert content.figures == {("ban_an_pham", ""): 9000}
    assert "Mưa nhiều" in content.sections["quang_ba"]
    assert "đã nhập" in view.notice.label.text()


def test_word_report_attached_to_an_email(qtbot, secretariat_window, tmp_path):  # noqa: F811
    window = secretariat_window
    view = window.secretariat_view
    message = EmailMessage()
    message["Subject"] = "Báo cáo"
    message.set_content("Gửi kèm báo cáo bằng Word.")
    message.add_attachment(numbered_report(), maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                           filename="Báo cáo SNgV.docx")
    path = tmp_path / "thu.eml"
    path.write_bytes(bytes(message))
    window.import_paths([str(path)])
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.preview, timeout=20000)
    assert preview_outcomes(view.preview) == ["word"]
    view.preview.word_button.click()
    window.ops.wait()
    dialog = view.word_dialogs[-1]
    assert dialog.report.file_name == "thu.eml › Báo cáo SNgV.docx"
    dialog.ok_button.click()
    window.ops.wait()
    assert window.workspace.reports.of("SNGV", H1) is not None


def test_word_dialog_names_what_would_be_lost_and_kept_text_is_placed_later(
        qtbot, secretariat_window, tmp_path):  # noqa: F811
    workspace = secretariat_window.workspace
    full, lesser = tmp_path / "day-du.docx", tmp_path / "it-hon.docx"
    full.write_bytes(FULL)
    lesser.write_bytes(LESSER)
    first = WordImportDialog(workspace, secretariat_window.ops, workspace.word.read(full),
                             members(workspace))
    qtbot.addWidget(first)
    first.show()
    secretariat_window.ops.wait()  # what it would lose is read in the worker
    assert not first.losses_box.isVisible()          # nothing there yet: nothing to lose
    first.ok_button.click()                          # the weather part: "Để sau"
    secretariat_window.ops.wait()
    assert workspace.reports.of("SNGV", H1)["current_revision"] == 1

    dialog = WordImportDialog(workspace, secretariat_window.ops, workspace.word.read(lesser),
                              members(workspace))
    qtbot.addWidget(dialog)
    dialog.show()
    secretariat_window.ops.wait()
    assert dialog.losses_box.isVisible()
    assert "«1. Thông tin, tuyên truyền trên báo chí, phát thanh, truyền hình» sẽ bị xóa " \
        "trống" in dialog.losses.text()
    shot(dialog, "15-word-ban-it-hon")
    dialog.ok_button.click()
    assert "đánh dấu xác nhận" in dialog.error.text()
    assert workspace.reports.of("SNGV", H1)["current_revision"] == 1
    dialog.period.setCurrentIndex(dialog.period.findData("2021-H2"))
    secretariat_window.ops.wait()
    assert not dialog.losses_box.isVisible()         # another period: nothing to replace
    dialog.period.setCurrentIndex(dialog.period.findData("2021-H1"))
    secretariat_window.ops.wait()
    dialog.allow_losses.setChecked(True)
    dialog.ok_button.click()
    secretariat_window.ops.wait()
    assert workspace.reports.of("SNGV", H1)["current_revision"] == 2

    def sending():  # as the dashboard and `ttdn status` show the agency's sending
        status = next(s for s in workspace.merge.consolidation(H1).statuses
                      if s.agency.code == "SNGV")
        return status.label, status.shown_revision, status.sent_at, status.received_at

    before = sending()
    review = ReviewWindow(workspace, secretariat_window.ops, "SNGV", H1)
    qtbot.addWidget(review)
    review.show()
    secretariat_window.ops.wait()  # read in the worker
    header = review.header.text()
    assert review.unplaced_box.isVisible() and review.unplaced.count() == 1
    assert review.unplaced.item(0).text().startswith("«2. Tình hình thời tiết» — Mưa nhiều")
    shot(review, "16-phan-chua-xep")
    review.place_target.setCurrentIndex(review.place_target.findData("quang_ba"))
    review.place_button.click()
    secretariat_window.ops.wait()
    assert "Đã đưa vào mục «4. Quảng bá hình ảnh" in review.message.text()
    assert not review.unplaced_box.isVisible()
    content = report_store.load_content(workspace.db, workspace.reports.of("SNGV", H1)["id"])
    assert content.sections["quang_ba"].startswith("**2. Tình hình thời tiết**")
    # the secretariat's placing is no sending of the agency: a revision is kept (history,
    # undo), the agency's sending shown as it was — not «nộp muộn», «lần 3», sent today
    assert workspace.reports.of("SNGV", H1)["current_revision"] == 3
    assert sending() == before
    assert "lần gửi 2 (" in review.header.text()
    when = re.compile(r", nhận (\d\d/\d\d/\d{4} \d\d:\d\d)")
    assert when.search(header)[1] == when.search(review.header.text())[1]


def test_word_dialog_asks_before_replacing_a_signed_report(
        qtbot, secretariat_window, tmp_path, monkeypatch):  # noqa: F811
    """An unsigned Word report over the agency's signed report: asked first (issue 22)."""
    workspace = secretariat_window.workspace
    signed = tmp_path / "sngv.ttdn"
    signed.write_bytes(package(workspace.form, signer=Signer.generate()))
    workspace.imports.run([signed])
    path = tmp_path / "sngv.docx"
    path.write_bytes(numbered_report())
    dialog = WordImportDialog(workspace, secretariat_window.ops, workspace.word.read(path),
                              members(workspace))
    qtbot.addWidget(dialog)
    dialog.show()
    secretariat_window.ops.wait()
    for box in dialog.confirmed:
        box.setChecked(True)
    dialog.allow_losses.setChecked(True)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: asked.append(
        text) or QMessageBox.StandardButton.No)
    dialog.ok_button.click()
    secretariat_window.ops.wait()
    assert len(asked) == 1 and "có chữ ký" in asked[0] and "Sở Ngoại vụ" in asked[0]
    assert workspace.reports.of("SNGV", H1)["current_revision"] == 1  # nothing stored
    assert dialog.ok_button.isEnabled() and dialog.isVisible()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a: QMessageBox.StandardButton.Yes)
    dialog.ok_button.click()
    secretariat_window.ops.wait()
    assert workspace.reports.of("SNGV", H1)["current_revision"] == 2
