"""Importing files: read and check each, decide by the rules, apply.

What can come in (core/filekinds.py declares it): .ttdn packages (an agency's report, or the
secretariat's request), filled-in Excel forms, Word reports, and e-mails (.eml, .msg) and zip
archives holding any of these. A batch is one transaction, each file a savepoint inside it: the
good files are applied, a rejected file changes nothing, and a batch interrupted half-way leaves
nothing half-applied. `dry_run` runs the same code and rolls everything back, which is what the
preview shows.

Before the rules decide what a package does, its signature is weighed against the key pinned
for its sender (core/trust.py): a package that does not fit is held, never applied.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ttdn_desktop.core import filekinds
from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.figure_text import short_reasons
from ttdn_desktop.core.forms import FormLibrary
from ttdn_desktop.core.periods import Period, format_date
from ttdn_desktop.core import trust
from ttdn_desktop.core.rules import (HELD, LABELS, NEWER, NOT_DONE, REJECTED, REQUEST,
                                     SAME, SIGNATURE, SKIPPED, STORED, UNKNOWN_AGENCY, WORD,
                                     Decision, decide)
from ttdn_desktop.core.settings import UPWARD_CODE
from ttdn_desktop.core.signer import is_demo_key
from ttdn_desktop.core.text import nfc, shown
from ttdn_desktop.exchange.mail import MAX_MAIL_BYTES, is_mail
from ttdn_desktop.exchange.package import Package, build_package, read_package
from ttdn_desktop.exchange.pdf_body import ask_agency, is_pdf
from ttdn_desktop.exchange.manifest import REQUEST as REQUEST_KIND
from ttdn_desktop.exchange.request import manifest_kind, read_request
from ttdn_desktop.exchange.signing import SignatureError
from ttdn_desktop.exchange.unpack import (DOCX, SEPARATOR, XLSX, Item, content_kind, expand,
                                          unexpected_reason)
from ttdn_desktop.office.formats import archive_refusal
from ttdn_desktop.office.safezip import PACKAGE_LIMITS, XLSX_LIMITS, open_zip
from ttdn_desktop.storage import forms as form_store
from ttdn_desktop.storage import held as held_store
from ttdn_desktop.storage import keys as key_store
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.storage import upward as upward_store
from ttdn_desktop.storage.agencies import get_agency
from ttdn_desktop.storage.periods import period_dates, set_period_dates
from ttdn_desktop.storage.settings import get_setting
from ttdn_desktop.util.storage_errors import StorageError

# Another import (60 packages take seconds; hundreds of mails with PDFs, a minute) finishes
# first: an import waits this long for the database, saying so (README: the same figure).
IMPORT_WAIT_SECONDS = 120


@dataclass
class ImportResult:
    file_name: str
    outcome: str
    detail: str
    agency_code: str = ""
    agency_name: str = ""
    period: str = ""  # the code ("2021-H1"): what the command line takes and prints
    revision: int | None = None
    warnings: list[str] = field(default_factory=list)
    payload: bytes | None = field(default=None, repr=False)  # a Word report, kept to confirm
    # a request refused until the user confirms the new form it brings (payload: the request);
    # the words that name the form
    form_offer: str = ""
    signature: str = ""  # the file's signature state, in words ("" where none applies)
    signature_state: str = ""  # core.trust state
    fingerprint: str = ""  # the short form of the key that signed, if any
    container: str | None = field(default=None, repr=False)  # the mail or archive it came in
    report: object = field(default=None, repr=False)  # a Word report: what was read (WordReport)

    @property
    def ok(self) -> bool:
        return self.outcome not in NOT_DONE

    @property
    def received(self) -> bool:
        """Taken in (or found already there): not refused, held, waiting or passed over."""
        return self.ok and self.outcome != SKIPPED

    @property
    def kind(self) -> str:
        """What a report to confirm was read from, in words: «báo cáo PDF», «bảng tính Excel
        của đơn vị», «báo cáo dán trong thư»…"""
        return getattr(self.report, "kind", "") or "báo cáo"

    @property
    def label(self) -> str:
        return f"{self.kind}: cần xác nhận" if self.outcome == WORD else LABELS[self.outcome]

    @property
    def period_label(self) -> str:
        """The period as the window names it: "6 tháng đầu năm 2021"."""
        return Period.parse(self.period).label if self.period else ""

    def line(self, codes: bool = False) -> str:
        """One line for the window (the period in words) or, with `codes`, for the command line
        and logs (the period as its code, what the command line takes)."""
        period = self.period if codes or not self.period else Period.parse(self.period).phrase
        who = f" — {shown(self.agency_name)}, kỳ {period}" if self.agency_name else ""
        text = f"{shown(self.file_name, 240)}: {self.label}{who}"
        if self.detail:
            text += f" ({self.detail})"
        if self.signature and self.outcome != SIGNATURE:
            text += f"\n    chữ ký: {self.signature}"
        for warning in self.warnings:
            text += f"\n    cảnh báo: {warning}"
        return text


@dataclass
class Target:
    """Where a batch goes: the agency this database belongs to (for requests), this
    installation's key, and whether the user confirmed installing a new form that comes in a
    request not signed with the recorded key of its sender."""
    own_agency: str | None = None
    own_fingerprint: str | None = None  # this installation's key
    accept_form: bool = False


class _Rollback(Exception):
    pass


def read_file_bytes(path: Path, cap: int) -> bytes:
    """At most `cap` plus one byte, so an oversized file is never read whole."""
    try:
        if path.stat().st_size > cap:
            return b"\0" * (cap + 1)
        with open(path, "rb") as handle:
            return handle.read(cap + 1)
    except IsADirectoryError:
        raise PackageError(path.name, "đây là một thư mục, không phải tệp") from None
    except FileNotFoundError:
        raise PackageError(path.name, "không tìm thấy tệp") from None
    except PermissionError:
        raise PackageError(path.name, "không có quyền đọc tệp này (hãy chép tệp vào thư mục "
                                      "của bạn rồi nhập lại)") from None
    except OSError as error:
        raise PackageError(path.name, f"không đọc được tệp ({error.strerror})") from None


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
    target = target or Target()
    items = _items([Path(p) for p in paths])
    results: list[ImportResult] = []
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
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return _containers_with_nothing(_same_reports(kept, results))


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
    from ttdn_desktop.exchange.same_report import is_scan, readability, same
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
            if kind == DOCX or kind == XLSX and _agency_sheet(name, data):
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


def _agency_sheet(name: str, data: bytes) -> bool:
    from ttdn_desktop.exchange.sheet_import import is_agency_sheet
    return is_agency_sheet(name, data)


def _word_result(db, forms: FormLibrary, name: str, data: bytes) -> ImportResult:
    """A Word report is read and matched, never applied in a batch: its agency, period and
    guessed figures wait for the user's confirmation. Sections of the agency's current report
    it would empty or shorten are named now."""
    from ttdn_desktop.core.report import ReportContent
    from ttdn_desktop.core.losses import losses
    from ttdn_desktop.exchange.sheet_import import read_report
    from ttdn_desktop.storage import reports as report_store
    from ttdn_desktop.storage import wordimport as word_store
    from ttdn_desktop.storage.agencies import list_agencies
    form = forms.latest()
    agencies = [(a["code"], a["name"]) for a in list_agencies(db)]
    report = read_report(name, data, form, agencies,
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
    warnings = list(getattr(report, "notes", []))
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


HELD_NOTE = "; gói được giữ lại để xem xét"
REQUEST_SENDER = "cơ quan gửi đề nghị báo cáo"


def _accepted(verdict: trust.Verdict) -> trust.Verdict:
    return trust.Verdict(verdict.state, verdict.label + " — người dùng đã nhận sau khi kiểm tra",
                         fingerprint=verdict.fingerprint)


def verdict_for(db, party: str, signature, source: str, target: Target,
                who: str = "đơn vị", kind: str = "") -> trust.Verdict:
    fingerprint = signature.fingerprint if signature else None
    pinned = key_store.active_key(db, party)
    pinned = pinned["fingerprint"] if pinned else None
    if is_demo_key(pinned, party):  # pinned by a version that trusted demo keys
        pinned = None
    revoked = key_store.revoked_for(db, fingerprint) if fingerprint else []
    others = tuple(party_label(db, p) + (" — khóa đã bị thu hồi" if p in revoked else "")
                   for p in key_store.parties_of(db, fingerprint)
                   if p != party) if fingerprint else ()
    return trust.judge(fingerprint, source, pinned, key_store.revoked_keys(db, party),
                       target.own_fingerprint, who, others,
                       demo=is_demo_key(fingerprint, party), kind=kind)


def party_label(db, party: str) -> str:
    """A sender in words: "Công an tỉnh (CAT)", or whoever sends us requests."""
    if party == trust.SECRETARIAT:
        return REQUEST_SENDER
    agency = get_agency(db, party)
    if agency is None:
        rows = key_store.list_keys(db, party, history=True)
        name = rows[-1]["name"] if rows and rows[-1]["name"] else ""
    else:
        name = agency["name"]
    return f"{name} ({party})" if name else party


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
    verdict = _accepted(verdict) if verdict.hold else verdict
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
        revision, supersedes = manifest.revision, manifest.supersedes
        if current is not None:  # our numbers may have moved on from the agency's
            supersedes = current["current_revision"] if decision.outcome == NEWER else supersedes
            revision = report_store.free_revision(db, report_id, revision)
        report_store.store_received(
            db, report_id=report_id, agency_code=manifest.agency_code,
            period=package.period, form_id=package.form.id, form_version=package.form.version,
            revision=revision, supersedes=supersedes, content=package.content,
            make_current=current is None or decision.outcome == NEWER,
            source_file=package.file_name, app_version=manifest.app_version,
            sent_at=sent_at(manifest), sender_revision=manifest.revision)
        store_upward_parts(db, package, report_id, revision)
        return report_id, revision
    if decision.outcome in HELD:
        held_store.hold(db, reason=decision.outcome, detail=decision.detail,
                        file_name=package.file_name, agency_code=manifest.agency_code,
                        agency_name=manifest.agency_name, period_code=manifest.period.code,
                        report_id=manifest.report_id, revision=manifest.revision,
                        package=package.data, sha256=package.content.sha256())
    return None


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
                        fingerprint=_short(verdict))


def _short(verdict: trust.Verdict | None) -> str:
    return trust.short_form(verdict.fingerprint) if verdict and verdict.fingerprint else ""


def apply_request(db, forms: FormLibrary, request, target: Target, dry_run: bool,
                  force: bool = False) -> ImportResult:
    """The period's dates, the form (if new, kept in this database only: at once when the
    request is signed with the recorded key of whoever sends us requests, else only once the
    user confirmed it, `target.accept_form` or `force`), and for an agency database addressed
    by it, the agency's report for the period on that form. Held instead if its signature does
    not fit the pinned key of the sender (the secretariat, or a committee's level above),
    unless `force`."""
    verdict = verdict_for(db, trust.SECRETARIAT, request.signature, trust.PACKAGE, target,
                          REQUEST_SENDER)
    if verdict.hold and not force:
        who = request.agency_name or "tất cả đơn vị"
        held_store.hold(db, reason=SIGNATURE, detail=verdict.label, file_name=request.file_name,
                        agency_code=request.agency_code or "", agency_name=f"gửi {who}",
                        period_code=request.period.code, report_id="", revision=0,
                        package=request.data, sha256=hashlib.sha256(request.data).hexdigest())
        return ImportResult(request.file_name, SIGNATURE, verdict.label + HELD_NOTE,
                            request.agency_code or "", f"gửi {who}", request.period.code,
                            signature=verdict.label, signature_state=verdict.state,
                            fingerprint=_short(verdict))
    if forms.find(request.form.id, request.form.version) is None and not force and \
            not target.accept_form and verdict.state not in (trust.VERIFIED, trust.OWN):
        return _form_to_confirm(request, verdict)  # before any key is recorded from it
    verdict = _accepted(verdict) if verdict.hold else verdict
    if verdict.pin:
        key_store.pin(db, trust.SECRETARIAT, request.signature.public_key, verdict.fingerprint,
                      request.issuer, request.file_name)
    result = _apply_request(db, forms, request, target, dry_run, verdict)
    result.signature, result.signature_state = verdict.label, verdict.state
    result.fingerprint = _short(verdict)
    return result


def form_name(form) -> str:
    return f"mẫu báo cáo «{shown(form.id)}» phiên bản {form.version}"


def _form_to_confirm(request, verdict: trust.Verdict) -> ImportResult:
    """A request bringing a form this database does not have, from a sender whose key is not
    the one recorded: nothing of it is taken until the user confirms the form, having checked
    the key's digits with the sender by phone."""
    short = _short(verdict)
    sender = f"ký bằng khóa chưa được ghi nhận ({short})" if short else "không có chữ ký"
    who = request.agency_name or "tất cả đơn vị"
    detail = (f"gói đề nghị mang {form_name(request.form)}, chưa có trong cơ sở dữ liệu này, "
              f"và {sender}; chưa cài mẫu, chưa nhận gói. Gọi điện cho nơi gửi "
              f"({shown(request.issuer) or REQUEST_SENDER}) đối chiếu "
              + ("dãy số khóa" if short else "gói") + " rồi xác nhận cài mẫu: mẫu chỉ dùng cho "
              "cơ sở dữ liệu này")
    return ImportResult(request.file_name, REJECTED, detail, request.agency_code or "",
                        f"gửi {who}", request.period.code,
                        # no signature state: nothing was recorded (a key "first seen" would
                        # be taken by the front ends for one recorded)
                        signature=f"khóa của nơi gửi: {short}" if short else verdict.label,
                        fingerprint=short, payload=request.data,
                        form_offer=form_name(request.form))


def import_request(db, forms: FormLibrary, file_name: str, data: bytes,
                   target: Target) -> ImportResult:
    """One request package, read and applied (the user confirmed its form: `target`)."""
    return apply_request(db, forms, read_request(file_name, data), target, dry_run=False)


def _apply_request(db, forms: FormLibrary, request, target: Target, dry_run: bool,
                   verdict: trust.Verdict) -> ImportResult:
    notes = [f"hạn gửi {format_date(request.deadline)}"]
    new_form = forms.find(request.form.id, request.form.version) is None
    if new_form:
        notes.append(f"mẫu mới phiên bản {request.form.version}, cài cho cơ sở dữ liệu này")
    own = target.own_agency
    if not own:
        result = _request_from_above(db, request, notes)
    else:
        set_period_dates(db, request.period, request.data_from, request.data_to,
                         request.deadline)
        if request.agency_code in (None, own) and get_agency(db, own) is not None:
            if report_store.report_for(db, own, request.period, request.form.id) is None:
                report_store.create_report(db, own, request.period, request.form)
                notes.append("đã tạo báo cáo của đơn vị")
        who = request.agency_name or "tất cả đơn vị"
        result = ImportResult(request.file_name, REQUEST, ", ".join(notes),
                              request.agency_code or "", f"gửi {who}", request.period.code)
    if new_form:  # kept in this database only: an unrelated database never sees it
        trusted = verdict.state in (trust.VERIFIED, trust.OWN)
        form_store.install_form(db, request.form, request.form_source,
                                form_store.VERIFIED if trusted else form_store.CONFIRMED,
                                request.file_name, verdict.fingerprint)
        if not dry_run:
            forms.add(request.form)
    return result


def _request_from_above(db, request, notes: list[str]) -> ImportResult:
    """A committee's database receiving its upper level's request: remembered (its form is
    the one to report upward on), the cut-off dates taken; the deadline for our own members
    stays ours once set, since it must fall before the one above."""
    member = get_agency(db, request.agency_code) if request.agency_code else None
    if member is not None and request.agency_code != get_setting(db, UPWARD_CODE):
        raise PackageError(request.file_name, f"gói đề nghị này gửi cho {member['name']}, một "
                                              "đơn vị thành viên của chính cơ quan này, không "
                                              "phải đề nghị của cấp trên; không nhập")
    stored = period_dates(db, request.period).stored
    set_period_dates(db, request.period, request.data_from, request.data_to,
                     None if stored else request.deadline)
    upward_store.remember_request(
        db, period=request.period, form_id=request.form.id, form_version=request.form.version,
        data_from=request.data_from, data_to=request.data_to, deadline=request.deadline,
        issuer=request.issuer, agency_code=request.agency_code, agency_name=request.agency_name,
        file_name=request.file_name, package=request.data)
    notes[0] = f"đề nghị của cấp trên, hạn gửi lên {format_date(request.deadline)}"
    notes.append(f"mẫu {request.form.id} phiên bản {request.form.version}")
    who = request.issuer or "cấp trên"
    return ImportResult(request.file_name, REQUEST, ", ".join(notes),
                        request.agency_code or "", f"từ {who}", request.period.code)


def _source_of(file_name: str) -> str:
    return trust.EXCEL if file_name.lower().endswith((".xlsx", ".xlsm")) else trust.PACKAGE


def release_held(db, forms: FormLibrary, agency_code: str,
                 target: Target | None = None) -> list[ImportResult]:
    """Apply the packages held because `agency_code` was not on the member list. When they
    were signed by different keys and the agency has none recorded, no key is taken: the first
    one in would otherwise be recorded as the agency's, and the others held as mismatches, as
    if whoever sent first were the agency. Each is held for its signature instead, saying so."""
    read, results = [], []
    for row in held_store.list_held(db, agency_code=agency_code, reason=UNKNOWN_AGENCY):
        data = held_store.held_package(db, row["id"])
        try:
            read.append((row, read_package(row["file_name"], data, forms)))
        except PackageError as error:
            results.append(ImportResult(row["file_name"], REJECTED, error.reason))
    claims = _claiming_keys(db, agency_code, [package for _, package in read])
    for row, package in read:
        verdict = None
        if claims and package.signature is not None \
                and package.signature.fingerprint in claims:
            verdict = trust.Verdict(
                trust.MISMATCH, f"mã {agency_code} đã được gửi đến bằng {len(claims)} khóa "
                f"khác nhau khi còn chưa có trong danh sách "
                f"({', '.join(trust.short_form(k) for k in sorted(claims))}); chưa ghi nhận "
                "khóa nào: hãy gọi điện cho đơn vị để biết khóa nào là của đơn vị rồi nhận khóa "
                f"đó (ttdn keys accept {agency_code} --fingerprint \"…\")", hold=True,
                fingerprint=package.signature.fingerprint)
        with db.atomic():
            result = process_package(db, package, _source_of(row["file_name"]),
                                     target or Target(), verdict=verdict)
            if result.outcome != UNKNOWN_AGENCY:
                held_store.resolve(db, row["id"], result.outcome)
        results.append(result)
    return results


def _claiming_keys(db, agency_code: str, packages) -> set[str]:
    """The real keys (not demo keys) that signed `packages` for an agency with no key
    recorded, when there are two or more of them; else none."""
    if key_store.active_key(db, agency_code) is not None:
        return set()
    keys = {p.signature.fingerprint for p in packages if p.signature is not None
            and not is_demo_key(p.signature.fingerprint, agency_code)}
    return keys if len(keys) > 1 else set()


def _reprocess(db, forms: FormLibrary, row: dict, target: Target, force: bool) -> ImportResult:
    data = held_store.held_package(db, row["id"])
    if manifest_kind(data) == REQUEST_KIND:
        return apply_request(db, forms, read_request(row["file_name"], data), target,
                             dry_run=False, force=force)
    return process_package(db, read_package(row["file_name"], data, forms),
                           _source_of(row["file_name"]), target, force)


def held_for_signature(db, party: str | None = None) -> list[dict]:
    """Packages held for their signature; with `party`, those from that sender (an agency
    code, or trust.SECRETARIAT for requests)."""
    rows = held_store.list_held(db, reason=SIGNATURE)
    if party is None:
        return rows
    if party == trust.SECRETARIAT:
        return [r for r in rows if not r["report_id"]]
    return [r for r in rows if r["agency_code"] == party and r["report_id"]]


def held_signature(db, row: dict):
    """The verified signature of a held package (None if unsigned or no longer readable)."""
    from ttdn_desktop.exchange.signing import verify_archive
    try:
        archive = open_zip(row["file_name"], held_store.held_package(db, row["id"]),
                           PACKAGE_LIMITS)
        return verify_archive(row["file_name"], archive)
    except PackageError:
        return None


def release_signature_holds(db, forms: FormLibrary, party: str,
                            target: Target | None = None) -> list[ImportResult]:
    """After a key was accepted for `party`: the packages held for it that now fit are applied;
    the others stay held."""
    results = []
    for row in held_for_signature(db, party):
        try:
            with db.atomic():
                result = _reprocess(db, forms, row, target or Target(), force=False)
                if result.outcome != SIGNATURE:
                    held_store.resolve(db, row["id"], result.outcome)
        except PackageError as error:
            result = ImportResult(row["file_name"], REJECTED, error.reason)
        results.append(result)
    return results


def accept_held_package(db, forms: FormLibrary, held_id: int,
                        target: Target | None = None) -> ImportResult:
    """Apply one package held for its signature as it is (unsigned, or by a key not pinned),
    because the user checked it with the sender. Pins nothing."""
    row = next((r for r in held_for_signature(db) if r["id"] == held_id), None)
    if row is None:
        raise PackageError(f"số {held_id}", "không có gói nào đang được giữ lại vì chữ ký với "
                                            "số này")
    with db.atomic():
        result = _reprocess(db, forms, row, target or Target(), force=True)
        held_store.resolve(db, held_id, "accepted")
    return result


# What a folder holds that is never a report, so never named: hidden files (.DS_Store, ._x
# from a Mac), Windows' own desktop.ini and Thumbs.db, and Word's «~$» lock files.
_NOT_REPORTS = ("desktop.ini", "thumbs.db", "ehthumbs.db")


def is_clutter(name: str) -> bool:
    lower = name.lower()
    return lower.startswith((".", "~$")) or lower in _NOT_REPORTS


def nothing_to_import(folders) -> str:
    """The sentence for folders holding no file to import, naming what they hold instead."""
    others, subfolders = [], 0
    for folder in map(Path, folders):
        try:
            inside = sorted(folder.iterdir()) if folder.is_dir() else []
        except OSError:
            inside = []
        others += [p.name for p in inside if p.is_file() and not is_clutter(p.name)]
        subfolders += sum(1 for p in inside if p.is_dir() and not p.name.startswith("."))
    return filekinds.nothing_in([Path(f).absolute() for f in folders], others, subfolders)


def expand_paths(paths) -> list[Path]:
    """Files as given; a folder stands for the files in it (not its subfolders): every one but
    the clutter above, so that a file no reader takes (a .rar, a .7z, a photo) is refused by
    name with its reason rather than passed over in silence."""
    expanded: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            expanded.extend(sorted(p for p in path.iterdir()
                                   if p.is_file() and not is_clutter(p.name)))
        else:
            expanded.append(path)
    return expanded
