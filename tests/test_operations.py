"""Operations (ui/operations.py): work on a worker-owned Workspace, results and one notice of
what changed back on the UI thread; and the windows' own saving goes that way, so typing with
autosave issues no SQL on the UI thread's connection at all."""

import threading
from datetime import date

import pytest

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.role import Role
from ttdn_desktop.core.settings import SESSION
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.core.changes import AGENCIES, EVERYTHING, PERIODS, REPORTS
from ttdn_desktop.ui.operations import Changes, Op, Operations
from ttdn_desktop.ui.watcher import OutsideChanges
from ttdn_desktop.workspace import Workspace

from .helpers import content, package
from .uihelpers import new_report, set_up_agency, type_text

H1 = Period.parse("2021-H1")


@pytest.fixture
def ops(qtbot, tmp_path, forms):
    path = tmp_path / "ops.sqlite3"
    Workspace(path, forms).close()
    made = []

    def open_workspace():
        made.append(threading.get_ident())
        return Workspace(path, forms)

    operations = Operations(open_workspace)
    operations.made = made
    yield operations
    operations.close()


def test_runs_on_its_own_workspace_in_order_and_tells_every_view_once(ops, qtbot):
    seen, done, notices = [], [], []
    ops.changed.connect(notices.append)
    view = object()
    for n in range(3):
        ops.run(Op(lambda ws, n=n: (seen.append((n, threading.get_ident())),
                                    ws.agencies.add(f"A{n}", f"Đơn vị {n}"))[1][0]["code"]),
                on_done=done.append, source=view)
    assert ops.busy
    ops.wait()
    assert not ops.busy
    assert [n for n, _ in seen] == [0, 1, 2] and done == ["A0", "A1", "A2"]
    worker = {thread for _, thread in seen}
    assert worker == set(ops.made) and threading.get_ident() not in worker
    assert len(notices) == 3 and all(n.touches(AGENCIES) and n.source is view for n in notices)
    assert not notices[0].touches(REPORTS) and Changes.of(EVERYTHING).touches(REPORTS)


def test_failures_come_back_as_sentences_and_change_nothing(ops, qtbot):
    errors, notices, failed = [], [], []
    ops.changed.connect(notices.append)
    ops.failed.connect(failed.append)

    def bad(ws):
        raise TTDNError("Không ghi được vào ổ đĩa.")

    ops.run(Op(bad), on_error=errors.append)
    ops.run(Op(lambda ws: 1 / 0))  # nobody asked to hear: ops.failed says it
    ops.wait()
    assert errors == ["Không ghi được vào ổ đĩa."] and notices == []
    assert len(failed) == 1 and "ZeroDivisionError" in failed[0]


def test_progress_goes_to_the_function(ops, qtbot):
    steps = []

    def work(ws, report):
        for n in range(3):
            report(n + 1, 3)
            steps.append(n + 1)

    ops.run(Op(work, progress=True))
    ops.wait()
    assert steps == [1, 2, 3]


def test_what_an_operation_changed_is_what_it_wrote(ops, qtbot):
    """Nobody declares it: the worker's connection notes the tables written. A read, a
    write no view shows and a rolled-back write say nothing; what a failing operation had
    committed before it failed is told with its error."""
    notices, errors = [], []
    ops.changed.connect(notices.append)
    ops.run(Op(lambda ws: ws.agencies.all()))
    ops.run(Op(lambda ws: ws.setup.set_states({SESSION: {"clean": True}})))

    def rolled_back(ws):
        with ws.db.atomic():
            ws.periods.set_dates(H1, None, None, date(2021, 7, 10))
            raise TTDNError("Thôi.")

    ops.run(Op(rolled_back), on_error=errors.append)
    ops.wait()
    assert notices == [] and errors == ["Thôi."]

    def half_done(ws):
        ws.periods.set_dates(H1, None, None, date(2021, 7, 10))  # committed
        raise TTDNError("Tệp thứ hai hỏng.")

    ops.run(Op(half_done), on_error=errors.append)
    ops.run(Op(lambda ws: ws.agencies.add("SNGV", "Sở Ngoại vụ")))
    ops.wait()
    assert errors[-1] == "Tệp thứ hai hỏng."
    assert [n.kinds for n in notices] == [frozenset({PERIODS}), frozenset({AGENCIES})]


def _statements(workspace):
    """Every SQL statement the UI thread's own connection runs from now on, but the outside
    changes watcher's PRAGMA data_version (a counter read: no lock, no wait on a writer)."""
    run = []
    workspace.db.conn.set_trace_callback(
        lambda statement: statement == "PRAGMA data_version" or run.append(statement))
    return run


def test_typing_with_autosave_runs_no_sql_on_the_ui_thread(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "donvi.sqlite3", forms)
    set_up_agency(workspace)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    view = window.agency_view
    report_id = new_report(view, H1)
    view.show_section("s:an_pham")
    window.ops.wait()
    run = _statements(workspace)
    type_text(view.prose.editor, "Tổ chức hội nghị")
    window.save_action.trigger()
    type_text(view.prose.editor, " báo cáo viên")
    qtbot.waitUntil(lambda: window.saved_label.text().startswith("Đã lưu"), timeout=5000)
    view.save_now()
    window.ops.wait()
    assert run == []
    workspace.db.conn.set_trace_callback(None)
    assert workspace.reports.content(report_id).sections["an_pham"] == "Tổ chức hội nghị báo cáo viên"
    window.close()
    workspace.close()


def test_merge_view_edits_and_consolidates_off_the_ui_thread(qtbot, tmp_path, forms, form):
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    workspace.setup.first_start(Role.SECRETARIAT, {})
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    path = tmp_path / "a.ttdn"
    path.write_bytes(package(form, body=content("Bản tin đối ngoại")))
    workspace.imports.run([path])
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    window.ops.wait()
    merge = window.secretariat_view.merge
    merge.sections.setCurrentRow(0)
    window.ops.wait()
    run = _statements(workspace)
    type_text(merge.editor.editor, " Đã biên tập.")
    merge.save_now()
    window.ops.wait()
    assert run == [] and merge.merged.sections[0].is_edited
    workspace.db.conn.set_trace_callback(None)
    window.close()
    workspace.close()


def test_our_own_writes_are_never_taken_for_outside_changes(qtbot, tmp_path, forms):
    """The watcher of outside changes (ui/watcher.py) reads the version on the worker's own
    connection, whose commits never move it, also after operations that announce nothing
    (the session state): else every such write came back 2 s later as "changed from outside"
    and reloaded every view."""
    path = tmp_path / "w.sqlite3"
    workspace = Workspace(path, forms)
    ops = Operations(lambda: Workspace(path, forms))
    watcher = OutsideChanges(workspace, ops, interval=10 ** 6)
    notices = []
    ops.changed.connect(notices.append)
    ops.run(Op(lambda ws: ws.setup.set_states({SESSION: {}})))
    ops.run(Op(lambda ws: ws.agencies.add("SNGV", "Sở Ngoại vụ")))
    ops.wait()
    watcher.check()
    ops.wait()
    assert [n.source for n in notices] == [None]
    with Workspace(path, forms) as other:  # another program
        other.agencies.add("CAT", "Công an tỉnh")
    watcher.check()
    ops.wait()
    assert notices[-1].source is watcher and notices[-1].touches(REPORTS)
    watcher.stop()
    ops.close()
    workspace.close()
