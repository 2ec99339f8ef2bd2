"""The .ttdn submission package: one zip file an agency e-mails to the secretariat.

    mimetype        "application/vnd.ttdn.package+zip", stored first and uncompressed
    manifest.json   format and version, form, agency, period, report id, revision, the
                    revision it supersedes, created time, app version, SHA-256 of content.json
    content.json    sections, figures and notes (ReportContent, canonical JSON)
    signature.json  written by the app: who signed, over the other members (exchange/signing.py);
                    absent from packages of older versions and from those built from Excel forms
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime

from ttdn_desktop import __version__
from ttdn_desktop.core.errors import PackageError, PeriodError, TTDNError
from ttdn_desktop.core.forms import Form, FormLibrary
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.rules import Incoming
from ttdn_desktop.core.text import clean_line
from ttdn_desktop.core.validation import ERROR, Problem, check_content
from ttdn_desktop.exchange.safezip import CORRUPT, PACKAGE_LIMITS, open_zip, read_member
from ttdn_desktop.exchange.signing import MEMBER as SIGNATURE_MEMBER
from ttdn_desktop.exchange.signing import Signature, Signer, verify_archive

FORMAT = "ttdn-package"
FORMAT_VERSION = 1
MIMETYPE = "application/vnd.ttdn.package+zip"
SUBMISSION = "submission"
EXTENSION = ".ttdn"
_AGENCY_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_.-]{0,31}$")
MAX_REVISION = 1_000_000


@dataclass
class Package:
    file_name: str
    manifest: dict
    content: ReportContent
    form: Form
    period: Period
    data: bytes
    warnings: list[Problem]
    signature: Signature | None = None  # None: the package is not signed

    @property
    def incoming(self) -> Incoming:
        m = self.manifest
        # the hash of the content as read and normalised, the one stored: a package whose
        # content.json is laid out differently still counts as the same content
        return Incoming(m["report_id"], m["agency"]["code"], m["agency"]["name"], m["period"],
                        m["form"]["id"], m["revision"], m["supersedes"], self.content.sha256())


def build_package(*, form: Form, agency_code: str, agency_name: str, period: Period,
                  report_id: str, revision: int, supersedes: int | None,
                  content: ReportContent, created_at: datetime | None = None,
                  signer: Signer | None = None) -> bytes:
    body = content.to_json_bytes()
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind": SUBMISSION,
        "form": {"id": form.id, "version": form.version},
        "agency": {"code": agency_code, "name": agency_name},
        "period": period.code,
        "report_id": report_id,
        "revision": revision,
        "supersedes": supersedes,
        "created_at": (created_at or datetime.now()).isoformat(timespec="seconds"),
        "app_version": __version__,
        "content_sha256": hashlib.sha256(body).hexdigest(),
    }
    return zip_package(manifest, {"content.json": body}, signer)


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
    manifest = _parse_manifest(file_name, read_member(file_name, archive, "manifest.json",
                                                      PACKAGE_LIMITS))
    body = read_member(file_name, archive, "content.json", PACKAGE_LIMITS)
    if hashlib.sha256(body).hexdigest() != manifest["content_sha256"]:
        raise PackageError(file_name, "nội dung không khớp mã kiểm tra SHA-256 ghi trong gói: "
                                      "tệp đã bị sửa hoặc bị hỏng trên đường gửi")
    # after the checks of old, so damage is named as before; the signature catches the rest
    signature = verify_archive(file_name, archive)
    try:
        form = forms.get(manifest["form"]["id"], manifest["form"]["version"])
    except TTDNError:
        raise PackageError(file_name, f"gói dùng mẫu báo cáo «{manifest['form']['id']}» phiên bản "
                                      f"{manifest['form']['version']}, chưa có trong máy này; "
                                      "hãy cập nhật mẫu hoặc TTĐN Desktop") from None
    try:
        content = ReportContent.from_dict(json.loads(body.decode("utf-8")))
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
    return Package(file_name, manifest, content, form, Period.parse(manifest["period"]), data,
                   [p for p in problems if p.severity != ERROR], signature)


def _parse_manifest(file_name: str, raw: bytes) -> dict:
    def bad(reason: str):
        return PackageError(file_name, f"manifest.json {reason}")

    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise bad("bị hỏng (không đọc được dữ liệu)") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackageError(file_name, "tệp nén này không phải gói báo cáo TTĐN")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise bad("thiếu phiên bản định dạng gói")
    if version > FORMAT_VERSION:
        raise PackageError(file_name, f"gói được tạo bởi phiên bản TTĐN Desktop mới hơn (định "
                                      f"dạng {version}); hãy cập nhật chương trình")
    if manifest.get("kind") != SUBMISSION:
        raise PackageError(file_name, f"đây không phải gói báo cáo của đơn vị (loại gói "
                                      f"«{manifest.get('kind')}»)")
    form = manifest.get("form")
    if not isinstance(form, dict) or not isinstance(form.get("id"), str) \
            or not isinstance(form.get("version"), int):
        raise bad("thiếu thông tin mẫu báo cáo (form.id, form.version)")
    agency = manifest.get("agency")
    if not isinstance(agency, dict) or not isinstance(agency.get("code"), str) \
            or not isinstance(agency.get("name"), str):
        raise bad("thiếu thông tin đơn vị (agency.code, agency.name)")
    agency["code"] = clean_line(agency["code"]).upper()
    agency["name"] = clean_line(agency["name"])
    if not _AGENCY_CODE.match(agency["code"]) or not agency["name"]:
        raise bad(f"có mã hoặc tên đơn vị không hợp lệ («{agency['code']}»)")
    try:
        manifest["period"] = Period.parse(manifest.get("period", "")).code
    except PeriodError:
        raise PackageError(file_name, f"kỳ báo cáo «{manifest.get('period')}» không hợp lệ") \
            from None
    try:
        manifest["report_id"] = str(uuid.UUID(str(manifest.get("report_id"))))
    except ValueError:
        raise bad("có mã báo cáo (report_id) không hợp lệ") from None
    revision, supersedes = manifest.get("revision"), manifest.get("supersedes")
    manifest["supersedes"] = supersedes
    if not isinstance(revision, int) or isinstance(revision, bool) or not 1 <= revision <= \
            MAX_REVISION:
        raise bad("có số lần gửi (revision) không hợp lệ")
    if supersedes is not None and (not isinstance(supersedes, int) or isinstance(supersedes, bool)
                                   or not 1 <= supersedes < revision):
        raise bad("có số lần gửi được thay thế (supersedes) không hợp lệ")
    sha = manifest.get("content_sha256")
    if not isinstance(sha, str) or not re.match(r"^[0-9a-f]{64}$", sha):
        raise bad("thiếu mã kiểm tra nội dung (content_sha256)")
    return manifest
