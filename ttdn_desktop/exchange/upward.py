"""The parts a committee's report to the level above adds to a submission package.

    manifest.json   "upward": {"built_at": time, "sources": [{agency, name, report_id,
                    revision, content_sha256}, …], "members_sha256": SHA-256 of members.json}
    members.json    [{"code", "name", "figures": [{indicator, member, value}, …]}, …]:
                    each member's own figures, for the upper level's drill-down

Both are optional: a reader that does not know them reads the report as any member's. A reader
that does know them checks them as strictly as the rest: a package whose members.json does not
match its hash, whose members' figures do not add up to its totals (rates recomputed as the merge
does), or whose sources are not among the members it carries, is refused whole. A committee's
package without members.json (an older writer's) is taken with a note: no drill-down.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import dataclass

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.forms import Form
from ttdn_desktop.core.merge import SubMember
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.text import clean_line, hidden_character, shown
from ttdn_desktop.core.upward import MISSING_MEMBERS, Source, inconsistencies
from ttdn_desktop.core.validation import ERROR, WARNING, Problem, check_figures
from ttdn_desktop.exchange.jsondata import MAX_DEPTH, nesting_depth
from ttdn_desktop.office.safezip import PACKAGE_LIMITS, read_member

MEMBERS_FILE = "members.json"
MAX_SOURCES = 5000
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_.-]{0,31}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class UpwardData:
    built_at: str | None
    sources: list[Source]
    members: list[SubMember]


def members_json(members: list[SubMember]) -> bytes:
    rows = [{"code": m.code, "name": m.name,
             "figures": [{"indicator": i, "member": k, "value": v}
                         for (i, k), v in sorted(m.figures.items())]} for m in members]
    return json.dumps(rows, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def read_upward(package, archive) -> UpwardData | None:
    """Check and read the upward parts of a package already read: None for an agency's own
    report, PackageError if they are wrong."""
    name = package.file_name

    def bad(reason: str):
        return PackageError(name, f"phần báo cáo tổng hợp của gói không hợp lệ: {reason}")

    raw = json.loads(read_member(name, archive, "manifest.json", PACKAGE_LIMITS))
    if raw.get("upward") is None:
        return None
    upward = raw["upward"]
    if not isinstance(upward, dict):
        raise bad("manifest.json có mục «upward» không đúng dạng")
    raw_sources = upward.get("sources", [])
    if not isinstance(raw_sources, list) or len(raw_sources) > MAX_SOURCES:
        raise bad("danh sách báo cáo nguồn không đúng dạng")
    sources = []
    for n, raw in enumerate(raw_sources):
        try:
            source = Source.from_dict(raw)
            given = (str(source.agency_code), str(source.agency_name))
            source = Source(clean_line(source.agency_code).upper(), clean_line(source.agency_name),
                            str(uuid.UUID(source.report_id)), source.revision,
                            source.content_sha256)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise bad(f"báo cáo nguồn thứ {n + 1} thiếu hoặc sai thông tin") from None
        _plain(bad, f"báo cáo nguồn thứ {n + 1}", *given)
        if not _CODE.match(source.agency_code) or source.revision < 1 or \
                not _SHA.match(source.content_sha256):
            raise bad(f"báo cáo nguồn thứ {n + 1} có mã đơn vị, lần gửi hoặc mã kiểm tra sai")
        sources.append(source)
    built_at = upward.get("built_at")
    built_at = built_at if isinstance(built_at, str) else None
    members: list[SubMember] = []
    sha = upward.get("members_sha256")
    if sha is None:  # an older writer's: nothing to check the totals by, and no drill-down
        package.warnings.append(Problem(WARNING, MISSING_MEMBERS))
    else:
        if MEMBERS_FILE not in archive.namelist():
            raise bad(f"thiếu {MEMBERS_FILE}")
        body = read_member(name, archive, MEMBERS_FILE, PACKAGE_LIMITS)
        if hashlib.sha256(body).hexdigest() != sha:
            raise bad(f"{MEMBERS_FILE} không khớp mã kiểm tra SHA-256 ghi trong gói: tệp đã bị "
                      "sửa hoặc bị hỏng trên đường gửi")
        members = _members(body, package.form, bad)
        problems = inconsistencies(package.form, package.content.figures, members, sources)
        if problems:
            more = f" (và {len(problems) - 3} chỗ khác)" if len(problems) > 3 else ""
            raise bad("số liệu không khớp với các đơn vị thành viên mà gói mang theo: "
                      + "; ".join(problems[:3]) + more)
    return UpwardData(built_at, sources, members)


def _plain(bad, whose: str, *values: str) -> None:
    """Names printed in the drill-down: refused, like a member's own package's, when they hold
    a control, direction-changing or invisible character."""
    for value in values:
        hidden = hidden_character(value)
        if hidden:
            raise bad(f"{whose} có tên hoặc mã {hidden} («{shown(value, 60)}»)")


def _members(body: bytes, form: Form, bad) -> list[SubMember]:
    try:
        if nesting_depth(body) > MAX_DEPTH:
            raise bad(f"{MEMBERS_FILE} có cấu trúc lồng quá sâu")
        rows = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise bad(f"{MEMBERS_FILE} bị hỏng") from None
    if not isinstance(rows, list) or len(rows) > MAX_SOURCES:
        raise bad(f"{MEMBERS_FILE} không đúng dạng")
    members = []
    for n, row in enumerate(rows):
        if not isinstance(row, dict) or not isinstance(row.get("code"), str) or \
                not isinstance(row.get("name"), str):
            raise bad(f"đơn vị thứ {n + 1} trong {MEMBERS_FILE} thiếu mã hoặc tên")
        _plain(bad, f"đơn vị thứ {n + 1} trong {MEMBERS_FILE}", row["code"], row["name"])
        try:
            figures = ReportContent.from_dict({"figures": row.get("figures", [])}).figures
        except ValueError as error:
            raise bad(f"số liệu của {row['name']}: {error}") from None
        fatal = [p for p in check_figures(form, figures) if p.severity == ERROR]
        if fatal:
            raise bad(f"số liệu của {row['name']}: {fatal[0].message}")
        members.append(SubMember(clean_line(row["code"]).upper(), clean_line(row["name"]),
                                 figures))
    return members
