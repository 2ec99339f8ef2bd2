"""Putting a backup in place of the database, all or nothing as the user sees it.

A restore takes several renames (the live file and its -wal and -shm aside, then the restored
copy in). A journal beside the database, written before the first of them, says what is under
way: the next start (any open of the database, the window's and the command line's alike)
finds it and finishes the restore, or undoes it where it cannot be finished, and says which.
The restored copy is never a temp file that start-up cleaning would delete, and a database
whose old copy lies aside is never replaced by a new empty one without a word."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from datetime import datetime
from pathlib import Path

from ttdn_desktop.util.processes import process_alive
from ttdn_desktop.util.storage_errors import (DatabaseBusy, DatabaseMissing, StorageError,
                                              os_error_message)

SUFFIXES = ("", "-wal", "-shm")  # the database and the files SQLite keeps beside it
TEMP_SUFFIX = ".tmp"             # as storage.database names its temps (cleaned at start)
STOP_AT = "TTDN_TEST_RESTORE_STOP"  # tests: the process ends at this step, as if killed
STILL_RUNNING_SECONDS = 600  # a journal's writer is looked for only this long after it began


def journal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".dang-khoi-phuc")


def ready_path(db_path: Path) -> Path:
    """The restored copy, complete and synced, waiting to be moved in."""
    return db_path.with_name(db_path.name + ".ban-khoi-phuc")


def kept_path(db_path: Path, when: datetime) -> Path:
    """A name no earlier restore has used (two in one second would overwrite one's file)."""
    base = f"{db_path.name}.hong-{when:%Y%m%d-%H%M%S}"
    kept, number = db_path.with_name(base), 1
    while any(kept.with_name(kept.name + suffix).exists() for suffix in SUFFIXES):
        number += 1
        kept = db_path.with_name(f"{base}-{number}")
    return kept


def _step(name: str) -> None:
    if os.environ.get(STOP_AT) == name:
        os._exit(70)


def restore_file(db_path: Path, chosen: Path) -> Path | None:
    """Copy `chosen` in place of `db_path`, keeping the replaced files aside (returned; None
    when there was no database to replace).
    A failure undoes what was done; a crash is finished or undone by the next start."""
    when = datetime.now()
    kept = kept_path(db_path, when)
    journal = {"backup": str(chosen), "kept": kept.name, "pid": os.getpid(),
               "started": when.isoformat(timespec="seconds")}
    ready = ready_path(db_path)
    temp = ready.with_name(f"{ready.name}.{os.getpid()}{TEMP_SUFFIX}")
    try:
        _write_journal(db_path, journal)
        _step("journal")
        shutil.copyfile(chosen, temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, ready)
        _sync_folder(db_path)
        _step("copied")
        _move_aside(db_path, kept, after_first=lambda: _step("aside"))
        _step("aside-all")
        os.replace(ready, db_path)
        _sync_folder(db_path)
        _step("moved-in")
        journal_path(db_path).unlink()
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        with contextlib.suppress(OSError):  # else the journal stays: the next start settles it
            _undo(db_path, kept)
            _remove_partial_copies(db_path)
            _drop_journal(db_path, "")
        raise StorageError("Không khôi phục được: " + os_error_message(error, db_path)) from None
    return kept if kept.exists() else None


def settle(db_path: Path) -> str | None:
    """A restore interrupted earlier (its journal is beside the database): finished, or undone
    where it cannot be, before the database is opened. Returns what was done, for the user;
    None if there was nothing to do. DatabaseBusy while the restoring process still runs."""
    path = journal_path(db_path)
    if not path.exists():
        return None
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
        kept = db_path.with_name(Path(str(journal["kept"])).name)
        backup, pid = Path(str(journal["backup"])).name, int(journal["pid"])
        started = datetime.fromisoformat(str(journal["started"]))
    except (OSError, ValueError, KeyError, TypeError):  # a journal cut short: nothing moved yet
        return _drop_journal(db_path, "Một lần khôi phục trước đó bị ngắt trước khi thay tệp: "
                             f"cơ sở dữ liệu «{db_path}» vẫn như trước khi khôi phục.")
    # A restore takes seconds: an older journal's pid, alive, is another program's (the
    # restore was cut by a power cut, the pid used again after the restart).
    recent = abs((datetime.now() - started).total_seconds()) < STILL_RUNNING_SECONDS
    if pid != os.getpid() and recent and _alive(pid):
        raise DatabaseBusy(f"Cơ sở dữ liệu «{db_path}» đang được khôi phục từ bản sao lưu "
                           f"«{backup}» (chương trình số {pid}). Hãy chờ xong rồi mở lại.")
    which = f"Lần khôi phục «{db_path.name}» từ bản sao lưu «{backup}» lúc " \
            f"{started:%H:%M:%S ngày %d/%m/%Y} đã bị ngắt giữa chừng"
    ready = ready_path(db_path)
    try:
        if ready.exists():  # the restored copy is whole: the restore is finished
            _move_aside(db_path, kept)
            os.replace(ready, db_path)
            _sync_folder(db_path)
            aside = f" Tệp cũ được giữ lại là «{kept.name}»." if kept.exists() else ""
            return _drop_journal(db_path, f"{which}; nay đã làm nốt: cơ sở dữ liệu là bản "
                                 f"khôi phục từ «{backup}».{aside}")
        if db_path.exists():
            if kept.exists():  # moved in: only the journal was left
                return _drop_journal(db_path, f"{which} ngay trước khi báo xong; việc khôi "
                                     f"phục đã hoàn tất. Tệp cũ được giữ lại là «{kept.name}».")
            _remove_partial_copies(db_path)
            return _drop_journal(db_path, f"{which}, trước khi thay tệp: cơ sở dữ liệu vẫn như "
                                 "trước khi khôi phục. Muốn khôi phục thì hãy làm lại («ttdn "
                                 "restore» hay trong ứng dụng).")
        if _undo(db_path, kept):
            _remove_partial_copies(db_path)
            return _drop_journal(db_path, f"{which} và bản khôi phục không còn: đã đặt tệp cũ "
                                 "trở lại chỗ cũ, cơ sở dữ liệu vẫn như trước khi khôi phục.")
    except OSError as error:
        raise StorageError(f"{which}, và không làm nốt được: "
                           + os_error_message(error, db_path)) from None
    return None  # nothing anywhere: open_database says that no database is left


def refuse_if_vanished(db_path: Path) -> None:
    """About to create a new, empty database at `db_path`: refused if a database was there a
    moment ago (its old copy kept aside by a restore, or its backups in sao-luu/), since an
    empty database would silently stand in for the user's data."""
    if db_path.exists():
        return
    aside = sorted(p.name for p in db_path.parent.glob(f"{glob_escape(db_path.name)}.hong-*")
                   if not p.name.endswith(("-wal", "-shm", "-journal")))
    own = re.compile(re.escape(db_path.stem) + r"-[a-z-]+-\d{8}-\d{6}\.sqlite3$")
    folder = db_path.parent / "sao-luu"
    copies = sorted((p.name for p in folder.glob("*.sqlite3") if own.match(p.name)),
                    reverse=True) if folder.is_dir() else []
    if not aside and not copies:
        return
    where = f"tệp cũ «{aside[-1]}» bên cạnh (giữ lại khi khôi phục)" if aside else \
        f"{len(copies)} bản sao lưu của nó trong thư mục «{folder}»"
    raise DatabaseMissing(
        f"Không thấy cơ sở dữ liệu «{db_path}», mà vẫn còn {where}: cơ sở dữ liệu này đã có, "
        "nay tệp không còn ở chỗ cũ. TTĐN Desktop không tạo một cơ sở dữ liệu trống thay cho "
        "nó. Hãy khôi phục từ bản sao lưu («ttdn restore», rồi «ttdn restore 1» cho bản mới "
        "nhất), hoặc chép tệp cơ sở dữ liệu về đúng chỗ; muốn bắt đầu một cơ sở dữ liệu mới, "
        "trống, thì hãy chọn tên tệp khác.")


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _write_journal(db_path: Path, journal: dict) -> None:
    target = journal_path(db_path)
    temp = target.with_name(f"{target.name}.{os.getpid()}{TEMP_SUFFIX}")
    with open(temp, "w", encoding="utf-8") as handle:
        json.dump(journal, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, target)
    _sync_folder(db_path)


def _move_aside(db_path: Path, kept: Path, after_first=None) -> None:
    """The live database and its -wal, -shm (those still there) to the kept names: the old
    -wal must never be left beside the restored copy, whose pages it does not belong to."""
    for suffix in SUFFIXES:
        live = db_path.with_name(db_path.name + suffix)
        if live.exists():
            os.replace(live, kept.with_name(kept.name + suffix))
            if after_first is not None:
                after_first()
                after_first = None
    _sync_folder(db_path)


def _undo(db_path: Path, kept: Path) -> bool:
    """The kept files back in place, where the database itself is missing. True if any."""
    if db_path.exists() or not kept.exists():
        return False
    for suffix in SUFFIXES:
        aside = kept.with_name(kept.name + suffix)
        if aside.exists():
            os.replace(aside, db_path.with_name(db_path.name + suffix))
    _sync_folder(db_path)
    return True


def _remove_partial_copies(db_path: Path) -> None:
    ready = ready_path(db_path)
    for leftover in [ready, *ready.parent.glob(f"{glob_escape(ready.name)}.*{TEMP_SUFFIX}")]:
        with contextlib.suppress(OSError):
            leftover.unlink()


def _drop_journal(db_path: Path, said: str) -> str:
    with contextlib.suppress(FileNotFoundError):
        journal_path(db_path).unlink()
    _sync_folder(db_path)
    return said


def _sync_folder(db_path: Path) -> None:
    """Renames are durable once the folder is synced (POSIX; Windows has no such call)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        handle = os.open(db_path.parent, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _alive(pid: int) -> bool:
    # Windows: a journal's writer is not looked for; a restore is brief
    return process_alive(pid) is True
