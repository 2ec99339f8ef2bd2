"""The workspace as a package of small doors: each door a short module, no class of many
methods, and the start-up boundary kept (what the window reads at start loads none of the file
readers and writers in exchange/ and export/)."""

import ast
import os
import subprocess
import sys

from tests.test_layers import PACKAGE
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.role import Role
from ttdn_desktop.core.settings import LAST_REPORT
from ttdn_desktop.storage.settings import set_setting
from ttdn_desktop.workspace import Workspace

DOORS = PACKAGE / "workspace"
H1 = Period.parse("2021-H1")


def _classes():
    for path in sorted(DOORS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                yield path, node


def test_the_doors_are_small():
    for path in sorted(DOORS.glob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 300, f"{path.name}: {lines} lines"
    for path, node in _classes():
        methods = [n for n in node.body if isinstance(n, ast.FunctionDef)]
        assert len(methods) <= 40, f"{path.name}: {node.name} has {len(methods)} methods"
        if node.name == "Workspace":
            assert node.end_lineno - node.lineno < 200 and len(methods) < 40


def test_no_module_proxy_in_the_workspace():
    """Imports are plain imports: no module-level __getattr__, no proxy class standing for a
    module."""
    for path in sorted(DOORS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        assert "__getattr__" not in names and "_Lazy" not in names, path.name


def test_opening_the_window_reads_without_the_file_machinery(tmp_path, forms):
    """What the window's worker reads at start (ui/main_window.py read_page_state, the agency
    page) loads no module of exchange/ or export/: they cost «ready to type» a third of a
    second (bench/bench_startup.py)."""
    path = tmp_path / "start.sqlite3"
    with Workspace(path, forms) as ws:
        ws.setup.first_start(Role.AGENCY, {"layout": "state"}, "SNGV", "Sở Ngoại vụ")
        report = ws.reports.new("SNGV", H1)
        ws.keys.signer  # made at the first start
    code = f"""
import sys
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.role import Role
from ttdn_desktop.core.settings import LAST_REPORT
from ttdn_desktop.storage.settings import set_setting
from ttdn_desktop.core.settings import LAST_REPORT
from ttdn_desktop.workspace import Workspace
with Workspace({str(path)!r}) as ws:
    ws.backups.daily()
    ws.keys.signer
    assert ws.setup.role == Role.AGENCY and ws.setup.own_agency == "SNGV"
    ws.agencies.get("SNGV")
    ws.setup.state(LAST_REPORT)
    ws.reports.get({report!r}), ws.reports.content({report!r}), ws.reports.revision({report!r})
    ws.reports.of_agency("SNGV"), ws.reports.invalid_figures({report!r})
    ws.merge.consolidation(Period.parse("2021-H1"), "SNGV")
print(sorted(m for m in sys.modules if m.startswith(("ttdn_desktop.exchange",
                                                      "ttdn_desktop.export"))))
"""
    env = {**os.environ, "PYTHONPATH": str(PACKAGE.parent)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout


def test_the_window_open_on_a_report_has_loaded_no_file_machinery(tmp_path, forms):
    """The window as `ttdn gui` starts it (ui/app.py launch), the agency's report open and
    ready for typing: no module of exchange/ or export/ is loaded yet. The window's parts
    (ui/startup.py, the outbox line of ui/mail_out.py) import ui/ops/mail.py; the mailbox
    door it once imported brought the importer, IMAP and the credential store, 80 ms the
    report waited for."""
    path = tmp_path / "window.sqlite3"
    with Workspace(path, forms) as ws:
        ws.setup.first_start(Role.AGENCY, {"layout": "state"}, "SNGV", "Sở Ngoại vụ")
        report = ws.reports.new("SNGV", H1)
        set_setting(ws.db, LAST_REPORT, report)
    code = f"""
import sys
from ttdn_desktop.ui.app import launch, make_application
app = make_application()
window, guard = launch(app, {str(path)!r})
while window.workspace is None or window.agency_view is None:
    app.processEvents()
window.ops.wait()
app.processEvents()
assert window.agency_view.report_id == {report!r}
print(sorted(m for m in sys.modules if m.startswith(("ttdn_desktop.exchange",
                                                      "ttdn_desktop.export"))))
window.close()
guard.release()
"""
    env = {**os.environ, "PYTHONPATH": str(PACKAGE.parent), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout
