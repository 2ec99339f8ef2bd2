"""Opening the database: the default location, checks, WAL mode, foreign keys, migrations.

A database is checked when opened (PRAGMA quick_check; the full integrity_check after a crash)
and refused if damaged, so a damaged file is never written to nor copied over good backups.
Writers take the write lock at the start of a transaction (BEGIN IMMEDIATE) and wait for it,
so two imports at once run one after the other instead of failing half-way.

A command that only reads (`ttdn status`, `search`…) may skip the quick_check, which takes
~90 ms on a ten-year database, but only where that cannot weaken the rule above:
- its connection cannot write (SQLite opens it mode=ro and query_only), so it cannot write
  to a damaged file, and it makes no backup (a backup checks the file before copying);
- there is no sign of a crash (a -wal file left with content, the full-check marker); the
  file is not on a network share; its schema is current (else the writer's open migrates it);
- the file is exactly as it was when a check last passed on it: size, times, inode and first
  page as recorded then in «<name>.da-kiem-tra». Any other program writing into the file
  (damage "mid-file") changes them, so the check runs again. What such a reader meets while
  reading is still said as damage (DatabaseError → «bị hỏng», and the next open runs the
  full check).
Damage that changes nothing of that record (a disk's own bit rot) is found by the next open
that may write, which always checks, before anything is written or backed up.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import sqlite3
import sys
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from ttdn_desktop import __version__
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.storage import restoring
from ttdn_desktop.storage.migrations import LATEST, MIGRATIONS
from ttdn_desktop.storage.reading import Reader
from ttdn_desktop.storage.writing import Database
from ttdn_desktop.storage.settings import upgrade as upgrade_settings
from ttdn_desktop.util.paths import resolve_db_path
from ttdn_desktop.util.processes import process_alive
from ttdn_desktop.util.storage_errors import (DatabaseBusy, DatabaseDamaged, DatabaseReadOnly,
                                              StorageError, as_storage_error, is_damage,
                                              os_error_message)

_SQLITE_MAGIC = b"SQLite format 3\x00"
_CHECKED: set[tuple] = set()  # (path, size, mtime) of files this process found sound
BUSY_SECONDS = 10  # how long a write waits for another writer before saying the database is busy


def now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def open_database(path: str | os.PathLike | None = None, read_only: bool = False,
                  reading: bool = False) -> Database | Reader:
    """Open (creating if new), check, migrate. StorageError in Vietnamese if it cannot be used:
    DatabaseDamaged, DatabaseBusy, DatabaseReadOnly (a read-only file or folder), a full disk.
    `read_only`: only to look at (a copy on a read-only share or disc): nothing is written.
    `reading`: the caller only reads; a Reader when the rules in this module's docstring
    allow one, else the database opened as for writing."""
    path = resolve_db_path(path)
    settled = None if read_only else restoring.settle(path)  # a restore cut short, if any
    _check_is_sqlite(path)
    if read_only:
        return _open_read_only(path)
    if reading:
        reader = _open_for_reading(path)
        if reader is not None:
            reader.warnings[:0] = [settled] if settled else []
            return reader
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(os_error_message(error, path)) from None
    _check_writable(path)
    restoring.refuse_if_vanished(path)
    clean_stale_temps(path)
    marker = _full_check_marker(path)
    # A -wal this process has open itself (a worker reopening the database) is no crash.
    opened_here = any(key[0] == str(path.resolve()) for key in _CHECKED)
    crashed = (_was_left_open(path) and not opened_here) or marker.exists()
    db = None
    try:
        db = Database(sqlite3.connect(str(path), timeout=BUSY_SECONDS))
        db.path = path
        db.warnings = [settled] if settled else []
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        db.execute("PRAGMA foreign_keys = ON")
        # Workers reopen the database often: checked again only when the file has changed.
        stat = path.stat()
        key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
        if crashed or key not in _CHECKED:
            check_health(db, path, full=crashed)
            _CHECKED.add(key)
            marker.unlink(missing_ok=True)
        _check_not_newer(db, path)  # before WAL is switched on, so a refused file stays as it was
        share = network_share(path)
        if share:
            db.warnings.append(network_warning(path, share))
            # WAL needs shared memory between processes, which network file systems lack:
            # the rollback journal is the mode SQLite supports there.
            with contextlib.suppress(sqlite3.OperationalError):
                db.execute("PRAGMA journal_mode = DELETE")
        else:
            db.enable_wal()
        migrate(db, path)
        upgrade_settings(db)  # the values' own version (core.settings), after the schema's
    except (TTDNError, sqlite3.DatabaseError, OSError) as error:
        _close_and_say(db, path, error)
    return db


def _open_for_reading(path: Path) -> Reader | None:
    """A Reader, or None where the database must be opened as for writing (see the module's
    docstring: a new file, a crash sign, a network share, an old schema)."""
    try:
        writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
        if not path.is_file() or path.stat().st_size == 0 or not writable:
            return None  # created, or explained as read-only, by the usual open
    except OSError:
        return None
    hot_journal = path.with_name(path.name + "-journal").exists()
    if _was_left_open(path) or hot_journal or _full_check_marker(path).exists() \
            or network_share(path):
        return None
    db = None
    try:
        db = Reader(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                    timeout=BUSY_SECONDS), path)
        db.execute("PRAGMA query_only = ON")
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        before = _file_state(path)
        if _read_checked_state(path) != before:
            check_health(db, path)
            if _file_state(path) == before:  # nobody wrote while it was being checked
                _write_checked_state(path, before)
        _check_not_newer(db, path)
        if schema_version(db) != LATEST:
            db.close()
            return None
    except (TTDNError, sqlite3.DatabaseError, OSError) as error:
        _close_and_say(db, path, error)
    return db


def check_after_writing(path: Path) -> None:
    """After a writer has closed the database: check it now, if nobody else has it open and it
    changed since its last check, so the next reading command need not (the check moves from
    the next `ttdn status` to the end of the import that changed the file). Never raises: a
    failed check only means the next reader checks again, and the next writer refuses."""
    try:
        if _was_left_open(path) or _full_check_marker(path).exists() or network_share(path):
            return
        before = _file_state(path)
        if _read_checked_state(path) == before:
            return
        # immutable: no -shm made beside the file, nothing locked. A writer starting meanwhile
        # can only make the check fail, or the file's state differ after it: nothing recorded.
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            connection.execute("PRAGMA query_only = ON")
            check_health(Reader(connection, path), path)
        finally:
            connection.close()
        if _file_state(path) == before and not _was_left_open(path):
            _write_checked_state(path, before)
    except (TTDNError, sqlite3.Error, OSError):
        return


def _checked_state_path(path: Path) -> Path:
    return path.with_name(path.name + ".da-kiem-tra")


def _file_state(path: Path) -> str:
    """What changes whenever anything writes into or replaces the file: its size, times,
    inode, and its first page (the header and the schema)."""
    stat = path.stat()
    with open(path, "rb") as handle:
        first = handle.read(4096)
    return (f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns} {stat.st_dev} "
            f"{stat.st_ino} {hashlib.sha256(first).hexdigest()}")


def _read_checked_state(path: Path) -> str | None:
    try:
        return _checked_state_path(path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None


def _write_checked_state(path: Path, state: str) -> None:
    """Recorded beside the database for the next reader; not being able to is no error
    (the next reader checks again)."""
    target = _checked_state_path(path)
    temp = target.with_name(f"{target.name}.{os.getpid()}{TEMP_SUFFIX}")
    try:
        temp.write_text(state + "\n", encoding="ascii")
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()


def _forget_checked_state(path: Path) -> None:
    with contextlib.suppress(OSError):
        _checked_state_path(path).unlink()


def _open_read_only(path: Path) -> Database:
    if not path.is_file():
        raise StorageError(f"Không có cơ sở dữ liệu «{path}».")
    # In a folder nobody may write to, no other program can be writing either; "immutable"
    # lets SQLite read a WAL database there without creating its -shm file.
    immutable = "&immutable=1" if not os.access(path.parent, os.W_OK) else ""
    uri = f"{path.resolve().as_uri()}?mode=ro{immutable}"
    db = None
    try:
        db = Database(sqlite3.connect(uri, uri=True, timeout=BUSY_SECONDS))
        db.path = path
        db.warnings = [f"Cơ sở dữ liệu «{path}» chỉ cho đọc: đã mở ở chế độ chỉ xem, không "
                       "thay đổi được gì."]
        check_health(db, path)
        _check_not_newer(db, path)
        if schema_version(db) != LATEST:
            raise StorageError(f"Cơ sở dữ liệu «{path}» cần được nâng cấp lên phiên bản mới, "
                               "mà tệp lại chỉ cho đọc. Hãy chép tệp sang thư mục bạn có quyền "
                               "ghi rồi mở từ đó.")
    except (TTDNError, sqlite3.DatabaseError) as error:
        _close_and_say(db, path, error)
    return db


def _close_and_say(db: Database | None, path: Path, error: Exception) -> NoReturn:
    """A half-opened connection is closed, and SQLite's or the system's words for what went
    wrong are said as ours: damage, storage trouble, or our own message as it was."""
    if db is not None:
        db.close()
    if isinstance(error, TTDNError):
        raise error
    if isinstance(error, sqlite3.DatabaseError):
        if is_damage(error):
            raise _damaged(path, str(error)) from None
        raise as_storage_error(error, path) from None
    raise StorageError(os_error_message(error, path)) from None


def _check_is_sqlite(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    if path.is_dir():
        raise StorageError(f"«{path}» là một thư mục, không phải tệp cơ sở dữ liệu. Hãy chọn "
                           "một tệp .sqlite3.")
    with open(path, "rb") as handle:
        if handle.read(16) != _SQLITE_MAGIC:
            raise TTDNError(f"Tệp «{path}» không phải là cơ sở dữ liệu của TTĐN Desktop "
                            "(không phải tệp SQLite). Hãy chọn tệp khác; tệp này không bị sửa.")


def _check_writable(path: Path) -> None:
    """SQLite writes beside the database (its -wal and -shm files): both the file and its
    folder must be writable. Explained here rather than failing at the first save."""
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseReadOnly(f"Cơ sở dữ liệu «{path}» chỉ cho đọc (không có quyền ghi vào tệp). "
                           "Hãy bỏ thuộc tính chỉ đọc của tệp, hoặc chép tệp sang thư mục bạn có "
                           "quyền ghi rồi mở từ đó.")
    if not os.access(folder, os.W_OK):
        raise DatabaseReadOnly(f"Không có quyền ghi vào thư mục «{folder}» chứa cơ sở dữ liệu (thư "
                           "mục hoặc ổ đĩa chỉ cho đọc). Hãy chép tệp sang thư mục bạn có quyền "
                           "ghi (ví dụ thư mục Tài liệu) rồi mở từ đó.")


def _was_left_open(path: Path) -> bool:
    """A -wal file with content left behind: the last program using it did not close it."""
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def _full_check_marker(path: Path) -> Path:
    return path.with_name(path.name + ".can-kiem-tra")


def request_full_check(path: Path) -> None:
    """Damage met while working (an index quick_check does not read): the next start runs
    the full integrity_check, which finds it, instead of opening the file again."""
    _forget_checked_state(Path(path))
    with contextlib.suppress(OSError):
        _full_check_marker(Path(path)).touch()


def _damaged(path: Path, detail: str) -> DatabaseDamaged:
    """SQLite's own words go to the log for support; the user gets what to do. No reader
    skips the check on this file any more."""
    _forget_checked_state(path)
    logging.getLogger(__name__).info("damaged database %s: %s", path, detail[:2000])
    error = DatabaseDamaged(
        f"Cơ sở dữ liệu «{path}» bị hỏng (không qua được bước kiểm tra khi mở). Để không làm "
        "hỏng thêm, TTĐN Desktop không ghi gì vào tệp này và không sao lưu nó đè lên các bản sao "
        "lưu tốt. Hãy khôi phục từ một bản sao lưu trong thư mục «sao-luu» (trong ứng dụng, "
        "hoặc bằng lệnh «ttdn restore»).", path)
    error.detail = detail
    return error


def health_problem(db, full: bool = False) -> str | None:
    """What PRAGMA quick_check (integrity_check when `full`) finds wrong in a database (any
    connection: a backup is checked on a plain read-only one), None when nothing."""
    pragma = "integrity_check(20)" if full else "quick_check(20)"
    rows = [row[0] for row in db.execute(f"PRAGMA {pragma}").fetchall()]
    return None if rows == ["ok"] else "; ".join(rows[:3])


def check_health(db: Database | Reader, path: Path | None = None, full: bool = False) -> None:
    """health_problem, as DatabaseDamaged; an error of SQLite that is not damage is raised."""
    try:
        problem = health_problem(db, full)
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            raise _damaged(path or Path(db.path or "?"), str(error)) from None
        raise
    if problem:
        raise _damaged(path or Path(db.path or "?"), problem)


def schema_version(db: Database | Reader) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def _check_not_newer(db: Database | Reader, path) -> None:
    version = schema_version(db)
    if version > LATEST:
        db.close()
        raise TTDNError(f"Cơ sở dữ liệu «{path}» được tạo bởi một phiên bản TTĐN Desktop mới hơn "
                        f"(lược đồ {version}, bản này chỉ biết đến {LATEST}). Hãy cập nhật "
                        "chương trình; dữ liệu không bị thay đổi.")


def migrate(db: Database, path: Path | None = None) -> int:
    """Bring the schema up to date in one transaction. Returns the number of steps applied."""
    _check_not_newer(db, path)
    version = schema_version(db)
    if version == LATEST:
        return 0
    if version > 0 and path is not None:
        backup(db, path.with_name(f"{path.name}.truoc-nang-cap-v{version}.bak"))
    with db.atomic():
        for number in range(version + 1, LATEST + 1):
            for step in MIGRATIONS[number - 1]():
                if callable(step):
                    step(db)
                else:
                    db.execute(step)
            db.execute("INSERT INTO schema_migrations (version, applied_at, app_version) "
                       "VALUES (?, ?, ?)", [number, now(), __version__])
        # user_version is transactional in SQLite: it rolls back with the rest on failure.
        db.execute(f"PRAGMA user_version = {LATEST}")
    return LATEST - version


TEMP_SUFFIX = restoring.TEMP_SUFFIX  # one suffix for temps, so start-up cleaning finds all


def backup(db: Database, target: Path) -> Path:
    """A consistent copy of the live database (safe under WAL), written atomically. A damaged
    database is never copied (DatabaseDamaged), and no temp file is left after a failure."""
    check_health(db, Path(db.path) if getattr(db, "path", None) else None)
    temp = target.with_name(f"{target.name}.{os.getpid()}{TEMP_SUFFIX}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        destination = sqlite3.connect(temp)
        try:
            db.conn.backup(destination)
        finally:
            destination.close()
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException as error:
        for leftover in (temp, temp.with_name(temp.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        if isinstance(error, sqlite3.Error) and "full" in str(error).lower():
            error = OSError(errno.ENOSPC, str(error))
        if isinstance(error, OSError):
            raise StorageError("Không tạo được bản sao lưu: " + os_error_message(error, target)
                               ) from None
        if isinstance(error, sqlite3.Error):
            raise as_storage_error(error, Path(db.path) if db.path else None) from None
        raise
    return target


def clean_stale_temps(path: Path, max_age_seconds: float = 600) -> list[Path]:
    """Temp files a killed backup or restore left beside the database or in sao-luu/: removed
    when their writer is gone (its pid, on POSIX) or they are older than `max_age_seconds`."""
    removed = []
    candidates = [p for suffix in (TEMP_SUFFIX, TEMP_SUFFIX + "-journal")
                  for p in path.parent.glob(f"{path.name}*{suffix}")]
    folder = backup_folder(path)
    if folder.is_dir():
        candidates += list(folder.glob(f"*{TEMP_SUFFIX}")) + list(
            folder.glob(f"*{TEMP_SUFFIX}-journal"))
    current = datetime.now().timestamp()
    for temp in candidates:
        try:
            old = current - temp.stat().st_mtime > max_age_seconds
            if old or not _writer_alive(temp):
                temp.unlink()
                removed.append(temp)
        except OSError:
            continue
    return removed


def _writer_alive(temp: Path) -> bool:
    name = temp.name.removesuffix("-journal")
    pid_text = name[:-len(TEMP_SUFFIX)].rsplit(".", 1)[-1]
    # unknown (Windows, or no pid in the name): left to the age rule
    return not pid_text.isdigit() or process_alive(int(pid_text)) is not False


# --- backups --------------------------------------------------------------------------------
def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / "sao-luu"


# --- network shares ---------------------------------------------------------------------------
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p",
              "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "ceph", "glusterfs",
              "fuse.glusterfs", "lustre", "gpfs", "fuse.rclone", "fuse.gvfsd-fuse"}
DRIVE_REMOTE = 4


def network_share(path: Path, mounts: str | None = None, platform: str | None = None
                  ) -> str | None:
    """What network file system `path` lies on ("UNC", "ổ mạng", "nfs", "cifs"…), or None."""
    platform = platform or sys.platform
    text = str(path)
    if platform == "win32":
        if text.startswith(("\\\\", "//")):
            return "đường dẫn mạng UNC"
        try:
            import ctypes  # Windows only: 4 ms of every start elsewhere
            root = os.path.splitdrive(os.path.abspath(text))[0] + "\\"
            if ctypes.windll.kernel32.GetDriveTypeW(root) == DRIVE_REMOTE:
                return f"ổ mạng {root}"
        except (AttributeError, OSError):
            return None
        return None
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = os.path.abspath(text)
    best, best_type = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fields[2]
    if best_type and (best_type in NETWORK_FS or best_type.split(".")[0] in NETWORK_FS):
        return best_type
    return None


def network_warning(path: Path, share: str) -> str:
    return (f"Cơ sở dữ liệu «{path}» nằm trên ổ mạng ({share}). Ghi qua mạng không an toàn cho "
            "cơ sở dữ liệu (mất kết nối hay hai máy cùng ghi có thể làm hỏng dữ liệu), nên chương "
            "trình đã tắt chế độ WAL. Hãy chép tệp về ổ đĩa của máy này (ví dụ thư mục Tài liệu) "
            "và mở từ đó; gửi báo cáo cho nhau bằng gói .ttdn qua thư điện tử.")


__all__ = ["DatabaseBusy", "DatabaseDamaged", "StorageError", "open_database",
           "backup", "check_health", "network_share", "resolve_db_path", "now"]
