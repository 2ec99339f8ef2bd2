"""Word reports (and .odt, .rtf) found in mail, from the command line: finished exactly as the
same file given bare — the same options, the same lines, the same exit codes, the same rules
for a shorter report — whatever layout the mail came in (Gmail, Outlook «FW: FW:» with
winmail.dat, Thunderbird's forward as attachment, .msg, a mail in a mail, a zip)."""

import io
import zipfile

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core.periods import Period
from ttdn_desktop.exchange.docx_import import import_word_report
from ttdn_desktop.exchange.same_report import same
from ttdn_desktop.workspace import Workspace

from . import mailfiles as mf
from .ci_tools import require
from .lofiles import convert_all
from .msgfile import Embedded, make_msg
from .test_word_safety import FULL, LESSER

H1 = Period.parse("2021-H1")
FORMATS = {"docx": "docx:MS Word 2007 XML", "odt": "odt", "rtf": "rtf:Rich Text Format"}


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """{format: {source name: bytes}}: the test reports as LibreOffice saves them."""
    out = {}
    for suffix, to in FORMATS.items():
        files = convert_all(tmp_path_factory.mktemp(suffix), to=to)
        if files is None:
            require("soffice")
        out[suffix] = files
    return out


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def layouts(name: str, data: bytes) -> dict[str, tuple[bytes, str]]:
    """{mail file name: (its bytes, the name the report is shown under)}: one report in every
    layout mail programs write."""
    agency = mf.outlook_mail([mf.outlook_part(name, data)])
    return {
        "gmail.eml": (mf.gmail_mail([mf.thunderbird_part(name, data)]), f"gmail.eml › {name}"),
        "outlook-fw-fw.eml": (mf.outlook_mail(
            [mf.tnef_part(mf.make_tnef([("image001.png", b"\x89PNG" * 10), (name, data)]))],
            subject="FW: FW: Báo cáo TTĐN 6 tháng đầu năm 2021"),
            f"outlook-fw-fw.eml › winmail.dat › {name}"),
        "thunderbird-forward.eml": (mf.thunderbird_mail([mf.forwarded_part(agency)]),
                                    "thunderbird-forward.eml › Báo cáo TTĐN 6 tháng đầu năm "
                                    f"2021.eml › {name}"),
        "gmail-forward.eml": (mf.gmail_mail([mf.forwarded_part(agency, "Bao cao.eml")]),
                              f"gmail-forward.eml › Bao cao.eml › {name}"),
        "outlook.msg": (make_msg("FW: Báo cáo", [(name, data)]), f"outlook.msg › {name}"),
        "forwarded.msg": (make_msg("FW: FW: Báo cáo", [Embedded("Báo cáo SNGV", [
            ("image001.png", b"\x89PNG" * 10), (name, data)])]),
            f"forwarded.msg › Báo cáo SNGV › {name}"),
        "eml-in-msg.msg": (make_msg("FW: Báo cáo", [("thu goc.eml", agency)]),
                           f"eml-in-msg.msg › thu goc.eml › {name}"),
        "msg-in-eml.eml": (mf.outlook_mail([mf.outlook_part(
            "Báo cáo.msg", make_msg("Báo cáo", [(name, data)]),
            ctype="application/vnd.ms-outlook")]), f"msg-in-eml.eml › Báo cáo.msg › {name}"),
        "bao-cao.zip": (zipped({f"Bao cao/{name}": data, "Bao cao/ghi chu.txt": b"x"}),
                        f"bao-cao.zip › {name}"),
    }


def cli(capsys, db, *argv) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main(["--db", str(db), *map(str, argv)])
    return code, capsys.readouterr().out.splitlines()


def new_db(tmp_path, capsys, name: str):
    db = tmp_path / f"{name}.sqlite3"
    for code, agency in (("SNGV", "Sở Ngoại vụ"), ("CAT", "Công an tỉnh")):
        assert cli(capsys, db, "agencies", "add", code, agency)[0] == 0
    return db


def stored(db) -> list[tuple]:
    """Every stored revision: (agency, period, revision, its content's hash)."""
    with Workspace(db) as ws:
        rows = ws.db.execute("SELECT r.agency_code, r.period_code, v.revision, v.content_sha256 "
                             "FROM reports r JOIN revisions v ON v.report_id = r.id "
                             "ORDER BY 1, 2, 3").fetchall()
    return [tuple(row) for row in rows]


def word_block(lines: list[str], name: str) -> list[str]:
    """What the command line says of one report: its first line (name dropped) and the
    indented lines under it."""
    start = next(n for n, line in enumerate(lines) if line.startswith(f"{name}: "))
    block = [lines[start][len(name):]]
    for line in lines[start + 1:]:
        if not line.startswith("  "):
            break
        block.append(line.replace(name, "TỆP"))
    return block


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_a_report_in_any_mail_is_finished_as_the_bare_file(saved, suffix, tmp_path, capsys):
    data, name = saved[suffix]["title_alone.html"], f"Báo cáo SNGV.{suffix}"
    bare = tmp_path / name
    bare.write_bytes(data)
    db = new_db(tmp_path, capsys, "bare")
    code, lines = cli(capsys, db, "import", bare, "--accept-figures")
    assert code == 0, lines
    expected, expected_rows = word_block(lines, name), stored(db)
    assert expected_rows and expected_rows[0][:3] == ("SNGV", "2021-H1", 1)
    for file_name, (mail, shown) in layouts(name, data).items():
        db = new_db(tmp_path, capsys, f"{suffix}-{file_name}")
        path = tmp_path / file_name
        path.write_bytes(mail)
        code, lines = cli(capsys, db, "import", path, "--accept-figures")
        assert code == 0, (file_name, lines)
        assert word_block(lines, shown) == expected, file_name
        assert [row[:2] + row[3:] for row in stored(db)] == \
            [row[:2] + row[3:] for row in expected_rows], file_name
        assert "bị từ chối" not in "\n".join(lines), file_name


def test_a_shorter_report_in_a_mail_needs_allow_shorter(tmp_path, capsys):
    db = new_db(tmp_path, capsys, "db")
    full, mail = tmp_path / "day-du.docx", tmp_path / "thu.eml"
    full.write_bytes(FULL)
    mail.write_bytes(mf.outlook_mail([mf.outlook_part("it-hon.docx", LESSER)],
                                     subject="FW: FW: Báo cáo"))
    assert cli(capsys, db, "import", full)[0] == 0
    before = stored(db)
    code, lines = cli(capsys, db, "import", mail)
    out = "\n".join(lines)
    assert code == 1 and stored(db) == before
    assert "thu.eml › it-hon.docx: không nhập — bản này ít hơn báo cáo hiện hành" in out
    assert "1 tệp: 0 được nhận, 1 cần xem lại." in out
    code, lines = cli(capsys, db, "import", mail, "--allow-shorter")
    assert code == 0, lines
    assert "thu.eml › it-hon.docx: bản mới hơn — Sở Ngoại vụ, kỳ 2021-H1 (lần 2 thay cho " \
        "lần 1)" in "\n".join(lines)
    assert len(stored(db)) == 2


def test_agency_and_period_name_one_report_only(saved, tmp_path, capsys):
    """Two reports in one mail: each is finished on its own with what its own text says;
    --agency or --period would name both, so nothing is imported."""
    first, second = saved["docx"]["title_alone.html"], saved["odt"]["title_oneline.html"]
    mail = tmp_path / "hai-bao-cao.eml"
    mail.write_bytes(mf.gmail_mail([mf.thunderbird_part("6 thang.docx", first),
                                    mf.thunderbird_part("9 thang.odt", second)]))
    db = new_db(tmp_path, capsys, "db")
    for option in (["--agency", "SNGV"], ["--period", "2021-H1"]):
        code, lines = cli(capsys, db, "import", mail, *option)
        out = "\n".join(lines)
        assert code == 1 and stored(db) == []
        assert "chỉ dùng được khi nhập đúng một báo cáo (Word, PDF" in out and "tìm thấy 2:" in out
        assert "«hai-bao-cao.eml › 6 thang.docx»" in out and "«hai-bao-cao.eml › 9 thang.odt»" \
            in out
    code, lines = cli(capsys, db, "import", mail)
    assert code == 0, lines
    assert [row[:3] for row in stored(db)] == [("SNGV", "2021-9M", 1), ("SNGV", "2021-H1", 1)]
    assert "2 tệp: 2 được nhận, 0 cần xem lại." in lines[-1]


def test_the_period_given_applies_to_the_one_report_of_a_mail(saved, tmp_path, capsys):
    mail = tmp_path / "thu.msg"
    mail.write_bytes(make_msg("FW: Báo cáo", [("bao cao.rtf", saved["rtf"]["title_alone.html"]),
                                              ("logo.png", b"\x89PNG" * 10)]))
    db = new_db(tmp_path, capsys, "db")
    code, lines = cli(capsys, db, "import", mail, "--period", "2021-Y", "--agency", "SNGV")
    assert code == 0, lines
    assert "thu.msg › bao cao.rtf: Sở Ngoại vụ, Năm 2021" in lines[0]
    assert [row[:3] for row in stored(db)] == [("SNGV", "2021-Y", 1)]


def test_a_mail_whose_report_is_refused_changes_nothing(saved, tmp_path, capsys):
    mail = tmp_path / "thu.eml"
    mail.write_bytes(mf.outlook_mail([mf.outlook_part("thuc don.docx",
                                                      saved["docx"]["nothing.html"])]))
    db = new_db(tmp_path, capsys, "db")
    code, lines = cli(capsys, db, "import", mail, "--agency", "SNGV")
    assert code == 1 and stored(db) == []
    assert "thu.eml › thuc don.docx: bị từ chối (không nhận ra mục nào của mẫu" in lines[0]


# --- the same report twice in one mail ----------------------------------------------------------
def image_pdf() -> bytes:
    """A PDF of one page holding only an image, as a scanner writes it: no text layer."""
    pixels = bytes([200, 200, 200]) * 64 * 64
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject "
               b"<< /Im0 4 0 R >> >> /Contents 5 0 R >>",
               b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceRGB "
               b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels) + pixels
               + b"\nendstream"]
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize("pair", [("odt", "docx"), ("rtf", "docx"), ("docx", "rtf")])
def test_the_same_report_twice_is_imported_once_from_the_most_readable(saved, pair, tmp_path,
                                                                        capsys):
    """Whatever order the copies come in: a word processor's own file before RTF; of two
    equally readable, the one whose text placed more (here the same, then .docx)."""
    first, second = (f"Báo cáo.{pair[0]}", saved[pair[0]]["title_alone.html"]), \
        (f"BC-SNGV-ban-gui.{pair[1]}", saved[pair[1]]["title_alone.html"])
    mail = tmp_path / "thu.eml"
    mail.write_bytes(mf.outlook_mail([mf.outlook_part(*first), mf.outlook_part(*second)],
                                     subject="FW: FW: Báo cáo"))
    db = new_db(tmp_path, capsys, "db")
    code, lines = cli(capsys, db, "import", mail, "--agency", "SNGV")
    out = "\n".join(lines)
    assert code == 0, out
    best = first if first[0].endswith(".docx") else second
    other = second if best is first else first
    assert f"thu.eml › {best[0]}: Sở Ngoại vụ, 6 tháng đầu năm 2021" in out
    assert f"thu.eml › {other[0]}: bỏ qua — Sở Ngoại vụ, kỳ 2021-H1 (cùng báo cáo với " \
        f"«thu.eml › {best[0]}», không nhập)" in out
    assert [row[:3] for row in stored(db)] == [("SNGV", "2021-H1", 1)]


def test_two_different_reports_in_one_mail_are_not_the_same(saved, form):
    agencies = [("SNGV", "Sở Ngoại vụ")]
    alone = import_word_report("a.docx", saved["docx"]["title_alone.html"], form, agencies)
    again = import_word_report("b.odt", saved["odt"]["title_alone.html"], form, agencies)
    other = import_word_report("c.docx", saved["docx"]["title_oneline.html"], form, agencies)
    assert same(alone, again) and not same(alone, other) and not same(other, again)


def test_a_scan_beside_the_report_is_named_as_its_scan(saved, tmp_path, capsys):
    mail = tmp_path / "thu.msg"
    mail.write_bytes(make_msg("Báo cáo", [("Báo cáo.docx", saved["docx"]["title_alone.html"]),
                                          ("Bản ký.pdf", image_pdf())]))
    db = new_db(tmp_path, capsys, "db")
    code, lines = cli(capsys, db, "import", mail)
    out = "\n".join(lines)
    assert code == 0, out
    assert "thu.msg › Bản ký.pdf: bỏ qua (tệp PDF chỉ có ảnh quét, không có chữ để so; coi là " \
        "bản quét của cùng báo cáo với «thu.msg › Báo cáo.docx», không nhập)" in out
    assert len(stored(db)) == 1


@pytest.mark.parametrize("to", ["pdf:writer_pdf_Export", "doc:MS Word 97"])
def test_a_report_and_its_pdf_or_doc_are_one_report(saved, to, tmp_path, capsys):
    """The copy LibreOffice saves from the .docx as PDF or .doc is named as the same report."""
    converted = convert_all(tmp_path / "lo", to=to)["title_alone.html"]
    suffix = to.split(":")[0]
    mail = tmp_path / "thu.eml"
    mail.write_bytes(mf.gmail_mail([mf.thunderbird_part(f"Ký số.{suffix}", converted),
                                    mf.thunderbird_part("Báo cáo.docx",
                                                        saved["docx"]["title_alone.html"])]))
    db = new_db(tmp_path, capsys, "db")
    code, lines = cli(capsys, db, "import", mail)
    out = "\n".join(lines)
    assert code == 0, out
    expected = "bỏ qua — Sở Ngoại vụ, kỳ 2021-H1 (cùng báo cáo với «thu.eml › Báo cáo.docx», " \
        "không nhập)"
    if suffix == "doc":  # a .doc ranks with a .docx: whichever placed more text, said so
        assert "cùng báo cáo với" in out
    else:
        assert f"thu.eml › Ký số.pdf: {expected}" in out
    assert len(stored(db)) == 1


def test_a_file_named_as_a_mail_or_zip_is_told_by_its_content(saved, workspace, tmp_path):
    """Names lie: a report saved as RTF and named .eml or .zip is read as the report it is;
    what is neither is named in words a secretary knows, never «không phải tệp thư»."""
    cases = {"bao-cao.eml": saved["rtf"]["title_alone.html"],
             "bao-cao.zip": saved["rtf"]["title_alone.html"],
             "anh.eml": b"\xff\xd8\xff" + b"x" * 50,
             "nen.eml": b"7z\xbc\xaf\x27\x1c" + b"x" * 40,
             "chu.msg": b"just text"}
    found = {}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        [result] = workspace.imports.run([tmp_path / name], dry_run=True)
        found[name] = (result.outcome, result.detail)
    assert found["bao-cao.eml"][0] == found["bao-cao.zip"][0] == "word"
    assert found["anh.eml"] == ("rejected", "đây là tệp ảnh JPEG: ảnh chụp hay quét văn bản "
                                "không đọc được chữ; đề nghị đơn vị gửi chính tệp Word (.docx, "
                                ".doc) hoặc bản PDF xuất từ Word")
    assert found["nen.eml"] == ("rejected", "không hỗ trợ tệp nén .7z; đề nghị gửi tệp .zip "
                                "hoặc chính tệp báo cáo")
    assert found["chu.msg"] == ("rejected", "đây là tệp văn bản thuần (.txt), không phải tệp "
                                "thư Outlook (.msg)")
