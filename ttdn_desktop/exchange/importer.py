"""Importing packages: read and check each file, decide by the rules, apply.

Each file is applied in a transaction of its own, so a batch takes the good files and reports
the bad ones; a rejected file changes nothing. `dry_run` runs the same code inside a
transaction that is rolled back, which is what a preview shows.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.forms import FormLibrary
from ttdn_desktop.core.text import nfc
from ttdn_desktop.core.rules import (APPLIED, CONFLICT, NEWER, REJECTED, SAME, UNKNOWN_AGENCY,
                                     Decision, decide)
from ttdn_desktop.exchange.package import Package, build_package, read_package
from ttdn_desktop.exchange.safezip import PACKAGE_LIMITS, XLSX_LIMITS, is_xlsx
from ttdn_desktop.storage import held as held_store
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.storage.agencies import get_agency


@dataclass
class ImportResult:
    file_name: str
    outcome: str
    detail: str
    agency_code: str = ""
    agency_name: str = ""
    period: str = ""
    revision: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.outcome not in (REJECTED, CONFLICT, UNKNOWN_AGENCY)

    @property
    def label(self) -> str:
        return Decision(self.outcome).label

    def line(self) -> str:
        """One line for the command line and logs."""
        who = f" — {self.agency_name}, kỳ {self.period}" if self.agency_name else ""
        text = f"{self.file_name}: {self.label}{who}"
        if self.detail:
            text += f" ({self.detail})"
        for warning in self.warnings:
            text += f"\n    cảnh báo: {warning}"
        return text


IMPORTABLE = (".ttdn", ".xlsx")


class _Rollback(Exception):
    pass


def read_file_bytes(path: Path) -> bytes:
    """At most the size cap plus one byte, so an oversized file is never read whole."""
    cap = max(PACKAGE_LIMITS.max_file_bytes, XLSX_LIMITS.max_file_bytes)
    try:
        size = path.stat().st_size
        if size > cap:
            return b"\0" * (cap + 1)
        with open(path, "rb") as handle:
            return handle.read(cap + 1)
    except IsADirectoryError:
        raise PackageError(path.name, "đây là một thư mục, không phải tệp") from None
    except FileNotFoundError:
        raise PackageError(path.name, "không tìm thấy tệp") from None
    except OSError as error:
        raise PackageError(path.name, f"không đọc được tệp ({error.strerror})") from None


def import_files(db, forms: FormLibrary, paths, dry_run: bool = False,
                 progress=None) -> list[ImportResult]:
    """Import every file; `progress(done, total)` is called after each one."""
    paths = [Path(p) for p in paths]
    results: list[ImportResult] = []
    try:
        with db.atomic() if dry_run else contextlib.nullcontext():
            for n, path in enumerate(paths):
                name = nfc(path.name)  # macOS hands over decomposed (NFD) file names
                try:
                    data = read_file_bytes(path)
                    results.append(import_package_bytes(db, forms, name, data))
                except PackageError as error:
                    results.append(ImportResult(name, REJECTED, error.reason))
                if progress:
                    progress(n + 1, len(paths))
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return results


def import_package_bytes(db, forms: FormLibrary, file_name: str, data: bytes) -> ImportResult:
    """Read, decide and apply one package (or filled-in Excel form) in one transaction.
    PackageError if unreadable."""
    if file_name.lower().endswith((".xlsx", ".xlsm")) or is_xlsx(data):
        data = package_from_xlsx(file_name, data, forms)
    package = read_package(file_name, data, forms)
    with db.atomic():
        decision = decide_for(db, package)
        apply_decision(db, package, decision)
    return _result(package, decision)


def package_from_xlsx(file_name: str, data: bytes, forms: FormLibrary) -> bytes:
    """A filled-in Excel form, as the package it stands for."""
    from ttdn_desktop.exchange.xlsx_form import read_form_xlsx  # openpyxl only when needed
    identity, content, saved_at = read_form_xlsx(file_name, data, forms)
    return build_package(form=identity.form, agency_code=identity.agency_code,
                         agency_name=identity.agency_name, period=identity.period,
                         report_id=identity.report_id, revision=identity.revision,
                         supersedes=identity.supersedes, content=content, created_at=saved_at)


def decide_for(db, package: Package) -> Decision:
    incoming = package.incoming
    slot = report_store.report_for(db, incoming.agency_code, package.period, incoming.form_id)
    return decide(incoming, get_agency(db, incoming.agency_code) is not None,
                  report_store.known(db, incoming.report_id), slot["id"] if slot else None)


def apply_decision(db, package: Package, decision: Decision) -> None:
    manifest = package.manifest
    if decision.outcome in APPLIED:
        current = report_store.get_report(db, manifest["report_id"])
        report_store.store_received(
            db, report_id=manifest["report_id"], agency_code=manifest["agency"]["code"],
            period=package.period, form_id=package.form.id, form_version=package.form.version,
            revision=manifest["revision"], supersedes=manifest["supersedes"],
            content=package.content, make_current=current is None or decision.outcome == NEWER,
            source_file=package.file_name, app_version=str(manifest.get("app_version", "")),
            sent_at=manifest.get("created_at") if isinstance(manifest.get("created_at"), str)
            else None)
    elif decision.outcome in (CONFLICT, UNKNOWN_AGENCY):
        held_store.hold(db, reason=decision.outcome, detail=decision.detail,
                        file_name=package.file_name, manifest=manifest, package=package.data)


def _result(package: Package, decision: Decision) -> ImportResult:
    manifest = package.manifest
    return ImportResult(package.file_name, decision.outcome, decision.detail,
                        manifest["agency"]["code"], manifest["agency"]["name"],
                        manifest["period"], manifest["revision"],
                        [w.message for w in package.warnings])


def release_held(db, forms: FormLibrary, agency_code: str) -> list[ImportResult]:
    """Apply the packages held because `agency_code` was not on the member list."""
    results = []
    for row in held_store.list_held(db, agency_code=agency_code, reason=UNKNOWN_AGENCY):
        data = held_store.held_package(db, row["id"])
        try:
            package = read_package(row["file_name"], data, forms)
        except PackageError as error:
            results.append(ImportResult(row["file_name"], REJECTED, error.reason))
            continue
        with db.atomic():
            decision = decide_for(db, package)
            if decision.outcome != UNKNOWN_AGENCY:
                if decision.outcome != SAME:
                    apply_decision(db, package, decision)
                held_store.resolve(db, row["id"], decision.outcome)
        results.append(_result(package, decision))
    return results


def expand_paths(paths) -> list[Path]:
    """Files as given; a folder stands for the .ttdn and .xlsx files in it (not its
    subfolders)."""
    expanded: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            expanded.extend(sorted(p for p in path.iterdir() if p.is_file() and
                                   p.suffix.lower() in IMPORTABLE and not p.name.startswith("~$")))
        else:
            expanded.append(path)
    return expanded
