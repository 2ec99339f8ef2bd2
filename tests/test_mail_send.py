"""Sending by mail (issue 25, points 2 and 6): an agency's report goes by SMTP submission to a
real server (aiosmtpd on localhost, TLS from a test authority), waits in the outbox while the
server cannot be reached, and goes when it can; faults are inputs: no network, a wrong
password, an untrusted certificate, the line gone in the middle, a mail too large, the same mail
delivered twice (the secretariat's import says «đã có»)."""

import email
import email.policy
import hashlib

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.exchange.mail_trust import fingerprint as der_fingerprint
from ttdn_desktop.workspace import Workspace, outbox as outbox_door

from .helpers import H1
from .mailcerts import make_authority
from .smtpserver import MailServer, PASSWORD, USER, free_port
from .uihelpers import set_up_agency

SECRETARIAT = "vanthu@btg.test"


@pytest.fixture(autouse=True)
def password(monkeypatch):
    """The password from the variable, and no credential store of the machine's: a test never
    reads or writes the user's own."""
    monkeypatch.setenv("TTDN_MAIL_PASSWORD", PASSWORD)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setattr(outbox_door, "PACE_SECONDS", 0)


@pytest.fixture
def server(tmp_path):
    running = MailServer(tmp_path / "smtp").start()
    yield running
    running.stop()


@pytest.fixture
def agency(tmp_path, forms):
    (tmp_path / "dv").mkdir()
    path = tmp_path / "dv" / "dv.sqlite3"
    with Workspace(path, forms) as workspace:
        set_up_agency(workspace, "SNGV", "Sở Ngoại vụ")
        report = workspace.reports.new("SNGV", H1)
        workspace.reports.save_draft(report, {"an_pham": "Phát hành 3.800 cuốn ấn phẩm đối ngoại."})
    return str(path)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def send(capsys, db, server, *more, port=None):
    return run(capsys, "--db", db, "mail", "send", "--period", "2021-H1", "--to", SECRETARIAT,
               "--server", "localhost", "--port", str(port or server.port), "--user", USER,
               "--cafile", server.cafile, *more)


def parsed(data: bytes):
    return email.message_from_bytes(data, policy=email.policy.default)


def attachments(mail) -> dict[str, bytes]:
    return {part.get_filename(): part.get_content() for part in mail.iter_attachments()}


def secretariat_imports(tmp_path, forms, eml_paths):
    (tmp_path / "tt").mkdir(exist_ok=True)
    with Workspace(tmp_path / "tt" / "tt.sqlite3", forms) as secretariat:
        secretariat.setup.set_role("secretariat")
        if not secretariat.agencies.has("SNGV"):
            secretariat.agencies.add("SNGV", "Sở Ngoại vụ")
        return [secretariat.imports.run([path])[0] for path in eml_paths]


def test_the_report_goes_by_starttls_with_word_and_the_settings_are_remembered(
        tmp_path, forms, capsys, agency, server):
    code, out, err = send(capsys, agency, server, "--with-word")
    assert code == 0, err
    assert "Đã gửi: [TTĐN] Sở Ngoại vụ gửi báo cáo 6 tháng đầu năm 2021 (lần gửi 1)" in out
    [taken] = server.taken
    assert taken.recipients == [SECRETARIAT] and taken.sender == USER
    mail = parsed(taken.data)
    assert mail["Subject"] == "[TTĐN] Sở Ngoại vụ gửi báo cáo 6 tháng đầu năm 2021 (lần gửi 1)"
    body = mail.get_body(("plain",)).get_content()
    assert "Sở Ngoại vụ gửi báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2021 " \
           "(lần gửi 1)" in body
    files = attachments(mail)
    assert sorted(files) == ["BaoCaoTTDN-6-thang-dau-nam-2021-SNGV.docx",
                             "BaoCaoTTDN-6-thang-dau-nam-2021-SNGV.ttdn"]
    package = files["BaoCaoTTDN-6-thang-dau-nam-2021-SNGV.ttdn"]
    sha = hashlib.sha256(package).hexdigest()
    assert mail["X-TTDN-Hash"] == sha and sha[:40] in mail["Message-ID"]
    # the revision is sealed: an edit now starts revision 2
    with Workspace(agency, forms) as workspace:
        report = workspace.reports.find("SNGV", H1)
        assert workspace.reports.revision(report["id"]).sealed
    # the server remembered: the next send needs no option
    with Workspace(agency, forms) as workspace:
        workspace.reports.save_draft(report["id"], {"an_pham": "Phát hành 4.000 cuốn."})
    code, out, _ = run(capsys, "--db", agency, "mail", "send", "--period", "2021-H1")
    assert code == 0 and "(lần gửi 2)" in out and len(server.taken) == 2
    [first, second] = secretariat_imports(tmp_path, forms, sorted(server.folder.glob(
        "nhan/*.eml")))
    assert first.ok and second.ok and second.outcome != "same"


def test_tls_from_the_first_byte(tmp_path, capsys, agency):
    server = MailServer(tmp_path / "smtps", implicit=True).start()
    try:
        code, out, err = send(capsys, agency, server, "--tls")
    finally:
        server.stop()
    assert code == 0, err
    assert len(server.taken) == 1


def test_offline_the_mail_waits_and_goes_when_the_server_is_back(tmp_path, forms, capsys,
                                                                  agency):
    port = free_port()  # nothing listens there yet
    server = MailServer(tmp_path / "smtp")
    code, out, err = send(capsys, agency, server, port=port)
    assert code == 1
    assert "Đã đưa vào hộp thư đi" in out
    assert f"Không kết nối được máy chủ thư localhost:{port}" in err
    assert "Hộp thư đi còn 1 thư chờ gửi" in err
    code, out, _ = run(capsys, "--db", agency, "mail", "outbox")
    assert code == 0 and "chờ gửi" in out and "(lần gửi 1)" in out
    # a revision made while it waits replaces the waiting mail
    with Workspace(agency, forms) as workspace:
        report = workspace.reports.find("SNGV", H1)
        workspace.reports.save_draft(report["id"], {"an_pham": "Sửa sau khi đưa vào hộp thư đi."})
    code, out, _ = run(capsys, "--db", agency, "mail", "send", "--period", "2021-H1",
                       "--queue-only")
    assert code == 0 and "thay thư chưa gửi của lần gửi 1" in out
    server.port = port
    server.controller.port = port
    server.start()
    try:
        code, out, err = run(capsys, "--db", agency, "mail", "outbox", "send")
    finally:
        server.stop()
    assert code == 0, err
    [taken] = server.taken
    assert "(lần gửi 2)" in parsed(taken.data)["Subject"]
    code, out, _ = run(capsys, "--db", agency, "mail", "outbox")
    assert "Hộp thư đi trống" in out


def test_a_wrong_password_stops_the_mail_until_the_user_asks(capsys, agency, server,
                                                              monkeypatch, forms):
    monkeypatch.setenv("TTDN_MAIL_PASSWORD", "sai")
    code, _, err = send(capsys, agency, server)
    assert code == 1 and not server.taken
    assert f"Máy chủ thư localhost:{server.port} từ chối tên đăng nhập «{USER}» hoặc mật " \
           "khẩu" in err
    with Workspace(agency, forms) as workspace:
        [mail] = workspace.outbox.waiting()
        assert mail.stopped and mail.attempts == 1
        # the window's own retry leaves it for the user
        assert workspace.outbox.send_waiting(stopped=False) == []
    monkeypatch.setenv("TTDN_MAIL_PASSWORD", PASSWORD)
    code, out, _ = run(capsys, "--db", agency, "mail", "outbox", "send")
    assert code == 0 and len(server.taken) == 1


def test_an_untrusted_certificate_is_refused_naming_the_server_until_pinned(
        tmp_path, capsys, agency, server, forms):
    other = tmp_path / "khac"
    code, _, err = send(capsys, agency, server, "--cafile",
                        str(make_authority(other).pem_path))
    assert code == 1 and not server.taken
    assert f"Máy chủ thư localhost:{server.port} đưa ra chứng chỉ không được tin cậy" in err
    with Workspace(agency, forms) as workspace:
        [mail] = workspace.outbox.waiting()
        fingerprint = err.split("Dấu vân tay SHA-256 của chứng chỉ: ")[1].split(".")[0]
    assert fingerprint == der_fingerprint(server.der)
    assert run(capsys, "--db", agency, "mail", "trust", f"localhost:{server.port}",
               fingerprint)[0] == 0
    code, _, err = run(capsys, "--db", agency, "mail", "outbox", "send")
    assert code == 0, err
    assert len(server.taken) == 1


def test_the_line_gone_after_the_server_took_the_mail_delivers_twice_and_imports_once(
        tmp_path, forms, capsys, agency, server):
    server.handler.drop = "after_data"
    code, _, err = send(capsys, agency, server)
    assert code == 1
    assert f"Mất kết nối với máy chủ thư localhost:{server.port} khi đang gửi" in err
    assert len(server.taken) == 1  # the server has it; we could not know
    code, _, _ = run(capsys, "--db", agency, "mail", "outbox", "send")
    assert code == 0
    first, second = (parsed(t.data) for t in server.taken)
    assert first["Message-ID"] == second["Message-ID"]
    assert server.taken[0].data == server.taken[1].data  # the same bytes, kept in the outbox
    results = secretariat_imports(tmp_path, forms, sorted(server.folder.glob("nhan/*.eml")))
    assert [r.label for r in results] == ["đã nhập", "đã có"], [r.line() for r in results]


def test_the_line_gone_before_the_mail_was_taken_leaves_it_waiting(capsys, agency, server):
    server.handler.drop = "before_data"
    code, _, err = send(capsys, agency, server)
    assert code == 1 and not server.taken
    assert "sẽ gửi lại" in err
    assert run(capsys, "--db", agency, "mail", "outbox", "send")[0] == 0
    assert len(server.taken) == 1


def test_a_mail_too_large_is_said_with_the_limit_and_not_retried_alone(tmp_path, capsys,
                                                                        agency, forms):
    server = MailServer(tmp_path / "nho", size_limit=20_000).start()
    try:
        code, _, err = send(capsys, agency, server, "--with-word")
    finally:
        server.stop()
    assert code == 1 and not server.taken
    assert "Thư quá lớn" in err and "chỉ nhận thư đến 20 KB" in err
    with Workspace(agency, forms) as workspace:
        [mail] = workspace.outbox.waiting()
        assert mail.stopped


def test_the_province_reports_upward_by_mail(tmp_path, forms, capsys, server):
    db = str(tmp_path / "tinh.sqlite3")
    assert run(capsys, "--db", db, "demo", str(tmp_path / "mau"), "--period", "2021-H1")[0] == 0
    assert run(capsys, "--db", db, "import", str(tmp_path / "mau"))[0] == 0
    with Workspace(db, forms) as province:
        province.upward.set_identity("QNINH", "Tỉnh Quảng Ninh")
    code, out, err = run(capsys, "--db", db, "mail", "send", "--period", "2021-H1", "--upward",
                         "--to", "tw@ban.test", "--server", "localhost", "--port",
                         str(server.port), "--user", USER, "--cafile", server.cafile)
    assert code == 0, err
    [taken] = server.taken
    mail = parsed(taken.data)
    assert taken.recipients == ["tw@ban.test"]
    assert mail["Subject"] == ("[TTĐN] Tỉnh Quảng Ninh gửi báo cáo tổng hợp 6 tháng đầu năm "
                               "2021 (lần gửi 1)")
    assert list(attachments(mail)) == ["BaoCao-QNINH-6-thang-dau-nam-2021.ttdn"]
    with Workspace(db, forms) as province:
        assert province.outbox.recipient(upward=True) == "tw@ban.test"
        assert province.upward.status(H1).sent is not None
