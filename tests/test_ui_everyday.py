"""Everyday window behaviour: pickers, preview counts, undo/find, layout, staying current."""

from ttdn_desktop.core import rules
from ttdn_desktop.exchange.importer import ImportResult


def test_preview_does_not_count_a_word_report_as_unchanged(qtbot):
    from ttdn_desktop.ui.import_preview import ImportPreview
    preview = ImportPreview()
    qtbot.addWidget(preview)
    preview.show_results(["a.docx", "b.ttdn"], [
        ImportResult("a.docx", rules.WORD, "", payload=b"x"),
        ImportResult("b.ttdn", rules.SAME, "")])
    text = preview.title.text()
    assert "1 báo cáo Word cần xác nhận riêng" in text
    assert "1 không thay đổi gì" in text


def test_pickers_start_in_documents_or_downloads_and_remember(workspace, tmp_path, monkeypatch):
    from ttdn_desktop.ui import filedialogs
    start = filedialogs.start_folder(workspace, "import")
    assert "ttdn_desktop" not in start and start  # never the program's folder
    filedialogs.remember(workspace, "import", str(tmp_path / "thu" / "a.ttdn"))
    assert filedialogs.start_folder(workspace, "import") != str(tmp_path / "thu")  # gone folder
    (tmp_path / "thu").mkdir()
    filedialogs.remember(workspace, "import", str(tmp_path / "thu" / "a.ttdn"))
    assert filedialogs.start_folder(workspace, "import") == str(tmp_path / "thu")
    assert "*.docx" in filedialogs.IMPORT_FILTERS.split(";;")[0]


def test_settings_take_a_date_typed_the_vietnamese_way(qtbot, workspace):
    from ttdn_desktop.ui.settings_form import SettingsDialog
    from .uihelpers import type_text
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    field = dialog.form.inputs["issued_on"]
    type_text(field, "31/02/2021")
    dialog.save()
    assert dialog.result() == 0 and "Ngày ban hành" in dialog.form.error.text()
    assert "issued_on" not in dialog.form.error.text()
    field.clear()
    type_text(field, "15/7/21")
    dialog.save()
    assert workspace.letterhead().issued_on == "2021-07-15"
    again = SettingsDialog(workspace)
    qtbot.addWidget(again)
    assert again.form.inputs["issued_on"].text() == "15/07/2021"


def test_request_dialog_has_cut_off_dates_typed_freely(qtbot, workspace):
    from datetime import date
    from ttdn_desktop.core.periods import Period
    from ttdn_desktop.ui.secretariat_view import RequestDialog
    from .uihelpers import type_text
    period = Period.parse("2021-H2")
    dialog = RequestDialog(workspace, period)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.data_from.text() and dialog.deadline.text()
    for field, typed in ((dialog.data_from, "15-12-2020"), (dialog.data_to, "14.6.21"),
                         (dialog.deadline, "20/6/21")):
        field.clear()
        type_text(field, typed)
    assert dialog.chosen_dates() == (date(2020, 12, 15), date(2021, 6, 14), date(2021, 6, 20))
    dialog.data_to.clear()
    type_text(dialog.data_to, "1/1/2020")
    dialog.check_and_accept()
    assert not dialog.result() and "trước" in dialog.error.text()
    workspace.request_bytes(period, None, date(2021, 6, 20), date(2020, 12, 15), date(2021, 6, 14))
    dates = workspace.period_dates(period)
    assert (dates.data_from, dates.data_to) == (date(2020, 12, 15), date(2021, 6, 14))
    # the title fits: the period is said inside the dialog, not only in a cut window title
    assert any(period.label in label.text() for label in dialog.findChildren(type(dialog.error)))
