"""The secretariat's address travels in its request package (issue 25, point 3) and is taken by
the agency only from a request signed with the secretariat's recorded key; a change is shown
in the import's result. Real databases, real package files, the secretariat's real key."""

from datetime import date

from ttdn_desktop.core import settings as declared
from ttdn_desktop.exchange.request import build_request
from ttdn_desktop.storage.settings import get_setting, set_setting
from ttdn_desktop.workspace import Workspace

from .helpers import H1
from .uihelpers import set_up_agency


def _secretariat(tmp_path, forms, address):
    (tmp_path / "tt").mkdir(exist_ok=True)
    workspace = Workspace(tmp_path / "tt" / "tt.sqlite3", forms)
    workspace.setup.set_role("secretariat")
    if not workspace.agencies.has("SNGV"):
        workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    set_setting(workspace.db, declared.SECRETARIAT_MAIL, address)
    return workspace


def _request(tmp_path, forms, address, name):
    with _secretariat(tmp_path, forms, address) as secretariat:
        path = tmp_path / name
        path.write_bytes(secretariat.files.request_bytes(H1))
    return path


def test_the_address_is_taken_only_once_the_key_is_recorded_and_a_change_is_said(tmp_path,
                                                                                forms):
    (tmp_path / "dv").mkdir()
    with Workspace(tmp_path / "dv" / "dv.sqlite3", forms) as agency:
        set_up_agency(agency, "SNGV", "Sở Ngoại vụ")
        [first] = agency.imports.run([_request(tmp_path, forms, "tt@btg.gov.vn", "1.ttdn")])
        # the key is seen for the first time with this very request: not yet an authority
        assert first.ok and "tt@btg.gov.vn" in first.warnings[0]
        assert "không nhận" in first.warnings[0]
        assert get_setting(agency.db, declared.SECRETARIAT_MAIL) == ""
        [second] = agency.imports.run([_request(tmp_path, forms, "tt@btg.gov.vn", "2.ttdn")])
        assert second.ok and not second.warnings
        assert "địa chỉ thư của cơ quan thường trực: tt@btg.gov.vn" in second.line()
        assert get_setting(agency.db, declared.SECRETARIAT_MAIL) == "tt@btg.gov.vn"
        [third] = agency.imports.run([_request(tmp_path, forms, "moi@btg.gov.vn", "3.ttdn")])
        assert third.warnings == ["địa chỉ thư của cơ quan thường trực đổi từ tt@btg.gov.vn "
                                  "sang moi@btg.gov.vn"]
        assert "cảnh báo: địa chỉ thư" in third.line()
        assert get_setting(agency.db, declared.SECRETARIAT_MAIL) == "moi@btg.gov.vn"


def test_an_unsigned_request_changes_no_address(tmp_path, forms):
    (tmp_path / "dv").mkdir()
    with Workspace(tmp_path / "dv" / "dv.sqlite3", forms) as agency:
        set_up_agency(agency, "SNGV", "Sở Ngoại vụ")
        set_setting(agency.db, declared.SECRETARIAT_MAIL, "tt@btg.gov.vn")
        form = agency.form
        path = tmp_path / "ke-gia.ttdn"
        path.write_bytes(build_request(
            form=form, form_source=open(form.path, "rb").read(), period=H1,
            data_from=date(2021, 1, 1), data_to=date(2021, 6, 14), deadline=date(2021, 6, 18),
            mail="ke-gia@example.com"))
        [result] = agency.imports.run([path])
        assert "ke-gia@example.com" in result.warnings[0] and "không nhận" in result.warnings[0]
        assert "vẫn dùng tt@btg.gov.vn" in result.warnings[0]
        assert get_setting(agency.db, declared.SECRETARIAT_MAIL) == "tt@btg.gov.vn"


def test_a_committee_takes_the_level_above_address_from_its_signed_request(tmp_path, forms):
    """The province's report goes up by mail to the address the centre's request carries, by
    the same rule: only once the centre's key is the one recorded."""
    (tmp_path / "tw").mkdir()
    (tmp_path / "tinh").mkdir()
    with Workspace(tmp_path / "tw" / "tw.sqlite3", forms) as centre, \
            Workspace(tmp_path / "tinh" / "tinh.sqlite3", forms) as province:
        centre.setup.set_role("secretariat")
        centre.agencies.add("QNINH", "Tỉnh Quảng Ninh")
        set_setting(centre.db, declared.SECRETARIAT_MAIL, "bc@tw.test")
        province.setup.set_role("secretariat")
        for number in (1, 2):
            path = tmp_path / f"tw-{number}.ttdn"
            path.write_bytes(centre.files.request_bytes(H1, "QNINH", date(2021, 7, 5)))
            [result] = province.imports.run([path])
            assert result.ok
        assert province.outbox.recipient(upward=True) == "bc@tw.test"
        assert get_setting(province.db, declared.SECRETARIAT_MAIL) == ""  # its own: untouched
