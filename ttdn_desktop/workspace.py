"""The operations both front ends share: the command line and the Qt app call these, never the
storage or exchange modules in their own way."""

from __future__ import annotations

import os
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.forms import Form, FormLibrary
from ttdn_desktop.core.merge import Agency, Consolidation, Contribution, consolidate
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.richtext import escape
from ttdn_desktop.core.rules import CONFLICT, NEW, NEWER, SAME
from ttdn_desktop.core.text import nfc
from ttdn_desktop.core import trust
from ttdn_desktop.core.upward import (CHANGED_LABEL, CURRENT_LABEL, Source, UpwardReport,
                                      changes_since, upward_report)
from ttdn_desktop.core.periods import Period, parse_time
from ttdn_desktop.storage import agencies as agency_store
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.storage import held as held_store
from ttdn_desktop.storage import keys as key_store
from ttdn_desktop.storage import upward as upward_store
from ttdn_desktop.storage.consolidated import (clear_consolidated_section, edited_records,
                                               edited_since, merge_orders, save_consolidated_section,
                                               set_merge_order)
from ttdn_desktop.storage.reports import RevisionInfo
from ttdn_desktop.storage.reviews import review_of, reviews_in_period, set_review
from ttdn_desktop.storage import wordimport as word_store
from ttdn_desktop.storage.search import search as search_reports
from ttdn_desktop.storage import backups as backup_store
from ttdn_desktop.storage import restoring
from ttdn_desktop.storage.database import (check_after_writing, open_database,
                                           request_full_check, resolve_db_path)
from ttdn_desktop.storage.reading import Reader
from ttdn_desktop.storage.periods import known_periods, period_dates, set_period_dates
from ttdn_desktop.core import settings as declared
from ttdn_desktop.storage.settings import all_settings, family, get_setting, set_setting
from ttdn_desktop.util.files import write_bytes_atomic
from ttdn_desktop.util.paths import data_dir, form_dirs
from ttdn_desktop.util.storage_errors import (DatabaseBusy, StorageError, is_damage,
                                              storage_message, waiting_message)

if TYPE_CHECKING:
    from ttdn_desktop.core.docformat import Letterhead

# matches shown at most by a search (the window, `ttdn search`)
SEARCH_SHOWN = 200

AGENCY = "agency"
SECRETARIAT = "secretariat"


class _Lazy:
    """A module imported when first used. The first window needs the workspace, not the
    machinery of importing files (mail, signatures, zip checks): that waits for the first
    import or export, so the app starts faster."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attribute: str):
        import importlib
        return getattr(importlib.import_module(self._name), attribute)


docformat = _Lazy("ttdn_desktop.core.docformat")  # letterheads: for exports and settings
importer = _Lazy("ttdn_desktop.exchange.importer")
held_release = _Lazy("ttdn_desktop.exchange.held_release")
import_result = _Lazy("ttdn_desktop.exchange.import_result")
request_import = _Lazy("ttdn_desktop.exchange.request_import")
sender_trust = _Lazy("ttdn_desktop.exchange.sender_trust")
source_files = _Lazy("ttdn_desktop.exchange.source_files")
core_signer = _Lazy("ttdn_desktop.core.signer")  # PyNaCl
package_io = _Lazy("ttdn_desktop.exchange.package")
keyfile = _Lazy("ttdn_desktop.storage.keyfile")  # signatures (PyNaCl) when first needed


def __getattr__(name: str):
    """PassphraseNeeded, for the front ends, without loading PyNaCl at start (PEP 562)."""
    if name == "PassphraseNeeded":
        from ttdn_desktop.storage.keyfile import PassphraseNeeded
        return PassphraseNeeded
    raise AttributeError(name)


@dataclass(frozen=True)
class OutgoingPackage:
    data: bytes
    report_id: str
    revision: int
    content: ReportContent


def backups(db_path: str | os.PathLike | None = None) -> list[backup_store.Backup]:
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


def load_forms() -> FormLibrary:
    return FormLibrary.from_dirs(form_dirs())


class Workspace:
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
        self.startup_warnings: list[str] = []  # warnings met after opening (a failed daily backup)
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
        from ttdn_desktop.storage import forms as form_store
        if not form_store.kept_here(self._db):
            return
        library = FormLibrary(list(self.forms))
        library.problems = list(self.forms.problems)
        stored, problems = form_store.stored_forms(self._db)
        for form in stored:
            library.add(form)
        library.problems += problems
        folder = data_dir() / "forms"
        found = FormLibrary.from_dirs([folder]) if folder.is_dir() else FormLibrary()
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

    # --- agencies -------------------------------------------------------------------------
    def agencies(self, include_retired: bool = True) -> list[dict]:
        return agency_store.list_agencies(self.db, include_retired)

    def agency(self, code: str) -> dict:
        row = agency_store.get_agency(self.db, code.upper())
        if row is None:
            raise TTDNError(f"Không có đơn vị mã «{code}» trong danh sách thành viên. "
                            "Xem danh sách bằng lệnh «ttdn agencies».")
        return row

    def add_agency(self, code: str, name: str, kind: str = "", sort_order: int | None = None,
                   new_kind: bool = False) -> tuple[dict, list]:
        """Add a member; packages held for it are imported now. Returns (agency, results).
        `kind`: one of agency_kinds(), or added to them with `new_kind`."""
        agency = agency_store.add_agency(self.db, code, name, kind, sort_order, new_kind)
        return agency, held_release.release_held(self.db, self.forms, agency["code"], self._target())

    def import_members(self, members: list[tuple[str, str, str]]) -> tuple[int, int, int]:
        """Add the agencies not yet on the list, rename those whose name changed (the old name
        stays in the history), give each the kind (Loại) the file names, a kind not yet listed
        joining the list. Returns (added, renamed, kinds changed). All or nothing."""
        added = renamed = rekinded = 0
        with self.db.atomic():
            for order, (code, name, kind) in enumerate(members, start=1):
                existing = agency_store.get_agency(self.db, agency_store.check_code(code))
                if existing is None:
                    agency_store.add_agency(self.db, code, name, kind, order, new_kind=True)
                    held_release.release_held(self.db, self.forms, code.upper(), self._target())
                    added += 1
                    continue
                if existing["name"] != name:
                    agency_store.update_agency(self.db, existing["code"], name=name)
                    renamed += 1
                if kind and agency_store.kind_named(self.db, kind, add=True) != existing["kind"]:
                    agency_store.update_agency(self.db, existing["code"], kind=kind)
                    rekinded += 1
        return added, renamed, rekinded

    def has_agency(self, code: str) -> bool:
        return agency_store.get_agency(self.db, code.upper()) is not None

    def update_agency(self, code: str, **changes) -> dict:
        """Rename, re-kind or retire (retired=True/False) an agency; the old values stay in
        the history."""
        return agency_store.update_agency(self.db, self.agency(code)["code"], **changes)

    def agency_kinds(self) -> list[str]:
        return agency_store.list_kinds(self.db)

    def add_agency_kind(self, name: str) -> str:
        return agency_store.add_kind(self.db, name)

    def rename_agency_kind(self, old: str, new: str) -> str:
        return agency_store.rename_kind(self.db, old, new)

    def remove_agency_kind(self, name: str) -> None:
        agency_store.remove_kind(self.db, name)

    def reorder_agency_kinds(self, names: list[str]) -> None:
        agency_store.reorder_kinds(self.db, names)

    def reorder_agencies(self, codes: list[str]) -> None:
        with self.db.atomic():
            for order, code in enumerate(codes, start=1):
                agency_store.update_agency(self.db, code, sort_order=order)

    # --- reports --------------------------------------------------------------------------
    def new_report(self, agency_code: str, period: Period, form: Form | None = None) -> str:
        self.agency(agency_code)
        return report_store.create_report(self.db, agency_code.upper(), period, form or self.form)

    def report_for(self, agency_code: str, period: Period, form_id: str | None = None) -> dict:
        report = report_store.report_for(self.db, agency_code.upper(), period,
                                         form_id or self.form.id)
        if report is None:
            name = self.agency(agency_code)["name"]
            raise TTDNError(f"{name} chưa có báo cáo {period.label}.")
        return report

    def find_report(self, agency_code: str, period: Period) -> dict | None:
        """The agency's report for the period on the current form, or None."""
        return report_store.report_for(self.db, agency_code.upper(), period, self.form.id)

    def report(self, report_id: str) -> dict | None:
        return report_store.get_report(self.db, report_id)

    def agency_reports(self, agency_code: str) -> list[tuple[dict, RevisionInfo]]:
        """An agency's reports on the current form, newest period first, each with its current
        revision."""
        rows = [r for r in report_store.reports_of_agency(self.db, agency_code.upper())
                if r["form_id"] == self.form.id]
        rows.sort(key=lambda r: Period.parse(r["period_code"]), reverse=True)
        return [(r, report_store.current_revision(self.db, r["id"])) for r in rows]

    def revision(self, report_id: str, revision: int | None = None) -> RevisionInfo | None:
        """A revision's record (the current one by default); None if there is no such one."""
        if revision is None:
            return report_store.current_revision(self.db, report_id)
        return report_store.revision_info(self.db, report_id, revision)

    def content(self, report_id: str, revision: int | None = None) -> ReportContent:
        return report_store.load_content(self.db, report_id, revision)

    def save_draft(self, report_id: str, sections: dict[str, str] | None = None,
                   figures: dict | None = None, notes: dict | None = None,
                   last_year: dict | None = None, invalid: dict | None = None) -> RevisionInfo:
        """An autosave of the agency's draft (see storage.reports.save_draft)."""
        return report_store.save_draft(self.db, report_id, sections, figures, notes, last_year,
                                       invalid)

    def invalid_figures(self, report_id: str, revision: int | None = None) -> dict[str, dict]:
        """The figures typed that are not numbers, as typed (storage.reports.load_invalid)."""
        return report_store.load_invalid(self.db, report_id, revision)

    def invalid_cells(self, period: Period, agency_code: str | None = None) -> list[str]:
        """Every figure typed that is not a number in the period's current reports (one
        agency's, or all), named where it is: what an export leaves out."""
        from ttdn_desktop.core.validation import ERROR, bad_cells
        code = self.agency(agency_code)["code"] if agency_code else None
        lines = []
        found = report_store.invalid_in_period(self.db, period, self.form.id)
        for report in report_store.reports_in_period(self.db, period, self.form.id):
            if report["id"] not in found or code and report["agency_code"] != code:
                continue
            who = "" if code else f"{self.agency(report['agency_code'])['name']}: "
            lines += [who + p.message for p in bad_cells(self.form, {}, found[report["id"]])
                      if p.severity == ERROR]
        return lines

    def package_bytes(self, agency_code: str, period: Period) -> OutgoingPackage:
        """The package of the current revision, not yet sealed: call `mark_sent` once its file
        is safely written, so a failed write never leaves a revision sealed with no file."""
        report = self.report_for(agency_code, period)
        info = report_store.current_revision(self.db, report["id"])
        agency = self.agency(agency_code)
        content = report_store.load_content(self.db, report["id"], info.revision)
        data = package_io.build_package(
            form=self.forms.get(report["form_id"], info.form_version),
            agency_code=agency["code"], agency_name=agency["name"], period=period,
            report_id=report["id"], revision=info.revision, supersedes=info.supersedes,
            content=content, signer=self.signer)
        return OutgoingPackage(data, report["id"], info.revision, content)

    def mark_sent(self, package: OutgoingPackage) -> None:
        """Seal the revision a written package holds (it is being sent)."""
        report_store.seal_as_sent(self.db, package.report_id, package.revision, package.content)

    def write_package(self, agency_code: str, period: Period, out: str | os.PathLike) -> int:
        """Write the package file first, then seal: on failure nothing is sealed."""
        package = self.package_bytes(agency_code, period)
        write_bytes_atomic(out, package.data)
        self.mark_sent(package)
        return package.revision

    def write_form_xlsx(self, agency_code: str, period: Period, out) -> int:
        """The Excel form for an agency without the app, prefilled with its current report if
        there is one. Returns the revision the form will make."""
        from ttdn_desktop.exchange.xlsx_form import FormIdentity, stable_report_id, write_form_xlsx
        agency = self.agency(agency_code)
        report = report_store.report_for(self.db, agency["code"], period, self.form.id)
        prefill = None
        if report is None:
            report_id, revision, supersedes = stable_report_id(agency["code"], period,
                                                               self.form.id), 1, None
        else:
            info = report_store.current_revision(self.db, report["id"])
            report_id = report["id"]
            revision, supersedes = (info.revision + 1, info.revision) if info.sealed \
                else (info.revision, info.supersedes)
            prefill = report_store.load_content(self.db, report["id"], info.revision)
        identity = FormIdentity(self.form, agency["code"], agency["name"], period, report_id,
                                revision, supersedes)
        write_form_xlsx(identity, out, prefill, period_dates(self.db, period).deadline)
        return revision

    def import_files(self, paths, dry_run: bool = False, progress=None, backup: bool = False,
                     accept_form: bool = False, waiting=None):
        """Import files (a folder stands for its files). With `backup`, the database is first
        copied to the "sao-luu" folder beside it. A failure of the database or the disk is a
        StorageError for the whole batch (nothing imported), never a file's rejection.
        `accept_form`: the user confirmed installing, for this database, a new form brought by
        a request not signed with the recorded key (otherwise such a request is refused, its
        result's `form_offer` set). `waiting(sentence)`: told, about every quarter second,
        while another program writing to the database is waited for (how long so far, how
        long at most)."""
        told = None if waiting is None else \
            (lambda waited, limit: waiting(waiting_message(self.path, waited, limit)))
        try:
            if backup and not dry_run:
                self.backup("truoc-khi-nhap")
            return importer.import_files(self.db, self.forms, source_files.expand_paths(paths),
                                         dry_run=dry_run, progress=progress,
                                         target=self._target(accept_form), waiting=told)
        except (sqlite3.Error, OSError, StorageError) as error:
            busy = isinstance(error, DatabaseBusy) or "locked" in str(error).lower()
            raise (DatabaseBusy if busy else StorageError)(
                "Chưa nhập tệp nào (không phải lỗi của các tệp): " + self.explain(error)) from None

    @staticmethod
    def importable_paths(paths) -> list[Path]:
        """Files as given; a folder stands for the importable files in it."""
        return source_files.expand_paths(paths)

    @staticmethod
    def nothing_to_import(folders) -> str:
        """Said when the folders given hold no file to import: their paths, the kinds read,
        and what they hold instead."""
        return source_files.nothing_to_import(folders)

    @staticmethod
    def is_word_file(name: str) -> bool:
        from ttdn_desktop.exchange.docx_import import is_docx_name
        return is_docx_name(name) or name.lower().endswith(".xls")

    @staticmethod
    def is_agency_sheet(path) -> bool:
        """An Excel workbook that is not the app's form: its figures are confirmed as a Word
        report's are."""
        from ttdn_desktop.core.errors import PackageError
        from ttdn_desktop.exchange.sheet_import import SHEET_SUFFIXES, is_agency_sheet
        path = Path(path)
        if path.suffix and not path.name.lower().endswith(SHEET_SUFFIXES):
            return False  # a name with no suffix: told by its content
        try:
            return is_agency_sheet(path.name, source_files.read_file_bytes(path, 30 << 20))
        except PackageError:
            return False

    def read_members_file(self, path) -> list[tuple[str, str, str]]:
        """The member list in an Excel sheet (code, name, kind); PackageError if unreadable."""
        from ttdn_desktop.exchange.members_xlsx import read_members_xlsx
        path = Path(path)
        return read_members_xlsx(nfc(path.name), source_files.read_file_bytes(path, 20 << 20))

    def has_reports(self) -> bool:
        return report_store.has_reports(self.db)

    def _target(self, accept_form: bool = False) -> import_result.Target:
        return import_result.Target(self.own_agency, own_fingerprint=self.signer.fingerprint,
                               accept_form=accept_form)

    def backup(self, reason: str, when: datetime | None = None) -> Path:
        """A copy in sao-luu/ beside the database (never of a damaged one); old copies are
        thinned: every one of the last days, then one a week, then one a month. This
        installation's signing key is copied there too (once per key), so a restored backup
        signs as before."""
        made = backup_store.make_backup(self.db, self.path, reason, when)
        keyfile.backup_key(self.key_path, backup_store.backup_folder(self.path))
        return made

    def daily_backup(self, when: datetime | None = None) -> Path | None:
        """At the app's start, once a day: old autosave history thinned, then a backup."""
        age = backup_store.newest_backup_age(self.path, when)
        if age is not None and age < timedelta(days=1):
            return None
        with self.db.atomic():
            report_store.compact_history(self.db, when)
        return self.backup(backup_store.DAILY, when)

    @property
    def warnings(self) -> list[str]:
        """What the user should know about this database (a network share)."""
        return list(getattr(self._db, "warnings", [])) + self.startup_warnings

    def explain(self, error: BaseException) -> str:
        """A sentence for a database or disk error met by a front end. Damage found while
        working makes the next start check the whole file."""
        if is_damage(error):
            request_full_check(self.path)
        message = storage_message(error, self.path)
        if message:
            return message
        from ttdn_desktop.util.crashlog import unexpected_message  # logging: only when needed
        return unexpected_message(error)

    # --- signing keys ---------------------------------------------------------------------------
    @property
    def key_path(self) -> Path:
        return keyfile.key_path(self.path)

    @property
    def signer(self):
        """This installation's signing key, made the first time it is needed. Read each time
        (a small file): a key restored through another connection is the one used."""
        signer, _ = keyfile.load_or_create(self.key_path)
        return signer

    def own_key(self) -> dict:
        signer = self.signer
        return {"fingerprint": signer.fingerprint, "short": signer.short,
                "path": str(self.key_path)}

    def export_key(self, target, passphrase: str) -> Path:
        """This installation's key, sealed with `passphrase`, to carry to a new PC."""
        return keyfile.export_key(self.key_path, Path(target), passphrase)

    @staticmethod
    def key_file_sealed(source) -> bool:
        """Whether an exported key file asks for a passphrase."""
        try:
            return keyfile.is_sealed(Path(source).read_bytes()[:64 * 1024])
        except OSError:
            return False  # restore_key says why the file cannot be read

    def restore_key(self, source, passphrase: str | None = None) -> tuple[dict, Path | None]:
        """Make an exported key this installation's (a new PC keeps the old identity). The key
        it replaces is kept beside it. Returns (own key, where the old one was kept);
        keyfile.PassphraseNeeded (a TTDNError) if the file is sealed and the passphrase is
        missing or wrong."""
        from ttdn_desktop.core.errors import PackageError
        source = Path(source)
        try:
            data = source_files.read_file_bytes(source, 64 * 1024)
        except PackageError as error:
            raise TTDNError(f"{error.file_name}: {error.reason}.") from None
        _signer, kept = keyfile.restore_key(self.key_path, nfc(source.name), data, passphrase)
        return self.own_key(), kept

    def party_name(self, party: str) -> str:
        if party == trust.SECRETARIAT:
            pinned = key_store.active_key(self.db, party)
            issuer = pinned["name"] if pinned and pinned["name"] else ""
            return "Cơ quan gửi đề nghị báo cáo" + (f" ({issuer})" if issuer else "")
        row = agency_store.get_agency(self.db, party)
        if row is not None:
            return row["name"]
        pinned = key_store.list_keys(self.db, party, history=True)
        return pinned[-1]["name"] if pinned else party

    def pinned_keys(self, history: bool = False) -> list[dict]:
        """Keys pinned for each sender (with `history`, also those replaced or revoked), each
        with its sender's name, its short fingerprint and whether it was confirmed."""
        rows = [dict(row, party_name=self.party_name(row["party"]))
                for row in key_store.list_keys(self.db, history=history)]
        for row in rows:  # recorded by an older version: said, never trusted (verdict_for)
            if core_signer.is_demo_key(row["fingerprint"], row["party"]):
                row["state_label"] = "khóa mẫu công khai, không dùng để xác minh"
        return rows

    def _party(self, party: str) -> str:
        if party.strip().lower() in (trust.SECRETARIAT, "thuong-truc"):
            return trust.SECRETARIAT
        return party.strip().upper()

    def confirm_key(self, party: str) -> dict:
        with self.db.atomic():
            return key_store.confirm(self.db, self._party(party))

    def revoke_key(self, party: str) -> dict:
        with self.db.atomic():
            return key_store.revoke(self.db, self._party(party))

    def held_for_signature(self, party: str | None = None) -> list[dict]:
        """Packages held for their signature, each with the fingerprint it was signed with
        ("" when unsigned) and its sender (an agency code, or trust.SECRETARIAT)."""
        rows = held_release.held_for_signature(self.db, self._party(party) if party else None)
        result = []
        for row in rows:
            signature = held_release.held_signature(self.db, row)
            party = trust.SECRETARIAT if not row["report_id"] else row["agency_code"]
            result.append(dict(row, fingerprint=signature.fingerprint if signature else "",
                               short=signature.short if signature else "", party=party,
                               owners=self._owners(signature, party)))
        return result

    def _owners(self, signature, party: str) -> list[str]:
        """The other senders (in words) a key is recorded for: one key for two is named."""
        if signature is None:
            return []
        return [sender_trust.party_label(self.db, p)
                for p in key_store.parties_of(self.db, signature.fingerprint) if p != party]

    def accept_key(self, party: str, fingerprint: str | None = None) -> tuple[dict, list]:
        """Pin, as confirmed, the new key a held package of `party` was signed with (the old one
        stays as history), then apply the held packages that now fit. `fingerprint`: which key,
        when held packages carry more than one (hex or the short form). Returns (key, results)."""
        party = self._party(party)
        wanted = "".join(ch for ch in (fingerprint or "") if ch.isalnum()).lower()
        candidates = {}
        for row in self.held_for_signature(party):
            if row["fingerprint"] and (not wanted or row["fingerprint"].startswith(wanted)
                                       or row["short"].replace(" ", "") == wanted):
                candidates[row["fingerprint"]] = row
        if not candidates:
            raise TTDNError(f"Không có gói nào của «{self.party_name(party)}» đang được giữ lại "
                            "vì ký bằng một khóa khác" + (" khớp dấu vân tay đã cho" if wanted
                                                          else "") + ".")
        if len(candidates) > 1:
            shown = "; ".join(r["short"] for r in candidates.values())
            raise TTDNError(f"Các gói đang giữ lại của «{self.party_name(party)}» được ký bằng "
                            f"nhiều khóa khác nhau ({shown}); hãy chỉ rõ khóa nào (--fingerprint).")
        row = next(iter(candidates.values()))
        signature = held_release.held_signature(self.db, row)
        named = wanted in (row["fingerprint"], row["short"].replace(" ", ""))
        stolen = [sender_trust.party_label(self.db, p)
                  for p in key_store.revoked_for(self.db, row["fingerprint"]) if p != party]
        if stolen:  # revoked as lost or stolen: whoever holds it now is no member
            raise TTDNError(f"Khóa {row['short']} đã bị thu hồi của {', '.join(stolen)} (máy "
                            "bị mất hoặc lộ khóa): không nhận cho đơn vị nào khác. Không nhận "
                            "gì.")
        if row["owners"] and not named:  # one key for two senders: only when named in full
            raise TTDNError(
                f"Khóa {row['short']} đã được ghi nhận cho {', '.join(row['owners'])}: chưa "
                f"nhận cho «{self.party_name(party)}». Chỉ nhận một khóa cho hai nơi khi đã gọi "
                "điện và cả hai xác nhận dùng chung một máy ký; khi đó hãy chỉ rõ khóa "
                f"(--fingerprint \"{row['short']}\").")
        with self.db.atomic():
            key = key_store.pin(self.db, party, signature.public_key, signature.fingerprint,
                                self.party_name(party) if party != trust.SECRETARIAT else "",
                                row["file_name"], confirmed=True)
            results = held_release.release_signature_holds(self.db, self.forms, party,
                                                       self._target())
        return dict(key, shared_with=row["owners"]), results

    def form_list(self) -> list[tuple[Form, str]]:
        """Every form version this database can use, each with where it comes from, in words."""
        from ttdn_desktop.storage import forms as form_store
        kept = form_store.origins(self.db)
        listed = []
        for form in self.forms:
            row = kept.get(form.key)
            where = "kèm theo chương trình" if row is None else (
                f"trong cơ sở dữ liệu này: {form_store.ORIGINS.get(row['origin'], row['origin'])}"
                f" («{row['file_name']}», {row['installed_at'][:10]})")
            listed.append((form, where))
        return listed

    def add_form(self, path) -> Form:
        """A form file of the province's own, kept in this database (only: another database
        on the machine does not see it). A version already held is refused unless the same."""
        from ttdn_desktop.core.forms import load_form
        from ttdn_desktop.storage import forms as form_store
        path = Path(path)
        form = load_form(path)
        known = self.forms.find(form.id, form.version)
        if known is not None:
            where = "trong cơ sở dữ liệu này" if form_store.source(self.db, known) else \
                f"tệp «{known.path}»"
            raise TTDNError(f"«{nfc(path.name)}»: mẫu «{form.id}» phiên bản {form.version} đã "
                            f"có ({where}); muốn sửa mẫu thì lưu thành tệp mới với version lớn "
                            "hơn. Không thêm gì.")
        with self.db.atomic():
            form_store.install_form(self.db, form, path.read_bytes(), form_store.ADDED,
                                    nfc(path.name))
        stored, _problems = form_store.stored_forms(self.db)
        form = next(f for f in stored if f.key == form.key)
        self.forms.add(form)
        return form

    def accept_form_request(self, file_name: str, data: bytes):
        """A request refused for its new form (its result's `form_offer`), imported again now
        that the user has confirmed the form after seeing its sender's key: the form is
        installed for this database only. The database is backed up first."""
        self.backup("truoc-khi-nhap")
        with self.db.atomic():
            return request_import.import_request(self.db, self.forms, file_name, data,
                                           self._target(accept_form=True))

    def accept_held(self, held_id: int):
        """Apply one package held for its signature as it is, after checking with its sender."""
        from ttdn_desktop.core.errors import PackageError
        try:
            return held_release.accept_held_package(self.db, self.forms, held_id, self._target())
        except PackageError as error:
            raise TTDNError(f"{error.file_name}: {error.reason}.") from None

    def signature_states(self, period: Period) -> dict[str, dict]:
        """The signature each agency's current revision of the period came with, by agency code:
        state (core.trust), label, and brief (a few words, saying whether the key has been
        confirmed by phone since); agencies with nothing received are absent."""
        states = {}
        for report in report_store.reports_in_period(self.db, period, self.form.id):
            row = key_store.signature_of(self.db, report["id"], report["current_revision"])
            if row is None:
                continue
            state = trust.DEMO if core_signer.is_demo_key(row["fingerprint"],
                                                       report["agency_code"]) else row["state"]
            brief = trust.brief(state)  # a demo key, even one an older version trusted
            pinned = key_store.active_key(self.db, report["agency_code"])
            if state in (trust.FIRST, trust.VERIFIED) and pinned is not None \
                    and pinned["fingerprint"] == row["fingerprint"]:
                # what the key is now, not when it came: confirmed by phone since, or not yet
                brief = ("✓ đã ký, khóa đã đối chiếu" if pinned["confirmed_at"]
                         else "đã ký, khóa chưa gọi điện đối chiếu")
            elif row["fingerprint"] and row["fingerprint"] in key_store.revoked_keys(
                    self.db, report["agency_code"]):
                brief = "✗ ký bằng khóa nay đã bị thu hồi"
            states[report["agency_code"]] = {"state": state, "label": row["label"],
                                             "brief": brief}
        return states

    # --- requests, reviews, conflicts, search --------------------------------------------------
    def period_dates(self, period: Period):
        """The period's cut-off dates and deadline (set, or the defaults of the domain)."""
        return period_dates(self.db, period)

    def set_period_dates(self, period: Period, data_from=None, data_to=None, deadline=None):
        return set_period_dates(self.db, period, data_from, data_to, deadline)

    def known_periods(self) -> list[Period]:
        """Periods that have reports or dates, newest first."""
        return known_periods(self.db)

    def request_bytes(self, period: Period, agency_code: str | None = None,
                      deadline=None, data_from=None, data_to=None) -> bytes:
        """The request package for a period (all agencies, or one). Dates given here are also
        kept as the period's dates."""
        from ttdn_desktop.exchange.request import build_request
        if (data_from or data_to) and (data_from or period_dates(self.db, period).data_from) > \
                (data_to or period_dates(self.db, period).data_to):
            raise TTDNError("Ngày chốt số liệu «từ» phải trước ngày «đến».")
        if deadline is not None or data_from is not None or data_to is not None:
            set_period_dates(self.db, period, data_from=data_from, data_to=data_to,
                             deadline=deadline)
        dates = period_dates(self.db, period)
        form = self.form
        agency = self.agency(agency_code) if agency_code else None
        issuer = self.letterhead().issuing_body.replace("\n", " ")
        from ttdn_desktop.storage import forms as form_store
        source = form_store.source(self.db, form) or Path(form.path).read_bytes()
        return build_request(form=form, form_source=source, period=period,
                             data_from=dates.data_from, data_to=dates.data_to,
                             deadline=dates.deadline,
                             agency_code=agency["code"] if agency else None,
                             agency_name=agency["name"] if agency else None, issuer=issuer,
                             signer=self.signer,
                             members=[(a["code"], a["name"])
                                      for a in self.agencies(include_retired=False)])

    def set_review(self, agency_code: str, period: Period, state: str, comment: str = "") -> None:
        report = self.report_for(agency_code, period)
        set_review(self.db, report["id"], report["current_revision"], state, comment)

    def review(self, report_id: str, revision: int) -> dict | None:
        """The latest review decision on a revision: {state, comment, at}, or None."""
        return review_of(self.db, report_id, revision)

    def held(self, period: Period | None = None) -> list[dict]:
        """Packages kept aside and not yet dealt with (conflicts, unknown agencies)."""
        return [row for row in held_store.list_held(self.db)
                if period is None or row["period_code"] == period.code]

    def held_content(self, held_id: int) -> ReportContent:
        row = next((r for r in held_store.list_held(self.db) if r["id"] == held_id), None)
        if row is None:
            raise TTDNError("Gói này không còn chờ xử lý.")
        return package_io.read_package(row["file_name"], held_store.held_package(self.db, held_id),
                            self.forms).content

    def conflicts(self, period: Period | None = None) -> list[dict]:
        return [row for row in held_store.list_held(self.db, reason=CONFLICT)
                if period is None or row["period_code"] == period.code]

    def resolve_conflict(self, held_id: int, take_incoming: bool) -> None:
        """Keep the current revision, or make the held one current as the next revision."""
        row = next((r for r in held_store.list_held(self.db) if r["id"] == held_id), None)
        if row is None:
            raise TTDNError("Gói này không còn chờ xử lý.")
        with self.db.atomic():
            if take_incoming:
                package = package_io.read_package(row["file_name"], held_store.held_package(self.db, held_id),
                                       self.forms)
                report = report_store.report_for(self.db, row["agency_code"], package.period,
                                                 package.form.id)
                if report is None:
                    raise TTDNError("Không còn báo cáo nào để thay.")
                if package.manifest.report_id != report["id"]:
                    # the agency goes on sending under its own id: it now means this report
                    report_store.add_alias(self.db, package.manifest.report_id, report["id"])
                # kept under the agency's own number where free, so its next revision follows
                revision = report_store.free_revision(self.db, report["id"],
                                                      package.manifest.revision)
                report_store.store_received(
                    self.db, report_id=report["id"], agency_code=row["agency_code"],
                    period=package.period, form_id=package.form.id,
                    form_version=package.form.version,
                    revision=revision,
                    supersedes=report["current_revision"], content=package.content,
                    make_current=True,
                    source_file=f"{row['file_name']} (chọn khi xử lý xung đột)",
                    app_version=package.manifest.app_version,
                    sent_at=importer.sent_at(package.manifest),
                    sender_revision=package.manifest.revision)
                importer.store_upward_parts(self.db, package, report["id"], revision)
                verdict = sender_trust.verdict_for(self.db, row["agency_code"], package.signature,
                                               trust.PACKAGE, self._target())
                key_store.record_signature(self.db, report["id"], revision, verdict.state,
                                           verdict.label, verdict.fingerprint)
            held_store.resolve(self.db, held_id, "incoming" if take_incoming else "kept")

    # --- reports written in Word -----------------------------------------------------------------
    def read_word(self, path, data: bytes | None = None, period: Period | None = None):
        """Read and match a report written in Word (a WordReport), or an agency's own
        statistics sheet (a SheetReport: figures only, read in `period`'s column when given);
        nothing is stored. `data`: the file's bytes when they came in an e-mail rather than
        from `path`. Headings this agency's earlier imports were confirmed with are placed the
        same way."""
        from ttdn_desktop.exchange.docx_import import DOCX_LIMITS
        from ttdn_desktop.exchange.source_files import read_file_bytes
        from ttdn_desktop.exchange.sheet_import import read_report
        name = nfc(Path(path).name) if data is None else str(path)
        if data is None:
            data = read_file_bytes(Path(path), DOCX_LIMITS.max_file_bytes)
        return read_report(name, data, self.form,
                           [(a["code"], a["name"]) for a in self.agencies()],
                           remembered=self.word_placements, period=period)

    def word_placements(self, agency_code: str) -> dict[str, str]:
        """{heading key: section id} confirmed in this agency's earlier Word imports."""
        return word_store.placements_for(self.db, agency_code, self.form.id)

    def word_content(self, report, placements: dict[int, str] | None = None,
                     accepted=()) -> ReportContent:
        """What a Word report brings: its sections, the set-aside parts the user placed (by
        index), the figures the user accepted."""
        from ttdn_desktop.core.proposals import sum_proposals
        self._one_figure_each(report.file_name, accepted)
        sections = {sid: list(lines) for sid, lines in report.sections.items()}
        for index, section_id in (placements or {}).items():
            heading, lines = report.other[index]
            extra = ([] if heading.startswith("(") else [f"**{escape(heading)}**"]) + lines
            sections.setdefault(section_id, []).extend(extra)
        return ReportContent({sid: "\n".join(lines) for sid, lines in sections.items()},
                             sum_proposals(list(accepted)))

    def _sheet_content(self, agency_code: str, period: Period, accepted) -> ReportContent:
        """What a statistics sheet brings: the agency's current report (text, notes) with the
        accepted figures put in; nothing else of it changes."""
        from ttdn_desktop.core.proposals import sum_proposals
        self._one_figure_each("", accepted)
        existing = report_store.report_for(self.db, agency_code, period, self.form.id)
        current = report_store.load_content(self.db, existing["id"]) if existing else \
            ReportContent()
        figures = dict(current.figures)
        figures.update(sum_proposals(list(accepted)))
        return ReportContent(dict(current.sections), figures, dict(current.notes),
                             dict(current.last_year))

    def figure_label(self, key) -> str:
        """«Số bản ấn phẩm, tài liệu phát hành – Tiếng Anh»: an indicator and its member."""
        indicator = self.form.indicator(key[0])
        member = indicator.breakdown.member(key[1]) if key[1] else None
        return indicator.label + (f" – {member.label}" if member else "")

    def _one_figure_each(self, file_name: str, accepted) -> None:
        """Figures of two sentences accepted for one indicator: refused, naming them (the front
        ends let one be chosen first); adding them was a guess stored as a fact."""
        from ttdn_desktop.core.text import format_number
        from ttdn_desktop.core.proposals import competing
        rivals = competing(list(accepted))
        if rivals:
            named = "; ".join(f"«{self.figure_label(key)}» ("
                              + ", ".join(format_number(p.value) for p in found) + ")"
                              for key, found in rivals.items())
            raise TTDNError(f"{file_name + ': ' if file_name else ''}chưa nhập gì — mỗi chỉ "
                            f"tiêu chỉ nhận một số, mà đã đánh dấu số của nhiều câu khác nhau "
                            f"cho {named}; hãy chọn một số (nếu chỉ tiêu là tổng của chúng, "
                            "nhập tay số tổng).")

    def word_losses(self, report, agency_code: str, period: Period,
                    placements: dict[int, str] | None = None, accepted=()) -> list:
        """The sections (and figures) of the agency's current revision that importing this
        Word report would empty or shorten (core.losses.Loss); [] for a first report."""
        from ttdn_desktop.core.losses import losses
        existing = report_store.report_for(self.db, agency_code, period, self.form.id)
        if existing is None:
            return []
        current = report_store.load_content(self.db, existing["id"])
        brought = self._sheet_content(agency_code, period, accepted) \
            if getattr(report, "figures_only", False) else \
            self.word_content(report, placements, accepted)
        return losses(self.form, current, brought)

    def signed_replacement(self, agency_code: str, period: Period) -> str | None:
        """Why an unsigned report (Word, PDF, a sheet…) for this agency and period needs the
        user's word first: it would replace a current report that came signed, or that of an
        agency whose key is recorded. None when nothing signed would be replaced (a demo key
        signs nothing)."""
        existing = report_store.report_for(self.db, agency_code, period, self.form.id)
        if existing is None:
            return None
        row = key_store.signature_of(self.db, existing["id"], existing["current_revision"])
        signed = row["fingerprint"] if row and row["state"] != trust.DEMO else None
        pinned = key_store.active_key(self.db, agency_code)
        pinned = pinned["fingerprint"] if pinned else None
        key = next((f for f in (signed, pinned) if f and not core_signer.is_demo_key(f, agency_code)), None)
        if key is None:
            return None
        what = "có chữ ký" if key == signed else "là của đơn vị đã có khóa ký được ghi nhận"
        return (f"báo cáo hiện hành của {self.agency(agency_code)['name']} ({period.label}) "
                f"{what} (khóa {trust.short_form(key)}), còn tệp này không có chữ ký: không "
                "gì chứng minh đơn vị đã gửi nó")

    def import_word(self, report, agency_code: str, period: Period,
                    placements: dict[int, str] | None = None, accepted=(),
                    allow_losses: bool = False, replace_signed: bool = False):
        """Bring a read Word report in as the agency's next revision, by the same rules as a
        package: `placements` puts set-aside parts (by index) into sections; `accepted` are
        the figure proposals the user confirmed. Refused (TTDNError, nothing changed) when it
        would empty or shorten a section of the current revision, unless `allow_losses`, or
        replace a signed one (signed_replacement), unless `replace_signed`.
        Parts left unplaced are kept with the new revision; the placements are remembered
        for the agency's next report."""
        from ttdn_desktop.core.wordmatch import heading_key
        agency = self.agency(agency_code)
        if getattr(report, "figures_only", False):
            if not accepted:  # a sheet brings figures only: with none confirmed, nothing
                raise TTDNError(f"{report.file_name}: chưa nhập gì — chưa nhận số liệu nào "
                                "của bảng tính (hãy đánh dấu những số đúng)")
            content = self._sheet_content(agency["code"], period, accepted)
        else:
            content = self.word_content(report, placements, accepted)
        existing = report_store.report_for(self.db, agency["code"], period, self.form.id)
        if existing is not None and report_store.load_content(
                self.db, existing["id"]).sha256() == content.sha256():
            return import_result.ImportResult(report.file_name, SAME, "nội dung giống hệt bản hiện "
                                         "hành", agency["code"], agency["name"], period.code)
        signed = self.signed_replacement(agency["code"], period)
        if signed and not replace_signed:
            raise TTDNError(f"{report.file_name}: không nhập, vì {signed}. Nếu đã gọi điện và "
                            "đơn vị xác nhận gửi bản này, hãy xác nhận thay bản có chữ ký.")
        found = self.word_losses(report, agency["code"], period, placements, accepted)
        if found and not allow_losses:
            raise TTDNError(
                f"{report.file_name}: không nhập, vì bản này ít hơn báo cáo hiện hành của "
                f"{agency['name']} ({period.label}): " + "; ".join(x.describe() for x in found)
                + ". Nếu đúng là muốn thay, hãy xác nhận thay bằng bản ít hơn.")
        if existing is None:
            report_id, revision, supersedes = str(uuid.uuid4()), 1, None
        else:
            # the agency's numbering: a revision the secretariat made (a kept part placed)
            # carries the agency's number of the one it was made from
            current = report_store.current_revision(self.db, existing["id"]).as_sent
            report_id, revision, supersedes = existing["id"], current + 1, current
        # built only to go through the import rules: not signed, it was not made here
        data = package_io.build_package(form=self.form, agency_code=agency["code"],
                             agency_name=agency["name"], period=period, report_id=report_id,
                             revision=revision, supersedes=supersedes, content=content,
                             created_at=report.saved_at)  # not now: the import is not the sending
        chosen = placements or {}
        remembered = [(heading_key(m.heading), m.heading, m.section_id) for m in report.matches
                      if m.section_id]
        remembered += [(heading_key(report.other[n][0]), report.other[n][0], sid)
                       for n, sid in chosen.items() if not report.other[n][0].startswith("(")]
        left = [(heading, "\n".join(lines)) for n, (heading, lines) in enumerate(report.other)
                if n not in chosen and lines]
        with self.db.atomic():
            result = importer.import_package_bytes(self.db, self.forms, report.file_name,
                                                   data, trust.WORD, self._target(),
                                                   kind=report.kind)
            if result.outcome in (NEW, NEWER):
                # a total accepted beside parts that do not add up to it: stored as read,
                # and named (the review window marks it too)
                from ttdn_desktop.core.validation import breakdown_problems
                touched = {p.key[0] for p in accepted}
                result.warnings += [problem.message for problem in
                                    breakdown_problems(self.form, content.figures)
                                    if problem.indicator in touched]
                word_store.remember_placements(self.db, agency["code"], self.form.id,
                                               remembered)
                stored = report_store.report_for(self.db, agency["code"], period, self.form.id)
                kept = word_store.keep_unplaced(self.db, stored["id"],
                                                stored["current_revision"], report.file_name,
                                                left)
                if kept:
                    result.warnings.append(
                        f"{kept} phần chưa xếp được vào mục nào đã được lưu kèm báo cáo (lần "
                        f"{stored['current_revision']}) để xếp sau: xem «Phần chưa xếp» khi "
                        "xem báo cáo của đơn vị")
            return result

    def unplaced_parts(self, agency_code: str, period: Period) -> list[dict]:
        """Text of Word imports kept with this agency's report because it matched no section
        (not yet placed), each with the file and revision it came with."""
        existing = report_store.report_for(self.db, agency_code, period, self.form.id)
        return [] if existing is None else word_store.list_unplaced(self.db, existing["id"])

    def place_unplaced(self, part_id: int, section_id: str):
        """Put a kept part at the end of a section of the agency's report, as its next
        revision (by the same rules as an import); the part is marked placed."""
        part = word_store.unplaced(self.db, part_id)
        if part is None or part["placed_at"]:
            raise TTDNError("Phần này không còn (đã được xếp vào mục khác).")
        if self.form.section(section_id) is None:
            raise TTDNError(f"Mẫu báo cáo không có mục «{section_id}».")
        row = report_store.get_report(self.db, part["report_id"])
        agency = self.agency(row["agency_code"])
        period = Period.parse(row["period_code"])
        existing = report_store.report_for(self.db, agency["code"], period, self.form.id)
        content = report_store.load_content(self.db, existing["id"])
        heading = [] if part["heading"].startswith("(") else [f"**{escape(part['heading'])}**"]
        text = "\n".join(x for x in [content.sections.get(section_id, "")] + heading
                         + [part["text"]] if x)
        sections = dict(content.sections)
        sections[section_id] = text
        # numbered as the import rules number the agency's revisions (its own numbers)
        sent = report_store.current_revision(self.db, existing["id"])
        data = package_io.build_package(form=self.form, agency_code=agency["code"],
                             agency_name=agency["name"], period=period,
                             report_id=existing["id"], revision=sent.as_sent + 1,
                             supersedes=sent.as_sent,
                             content=ReportContent(sections, dict(content.figures),
                                                   dict(content.notes)))
        with self.db.atomic():
            result = importer.import_package_bytes(
                self.db, self.forms, part["file_name"], data, trust.WORD, self._target(),
                kind="phần chưa xếp, được xếp vào mục sau khi nhập")
            if result.outcome in (NEW, NEWER):
                made = report_store.get_report(self.db, existing["id"])["current_revision"]
                # the secretariat's edit, not a sending of the agency: its sending stays
                report_store.keep_sending_of(
                    self.db, existing["id"], made, sent,
                    f"{part['file_name']} (phần chưa xếp, cơ quan thường trực xếp vào mục)")
                word_store.mark_placed(self.db, part_id, section_id, made)
                result.detail = (f"lần {sent.as_sent} của đơn vị, cơ quan thường trực xếp "
                                 "phần chưa xếp vào mục")
        return result

    # --- the consolidated report ----------------------------------------------------------------
    def save_merged_section(self, period: Period, section_id: str, text: str) -> None:
        """The secretariat's own text for a section, remembering which revision of each
        agency it was made from, so a newer one arriving later is flagged."""
        seen = {code: c.revision for code, c in self.contributions(period, self.form.id).items()}
        save_consolidated_section(self.db, period, self.form.id, section_id, text, seen)

    def acknowledge_changes(self, period: Period, section_id: str) -> None:
        """The newer revisions have been read and folded in by hand: stop flagging them."""
        records = edited_records(self.db, period, self.form.id)
        if section_id in records:
            self.save_merged_section(period, section_id, records[section_id][0])

    def clear_merged_section(self, period: Period, section_id: str) -> None:
        """Back to the automatic merge for a section (the edited text stays in the history)."""
        clear_consolidated_section(self.db, period, self.form.id, section_id)

    def set_merge_order(self, period: Period, section_id: str, order: list[str],
                        excluded: set[str]) -> None:
        set_merge_order(self.db, period, self.form.id, section_id, order, excluded)

    def section_text_at(self, agency_code: str, period: Period, section_id: str,
                        revision: int) -> str:
        report = self.report_for(agency_code, period)
        return report_store.load_content(self.db, report["id"], revision).sections.get(
            section_id, "")

    def search(self, text: str, period: Period | None = None):
        """The best matches: SEARCH_SHOWN of them, and one more when there are more (so that
        the window and `ttdn search` say they show only the first)."""
        return search_reports(self.db, text, period.code if period else None, SEARCH_SHOWN + 1)

    # --- the app's own state (window, session) ------------------------------------------------
    def set_states(self, values: dict) -> None:
        """In one transaction; keyed by declaration (core.settings), a family's member by
        (declaration, part…)."""
        with self.db.atomic():
            for setting, value in values.items():
                setting, *parts = setting if isinstance(setting, tuple) else (setting,)
                set_setting(self.db, setting, value, *parts)

    # --- exports -------------------------------------------------------------------------------
    def write_report_docx(self, period: Period, out, agency_code: str | None = None) -> None:
        """The Word report: the agency's own, or (without `agency_code`) the consolidated one."""
        from ttdn_desktop.export.docx_report import write_report_docx
        merged = self.consolidation(period, agency_code)
        write_report_docx(merged, out, self.letterhead(agency_code),
                          attribute=agency_code is None)

    def write_stats_xlsx(self, period: Period, out, agency_code: str | None = None) -> None:
        from ttdn_desktop.export.xlsx_stats import write_stats_xlsx
        dates = period_dates(self.db, period)
        write_stats_xlsx(self.consolidation(period, agency_code), out,
                         (dates.data_from, dates.data_to))

    # --- the level above -----------------------------------------------------------------------
    def upper_request(self, period: Period):
        """The latest request received from above for the period (storage.upward.UpperRequest)."""
        return upward_store.upper_request(self.db, period)

    def upward_identity(self, period: Period | None = None) -> tuple[str, str] | None:
        """This committee's code and name on the upper level's member list: the settings, else
        the agency a request from above was addressed to."""
        code = get_setting(self.db, declared.UPWARD_CODE)
        name = get_setting(self.db, declared.UPWARD_NAME)
        if code and name:
            return code, name
        request = (self.upper_request(period) if period else None) or \
            upward_store.any_upper_request(self.db)
        if request is not None and request.agency_code and request.agency_name:
            return request.agency_code, request.agency_name
        return None

    def set_upward_identity(self, code: str, name: str) -> tuple[str, str]:
        code = agency_store.check_code(code)
        name = nfc(name).strip()
        if name:  # it goes out in every upward package's manifest, which refuses such a name
            name = agency_store.check_name(name, code)
        if not name:
            raise TTDNError("Hãy nhập tên của Ban Chỉ đạo như trong danh sách thành viên của "
                            "cấp trên.")
        with self.db.atomic():
            set_setting(self.db, declared.UPWARD_CODE, code)
            set_setting(self.db, declared.UPWARD_NAME, name)
        return code, name

    def upward_form(self, period: Period) -> tuple[Form, bool]:
        """The form the level above asked for (its request), or our newest form when no
        request has come; the flag says whether a request decided it."""
        request = self.upper_request(period)
        if request is None:
            return self.form, False
        form = self.forms.find(request.form_id, request.form_version)
        if form is None:  # the request's own copy of the form
            from ttdn_desktop.exchange.request import read_request
            form = read_request(request.file_name, request.package).form
        return form, True

    def upward_sources(self, period: Period) -> list[Source]:
        """The agency revisions the consolidated report of the period is built from."""
        members = {a["code"]: a for a in self.agencies()}
        sources = []
        for row in upward_store.current_revisions(self.db, period, self.form.id):
            sha = row["content_sha256"] or report_store.load_content(
                self.db, row["report_id"], row["revision"]).sha256()
            member = members[row["agency_code"]]
            sources.append(Source(member["code"], member["name"], row["report_id"],
                                  row["revision"], sha))
        order = {a.code: n for n, a in enumerate(agency_store.member_list(self.db))}
        return sorted(sources, key=lambda s: order.get(s.agency_code, len(order)))

    def upward_report(self, period: Period, form: Form | None = None,
                      merged: Consolidation | None = None) -> UpwardReport:
        """`merged`: the period's consolidation when the caller has just made it."""
        return upward_report(merged or self.consolidation(period),
                             form or self.upward_form(period)[0], self.upward_sources(period))

    def upward_status(self, period: Period, merged: Consolidation | None = None) -> UpwardStatus:
        sent = upward_store.last_sent(self.db, period)
        if sent is None:
            return UpwardStatus(period, None)
        form = self.forms.find(sent.form_id, sent.form_version) or self.upward_form(period)[0]
        now = self.upward_report(period, form, merged)
        edited = edited_since(self.db, period, self.form.id, sent.sent_at)
        return UpwardStatus(period, sent, changes_since(sent.sources, sent.content, now.sources,
                                                        now.content, form, edited))

    def export_upward(self, period: Period, out: str | os.PathLike) -> tuple[int, UpwardReport]:
        """Write the period's report for the level above and record what it was built from.
        Sending again after a change makes the next revision of the same report; sending the
        same content again repeats its revision. Returns (revision, report)."""
        identity = self.upward_identity(period)
        if identity is None:
            raise TTDNError("Chưa đặt mã và tên của Ban Chỉ đạo trong danh sách thành viên của "
                            "cấp trên (Công cụ › Gửi lên cấp trên, hoặc lệnh «ttdn upward "
                            "identity --code MÃ --name TÊN»).")
        code, name = identity
        form, _asked = self.upward_form(period)
        report = self.upward_report(period, form)
        if not report.sources:
            raise TTDNError(f"Chưa có báo cáo nào của các đơn vị thành viên {period.phrase}: "
                            "không có gì để gửi lên cấp trên.")
        last = upward_store.last_sent(self.db, period)
        sha = report.content.sha256()
        if last is not None and last.agency_code == code and last.content_sha256 == sha and \
                (last.form_id, last.form_version) == form.key:
            report_id, revision, supersedes = last.report_id, last.revision, last.supersedes
        elif last is not None and last.agency_code == code:
            report_id, revision, supersedes = last.report_id, last.revision + 1, last.revision
        else:
            report_id, revision, supersedes = str(uuid.uuid4()), 1, None
        from ttdn_desktop.exchange.package import build_upward_package
        data = build_upward_package(form=form, agency_code=code, agency_name=name, period=period,
                                    report_id=report_id, revision=revision,
                                    supersedes=supersedes, report=report, signer=self.signer)
        with self.db.atomic():  # a file that could not be written is not recorded as sent
            upward_store.record_sent(
                self.db, period=period, form_id=form.id, form_version=form.version,
                report_id=report_id, revision=revision, supersedes=supersedes,
                agency_code=code, agency_name=name, content=report.content,
                sources=report.sources, file_name=nfc(Path(out).name))
            write_bytes_atomic(out, data)
        return revision, report

    def forward_request_bytes(self, period: Period, deadline, agency_code: str | None = None
                              ) -> bytes:
        """The request from above passed on to our own members, on the form it brought and
        with our own deadline, which must come before the one above (kept as the period's)."""
        from ttdn_desktop.core.periods import format_date
        from ttdn_desktop.exchange.request import build_request, read_request
        request = self.upper_request(period)
        if request is None:
            raise TTDNError(f"Chưa nhận đề nghị báo cáo {period.phrase} nào của cấp trên: hãy "
                            "nhập gói đề nghị của cấp trên trước (Tệp › Nhập tệp, hoặc «ttdn "
                            "import»).")
        if deadline is None or deadline >= request.deadline:
            given = f" ({format_date(deadline)})" if deadline else ""
            raise TTDNError(f"Hạn gửi cho các đơn vị thành viên{given} phải trước hạn gửi lên "
                            f"cấp trên ({format_date(request.deadline)}), để còn thời gian tổng "
                            "hợp. Hãy chọn một ngày sớm hơn.")
        agency = self.agency(agency_code) if agency_code else None
        received = read_request(request.file_name, request.package)
        set_period_dates(self.db, period, request.data_from, request.data_to, deadline)
        issuer = self.letterhead().issuing_body.replace("\n", " ")
        return build_request(form=received.form, form_source=received.form_source,
                             period=period, data_from=request.data_from,
                             data_to=request.data_to, deadline=deadline,
                             agency_code=agency["code"] if agency else None,
                             agency_name=agency["name"] if agency else None, issuer=issuer,
                             signer=self.signer,
                             members=[(a["code"], a["name"])
                                      for a in self.agencies(include_retired=False)])

    def data_version(self) -> int:
        """SQLite's counter of commits made by other connections (another program, the
        command line, a worker thread): a window polls it to notice outside changes."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    # --- what the window remembers (last folders, geometry) --------------------------------------
    def ui_state(self, setting, *parts: str):
        """A declared setting's typed value (core.settings); a family's member by its parts."""
        return get_setting(self.db, setting, *parts)

    def set_ui_state(self, setting, value, *parts: str) -> None:
        set_setting(self.db, setting, value, *parts)

    # --- who uses this database -----------------------------------------------------------------
    @property
    def mode(self) -> str | None:
        """ "agency" (a member agency drafting its own report), "secretariat", or None before
        the first-start setup."""
        return get_setting(self.db, declared.MODE)

    @property
    def own_agency(self) -> str | None:
        return get_setting(self.db, declared.OWN_AGENCY) or None

    def read_request(self, path):
        """A request package read for the first-start setup (its member list, the agency it is
        addressed to, the period); nothing is stored."""
        from ttdn_desktop.exchange.source_files import read_file_bytes
        from ttdn_desktop.exchange.request import read_request
        from ttdn_desktop.office.safezip import PACKAGE_LIMITS
        path = Path(path)
        return read_request(nfc(path.name), read_file_bytes(path, PACKAGE_LIMITS.max_file_bytes))

    def set_up(self, mode: str, letterhead_values: dict[str, str],
               agency_code: str | None = None, agency_name: str | None = None) -> None:
        """The first-start choices: who we are and our letterhead. An agency not yet on the
        member list is added."""
        checked = {key: docformat.check_setting(key, value)
                   for key, value in letterhead_values.items()}
        with self.db.atomic():
            self.set_role(mode, agency_code, agency_name)
            for key, value in checked.items():
                set_setting(self.db, declared.LETTERHEAD[key], value)

    def set_role(self, mode: str, agency_code: str | None = None,
                 agency_name: str | None = None) -> None:
        """Who uses this database: a member agency (which one) or the secretariat. Changeable
        at any time (Công cụ › Thiết lập); reports already made stay where they are."""
        if mode not in (AGENCY, SECRETARIAT):
            raise ValueError(mode)
        if mode == AGENCY:
            if not agency_code or not agency_code.strip():
                raise TTDNError("Hãy chọn hoặc nhập đơn vị của bạn.")
            agency_code = agency_code.strip()
            if agency_store.get_agency(self.db, agency_code.upper()) is None:
                if not (agency_name or "").strip():
                    raise TTDNError("Hãy nhập tên đơn vị của bạn.")
                self.add_agency(agency_code, agency_name)
            agency_code = self.agency(agency_code)["code"]
        with self.db.atomic():
            set_setting(self.db, declared.MODE, mode)
            set_setting(self.db, declared.OWN_AGENCY, agency_code if mode == AGENCY else "")

    def starter_members(self) -> list[tuple[str, str]]:
        """The members on this database's list, else the usual ones shipped in resources/ (a
        suggestion for a first start without the secretariat's request package)."""
        rows = [(a["code"], a["name"]) for a in self.agencies(include_retired=False)]
        if rows:
            return rows
        import tomllib
        from ttdn_desktop.util.paths import resources_dir
        try:
            data = tomllib.loads((resources_dir() / "don-vi-thanh-vien.toml").read_text("utf-8"))
        except (OSError, ValueError):
            return []
        return [(str(m["code"]), str(m["name"])) for m in data.get("members", [])
                if isinstance(m, dict) and m.get("code") and m.get("name")]

    # --- letterhead settings -----------------------------------------------------------------
    def letterhead(self, agency_code: str | None = None) -> Letterhead:
        """The issuing agency's letterhead; with `agency_code`, that member agency's (our own
        settings when it is our own agency)."""
        own = docformat.letterhead_from(all_settings(self.db))
        if not agency_code or agency_code.upper() == (self.own_agency or "").upper():
            return own
        agency = self.agency(agency_code)
        overrides = family(self.db, declared.AGENCY_LETTERHEAD, agency["code"])
        return docformat.agency_letterhead(own, agency["code"], agency["name"], overrides)

    def stored_letterhead(self) -> dict[str, str]:
        """The letterhead settings this database holds for itself (set by an earlier start,
        the command line, `ttdn demo`, a restored backup), each checked; a value that does not
        check is left out, as letterhead() leaves it out."""
        values = {}
        for key, value in all_settings(self.db).items():
            if key in docformat.SETTING_KEYS:
                try:
                    values[key] = docformat.check_setting(key, value)
                except TTDNError:
                    continue
        return values

    def set_letterhead_setting(self, key: str, value: str, agency_code: str | None = None) -> str:
        value = docformat.check_setting(key, value)
        if agency_code:
            set_setting(self.db, declared.AGENCY_LETTERHEAD, value,
                        self.agency(agency_code)["code"], key)
        else:
            set_setting(self.db, declared.LETTERHEAD[key], value)
        return value

    def switch_layout(self, layout: str, agency_code: str | None = None) -> Letterhead:
        """Changes the layout and, with it, the code's separator and the signing capacity
        (core.docformat.convert_layout), in one transaction. Returns the new letterhead."""
        converted = docformat.convert_layout(self.letterhead(agency_code), layout)
        with self.db.atomic():
            for key in ("layout", "code", "signing_capacity"):
                self.set_letterhead_setting(key, getattr(converted, key), agency_code)
        return self.letterhead(agency_code)

    # --- merge ------------------------------------------------------------------------------
    def contributions(self, period: Period, form_id: str, texts: bool = True,
                      members: list[Agency] | None = None) -> dict[str, Contribution]:
        """`texts`=False: figures only; `members`: the member list, when the caller has it."""
        by_code = {a.code: a for a in (members or agency_store.member_list(self.db))}
        result = {}
        for report, info, content in report_store.current_in_period(self.db, period, form_id,
                                                                    texts):
            result[report["agency_code"]] = Contribution(
                by_code[report["agency_code"]], info.revision,
                parse_time(info.sent_at), parse_time(info.received_at), content,
                upward_store.received_members(self.db, report["id"], info.revision),
                info.as_sent)
        return result

    def consolidation(self, period: Period, agency_code: str | None = None) -> Consolidation:
        """The merged report of a period, or one agency's report in the same shape."""
        form = self.form
        members = agency_store.member_list(self.db)
        contributions = self.contributions(period, form.id, members=members)
        # last year's reports give last year's totals, nothing of their text
        last_year = self.contributions(period.same_period_last_year(), form.id, texts=False,
                                       members=members)
        records = edited_records(self.db, period, form.id)
        edited = {section: text for section, (text, _) in records.items()}
        based_on = {section: seen for section, (_, seen) in records.items()}
        reviews = reviews_in_period(self.db, period, form.id)
        conflicts = {row["agency_code"] for row in self.conflicts(period)}
        orders = merge_orders(self.db, period, form.id)
        if agency_code:
            agency_code = self.agency(agency_code)["code"]
            members = [a for a in members if a.code == agency_code]
            contributions = {k: v for k, v in contributions.items() if k == agency_code}
            last_year = {k: v for k, v in last_year.items() if k == agency_code}
            edited, based_on, orders = {}, {}, {}
        previous = consolidate(form, period.same_period_last_year(), members, last_year)
        return consolidate(form, period, members, contributions,
                           period_dates(self.db, period).deadline, edited, previous.totals,
                           reviews, conflicts, orders, based_on)

    def prose_check(self, period: Period, merged: Consolidation | None = None) -> list:
        """Figures the agencies' texts state that their own statistics contradict or leave
        empty (core.prose_check); `merged`: the period's consolidation, when the caller has it."""
        from ttdn_desktop.core.prose_check import check
        return check(merged if merged is not None else self.consolidation(period))


@dataclass
class UpwardStatus:
    """Whether what was sent upward for a period is still what would be sent now."""
    period: Period
    sent: object | None            # storage.upward.Sent, the last package sent
    changes: list = field(default_factory=list)  # core.upward.Change

    @property
    def stale(self) -> bool:
        return self.sent is not None and bool(self.changes)

    @property
    def label(self) -> str:
        if self.sent is None:
            return "chưa gửi lên cấp trên"
        if self.stale:
            return CHANGED_LABEL
        return CURRENT_LABEL

    def headline(self) -> str:
        if self.sent is None:
            return f"{self.period.label}: chưa gửi lên cấp trên."
        head = (f"{self.period.label}: đã gửi lên cấp trên lần {self.sent.revision} lúc "
                f"{_format_time(self.sent.sent_at)} ({len(self.sent.sources)} báo cáo đơn vị)")
        return f"{head}; «{CHANGED_LABEL}»" if self.stale else f"{head}; {CURRENT_LABEL}."

    def summary(self) -> str:
        if not self.stale:
            return self.headline()
        return f"{self.headline()}: " + "; ".join(c.text for c in self.changes) + "."


def _format_time(text: str) -> str:
    parsed = parse_time(text)
    return parsed.strftime("%H:%M %d/%m/%Y") if parsed else text

