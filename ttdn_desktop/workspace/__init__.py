"""The operations both front ends share: the command line and the Qt app call these, never the
storage or exchange modules in their own way.

A Workspace opens and closes the database and hands the work to its doors, one small class
per domain (as Anki's Collection hands it to col.decks, col.models): `ws.agencies`,
`ws.reports`, `ws.periods`, `ws.keys`, `ws.merge`, `ws.upward`, `ws.setup`, `ws.backups`,
`ws.drafts`, `ws.files`, `ws.held`, `ws.word`, `ws.imports`, `ws.mailbox`, `ws.outbox`.

The start-up boundary (bench/bench_startup.py): every door is built when first used, its
module imported then (`_Door`), so the window's worker, opening a database to show a report,
loads only the doors its reads go through and none of the file readers and writers: the doors
of files (`files`, `held`, `word`, `imports`, `mailbox`, `outbox`) import exchange/ and
export/ at their top, which would add about a third of a second to «ready to type»; the
others (keys with nacl, upward, drafts) wait for what uses them as well."""

from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path

from ttdn_desktop.core.forms import Form, FormLibrary
from ttdn_desktop.storage import changes
from ttdn_desktop.storage import forms as form_store
from ttdn_desktop.storage.database import (check_after_writing, open_database,
                                           request_full_check, resolve_db_path)
from ttdn_desktop.storage.parsed_forms import read_kept
from ttdn_desktop.storage.reading import Reader
from ttdn_desktop.util.crashlog import unexpected_message
from ttdn_desktop.util.paths import data_dir, form_dirs
from ttdn_desktop.util.storage_errors import is_damage, storage_message

__all__ = ["Workspace", "load_forms", "resolve_db_path"]


def load_forms() -> FormLibrary:
    return FormLibrary.from_dirs(form_dirs(), read_kept)


class _Door:
    """A door of the Workspace, made the first time it is asked for (the start-up boundary
    above): `ws.keys` imports workspace/keys.py then and builds its Keys, which from then on
    is a plain attribute of that Workspace."""

    def __init__(self, module: str, name: str):
        self.module = f"{__name__}.{module}"
        self.name = name

    def __set_name__(self, owner, attribute: str) -> None:
        self.attribute = attribute

    def __get__(self, workspace, owner=None):
        if workspace is None:
            return self
        door = getattr(import_module(self.module), self.name)(workspace)
        workspace.__dict__[self.attribute] = door
        return door


class Workspace:
    agencies = _Door("agencies", "Agencies")
    reports = _Door("reports", "Reports")
    periods = _Door("periods", "Periods")
    keys = _Door("keys", "Keys")
    merge = _Door("merge", "Merge")
    upward = _Door("upward", "Upward")
    setup = _Door("setup", "Setup")
    backups = _Door("backups", "Backups")
    drafts = _Door("drafts", "Drafts")
    word = _Door("word", "Word")
    files = _Door("files", "Files")
    held = _Door("held", "Held")
    imports = _Door("imports", "Imports")
    outbox = _Door("outbox", "Outbox")
    mailbox = _Door("mailbox", "Mailbox")

    def __init__(self, db_path: str | os.PathLike | None = None,
                 forms: FormLibrary | None = None, read_only: bool = False,
                 reading: bool = False, connect: bool = True):
        """`read_only`: the file may not be written (a view of it). `reading`: the caller
        only reads (a command like `ttdn status`), which lets a sound database open without
        its quick_check (storage.database says when). `connect=False`: the database is
        opened when first asked (the window's own Workspace: its data is read and written by
        the operations' worker, so on the UI thread it should never connect at all)."""
        self.path = resolve_db_path(db_path)
        self.read_only = read_only
        self._reading = reading
        self._db = None
        # until the database is open: the forms given (the window's own Workspace is handed
        # the worker's, this database's own already in them), else the bundled ones
        self.forms = forms if forms is not None else load_forms()
        if connect:
            self._db = open_database(self.path, read_only=read_only, reading=reading)
            self._take_own_forms()

    @property
    def db(self):
        if self._db is None:
            self._db = open_database(self.path, read_only=self.read_only, reading=self._reading)
            self._take_own_forms()
        return self._db

    def _take_own_forms(self) -> None:
        """The forms of this database joined to a copy of the library given, so a form one
        database received is never another's. Forms an older release wrote to the user's data
        folder come into the databases that use them; the files there stay (nothing is deleted)
        but are no longer read as forms of every database."""
        if not form_store.kept_here(self._db):
            return
        library = FormLibrary(list(self.forms))
        library.problems = list(self.forms.problems)
        stored, problems = form_store.stored_forms(self._db, read_kept)
        for form in stored:
            library.add(form)
        library.problems += problems
        folder = data_dir() / "forms"
        found = FormLibrary.from_dirs([folder], read_kept) if folder.is_dir() else FormLibrary()
        missing = [form for form in found if library.find(*form.key) is None]
        used = form_store.used_versions(self._db) if missing else set()
        for form in (f for f in missing if f.key in used):
            if not self.read_only and not self.reading:
                with self._db.atomic():
                    form_store.install_form(self._db, form, Path(form.path).read_bytes(),
                                            form_store.FOLDER, Path(form.path).name)
            library.add(form)
        self.forms = library

    @property
    def reading(self) -> bool:
        return isinstance(self._db, Reader)

    def close(self) -> None:
        if self._db is None:
            return
        self._db.close()
        if not self.read_only and not self.reading:
            check_after_writing(self.path)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def form(self) -> Form:
        """The newest version of the default form."""
        return self.forms.latest()

    @property
    def warnings(self) -> list[str]:
        """What the user should know about this database (a network share)."""
        return list(getattr(self._db, "warnings", []))

    def explain(self, error: BaseException) -> str:
        """A sentence for a database or disk error met by a front end. Damage found while
        working makes the next start check the whole file."""
        if is_damage(error):
            request_full_check(self.path)
        return storage_message(error, self.path) or unexpected_message(error)

    def track_changes(self) -> None:
        """From now on this connection notes what it changes (storage/changes.py): the
        window's worker does, so every operation says what it changed, whatever it ran."""
        self.db.track_changes()

    def take_changes(self) -> frozenset:
        """The kinds of change (core/changes.py) written since the last take."""
        return changes.take(self.db)

    def data_version(self) -> int:
        """SQLite's counter of commits made by other connections (another program, the
        command line, a worker thread): a window polls it to notice outside changes."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]
