"""The member list: agencies the secretariat adds, renames, reorders and retires."""

from __future__ import annotations

import re

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.merge import Agency
from ttdn_desktop.core.text import clean_line, vn_sort_key
from ttdn_desktop.storage.database import now

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")


def check_code(code: str) -> str:
    code = clean_line(code).upper()
    if not _CODE.match(code):
        raise TTDNError(f"Mã đơn vị «{code}» không hợp lệ: dùng 1–32 chữ cái không dấu, chữ số, "
                        "dấu chấm, gạch nối hoặc gạch dưới (ví dụ SNGV, CA-TINH).")
    return code


def list_agencies(db, include_retired: bool = True) -> list[dict]:
    """In member order: an explicit order first, then Vietnamese alphabetical order of names."""
    rows = list(db.query("SELECT * FROM agencies"))
    if not include_retired:
        rows = [r for r in rows if not r["retired"]]
    return sorted(rows, key=lambda r: (r["sort_order"] is None, r["sort_order"] or 0,
                                       vn_sort_key(r["name"])))


def member_list(db, include_retired: bool = True) -> list[Agency]:
    return [Agency(r["code"], r["name"], bool(r["retired"]))
            for r in list_agencies(db, include_retired)]


def get_agency(db, code: str) -> dict | None:
    rows = list(db.query("SELECT * FROM agencies WHERE code = ?", [code]))
    return rows[0] if rows else None


def add_agency(db, code: str, name: str, kind: str = "", sort_order: int | None = None) -> dict:
    code = check_code(code)
    name = clean_line(name)
    if not name:
        raise TTDNError(f"Tên đơn vị «{code}» không được để trống.")
    if get_agency(db, code) is not None:
        raise TTDNError(f"Mã đơn vị «{code}» đã có trong danh sách.")
    stamp = now()
    with db.atomic():
        db.execute("INSERT INTO agencies (code, name, sort_order, kind, retired, created_at, "
                   "updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
                   [code, name, sort_order, clean_line(kind), stamp, stamp])
    return get_agency(db, code)


def update_agency(db, code: str, **changes) -> dict:
    """Rename, reorder, change kind, retire (retired=True) or bring back (retired=False)."""
    current = get_agency(db, code)
    if current is None:
        raise TTDNError(f"Không có đơn vị mã «{code}» trong danh sách.")
    allowed = {"name", "sort_order", "kind", "retired"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"unknown fields {unknown}")
    if "name" in changes:
        changes["name"] = clean_line(changes["name"])
        if not changes["name"]:
            raise TTDNError(f"Tên đơn vị «{code}» không được để trống.")
    if "retired" in changes:
        changes["retired"] = int(bool(changes["retired"]))
    if changes:
        assignments = ", ".join(f"{k} = ?" for k in changes)
        with db.atomic():
            db.execute(f"UPDATE agencies SET {assignments}, updated_at = ? WHERE code = ?",
                       [*changes.values(), now(), code])
    return get_agency(db, code)
