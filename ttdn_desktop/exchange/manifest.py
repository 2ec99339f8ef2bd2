"""The identity every file we hand out carries: a submission package's manifest.json, a request's
manifest.json, the hidden "_ttdn" sheet of an Excel form. One typed record, checked in one place,
so the three readers cannot disagree about what a revision or a sending time is.

`parse_manifest` takes the raw values (from JSON or from cells) and either returns a Manifest
whose fields have the types declared below, or raises PackageError naming the file and the
field. A bool is not a number; a sending time that is missing or not a time is None, never
"now".
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from ttdn_desktop import __version__
from ttdn_desktop.core.errors import PackageError, PeriodError
from ttdn_desktop.core.periods import Period, parse_time
from ttdn_desktop.core.text import clean_line, hidden_character, shown

PACKAGE_FORMAT = "ttdn-package"
XLSX_FORMAT = "ttdn-xlsx-form"
FORMAT_VERSION = 1

SUBMISSION = "submission"   # an agency's report revision (.ttdn)
REQUEST = "request"         # the secretariat's request before a deadline (.ttdn)
XLSX_FORM = "xlsx-form"     # the Excel form for agencies without the app

MAX_REVISION = 1_000_000
AGENCY_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_.-]{0,31}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Manifest:
    kind: str
    form_id: str
    form_version: int
    period: Period
    agency_code: str | None = None      # None: a request addressed to every agency
    agency_name: str | None = None
    report_id: str | None = None        # submissions and Excel forms
    revision: int | None = None
    supersedes: int | None = None
    created_at: datetime | None = None  # the sender's clock; None when missing or not a time
    app_version: str = ""
    content_sha256: str | None = None   # submissions
    form_sha256: str | None = None      # requests
    data_from: date | None = None       # requests
    data_to: date | None = None
    deadline: date | None = None
    issuer: str = ""

    def to_dict(self) -> dict:
        """The manifest.json of a .ttdn file (submission or request)."""
        common = {"format": PACKAGE_FORMAT, "format_version": FORMAT_VERSION, "kind": self.kind}
        when = self.created_at.isoformat(timespec="seconds") if self.created_at else None
        if self.kind == REQUEST:
            return {**common, "period": self.period.code,
                    "data_from": self.data_from.isoformat(), "data_to": self.data_to.isoformat(),
                    "deadline": self.deadline.isoformat(),
                    "form": {"id": self.form_id, "version": self.form_version},
                    "agency": {"code": self.agency_code, "name": self.agency_name}
                    if self.agency_code else None,
                    "issuer": self.issuer, "created_at": when,
                    "app_version": self.app_version or __version__,
                    "form_sha256": self.form_sha256}
        return {**common, "form": {"id": self.form_id, "version": self.form_version},
                "agency": {"code": self.agency_code, "name": self.agency_name},
                "period": self.period.code, "report_id": self.report_id,
                "revision": self.revision, "supersedes": self.supersedes, "created_at": when,
                "app_version": self.app_version or __version__,
                "content_sha256": self.content_sha256}

    def to_cells(self) -> list[tuple[str, object]]:
        """The identity rows of an Excel form."""
        return [("format", XLSX_FORMAT), ("format_version", FORMAT_VERSION),
                ("form_id", self.form_id), ("form_version", self.form_version),
                ("agency_code", self.agency_code), ("agency_name", self.agency_name),
                ("period", self.period.code), ("report_id", self.report_id),
                ("revision", self.revision),
                ("supersedes", self.supersedes if self.supersedes is not None else ""),
                ("created_at", self.created_at.isoformat(timespec="seconds")
                 if self.created_at else ""),
                ("app_version", self.app_version or __version__)]


def whole(value) -> int | None:
    """An int that is not a bool (JSON true is not revision 1)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_manifest(file_name: str, raw, kind: str) -> Manifest:
    """Check raw manifest values for a file of `kind`. Raises PackageError with the reason."""
    where = "phần nhận dạng của mẫu" if kind == XLSX_FORM else "manifest.json"

    def bad(reason: str):
        return PackageError(file_name, f"{where} {reason}")

    if kind == XLSX_FORM:
        if not isinstance(raw, dict) or raw.get("format") != XLSX_FORMAT:
            raise PackageError(file_name, "tệp Excel này không phải mẫu báo cáo TTĐN")
        raw = _nested_cells(raw)
    elif not isinstance(raw, dict):
        raise bad("bị hỏng (không đọc được dữ liệu)")
    elif raw.get("format") != PACKAGE_FORMAT:
        raise PackageError(file_name, "tệp nén này không phải gói báo cáo TTĐN")
    version = whole(raw.get("format_version"))
    if version is None or version < 1:
        raise bad("thiếu phiên bản định dạng")
    if version > FORMAT_VERSION:
        what = "mẫu Excel" if kind == XLSX_FORM else "gói"
        raise PackageError(file_name, f"{what} được tạo bởi phiên bản TTĐN Desktop mới hơn "
                                      f"(định dạng {version}); hãy cập nhật chương trình")
    if kind != XLSX_FORM and raw.get("kind") != kind:
        if kind == REQUEST:
            raise PackageError(file_name, "đây không phải gói đề nghị báo cáo")
        raise PackageError(file_name, f"đây không phải gói báo cáo của đơn vị (loại gói "
                                      f"«{shown(raw.get('kind'))}»)")
    form = raw.get("form")
    if not isinstance(form, dict) or not isinstance(form.get("id"), str) \
            or whole(form.get("version")) is None or form["version"] < 1:
        raise bad("thiếu thông tin mẫu báo cáo (form.id, form.version)")
    try:
        period = Period.parse(raw.get("period") if isinstance(raw.get("period"), str) else "")
    except PeriodError:
        raise PackageError(file_name, f"kỳ báo cáo «{shown(raw.get('period'), 30)}» không hợp lệ") \
            from None
    fields = dict(kind=kind, form_id=form["id"], form_version=form["version"], period=period,
                  created_at=parse_time(raw.get("created_at")),
                  app_version=clean_line(str(raw.get("app_version") or "")))
    agency = raw.get("agency")
    if kind == REQUEST:
        return _request(file_name, raw, agency, fields, bad)
    if not isinstance(agency, dict) or not isinstance(agency.get("code"), str) \
            or not isinstance(agency.get("name"), str):
        raise bad("thiếu thông tin đơn vị (mã hoặc tên đơn vị)")
    for what, value in (("mã đơn vị", agency["code"]), ("tên đơn vị", agency["name"])):
        hidden = hidden_character(value)
        if hidden:
            raise bad(f"ghi {what} {hidden} («{shown(value, 60)}»)")
    code, name = clean_line(agency["code"]).upper(), clean_line(agency["name"])
    if not AGENCY_CODE.match(code) or not name:
        raise bad(f"có mã hoặc tên đơn vị không hợp lệ («{shown(code, 40)}»)")
    try:
        report_id = str(uuid.UUID(str(raw.get("report_id"))))
    except ValueError:
        raise bad("có mã báo cáo không hợp lệ (report_id)") from None
    revision = whole(raw.get("revision"))
    if revision is None or not 1 <= revision <= MAX_REVISION:
        raise bad("có số lần gửi (revision) không hợp lệ")
    supersedes = raw.get("supersedes")
    if supersedes is not None:
        supersedes = whole(supersedes)
        if supersedes is None or not 1 <= supersedes < revision:
            raise bad("có số lần gửi được thay thế (supersedes) không hợp lệ")
    sha = None
    if kind == SUBMISSION:
        sha = raw.get("content_sha256")
        if not isinstance(sha, str) or not _SHA256.match(sha):
            raise bad("thiếu mã kiểm tra nội dung (content_sha256)")
    return Manifest(**fields, agency_code=code, agency_name=name, report_id=report_id,
                    revision=revision, supersedes=supersedes, content_sha256=sha)


def _request(file_name: str, raw: dict, agency, fields: dict, bad) -> Manifest:
    try:
        dates = {k: date.fromisoformat(raw[k]) for k in ("data_from", "data_to", "deadline")}
    except (KeyError, TypeError, ValueError):
        raise PackageError(file_name, "kỳ báo cáo hoặc ngày chốt số liệu, hạn gửi không hợp "
                                      "lệ") from None
    if agency is None:
        agency = {}
    if not isinstance(agency, dict):
        raise bad("có thông tin đơn vị không hợp lệ")
    for what, value in (("mã đơn vị", agency.get("code")), ("tên đơn vị", agency.get("name")),
                        ("tên cơ quan gửi", raw.get("issuer"))):
        hidden = hidden_character(value) if isinstance(value, str) else None
        if hidden:
            raise bad(f"ghi {what} {hidden} («{shown(value, 60)}»)")
    code = clean_line(str(agency.get("code") or "")).upper() or None
    if code is not None and not AGENCY_CODE.match(code):
        raise bad(f"có mã đơn vị không hợp lệ («{shown(code, 40)}»)")
    sha = raw.get("form_sha256")
    if not isinstance(sha, str) or not _SHA256.match(sha):
        raise bad("thiếu mã kiểm tra mẫu báo cáo (form_sha256)")
    return Manifest(**fields, **dates, agency_code=code,
                    agency_name=clean_line(str(agency.get("name") or "")) or None,
                    form_sha256=sha, issuer=clean_line(str(raw.get("issuer") or "")))


def _nested_cells(raw: dict) -> dict:
    """The Excel form's flat identity rows in the shape of a manifest.json."""
    supersedes = raw.get("supersedes")
    return {**raw, "form": {"id": raw.get("form_id"), "version": raw.get("form_version")},
            "agency": {"code": raw.get("agency_code"), "name": raw.get("agency_name")},
            "report_id": raw.get("report_id"),
            "supersedes": None if supersedes in ("", None) else supersedes}
