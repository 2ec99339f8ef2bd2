"""Making and opening the agency's reports: a double click on «Tạo báo cáo» makes one report
and no false notice, the notice asking for a report goes once one is open, and reports opened
one after another keep only the shown one's documents."""

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from ttdn_desktop.core.periods import Period

from .uihelpers import new_report

H1 = Period.parse("2021-H1")


def test_the_request_to_open_a_report_goes_once_one_is_open(qtbot, agency_window):
    window = agency_window
    view = window.agency_view
    window.docx_action.trigger()
    assert view.notice.isVisible() and "Hãy mở hoặc tạo" in view.notice.label.text()
    new_report(view, H1)
    assert not view.notice.isVisible()


def test_create_clicked_twice_makes_one_report_and_says_nothing_false(qtbot, window):
    """A double click on «Tạo báo cáo»: one report, opened, and no «Đã có báo cáo…» about the
    report that the first click has just made."""
    view = window.agency_view
    view.period_year.setValue(2021)
    view.period_kind.setCurrentIndex(view.period_kind.findData(H1.kind))
    view.new_button.click()
    view.new_button.click()
    window.ops.wait()
    assert view.period == H1 and view.report_id is not None
    assert not (view.notice.isVisibleTo(window) and "Đã có" in view.notice.label.text())
    assert len([r for r, _ in window.workspace.reports.of_agency("SNGV")]) == 1


def test_opening_reports_one_after_another_keeps_only_the_shown_ones_documents(qtbot, window):
    view = window.agency_view
    first = new_report(view, H1)
    second = new_report(view, Period.parse("2021-H2"))
    sections = len(view.form.prose_sections)
    for _ in range(5):
        for report_id in (first, second):
            view.open_report(report_id)
            window.ops.wait()
            QApplication.sendPostedEvents(None, 0)  # deleteLater
            QApplication.processEvents()
    kept = [d for d in view.findChildren(QTextDocument) if d.parent() is view]
    assert len(kept) == sections  # it was 17 more for every report opened
    assert view.prose.editor.document() in kept
