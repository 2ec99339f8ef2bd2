"""An agency's own statistics sheet dropped into the secretariat's window: confirmed in the
same dialog as a Word report, its warnings shown, only the ticked figures stored."""

from PySide6.QtCore import Qt

from ttdn_desktop.core.periods import Period
from ttdn_desktop.storage import reports as report_store

from .sheetfiles import statistics_sheet
from .test_sheet_import import _program_sheet
from .test_ui_agency import shot
from .test_ui_secretariat import window as secretariat_window  # noqa: F401
from .uihelpers import preview_outcomes

H1 = Period.parse("2021-H1")


def test_agency_sheet_dropped_then_confirmed(qtbot, secretariat_window, tmp_path):  # noqa: F811
    window = secretariat_window
    view = window.secretariat_view
    path = tmp_path / "so-lieu-sngv.xlsx"
    path.write_bytes(_program_sheet())
    window.import_paths([str(path)])
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.preview, timeout=20000)
    assert preview_outcomes(view.preview) == ["word"]
    view.preview.word_button.click()
    window.ops.wait()  # the sheet is read off the UI thread
    dialog = view.word_dialogs[-1]
    assert dialog.windowTitle() == "Nhập bảng số liệu — so-lieu-sngv.xlsx"
    assert dialog.ok_button.text() == "Nhận các số đã đánh dấu"
    assert "có công thức chưa tính giá trị" in dialog.warnings.text()
    assert dialog.warnings.isVisibleTo(dialog) and not dialog.matches.isVisibleTo(dialog)
    rows = {dialog.figures.item(r, 1).text(): r for r in range(dialog.figures.rowCount())}
    assert dialog.figures.item(0, 0).checkState() == Qt.CheckState.Unchecked
    assert "ô Sheet1!D5" in dialog.figures.item(rows["Số bản ấn phẩm, tài liệu phát hành = "
                                                     "3.800 bản"], 2).text()
    dialog.agency.setCurrentIndex(dialog.agency.findData("SNGV"))
    assert dialog.period.currentData() == "2021-Y"  # «… NĂM 2021» in its title
    dialog.period.setCurrentIndex(dialog.period.findData("2021-H1"))
    assert not dialog.ok_button.isEnabled()  # until the sheet is read for that period
    window.ops.wait()
    assert dialog.ok_button.isEnabled()
    rows = {dialog.figures.item(r, 1).text(): r for r in range(dialog.figures.rowCount())}
    shot(dialog, "21-nhap-bang-so-lieu")
    dialog.ok_button.click()  # nothing ticked: nothing stored, said so
    window.ops.wait()
    assert "chưa nhận số liệu nào" in dialog.error.text()
    assert not window.workspace.reports.exist()
    tick = rows["Số bản ấn phẩm, tài liệu phát hành = 3.800 bản"]
    dialog.figures.item(tick, 0).setCheckState(Qt.CheckState.Checked)
    dialog.ok_button.click()
    window.ops.wait()
    report = window.workspace.reports.of("SNGV", H1)
    content = report_store.load_content(window.workspace.db, report["id"])
    assert content.figures == {("ban_an_pham", ""): 3800}


def test_another_period_reads_its_own_column(qtbot, secretariat_window, tmp_path):  # noqa: F811
    window = secretariat_window
    view = window.secretariat_view
    path = tmp_path / "so-lieu.fods"  # LibreOffice's flat file, read as it is written
    path.write_text(statistics_sheet(), encoding="utf-8")
    window.import_paths([str(path)])
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.preview, timeout=20000)
    view.preview.word_button.click()
    window.ops.wait()
    dialog = view.word_dialogs[-1]

    def figures():
        return [dialog.figures.item(r, 1).text() for r in range(dialog.figures.rowCount())]

    assert dialog.period.currentData() == "2021-H1"
    assert "Tin, bài đăng trên cổng/trang thông tin điện tử = 1.250 tin/bài" in figures()
    dialog.period.setCurrentIndex(dialog.period.findData("2020-H1"))
    window.ops.wait()
    assert "Tin, bài đăng trên cổng/trang thông tin điện tử = 1.100 tin/bài" in figures()
    assert "cột E «Kết quả 6 tháng đầu năm 2020»" in dialog.warnings.text()
    row = figures().index("Số bản ấn phẩm, tài liệu phát hành = 2.900 bản")
    dialog.figures.item(row, 0).setCheckState(Qt.CheckState.Checked)
    dialog.agency.setCurrentIndex(dialog.agency.findData("SNGV"))
    dialog.ok_button.click()
    window.ops.wait()
    report = window.workspace.reports.of("SNGV", Period.parse("2020-H1"))
    content = report_store.load_content(window.workspace.db, report["id"])
    assert content.figures == {("ban_an_pham", ""): 2900}
