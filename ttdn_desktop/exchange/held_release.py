"""Packages held back (a conflict, an unknown agency, a signature that does not fit) taken in
when what held them is settled: the agency added, a new key accepted, the user's word."""

from __future__ import annotations

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.forms import FormLibrary
from ttdn_desktop.core import trust
from ttdn_desktop.core.rules import REJECTED, SIGNATURE, UNKNOWN_AGENCY
from ttdn_desktop.core.signer import is_demo_key
from ttdn_desktop.exchange.import_result import ImportResult, Target
from ttdn_desktop.exchange.importer import process_package
from ttdn_desktop.exchange.manifest import REQUEST as REQUEST_KIND
from ttdn_desktop.exchange.package import read_package
from ttdn_desktop.exchange.request import manifest_kind, read_request
from ttdn_desktop.exchange.request_import import apply_request
from ttdn_desktop.exchange.signing import verify_archive
from ttdn_desktop.office.safezip import PACKAGE_LIMITS, open_zip
from ttdn_desktop.storage import held as held_store
from ttdn_desktop.storage import keys as key_store


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
        held_store.resolve(db, held_id, held_store.Resolution.ACCEPTED)
    return result
