import os
import subprocess
import sys

from ttdn_desktop.ui.secretariat_view import SecretariatView

from .helpers import package


def test_main_window_shows_the_period_and_agencies(qtbot, workspace, form, tmp_path):
    workspace.add_agency("SNGV", "Sở Ngoại vụ")
    workspace.add_agency("CAT", "Công an tỉnh")
    path = tmp_path / "a.ttdn"
    path.write_bytes(package(form))
    workspace.import_files([path])
    window = SecretariatView(workspace)
    qtbot.addWidget(window)
    window.show()
    assert window.periods.count() == 1
    assert window.periods.item(0).text() == "6 tháng đầu năm 2021"
    assert "1/2 đơn vị đã nộp" in window.heading.text()
    rows = {window.table.item(r, 0).text(): window.table.item(r, 2).text()
            for r in range(window.table.rowCount())}
    assert rows == {"CAT": "chưa nộp", "SNGV": "nộp muộn"}  # the package is dated today
    assert not window.grab().isNull()


def test_gui_smoke_command_paints_and_exits_0(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TTDN_DB=str(tmp_path / "s.sqlite3"))
    done = subprocess.run([sys.executable, "-m", "ttdn_desktop", "gui", "--smoke"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "s.sqlite3").exists()
