"""The member list and its kinds of agency; the requests sent to the members."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ttdn_desktop.core.errors import PackageError, TTDNError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.ui.operations import Op
from ttdn_desktop.util.files import write_bytes_atomic



def members_and_kinds() -> Op:
    """(every agency, the kinds of agency in their order)."""
    return Op(lambda ws: (ws.agencies.all(), ws.agencies.kinds()))


def update_agency(code: str, **change) -> Op:
    return Op(lambda ws: ws.agencies.update(code, **change))


def toggle_retired(code: str) -> Op:
    return Op(lambda ws: ws.agencies.update(code, retired=not ws.agencies.get(code)["retired"]))


def add_agency(code: str, name: str, kind: str, sort_order: int) -> Op:
    """(the agency, the packages held for it imported now): reports change too when any
    was."""
    return Op(lambda ws: ws.agencies.add(code, name, kind, sort_order=sort_order))


def reorder_agencies(codes: list) -> Op:
    return Op(lambda ws: ws.agencies.reorder(codes))


def add_kind(name: str) -> Op:
    return Op(lambda ws: ws.agencies.add_kind(name))


def rename_kind(old: str, new: str) -> Op:
    return Op(lambda ws: ws.agencies.rename_kind(old, new))


def reorder_kinds(names: list) -> Op:
    return Op(lambda ws: ws.agencies.reorder_kinds(names))


def remove_kind(name: str) -> Op:
    return Op(lambda ws: ws.agencies.remove_kind(name))


def import_members(path: str) -> Op:
    """A member list from an Excel workbook: (added, renamed, kind changed, address changed);
    refused whole, naming the file."""
    name = Path(path).name

    def work(ws):
        try:
            return ws.agencies.import_list(ws.imports.member_list(path))
        except PackageError as error:
            raise TTDNError(f"{error.file_name}: {error.reason}. Danh sách không thay "
                            "đổi.") from None
        except TTDNError as error:
            raise TTDNError(f"{name}: {error.message} Danh sách không thay đổi.") from None

    return Op(work)


def write_members(path: str) -> Op:
    """The member list written to an Excel workbook: how many members."""
    return Op(lambda ws: ws.files.members_xlsx(path))


def request_choices(period: Period) -> Op:
    """(members as (code, name), the period's dates): what the request dialog offers."""
    return Op(lambda ws: ([(row["code"], row["name"])
                           for row in ws.agencies.all(include_retired=False)],
                          ws.periods.dates(period)))


def write_request(period: Period, agency_code: str | None, deadline: date,
                  data_from: date | None, data_to: date | None, path: str) -> Op:
    return Op(lambda ws: write_bytes_atomic(path, ws.files.request_bytes(
                  period, agency_code, deadline, data_from, data_to)))
