"""The import preview and what the window says of an import: the period in words, never its
code (the command line keeps the codes it takes), a long reason readable whole, and a Word
report counted as one to confirm, not as unchanged."""

import re
from email.message import EmailMessage

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ttdn_desktop.core import rules
from ttdn_desktop.core.periods import Period
from ttdn_desktop.demo import report_id_for, write_demo_packages
from ttdn_desktop.exchange.import_result import ImportResult
from ttdn_desktop.ui.import_preview import DETAIL_COLUMN, HEADERS, ImportPreview
from ttdn_desktop.ui.notice import STYLES
from ttdn_desktop.workspace import Workspace

from .helpers import content, own_signer, package
from .test_ui_word_figures import _report
from .uihelpers import active_window, preview_outcomes, set_up_agency, set_up_secretariat

H1 = Period.parse("2021-H1")
CODE = re.compile(r"\b20[0-9]{2}-(Q[1-4]|H[12]|9M|Y)\b")
PERIOD_COLUMN = HEADERS.index("Kỳ")


@pytest.fixture
def window(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    set_up_secretariat(workspace, 4)
    main = active_window(qtbot, workspace, 1366, 740)
    yield main
    main.close()
    workspace.close()


def _preview(qtbot, window, paths):
    view = window.secretariat_view
    view.close_preview()  # the one before, if any, is not taken for this one
    window.import_paths([str(p) for p in paths])
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.preview, timeout=20000)
    return view.preview


def _apply(qtbot, window):
    view = window.secretariat_view
    view.preview.apply_button.click()
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.tabs and not window.ops.busy,
                    timeout=20000)


def _cells(table):
    return [table.item(r, c).text() for r in range(table.rowCount())
            for c in range(table.columnCount()) if table.item(r, c)]


def test_the_window_names_periods_in_words(qtbot, window, tmp_path, form):
    paths = write_demo_packages(form, tmp_path / "in", H1, 6,  # 2 of them not members
                                signer=own_signer)
    preview = _preview(qtbot, window, paths)
    table = preview.table
    assert [table.item(r, PERIOD_COLUMN).text() for r in range(table.rowCount())] == \
        ["6 tháng đầu năm 2021"] * 6
    # the 2 held for not being members record no key (issue 22)
    assert "4 khóa ký mới sẽ được ghi nhận" in preview.title.text()
    _apply(qtbot, window)
    # another report of the same agency and period: a conflict, whose reason names the period
    other = tmp_path / "khac.ttdn"
    other.write_bytes(package(form, signer=own_signer("SNGV")))
    preview = _preview(qtbot, window, [other])
    assert preview_outcomes(preview) == [rules.CONFLICT]
    assert "kỳ 6 tháng đầu năm 2021" in preview.table.item(0, PERIOD_COLUMN + 3).text()
    assert not [text for text in _cells(preview.table) if CODE.search(text)]
    # an unsigned package once the key is pinned: held, and listed in the keys window
    unsigned = tmp_path / "khong-ky.ttdn"
    unsigned.write_bytes(package(form, report_id=report_id_for("SNGV", H1), revision=2,
                                 supersedes=1, body=content("Gửi từ máy khác.")))
    assert preview_outcomes(_preview(qtbot, window, [unsigned])) == [rules.SIGNATURE]
    _apply(qtbot, window)
    window.open_keys()
    dialog = window.commands.keys_dialog
    window.ops.wait()
    assert dialog.held.rowCount() == 1
    assert dialog.held.item(0, 2).text() == "6 tháng đầu năm 2021"
    assert not [text for text in _cells(dialog.held) if CODE.search(text)]
    dialog.close()


def test_an_agency_is_told_of_an_import_in_words(qtbot, tmp_path, forms):
    with Workspace(tmp_path / "btg.sqlite3", forms) as secretariat:
        set_up_secretariat(secretariat, 2)
        (tmp_path / "de-nghi.ttdn").write_bytes(secretariat.files.request_bytes(H1, None))
    with Workspace(tmp_path / "donvi.sqlite3", forms) as workspace:
        set_up_agency(workspace)
        window = active_window(qtbot, workspace)
        window.ops.wait()
        window.import_paths([str(tmp_path / "de-nghi.ttdn")])
        window.ops.wait()
        text = window.agency_view.notice.label.text()
        assert "6 tháng đầu năm 2021" in text and not CODE.search(text), text
        window.close()


def _long_reasons(tmp_path):
    """Files refused with long reasons: a mail with only attachments of no readable kind, and a
    .rar (what to send instead, and what is read)."""
    folder = tmp_path / "thu"
    folder.mkdir()
    mail = EmailMessage()
    mail["Subject"] = "Báo cáo"
    mail.set_content("Gửi kèm các phụ lục.")
    for n in range(8):
        mail.add_attachment(b"%PDF-1.4 x", maintype="application", subtype="pdf",
                            filename=f"Phu-luc-so-lieu-chi-tiet-cua-don-vi-so-{n + 1}.pdf")
    (folder / "thu-chuyen-tiep-tu-so-ngoai-vu.eml").write_bytes(bytes(mail))
    (folder / "bao-cao.rar").write_bytes(b"Rar!\x1a\x07\x01\x00" + b"\0" * 600)
    return sorted(folder.iterdir())


def test_a_long_reason_is_read_and_copied_whole(qtbot, window, tmp_path, form):
    paths = write_demo_packages(form, tmp_path / "in", H1, 6) + _long_reasons(tmp_path)
    preview = _preview(qtbot, window, paths)
    table = preview.table
    reasons = {r: preview.results[r].detail for r in range(table.rowCount())
               if preview.results[r].outcome == rules.REJECTED}
    assert len(reasons) == 2 and all(len(text) > 100 for text in reasons.values())
    # every row as tall as its text wrapped at the width shown: nothing cut with "…"
    qtbot.waitUntil(lambda: all(table.rowHeight(r) >= table.sizeHintForRow(r)
                                for r in range(table.rowCount())), timeout=3000)
    assert table.columnWidth(DETAIL_COLUMN) >= table.viewport().width() // 4  # was a sixth
    window.resize(1000, 700)  # a narrower window, or a larger scaling: the reason keeps room
    qtbot.waitUntil(lambda: table.viewport().width() < 1000 and
                    table.columnWidth(DETAIL_COLUMN) >= table.viewport().width() // 4 and
                    all(table.rowHeight(r) >= table.sizeHintForRow(r)
                        for r in range(table.rowCount())), timeout=3000)
    window.resize(1366, 740)
    for row, text in reasons.items():
        item = table.item(row, DETAIL_COLUMN)
        assert item.text() == text and item.toolTip() == text
        assert table.item(row, 0).toolTip() == preview.results[row].file_name
    # copied whole, from the context menu or with Ctrl+C
    row = min(reasons)
    QApplication.clipboard().clear()
    table.selectRow(row)
    assert preview.copy_action.text() == "Sao chép lý do"
    assert preview.copy_action in table.actions()  # the context menu of the rows
    preview.copy_action.trigger()
    assert QApplication.clipboard().text() == reasons[row]
    QApplication.clipboard().clear()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == reasons[row]


def test_the_period_is_read_on_one_line_at_125_percent(qtbot, window, tmp_path, form):
    """1366×768 at 125 % leaves the window 1093 points wide: «6 tháng đầu năm 2021» broke
    after «năm» (its column was capped at a share of the table), found in the real window."""
    paths = write_demo_packages(form, tmp_path / "in", H1, 2)
    window.resize(1077, 574)
    preview = _preview(qtbot, window, paths)
    table = preview.table
    qtbot.waitUntil(lambda: table.viewport().width() < 1077, timeout=3000)
    preview.fit_columns()
    assert table.columnWidth(PERIOD_COLUMN) >= table.sizeHintForColumn(PERIOD_COLUMN)
    metrics = table.fontMetrics()
    for row in range(table.rowCount()):
        text = table.item(row, PERIOD_COLUMN).text()
        assert metrics.horizontalAdvance(text) < table.columnWidth(PERIOD_COLUMN), text


def test_an_agency_is_told_a_word_report_is_not_for_its_window(qtbot, tmp_path, forms):
    """A member agency picked a Word report in «Nhập tệp»: it was told «báo cáo Word: cần xác
    nhận», with nothing to confirm it in (found in the real window, issue 21)."""
    path = tmp_path / "Bao cao.docx"
    path.write_bytes(_report())
    with Workspace(tmp_path / "donvi.sqlite3", forms) as workspace:
        set_up_agency(workspace)
        window = active_window(qtbot, workspace)
        window.ops.wait()
        window.import_paths([str(path)])
        window.ops.wait()
        notice = window.agency_view.notice
        text = notice.label.text()
        assert "Bao cao.docx" in text and "cần xác nhận" not in text, text
        assert "chỉ nhập gói đề nghị báo cáo" in text
        assert STYLES["warning"] in notice.styleSheet()
        assert not workspace.reports.exist()
        window.close()


def test_preview_does_not_count_a_word_report_as_unchanged(qtbot):
    preview = ImportPreview()
    qtbot.addWidget(preview)
    preview.show_results(["a.docx", "b.ttdn"], [
        ImportResult("a.docx", rules.WORD, "", payload=b"x"),
        ImportResult("b.ttdn", rules.SAME, "")])
    text = preview.title.text()
    assert "1 báo cáo cần xác nhận riêng" in text
    assert "1 không thay đổi gì" in text
