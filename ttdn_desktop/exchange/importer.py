"""Importing files: read and check each, decide by the rules, apply.

What can come in (core/filekinds.py declares it): .ttdn packages (an agency's report, or the
secretariat's request), filled-in Excel forms, Word reports, and e-mails (.eml, .msg) and zip
archives holding any of these. A batch is one transaction, each file a savepoint inside it: the
good files are applied, a rejected file changes nothing, and a batch interrupted half-way leaves
nothing half-applied. `dry_run` runs the same code and rolls everything back, which is what the
preview shows.

Before the rules decide what a package does, its signature is weighed against the key pinned
for its sender (core/trust.py, exchange/sender_trust.py): a package that does not fit is held,
never applied. Requests are applied by exchange/request_import.py, held packages released by
exchange/held_release.py.

The readers of the other kinds are imported when a file of their kind comes (mail_body, the
Word and sheet reader sheet_import, xlsx_form), in the functions below that use them: a
batch of packages, the usual import, never loads PDFium, openpyxl or xlrd.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from ttdn_desktop.core import filekinds
from ttdn_desktop.core.errors import PackageError, TTDNError
from ttdn_desktop.core.figure_text import short_reasons
from ttdn_desktop.core.forms import FormLibrary
from ttdn_desktop.core import trust
from ttdn_desktop.core.losses import losses
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.rules import (HELD, NEWER, REJECTED, SAME, SIGNATURE, SKIPPED, STORED,
                                     WORD, Decision, decide)
from ttdn_desktop.core.text import nfc, shown
from ttdn_desktop.exchange.import_result import ImportResult, Target
from ttdn_desktop.exchange.mail import MAX_MAIL_BYTES, is_mail
from ttdn_desktop.exchange.package import Package, build_package, read_package
from ttdn_desktop.exchange.pdf_body import ask_agency, is_pdf
from ttdn_desktop.exchange.manifest import REQUEST as REQUEST_KIND
from ttdn_desktop.exchange.request import manifest_kind, read_request
from ttdn_desktop.exchange.request_import import apply_request
from ttdn_desktop.exchange.same_report import is_scan, readability, same
from ttdn_desktop.exchange.sender_trust import (HELD_NOTE, accepted_by_user, short_fingerprint,
                                               verdict_for)
from ttdn_desktop.exchange.signing import SignatureError
from ttdn_desktop.exchange.source_files import read_file_bytes
from ttdn_desktop.exchange.unpack import (DOCX, SEPARATOR, XLSX, Item, content_kind, expand,
                                          unexpected_reason)
from ttdn_desktop.office.formats import archive_refusal
from ttdn_desktop.office.safezip import PACKAGE_LIMITS, XLSX_LIMITS
from ttdn_desktop.storage import held as held_store
from ttdn_desktop.storage import keys as key_store
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.storage import upward as upward_store
from ttdn_desktop.storage import wordimport as word_store
from ttdn_desktop.storage.agencies import get_agency, list_agencies
from ttdn_desktop.util.storage_errors import StorageError

# Another import (60 packages take seconds; hundreds of mails with PDFs, a minute) finishes
# first: an import waits this long for the database, saying so (README: the same figure).
IMPORT_WAIT_SECONDS = 120


class _Rollback(Exception):
    pass


def _items(paths) -> list[Item]:
    """The files to import, mails, archives and forwarded mails opened."""
    items: list[Item] = []
    for path in paths:
        name = nfc(path.name)  # macOS hands over decomposed (NFD) file names
        lower = name.lower()
        cap = MAX_MAIL_BYTES if is_mail(name) or lower.endswith(".zip") else \
            max(PACKAGE_LIMITS.max_file_bytes, XLSX_LIMITS.max_file_bytes)
        try:
            data = read_file_bytes(path, cap)
        except PackageError as error:
            items.append(Item(name, error))
            continue
        items.extend(expand(name, data))
    return items


def import_files(db, forms: FormLibrary, paths, dry_run: bool = False, progress=None,
                 target: Target | None = None, waiting=None) -> list[ImportResult]:
    """Import every file in one transaction; `progress(done, total)` after each;
    `waiting(waited, limit)` while another program writing to the database is waited for."""
    return import_items(db, forms, _items([Path(p) for p in paths]), dry_run, progress,
                        target, waiting)


def import_items(db, forms: FormLibrary, items: list[Item], dry_run: bool = False,
                 progress=None, target: Target | None = None, waiting=None,
                 then=None) -> list[ImportResult]:
    """import_files for files already read (unpack.expand: mail fetched from a mailbox).
    `then(results)` runs in the same transaction once all are decided, not in a dry run:
    what is kept only together with the import (the mail it came from, remembered)."""
    target = target or Target()
    results: list[ImportResult] = []
    final: list[ImportResult] = []
    try:
        # Imports at the same time run one after the other: this waits for the other's turn.
        with db.atomic(wait_seconds=IMPORT_WAIT_SECONDS, waiting=waiting):
            kept: list[Item] = []
            for n, item in enumerate(items):
                if isinstance(item.data, PackageError):
                    result = ImportResult(item.name, REJECTED, item.data.reason)
                elif item.skipped:
                    result = ImportResult(item.name, SKIPPED, item.skipped)
                elif item.body:
                    result = _mail_text(db, forms, item, results)
                else:
                    result = _import_one(db, forms, item.name, item.data, target, dry_run,
                                         nested=item.container is not None)
                if result is not None:
                    result.container = result.container if item.body else item.container
                    results.append(result)
                    kept.append(item)
                if progress:
                    progress(n + 1, len(items))
            final = _containers_with_nothing(_same_reports(kept, results))
            if then is not None and not dry_run:
                then(final)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return final


def _mail_text(db, forms, item: Item, before: list[ImportResult]) -> ImportResult | None:
    """A mail's own text, read as a report only when the mail brought no file to import (every
    attachment passed over, or none): a report pasted into it is then the report to confirm.
    A mail with no attachment whose text is no report is refused (a forwarded one passed
    over), saying both; otherwise its text is not shown."""
    from ttdn_desktop.exchange.mail_body import EMPTY, NOT_A_REPORT
    mail_name = item.name.rsplit(SEPARATOR, 1)[0]
    prefix = mail_name + SEPARATOR
    if any(r.outcome != SKIPPED for r in before if r.file_name.startswith(prefix)):
        return None
    top = item.container == mail_name
    try:
        with db.atomic():
            result = _word_result(db, forms, item.name, item.data)
        result.container = item.container
        pasted = getattr(result.report, "mail", None)
        if pasted is not None:
            result.detail += f"; dán trong nội dung thư, người gửi: {shown(pasted.sender)}"
        if pasted is not None and pasted.agency_from_sender:
            result.detail += "; đơn vị chỉ là đề xuất theo người gửi, cần xác nhận"
        return result
    except PackageError as error:
        if not item.alone:
            return None
        reason = "thư không có tệp đính kèm"
        if error.reason == NOT_A_REPORT:
            reason += f" và {NOT_A_REPORT}"
        elif error.reason != EMPTY:
            reason += f"; {error.reason}"
    except (sqlite3.Error, StorageError):
        raise
    except Exception as error:  # a bug of ours: this mail is named, the batch goes on
        reason = unexpected_reason(item.name, error)
    result = ImportResult(mail_name, REJECTED if top else SKIPPED, reason)
    result.container = None if top else item.container
    return result


def _same_reports(items: list[Item], results: list[ImportResult]) -> list[ImportResult]:
    """Copies of one report in one mail or archive (a .docx and its PDF, a .doc and a .docx,
    a scan): the most readable is the report to confirm, the others are named as the same
    report and passed over."""
    by_container: dict[str, list[tuple[Item, ImportResult]]] = {}
    for item, result in zip(items, results):
        if result.container is not None:
            by_container.setdefault(result.container, []).append((item, result))
    for pairs in by_container.values():
        read = sorted(((item, r) for item, r in pairs if r.outcome == WORD and r.report),
                      key=lambda pair: readability(pair[0].data, pair[1].report), reverse=True)
        kept: list[ImportResult] = []
        for item, result in read:
            copy_of = next((k for k in kept if same(k.report, result.report)), None)
            if copy_of is None:
                kept.append(result)
                continue
            result.outcome, result.payload = SKIPPED, None
            result.signature = result.signature_state = ""  # nothing of it is taken in
            result.detail = f"cùng báo cáo với «{copy_of.file_name}», không nhập"
        if not kept:
            continue
        for item, result in pairs:
            if result.outcome in (SKIPPED, REJECTED) and isinstance(item.data, bytes) and \
                    is_scan(item.data):
                result.outcome = SKIPPED
                result.detail = (f"tệp PDF chỉ có ảnh quét, không có chữ để so; coi là bản quét "
                                 f"của cùng báo cáo với «{kept[0].file_name}», không nhập")
    return results


def _containers_with_nothing(results: list[ImportResult]) -> list[ImportResult]:
    """A mail or archive from which nothing could be imported is one rejection, naming what
    was in it: never "received" for attachments that were all passed over."""
    passed_over: dict[str, list[ImportResult]] = {}
    for result in results:
        if result.container is not None:
            passed_over.setdefault(result.container, []).append(result)
    empty = {name for name, inner in passed_over.items()
             if all(r.outcome == SKIPPED for r in inner)}
    kept: list[ImportResult] = []
    for result in results:
        if result.container not in empty:
            kept.append(result)
        elif result is passed_over[result.container][0]:
            names = [r.file_name.split(" › ", 1)[1] for r in passed_over[result.container]]
            shown_names = ", ".join(names[:5]) + (f" và {len(names) - 5} tệp khác"
                                                  if len(names) > 5 else "")
            kept.append(ImportResult(result.container, REJECTED,
                                     f"không có tệp nào nhập được ({filekinds.listed('hay')}); "
                                     f"chỉ có: {shown_names}"))
    return kept


def _import_one(db, forms, name: str, data: bytes, target: Target, dry_run: bool,
                nested: bool = False) -> ImportResult:
    kind = content_kind(name, data)
    if kind is None and nested:
        # a logo or the mail's own text is passed over; an archive we cannot open is not
        advice = archive_refusal(data)
        if advice:
            return ImportResult(name, REJECTED, advice)
        return ImportResult(name, SKIPPED, f"không phải {filekinds.listed('hay')}")
    try:
        with db.atomic():
            if kind == DOCX or kind == XLSX and _report_reader().is_agency_sheet(name, data):
                return _word_result(db, forms, name, data)
            source = trust.PACKAGE
            if kind == XLSX:
                data = package_from_xlsx(name, data, forms)
                source = trust.EXCEL
            elif manifest_kind(data) == REQUEST_KIND:
                return apply_request(db, forms, read_request(name, data), target, dry_run)
            return import_package_bytes(db, forms, name, data, source, target)
    except SignatureError as error:
        return ImportResult(name, REJECTED, error.reason, signature="chữ ký không hợp lệ",
                            signature_state=trust.INVALID)
    except PackageError as error:
        if nested and kind == DOCX and is_pdf(data) and not ask_agency(error.reason):
            # a PDF in a mail that is no report (the cover letter) or cannot be opened
            return ImportResult(name, SKIPPED, error.reason)
        if kind is None and not filekinds.is_readable(name):  # what it is, then what is read
            return ImportResult(name, REJECTED, f"{error.reason}; chỉ nhập được "
                                                f"{filekinds.listed('hay')}")
        return ImportResult(name, REJECTED, error.reason)
    except (sqlite3.Error, StorageError):
        raise  # the database or the disk failed, not this file: the whole batch stops
    except Exception as error:  # one odd file never takes the rest of the batch down with it
        # A bug of ours, not a fault found in the file: every fault we know of has its reason.
        return ImportResult(name, REJECTED, unexpected_reason(name, error))


def _report_reader():
    """exchange/sheet_import.py, the reader of Word reports and agency sheets: imported when a
    file of that kind comes (module docstring)."""
    from ttdn_desktop.exchange import sheet_import
    return sheet_import


def _word_result(db, forms: FormLibrary, name: str, data: bytes) -> ImportResult:
    """A Word report is read and matched, never applied in a batch: its agency, period and
    guessed figures wait for the user's confirmation. Sections of the agency's current report
    it would empty or shorten are named now."""
    form = forms.latest()
    agencies = [(a["code"], a["name"]) for a in list_agencies(db)]
    report = _report_reader().read_report(
        name, data, form, agencies,
        remembered=lambda code: word_store.placements_for(db, code, form.id))
    agency = report.agency_guess[0] if report.agency_guess else ""
    names = dict(agencies)
    matched = sum(1 for m in report.matches if m.section_id)
    unplaced = sum(1 for _, lines in report.other if lines)
    left_out = sum(1 for p in report.proposals if not p.exact)
    detail = (f"{matched}/{len(report.matches)} đề mục khớp mẫu, {unplaced} phần chưa "
              f"xếp, {len(report.proposals) - left_out} số liệu đề xuất")
    if left_out:
        why = short_reasons(p.not_exact for p in report.proposals)
        detail += f", {left_out} số không lấy ({why})"
    if report.to_confirm():
        detail += f", {len(report.to_confirm())} đề mục cần xác nhận cách xếp"
    if report.legacy_runs:
        detail += f", {report.legacy_runs} đoạn mã chữ cũ đã chuyển sang Unicode"
    warnings = list(getattr(report, "warnings", []))
    if getattr(report, "figures_only", False):
        detail = f"bảng số liệu của đơn vị: {len(report.proposals)} số liệu đề xuất, chờ xác nhận"
    existing = report_store.report_for(db, agency, report.period_guess, form.id) \
        if agency and report.period_guess else None
    if existing is not None and not getattr(report, "figures_only", False):
        current = report_store.load_content(db, existing["id"])
        brought = ReportContent({sid: "\n".join(lines) for sid, lines in
                                 report.sections.items()}, dict(current.figures))
        for loss in losses(form, current, brought):
            warnings.append(f"so với báo cáo hiện hành: {loss.describe()}")
    return ImportResult(name, WORD, detail, agency, names.get(agency, ""),
                        report.period_guess.code if report.period_guess else "",
                        warnings=warnings, payload=data, report=report,
                        signature=trust.judge(None, trust.WORD, None, set(), None,
                                              kind=report.kind).label,
                        signature_state=trust.UNSIGNED)


def import_package_bytes(db, forms: FormLibrary, file_name: str, data: bytes,
                         source: str = trust.PACKAGE, target: Target | None = None,
                         kind: str = "") -> ImportResult:
    """Read, weigh the signature, decide and apply one submission package. `source`: what the
    package was made from (core.trust PACKAGE, EXCEL, WORD; `kind`: a WORD source's format in
    words, see core.trust.judge). PackageError if unreadable."""
    package = read_package(file_name, data, forms)
    with db.atomic():
        return process_package(db, package, source, target or Target(), kind=kind)


def process_package(db, package: Package, source: str, target: Target,
                    force: bool = False, kind: str = "",
                    verdict: trust.Verdict | None = None) -> ImportResult:
    """The signature first: held if it does not fit the pinned key (unless `force`: the user
    accepted this package as it is); then the rules. A first key is recorded only with a
    revision stored, never from a package held or one that changed nothing. `verdict`: one
    already reached about this signature (see release_held). Call inside a transaction."""
    manifest = package.manifest
    verdict = verdict or verdict_for(db, manifest.agency_code, package.signature, source,
                                     target, kind=kind)
    if verdict.hold and not force:
        held_store.hold(db, reason=SIGNATURE, detail=verdict.label, file_name=package.file_name,
                        agency_code=manifest.agency_code, agency_name=manifest.agency_name,
                        period_code=manifest.period.code, report_id=manifest.report_id,
                        revision=manifest.revision, package=package.data,
                        sha256=package.content.sha256())
        return _result(package, Decision(SIGNATURE, verdict.label + HELD_NOTE), verdict)
    verdict = accepted_by_user(verdict) if verdict.hold else verdict
    decision = decide_for(db, package)
    stored = apply_decision(db, package, decision)
    if verdict.pin and stored is None:
        verdict = trust.not_pinned(verdict)
    if stored is not None:
        key_store.record_signature(db, *stored, verdict.state, verdict.label,
                                   verdict.fingerprint)
    if verdict.pin:
        key_store.pin(db, manifest.agency_code, package.signature.public_key,
                      verdict.fingerprint, manifest.agency_name, package.file_name)
    return _result(package, decision, verdict)


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
    if held_store.was_resolved(db, incoming.report_id, incoming.revision,
                               incoming.content_sha256):
        return Decision(SAME, "gói này đã được xem xét khi xử lý xung đột")
    slot = report_store.report_for(db, incoming.agency_code, package.period, incoming.form_id)
    known = report_store.known(db, incoming.report_id)
    slot_id = slot["id"] if slot else None
    if known is not None and slot_id is not None:
        slot_id = incoming.report_id if known.report_id == slot_id else slot_id
    return decide(incoming, get_agency(db, incoming.agency_code) is not None, known, slot_id)


def apply_decision(db, package: Package, decision: Decision) -> tuple[str, int] | None:
    """Store or hold the package as decided; (report id, revision) of what was stored."""
    manifest = package.manifest
    if decision.outcome in STORED:
        report_id = report_store.resolve_id(db, manifest.report_id)
        current = report_store.get_report(db, report_id)
        supersedes = manifest.supersedes
        if current is not None and decision.outcome == NEWER:
            supersedes = current["current_revision"]
        revision = _store(db, package, report_id, supersedes,
                          current is None or decision.outcome == NEWER, package.file_name,
                          renumber=current is not None)
        return report_id, revision
    if decision.outcome in HELD:
        held_store.hold(db, reason=decision.outcome, detail=decision.detail,
                        file_name=package.file_name, agency_code=manifest.agency_code,
                        agency_name=manifest.agency_name, period_code=manifest.period.code,
                        report_id=manifest.report_id, revision=manifest.revision,
                        package=package.data, sha256=package.content.sha256())
    return None


def _store(db, package: Package, report_id: str, supersedes: int | None, make_current: bool,
           source_file: str, renumber: bool = True) -> int:
    """A received package stored as a revision of `report_id`, under the agency's own number
    where it is free (so its next revision follows; our numbers may have moved on from the
    agency's), with what came with it. Returns the revision it was stored as."""
    manifest = package.manifest
    revision = report_store.free_revision(db, report_id, manifest.revision) if renumber \
        else manifest.revision
    report_store.store_received(
        db, report_id=report_id, agency_code=manifest.agency_code,
        period=package.period, form_id=package.form.id, form_version=package.form.version,
        revision=revision, supersedes=supersedes, content=package.content,
        make_current=make_current, source_file=source_file,
        app_version=manifest.app_version, sent_at=sent_at(manifest),
        sender_revision=manifest.revision)
    store_upward_parts(db, package, report_id, revision)
    return revision


def resolve_conflict(db, forms: FormLibrary, held_id: int, take_incoming: bool,
                     target: Target) -> None:
    """Keep the current revision, or make the held one current as the next revision (stored
    as an import stores it, its signature recorded)."""
    row = next((r for r in held_store.list_held(db) if r["id"] == held_id), None)
    if row is None:
        raise TTDNError("Gói này không còn chờ xử lý.")
    if take_incoming:
        package = read_package(row["file_name"], held_store.held_package(db, held_id), forms)
        report = report_store.report_for(db, row["agency_code"], package.period,
                                         package.form.id)
        if report is None:
            raise TTDNError("Không còn báo cáo nào để thay.")
        if package.manifest.report_id != report["id"]:
            # the agency goes on sending under its own id: it now means this report
            report_store.add_alias(db, package.manifest.report_id, report["id"])
        # stored as an import stores a newer revision, named as the user's choice
        chosen = replace(package, file_name=f"{row['file_name']} (chọn khi xử lý xung đột)")
        report_id, revision = apply_decision(db, chosen, Decision(NEWER))
        verdict = verdict_for(db, row["agency_code"], package.signature, trust.PACKAGE, target)
        key_store.record_signature(db, report_id, revision, verdict.state, verdict.label,
                                   verdict.fingerprint)
    held_store.resolve(db, held_id, held_store.Resolution.INCOMING if take_incoming
                      else held_store.Resolution.KEPT)


def sent_at(manifest) -> str | None:
    """The sending time as stored: ISO text, or None when the package did not say."""
    return manifest.created_at.isoformat(timespec="seconds") if manifest.created_at else None


def store_upward_parts(db, package: Package, report_id: str, revision: int) -> None:
    """A committee's report keeps what came with it: its members' figures and sources."""
    if package.upward is not None:
        upward_store.store_received_upward(db, report_id, revision, package.upward.built_at,
                                           package.upward.sources, package.upward.members)


def _result(package: Package, decision: Decision,
            verdict: trust.Verdict | None = None) -> ImportResult:
    manifest = package.manifest
    return ImportResult(package.file_name, decision.outcome, decision.detail,
                        manifest.agency_code, manifest.agency_name, manifest.period.code,
                        manifest.revision, [w.message for w in package.warnings],
                        signature=verdict.label if verdict else "",
                        signature_state=verdict.state if verdict else "",
                        fingerprint=short_fingerprint(verdict))
