"""A file no reader takes is named in a secretary's words («tệp nén .rar», «tệp ảnh JPEG»),
by its content whatever its name, and changes nothing — dropped as it is or inside a mail."""

import io
import sqlite3
import tracemalloc
import zipfile

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.exchange.odt_body import is_odt
from ttdn_desktop.exchange.unpack import zip_kind
from ttdn_desktop.office.formats import name_of
from ttdn_desktop.office.sheetsize import is_ods

from .mailfiles import outlook_mail, outlook_part

RAR = ("không hỗ trợ tệp nén .rar; đề nghị gửi tệp .zip hoặc chính tệp báo cáo")
SAMPLES = {
    "bao-cao.rar": (b"Rar!\x1a\x07\x01\x00" + b"\x00" * 64, RAR),
    "bao-cao.7z": (b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 64,
                   "không hỗ trợ tệp nén .7z; đề nghị gửi tệp .zip hoặc chính tệp báo cáo"),
    "bao-cao.zip": (b"Rar!\x1a\x07\x00" + b"\x00" * 64, RAR),   # the name lies: still a .rar
    "scan.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 64, "đây là tệp ảnh JPEG"),
    "scan.png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "đây là tệp ảnh PNG"),
    "bao-cao.htm": (b"<html><body><p>B\xc3\xa1o c\xc3\xa1o</p></body></html>",
                    "đây là trang web (HTML)"),
    "ghi-chu.txt": ("Báo cáo gửi sau.".encode(), "đây là tệp văn bản thuần (.txt)"),
    "setup.exe": (b"MZ\x90\x00" + b"\x00" * 64, "tệp chương trình không bao giờ được nhập"),
}
INTERNALS = ("không phải tệp nén zip", "manifest", "PK", "thành phần")


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_refused_naming_what_it_is(tmp_path, capsys, name):
    data, reason = SAMPLES[name]
    db = tmp_path / "db.sqlite3"
    main(["--db", str(db), "agencies"])
    before = sqlite3.connect(db).execute("select count(*) from reports").fetchone()
    (tmp_path / name).write_bytes(data)
    assert main(["--db", str(db), "import", str(tmp_path / name)]) == 1
    out = capsys.readouterr().out
    assert f"{name}: bị từ chối ({reason}" in out
    assert not any(word in out for word in INTERNALS)
    assert sqlite3.connect(db).execute("select count(*) from reports").fetchone() == before


def test_a_rar_in_a_mail_is_named_too(tmp_path, capsys):
    mail = outlook_mail([outlook_part("BaoCao.rar", SAMPLES["bao-cao.rar"][0])])
    (tmp_path / "thu.eml").write_bytes(mail)
    assert main(["--db", str(tmp_path / "db.sqlite3"), "import", str(tmp_path / "thu.eml")]) == 1
    assert RAR in capsys.readouterr().out


def test_a_mimetype_member_is_read_by_its_head_only(tmp_path):
    """The member that says what a zip is (OpenDocument, a .ttdn package) is asked before any
    size check has looked at the zip: 200 MB of it, deflated into 200 KB, is never inflated
    whole by the readers that tell the file's kind."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mimetype", "w") as member:
            member.write(b"application/vnd.oasis.opendocument.text")
            for _ in range(200):
                member.write(b" " * (1 << 20))
        archive.writestr("content.xml", "<x/>")
    data = out.getvalue()
    assert len(data) < 1_000_000
    tracemalloc.start()
    try:
        kinds = (name_of(data), is_odt(data), is_ods(data), zip_kind(data))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert kinds[0] == "tệp OpenDocument (.odt)"
    assert peak < 20_000_000, f"{peak / 1e6:.0f} MB"
