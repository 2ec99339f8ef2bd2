"""Control and direction-changing characters in an agency's name or code are refused, naming
the character and where it is (issue 22, point 12): a right-to-left override (U+202E) in a name
was stored and printed raw, and reordered every list, message and report that showed it."""

import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from ttdn_desktop.cli import main
from ttdn_desktop.core.errors import PackageError, TTDNError
from ttdn_desktop.core.rules import REJECTED
from ttdn_desktop.exchange.request import build_request, read_request
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.workspace import Workspace

from .helpers import H1, count, edit_manifest, package
from .uihelpers import set_up_secretariat

RLO = "\u202e"
EVIL = f"Sở {RLO}ụv iạogN"  # shows as «Sở Ngoại vụ»


def test_the_command_line_refuses_an_override_in_a_name(capsys, tmp_path):
    db = str(tmp_path / "cli.sqlite3")
    assert main(["--db", db, "agencies", "add", "SNGV", EVIL]) != 0
    err = capsys.readouterr().err
    assert "ký tự đổi chiều chữ U+202E ở vị trí thứ 4" in err, err
    assert RLO not in err  # the message itself is shown safely
    assert main(["--db", db, "agencies", "add", "SNGV", "Sở Ngoại vụ"]) == 0
    assert main(["--db", db, "agencies", "rename", "SNGV", "Sở\u200b Ngoại vụ"]) != 0
    assert "U+200B ở vị trí thứ 3" in capsys.readouterr().err
    capsys.readouterr()
    assert main(["--db", db, "agencies"]) == 0
    assert capsys.readouterr().out.splitlines() == ["SNGV\tSở Ngoại vụ"]


@pytest.mark.parametrize("code, name, said", [
    ("SNGV", "Sở\x00Ngoại vụ", "ký tự điều khiển U+0000 ở vị trí thứ 3"),
    ("SNGV", "Sở Ngoại vụ\u2066", "U+2066 ở vị trí thứ 12"),
    (f"SN{RLO}GV", "Sở Ngoại vụ", "Mã đơn vị có ký tự đổi chiều chữ U+202E ở vị trí thứ 3"),
])
def test_the_member_list_refuses_them_whoever_adds(workspace, code, name, said):
    with pytest.raises(TTDNError, match=re.escape(said)):
        workspace.agencies.add(code, name)
    assert workspace.agencies.all() == []


def test_a_kind_of_member_too(workspace):
    with pytest.raises(TTDNError, match=re.escape("Tên loại đơn vị có ký tự đổi chiều chữ "
                                                  "U+202E ở vị trí thứ 1")):
        workspace.agencies.add_kind(f"{RLO}sở")
    assert f"{RLO}sở" not in workspace.agencies.kinds()


def test_the_members_excel_file_names_the_row(workspace, tmp_path):
    book = Workbook()
    book.active.append(["Mã", "Tên đơn vị"])
    book.active.append(["SNGV", "Sở Ngoại vụ"])
    book.active.append(["CAT", f"Công an {RLO}tỉnh"])
    path = tmp_path / "thanh-vien.xlsx"
    book.save(path)
    with pytest.raises(TTDNError, match="dòng 3: tên đơn vị có ký tự đổi chiều chữ U\\+202E ở "
                                        "vị trí thứ 9"):
        workspace.imports.member_list(path)


def test_a_package_naming_its_agency_so_is_refused(workspace, form, tmp_path):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    good = package(form)
    path = tmp_path / "goi.ttdn"
    path.write_bytes(edit_manifest(good, agency={"code": "SNGV", "name": EVIL}))
    [result] = workspace.imports.run([path])
    assert result.outcome == REJECTED, result
    assert "tên đơn vị có ký tự đổi chiều chữ U+202E ở vị trí thứ 4" in result.detail
    assert RLO not in result.line()
    assert count(workspace.db, "reports") == 0 and count(workspace.db, "held_packages") == 0


def test_the_member_editor_says_why(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    set_up_secretariat(workspace, 3)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    members = window.secretariat_view.members
    members.new_code.setText("XA20")
    members.new_name.setText(f"UBND xã {RLO}Quan Lạn")
    members.add()
    window.ops.wait()
    assert "ký tự đổi chiều chữ U+202E ở vị trí thứ 9" in members.message.text()
    assert "XA20" not in members.codes()
    window.close()
    workspace.close()


@pytest.mark.parametrize("field", ["issuer", "member"])
def test_a_request_carrying_them_is_refused(forms, field):
    form = forms.latest()
    members = [("SNGV", "Sở Ngoại vụ"), ("CAT", EVIL if field == "member" else "Công an tỉnh")]
    data = build_request(form=form, form_source=Path(form.path).read_bytes(), period=H1,
                         data_from=date(2021, 1, 1), data_to=date(2021, 6, 15),
                         deadline=date(2021, 6, 20), members=members,
                         issuer=EVIL if field == "issuer" else "Ban Tuyên giáo")
    with pytest.raises(PackageError, match=re.escape("đổi chiều chữ U+202E ở vị trí thứ 4")):
        read_request("de-nghi.ttdn", data)
