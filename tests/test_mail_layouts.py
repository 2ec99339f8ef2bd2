"""Mail as Outlook, Thunderbird and Gmail write it: every layout brings its package in, and a
mail from which nothing was imported is never "received" and never exits 0."""

import io
import zipfile

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core import rules
from ttdn_desktop.exchange import mail, tnef
from ttdn_desktop.workspace import Workspace

from . import mailfiles as mf
from .helpers import count, package, rows
from .msgfile import Attached, Embedded, make_msg


@pytest.fixture
def ws(workspace):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    workspace.agencies.add("CAT", "Công an tỉnh")
    return workspace


def _import(ws, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return ws.imports.run([path])


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _layouts(form):
    """(file name, mail bytes, the name the package is shown under) for every layout."""
    pkg = package(form)
    inner = mf.outlook_mail([mf.outlook_part("Báo cáo SNGV.ttdn", pkg)])
    return [
        ("outlook-quoted.eml", mf.outlook_mail([mf.outlook_part("Báo cáo SNGV.ttdn", pkg)]),
         "outlook-quoted.eml › Báo cáo SNGV.ttdn"),
        ("rfc2047-unquoted.eml",
         mf.outlook_mail([mf.outlook_part("Báo cáo SNGV.ttdn", pkg, quoted=False)]),
         "rfc2047-unquoted.eml › Báo cáo SNGV.ttdn"),
        ("thunderbird.eml", mf.thunderbird_mail([mf.thunderbird_part("Báo cáo SNGV.ttdn", pkg)]),
         "thunderbird.eml › Báo cáo SNGV.ttdn"),
        ("winmail.eml", mf.outlook_mail([mf.tnef_part(mf.make_tnef(
            [("logo.png", b"\x89PNG" * 10), ("Báo cáo SNGV.ttdn", pkg)]))]),
         "winmail.eml › winmail.dat › Báo cáo SNGV.ttdn"),
        ("zip.eml", mf.outlook_mail([mf.outlook_part("bao-cao.zip", _zip(
            {"Bao cao/": b"", "Bao cao/SNGV.ttdn": pkg}))]),
         "zip.eml › bao-cao.zip › SNGV.ttdn"),
        ("forward-thunderbird.eml", mf.thunderbird_mail([mf.forwarded_part(inner)]),
         "forward-thunderbird.eml › Báo cáo TTĐN 6 tháng đầu năm 2021.eml › Báo cáo SNGV.ttdn"),
        ("forward-gmail.eml", mf.gmail_mail([mf.forwarded_part(inner, "Bao cao SNGV.eml")]),
         "forward-gmail.eml › Bao cao SNGV.eml › Báo cáo SNGV.ttdn"),
        ("attached-eml.eml", mf.outlook_mail([mf.outlook_part("thu goc.eml", inner)]),
         "attached-eml.eml › thu goc.eml › Báo cáo SNGV.ttdn"),
        ("gmail-raw-utf8.eml", mf.gmail_mail([mf.gmail_part("Báo cáo TTĐN Sở Ngoại vụ.ttdn",
                                                             pkg)]),
         "gmail-raw-utf8.eml › Báo cáo TTĐN Sở Ngoại vụ.ttdn"),
        ("uuencode.eml", mf.thunderbird_mail([mf.uuencode_part("SNGV.ttdn", pkg)]),
         "uuencode.eml › SNGV.ttdn"),
        ("uuencode-in-text.eml", mf.thunderbird_mail([
            "Content-Type: text/plain; charset=us-ascii\r\n\r\nXin gui bao cao.\r\n\r\n"
            + mf.uuencoded(pkg, "SNGV.ttdn")]),
         "uuencode-in-text.eml › SNGV.ttdn"),
        ("outlook-8bit.msg", make_msg("Báo cáo", [("Báo cáo SNGV.ttdn", pkg)], unicode=False),
         "outlook-8bit.msg › Báo cáo SNGV.ttdn"),
        ("outlook-8bit-1252.msg", make_msg("Report", [("Rapport été.ttdn", pkg)],
                                           unicode=False, codepage=1252),
         "outlook-8bit-1252.msg › Rapport été.ttdn"),
        ("short-name.msg", make_msg("Báo cáo", [Attached(None, pkg, "BAOCAO~1.TTD")]),
         "short-name.msg › BAOCAO~1.TTD"),
        ("no-name.msg", make_msg("Báo cáo", [Attached(None, pkg)]),
         "no-name.msg › tệp đính kèm 1"),
        ("embedded.msg", make_msg("FW: Báo cáo", [Embedded("Báo cáo SNGV", [
            ("image001.png", b"\x89PNG" * 10), Attached("SNGV.ttdn", pkg, unicode=False)],
            unicode=False)]), "embedded.msg › Báo cáo SNGV › SNGV.ttdn"),
        ("msg-in-eml.eml", mf.outlook_mail([mf.outlook_part(
            "Báo cáo.msg", make_msg("Báo cáo", [("SNGV.ttdn", pkg)]),
            ctype="application/vnd.ms-outlook")]), "msg-in-eml.eml › Báo cáo.msg › SNGV.ttdn"),
    ]


def test_every_mail_layout_brings_its_package_in(ws, form, tmp_path):
    for file_name, data, shown in _layouts(form):
        results = _import(ws, tmp_path, file_name, data)
        taken = [r for r in results if r.outcome not in (rules.REJECTED, "skipped")]
        assert [(r.file_name, r.outcome) for r in taken] in (
            [(shown, rules.NEW)], [(shown, rules.SAME)]), (file_name, results)
        assert not [r for r in results if r.outcome == rules.REJECTED], file_name
    assert count(ws.db, "reports") == 1


def test_every_mail_layout_on_the_command_line(ws, form, tmp_path, capsys):
    paths = []
    for file_name, data, _ in _layouts(form):
        paths.append(tmp_path / file_name)
        paths[-1].write_bytes(data)
    db = str(tmp_path / "cli.sqlite3")
    assert main(["--db", db, "agencies", "add", "SNGV", "Sở Ngoại vụ"]) == 0
    capsys.readouterr()
    code = main(["--db", db, "import", *map(str, paths)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "bị từ chối" not in out and "cần xem lại" in out.splitlines()[-1]
    assert sum("đã nhập" in line for line in out.splitlines()) == 1


def test_a_raw_utf8_name_is_shown_as_written_when_the_report_is_held(ws, form, tmp_path):
    """Gmail writes a non-ASCII attachment name in raw UTF-8, and its subject too (here a
    Gmail mail forwarded on from Thunderbird): the name the held report is listed and stored
    under reads as the agency wrote it."""
    inner = mf.gmail_mail([mf.gmail_part("Báo cáo TTĐN Sở Tư pháp.ttdn", package(
        form, "STP", "Sở Tư pháp"))],
                          subject="Báo cáo 6 tháng")
    results = _import(ws, tmp_path, "Fwd.eml", mf.thunderbird_mail([mf.forwarded_part(inner)]))
    [held] = [r for r in results if r.outcome == rules.UNKNOWN_AGENCY]
    assert held.file_name == "Fwd.eml › Báo cáo 6 tháng.eml › Báo cáo TTĐN Sở Tư pháp.ttdn"
    [row] = rows(ws.db, "held_packages")
    assert row["file_name"] == held.file_name


def test_a_mail_with_nothing_to_import_is_refused(ws, tmp_path, capsys):
    data = mf.outlook_mail([mf.outlook_part("cong-van.pdf", b"%PDF-1.4 ..."),
                            mf.outlook_part("anh.jpg", b"\xff\xd8\xff" * 100)])
    [result] = _import(ws, tmp_path, "thu.eml", data)
    assert result.outcome == rules.REJECTED and result.file_name == "thu.eml"
    assert "cong-van.pdf" in result.detail and "anh.jpg" in result.detail
    code = main(["--db", str(ws.path), "import", str(tmp_path / "thu.eml")])
    out = capsys.readouterr().out
    assert code == 1 and "1 tệp: 0 được nhận, 1 cần xem lại." in out


def test_forwarded_mail_without_files_is_passed_over_not_refused(ws, form, tmp_path):
    bare = mf.thunderbird_mail([])
    data = mf.gmail_mail([mf.forwarded_part(bare, "thu cu.eml"),
                          mf.thunderbird_part("SNGV.ttdn", package(form))])
    results = _import(ws, tmp_path, "thu.eml", data)
    assert [r.outcome for r in results] == ["skipped", rules.NEW]


def test_a_damaged_winmail_dat_is_refused_with_its_reason(ws, form, tmp_path):
    good = mf.make_tnef([("SNGV.ttdn", package(form))])
    for damaged in (good[:-7], good[:40] + b"\xff" + good[41:],
                    # a property count far beyond the bytes: the stream that hung tnefparse
                    good[:6] + bytes([1]) + (0x00069003).to_bytes(4, "little")
                    + (12).to_bytes(4, "little") + b"\xff\xff\xff\x7f" + b"\0" * 8 + b"\0\0"):
        [result] = _import(ws, tmp_path, "thu.eml", mf.outlook_mail([mf.tnef_part(damaged)]))
        assert result.outcome == rules.REJECTED, result
        assert "winmail.dat" in result.detail
    with pytest.raises(Exception, match="winmail.dat"):
        tnef.attachments("winmail.dat", good[:6] + bytes([1]) + (0x00069005).to_bytes(4, "little"))


def test_an_undecodable_uuencoded_attachment_says_so(ws, tmp_path):
    part = mf.uuencode_part("SNGV.ttdn", b"x" * 100).replace("begin 644", "bgn 644")
    [result] = _import(ws, tmp_path, "thu.eml", mf.thunderbird_mail([part]))
    assert result.outcome == rules.REJECTED
    assert "giải mã" in result.detail and "0 byte" not in result.detail


def test_uudecode_forgives_what_mail_servers_do():
    data = bytes(range(256)) * 3
    text = mf.uuencoded(data, "a.bin").encode()
    assert mail.uudecode(text) == data
    assert mail.uudecode(text.replace(b"\r\n`\r\nend", b"")) == data  # no end line
    assert mail.uudecode(text.replace(b"\r\n", b"\n")) == data


def test_eight_bit_and_embedded_names_in_msg():
    data = make_msg("Chuyển tiếp", [
        Attached(None, b"a", "BAOCAO~1.TTD", unicode=False),
        Attached("Báo cáo Sở Ngoại vụ.ttdn", b"b", unicode=False),
        Embedded("Thư gốc", [Embedded("Thư gốc nữa", [("x.ttdn", b"c")])])], unicode=False)
    assert mail.msg_attachments("t.msg", data) == [
        ("BAOCAO~1.TTD", b"a"), ("Báo cáo Sở Ngoại vụ.ttdn", b"b"),
        ("Thư gốc › Thư gốc nữa › x.ttdn", b"c")]


def test_a_zip_of_packages_dropped_directly(ws, form, tmp_path):
    data = _zip({"SNGV.ttdn": package(form), "CAT.ttdn": package(form, code="CAT",
                                                                 name="Công an tỉnh"),
                 "ghi-chu.txt": b"x"})
    results = _import(ws, tmp_path, "bao-cao.zip", data)
    assert sorted(r.outcome for r in results) == [rules.NEW, rules.NEW, "skipped"]
    [refused] = _import(ws, tmp_path, "rong.zip", _zip({"a.txt": b"x"}))
    assert refused.outcome == rules.REJECTED and "a.txt" in refused.detail


def test_names_from_mail_are_shown_escaped_and_cut(ws, form, tmp_path):
    long = "\u202egpj." + "x" * 300 + ".ttdn"
    data = mf.thunderbird_mail([mf.thunderbird_part(long, b"PK not a zip")])
    [result] = _import(ws, tmp_path, "thu.eml", data)
    assert "\u202e" not in result.file_name and "\\u202e" in result.file_name
    assert len(result.file_name) < 120


def test_old_workspace_api_still_reads_mail(tmp_path, form):
    with Workspace(tmp_path / "x.sqlite3") as ws:
        ws.agencies.add("SNGV", "Sở Ngoại vụ")
        [result] = _import(ws, tmp_path, "a.msg", make_msg("x", [("SNGV.ttdn", package(form))]))
        assert result.outcome == rules.NEW


def test_a_charset_name_with_a_nul_is_no_catch_all(ws, form, tmp_path):
    part = "Content-Type: text/plain; charset=\"utf\x00-8\"\r\n\r\n8-bit text \xe9\r\n"
    data = mf.thunderbird_mail([part, mf.thunderbird_part("SNGV.ttdn", package(form))])
    results = _import(ws, tmp_path, "thu.eml", data.replace("\xe9".encode(), b"\xe9"))
    assert [r.outcome for r in results] == [rules.NEW]
