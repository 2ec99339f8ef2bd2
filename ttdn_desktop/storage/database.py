"""Opening the database: the default location, WAL mode, foreign keys, migrations."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

import sqlite_utils

from ttdn_desktop import __version__
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.storage.migrations import LATEST, MIGRATIONS
from ttdn_desktop.util.paths import default_db_path

_SQLITE_MAGIC = b"SQLite format 3\x00"


def now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def resolve_db_path(path: str | os.PathLike | None = None) -> Path:
    """--db PATH, else the TTDN_DB variable, else the user data folder."""
    if path:
        return Path(path)
    if os.environ.get("TTDN_DB"):
        return Path(os.environ["TTDN_DB"])
    return default_db_path()


def open_database(path: str | os.PathLike | None = None) -> sqlite_utils.Database:
    path = resolve_db_path(path)
    _check_is_sqlite(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite_utils.Database(path)
        db.execute("PRAGMA busy_timeout = 5000")
        db.execute("PRAGMA foreign_keys = ON")
        _check_not_newer(db, path)  # before WAL is switched on, so a refused file stays as it was
        db.enable_wal()
        migrate(db, path)
    except sqlite3.DatabaseError as error:
        raise TTDNError(f"Không mở được cơ sở dữ liệu «{path}»: {error}.") from None
    return db


def _check_is_sqlite(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb") as handle:
        if handle.read(16) != _SQLITE_MAGIC:
            raise TTDNError(f"Tệp «{path}» không phải là cơ sở dữ liệu của TTĐN Desktop "
                            "(không phải tệp SQLite). Hãy chọn tệp khác; tệp này không bị sửa.")


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def _check_not_newer(db: sqlite_utils.Database, path) -> None:
    version = schema_version(db)
    if version > LATEST:
        db.close()
        raise TTDNError(f"Cơ sở dữ liệu «{path}» được tạo bởi một phiên bản TTĐN Desktop mới hơn "
                        f"(lược đồ {version}, bản này chỉ biết đến {LATEST}). Hãy cập nhật "
                        "chương trình; dữ liệu không bị thay đổi.")


def migrate(db: sqlite_utils.Database, path: Path | None = None) -> int:
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


def backup(db: sqlite_utils.Database, target: Path) -> Path:
    """A consistent copy of the live database (safe under WAL), written atomically."""
    temp = target.with_name(target.name + ".tmp")
    if temp.exists():
        temp.unlink()
    destination = sqlite3.connect(temp)
    try:
        db.conn.backup(destination)
    finally:
        destination.close()
    os.replace(temp, target)
    return target
