"""`ttdn mail fetch` and ws.mailbox against a real Dovecot on localhost (tests/dovecot.py): the
mail as Outlook, Thunderbird and Gmail write it, over TLS and STARTTLS, read-only on the
server, remembered so it is not offered twice; and the faults as inputs: a wrong password, an
untrusted certificate, the server killed in the middle, a cancelled fetch, a 10,000-message
mailbox, a mail too large, a duplicate delivery."""

from __future__ import annotations

import imaplib
import os
import sqlite3
import ssl
import time
from datetime import date

import keyring
import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.exchange.mail_secret import ENV
from ttdn_desktop.exchange.mail_trust import fingerprint
from ttdn_desktop.workspace import Workspace

from . import mailfiles as mf
from .ci_tools import needs
from .dovecot import running_dovecot
from .helpers import package
from .test_mail_secret import MemoryKeyring
from .test_mail_text import LAYOUTS
from .wordfiles import numbered_report

pytestmark = needs("dovecot")
H1 = Period.parse("2021-H1")
AGENCIES = [("SNGV", "Sở Ngoại vụ"), ("CAT", "Công an tỉnh"), ("STTTT", "Sở Thông tin và "
                                                                      "Truyền thông")]


@pytest.fixture
def server():
    with running_dovecot() as dovecot:
        yield dovecot


@pytest.fixture
def db(tmp_path, monkeypatch, server, capsys):
    monkeypatch.setenv(ENV, server.password)
    path = tmp_path / "btg.sqlite3"
    with Workspace(path) as ws:
        for code, name in AGENCIES:
            ws.agencies.add(code, name)
    return path


def run(capsys, *args) -> tuple[int, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def fetch_args(db, server, *more, tls=True, cafile=True):
    args = ["--db", db, "mail", "fetch", "--server", "localhost", "--user", "btg",
            "--port", server.tls_port if tls else server.starttls_port, "--since", "01/01/2021"]
    if not tls:
        args.append("--starttls")
    if cafile:
        args += ["--cafile", server.authority.pem_path]
    return args + list(more)


def stored(db) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return sorted(con.execute("SELECT agency_code, period_code FROM reports"))


def remembered(db) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return sorted(con.execute("SELECT uid, message_id FROM fetched_mail"))


def three_layouts(form) -> list[bytes]:
    return [
        mf.outlook_mail([mf.outlook_part("Báo cáo SNGV.ttdn", package(form, "SNGV"))]),
        mf.thunderbird_mail([mf.thunderbird_part("Báo cáo CAT.ttdn",
                                                 package(form, "CAT", "Công an tỉnh"))]),
        mf.gmail_mail([mf.forwarded_part(mf.outlook_mail(
            [mf.outlook_part("STTTT.ttdn", package(form, "STTTT", "Sở Thông tin và Truyền "
                                                   "thông"))]).replace(
            b"<SG2PR01MB2345@example.vn>", b"<inner@example.vn>"), "Fwd.eml")]),
    ]


def test_gmail_outlook_and_thunderbird_mail_is_imported_once_and_left_untouched(
        form, server, db, capsys, tmp_path):
    for data in three_layouts(form):
        server.deliver(data)
    # an invitation with a picture: no report in it, never downloaded
    server.deliver(mf.outlook_mail([mf.outlook_part("logo.png", b"\x89PNG\r\n\x1a\n" * 50,
                                                    ctype="image/png")],
                                   subject="Thư mời họp").replace(b"<SG2PR01MB2345",
                                                                  b"<other-id"))
    # a report sent as .rar: refused, naming what the mail held, for the secretariat to ask
    server.deliver(mf.thunderbird_mail([mf.thunderbird_part("baocao.rar", b"Rar!\x1a\x07\0")],
                                       subject="Báo cáo quý").replace(b"<5f1e6a2b", b"<rar"))
    code, out = run(capsys, *fetch_args(db, server))
    assert code == 1, out
    assert out.count("đã nhập") == 3, out
    assert "Bỏ qua 1 thư" in out and "Thư mời họp" in out and "logo.png" not in out, out
    assert "thư «Báo cáo quý» của cat@example.vn (số 5) › baocao.rar: bị từ chối (không hỗ " \
           "trợ tệp nén .rar" in out, out
    assert stored(db) == [("CAT", "2021-H1"), ("SNGV", "2021-H1"), ("STTTT", "2021-H1")]
    assert len(remembered(db)) == 5
    # nothing changed on the server: no message read, flagged, deleted or moved
    assert server.count() == 5 and not any(set(f) & set("STD") for f in server.flags()), \
        server.flags()
    context = ssl.create_default_context(cafile=str(server.authority.pem_path))
    with imaplib.IMAP4_SSL("localhost", server.tls_port, ssl_context=context) as imap:
        imap.authenticate("PLAIN", lambda _: b"\0btg\0" + server.password.encode())
        imap.select("INBOX", readonly=True)
        _, flags = imap.fetch("1:*", "(FLAGS)")
        assert not any(b"\\Seen" in line or b"\\Deleted" in line for line in flags), flags
    # what was shown is not offered again; --again looks again, and finds it there
    code, out = run(capsys, *fetch_args(db, server))
    assert code == 0 and "Không có thư mới" in out and "5 đã nhận lần trước" in out, out
    code, out = run(capsys, *fetch_args(db, server, "--again", "--dry-run"))
    assert out.count("đã có") == 3 and "Chạy thử" in out, out
    # the password is nowhere in the database
    assert server.password.encode() not in (tmp_path / "btg.sqlite3").read_bytes()


def test_starttls_and_the_account_remembered(form, server, db, capsys):
    server.deliver(three_layouts(form)[0])
    code, out = run(capsys, *fetch_args(db, server, tls=False))
    assert code == 0 and "đã nhập" in out, out
    server.deliver(three_layouts(form)[1])
    # server, port, user, STARTTLS and the authority: remembered from last time
    code, out = run(capsys, "--db", db, "mail", "fetch", "--since", "01/01/2021")
    assert code == 0 and "Công an tỉnh" in out and f"localhost:{server.starttls_port}" in out, \
        out


def test_dry_run_imports_and_remembers_nothing(form, server, db, capsys):
    server.deliver(three_layouts(form)[0])
    code, out = run(capsys, *fetch_args(db, server, "--dry-run"))
    assert code == 0 and "Chạy thử" in out and "nhập mới" not in out, out
    assert stored(db) == [] and remembered(db) == []
    code, out = run(capsys, *fetch_args(db, server))
    assert code == 0 and stored(db) == [("SNGV", "2021-H1")]


def test_only_mail_since_the_date_is_looked_at(form, server, db, capsys):
    mails = three_layouts(form)
    server.deliver(mails[0], when=time.mktime((2021, 5, 1, 12, 0, 0, 0, 0, -1)))
    server.deliver(mails[1], when=time.mktime((2021, 6, 20, 12, 0, 0, 0, 0, -1)))
    code, out = run(capsys, *fetch_args(db, server)[:-4], "--since", "15/06/2021", "--cafile",
                    server.authority.pem_path)
    assert code == 0 and "1 thư mới" in out, out
    assert stored(db) == [("CAT", "2021-H1")]


def test_a_folder_named_in_vietnamese(form, server, db, capsys):
    server.deliver(three_layouts(form)[0], folder="Báo cáo đơn vị")
    code, out = run(capsys, *fetch_args(db, server, "--folder", "Báo cáo đơn vị"))
    assert code == 0 and stored(db) == [("SNGV", "2021-H1")], out
    code, out = run(capsys, *fetch_args(db, server, "--folder", "Không có"))
    assert code == 1 and "không có thư mục «Không có»" in out and "INBOX" in out, out


def test_a_wrong_password_is_said_and_nothing_kept(form, server, db, capsys, monkeypatch):
    server.deliver(three_layouts(form)[0])
    monkeypatch.setenv(ENV, "sai mật khẩu")
    code, out = run(capsys, *fetch_args(db, server))
    assert code == 1, out
    assert f"Máy chủ thư localhost:{server.tls_port} không nhận tên đăng nhập hay mật khẩu " \
           "của «btg»" in out
    assert stored(db) == [] and remembered(db) == []


def test_an_untrusted_certificate_is_refused_until_its_pin_is_trusted(form, server, db,
                                                                      capsys):
    server.deliver(three_layouts(form)[0])
    code, out = run(capsys, *fetch_args(db, server, cafile=False))
    assert code == 1 and stored(db) == [], out
    assert f"Máy chủ thư localhost:{server.tls_port} đưa ra chứng chỉ không được tin cậy" in out
    pin = fingerprint(server.der)
    assert pin in out
    code, out = run(capsys, "--db", db, "mail", "trust", f"localhost:{server.tls_port}", pin)
    assert code == 0, out
    code, out = run(capsys, *fetch_args(db, server, cafile=False))
    assert code == 0 and stored(db) == [("SNGV", "2021-H1")], out


def test_the_server_killed_in_the_middle_leaves_nothing_half_imported(form, server, db,
                                                                      tmp_path):
    report_id = "5f0e7d9c-0000-4000-8000-000000000001"
    for n in range(6):  # one agency's report sent six times, each revision in its own mail
        server.deliver(mf.outlook_mail([mf.outlook_part(f"SNGV-{n}.ttdn", package(
            form, "SNGV", report_id=report_id, revision=n + 1, supersedes=n or None))])
            .replace(b"<SG2PR01MB2345", f"<m{n}".encode()))
    killed = []

    def progress(done, total, sentence):
        if done == 3 and not killed:
            killed.append(done)
            server.kill()

    with Workspace(db) as ws:
        account = ws.mailbox.account("localhost", server.tls_port, "btg",
                                     cafile=str(server.authority.pem_path))
        with pytest.raises(TTDNError, match="Mất kết nối với máy chủ thư .* giữa chừng "
                                            r"\(đã tải 3 thư\); chưa nhập gì"):
            ws.mailbox.fetch(account, date(2021, 1, 1), progress=progress)
    assert stored(db) == [] and remembered(db) == []
    server.start()  # back: the next fetch takes everything
    with Workspace(db) as ws:
        fetched = ws.mailbox.fetch(account, date(2021, 1, 1))
        assert len(fetched.mails) == 6
        results = ws.mailbox.import_fetched(fetched)
    assert sum(r.outcome in ("new", "newer", "older") for r in results) == 6
    assert len(remembered(db)) == 6


def test_a_cancelled_fetch_imports_nothing(form, server, db):
    for data in three_layouts(form):
        server.deliver(data)
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) > 3

    with Workspace(db) as ws:
        account = ws.mailbox.account("localhost", server.tls_port, "btg",
                                     cafile=str(server.authority.pem_path))
        with pytest.raises(TTDNError, match="Đã dừng nhận thư; chưa nhập gì"):
            ws.mailbox.fetch(account, date(2021, 1, 1), cancelled=cancelled)
    assert stored(db) == [] and remembered(db) == []


def test_a_duplicate_delivery_is_imported_once(form, server, db, capsys):
    mail = three_layouts(form)[0]
    server.deliver(mail)
    server.deliver(mail)  # the same message delivered twice: two UIDs, one Message-ID
    code, out = run(capsys, *fetch_args(db, server))
    assert code == 0 and "1 trùng (cùng Message-ID" in out and out.count("đã nhập") == 1, out
    server.deliver(mail)  # a third time, after the import
    code, out = run(capsys, *fetch_args(db, server))
    assert code == 0 and "1 trùng" in out and "đã nhập" not in out, out
    code, out = run(capsys, *fetch_args(db, server))
    assert "Không có thư mới" in out and "3 đã nhận lần trước" in out, out


def test_a_mail_too_large_is_refused_without_downloading_it(form, server, db, capsys):
    big = os.urandom(31 << 20)
    server.deliver(mf.outlook_mail([mf.outlook_part("Báo cáo rất lớn.docx", big)]))
    code, out = run(capsys, *fetch_args(db, server))
    assert code == 1, out
    assert "Báo cáo rất lớn.docx: bị từ chối (tệp đính kèm quá lớn" in out and \
        "không tải về" in out, out
    assert "thư không có tệp đính kèm" not in out, out  # it had one: too large, not none
    assert "MB đã tải" in out and float(out.split(" MB đã tải")[0].rsplit("(", 1)[1]) < 1, out


def test_a_pasted_report_waits_held_until_its_agency_is_confirmed(server, db, capsys):
    server.deliver(LAYOUTS["outlook.eml"][0])
    code, out = run(capsys, *fetch_args(db, server))
    assert code == 1 and stored(db) == [], out
    assert "nội dung thư: báo cáo dán trong thư: cần xác nhận" in out, out
    number = int(out.split("giữ lại, số ")[1].split(":")[0])
    assert f"ttdn mail confirm {number}" in out
    code, out = run(capsys, "--db", db, "held")
    assert "báo cáo: cần xác nhận" in out and f"số {number}" in out and "lần 0" not in out, out
    # the agency only guessed from the sender: said, nothing imported
    code, out = run(capsys, "--db", db, "mail", "confirm", number)
    assert code == 1 and "--agency SNGV" in out and stored(db) == [], out
    code, out = run(capsys, "--db", db, "mail", "confirm", number, "--agency", "SNGV")
    assert code == 0 and stored(db) == [("SNGV", "2021-H1")], out
    code, out = run(capsys, "--db", db, "held")
    assert "Không có gói nào" in out, out
    # and the mail is not offered again
    code, out = run(capsys, *fetch_args(db, server))
    assert code == 0 and "Không có thư mới" in out, out


def test_a_word_report_attached_waits_held_too(server, db, capsys):
    server.deliver(mf.thunderbird_mail([mf.thunderbird_part("Báo cáo TTĐN.docx",
                                                            numbered_report())]))
    code, out = run(capsys, *fetch_args(db, server))
    assert code == 1 and "Báo cáo TTĐN.docx: báo cáo Word: cần xác nhận" in out, out
    number = int(out.split("giữ lại, số ")[1].split(":")[0])
    code, out = run(capsys, "--db", db, "mail", "confirm", number, "--accept-placement")
    assert code == 0 and stored(db) == [("SNGV", "2021-H1")], out


def _write_many(server, count: int, when: float) -> None:
    """Messages written straight into the Maildir (cur/, already seen by a mail program)."""
    folder = server.maildir() / "cur"
    text = ("From: a@example.vn\r\nTo: btg@example.vn\r\nSubject: Thư thường {n}\r\n"
            "Message-ID: <many-{n}@example.vn>\r\nDate: Tue, 15 Jun 2021 10:00:00 +0700\r\n"
            "\r\nNội dung thư thường.\r\n")
    for n in range(count):
        path = folder / f"{int(when)}.M{n}P1.many,S=200:2,S"
        path.write_bytes(text.format(n=n).encode())
        os.utime(path, (when, when))
    server._open_up(folder)


def test_a_ten_thousand_message_mailbox_is_searched_not_read(form, server, db, capsys):
    """10,000 older messages and three new ones: the server's SEARCH SINCE finds the three;
    then all 10,003 taken as fetched before, a second fetch finds nothing new at once."""
    _write_many(server, 10_000, time.mktime((2021, 3, 1, 12, 0, 0, 0, 0, -1)))
    for data in three_layouts(form):
        server.deliver(data)
    code, out = run(capsys, *fetch_args(db, server)[:-4], "--since", "01/06/2021", "--cafile",
                    server.authority.pem_path)
    assert code == 0 and "3 thư, 0 đã nhận lần trước" in out and out.count("đã nhập") == 3, out
    # every message since 2021 seen before (as after a first fetch of the whole mailbox)
    context = ssl.create_default_context(cafile=str(server.authority.pem_path))
    with imaplib.IMAP4_SSL("localhost", server.tls_port, ssl_context=context) as imap:
        imap.authenticate("PLAIN", lambda _: b"\0btg\0" + server.password.encode())
        imap.select("INBOX", readonly=True)
        validity = int(imap.response("UIDVALIDITY")[1][0])
        _, data = imap.uid("SEARCH", "ALL")
    uids = [int(u) for u in data[0].split()]
    assert len(uids) == 10_003
    with sqlite3.connect(db) as con:
        con.executemany("INSERT OR IGNORE INTO fetched_mail (account, folder, uidvalidity, uid, "
                        "message_id, sender, subject, outcome, fetched_at) VALUES (?, 'INBOX', "
                        "?, ?, NULL, '', '', '', '')",
                        [(f"btg@localhost:{server.tls_port}", validity, u) for u in uids])
    code, out = run(capsys, *fetch_args(db, server))
    assert code == 0 and "10003 thư, 10003 đã nhận lần trước" in out and \
        "Không có thư mới" in out, out


def test_the_mail_looked_at_by_default_starts_a_month_before_the_deadline(tmp_path):
    with Workspace(tmp_path / "x.sqlite3") as ws:
        assert ws.mailbox.default_since(date(2021, 7, 1)) == date(2021, 6, 1)  # no period yet
        ws.periods.set_dates(H1, deadline=date(2021, 6, 20))
        assert ws.mailbox.default_since(date(2021, 7, 1)) == date(2021, 5, 21)
        with pytest.raises(TTDNError, match="Chưa có máy chủ thư hay tài khoản"):
            ws.mailbox.account()


def test_a_stale_password_in_the_store_is_said_so(form, server, db, monkeypatch):
    """The store's password refused: the user is told to store the new one."""
    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        monkeypatch.delenv(ENV)
        with Workspace(db) as ws:
            ws.mailbox.remember_password("localhost", "btg", "mật khẩu cũ")
            account = ws.mailbox.account("localhost", server.tls_port, "btg",
                                         cafile=str(server.authority.pem_path))
            with pytest.raises(TTDNError, match="đã cũ: lưu lại bằng «ttdn mail store "
                                                "--server localhost --user btg»"):
                ws.mailbox.fetch(account, date(2021, 1, 1))
            # typed at the prompt and taken by the server: it goes to the store
            ws.mailbox.forget_password("localhost", "btg")
            ws.mailbox.fetch(account, date(2021, 1, 1), ask=lambda who: server.password)
            assert ws.mailbox.stored_password("localhost", "btg") == server.password
    finally:
        keyring.set_keyring(before)


def test_a_held_report_confirmed_in_the_window_is_settled(server, db):
    """The window confirms a held report through Workspace.import_word (its own dialog, fed
    by «Xác nhận…» with held_report_items): the held copy is dealt with then."""
    server.deliver(LAYOUTS["outlook.eml"][0])
    with Workspace(db) as ws:
        account = ws.mailbox.account("localhost", server.tls_port, "btg",
                                     cafile=str(server.authority.pem_path))
        ws.mailbox.import_fetched(ws.mailbox.fetch(account, date(2021, 1, 1)))
        [(name, data)] = ws.mailbox.held_report_items()
        report = ws.word.read(name, data)
        result = ws.word.import_report(report, "SNGV", H1)
        assert result.ok and ws.mailbox.held_reports() == []
    assert stored(db) == [("SNGV", "2021-H1")]
