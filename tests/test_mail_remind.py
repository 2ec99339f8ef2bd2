"""Reminders (issue 25, point 4): one mail to each member that has not reported, reported late
or was asked for changes, the period's request addressed to it attached; shown, not sent,
unless --send; paced; recorded with when. A real SMTP server (aiosmtpd, tests/smtpserver.py)."""

import email
import email.policy

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core.periods import format_stamp
from ttdn_desktop.exchange.request import read_request
from ttdn_desktop.workspace import Workspace, outbox as outbox_door

from .helpers import H1
from .smtpserver import MailServer, PASSWORD, USER


@pytest.fixture(autouse=True)
def password(monkeypatch):
    monkeypatch.setenv("TTDN_MAIL_PASSWORD", PASSWORD)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


@pytest.fixture
def server(tmp_path):
    running = MailServer(tmp_path / "smtp").start()
    yield running
    running.stop()


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def secretariat(tmp_path, capsys):
    """Eight members, six reported; one of them asked for changes."""
    db = str(tmp_path / "tt.sqlite3")
    assert run(capsys, "--db", db, "demo", str(tmp_path / "mau"), "--period", "2021-H1")[0] == 0
    files = sorted((tmp_path / "mau").glob("*.ttdn"))
    with Workspace(db) as workspace:
        codes = [a["code"] for a in workspace.agencies.all()]
        reported = [f for f in files if not any(c in f.name for c in codes[-2:])]
        assert len(reported) == 6
        workspace.imports.run(reported)
        workspace.reports.set_review(codes[0], H1, "needs_changes", "thiếu số liệu ấn phẩm")
        workspace.agencies.update(codes[0], email="vanthu@dv0.test")
        workspace.agencies.update(codes[-1], email="vanthu@dv7.test")
    return db, codes


def test_the_command_line_shows_then_sends_paced_and_records(secretariat, server, capsys,
                                                             monkeypatch):
    db, codes = secretariat
    code, out, _ = run(capsys, "--db", db, "mail", "remind", "--period", "2021-H1")
    assert code == 0 and "3 đơn vị cần nhắc" in out
    lines = {line.split("\t")[0]: line for line in out.splitlines()}
    assert "cần bổ sung: thiếu số liệu ấn phẩm\tvanthu@dv0.test" in lines[codes[0]]
    assert "chưa nộp\t(chưa có địa chỉ thư: không nhắc được)" in lines[codes[-2]]
    assert "chưa nộp\tvanthu@dv7.test" in lines[codes[-1]]
    assert "Chưa gửi thư nào: thêm --send" in out and not server.taken
    with Workspace(db) as workspace:
        assert workspace.outbox.reminders(H1) == {} and workspace.outbox.waiting() == []

    pauses = []
    monkeypatch.setattr(outbox_door.time, "sleep", pauses.append)
    code, out, err = run(capsys, "--db", db, "mail", "remind", "--period", "2021-H1", "--send",
                         "--server", "localhost", "--port", str(server.port), "--user", USER,
                         "--cafile", server.cafile)
    assert code == 0, err
    assert "Đã đưa 2 thư nhắc vào hộp thư đi" in out
    assert pauses == [outbox_door.PACE_SECONDS]  # one pause between the two mails
    assert sorted(t.recipients[0] for t in server.taken) == ["vanthu@dv0.test",
                                                             "vanthu@dv7.test"]
    for taken in server.taken:
        mail = email.message_from_bytes(taken.data, policy=email.policy.default)
        assert mail["Subject"].startswith("[TTĐN] Đề nghị gửi báo cáo 6 tháng đầu năm 2021 — ")
        [attached] = list(mail.iter_attachments())
        request = read_request(attached.get_filename(), attached.get_content())
        assert request.period == H1
        assert request.agency_code in (codes[0], codes[-1])
        assert request.agency_name in mail["Subject"]
    with Workspace(db) as workspace:
        done = workspace.outbox.reminders(H1)
        assert sorted(done) == sorted([codes[0], codes[-1]])
        assert all(r[0]["sent_at"] for r in done.values())
        last = {r.code: r.last_reminded for r in workspace.outbox.reminder_list(H1)}
        assert last[codes[0]] and last[codes[-1]] and last[codes[-2]] is None
    code, out, _ = run(capsys, "--db", db, "mail", "remind", "--period", "2021-H1")
    assert format_stamp(last[codes[0]]) in out


def test_naming_a_member_without_an_address_sends_nothing(secretariat, capsys):
    db, codes = secretariat
    with Workspace(db) as workspace:
        with pytest.raises(Exception) as refused:
            workspace.outbox.queue_reminders(H1, [codes[-2]])
        assert f"Chưa có địa chỉ thư của {codes[-2]}" in str(refused.value)
        with pytest.raises(Exception) as refused:
            workspace.outbox.queue_reminders(H1, [codes[1]])  # it reported on time
        assert "không ở trong danh sách cần nhắc" in str(refused.value)
        assert workspace.outbox.waiting() == [] and workspace.outbox.reminders(H1) == {}


def test_late_members_are_reminded_unless_their_report_was_accepted(secretariat):
    db, codes = secretariat
    with Workspace(db) as workspace:
        merged = workspace.merge.consolidation(H1)
        sent = {s.agency.code: s.sent_at for s in merged.statuses if s.sent_at}
        on_time = min(sent.values()).date()
        workspace.periods.set_dates(H1, deadline=on_time)  # every later one is late
        late = sorted(c for c, when in sent.items() if when.date() > on_time and c != codes[0])
        assert len(late) >= 2
        workspace.reports.set_review(late[0], H1, "accepted")
        reasons = {r.code: r.reason for r in workspace.outbox.reminder_list(H1)}
    assert late[0] not in reasons  # accepted: nothing more is asked of it
    assert all(reasons[code] == "nộp muộn" for code in late[1:])
    assert reasons[codes[0]].startswith("cần bổ sung")
