"""The member list: agencies the secretariat adds, renames, reorders and retires; and the kinds
of member (Loại), a list of its own that each member takes one of."""

from __future__ import annotations

import re

from ttdn_desktop.core.agency import Agency
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.mail_address import check_address
from ttdn_desktop.core.text import clean_line, fold, hidden_character, shown, vn_sort_key
from ttdn_desktop.storage.database import now

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")


def check_code(code: str) -> str:
    hidden = hidden_character(code)
    if hidden:
        raise TTDNError(f"Mã đơn vị {hidden} («{shown(code, 40)}»): không nhận; hãy gõ lại mã "
                        "(ký tự này làm đảo hay ẩn chữ khi mã hiện ra).")
    code = clean_line(code).upper()
    if not _CODE.match(code):
        raise TTDNError(f"Mã đơn vị «{shown(code, 40)}» không hợp lệ: dùng 1–32 chữ cái không "
                        "dấu, chữ số, dấu chấm, gạch nối hoặc gạch dưới (ví dụ SNGV, CA-TINH).")
    return code


def check_name(name: str, code: str) -> str:
    """The name cleaned; TTDNError if it holds a control, direction-changing or invisible
    character (named with its position: dropping it would store a name the user never saw),
    or nothing."""
    hidden = hidden_character(name)
    if hidden:
        raise TTDNError(f"Tên đơn vị {hidden} («{shown(name)}»): không nhận; hãy gõ lại tên "
                        "(ký tự này làm đảo hay ẩn chữ khi tên hiện ra).")
    name = clean_line(name)
    if not name:
        raise TTDNError(f"Tên đơn vị «{code}» không được để trống.")
    return name


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


def add_agency(db, code: str, name: str, kind: str = "", sort_order: int | None = None,
               new_kind: bool = False, email: str = "") -> dict:
    """`kind` must be on the list of kinds (see kind_named), or is added to it with
    `new_kind` (a member list read from the secretariat's own Excel file)."""
    code = check_code(code)
    name = check_name(name, code)
    email = check_address(email, f"của {code}")
    if get_agency(db, code) is not None:
        raise TTDNError(f"Mã đơn vị «{code}» đã có trong danh sách.")
    stamp = now()
    with db.atomic():
        kind = kind_named(db, kind, new_kind)
        db.execute("INSERT INTO agencies (code, name, sort_order, kind, retired, created_at, "
                   "updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
                   [code, name, sort_order, kind, stamp, stamp])
        if email:  # set apart: a member without one is added the same on any schema
            db.execute("UPDATE agencies SET email = ? WHERE code = ?", [email, code])
    return get_agency(db, code)


# --- kinds of member ----------------------------------------------------------------------------
def list_kinds(db) -> list[str]:
    return [r["name"] for r in db.query("SELECT name FROM agency_kinds ORDER BY sort_order, name")]


def kind_named(db, text: str, add: bool = False) -> str:
    """The kind on the list that `text` names: written the same but for case, or, typed
    without accents, the one kind it can only be. "" stays "" (no kind). A kind not on the
    list is added at its end with `add`, else refused with the list in the message."""
    text = clean_line(text)
    if not text:
        return ""
    kinds = list_kinds(db)
    same = [k for k in kinds if k.casefold() == text.casefold()]
    if not same and fold(text) == text.lower():
        same = [k for k in kinds if fold(k) == text.lower()]
    if len(same) == 1:
        return same[0]
    if add:
        db.execute("INSERT INTO agency_kinds (name, sort_order) VALUES "
                   "(?, (SELECT COALESCE(MAX(sort_order), 0) + 1 FROM agency_kinds))", [text])
        return text
    raise TTDNError(f"Loại đơn vị «{text}» chưa có trong danh sách loại ("
                    + "; ".join(f"«{k}»" for k in kinds) + "). Thêm loại mới trong trang Thành "
                    "viên hoặc bằng lệnh «ttdn agencies kinds add».")


def _check_kind(name: str) -> None:
    hidden = hidden_character(name)
    if hidden:
        raise TTDNError(f"Tên loại đơn vị {hidden} («{shown(name)}»): không nhận; hãy gõ lại.")


def add_kind(db, name: str) -> str:
    _check_kind(name)
    name = clean_line(name)
    if not name:
        raise TTDNError("Tên loại đơn vị không được để trống.")
    if any(k.casefold() == name.casefold() for k in list_kinds(db)):
        raise TTDNError(f"Loại đơn vị «{name}» đã có trong danh sách.")
    with db.atomic():
        return kind_named(db, name, add=True)


def rename_kind(db, old: str, new: str) -> str:
    """Every member of the kind takes the new name (their history keeps the old one)."""
    _check_kind(new)
    old, new = kind_named(db, old), clean_line(new)
    if not new:
        raise TTDNError("Tên loại đơn vị không được để trống.")
    if new != old and any(k.casefold() == new.casefold() for k in list_kinds(db)
                          if k != old):
        raise TTDNError(f"Loại đơn vị «{new}» đã có trong danh sách.")
    with db.atomic():
        db.execute("UPDATE agency_kinds SET name = ? WHERE name = ?", [new, old])
        db.execute("UPDATE agencies SET kind = ?, updated_at = ? WHERE kind = ?",
                   [new, now(), old])
    return new


def remove_kind(db, name: str) -> None:
    """Only a kind no member has: a member is never left with a kind that is not listed."""
    name = kind_named(db, name)
    members = [r["name"] for r in db.query("SELECT name FROM agencies WHERE kind = ?", [name])]
    if members:
        raise TTDNError(f"Không bỏ được loại «{name}»: {len(members)} đơn vị đang thuộc loại "
                        f"này ({', '.join(members[:3])}{'…' if len(members) > 3 else ''}). "
                        "Đổi loại của các đơn vị đó trước.")
    with db.atomic():
        db.execute("DELETE FROM agency_kinds WHERE name = ?", [name])


def reorder_kinds(db, names: list[str]) -> None:
    with db.atomic():
        for order, name in enumerate(names, start=1):
            db.execute("UPDATE agency_kinds SET sort_order = ? WHERE name = ?", [order, name])


def update_agency(db, code: str, new_kind: bool = False, **changes) -> dict:
    """Rename, reorder, change kind or e-mail address, retire (retired=True) or bring back
    (retired=False).
    A kind must be on the list, or is added to it with `new_kind` (as add_agency)."""
    current = get_agency(db, code)
    if current is None:
        raise TTDNError(f"Không có đơn vị mã «{code}» trong danh sách.")
    allowed = {"name", "sort_order", "kind", "retired", "email"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"unknown fields {unknown}")
    if "name" in changes:
        changes["name"] = check_name(changes["name"], code)
    if "retired" in changes:
        changes["retired"] = int(bool(changes["retired"]))
    if "email" in changes:
        changes["email"] = check_address(changes["email"], f"của {code}")
    if changes:
        assignments = ", ".join(f"{k} = ?" for k in changes)
        with db.atomic():
            if "kind" in changes:
                changes["kind"] = kind_named(db, changes["kind"], new_kind)
            db.execute(f"UPDATE agencies SET {assignments}, updated_at = ? WHERE code = ?",
                       [*changes.values(), now(), code])
    return get_agency(db, code)
