"""Dates typed the Vietnamese way, day first («15/7/21», «15-12-2020», «14.6.21»): in the
settings, the request's cut-off dates and the deadline passed down to the members. Each is read
as meant and shown back as dd/mm/yyyy; a date that cannot be, or comes too late, is said in
words."""

from datetime import date
from types import SimpleNamespace

from ttdn_desktop.core.periods import Period
from ttdn_desktop.ui.secretariat_view import RequestDialog
from ttdn_desktop.ui.upward_panel import ForwardDialog

from .uihelpers import members, settings_dialog, type_text


def test_settings_take_a_date_typed_the_vietnamese_way(qtbot, workspace):
    dialog = settings_dialog(qtbot, workspace)
    field = dialog.form.inputs["issued_on"]
    type_text(field, "31/02/2021")
    dialog.save()
    dialog.ops.wait()
    assert dialog.result() == 0 and "Ngày ban hành" in dialog.form.error.text()
    assert "issued_on" not in dialog.form.error.text()
    field.clear()
    type_text(field, "15/7/21")
    dialog.save()
    dialog.ops.wait()
    assert workspace.setup.letterhead().issued_on == "2021-07-15"
    again = settings_dialog(qtbot, workspace)
    assert again.form.inputs["issued_on"].text() == "15/07/2021"


def test_request_dialog_has_cut_off_dates_typed_freely(qtbot, workspace):
    period = Period.parse("2021-H2")
    dialog = RequestDialog(period, (members(workspace), workspace.periods.dates(period)))
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
    workspace.files.request_bytes(period, None, date(2021, 6, 20), date(2020, 12, 15),
                                  date(2021, 6, 14))
    dates = workspace.periods.dates(period)
    assert (dates.data_from, dates.data_to) == (date(2020, 12, 15), date(2021, 6, 14))
    # the title fits: the period is said inside the dialog, not only in a cut window title
    assert any(period.label in label.text() for label in dialog.findChildren(type(dialog.error)))


def test_forward_deadline_typed_the_vietnamese_way(qtbot):
    request = SimpleNamespace(deadline=date(2021, 7, 5), issuer="Ban Tuyên giáo Trung ương",
                              form_version=1)
    dialog = ForwardDialog(request)
    qtbot.addWidget(dialog)
    assert dialog.deadline.text() == "28/06/2021"
    dialog.deadline.clear()
    type_text(dialog.deadline, "30-6-21")
    assert dialog.chosen_deadline() == date(2021, 6, 30)
    dialog.deadline.clear()
    type_text(dialog.deadline, "6/7/21")
    dialog.check_and_accept()
    assert not dialog.result() and "05/07/2021" in dialog.error.text()
