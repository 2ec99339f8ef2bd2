import os
import subprocess
import sys


def test_gui_smoke_command_paints_and_exits_0(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TTDN_DB=str(tmp_path / "s.sqlite3"))
    done = subprocess.run([sys.executable, "-m", "ttdn_desktop", "gui", "--smoke"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "s.sqlite3").exists()
