"""Windows open inside the screen they are on: office PCs run 1280×720, and the offscreen
platform the tests use has a smaller screen still (800×800), so a fixed size shows here. Inside
them, a figures table's rows are as tall as their text and its typing column is wide."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication

from ttdn_desktop.core.periods import Period
from ttdn_desktop.ui.figures_editor import LABEL, UNIT, VALUE
from ttdn_desktop.ui.guide import GuideWindow
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.workspace import Workspace

from .uihelpers import _window, new_report

H1 = Period.parse("2021-H1")


def _screen() -> QRect:
    return QGuiApplication.primaryScreen().availableGeometry()


def _inside(widget) -> bool:
    area, frame = _screen(), widget.frameGeometry()
    return frame.width() <= area.width() and frame.height() <= area.height() and \
        area.contains(widget.geometry())


def _open(qtbot, workspace):
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.ops.wait()
    return main


def test_a_new_window_fits_the_screen_with_the_start_button_on_it(qtbot, tmp_path, forms):
    assert _screen().width() < 1280  # else this test shows nothing
    workspace = Workspace(tmp_path / "moi.sqlite3", forms)
    main = _open(qtbot, workspace)
    assert _inside(main)
    start = main.stack.currentWidget().start
    qtbot.waitUntil(start.isVisible)
    bottom = start.mapTo(main, start.rect().bottomRight())
    assert bottom.y() <= main.height()
    main.close()
    workspace.close()


def test_setup_start_button_visible_at_1280x720(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "moi.sqlite3", forms)
    window = _window(qtbot, workspace)
    window.resize(1280, 720)
    setup = window.stack.currentWidget()
    qtbot.waitUntil(lambda: setup.start.isVisible())
    corner = setup.start.mapTo(window, setup.start.rect().bottomRight())
    assert corner.y() <= window.height() and not setup.start.visibleRegion().isEmpty()
    window.close()
    workspace.close()


def test_a_geometry_saved_on_a_larger_screen_is_brought_back_inside(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "moi.sqlite3", forms)
    main = _open(qtbot, workspace)
    main.setGeometry(300, 200, 1600, 1000)  # as on the office's big screen
    main.close()
    again = _open(qtbot, workspace)
    assert _inside(again), (again.geometry(), again.frameGeometry(), _screen())
    again.close()
    workspace.close()


def _open_as_the_app_does(qtbot, path):
    """The window shown first, the database opened after (ui/app.py): the saved geometry is
    restored on a window whose frame is known."""
    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    failed = []
    main.open_database(path, failed.append)
    qtbot.waitUntil(lambda: main.workspace is not None or bool(failed), timeout=20000)
    assert not failed
    main.ops.wait()
    return main


def test_a_window_sized_to_the_screen_comes_back_as_large(qtbot, tmp_path, forms):
    """Enlarged by hand to the whole screen, closed, opened again: as large as it was. It was
    shrunk by a fixed frame allowance at every start (at 125 % on 1366×768, the whole screen
    came back 1077×574 of 1093×614: found in the real window, issue 21)."""
    path = tmp_path / "moi.sqlite3"
    Workspace(path, forms).close()
    main = _open_as_the_app_does(qtbot, path)
    area = _screen()
    frame, inner = main.frameGeometry(), main.geometry()
    left, top = inner.x() - frame.x(), inner.y() - frame.y()
    size = QSize(area.width() - (frame.width() - inner.width()),
                 area.height() - (frame.height() - inner.height()))
    main.setGeometry(QRect(QPoint(area.x() + left, area.y() + top), size))
    qtbot.waitUntil(lambda: main.size() == size)
    main.close()
    again = _open_as_the_app_does(qtbot, path)
    assert again.size() == size and _inside(again)
    again.close()
    again.workspace.close()


def test_dialogs_asking_for_a_fixed_size_fit_the_screen(qtbot):
    dialog = GuideWindow()
    qtbot.addWidget(dialog)
    assert dialog.height() <= _screen().height() and dialog.width() <= _screen().width()


def test_figure_rows_fit_on_open_and_on_resize_and_the_typing_column_is_wide(qtbot, agency_window):
    view = agency_window.agency_view
    new_report(view, H1)
    view.show_section("g:an_pham")
    table = view.groups["an_pham"]
    member_row = table.rows.index(("ban_an_pham", "vi"))
    qtbot.waitUntil(lambda: table.rowHeight(member_row) < 40)  # not ~140 px as before
    line = table.fontMetrics().height()
    label = table.item(0, LABEL).text()
    width = table.columnWidth(LABEL)
    lines = table.fontMetrics().boundingRect(0, 0, width - 8, 10_000, Qt.TextFlag.TextWordWrap,
                                             label).height() // line
    assert table.rowHeight(0) <= (lines + 1) * line + 12
    assert table.columnWidth(VALUE) >= 110 and table.columnWidth(VALUE) > table.columnWidth(UNIT)
    agency_window.resize(1600, 1000)
    qtbot.waitUntil(lambda: table.columnWidth(LABEL) > width)
    qtbot.waitUntil(lambda: table.rowHeight(0) <= (lines + 1) * line + 12)
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        text = table.horizontalHeaderItem(column).text()
        widest = max(header.fontMetrics().horizontalAdvance(part) for part in text.split("\n"))
        assert header.sectionSize(column) >= widest, text  # no header cut


# --- the busiest windows on a 1366×768 screen, at 100 % and at 125 % -----------------------------
# Each scale in a process of its own (tests/screen_probe.py): QT_SCALE_FACTOR is read once, when
# the first QApplication is made. The windows are built on real database files with the largest
# realistic data: 31 members, every banner of the secretariat's window showing.

SCALES = (1.0, 1.25)


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    root = Path(__file__).resolve().parent.parent
    found = {}
    for scale in SCALES:
        work = tmp_path_factory.mktemp(f"scale{int(scale * 100)}")
        done = subprocess.run([sys.executable, "-m", "tests.screen_probe", str(scale), str(work)],
                              cwd=root, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        found[scale] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


@pytest.mark.parametrize("scale", SCALES)
def test_the_figures_table_fits_its_pane_without_scrolling_sideways(measured, scale):
    for group, seen in measured[scale]["agency"].items():
        assert not seen["scrollbar"], (group, seen)
        assert not seen["cut"], (group, seen)  # every column title whole, «Kiểm tra» too
        assert seen["label_lines"] <= 3, (group, seen)  # not a column of single words
        assert seen["member_lines"] == 1, (group, seen)  # «– Tiếng Anh» on one line


@pytest.mark.parametrize("scale", SCALES)
def test_the_merge_editor_keeps_eight_lines_with_every_banner_showing(measured, scale):
    seen = measured[scale]["secretariat"]
    assert seen["notice"] and seen["upward_stale"] and seen["flag"], seen
    assert seen["editor_lines"] >= 8, seen
    assert seen["changes_lines"] >= 3, seen  # the ⚑ diff stays readable beside it


@pytest.mark.parametrize("scale", SCALES)
def test_the_dashboard_shows_twelve_members_with_every_banner_showing(measured, scale):
    seen = measured[scale]["secretariat"]
    assert seen["notice"] and seen["upward_stale"] and seen["dashboard_total"] == 31, seen
    assert seen["dashboard_rows"] >= 12, seen
    assert not seen["dashboard_scrollbar"], seen
