"""What a user of the real window met, driven offscreen with real widgets on a real database
file: where the keyboard goes after a section or report is shown, and what follows."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ttdn_desktop.core.periods import Period
from ttdn_desktop.ui.figures_editor import VALUE
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.workspace import Workspace

from .uihelpers import new_report, press, set_up_agency, type_text

H1 = Period.parse("2021-H1")


@pytest.fixture
def window(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "donvi.sqlite3", forms)
    set_up_agency(workspace)
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.resize(1280, 720)
    main.show()
    main.activateWindow()  # keyboard focus goes where a user's typing would
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    yield main
    main.close()
    workspace.close()


def test_a_figures_table_takes_typing_in_its_first_input_cell(qtbot, window):
    """Chosen in the tree, a group's table has the keyboard: digits typed at once land in the
    first 'Kỳ này' cell, not in the read-only indicator name (where they went nowhere)."""
    view = window.agency_view
    new_report(view, H1)
    group = window.workspace.form.groups[0]
    view.show_section(f"g:{group.id}")
    table = view.groups[group.id]
    assert QApplication.focusWidget() is table
    type_text(QApplication.focusWidget(), "12")
    press(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert table.item(0, VALUE).text() == "12"


def test_back_in_a_section_typing_goes_on_where_it_stopped(qtbot, window):
    """Typing in one section, then another, then back: the text goes on after what was typed
    there, not before it (the cursor used to jump to the very start of the section)."""
    view = window.agency_view
    new_report(view, H1)
    first, second = (f"s:{s.id}" for s in window.workspace.form.prose_sections[:2])
    view.show_section(first)
    type_text(view.prose.editor, "Một.")
    view.show_section(second)
    type_text(view.prose.editor, "Khác.")
    view.show_section(first)
    type_text(view.prose.editor, " Hai.")
    assert view.prose.editor.toPlainText() == "Một. Hai."
