"""Members' e-mail addresses (issue 25, point 3): stored with the member list (migration v16 on
a database of the previous release), checked, kept in the member's history, read from and
written to the member Excel sheet, set from the command line."""

import io
import sqlite3

import pytest
from openpyxl import Workbook, load_workbook

from ttdn_desktop.cli import main
from ttdn_desktop.core.errors import PackageError, TTDNError
from ttdn_desktop.exchange.members_xlsx import read_members_xlsx
from ttdn_desktop.export.members_xlsx import write_members_xlsx
from ttdn_desktop.storage import agencies as agency_store, database, migrations
from ttdn_desktop.storage.database import open_database, schema_version
from ttdn_desktop.storage.migrations import LATEST
from ttdn_desktop.workspace import Workspace


def _xlsx(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_database_of_the_previous_release_gets_addresses_and_keeps_them_in_history(
        tmp_path, monkeypatch):
    path = tmp_path / "v10.sqlite3"
    monkeypatch.setattr(database, "MIGRATIONS", migrations.MIGRATIONS[:10])
    monkeypatch.setattr(database, "LATEST", 10)
    db = open_database(path)
    agency_store.add_agency(db, "SNGV", "Sở Ngoại vụ")
    db.close()
    monkeypatch.undo()
    with Workspace(path) as workspace:
        assert schema_version(workspace.db) == LATEST
        assert workspace.agencies.get("SNGV")["email"] == ""
        workspace.agencies.update("SNGV", email="VanThu@SoNgoaiVu.QuangNinh.gov.vn")
        workspace.agencies.update("SNGV", email="moi@sngv.gov.vn")
        assert workspace.agencies.get("SNGV")["email"] == "moi@sngv.gov.vn"
    raw = sqlite3.connect(path)
    kept = [r[0] for r in raw.execute("SELECT email FROM agencies_history WHERE code = 'SNGV' "
                                      "ORDER BY rowid")]
    raw.close()
    # the domain in lower case, the local part as typed; the old address in the history
    assert kept[-2:] == ["", "VanThu@songoaivu.quangninh.gov.vn"]


@pytest.mark.parametrize("typed", ["vanthu", "van thu@sngv.gov.vn", "sở@sngv.gov.vn",
                                   "a@b@c.vn", "vanthu@sngv", "a\u202e@sngv.gov.vn"])
def test_a_wrong_address_is_refused_naming_the_member_and_nothing_changes(workspace, typed):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ", email="vanthu@sngv.gov.vn")
    with pytest.raises(TTDNError) as refused:
        workspace.agencies.update("SNGV", email=typed)
    assert "Địa chỉ thư của SNGV" in refused.value.message
    with pytest.raises(TTDNError):
        workspace.agencies.add("CAT", "Công an tỉnh", email=typed)
    assert workspace.agencies.get("SNGV")["email"] == "vanthu@sngv.gov.vn"
    assert not workspace.agencies.has("CAT")


def test_the_member_sheet_brings_addresses_and_an_older_sheet_keeps_them(workspace):
    with_addresses = _xlsx(("Mã", "Tên đơn vị", "Loại", "Thư điện tử"),
                           ("SNGV", "Sở Ngoại vụ", "Sở, ban, ngành", "vanthu@sngv.gov.vn"),
                           ("CAT", "Công an tỉnh", "", ""))
    rows = read_members_xlsx("ds.xlsx", with_addresses)
    assert rows[0] == ("SNGV", "Sở Ngoại vụ", "Sở, ban, ngành", "vanthu@sngv.gov.vn")
    assert workspace.agencies.import_list(rows) == (2, 0, 0, 0)
    assert workspace.agencies.get("SNGV")["email"] == "vanthu@sngv.gov.vn"
    # a file made before the column: the stored address stays
    older = read_members_xlsx("cu.xlsx", _xlsx(("Mã", "Tên đơn vị"), ("SNGV", "Sở Ngoại vụ"),
                                               ("CAT", "Công an tỉnh")))
    assert older[0] == ("SNGV", "Sở Ngoại vụ", "", "")
    assert workspace.agencies.import_list(older) == (0, 0, 0, 0)
    assert workspace.agencies.get("SNGV")["email"] == "vanthu@sngv.gov.vn"
    changed = read_members_xlsx("moi.xlsx", _xlsx(("Mã", "Tên", "E-mail"),
                                                  ("CAT", "Công an tỉnh", "ca@tinh.gov.vn")))
    assert workspace.agencies.import_list(changed) == (0, 0, 0, 1)


def test_a_wrong_address_in_the_sheet_names_the_file_and_the_row():
    data = _xlsx(("Mã", "Tên đơn vị", "Thư điện tử"), ("SNGV", "Sở Ngoại vụ", "ok@sngv.gov.vn"),
                 ("CAT", "Công an tỉnh", "công an@tinh"))
    with pytest.raises(PackageError) as refused:
        read_members_xlsx("ds.xlsx", data)
    assert refused.value.file_name == "ds.xlsx" and "dòng 3" in refused.value.reason
    assert "không đúng dạng" in refused.value.reason


def test_the_member_sheet_written_reads_back(tmp_path, workspace):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ", "Sở, ban, ngành", email="vanthu@sngv.gov.vn")
    workspace.agencies.add("XA1", "Xã Một")
    out = tmp_path / "ds.xlsx"
    write_members_xlsx(workspace.agencies.all(include_retired=False), out)
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]] == ["Mã", "Tên đơn vị", "Loại", "Thư điện tử"]
    assert read_members_xlsx("ds.xlsx", out.read_bytes()) == [
        ("SNGV", "Sở Ngoại vụ", "Sở, ban, ngành", "vanthu@sngv.gov.vn"),
        ("XA1", "Xã Một", "", "")]


def test_the_command_line_adds_and_changes_an_address(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite3")
    assert main(["--db", db, "agencies", "add", "SNGV", "Sở Ngoại vụ",
                 "--email", "vanthu@sngv.gov.vn"]) == 0
    assert "vanthu@sngv.gov.vn" in capsys.readouterr().out
    assert main(["--db", db, "agencies", "email", "SNGV", "moi@sngv.gov.vn"]) == 0
    assert capsys.readouterr().out.strip().endswith("moi@sngv.gov.vn")
    assert main(["--db", db, "agencies", "email", "SNGV", "sai địa chỉ"]) == 1
    assert "không đúng dạng" in capsys.readouterr().err
    with Workspace(db) as workspace:
        assert workspace.agencies.get("SNGV")["email"] == "moi@sngv.gov.vn"
