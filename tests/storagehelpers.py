"""Storage as it fails in the world: a full disk (a tiny tmpfs), a read-only folder (a tmpfs
remounted read-only, since root ignores file permissions), a damaged database file, a
database held by another writer. Tests needing a mount skip, with the reason, where mounting
is not allowed."""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .ci_tools import require

ROOT = Path(__file__).resolve().parent.parent


def _mount(args: list[str]) -> bool:
    if os.name != "posix" or os.geteuid() != 0:
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextlib.contextmanager
def tmpfs(path: Path, size: str = "64k"):
    """A tiny file system mounted at `path` (created)."""
    require("tmpfs")
    path.mkdir(parents=True, exist_ok=True)
    if not _mount(["-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)]):
        pytest.skip("cannot mount a tmpfs here (needs root on Linux)")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def fill(path: Path) -> None:
    """Fill the file system holding `path` up to the last byte."""
    fd = os.open(path / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        for chunk in (65536, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * chunk)
    finally:
        os.close(fd)


def make_read_only(path: Path) -> None:
    """Remount the tmpfs at `path` read-only (what root cannot write either)."""
    if not _mount(["-o", "remount,ro", str(path)]):
        pytest.skip("cannot remount read-only here")


def damage(path: Path, page: int, length: int = 4096, seed: int = 14) -> None:
    """Random bytes over the database's page `page` (1-based), as a bad sector would."""
    page_size = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    rng = random.Random(seed)
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * page_size + (100 if page == 1 else 0))
        handle.write(bytes(rng.randrange(256) for _ in range(length)))


def page_count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA page_count").fetchone()[0]
    finally:
        connection.close()


def ttdn(*args, db: Path, timeout: int = 120, env: dict | None = None):
    """The command line in its own process, as a user runs it."""
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {}))
    return subprocess.run([sys.executable, "-m", "ttdn_desktop", "--db", str(db), *map(str, args)],
                          cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=timeout)


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp"))
