"""Backups in the "sao-luu" folder beside the database: made, listed newest first, thinned (every
backup of the last days, then one a week, then one a month, then one a year), restored."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ttdn_desktop.storage import restoring
from ttdn_desktop.storage.database import backup, backup_folder, health_problem
from ttdn_desktop.util.processes import process_alive
from ttdn_desktop.util.storage_errors import StorageError

KEEP_DAYS = 7      # every backup of the last week
KEEP_WEEKS = 8     # then the newest of each week
KEEP_MONTHS = 24   # then the newest of each month; older: the newest of each year
DAILY = "hang-ngay"
_STAMP = re.compile(r"-(\d{8}-\d{6})\.sqlite3$")

REASONS = {"truoc-khi-nhap": "trước khi nhập tệp", DAILY: "hằng ngày",
           "truoc-khi-khoi-phuc": "trước khi khôi phục"}


@dataclass(frozen=True)
class Backup:
    """A backup copy of the database, with when it was taken."""
    path: Path
    taken_at: datetime
    size: int

    @property
    def reason(self) -> str:
        for key, label in REASONS.items():
            if f"-{key}-" in self.path.name:
                return label
        return ""

    def label(self) -> str:
        size = f"{self.size / 1024 / 1024:.1f} MB" if self.size >= 1024 * 1024 \
            else f"{max(1, self.size // 1024)} KB"
        why = f", {self.reason}" if self.reason else ""
        return f"{self.taken_at:%d/%m/%Y %H:%M:%S} ({size}{why})"


def make_backup(db, db_path: Path, reason: str, when: datetime | None = None) -> Path:
    """Copy the live database into sao-luu/, then thin the folder."""
    when = when or datetime.now()
    folder = backup_folder(db_path)
    target = folder / f"{Path(db_path).stem}-{reason}-{when:%Y%m%d-%H%M%S}.sqlite3"
    backup(db, target)
    thin_backups(db_path, when)
    return target


def _stamp_time(stamp: str) -> datetime:
    """"20260507-143000" as a time (ValueError if it is none). Not strptime: its first call
    builds the locale's patterns, 5 ms of every start (the daily backup looks at the newest)."""
    return datetime(int(stamp[0:4]), int(stamp[4:6]), int(stamp[6:8]),
                    int(stamp[9:11]), int(stamp[11:13]), int(stamp[13:15]))


def list_backups(db_path: Path) -> list[Backup]:
    """This database's backups, newest first, with the time each was taken."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found = []
    stem = Path(db_path).stem
    for path in folder.glob(f"{stem}-*.sqlite3"):
        match = _STAMP.search(path.name)
        try:
            stat = path.stat()
            taken = _stamp_time(match.group(1)) if match \
                else datetime.fromtimestamp(stat.st_mtime)
        except (OSError, ValueError):
            continue
        found.append(Backup(path, taken, stat.st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def backups_to_drop(backups: list[Backup], when: datetime) -> list[Backup]:
    """Which backups thinning removes: all of the last KEEP_DAYS days are kept, then the newest
    of each week for KEEP_WEEKS weeks, then of each month for KEEP_MONTHS months, then of each
    year. The newest backup is always kept."""
    kept_buckets: set = set()
    drop = []
    for index, item in enumerate(sorted(backups, key=lambda b: b.taken_at, reverse=True)):
        age = when - item.taken_at
        if index == 0 or age < timedelta(days=KEEP_DAYS):
            continue
        if age < timedelta(weeks=KEEP_WEEKS):
            bucket = ("week",) + tuple(item.taken_at.isocalendar()[:2])
        elif age < timedelta(days=30 * KEEP_MONTHS):
            bucket = ("month", item.taken_at.year, item.taken_at.month)
        else:
            bucket = ("year", item.taken_at.year)
        if bucket in kept_buckets:
            drop.append(item)
        else:
            kept_buckets.add(bucket)
    return drop


def thin_backups(db_path: Path, when: datetime | None = None) -> list[Path]:
    removed = []
    for item in backups_to_drop(list_backups(db_path), when or datetime.now()):
        with contextlib.suppress(OSError):
            item.path.unlink()
            removed.append(item.path)
    return removed


def newest_backup_age(db_path: Path, when: datetime | None = None) -> timedelta | None:
    backups = list_backups(db_path)
    return (when or datetime.now()) - backups[0].taken_at if backups else None


def check_backup(path: Path) -> None:
    """A backup is only restored if it is itself sound (the database's own check, on a copy
    that is not open: any error of SQLite reading it is its fault)."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            problem = health_problem(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        problem = str(error)
    if problem:
        raise StorageError(f"Bản sao lưu «{path.name}» cũng bị hỏng ({problem}); hãy chọn bản "
                           "khác.")


def window_holding(db_path: Path) -> bool:
    """The app's lock file beside the database (Qt's QLockFile: pid on the first line) names a
    process that is still running."""
    lock = Path(db_path).with_name(Path(db_path).name + ".lock")
    try:
        pid = int(lock.read_text(encoding="utf-8", errors="replace").split()[0])
    except (OSError, ValueError, IndexError):
        return False
    if pid == os.getpid():
        return False  # the app restoring from its own start-up dialog
    # no cheap liveness test on Windows: a lock left by a crash is rare, and said so
    return process_alive(pid) is not False


def restore_backup(db_path: Path, chosen: Path) -> Path | None:
    """Put `chosen` in place of the database. The file it replaces (damaged or not) is kept
    beside it as <name>.hong-<time> (with its -wal and -shm), so nothing is lost. Returns that
    (None if no database was there).
    All or nothing: storage.restoring journals the steps for the next start."""
    db_path, chosen = Path(db_path), Path(chosen)
    if window_holding(db_path):
        raise StorageError(f"TTĐN Desktop đang mở cơ sở dữ liệu «{db_path}». Hãy đóng cửa sổ đó "
                           "trước khi khôi phục (khôi phục trong ứng dụng: mở lại ứng dụng khi "
                           "cơ sở dữ liệu bị hỏng).")
    restoring.settle(db_path)  # one cut short earlier first: its files are not mixed with ours
    check_backup(chosen)
    return restoring.restore_file(db_path, chosen)
