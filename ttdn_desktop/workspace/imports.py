"""Files brought in: packages, requests, forms filled in Excel, mail and archives holding them;
the packages held aside (conflicts, unknown agencies) and what becomes of them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.rules import CONFLICT
from ttdn_desktop.core.text import nfc
from ttdn_desktop.exchange import importer
from ttdn_desktop.exchange import source_files
from ttdn_desktop.exchange import request_import
from ttdn_desktop.exchange import import_result
from ttdn_desktop.exchange import held_release
from ttdn_desktop.exchange.members_xlsx import read_members_xlsx
from ttdn_desktop.exchange.package import read_package
from ttdn_desktop.exchange.request import read_request
from ttdn_desktop.office.safezip import PACKAGE_LIMITS
from ttdn_desktop.storage import held as held_store
from ttdn_desktop.util.storage_errors import DatabaseBusy, StorageError, waiting_message


class Imports:
    def __init__(self, ws):
        self._ws = ws

    def target(self, accept_form: bool = False) -> import_result.Target:
        """Who receives here (for the import rules): our own agency and signing key."""
        return import_result.Target(self._ws.setup.own_agency,
                               own_fingerprint=self._ws.keys.signer.fingerprint,
                               accept_form=accept_form)

    def run(self, paths, dry_run: bool = False, progress=None, backup: bool = False,
            accept_form: bool = False, waiting=None):
        """Import files (a folder stands for its files). With `backup`, the database is first
        copied to the "sao-luu" folder beside it. A failure of the database or the disk is a
        StorageError for the whole batch (nothing imported), never a file's rejection.
        `accept_form`: the user confirmed installing, for this database, a new form brought by
        a request not signed with the recorded key (otherwise such a request is refused, its
        result's `form_offer` set). `waiting(sentence)`: told, about every quarter second,
        while another program writing to the database is waited for (how long so far, how
        long at most)."""
        ws = self._ws
        told = None if waiting is None else \
            (lambda waited, limit: waiting(waiting_message(ws.path, waited, limit)))
        try:
            if backup and not dry_run:
                ws.backups.make("truoc-khi-nhap")
            return importer.import_files(ws.db, ws.forms, source_files.expand_paths(paths),
                                         dry_run=dry_run, progress=progress,
                                         target=self.target(accept_form), waiting=told)
        except (sqlite3.Error, OSError, StorageError) as error:
            busy = isinstance(error, DatabaseBusy) or "locked" in str(error).lower()
            raise (DatabaseBusy if busy else StorageError)(
                "Chưa nhập tệp nào (không phải lỗi của các tệp): " + ws.explain(error)) from None

    @staticmethod
    def importable(paths) -> list[Path]:
        """Files as given; a folder stands for the importable files in it."""
        return source_files.expand_paths(paths)

    @staticmethod
    def nothing_to_import(folders) -> str:
        """Said when the folders given hold no file to import: their paths, the kinds read,
        and what they hold instead."""
        return source_files.nothing_to_import(folders)

    @staticmethod
    def read_request(path):
        """A request package read for the first-start setup (its member list, the agency it is
        addressed to, the period); nothing is stored."""
        path = Path(path)
        return read_request(nfc(path.name),
                            source_files.read_file_bytes(path, PACKAGE_LIMITS.max_file_bytes))

    @staticmethod
    def member_list(path) -> list[tuple[str, str, str]]:
        """The member list in an Excel sheet (code, name, kind), for agencies.import_list;
        PackageError if unreadable."""
        path = Path(path)
        return read_members_xlsx(nfc(path.name), source_files.read_file_bytes(path, 20 << 20))

    def accept_form_request(self, file_name: str, data: bytes):
        """A request refused for its new form (its result's `form_offer`), imported again now
        that the user has confirmed the form after seeing its sender's key: the form is
        installed for this database only. The database is backed up first."""
        ws = self._ws
        ws.backups.make("truoc-khi-nhap")
        with ws.db.atomic():
            return request_import.import_request(ws.db, ws.forms, file_name, data,
                                           self.target(accept_form=True))

    def release_held(self, agency_code: str) -> list:
        """The packages held for an agency not yet on the list, imported now that it is."""
        return held_release.release_held(self._ws.db, self._ws.forms, agency_code, self.target())

    def held(self, period: Period | None = None) -> list[dict]:
        """Packages kept aside and not yet dealt with (conflicts, unknown agencies)."""
        return held_store.list_held(self._ws.db, period_code=period.code if period else None)

    def held_content(self, held_id: int) -> ReportContent:
        db = self._ws.db
        row = next((r for r in held_store.list_held(db) if r["id"] == held_id), None)
        if row is None:
            raise TTDNError("Gói này không còn chờ xử lý.")
        return read_package(row["file_name"], held_store.held_package(db, held_id),
                            self._ws.forms).content

    def conflicts(self, period: Period | None = None) -> list[dict]:
        return held_store.list_held(self._ws.db, reason=CONFLICT,
                                    period_code=period.code if period else None)

    def resolve(self, held_id: int, take_incoming: bool) -> None:
        """Keep the current revision, or make the held one current as the next revision."""
        with self._ws.db.atomic():
            importer.resolve_conflict(self._ws.db, self._ws.forms, held_id, take_incoming,
                                      self.target())

