"""No error vanishes: uncaught exceptions in a slot or a worker thread are logged in the data
folder and shown with their details; native crashes go to a file there too."""

import faulthandler
import subprocess
import sys
import textwrap
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ttdn_desktop.ui.error_dialog import ErrorDialog
from ttdn_desktop.ui.errors import ErrorReporter
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.util import crashlog
from ttdn_desktop.workspace import Workspace

from .uihelpers import uninstall_reporter


@pytest.fixture
def reporter(qapp):
    reporter = ErrorReporter()
    reporter.install()
    yield reporter
    uninstall_reporter(reporter)
    for dialog in QApplication.topLevelWidgets():
        if isinstance(dialog, ErrorDialog):
            dialog.close()


def _dialogs():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog)
            and w.isVisible()]


def test_exception_in_a_slot_is_shown_and_logged(qtbot, reporter):
    def broken():
        raise ValueError("ô nhập bị hỏng")

    QTimer.singleShot(0, broken)  # an exception in a slot, as when a button's handler fails
    qtbot.waitUntil(lambda: len(_dialogs()) == 1)
    dialog = _dialogs()[0]
    assert "Đã xảy ra lỗi không mong đợi" in dialog.message.text()
    assert str(crashlog.log_path()) in dialog.message.text()
    assert "ValueError: ô nhập bị hỏng" in dialog.details.toPlainText()
    assert "in broken" in dialog.details.toPlainText()
    dialog.copy_button.click()
    assert "ValueError: ô nhập bị hỏng" in QApplication.clipboard().text()
    log = crashlog.log_path().read_text(encoding="utf-8")
    assert "Traceback" in log and "ValueError: ô nhập bị hỏng" in log


def test_exception_in_a_worker_thread_is_shown_on_the_ui_thread(qtbot, reporter):
    def work():
        raise RuntimeError("luồng phụ hỏng")

    thread = threading.Thread(target=work, name="xuat-bao-cao")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(_dialogs()) == 1)
    text = _dialogs()[0].details.toPlainText()
    assert "RuntimeError: luồng phụ hỏng" in text
    assert "luồng xuat-bao-cao" in crashlog.log_path().read_text(encoding="utf-8")


def test_a_repeating_error_does_not_bury_the_window(qtbot, reporter):
    for n in range(10):
        reporter.report(KeyError(n))
    qtbot.waitUntil(lambda: len(_dialogs()) == 3)
    QApplication.processEvents()
    assert len(_dialogs()) == 3
    assert crashlog.log_path().read_text(encoding="utf-8").count("KeyError") == 10


def test_log_rotates_and_native_crashes_are_written_beside_it(tmp_path):
    """A segmentation fault in a child process set up like the app: its traceback ends up in
    native.log in the data folder."""
    script = textwrap.dedent("""
        import ctypes, faulthandler
        from ttdn_desktop.util.crashlog import setup_logging, native_log_path
        setup_logging()
        print(native_log_path())
        import sys; sys.stdout.flush()
        faulthandler._sigsegv()
    """)
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode != 0
    native = (tmp_path / "data").rglob("native.log")
    text = next(native).read_text(encoding="utf-8")
    assert "Fatal Python error" in text and "Segmentation fault" in text
    assert crashlog.MAX_BYTES <= 1 << 20 and crashlog.BACKUPS >= 1


def test_setup_logging_in_the_data_folder(tmp_path):
    path = crashlog.setup_logging()
    try:
        assert path.parent == crashlog.log_dir() and str(tmp_path) in str(path)
        assert faulthandler.is_enabled()
        crashlog.log.info("thử")
        assert "thử" in path.read_text(encoding="utf-8")
    finally:
        faulthandler.enable(sys.__stderr__)


def test_help_menu_names_the_log(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "x.sqlite3", forms)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    help_menu = next(a.menu() for a in window.menuBar().actions() if "giúp" in a.text())
    item = next(a for a in help_menu.actions() if "Nhật ký" in a.text())
    item.trigger()
    qtbot.waitUntil(lambda: window.log_box.isVisible())
    assert str(crashlog.log_path()) in window.log_box.text()
    window.log_box.close()
    window.close()
    workspace.close()
