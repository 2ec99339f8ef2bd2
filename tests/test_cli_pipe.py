"""Issue 22, point 11: `ttdn … | head -1`. The program reading the output went away; no disk
failed. The command stops quietly, as cat or grep do: nothing on stderr, exit 141."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ttdn_desktop.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent


def _into_closed_pipe(db: Path, *args: str) -> subprocess.CompletedProcess:
    """The command with its stdout a real pipe whose reading end is already closed: every
    write meets EPIPE, whatever the timing (a `| head -1` that read its line and left)."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        return subprocess.run([sys.executable, "-m", "ttdn_desktop", "--db", str(db), *args],
                              cwd=ROOT, stdout=writing, stderr=subprocess.PIPE, text=True,
                              encoding="utf-8", timeout=120,
                              env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    finally:
        os.close(writing)


@pytest.fixture
def db(tmp_path, forms):
    path = tmp_path / "vp.sqlite3"
    with Workspace(path, forms) as workspace:
        workspace.agencies.add("SNGV", "Sở Ngoại vụ")
        workspace.agencies.add("CAT", "Công an tỉnh")
    return path


@pytest.mark.skipif(os.name != "posix", reason="EPIPE and SIGPIPE are POSIX")
@pytest.mark.parametrize("command", [["agencies"], ["status", "--period", "2021-H1"],
                                     ["search", "ban"], ["restore"]])
def test_a_reader_gone_early_is_no_disk_error(db, command):
    if command == ["restore"]:  # with a backup to list
        with Workspace(db) as workspace:
            workspace.backups.make("truoc-khi-nhap")
    done = _into_closed_pipe(db, *command)
    assert done.stderr == "", done.stderr
    assert done.returncode == 141


@pytest.mark.skipif(os.name != "posix", reason="a shell pipe")
def test_head_one_shows_the_first_line_and_nothing_else(db):
    many = "\n".join(f"M{n:04d}\tĐơn vị số {n}" for n in range(3000))
    members = db.with_name("members.txt")
    members.write_text(many, encoding="utf-8")
    with Workspace(db) as workspace:  # enough lines to fill the pipe after `head` has left
        workspace.agencies.import_list([tuple(line.split("\t")) + ("",) for line in many.splitlines()])
    done = subprocess.run(f'"{sys.executable}" -m ttdn_desktop --db "{db}" agencies | head -1',
                          shell=True, cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert done.stdout.count("\n") == 1
    assert done.stderr == "", done.stderr
