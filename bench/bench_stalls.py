#!/usr/bin/env python3
"""The longest the event loop stalls while a user types, autosave included: at the end of a
30-page section (an agency), and in the merge view over 100 agencies (the secretariat). Goal:
16 ms (one frame at 60 Hz) each. Then the longest stall while a report of 30 pages is opened,
while a search runs over 100 agencies' reports, and while 60 agencies' consolidated report is
printed to PDF (read, laid out and painted in the worker); the last beside the same printing
done on the UI thread, as it was before.

A 1 ms heartbeat timer records the gaps between its ticks while keys are sent one every 40 ms
(a fast typist) for long enough that the automatic save runs several times. The baseline, in
the same process: the same typing into a bare QTextEdit holding the same text (what Qt's own
layout costs, without our saving).

    .venv/bin/python bench/bench_stalls.py [--pages 30] [--agencies 100] [--seconds 6]
                                           [--print-agencies 60]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QKeyEvent, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication, QTextEdit  # noqa: E402

from ttdn_desktop.core.periods import Period  # noqa: E402

H1 = Period.parse("2021-H1")
PARAGRAPH = ("Trong kỳ, Sở đã phối hợp tổ chức các hoạt động thông tin đối ngoại, cung cấp thông "
             "tin cho phóng viên nước ngoài, phát hành ấn phẩm giới thiệu tiềm năng của tỉnh bằng "
             "tiếng Anh, tiếng Trung và tiếng Nhật; tổ chức hội nghị báo cáo viên về công tác đối "
             "ngoại, tập huấn cho cán bộ cơ sở về kỹ năng phát ngôn và xử lý thông tin xấu độc "
             "trên mạng xã hội.")


def pages_of_text(pages: int) -> str:
    """About 500 words a page: seven paragraphs of the kind above."""
    return "\n".join(f"{n}. {PARAGRAPH}" for n in range(pages * 7))


def type_and_watch(app, widget, seconds: float, ops=None) -> tuple[float, int, str]:
    """Type into `widget` at its end for `seconds`; returns (longest gap in ms, keys sent, how
    many gaps were over a frame and how many of those while an operation was running)."""
    widget.setFocus()
    cursor = widget.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    widget.setTextCursor(cursor)
    gaps, last, sent, busy = [], [time.perf_counter()], [0], []

    def beat():
        now = time.perf_counter()
        gaps.append(now - last[0])
        busy.append(bool(ops and ops.busy))
        last[0] = now

    def key():
        char = "abcdefghij "[sent[0] % 11]
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))
        sent[0] += 1

    heart, keys = QTimer(), QTimer()
    heart.setTimerType(Qt.TimerType.PreciseTimer)
    heart.setInterval(1)
    heart.timeout.connect(beat)
    keys.setInterval(40)
    keys.timeout.connect(key)
    for _ in range(20):
        app.processEvents()
    last[0] = time.perf_counter()
    heart.start()
    keys.start()
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.0005)
    keys.stop()
    heart.stop()
    long = [b for g, b in zip(gaps[1:], busy[1:]) if g > 0.016]
    return max(gaps[1:]) * 1000, sent[0], f"{len(long)} over 16 ms, {sum(long)} during a save"


def watch(app, action, finished, timeout: float = 120) -> tuple[float, float]:
    """Run `action()` with a 1 ms heartbeat going, until `finished()`; returns (longest gap
    between beats in ms, seconds until finished)."""
    gaps, last = [], [time.perf_counter()]

    def beat():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    heart = QTimer()
    heart.setTimerType(Qt.TimerType.PreciseTimer)
    heart.setInterval(1)
    heart.timeout.connect(beat)
    for _ in range(20):
        app.processEvents()
    heart.start()
    start = last[0] = time.perf_counter()
    QTimer.singleShot(5, action)  # from the event loop, as a click would
    end = start + timeout
    while time.perf_counter() < end:
        app.processEvents()
        if time.perf_counter() - start > 0.01 and finished():
            break
        time.sleep(0.0005)
    took = time.perf_counter() - start
    for _ in range(20):  # the callbacks that follow the result
        app.processEvents()
    heart.stop()
    beat()
    return max(gaps[1:] or [0]) * 1000, took


def opening_stall(app, window, report_id: str, other_id: str) -> tuple[float, float]:
    """Open the long report from another one, as a click in the tree does."""
    view = window.agency_view
    view.open_report(other_id)
    settle(app, window)
    return watch(app, lambda: view.open_report(report_id, "s:an_pham"),
                 lambda: view.report_id == report_id and not window.ops.busy)


def search_stall(app, window) -> tuple[float, float, int]:
    view = window.secretariat_view
    view.tabs.setCurrentWidget(view.search)
    view.search.field.setText("phan bac luan dieu")
    longest, took = watch(app, view.search.run,
                          lambda: view.search.asked and not window.ops.busy
                          and view.search.count.text() != "Đang tìm…")
    return longest, took, view.search.results.rowCount()


def period_stall(app, window) -> tuple[float, float]:
    """The period chosen again: consolidated in the worker, shown on the dashboard."""
    view = window.secretariat_view
    view.tabs.setCurrentWidget(view.dashboard)
    settle(app, window)
    return watch(app, lambda: view.select_period(H1), lambda: not window.ops.busy)


def printing_stall(app, window, out: Path) -> tuple[float, float, float]:
    """(longest stall through the worker, seconds, longest stall painting on the UI thread)."""
    from ttdn_desktop.ui.printing import ReportPrint, print_to_pdf
    longest, took = watch(app, lambda: window.prints.print_pdf(str(out)),
                          lambda: out.exists() and not window.ops.busy)
    workspace, period = window.workspace, window.secretariat_view.period
    merged, letterhead = workspace.merge.consolidation(period), workspace.setup.letterhead()
    before, _ = watch(app, lambda: print_to_pdf(ReportPrint(merged, letterhead, True),
                                                out.with_name("ui-thread.pdf")),
                      lambda: out.with_name("ui-thread.pdf").exists())
    return longest, took, before


def agency_window(folder: Path, pages: int):
    from ttdn_desktop.ui.main_window import MainWindow
    from ttdn_desktop.workspace import Workspace
    from ttdn_desktop.core.role import Role
    workspace = Workspace(folder / "agency.sqlite3")
    workspace.setup.first_start(Role.AGENCY, {"layout": "state"}, "SNGV", "Sở Ngoại vụ")
    report_id = workspace.reports.new("SNGV", H1)
    workspace.reports.save_draft(report_id, {"an_pham": pages_of_text(pages)})
    other = workspace.reports.new("SNGV", Period.parse("2020-H1"))
    window = MainWindow(workspace)
    window.other_report = other
    window.resize(1280, 800)
    window.show()
    window.agency_view.open_report(report_id, "s:an_pham")
    return window, window.agency_view.prose.editor


def merge_window(folder: Path, agencies: int, db_name: str = "secretariat"):
    from ttdn_desktop.demo import write_demo_packages
    from ttdn_desktop.ui.main_window import MainWindow
    from ttdn_desktop.workspace import Workspace
    from ttdn_desktop.core.role import Role
    workspace = Workspace(folder / f"{db_name}.sqlite3")
    workspace.setup.first_start(Role.SECRETARIAT, {"signer_name": "Trần Văn B"})
    from ttdn_desktop.demo import demo_agencies
    for order, (code, name) in enumerate(demo_agencies(agencies), start=1):
        workspace.agencies.add(code, name, sort_order=order)
    workspace.imports.run(write_demo_packages(workspace.form, folder / f"in-{db_name}", H1,
                                               agencies))
    window = MainWindow(workspace)
    window.resize(1280, 800)
    window.show()
    view = window.secretariat_view
    view.select_period(H1)
    settle(app=QApplication.instance(), window=window)  # the period is read in the worker
    view.tabs.setCurrentWidget(view.merge)
    view.merge.sections.setCurrentRow(0)
    return window, view.merge.editor.editor


def settle(app, window) -> None:
    ops = getattr(window, "ops", None)
    if ops is not None:
        ops.wait()
    for _ in range(20):
        app.processEvents()


def main(pages: int, agencies: int, seconds: float, print_agencies: int) -> None:
    from ttdn_desktop.ui.app import make_application
    app = make_application()
    with tempfile.TemporaryDirectory(prefix="ttdn-bench-") as temp:
        folder = Path(temp)
        bare = QTextEdit()
        bare.resize(900, 700)
        bare.setPlainText(pages_of_text(pages))
        bare.show()
        baseline, _, bare_long = type_and_watch(app, bare, seconds / 2)
        bare.close()
        window, editor = agency_window(folder, pages)
        settle(app, window)
        typing, keys, typing_long = type_and_watch(app, editor, seconds,
                                                   getattr(window, "ops", None))
        settle(app, window)
        opening, opened = opening_stall(app, window, window.agency_view.report_id,
                                        window.other_report)
        settle(app, window)
        window.close()
        window.workspace.close()
        merge, editor = merge_window(folder, agencies)
        settle(app, merge)
        merging, merge_keys, merge_long = type_and_watch(app, editor, seconds,
                                                         getattr(merge, "ops", None))
        settle(app, merge)
        searching, searched, hits = search_stall(app, merge)
        settle(app, merge)
        choosing, chosen = period_stall(app, merge)
        settle(app, merge)
        merge.close()
        merge.workspace.close()
        printer, _ = merge_window(folder, print_agencies, "print")
        settle(app, printer)
        printing, printed, on_ui_thread = printing_stall(app, printer, folder / "in.pdf")
        settle(app, printer)
        printer.close()
        printer.workspace.close()
    print(f"bare QTextEdit, {pages} pages (baseline)       {baseline:7.1f} ms longest stall "
          f"({bare_long})")
    print(f"agency section, {pages} pages, {keys} keys, autosave  {typing:7.1f} ms longest stall "
          f"({typing / 16:.2f} frames; goal ≤ 16 ms; {typing_long})")
    print(f"merge view, {agencies} agencies, {merge_keys} keys, autosave  {merging:7.1f} ms "
          f"longest stall ({merging / 16:.2f} frames; goal ≤ 16 ms; {merge_long})")
    print(f"opening a report of {pages} pages ({opened * 1000:.0f} ms)   {opening:7.1f} ms "
          f"longest stall ({opening / 16:.2f} frames)")
    print(f"search over {agencies} agencies, {hits} hits ({searched * 1000:.0f} ms)   "
          f"{searching:7.1f} ms longest stall ({searching / 16:.2f} frames)")
    print(f"choosing the period, {agencies} agencies ({chosen * 1000:.0f} ms)   {choosing:7.1f} ms "
          f"longest stall ({choosing / 16:.2f} frames)")
    print(f"print to PDF, {print_agencies} agencies ({printed * 1000:.0f} ms)   {printing:7.1f} ms "
          f"longest stall ({printing / 16:.2f} frames); painted on the UI thread as before: "
          f"{on_ui_thread:7.1f} ms (ratio {on_ui_thread / max(printing, 0.1):.0f}x)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--agencies", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--print-agencies", type=int, default=60)
    arguments = parser.parse_args()
    main(arguments.pages, arguments.agencies, arguments.seconds, arguments.print_agencies)
