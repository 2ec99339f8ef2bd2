"""The request package (.ttdn, kind "request"): what the secretariat sends before a deadline.

It carries the period, its cut-off dates and sending deadline, and the form definition itself,
so a new form version reaches the agencies with the request. An agency that imports it gets the
dates, the form, and its report for the period created on that form.

    mimetype        "application/vnd.ttdn.package+zip"
    manifest.json   kind "request", period, data_from, data_to, deadline, form id and version,
                    the agency it is addressed to (or none: all), issuer, created time
    form.toml       the form definition, byte for byte
    members.json    (since 0.2, optional) the member list [{"code", "name"}], so that a new
                    install can pick its agency from it; older requests have none
    contact.json    (optional) {"email": the sender's address}: where the reports go by mail;
                    taken by the agency only from a request signed with the recorded key
    signature.json  the sender's signature (exchange/signing.py); absent from older ones
"""

from __future__ import annotations

import hashlib
import io
import json
import tomllib
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from ttdn_desktop.core.errors import FormError, PackageError, TTDNError
from ttdn_desktop.core.forms import Form, parse_form
from ttdn_desktop.core.mail_address import check_address
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.signer import Signer
from ttdn_desktop.core.text import hidden_character, nfc, shown
from ttdn_desktop.exchange.jsondata import load_json
from ttdn_desktop.exchange.manifest import REQUEST, Manifest
from ttdn_desktop.exchange.package import read_manifest_json, zip_package
from ttdn_desktop.exchange.signing import Signature, verify_archive
from ttdn_desktop.office.safezip import PACKAGE_LIMITS, open_zip, read_member


@dataclass
class Request:
    file_name: str
    period: Period
    data_from: date
    data_to: date
    deadline: date
    form: Form
    form_source: bytes
    agency_code: str | None
    agency_name: str | None
    issuer: str
    data: bytes = b""  # the package as received, kept by a committee to forward downward
    signature: Signature | None = None  # None: the request is not signed
    members: list[tuple[str, str]] = field(default_factory=list)  # (code, name), in order
    mail: str = ""  # the sender's e-mail address ("" in a request without one)


def build_request(*, form: Form, form_source: bytes, period: Period, data_from: date,
                  data_to: date, deadline: date, agency_code: str | None = None,
                  agency_name: str | None = None, issuer: str = "",
                  signer: Signer | None = None, members=(), mail: str = "") -> bytes:
    manifest = Manifest(REQUEST, form.id, form.version, period, agency_code,
                        agency_name if agency_code else None, created_at=datetime.now(),
                        form_sha256=hashlib.sha256(form_source).hexdigest(),
                        data_from=data_from, data_to=data_to, deadline=deadline, issuer=issuer)
    extra = {"form.toml": form_source}
    if members:
        extra[MEMBERS] = json.dumps([{"code": code, "name": name} for code, name in members],
                                    ensure_ascii=False).encode("utf-8")
    if mail:
        extra[CONTACT] = json.dumps({"email": mail}).encode("utf-8")
    return zip_package(manifest.to_dict(), extra, signer)


MEMBERS = "members.json"
MAX_MEMBERS = 5000
CONTACT = "contact.json"


def _read_contact(file_name: str, archive) -> str:
    """The sender's address a request brings; "" for one without."""
    if CONTACT not in archive.namelist():
        return ""
    try:
        data = load_json(file_name, read_member(file_name, archive, CONTACT, PACKAGE_LIMITS),
                         CONTACT)
    except ValueError:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("email", ""), str):
        raise PackageError(file_name, "địa chỉ thư trong gói không đọc được")
    try:
        return check_address(data.get("email", ""), "của nơi gửi")
    except TTDNError as error:
        raise PackageError(file_name, error.message) from None


def _read_members(file_name: str, archive) -> list[tuple[str, str]]:
    """The member list a request brings; [] for a request made before it did."""
    if MEMBERS not in archive.namelist():
        return []
    try:
        rows = load_json(file_name, read_member(file_name, archive, MEMBERS, PACKAGE_LIMITS),
                         MEMBERS)
    except ValueError:
        raise PackageError(file_name, "danh sách đơn vị trong gói không đọc được") from None
    if not isinstance(rows, list) or len(rows) > MAX_MEMBERS:
        raise PackageError(file_name, "danh sách đơn vị trong gói không đúng dạng")
    members = []
    for row in rows:
        code = row.get("code") if isinstance(row, dict) else None
        name = row.get("name") if isinstance(row, dict) else None
        if not isinstance(code, str) or not isinstance(name, str) or not code.strip() \
                or not name.strip() or len(code) > 40 or len(name) > 300:
            raise PackageError(file_name, "danh sách đơn vị trong gói có dòng sai")
        hidden = hidden_character(code) or hidden_character(name)
        if hidden:
            raise PackageError(file_name, f"danh sách đơn vị trong gói có đơn vị "
                                          f"«{shown(name, 60)}» {hidden}")
        members.append((nfc(code.strip().upper()), nfc(" ".join(name.split()))))
    return members


def manifest_kind(data: bytes) -> str | None:
    """The kind a .ttdn file says it is, without checking anything else; None if unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("manifest.json")
            if info.file_size > 1 << 20:
                return None
            return json.loads(archive.read(info)).get("kind")
    except Exception:  # anything unreadable is left to the full checks of its reader
        return None


def read_request(file_name: str, data: bytes) -> Request:
    archive = open_zip(file_name, data, PACKAGE_LIMITS)
    manifest = read_manifest_json(file_name, archive, REQUEST)
    source = read_member(file_name, archive, "form.toml", PACKAGE_LIMITS)
    if hashlib.sha256(source).hexdigest() != manifest.form_sha256:
        raise PackageError(file_name, "mẫu báo cáo trong gói không khớp mã kiểm tra: tệp đã bị "
                                      "sửa hoặc bị hỏng")
    signature = verify_archive(file_name, archive)
    try:
        form = parse_form(tomllib.loads(source.decode("utf-8")), f"{file_name}/form.toml")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        raise PackageError(file_name, "mẫu báo cáo trong gói không đọc được") from None
    except FormError as error:
        raise PackageError(file_name, "mẫu báo cáo trong gói có lỗi: "
                                      + "; ".join(error.problems[:3])) from None
    if (manifest.form_id, manifest.form_version) != (form.id, form.version):
        raise PackageError(file_name, "mẫu báo cáo trong gói khác với mẫu ghi trong manifest")
    return Request(file_name, manifest.period, manifest.data_from, manifest.data_to,
                   manifest.deadline, form, source, manifest.agency_code, manifest.agency_name,
                   manifest.issuer, data, signature, _read_members(file_name, archive),
                   _read_contact(file_name, archive))
