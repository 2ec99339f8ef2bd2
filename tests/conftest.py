import os

# CI has no screen; every Qt test runs offscreen. Set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from ttdn_desktop.core.forms import FormLibrary  # noqa: E402
from ttdn_desktop.demo import DEMO_LETTERHEAD, write_demo_packages  # noqa: E402
from ttdn_desktop.workspace import Workspace  # noqa: E402

from .ci_tools import OTHER_PLATFORM, in_ci, require  # noqa: E402
from .helpers import H1  # noqa: E402
from .uihelpers import _window, active_window, set_up_agency, set_up_secretariat  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FORMS_DIR = ROOT / "forms"


@pytest.fixture(scope="session")
def forms() -> FormLibrary:
    library = FormLibrary.from_dirs([FORMS_DIR])
    assert not library.problems, library.problems
    return library


@pytest.fixture(scope="session")
def form(forms):
    return forms.latest()


@pytest.fixture
def workspace(tmp_path, forms):
    with Workspace(tmp_path / "ttdn.sqlite3", forms) as ws:
        # the demo province's letterhead, set as a user would: the core assumes none
        for key, value in DEMO_LETTERHEAD.items():
            ws.setup.set_letterhead(key, value)
        yield ws


# The main windows the UI tests of several modules share, each on a new database file:
# `agency_window` the agency's, its page read before it is handed over; `secretariat_window`
# the secretariat's, three members' reports of H1 imported; `window` the agency's, just
# shown. A module that needs another window under one of these names defines its own
# fixture, which takes precedence.
def _agency(qtbot, tmp_path, forms, show):
    workspace = Workspace(tmp_path / "donvi.sqlite3", forms)
    set_up_agency(workspace)
    main = show(qtbot, workspace)
    yield main
    main.close()
    workspace.close()


@pytest.fixture
def agency_window(qtbot, tmp_path, forms):
    yield from _agency(qtbot, tmp_path, forms, _window)


@pytest.fixture
def secretariat_window(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    set_up_secretariat(workspace, 3)
    workspace.imports.run(write_demo_packages(workspace.form, tmp_path / "in", H1, 3))
    main = _window(qtbot, workspace)
    main.secretariat_view.select_period(H1)
    main.ops.wait()
    yield main
    main.close()
    workspace.close()


@pytest.fixture
def window(qtbot, tmp_path, forms):
    yield from _agency(qtbot, tmp_path, forms, lambda qtbot, workspace: active_window(
        qtbot, workspace, 1280, 720))


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path, monkeypatch):
    """No test touches the real user data folder or a TTDN_DB set outside."""
    monkeypatch.delenv("TTDN_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def pytest_configure(config):
    config.addinivalue_line("markers", "needs(*tools): tools from tests/ci_tools.py the test "
                                       "needs; missing, it skips, or fails under CI=true")


def pytest_runtest_setup(item):
    for marker in item.iter_markers("needs"):
        require(*marker.args)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a skip is a failure unless it is for another platform: a skip written
    without tests/ci_tools.py must not keep CI green either."""
    outcome = yield
    report = outcome.get_result()
    if not (in_ci() and report.skipped) or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if OTHER_PLATFORM in reason:
        return
    report.outcome = "failed"
    report.longrepr = f"CI=true: a test may not skip ({reason}); add what it needs to " \
                      "tests/ci_tools.py so .ci/run installs it, or mark another platform's " \
                      "skip with ci_tools.other_platform"
