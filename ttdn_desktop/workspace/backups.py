"""Backups: the copies in sao-luu/ beside the database, made and restored. The module's
functions work on a database that may be too damaged to open (no Workspace)."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

from ttdn_desktop.storage import backups as backup_store
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.storage import restoring
from ttdn_desktop.storage.database import resolve_db_path


class Backups:
    def __init__(self, ws):
        self._ws = ws

    def make(self, reason: str, when: datetime | None = None) -> Path:
        """A copy in sao-luu/ beside the database (never of a damaged one); old copies are
        thinned: every one of the last days, then one a week, then one a month. This
        installation's signing key is copied there too (once per key), so a restored backup
        signs as before."""
        ws = self._ws
        made = backup_store.make_backup(ws.db, ws.path, reason, when)
        ws.keys.back_up(backup_store.backup_folder(ws.path))
        return made

    def daily(self, when: datetime | None = None) -> Path | None:
        """At the app's start, once a day: old autosave history thinned, then a backup."""
        age = backup_store.newest_backup_age(self._ws.path, when)
        if age is not None and age < timedelta(days=1):
            return None
        with self._ws.db.atomic():
            report_store.compact_history(self._ws.db, when)
        return self.make(backup_store.DAILY, when)


def list_backups(db_path: str | os.PathLike | None = None) -> list[backup_store.Backup]:
    """The backups of a database (which may be too damaged to open), newest first."""
    return backup_store.list_backups(resolve_db_path(db_path))


def restore_backup(db_path: str | os.PathLike | None, chosen: str | os.PathLike
                   ) -> Path | None:
    """Put a backup in place of the database; the replaced file is kept aside (returned;
    None if there was none)."""
    return backup_store.restore_backup(resolve_db_path(db_path), Path(chosen))


def settle_restore(db_path: str | os.PathLike | None) -> str | None:
    """A restore cut short earlier finished (or undone); what was done, or None. Opening a
    Workspace does this too: here for `ttdn restore`, which does not open the database."""
    return restoring.settle(resolve_db_path(db_path))
