"""The .ttdn submission package: one zip file an agency e-mails to the secretariat.

    mimetype        "application/vnd.ttdn.package+zip", stored first and uncompressed
    manifest.json   format and version, form, agency, period, report id, revision, the
                    revision it supersedes, created time, app version, SHA-256 of content.json
    content.json    sections, figures and notes (ReportContent, canonical JSON)
    signature.json  written by the app: who signed, over all the other members
                    (exchange/signing.py); absent from packages of older versions and from those
                    built from Excel forms, which older readers skip all the same

A committee's report to the level above is the same package with, optionally, "upward" in the
manifest (the agency revisions it was built from) and members.json (each member's figures, for
the upper level's drill-down); readers that do not know them read the report all the same.
Read by exchange/upward.py, written by build_upward_package.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime

from ttdn_desktop.core.errors import PackageError, TTDNError
from ttdn_desktop.core.forms import Form, FormLibrary
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.rules import Incoming
from ttdn_desktop.core.signer import Signer
from ttdn_desktop.core.text import shown
from ttdn_desktop.core.upward import UpwardReport
from ttdn_desktop.core.validation import ERROR, Problem, check_content
from ttdn_desktop.exchange.jsondata import load_json
from ttdn_desktop.exchange.manifest import SUBMISSION, Manifest, parse_manifest
from ttdn_desktop.exchange.signing import MEMBER as SIGNATURE_MEMBER
from ttdn_desktop.exchange.signing import Signature, verify_archive
from ttdn_desktop.exchange.upward import MEMBERS_FILE, members_json, read_upward
from ttdn_desktop.office.safezip import CORRUPT, PACKAGE_LIMITS, open_zip, read_member

MIMETYPE = "application/vnd.ttdn.package+zip"
NOW = object()  # build_package's default sending time: the moment it is built


@dataclass
class Package:
    file_name: str
    manifest: Manifest
    content: ReportContent
    form: Form
    data: bytes
    warnings: list[Problem]
    upward: object | None = None  # exchange.upward.UpwardData, for a committee's report
    signature: Signature | None = None  # None: the package is not signed

    @property
    def period(self) -> Period:
        return self.manifest.period

    @property
    def incoming(self) -> Incoming:
        m = self.manifest
        # the hash of the content as read and normalised, the one stored: a package whose
        # content.json is laid out differently still counts as the same content
        return Incoming(m.report_id, m.agency_code, m.agency_name, m.period.code, m.form_id,
                        m.revision, m.supersedes, self.content.sha256())


def build_package(*, form: Form, agency_code: str, agency_name: str, period: Period,
                  report_id: str, revision: int, supersedes: int | None,
                  content: ReportContent, created_at: datetime | None = NOW,
                  extra_manifest: dict | None = None,
                  extra_members: dict[str, bytes] | None = None,
                  signer: Signer | None = None) -> bytes:
    """`created_at`: when the report was sent; None when that is not known (an Excel form
    without a saved time), which the secretariat sees as "no sending date", never as on time.
    `extra_manifest`, `extra_members`: optional parts that readers not knowing them skip.
    `signer`: this installation's key, for every package it sends (none for a package only
    built to go through the import rules, from an Excel form or a Word report)."""
    body = content.to_json_bytes()
    manifest = Manifest(SUBMISSION, form.id, form.version, period, agency_code, agency_name,
                        report_id, revision, supersedes,
                        datetime.now() if created_at is NOW else created_at,
                        content_sha256=hashlib.sha256(body).hexdigest())
    return zip_package({**manifest.to_dict(), **(extra_manifest or {})},
                       {"content.json": body, **(extra_members or {})}, signer)


def build_upward_package(*, form: Form, agency_code: str, agency_name: str, period: Period,
                         report_id: str, revision: int, supersedes: int | None,
                         report: UpwardReport, built_at: datetime | None = None,
                         signer=None) -> bytes:
    """Through the one package writer, so it is made (and signed) like every other."""
    built_at = built_at or datetime.now()
    members = members_json(report.members)
    upward = {"built_at": built_at.isoformat(timespec="seconds"),
              "sources": [s.to_dict() for s in report.sources],
              "members_sha256": hashlib.sha256(members).hexdigest()}
    return build_package(form=form, agency_code=agency_code, agency_name=agency_name,
                         period=period, report_id=report_id, revision=revision,
                         supersedes=supersedes, content=report.content, created_at=built_at,
                         extra_manifest={"upward": upward},
                         extra_members={MEMBERS_FILE: members}, signer=signer)


def zip_package(manifest: dict, members: dict[str, bytes], signer: Signer | None = None) -> bytes:
    """Any .ttdn file: the mimetype first and uncompressed, the manifest, then the members, and
    with a `signer` last the signature over all of them."""
    every = {"mimetype": MIMETYPE.encode("ascii"),
             "manifest.json": json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"),
             **members}
    if signer is not None:
        every[SIGNATURE_MEMBER] = signer.sign_members(every)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in every.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if name == "mimetype"
                             else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def read_manifest_json(file_name: str, archive, kind: str) -> Manifest:
    raw = read_member(file_name, archive, "manifest.json", PACKAGE_LIMITS)
    try:
        data = load_json(file_name, raw.decode("utf-8"), "manifest.json")
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PackageError(file_name, "manifest.json bị hỏng (không đọc được dữ liệu)") from None
    return parse_manifest(file_name, data, kind)


def read_package(file_name: str, data: bytes, forms: FormLibrary) -> Package:
    """Check everything about a package held in memory. Raises PackageError with the reason."""
    try:
        return _read_package(file_name, data, forms)
    except CORRUPT:
        # Whatever a damaged zip throws that the checks below did not name.
        raise PackageError(file_name, "tệp bị hỏng hoặc tải về chưa hết") from None


def _read_package(file_name: str, data: bytes, forms: FormLibrary) -> Package:
    archive = open_zip(file_name, data, PACKAGE_LIMITS)
    names = set(archive.namelist())
    if "manifest.json" not in names or "content.json" not in names:
        raise PackageError(file_name, "tệp nén này không phải gói báo cáo TTĐN (thiếu "
                                      "manifest.json hoặc content.json)")
    manifest = read_manifest_json(file_name, archive, SUBMISSION)
    body = read_member(file_name, archive, "content.json", PACKAGE_LIMITS)
    if hashlib.sha256(body).hexdigest() != manifest.content_sha256:
        raise PackageError(file_name, "nội dung không khớp mã kiểm tra SHA-256 ghi trong gói: "
                                      "tệp đã bị sửa hoặc bị hỏng trên đường gửi")
    try:
        form = forms.get(manifest.form_id, manifest.form_version)
    except TTDNError:
        raise PackageError(file_name, f"gói dùng mẫu báo cáo «{shown(manifest.form_id)}» phiên bản "
                                      f"{manifest.form_version}, chưa có trong máy này; "
                                      "hãy cập nhật mẫu hoặc TTĐN Desktop") from None
    try:
        content = ReportContent.from_dict(load_json(file_name, body.decode("utf-8"),
                                                        "content.json"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PackageError(file_name, "content.json bị hỏng (không đọc được dữ liệu)") from None
    except ValueError as error:
        raise PackageError(file_name, f"content.json không đúng dạng: {error}") from None
    problems = check_content(form, content)
    fatal = [p for p in problems if p.severity == ERROR]
    if fatal:
        more = f" (và {len(fatal) - 3} lỗi khác)" if len(fatal) > 3 else ""
        raise PackageError(file_name, "nội dung không khớp mẫu báo cáo: "
                                      + "; ".join(p.message for p in fatal[:3]) + more)
    package = Package(file_name, manifest, content, form, data,
                      [p for p in problems if p.severity != ERROR])
    package.upward = read_upward(package, archive)
    # after the checks of old, so damage is named as before; the signature catches the rest
    package.signature = verify_archive(file_name, archive)
    return package
