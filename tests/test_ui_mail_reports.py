"""Reports in mail, in the window: the same report sent twice shows once to confirm, its copy
named as the same report and not imported."""

from ttdn_desktop.core import rules
from ttdn_desktop.core.periods import Period

from . import mailfiles as mf
from .test_mail_reports import saved  # noqa: F401  (the reports as LibreOffice saves them)
from .test_mail_text import LAYOUTS
from .test_ui_secretariat import window  # noqa: F401
from .uihelpers import preview_outcomes


def test_the_preview_names_a_copy_as_the_same_report(qtbot, window, saved, tmp_path):  # noqa: F811
    view = window.secretariat_view
    path = tmp_path / "thu.eml"
    path.write_bytes(mf.outlook_mail([
        mf.outlook_part("Báo cáo.rtf", saved["rtf"]["title_alone.html"]),
        mf.outlook_part("Báo cáo.docx", saved["docx"]["title_alone.html"])],
        subject="FW: FW: Báo cáo"))
    window.import_paths([str(path)])
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.preview, timeout=20000)
    preview = view.preview
    assert preview_outcomes(preview) == [rules.SKIPPED, rules.WORD]
    assert preview.table.item(0, 0).text() == "thu.eml › Báo cáo.rtf"
    assert preview.table.item(0, 5).text() == "cùng báo cáo với «thu.eml › Báo cáo.docx», " \
        "không nhập"
    assert preview.word_items() == [("thu.eml › Báo cáo.docx", saved["docx"]["title_alone.html"])]
    assert preview.word_button.text() == "Xác nhận 1 báo cáo Word…"
    assert "1 báo cáo Word cần xác nhận riêng" in preview.title.text()


def test_a_report_pasted_in_a_mail_is_confirmed_with_the_senders_proposal(
        qtbot, window, tmp_path):  # noqa: F811
    view = window.secretariat_view
    path = tmp_path / "thu.eml"
    path.write_bytes(LAYOUTS["outlook.eml"][0])
    window.import_paths([str(path)])
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.preview, timeout=20000)
    preview = view.preview
    assert preview_outcomes(preview) == [rules.WORD]
    assert preview.table.item(0, 0).text() == "thu.eml › nội dung thư"
    assert "đơn vị chỉ là đề xuất theo người gửi, cần xác nhận" in preview.table.item(0, 5).text()
    preview.word_button.click()
    window.ops.wait()
    dialog = view.word_dialogs[-1]
    assert dialog.agency.currentData() == "SNGV" and dialog.period.currentData() == "2021-H1"
    assert dialog.isVisible()
    assert window.workspace.reports.find("SNGV", Period.parse("2021-H1")) is None  # asked first
    dialog.ok_button.click()
    window.ops.wait()
    report = window.workspace.reports.of("SNGV", Period.parse("2021-H1"))
    assert report is not None and report["current_revision"] == 1
