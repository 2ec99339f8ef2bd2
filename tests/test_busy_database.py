"""Issue 22, point 6: an import on a database another program is writing. A real second
process holds a write transaction on the real SQLite file; the import says at once that it
waits and why, how long so far, and after the documented wait ends with a clear message,
nothing imported. The README's figures are the code's."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QProgressDialog

from ttdn_desktop.cli import main
from ttdn_desktop.core.periods import Period
from ttdn_desktop.demo import write_demo_packages
from ttdn_desktop.exchange import importer
from ttdn_desktop.storage import database
from ttdn_desktop.workspace import Workspace

from .uihelpers import active_window, set_up_secretariat

ROOT = Path(__file__).resolve().parent.parent
H1 = Period.parse("2021-H1")
WAITING = "Đang chờ: một chương trình khác (một cửa sổ TTĐN Desktop hay lệnh ttdn khác) " \
          "đang ghi vào cơ sở dữ liệu"
HOLD = ("import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "c.execute(\"INSERT INTO settings (key, value) VALUES ('dang-ghi', 'x')\")\n"
        "print('held', flush=True)\n"
        "sys.stdin.readline()\n"
        "c.execute('ROLLBACK')\n")


class Writer:
    """Another program in the middle of writing to the database, until released."""

    def __init__(self, db: Path):
        self.process = subprocess.Popen([sys.executable, "-c", HOLD, str(db)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "held"

    def release(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.write("\n")
            self.process.stdin.flush()
            self.process.wait(30)


@pytest.fixture
def secretariat(tmp_path, forms, form):
    db = tmp_path / "btg.sqlite3"
    with Workspace(db, forms) as workspace:
        set_up_secretariat(workspace, 3)
    paths = write_demo_packages(form, tmp_path / "goi", H1, 3)
    return db, paths


@pytest.fixture
def writer(secretariat):
    held = Writer(secretariat[0])
    yield held
    held.release()


def _reports(db: Path) -> int:
    with Workspace(db) as workspace:
        return workspace.db.execute("SELECT count(*) FROM reports").fetchone()[0]


def test_the_import_says_at_once_why_it_waits_then_imports(secretariat, writer):
    db, paths = secretariat
    command = [sys.executable, "-m", "ttdn_desktop", "--db", str(db), "import",
               str(paths[0].parent)]
    run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, encoding="utf-8",
                           env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    first = run.stderr.readline()  # while the other program still writes
    assert first.startswith(WAITING) and f"«{db}»" in first, first
    assert "chờ tối đa 120 giây" in first
    writer.release()
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert "3 tệp: 3 được nhận" in out
    assert _reports(db) == 3


def test_the_import_ends_after_the_documented_wait_with_nothing_changed(
        secretariat, writer, capsys, monkeypatch):
    db, paths = secretariat
    monkeypatch.setattr(importer, "IMPORT_WAIT_SECONDS", 2)  # 120 in use: the README says it
    code = main(["--db", str(db), "import", *map(str, paths)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[0].startswith(WAITING) and "(chờ tối đa 2 giây)" in lines[0]
    assert lines[-1] == (f"ttdn: Chưa nhập tệp nào (không phải lỗi của các tệp): Cơ sở dữ liệu "
                         f"«{db}» đang bận: một chương trình khác (một cửa sổ TTĐN Desktop hay "
                         "lệnh ttdn khác) đang ghi vào nó và chưa xong sau 2 giây chờ. Hãy thử "
                         "lại sau ít phút; không có gì bị thay đổi.")
    writer.release()
    assert _reports(db) == 0


def test_the_readme_says_the_waits_the_code_makes():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = text[text.index("- Cơ sở dữ liệu đang bận"):]
    paragraph = " ".join(paragraph[:paragraph.index("\n- ")].split())
    waits = [int(n) for n in re.findall(r"chờ tới (\d+) giây", paragraph)]
    assert waits == [importer.IMPORT_WAIT_SECONDS, database.BUSY_SECONDS], paragraph


def test_the_window_says_it_waits_on_its_progress_dialog(qtbot, secretariat):
    db, paths = secretariat
    main_window = active_window(qtbot, Workspace(db), 1366, 740)
    view = main_window.secretariat_view
    try:
        main_window.import_paths([str(p) for p in paths])
        qtbot.waitUntil(lambda: view.pages.currentWidget() is view.preview, timeout=20000)
        writer = Writer(db)
        try:
            view.preview.apply_button.click()

            def waiting_said() -> bool:
                dialogs = [w for w in main_window.findChildren(QProgressDialog) if w.isVisible()]
                return any(WAITING in d.labelText() for d in dialogs)
            qtbot.waitUntil(waiting_said, timeout=20000)
            assert _reports(db) == 0
        finally:
            writer.release()
        qtbot.waitUntil(lambda: not main_window.ops.busy, timeout=60000)
        assert "Đã nhập 3 tệp" in view.notice.label.text()
    finally:
        main_window.close()
        main_window.workspace.close()
