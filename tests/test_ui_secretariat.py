"""The secretariat's workspace, driven with pytest-qt offscreen on a real database file."""

import gc
import subprocess
import uuid
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from shutil import which

import pytest
from docx import Document
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from ttdn_desktop.core import rules
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.role import Role
from ttdn_desktop.core.signer import Signer
from ttdn_desktop.demo import write_demo_packages
from ttdn_desktop.storage.consolidated import edited_records, merge_orders
from ttdn_desktop.ui import agency_view
from ttdn_desktop.ui.import_preview import DETAIL_COLUMN
from ttdn_desktop.ui.keys_dialog import KeysDialog
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.ui.members_view import KIND, NO_KIND
from ttdn_desktop.ui.operations import Op
from ttdn_desktop.ui.secretariat_view import RequestDialog
from ttdn_desktop.workspace import Workspace, reports as report_door

from .helpers import content, count, package, show_pasted
from .test_ui_agency import shot
from .uihelpers import (active_window, preview_outcomes, set_up_agency, set_up_secretariat,
                        type_text, visible_codes)

H1 = Period.parse("2021-H1")


def _pasted(window):
    """The sections show the agencies' texts under their names, not the draft."""
    window.ops.run(Op(show_pasted))
    window.ops.wait()


@pytest.fixture
def window(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    set_up_secretariat(workspace, 8)
    main = active_window(qtbot, workspace, 1280, 800)
    yield main
    for review in main.secretariat_view.reviews:
        review.close()
    main.close()
    workspace.close()


def _import(qtbot, window, paths):
    """Through the preview, as a user would: drop, read the preview, apply."""
    view = window.secretariat_view
    window.import_paths([str(p) for p in paths])
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.preview, timeout=20000)
    outcomes = preview_outcomes(view.preview)
    view.preview.apply_button.click()
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.tabs and not window.ops.busy,
                    timeout=20000)
    return outcomes


def _demo(tmp_path, form, count=6):
    return write_demo_packages(form, tmp_path / "in", H1, count)


def test_mixed_batch_through_the_preview(qtbot, window, tmp_path, form):
    view = window.secretariat_view
    good = _demo(tmp_path, form)
    bad = tmp_path / "hong.ttdn"
    bad.write_bytes(b"PK\x03\x04 cut off")
    stranger = tmp_path / "la.ttdn"
    stranger.write_bytes(package(form, code="XA99", name="UBND xã Lạ"))
    window.import_paths([str(p) for p in good] + [str(bad), str(stranger)])
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.preview, timeout=20000)
    assert preview_outcomes(view.preview) == [rules.NEW] * 6 + [rules.REJECTED,
                                                                 rules.UNKNOWN_AGENCY]
    assert count(window.workspace.db, "reports") == 0  # nothing applied by the preview
    texts = [view.preview.table.item(r, DETAIL_COLUMN).text() for r in range(view.preview.table.rowCount())]
    assert "hỏng" in texts[6] and "UBND xã Lạ" in texts[7]
    assert view.preview.apply_button.text() == "Nhập 7 tệp"
    shot(window, "10-xem-truoc-khi-nhap")
    view.preview.apply_button.click()
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.tabs and not window.ops.busy,
                    timeout=20000)
    assert count(window.workspace.db, "reports") == 6
    assert list((window.workspace.path.parent / "sao-luu").glob("*.sqlite3"))
    assert "Đã nhập 6 tệp; 1 được giữ lại" in view.notice.label.text()
    summary = view.dashboard.summary.text()
    assert "đã nộp <b>6/8</b>" in summary and "chưa nộp 2" in summary
    shot(window, "11-tinh-hinh-nop")


def test_dashboard_filter_and_vietnamese_sort(qtbot, window, tmp_path, form):
    view = window.secretariat_view
    _import(qtbot, window, _demo(tmp_path, form, 8))
    board = view.dashboard
    board.filter.setText("cong an")
    assert visible_codes(board) == ["CAT"]
    board.filter.setText("Công")  # typed with accents: they must match (issue 20)
    assert visible_codes(board) == ["CAT"]
    board.filter.setText("cống")
    assert visible_codes(board) == []
    board.filter.setText("")
    board.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    names = [board.proxy.index(r, 2).data() for r in range(board.proxy.rowCount())]
    assert names[:2] == ["Ban Quản lý Khu kinh tế tỉnh", "Ban Xúc tiến và Hỗ trợ đầu tư tỉnh"]
    assert names.index("Huyện Bình Liêu") < names.index("Liên đoàn Lao động tỉnh")
    board.state.setCurrentIndex(board.state.findData("missing"))
    assert visible_codes(board) == []
    # H1 2021's deadline is long past: with every member in, nothing is overdue.
    assert "mọi đơn vị đã nộp" in board.deadline.text() and "quá hạn" not in board.deadline.text()


def test_dashboard_rows_have_a_context_menu_and_say_a_double_click_opens_the_review(
        qtbot, window, tmp_path, form):
    """Issue 20: the dashboard had no context menu and nothing said a double click opens the
    review. A row's menu: Duyệt (its default, off for an agency that has not reported), a
    request to that agency, its signing key, its place in the member list."""
    view = window.secretariat_view
    _import(qtbot, window, _demo(tmp_path, form, 6))
    board = view.dashboard
    assert board.hint.isVisible() and "Nhấp đúp" in board.hint.text()
    assert "Nhấp đúp" in board.table.toolTip()
    row = visible_codes(board).index("CAT")
    menu = board.menu_for(row)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Duyệt báo cáo…", "Đề nghị Công an tỉnh báo cáo…", "Khóa ký của đơn vị…",
                     "Sửa trong danh sách thành viên"]
    assert menu.defaultAction() is menu.actions()[0] and menu.actions()[0].isEnabled()
    menu.actions()[0].trigger()
    window.ops.wait()
    assert view.reviews and view.reviews[-1].is_for("CAT", view.period)
    view.reviews[-1].close()
    missing = visible_codes(board).index(next(c for c in visible_codes(board)
                                               if c not in ("SNGV", "STTTT", "TTTT", "BXTDT",
                                                            "LDLD", "CAT")))
    assert not board.menu_for(missing).actions()[0].isEnabled()  # nothing to review yet
    board.menu_for(row).actions()[1].trigger()
    qtbot.waitUntil(lambda: view.findChild(RequestDialog) is not None, timeout=5000)
    dialog = view.findChild(RequestDialog)
    assert dialog.agency.currentData() == "CAT"
    dialog.reject()
    board.menu_for(row).actions()[3].trigger()  # after the separator
    qtbot.waitUntil(lambda: window.findChild(KeysDialog) is not None, timeout=5000)
    window.findChild(KeysDialog).reject()
    board.menu_for(row).actions()[4].trigger()
    window.ops.wait()
    assert view.tabs.currentWidget() is view.members
    assert view.members.selected_code() == "CAT"
    view.tabs.setCurrentWidget(board)  # a right click on a row shows that menu
    board.table.customContextMenuRequested.emit(board.table.visualRect(
        board.proxy.index(row, 2)).center())
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    popup = QApplication.activePopupWidget()
    assert popup.actions()[1].text() == "Đề nghị Công an tỉnh báo cáo…"
    popup.close()


def test_past_deadline_counts_only_the_missing(qtbot, window, tmp_path, form):
    _import(qtbot, window, _demo(tmp_path, form, 6))
    text = window.secretariat_view.dashboard.deadline.text()
    assert "đã quá hạn" in text and "còn 2 đơn vị chưa nộp" in text


def test_review_states_and_conflict_choice(qtbot, window, tmp_path, form):
    view = window.secretariat_view
    rid = str(uuid.uuid4())
    first = tmp_path / "a.ttdn"
    first.write_bytes(package(form, report_id=rid, body=content("Bản A")))
    _import(qtbot, window, [first])
    review = view.open_review("SNGV")
    window.ops.wait()
    review.ask_changes()  # without a comment: asked for one, nothing saved
    assert "Hãy ghi nội dung" in review.message.text()
    review.comment.setText("Bổ sung số liệu tập huấn")
    review.ask_changes()
    window.ops.wait()
    states = {s.agency.code: s.state for s in window.workspace.merge.consolidation(H1).statuses}
    assert states["SNGV"] == "needs_changes"
    review.accept_report()
    window.ops.wait()
    assert "đã duyệt" in review.header.text()
    second = tmp_path / "b.ttdn"
    second.write_bytes(package(form, report_id=rid, body=content("Bản B")))
    assert _import(qtbot, window, [second]) == [rules.CONFLICT]
    conflict = view.open_review("SNGV")
    window.ops.wait()
    assert conflict.conflict_box.isVisibleTo(conflict)
    assert "Bản A" in conflict.current.toPlainText()
    # the held version, its differences from the current one marked: A struck out, B added
    assert conflict.previous.toPlainText().endswith("Bản AB")
    assert "line-through" in conflict.previous.toHtml()
    shot(conflict, "12-xung-dot")
    conflict.take_incoming.click()
    window.ops.wait()
    assert not conflict.conflict_box.isVisibleTo(conflict)
    assert conflict.current.toPlainText().endswith("Bản AB")  # lần 2, marked against lần 1
    # the agency numbered it 1 (what it was told); here it is the second one received
    assert "lần gửi 1 (bản thứ 2 nhận được)" in conflict.header.text()
    status = next(s for s in window.workspace.merge.consolidation(H1).statuses
                  if s.agency.code == "SNGV")
    assert (status.revision, status.shown_revision) == (2, 1)  # the dashboard shows 1


def test_review_window_one_per_report_escape_closes(qtbot, secretariat_window):
    view = secretariat_window.secretariat_view
    code = secretariat_window.workspace.agencies.all()[0]["code"]
    first = view.open_review(code)
    qtbot.waitExposed(first)
    second = view.open_review(code)
    assert second is first and len(view.reviews) == 1
    qtbot.keyClick(first.comment, Qt.Key.Key_Escape)  # from wherever the keyboard is
    assert not first.isVisible()
    again = view.open_review(code)
    assert again is first and again.isVisible()
    again.close()


def test_newer_revision_after_an_edit_keeps_it_and_flags_the_section(qtbot, window, tmp_path,
                                                                     form):
    view = window.secretariat_view
    rid = str(uuid.uuid4())
    one = tmp_path / "r1.ttdn"
    one.write_bytes(package(form, report_id=rid, body=content("Phát hành 9.000 cuốn bản tin")))
    other = tmp_path / "cat.ttdn"
    other.write_bytes(package(form, code="CAT", name="Công an tỉnh",
                              body=content("Tuyên truyền phòng chống tội phạm")))
    _pasted(window)
    _import(qtbot, window, [one, other])
    view.tabs.setCurrentWidget(view.merge)
    merge = view.merge
    window.ops.wait()
    ids = [merge.sections.item(r).data(Qt.ItemDataRole.UserRole)
           for r in range(merge.sections.count())]
    merge.sections.setCurrentRow(ids.index("an_pham"))
    assert merge.contributions.count() == 2
    assert "Sở Ngoại vụ" in merge.editor.plain_text()  # merged automatically, attributed
    # leave Công an tỉnh out of this section
    cat = next(merge.contributions.item(r) for r in range(merge.contributions.count())
               if merge.contributions.item(r).data(Qt.ItemDataRole.UserRole) == "CAT")
    cat.setCheckState(Qt.CheckState.Unchecked)
    window.ops.wait()
    assert merge_orders(window.workspace.db, H1, form.id)["an_pham"][1] == {"CAT"}
    assert "Công an" not in merge.editor.plain_text()
    # the secretariat edits the consolidated text, at its end (a section opens at its top)
    merge.editor.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(merge.editor.editor, " Tổng hợp đã biên tập.")
    merge.save_now()
    window.ops.wait()
    edited = edited_records(window.workspace.db, H1, form.id)["an_pham"]
    assert edited[0].endswith("Tổng hợp đã biên tập.") and edited[1]["SNGV"] == 1
    # a newer revision arrives
    two = tmp_path / "r2.ttdn"
    two.write_bytes(package(form, report_id=rid, revision=2, supersedes=1,
                            body=content("Phát hành 9.500 cuốn bản tin")))
    assert _import(qtbot, window, [two]) == [rules.NEWER]
    view.tabs.setCurrentWidget(view.merge)
    merge.sections.setCurrentRow(ids.index("an_pham"))
    assert merge.sections.currentItem().text().startswith("⚑")
    assert merge.editor.plain_text().endswith("Tổng hợp đã biên tập.")  # the edit is kept
    assert merge.flag.isVisibleTo(merge) and "Sở Ngoại vụ" in merge.flag.text()
    window.ops.wait()  # what they had sent before is read in the worker
    changes = merge.changes.toHtml()
    assert "9.000" in changes and "9.500" in changes and "line-through" in changes
    shot(window, "13-tong-hop-co-ban-moi")
    merge.acknowledge_button.click()
    window.ops.wait()
    assert not merge.sections.currentItem().text().startswith("⚑")
    assert merge.editor.plain_text().endswith("Tổng hợp đã biên tập.")


def test_search_opens_the_section(qtbot, window, tmp_path, form):
    view = window.secretariat_view
    _import(qtbot, window, _demo(tmp_path, form, 8))
    view.tabs.setCurrentWidget(view.search)
    view.search.field.setText("phan bac luan dieu xuyen tac")
    view.search.run()
    window.ops.wait()
    assert view.search.results.rowCount() == 8
    assert "phản bác" in view.search.results.item(0, 3).text()
    view.search.results.cellDoubleClicked.emit(0, 0)
    window.ops.wait()
    review = view.reviews[-1]
    assert "Đấu tranh" in review.current.toPlainText()


def test_search_says_when_it_shows_only_the_first_results(qtbot, window, tmp_path, form,
                                                          monkeypatch):
    """«ban tin» over 60 agencies read «200 kết quả.»: the first 200, told as if all."""
    view = window.secretariat_view
    _import(qtbot, window, _demo(tmp_path, form, 8))
    view.tabs.setCurrentWidget(view.search)
    view.search.field.setText("phan bac luan dieu xuyen tac")  # 8 sections
    monkeypatch.setattr(report_door, "SEARCH_SHOWN", 5)
    view.search.run()
    window.ops.wait()
    assert view.search.results.rowCount() == 5
    assert view.search.count.text().startswith("5 kết quả đầu tiên")
    monkeypatch.setattr(report_door, "SEARCH_SHOWN", 8)
    view.search.run()
    window.ops.wait()
    assert view.search.results.rowCount() == 8
    assert view.search.count.text() == "8 kết quả."


def test_members_edit_and_excel_import(qtbot, window, tmp_path, form):
    members = window.secretariat_view.members
    key = Signer.generate()  # a package that came before the commune was a member: held
    waiting = tmp_path / "xa20.ttdn"
    waiting.write_bytes(package(form, "XA20", "UBND xã Quan Lạn", signer=key))
    window.workspace.imports.run([waiting])
    assert window.workspace.keys.pinned() == []
    members.new_code.setText("xa20")
    members.new_name.setText("UBND xã Quan Lạn")
    members.add()
    window.ops.wait()
    assert "XA20" in members.codes()
    said = members.message.text()  # its key, recorded only now, shown as first seen
    assert "Đã nhập 1 gói" in said and f"Khóa ký mới của đơn vị được ghi nhận: {key.short}" \
        in said
    row = members.codes().index("XA20")
    members.table.item(row, 1).setText("UBND đặc khu Vân Đồn")
    window.ops.wait()
    assert window.workspace.agencies.get("XA20")["name"] == "UBND đặc khu Vân Đồn"
    members.table.selectRow(row)
    members.move(-1)
    window.ops.wait()
    assert members.codes().index("XA20") == row - 1
    members.toggle_retired()
    window.ops.wait()
    assert window.workspace.agencies.get("XA20")["retired"] == 1
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH THÀNH VIÊN BAN CHỈ ĐẠO"])
    sheet.append(["STT", "Mã", "Tên đơn vị", "Loại"])
    sheet.append([1, "SNGV", "Sở Ngoại vụ", "sở"])
    sheet.append([2, "SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "sở"])
    sheet.append([3, "CAT", "Công an tỉnh (đổi tên)", "ngành"])
    path = tmp_path / "thanh-vien.xlsx"
    book.save(path)
    members.import_excel(str(path))
    window.ops.wait()
    assert "thêm 1 đơn vị, đổi tên 1 đơn vị" in members.message.text()
    assert window.workspace.agencies.get("CAT")["name"] == "Công an tỉnh (đổi tên)"
    bad = tmp_path / "sai.xlsx"
    Workbook().save(bad)
    members.import_excel(str(bad))
    window.ops.wait()
    assert "không thấy dòng tiêu đề" in members.message.text()


def test_members_kinds_chosen_from_a_list_edited_beside_them(qtbot, window, tmp_path):
    """Issue 20: the «Loại» column was empty without explanation. Kinds are a list edited
    beside the members; a member's kind is picked from it; the Excel import reads «Loại»."""
    members = window.secretariat_view.members
    members.reload()
    window.ops.wait()
    listed = [members.kind_list.item(r).text() for r in range(members.kind_list.count())]
    assert listed[:2] == ["Sở, ban, ngành", "Lực lượng vũ trang"]
    row = members.codes().index("CAT")
    cell = members.table.item(row, KIND)
    assert cell.text() == NO_KIND and "nhấp đúp" in cell.toolTip()
    index = members.table.model().index(row, KIND)
    editor = members.table.itemDelegateForColumn(KIND).createEditor(
        members.table.viewport(), QStyleOptionViewItem(), index)
    assert [editor.itemText(i) for i in range(editor.count())] == [NO_KIND] + listed
    editor.setCurrentIndex(listed.index("Lực lượng vũ trang") + 1)
    members.table.itemDelegateForColumn(KIND).setModelData(editor, members.table.model(), index)
    window.ops.wait()
    assert window.workspace.agencies.get("CAT")["kind"] == "Lực lượng vũ trang"
    assert members.table.item(members.codes().index("CAT"), KIND).text() == "Lực lượng vũ trang"
    # the list: add, rename (members follow), refuse to remove a kind in use
    members.kind_name.setText("Doanh nghiệp")
    members.add_kind()
    window.ops.wait()
    assert members.kind_list.item(members.kind_list.count() - 1).text() == "Doanh nghiệp"
    assert members.new_kind.findData("Doanh nghiệp") > 0
    members.kind_list.item(1).setText("Công an, quân sự")
    window.ops.wait()
    assert window.workspace.agencies.get("CAT")["kind"] == "Công an, quân sự"
    members.kind_list.setCurrentRow(1)
    members.remove_kind()
    window.ops.wait()
    assert "Không bỏ được loại «Công an, quân sự»" in members.message.text()
    assert "Công an, quân sự" in window.workspace.agencies.kinds()
    members.move_kind(1)  # moved down, and stays the one chosen
    window.ops.wait()
    assert window.workspace.agencies.kinds()[1:3] == ["Mặt trận, đoàn thể", "Công an, quân sự"]
    assert members.kind_list.currentItem().text() == "Công an, quân sự"
    # a new member with its kind; then the Excel list with a «Loại» column
    members.new_code.setText("XA30")
    members.new_name.setText("UBND xã Cái Chiên")
    members.new_kind.setCurrentIndex(members.new_kind.findData("Xã, phường, đặc khu"))
    members.add()
    window.ops.wait()
    assert window.workspace.agencies.get("XA30")["kind"] == "Xã, phường, đặc khu"
    book = Workbook()
    book.active.append(["Mã", "Tên đơn vị", "Loại"])
    book.active.append(["SNGV", "Sở Ngoại vụ", "so, ban, nganh"])
    book.active.append(["BAOQN", "Báo Quảng Ninh", "Báo, đài"])
    path = tmp_path / "loai.xlsx"
    book.save(path)
    members.import_excel(str(path))
    window.ops.wait()
    assert "thêm 1 đơn vị" in members.message.text() and "đổi loại 1 đơn vị" in members.message.text()
    assert window.workspace.agencies.get("SNGV")["kind"] == "Sở, ban, ngành"
    assert window.workspace.agencies.get("BAOQN")["kind"] == "Báo, đài"
    assert "Báo, đài" in [members.kind_list.item(r).text() for r in range(members.kind_list.count())]


def test_consolidated_exports_and_request(qtbot, window, tmp_path, form, forms):
    view = window.secretariat_view
    _pasted(window)
    _import(qtbot, window, _demo(tmp_path, form, 4))
    out = tmp_path / "tong-hop.docx"
    window.exports.export_docx(str(out))
    qtbot.waitUntil(lambda: out.exists() and not window.ops.busy, timeout=20000)
    document = Document(out)
    assert document.tables[0].rows[1].cells[0].text == "Số 127-BC/BTGDVTU"
    assert any(p.text.startswith("Sở Ngoại vụ: ") for p in document.paragraphs)
    request = tmp_path / "de-nghi.ttdn"
    view.write_request(str(request), "CAT", date(2021, 6, 20))
    window.ops.wait()
    assert request.exists() and "de-nghi.ttdn" in view.notice.label.text()
    with Workspace(tmp_path / "donvi.sqlite3", forms) as agency:
        set_up_agency(agency, "CAT", "Công an tỉnh")
        [result] = agency.imports.run([request])
        assert "đã tạo báo cáo" in result.detail


def test_eml_dropped_on_the_window(qtbot, window, tmp_path, form):
    message = EmailMessage()
    message["Subject"] = "Báo cáo"
    message.set_content("Gửi kèm báo cáo.")
    message.add_attachment(package(form), maintype="application", subtype="octet-stream",
                           filename="SNGV.ttdn")
    path = tmp_path / "thu.eml"
    path.write_bytes(bytes(message))
    assert _import(qtbot, window, [path]) == [rules.NEW]
    assert Path(window.workspace.path).exists()
    assert count(window.workspace.db, "reports") == 1


def test_secretariat_prints_the_consolidated_report(qtbot, window, tmp_path, form):
    """The secretariat's preview and PDF: the signer is asked first (none is set up), then the
    consolidated report is printed with each agency named."""
    _pasted(window)
    window.workspace.imports.run(write_demo_packages(form, tmp_path / "in", H1, 3))
    window.secretariat_view.reload_periods(H1)
    window.secretariat_view.select_period(H1)
    window.ops.wait()
    window.preview_action.trigger()
    window.ops.wait()
    ask = window.exports.before_output
    qtbot.waitUntil(ask.isVisible)
    ask.inputs["signer_name"].setText("Trần Văn Bình")
    ask.inputs["signer_title"].setText("PHÓ TRƯỞNG BAN")  # no title is assumed either
    ask.inputs["place"].setText("Quảng Ninh")  # named, as nothing set it up
    ask.buttons.button(ask.buttons.StandardButton.Ok).click()
    window.ops.wait()
    assert window.workspace.setup.letterhead().place == "Quảng Ninh"
    dialog = window.prints.preview_dialog
    qtbot.waitUntil(dialog.isVisible)
    gc.collect()
    preview = dialog.findChild(QPrintPreviewWidget)
    preview.updatePreview()
    assert preview.pageCount() >= 2  # the report, then the annex
    dialog.close()
    out = tmp_path / "tong-hop.pdf"
    window.prints.print_pdf(str(out))
    window.ops.wait()
    assert out.read_bytes().startswith(b"%PDF")
    if which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                              text=True).stdout
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Trần Văn Bình" in text
        assert "Sở Ngoại vụ:" in text and "6 tháng đầu năm 2021" in text
        assert text.count("BIỂU THỐNG KÊ SỐ LIỆU") == 1  # nothing drawn twice at a page break


def test_other_period_defaults_to_the_period_being_reported_now(qtbot, tmp_path, forms,
                                                                monkeypatch):
    monkeypatch.setattr(agency_view, "today", lambda: date(2026, 11, 24))
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    workspace.setup.first_start(Role.SECRETARIAT, {"number": "127"})
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    view = main.secretariat_view
    assert (view.new_kind.currentData(), view.new_year.value()) == ("Y", 2026)
    main.close()
    workspace.close()
