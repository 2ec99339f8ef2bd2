"""A form that comes in a request package belongs to the database that received it (issue 22,
point 4). Before, a request from an unknown key carrying form version 9 wrote
forms/ttdn-dinh-ky-v9.toml into the user's data folder, and every database on the machine,
however unrelated, then drafted on it. Each database is a real file, each machine its own
folder (its own signing key); packages go through real files."""

import sqlite3
import tomllib
from datetime import date
from pathlib import Path

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core import rules, trust
from ttdn_desktop.core.forms import parse_form
from ttdn_desktop.exchange.request import build_request, read_request
from ttdn_desktop.storage import database, keyfile, migrations
from ttdn_desktop.workspace import Workspace

from .conftest import FORMS_DIR
from .helpers import H1
from .uihelpers import set_up_agency

V1 = (FORMS_DIR / "ttdn-dinh-ky-v1.toml").read_bytes()


def form_source(version: int) -> bytes:
    return V1.replace(b"version = 1", f"version = {version}".encode()).replace(
        "heading = \"Ưu điểm\"".encode(), f"heading = \"Ưu điểm (mẫu {version})\"".encode())


def request(tmp_path, version: int, machine: str = "ke-gia", signed: bool = True) -> bytes:
    """A request for all agencies, signed with the key of `machine`."""
    source = form_source(version) if version != 1 else V1
    form = parse_form(tomllib.loads(source.decode()), f"v{version}.toml")
    signer = None
    if signed:
        (tmp_path / machine).mkdir(exist_ok=True)
        signer, _ = keyfile.load_or_create(keyfile.key_path(tmp_path / machine / "x.sqlite3"))
    return build_request(form=form, form_source=source, period=H1, data_from=date(2020, 12, 15),
                         data_to=date(2021, 6, 14), deadline=date(2021, 6, 18),
                         issuer="BAN TUYÊN GIÁO TỈNH ỦY", signer=signer)


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def user_forms(tmp_path):
    return tmp_path / "xdg-data" / "TTDN Desktop" / "forms"


@pytest.fixture
def agency_path(tmp_path, forms):
    (tmp_path / "don-vi").mkdir()
    path = tmp_path / "don-vi" / "donvi.sqlite3"
    with Workspace(path, forms) as workspace:
        set_up_agency(workspace, "SNGV", "Sở Ngoại vụ")
    return path


def stored(path) -> list[tuple]:
    with sqlite3.connect(path) as raw:
        return raw.execute("SELECT form_id, version, origin FROM forms").fetchall()


def test_a_forged_request_installs_nothing_without_the_users_word(tmp_path, forms, agency_path):
    """The attack: an unknown key, form version 9. Refused, its key shown; no form, no report,
    no key recorded, nothing in the user's folder."""
    path = write(tmp_path, "de-nghi.ttdn", request(tmp_path, 9))
    with Workspace(agency_path, forms) as agency:
        [result] = agency.imports.run([path])
        assert result.outcome == rules.REJECTED and not result.ok
        assert result.form_offer == "mẫu báo cáo «ttdn-dinh-ky» phiên bản 9"
        assert "chưa có trong cơ sở dữ liệu này, và ký bằng khóa chưa được ghi nhận" in \
            result.detail and result.fingerprint in result.detail
        assert "chưa cài mẫu, chưa nhận gói" in result.detail
        assert agency.form.version == 1 and agency.reports.find("SNGV", H1) is None
        assert agency.keys.pinned() == []
    assert stored(agency_path) == [] and not user_forms(tmp_path).exists()
    unsigned = write(tmp_path, "khong-ky.ttdn", request(tmp_path, 9, signed=False))
    with Workspace(agency_path, forms) as agency:
        [result] = agency.imports.run([unsigned])
        assert result.outcome == rules.REJECTED and "và không có chữ ký" in result.detail


def test_a_form_confirmed_is_this_databases_only(tmp_path, forms, agency_path):
    path = write(tmp_path, "de-nghi.ttdn", request(tmp_path, 9))
    with Workspace(agency_path, forms) as agency:
        [result] = agency.imports.run([path], accept_form=True)
        assert result.outcome == rules.REQUEST, result.line()
        assert "mẫu mới phiên bản 9, cài cho cơ sở dữ liệu này" in result.detail
        assert agency.form.version == 9
        report = agency.reports.of("SNGV", H1)
        assert agency.reports.revision(report["id"]).form_version == 9
    assert stored(agency_path) == [("ttdn-dinh-ky", 9, "confirmed")]
    assert not user_forms(tmp_path).exists()
    assert forms.find("ttdn-dinh-ky", 9) is None  # the library handed in stays as it was
    with Workspace(agency_path) as again:  # the bundled forms and this database's own
        assert again.form.version == 9
        assert again.form.section("uu_diem").heading == "Ưu điểm (mẫu 9)"
    (tmp_path / "khac").mkdir()
    with Workspace(tmp_path / "khac" / "khac.sqlite3") as unrelated:
        assert unrelated.form.version == 1
        assert unrelated.forms.find("ttdn-dinh-ky", 9) is None


def test_a_request_signed_with_the_recorded_key_installs_its_form(tmp_path, forms, agency_path):
    """The secretariat's key recorded from its first request (on a form this database has):
    its next request, on a new form, installs it without a question."""
    first = write(tmp_path, "lan-1.ttdn", request(tmp_path, 1, machine="btg"))
    second = write(tmp_path, "lan-2.ttdn", request(tmp_path, 2, machine="btg"))
    with Workspace(agency_path, forms) as agency:
        assert agency.imports.run([first])[0].signature_state == trust.FIRST
        [result] = agency.imports.run([second])
        assert result.outcome == rules.REQUEST and result.signature_state == trust.VERIFIED
        assert agency.form.version == 2
    assert stored(agency_path) == [("ttdn-dinh-ky", 2, "verified")]


def test_the_command_line_asks_for_accept_form(tmp_path, agency_path, capsys):
    path = write(tmp_path, "de-nghi.ttdn", request(tmp_path, 9))
    db = str(agency_path)
    assert main(["--db", db, "import", str(path)]) == 1
    out = capsys.readouterr().out
    assert "de-nghi.ttdn: bị từ chối" in out and "phiên bản 9" in out
    assert "chạy lại với --accept-form" in out
    assert stored(agency_path) == []
    assert main(["--db", db, "import", str(path), "--accept-form"]) == 0
    assert "cài cho cơ sở dữ liệu này" in capsys.readouterr().out
    assert stored(agency_path) == [("ttdn-dinh-ky", 9, "confirmed")]


def test_forms_in_the_user_folder_move_into_the_databases_that_use_them(tmp_path, monkeypatch):
    """As the previous release left things: forms/ttdn-dinh-ky-v9.toml in the user's folder,
    one schema-10 database with a report on it, one without. Both open; the first takes the
    form in, the second never sees it; the file stays where it was."""
    folder = user_forms(tmp_path)
    folder.mkdir(parents=True)
    (folder / "ttdn-dinh-ky-v9.toml").write_bytes(form_source(9))
    uses, other = tmp_path / "dung" / "dung.sqlite3", tmp_path / "khac" / "khac.sqlite3"
    monkeypatch.setattr(database, "MIGRATIONS", migrations.MIGRATIONS[:10])
    monkeypatch.setattr(database, "LATEST", 10)
    for path in (uses, other):
        path.parent.mkdir()
        db = database.open_database(path)
        db.execute("INSERT INTO agencies (code, name, created_at, updated_at) VALUES "
                   "('SNGV', 'Sở Ngoại vụ', 'x', 'x')")
        db.conn.commit()
        db.close()
    db = database.open_database(uses)
    stamp = "2021-06-01T08:00:00"
    db.execute("INSERT INTO reports (id, agency_code, period_code, form_id, current_revision, "
               "origin, created_at, updated_at) VALUES ('r1', 'SNGV', '2021-H1', 'ttdn-dinh-ky', "
               "1, 'local', ?, ?)", [stamp, stamp])
    db.execute("INSERT INTO revisions (report_id, revision, form_version, created_at, saved_at) "
               "VALUES ('r1', 1, 9, ?, ?)", [stamp, stamp])
    db.conn.commit()
    db.close()
    # as this release (not monkeypatch.undo(), which would also undo the user folder's place)
    monkeypatch.setattr(database, "MIGRATIONS", migrations.MIGRATIONS)
    monkeypatch.setattr(database, "LATEST", migrations.LATEST)
    with Workspace(uses) as workspace:
        assert database.schema_version(workspace.db) == migrations.LATEST
        assert workspace.form.version == 9
        assert workspace.reports.content("r1") is not None
    assert stored(uses) == [("ttdn-dinh-ky", 9, "folder")]
    with Workspace(other) as workspace:
        assert database.schema_version(workspace.db) == migrations.LATEST
        assert workspace.form.version == 1 and workspace.forms.find("ttdn-dinh-ky", 9) is None
    assert stored(other) == []
    assert (folder / "ttdn-dinh-ky-v9.toml").read_bytes() == form_source(9)  # nothing deleted
    (folder / "ttdn-dinh-ky-v9.toml").unlink()  # the database keeps its own copy
    with Workspace(uses, reading=True) as workspace:
        assert workspace.form.version == 9


def test_a_provinces_own_form_is_added_to_one_database(tmp_path, agency_path, capsys):
    """What the user's data folder was for (a province's own form): now said explicitly, for
    one database; `ttdn forms` lists where each form comes from."""
    own = write(tmp_path, "mau-rieng.toml", form_source(3))
    db = str(agency_path)
    assert main(["--db", db, "forms", "--add", str(own)]) == 0
    assert "Đã thêm mẫu «ttdn-dinh-ky» phiên bản 3" in capsys.readouterr().out
    assert main(["--db", db, "forms", "--add", str(own)]) == 1
    assert "mau-rieng.toml»: mẫu «ttdn-dinh-ky» phiên bản 3 đã có (trong cơ sở dữ liệu này)" \
        in capsys.readouterr().err
    assert main(["--db", db, "forms"]) == 0
    out = capsys.readouterr().out
    assert "phiên bản 1" in out and "kèm theo chương trình" in out
    assert "phiên bản 3" in out and "thêm bằng tay («mau-rieng.toml»" in out
    assert stored(agency_path) == [("ttdn-dinh-ky", 3, "added")]
    (tmp_path / "khac").mkdir()
    assert main(["--db", str(tmp_path / "khac" / "x.sqlite3"), "forms"]) == 0
    assert "phiên bản 3" not in capsys.readouterr().out
    # a request made from this database carries the stored form, byte for byte
    with Workspace(agency_path) as workspace:
        sent = read_request("de-nghi.ttdn", workspace.files.request_bytes(H1))
    assert sent.form.version == 3 and sent.form_source == form_source(3)


def test_a_request_made_before_member_lists_still_reads(tmp_path, forms, workspace):
    form = workspace.form
    data = build_request(form=form, form_source=Path(form.path).read_bytes(),
                         period=H1, data_from=date(2020, 12, 15), data_to=date(2021, 6, 14),
                         deadline=date(2021, 6, 18))
    assert read_request("cu.ttdn", data).members == []
