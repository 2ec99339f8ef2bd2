"""The request package (.ttdn, kind "request"): what the secretariat sends before a deadline.

It carries the period, its cut-off dates and sending deadline, and the form definition itself,
so a new form version reaches the agencies with the request. An agency that imports it gets the
dates, the form, and its report for the period created on that form.

    mimetype        "application/vnd.ttdn.package+zip"
    manifest.json   kind "request", period, data_from, data_to, deadline, form id and version,
                    the agency it is addressed to (or none: all), issuer, created time
    form.toml       the form definition, byte for byte
    signature.json  the secretariat's signature (exchange/signing.py); absent from older ones
"""

from __future__ import annotations

import hashlib
import io
import json
import tomllib
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from ttdn_desktop import __version__
from ttdn_desktop.core.errors import FormError, PackageError, PeriodError
from ttdn_desktop.core.forms import Form, parse_form
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.text import clean_line
from ttdn_desktop.exchange.package import FORMAT, FORMAT_VERSION, zip_package
from ttdn_desktop.exchange.safezip import PACKAGE_LIMITS, open_zip, read_member
from ttdn_desktop.exchange.signing import Signature, Signer, verify_archive

REQUEST = "request"


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
    data: bytes = b""
    signature: Signature | None = None  # None: the request is not signed


def build_request(*, form: Form, form_source: bytes, period: Period, data_from: date,
                  data_to: date, deadline: date, agency_code: str | None = None,
                  agency_name: str | None = None, issuer: str = "",
                  signer: Signer | None = None) -> bytes:
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "kind": REQUEST,
        "period": period.code, "data_from": data_from.isoformat(),
        "data_to": data_to.isoformat(), "deadline": deadline.isoformat(),
        "form": {"id": form.id, "version": form.version},
        "agency": {"code": agency_code, "name": agency_name} if agency_code else None,
        "issuer": issuer, "created_at": datetime.now().isoformat(timespec="seconds"),
        "app_version": __version__, "form_sha256": hashlib.sha256(form_source).hexdigest(),
    }
    return zip_package(manifest, {"form.toml": form_source}, signer)


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
    try:
        manifest = json.loads(read_member(file_name, archive, "manifest.json", PACKAGE_LIMITS))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PackageError(file_name, "manifest.json bị hỏng") from None
    if not isinstance(manifest, dict):
        raise PackageError(file_name, "manifest.json bị hỏng")
    if manifest.get("format") != FORMAT or manifest.get("kind") != REQUEST:
        raise PackageError(file_name, "đây không phải gói đề nghị báo cáo")
    if not isinstance(manifest.get("format_version"), int) or \
            manifest["format_version"] > FORMAT_VERSION:
        raise PackageError(file_name, "gói được tạo bởi phiên bản TTĐN Desktop mới hơn; hãy "
                                      "cập nhật chương trình")
    source = read_member(file_name, archive, "form.toml", PACKAGE_LIMITS)
    if hashlib.sha256(source).hexdigest() != manifest.get("form_sha256"):
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
    declared = manifest.get("form")
    if not isinstance(declared, dict) or \
            (declared.get("id"), declared.get("version")) != (form.id, form.version):
        raise PackageError(file_name, "mẫu báo cáo trong gói khác với mẫu ghi trong manifest")
    try:
        period = Period.parse(manifest.get("period", ""))
        dates = [date.fromisoformat(manifest[k]) for k in ("data_from", "data_to", "deadline")]
    except (PeriodError, KeyError, TypeError, ValueError):
        raise PackageError(file_name, "kỳ báo cáo hoặc ngày chốt số liệu, hạn gửi không hợp "
                                      "lệ") from None
    agency = manifest.get("agency") or {}
    if not isinstance(agency, dict):
        raise PackageError(file_name, "manifest.json có thông tin đơn vị không hợp lệ")
    code = clean_line(str(agency.get("code") or "")).upper() or None
    name = clean_line(str(agency.get("name") or "")) or None
    return Request(file_name, period, *dates, form, source, code, name,
                   clean_line(str(manifest.get("issuer") or "")), data, signature)
