"""The status bar says what belongs to what is shown: the word count of the text on screen and
none for a figures table, and nothing of a page left behind when the role changes."""

from PySide6.QtWidgets import QLabel

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.role import Role

from .uihelpers import new_report, type_text

H1 = Period.parse("2021-H1")


def test_a_new_role_leaves_nothing_of_the_old_page_in_the_status_bar(qtbot, window):
    """Agency → secretariat → agency in Thiết lập: the word count and «Đã lưu lúc» of the
    report that was open, and the secretariat's count of members, go with their page."""
    view = window.agency_view
    new_report(view, H1)
    type_text(view.prose.editor, "Ba từ đây")
    window.save_action.trigger()
    window.ops.wait()
    qtbot.waitUntil(lambda: window.words_label.text() == "3 từ")

    def shown() -> list[str]:
        return [label.text() for label in window.statusBar().findChildren(QLabel)
                if label.isVisibleTo(window) and label.text()]

    window.workspace.setup.set_role(Role.SECRETARIAT)
    window.pages.rebuild_view()
    window.ops.wait()
    assert window.secretariat_view is not None
    qtbot.waitUntil(lambda: any("thành viên" in text for text in shown()))
    assert not any("từ" in text.split() or "Đã lưu" in text for text in shown())
    window.workspace.setup.set_role(Role.AGENCY, "SNGV")
    window.pages.rebuild_view()
    window.ops.wait()
    assert window.agency_view is not None
    assert not any("thành viên" in text for text in shown())


def test_figures_shown_leave_no_word_count_of_the_section_before(qtbot, window):
    """The status bar counts the words of the prose shown; a figures table has none, and the
    count of the section shown before stayed."""
    view = window.agency_view
    new_report(view, H1)
    type_text(view.prose.editor, "Ba từ đây")
    qtbot.waitUntil(lambda: window.words_label.text() == "3 từ")
    view.show_section(f"g:{window.workspace.form.groups[0].id}")
    assert window.words_label.text() == ""
    view.show_section(f"s:{window.workspace.form.prose_sections[0].id}")
    assert window.words_label.text() == "3 từ"
