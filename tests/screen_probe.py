"""What a user sees of the busiest windows on a 1366×768 screen at a given display scale: run in
a process of its own (QT_SCALE_FACTOR is read once, when the first QApplication is made), it
builds the windows on real SQLite files and prints what it measured as JSON.

    python -m tests.screen_probe SCALE WORK_DIR [SHOTS_DIR]

The window is as large as the app makes it on such a screen (ui/screen_fit.py) once Windows'
task bar (40 pixels) is taken off: at 125 %, 1076×542 of the 1093×614 logical pixels."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

SCREEN = (1366, 768)
TASK_BAR = 40  # physical pixels, at the bottom of a Windows screen


def _environment(scale: float, work: Path) -> None:
    config = work / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "probe", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1],
        "logicalDpi": 96, "physicalDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QT_SCALE_FACTOR"] = str(scale)
    os.environ["XDG_DATA_HOME"] = str(work / "xdg-data")
    os.environ.pop("TTDN_DB", None)


def _window_size(scale: float) -> tuple[int, int]:
    from ttdn_desktop.ui.screen_fit import FRAME_HEIGHT, FRAME_WIDTH
    width, height = SCREEN[0] / scale, (SCREEN[1] - TASK_BAR) / scale
    return min(1280, int(width) - FRAME_WIDTH), min(800, int(height) - FRAME_HEIGHT)


def _settle(app, main) -> None:
    for _ in range(5):
        main.ops.wait()
        app.processEvents()


def _open(app, workspace, size):
    from ttdn_desktop.ui.main_window import MainWindow
    main = MainWindow(workspace)
    main.resize(*size)
    main.show()
    _settle(app, main)
    return main


def _shoot(main, shots: Path | None, name: str) -> None:
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
        main.grab().save(str(shots / f"{name}.png"))


def _rows_shown(view) -> int:
    """Rows of an item view whose whole height is inside its viewport."""
    height = view.viewport().height()
    return sum(1 for row in range(view.model().rowCount())
               if view.rowViewportPosition(row) >= 0
               and view.rowViewportPosition(row) + view.rowHeight(row) <= height)


def _header_cut(table) -> list[str]:
    """Column titles wider than their column (each line of a two-line title)."""
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    cut = []
    for column in range(table.columnCount()):
        text = table.horizontalHeaderItem(column).text()
        widest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
        if widest + 8 > header.sectionSize(column):
            cut.append(text)
    return cut


def _label_lines(table, members: bool) -> int:
    """The most lines an indicator's label (or a breakdown member's) wraps to in its column."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QFontMetrics
    from ttdn_desktop.ui.figures_editor import LABEL
    width = table.columnWidth(LABEL) - 8  # the item's margins
    lines = [1]
    for row in range(table.rowCount()):
        item = table.item(row, LABEL)
        if item.font().bold() == members:
            continue
        metrics = QFontMetrics(item.font())
        box = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap,
                                   item.text())
        lines.append(round(box.height() / metrics.lineSpacing()))
    return max(lines)


def _text_lines(edit) -> float:
    """Lines of an editor's text (its document's font) its viewport shows at once."""
    from PySide6.QtGui import QFontMetricsF
    document = edit.document()
    line = QFontMetricsF(document.defaultFont()).lineSpacing()
    return (edit.viewport().height() - document.documentMargin()) / line


def agency(app, work: Path, size, shots) -> dict:
    from ttdn_desktop.core.periods import Period
    from ttdn_desktop.workspace import Workspace
    from tests.uihelpers import new_report, set_up_agency
    from ttdn_desktop.core.forms import FormLibrary
    forms = FormLibrary.from_dirs([Path(__file__).resolve().parent.parent / "forms"])
    workspace = Workspace(work / "donvi.sqlite3", forms)
    set_up_agency(workspace)
    main = _open(app, workspace, size)
    view = main.agency_view
    new_report(view, Period.parse("2021-H1"))
    _settle(app, main)
    groups = {}
    for group in workspace.form.groups:
        view.show_section(f"g:{group.id}")
        _settle(app, main)
        table = view.groups[group.id]
        groups[group.id] = {"scrollbar": table.horizontalScrollBar().isVisible(),
                            "cut": _header_cut(table),
                            "label_lines": _label_lines(table, members=False),
                            "member_lines": _label_lines(table, members=True)}
    _shoot(main, shots, "donvi-so-lieu")
    main.close()
    workspace.close()
    return groups


def secretariat(app, work: Path, size, shots) -> dict:
    from ttdn_desktop.core.forms import FormLibrary
    from ttdn_desktop.core.periods import Period
    from ttdn_desktop.demo import write_demo_packages
    from ttdn_desktop.workspace import Workspace
    from tests.uihelpers import set_up_secretariat
    period = Period.parse("2021-H1")
    forms = FormLibrary.from_dirs([Path(__file__).resolve().parent.parent / "forms"])
    workspace = Workspace(work / "btg.sqlite3", forms)
    set_up_secretariat(workspace, 31)
    workspace.imports.run(write_demo_packages(workspace.form, work / "lan1", period, 31))
    # sent upward, then the secretariat edits a section: a newer revision then flags both
    workspace.upward.set_identity("QNINH", "Tỉnh Quảng Ninh")
    workspace.files.upward_package(period, work / "len.ttdn")
    section = workspace.form.prose_sections[0].id
    workspace.merge.save_section(period, section, "Văn bản tổng hợp đã biên tập.\n" * 3)
    newer = write_demo_packages(workspace.form, work / "lan2", period, 31, revision=2)
    main = _open(app, workspace, size)
    view = main.secretariat_view
    view.apply_import([str(p) for p in newer[:6]])  # the import's notice stays on the window
    _settle(app, main)
    dashboard = view.dashboard.table
    found = {"notice": view.notice.isVisible(), "upward": view.upward.isVisible(),
             "upward_stale": view.upward.state == "stale",
             "dashboard_rows": _rows_shown(dashboard),
             "dashboard_total": dashboard.model().rowCount(),
             "dashboard_scrollbar": dashboard.horizontalScrollBar().isVisible()}
    _shoot(main, shots, "btg-tinh-hinh")
    view.tabs.setCurrentWidget(view.merge)
    merge = view.merge
    from ttdn_desktop.ui.merge_view import CODE_ROLE
    ids = [merge.sections.item(r).data(CODE_ROLE) for r in range(merge.sections.count())]
    merge.sections.setCurrentRow(ids.index(section))
    _settle(app, main)
    found.update({"flag": merge.flag.isVisible() and merge.changes.isVisible(),
                  "editor_lines": round(_text_lines(merge.editor.editor), 1),
                  "changes_lines": round(_text_lines(merge.changes), 1)})
    _shoot(main, shots, "btg-tong-hop")
    main.close()
    workspace.close()
    return found


def main() -> None:
    scale, work = float(sys.argv[1]), Path(sys.argv[2])
    shots = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    work.mkdir(parents=True, exist_ok=True)
    _environment(scale, work)
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    size = _window_size(scale)
    result = {"scale": scale, "window": size,
              "font": app.font().family(),
              "agency": agency(app, work, size, shots),
              "secretariat": secretariat(app, work, size, shots)}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
