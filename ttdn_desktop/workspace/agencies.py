"""The member list: agencies, their kinds (Loại) and their order."""

from __future__ import annotations

import tomllib

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.storage import agencies as agency_store
from ttdn_desktop.util.paths import resources_dir


class Agencies:
    def __init__(self, ws):
        self._ws = ws

    def all(self, include_retired: bool = True) -> list[dict]:
        return agency_store.list_agencies(self._ws.db, include_retired)

    def members(self) -> list[tuple[str, str]]:
        """(code, name) of each current member (retired ones left out), in the list's order."""
        return [(a["code"], a["name"]) for a in self.all(include_retired=False)]

    def get(self, code: str) -> dict:
        row = agency_store.get_agency(self._ws.db, code.upper())
        if row is None:
            raise TTDNError(f"Không có đơn vị mã «{code}» trong danh sách thành viên. "
                            "Xem danh sách bằng lệnh «ttdn agencies».")
        return row

    def has(self, code: str) -> bool:
        return agency_store.get_agency(self._ws.db, code.upper()) is not None

    def add(self, code: str, name: str, kind: str = "", sort_order: int | None = None,
            new_kind: bool = False, email: str = "") -> tuple[dict, list]:
        """Add a member; packages held for it are imported now. Returns (agency, results).
        `kind`: one of kinds(), or added to them with `new_kind`."""
        agency = agency_store.add_agency(self._ws.db, code, name, kind, sort_order, new_kind,
                                         email)
        return agency, self._ws.imports.release_held(agency["code"])

    def import_list(self, members: list[tuple]) -> tuple[int, int, int, int]:
        """Add the agencies not yet on the list, rename those whose name changed (the old name
        stays in the history), give each the kind (Loại) and the e-mail address the file names
        (a row without an address keeps the one stored), a kind not yet listed joining the
        list. Rows are (code, name, kind[, email]). Returns (added, renamed, kinds changed,
        addresses changed). All or nothing."""
        db = self._ws.db
        added = renamed = rekinded = readdressed = 0
        with db.atomic():
            for order, (code, name, kind, *rest) in enumerate(members, start=1):
                email = rest[0] if rest else ""
                existing = agency_store.get_agency(db, agency_store.check_code(code))
                if existing is None:
                    agency_store.add_agency(db, code, name, kind, order, new_kind=True,
                                            email=email)
                    self._ws.imports.release_held(code.upper())
                    added += 1
                    continue
                if existing["name"] != name:
                    agency_store.update_agency(db, existing["code"], name=name)
                    renamed += 1
                if kind and agency_store.kind_named(db, kind, add=True) != existing["kind"]:
                    agency_store.update_agency(db, existing["code"], kind=kind)
                    rekinded += 1
                if email and agency_store.update_agency(db, existing["code"], email=email
                                                        )["email"] != existing["email"]:
                    readdressed += 1
        return added, renamed, rekinded, readdressed

    def update(self, code: str, **changes) -> dict:
        """Rename, re-kind or retire (retired=True/False) an agency; the old values stay in
        the history."""
        return agency_store.update_agency(self._ws.db, self.get(code)["code"], **changes)

    def reorder(self, codes: list[str]) -> None:
        db = self._ws.db
        with db.atomic():
            for order, code in enumerate(codes, start=1):
                agency_store.update_agency(db, code, sort_order=order)

    def kinds(self) -> list[str]:
        return agency_store.list_kinds(self._ws.db)

    def add_kind(self, name: str) -> str:
        return agency_store.add_kind(self._ws.db, name)

    def rename_kind(self, old: str, new: str) -> str:
        return agency_store.rename_kind(self._ws.db, old, new)

    def remove_kind(self, name: str) -> None:
        agency_store.remove_kind(self._ws.db, name)

    def reorder_kinds(self, names: list[str]) -> None:
        agency_store.reorder_kinds(self._ws.db, names)

    def starters(self) -> list[tuple[str, str]]:
        """The members on this database's list, else the usual ones shipped in resources/ (a
        suggestion for a first start without the secretariat's request package)."""
        rows = self.members()
        if rows:
            return rows
        try:
            data = tomllib.loads((resources_dir() / "don-vi-thanh-vien.toml").read_text("utf-8"))
        except (OSError, ValueError):
            return []
        return [(str(m["code"]), str(m["name"])) for m in data.get("members", [])
                if isinstance(m, dict) and m.get("code") and m.get("name")]
