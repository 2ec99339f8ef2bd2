"""Changes made outside an open window (the command line, another program on the same database
file) reach it: the members and the reports come in and are announced once, and the dashboard
paints its new rows and every one of its column titles."""

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication

from ttdn_desktop.cli import main as ttdn
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.role import Role
from ttdn_desktop.demo import demo_agencies, write_demo_packages
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.workspace import Workspace

from .uihelpers import _window

H1 = Period.parse("2021-H1")


def test_changes_from_the_command_line_reach_an_open_window(qtbot, tmp_path, forms):
    path = tmp_path / "btg.sqlite3"
    workspace = Workspace(path, forms)
    workspace.setup.first_start(Role.SECRETARIAT, {"number": "127"})
    window = _window(qtbot, workspace)
    view = window.secretariat_view
    status = view.status
    assert status.parent() is window.statusBar()
    qtbot.waitUntil(lambda: status.text() == "0 đơn vị thành viên")
    assert window.outside.timer.isActive()
    # another program: the command line, on the same database file
    packages = write_demo_packages(workspace.form, tmp_path / "in", H1, 3)
    other = Workspace(path, forms)
    for n, code in enumerate(("SNGV", "STTTT", "TTTT"), start=1):
        other.agencies.add(code, f"Đơn vị {n}")
    other.close()
    assert ttdn(["--db", str(path), "import", *map(str, packages)]) == 0
    qtbot.waitUntil(lambda: status.text() == "3 đơn vị thành viên", timeout=8000)
    assert view.members.codes() == ["SNGV", "STTTT", "TTTT"]
    assert view.period == H1 and window.workspace.merge.consolidation(H1).reported == 3
    notices = []
    window.ops.changed.connect(notices.append)
    window.outside.check()
    window.ops.wait()
    assert notices == []  # seen once, announced once
    window.close()
    workspace.close()


def _painted_like_fresh(window, widget) -> bool:
    """What the window shows of `widget` (its backing store) is what the widget paints now."""
    top = widget.mapTo(window, QPoint(0, 0))
    shown = QApplication.primaryScreen().grabWindow(window.winId()).copy(
        QRect(top, widget.size())).toImage()
    fresh = widget.grab().toImage()
    return shown.convertToFormat(fresh.format()) == fresh


def test_dashboard_headers_all_painted_after_members_arrive(qtbot, tmp_path, forms):
    """Members added from outside (the command line) while the empty dashboard is shown: its
    rows come, and so do all its column titles (they stayed blank past «Tình trạng»)."""
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    workspace.setup.first_start(Role.SECRETARIAT, {"number": "127"})
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.resize(1264, 680)
    main.show()
    main.ops.wait()
    dashboard = main.secretariat_view.dashboard
    qtbot.waitUntil(dashboard.table.isVisible)
    outside = Workspace(tmp_path / "btg.sqlite3", forms)
    for order, (code, name) in enumerate(demo_agencies(8), start=1):
        outside.agencies.add(code, name, sort_order=order)
    qtbot.waitUntil(lambda: dashboard.model.rowCount() == 8, timeout=10000)
    header = dashboard.table.horizontalHeader()
    qtbot.waitUntil(lambda: _painted_like_fresh(main, header), timeout=2000)
    main.close()
    outside.close()
    workspace.close()
