"""Mail out in the real window (issue 25): «Gửi qua thư…» through its dialog to a real SMTP
server (aiosmtpd on localhost, tests/smtpserver.py), the outbox line while the server is away
and after it is back, the reminders reviewed on the dashboard and its «Đã nhắc» column, the
members' «Thư điện tử» column."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ttdn_desktop.cli import main
from ttdn_desktop.core import settings as declared
from ttdn_desktop.storage.settings import set_setting
from ttdn_desktop.ui import outbox_line
from ttdn_desktop.ui.dashboard import Dashboard, REMINDED_COLUMN
from ttdn_desktop.ui.mail_send_dialog import MailSendDialog
from ttdn_desktop.ui.members_view import EMAIL
from ttdn_desktop.ui.ops import mail
from ttdn_desktop.ui.remind_dialog import NO_ADDRESS, RemindDialog
from ttdn_desktop.workspace import Workspace, outbox as outbox_door

from .helpers import H1, package
from .smtpserver import MailServer, PASSWORD, USER, free_port
from .uihelpers import active_window, new_report, set_up_agency, set_up_secretariat


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv("TTDN_MAIL_PASSWORD", raising=False)
    monkeypatch.setattr(outbox_door, "PACE_SECONDS", 0)


@pytest.fixture
def server(tmp_path):
    running = MailServer(tmp_path / "smtp").start()
    yield running
    running.stop()


def _close(window, workspace):
    window.mail_out.sender.wait()
    window.close()
    workspace.close()


def test_send_by_mail_from_the_dialog_waits_offline_then_goes(qtbot, tmp_path, forms, server):
    workspace = Workspace(tmp_path / "dv.sqlite3", forms)
    set_up_agency(workspace)
    window = active_window(qtbot, workspace)
    view = window.agency_view
    new_report(view, H1)
    away = free_port()
    window.mail_out.send_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(MailSendDialog) is not None, timeout=10000)
    dialog = window.findChild(MailSendDialog)
    dialog.to.setText("vanthu@btg.test")
    dialog.host.setText("localhost")
    dialog.port.setValue(away)  # nothing answers there: the mail waits
    dialog.user.setText(USER)
    dialog.cafile.setText(server.cafile)
    dialog.password.setText(PASSWORD)  # typed: for this session, never stored by us
    dialog.accept()
    line = window.mail_out.line
    qtbot.waitUntil(lambda: line.isVisible() and "1 thư chờ gửi" in line.label.text(),
                    timeout=20000)
    assert f"localhost:{away}" in line.label.toolTip()
    assert "(lần gửi 1)" in line.label.toolTip()
    window.ops.run(mail.remember_server({"port": server.port}))
    window.ops.wait()
    line.button.click()  # «Gửi lại»
    qtbot.waitUntil(lambda: "đã gửi 1 thư" in line.label.text(), timeout=20000)
    [taken] = server.taken
    assert taken.recipients == ["vanthu@btg.test"]
    assert "Đã gửi 1 thư" in view.notice.label.text()
    _close(window, workspace)


def test_reminders_reviewed_sent_and_shown_on_the_dashboard(qtbot, tmp_path, forms, form,
                                                            server, monkeypatch):
    monkeypatch.setenv("TTDN_MAIL_PASSWORD", PASSWORD)
    workspace = Workspace(tmp_path / "tt.sqlite3", forms)
    set_up_secretariat(workspace, 3)
    codes = [a["code"] for a in workspace.agencies.all()]
    names = {a["code"]: a["name"] for a in workspace.agencies.all()}
    workspace.periods.set_dates(H1, deadline=date(2100, 1, 1))  # what is sent now is on time
    path = tmp_path / "goi.ttdn"
    path.write_bytes(package(form, codes[0], names[codes[0]]))
    workspace.imports.run([path])
    workspace.agencies.update(codes[1], email="vanthu@dv1.test")
    workspace.outbox.remember_server(host="localhost", port=server.port, user=USER,
                                     cafile=server.cafile)
    window = active_window(qtbot, workspace)
    view = window.secretariat_view
    window.ops.wait()
    view.dashboard.remind_requested.emit()
    qtbot.waitUntil(lambda: window.findChild(RemindDialog) is not None, timeout=10000)
    dialog = window.findChild(RemindDialog)
    rows = {dialog.table.item(r, 1).text(): r for r in range(dialog.table.rowCount())}
    assert sorted(rows) == sorted(codes[1:])  # who reported is not reminded
    no_address = rows[codes[2]]
    assert dialog.table.item(no_address, 4).text() == NO_ADDRESS
    assert not dialog.table.item(no_address, 0).flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert dialog.chosen() == [codes[1]] and dialog.send_button.text() == "Gửi thư nhắc (1)"
    dialog.send_button.click()
    qtbot.waitUntil(lambda: len(server.taken) == 1, timeout=20000)
    assert server.taken[0].recipients == ["vanthu@dv1.test"]

    def reminded(code: str) -> str:
        board = view.dashboard
        for row in range(board.proxy.rowCount()):
            if board.proxy.index(row, 1).data() == code:
                return board.proxy.index(row, REMINDED_COLUMN).data()
        return "?"

    qtbot.waitUntil(lambda: reminded(codes[1]) != "", timeout=20000)
    assert reminded(codes[2]) == "" and reminded(codes[0]) == ""
    QApplication.processEvents()
    _close(window, workspace)


def test_a_members_address_is_typed_in_the_list(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "tt.sqlite3", forms)
    set_up_secretariat(workspace, 2)
    window = active_window(qtbot, workspace)
    members = window.secretariat_view.members
    window.ops.wait()
    row = members.codes().index(workspace.agencies.all()[0]["code"])
    members.table.item(row, EMAIL).setText("vanthu@dv0.test")
    window.ops.wait()
    assert workspace.agencies.all()[0]["email"] == "vanthu@dv0.test"
    members.table.item(row, EMAIL).setText("không phải địa chỉ")
    qtbot.waitUntil(lambda: "không đúng dạng" in members.message.text(), timeout=10000)
    window.ops.wait()
    assert workspace.agencies.all()[0]["email"] == "vanthu@dv0.test"
    assert members.table.item(row, EMAIL).text() == "vanthu@dv0.test"  # read back
    _close(window, workspace)


def test_a_mail_left_waiting_goes_by_itself_when_the_window_opens(qtbot, tmp_path, forms,
                                                                  server, monkeypatch):
    """Queued yesterday with no network: opening the app sends it, without a click."""
    monkeypatch.setattr(outbox_line, "FIRST_TRY_MS", 0)
    monkeypatch.setenv("TTDN_MAIL_PASSWORD", PASSWORD)
    workspace = Workspace(tmp_path / "dv.sqlite3", forms)
    set_up_agency(workspace)
    workspace.reports.new("SNGV", H1)
    workspace.outbox.remember_server(host="localhost", port=server.port, user=USER,
                                     cafile=server.cafile)
    workspace.outbox.queue_report(H1, "vanthu@btg.test")
    assert not server.taken
    window = active_window(qtbot, workspace)
    qtbot.waitUntil(lambda: len(server.taken) == 1, timeout=20000)
    qtbot.waitUntil(lambda: "đã gửi 1 thư" in window.mail_out.line.label.text(), timeout=20000)
    _close(window, workspace)


def test_the_province_sends_its_report_upward_from_the_menu(qtbot, tmp_path, forms, server,
                                                            monkeypatch):
    monkeypatch.setenv("TTDN_MAIL_PASSWORD", PASSWORD)
    db = tmp_path / "tinh.sqlite3"
    assert main(["--db", str(db), "demo", str(tmp_path / "mau"), "--period", "2021-H1"]) == 0
    assert main(["--db", str(db), "import", str(tmp_path / "mau")]) == 0
    workspace = Workspace(db, forms)
    workspace.setup.set_role("secretariat")
    workspace.upward.set_identity("QNINH", "Tỉnh Quảng Ninh")
    workspace.outbox.remember_server(host="localhost", port=server.port, user=USER,
                                     cafile=server.cafile)
    window = active_window(qtbot, workspace)
    window.ops.wait()
    assert window.mail_out.upward_action.isVisible()
    assert not window.mail_out.send_action.isVisible()  # the agency's own, not here
    window.mail_out.upward_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(MailSendDialog) is not None, timeout=10000)
    dialog = window.findChild(MailSendDialog)
    assert dialog.host.text() == "localhost" and dialog.to.text() == ""
    dialog.to.setText("tw@ban.test")
    dialog.accept()
    qtbot.waitUntil(lambda: len(server.taken) == 1, timeout=20000)
    assert server.taken[0].recipients == ["tw@ban.test"]
    assert b"QNINH" in server.taken[0].data
    _close(window, workspace)


def test_a_reminder_still_in_the_outbox_is_not_shown_as_done(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "tt.sqlite3", forms)
    set_up_secretariat(workspace, 2)
    codes = [a["code"] for a in workspace.agencies.all()]
    board = Dashboard()
    qtbot.addWidget(board)
    mine = {"reminded_at": "2021-06-10T08:30:00", "recipient": "a@b.test", "reason": "chưa nộp"}
    board.show_consolidation(workspace.merge.consolidation(H1), reminded={
        codes[0]: [{**mine, "sent_at": None}],
        codes[1]: [{**mine, "sent_at": "2021-06-10T08:31:00"}] * 2})
    cells = {board.proxy.index(r, 1).data(): board.proxy.index(r, REMINDED_COLUMN)
             for r in range(board.proxy.rowCount())}
    assert cells[codes[0]].data() == "thư chờ gửi, 10/06/2021"
    assert "thư còn chờ gửi" in cells[codes[0]].data(Qt.ItemDataRole.ToolTipRole)
    assert cells[codes[1]].data() == "10/06/2021 (2 lần)"
    assert "10/06/2021 08:30 → a@b.test (chưa nộp)" in cells[codes[1]].data(
        Qt.ItemDataRole.ToolTipRole)
    qtbot.wait(50)  # the header's deferred repaint, while the board is there
    workspace.close()


def test_the_agency_window_shows_a_changed_secretariat_address_as_a_warning(qtbot, tmp_path,
                                                                            forms):
    (tmp_path / "tt").mkdir()
    secretariat = Workspace(tmp_path / "tt" / "tt.sqlite3", forms)
    secretariat.setup.set_role("secretariat")
    secretariat.agencies.add("SNGV", "Sở Ngoại vụ")
    paths = []
    for number, address in enumerate(("cu@btg.test", "cu@btg.test", "moi@btg.test")):
        set_setting(secretariat.db, declared.SECRETARIAT_MAIL, address)
        paths.append(tmp_path / f"de-nghi-{number}.ttdn")
        paths[-1].write_bytes(secretariat.files.request_bytes(H1))
    secretariat.close()
    workspace = Workspace(tmp_path / "dv.sqlite3", forms)
    set_up_agency(workspace)
    workspace.imports.run(paths[:2])  # the key recorded by the first, the address by the second
    assert workspace.outbox.recipient() == "cu@btg.test"
    window = active_window(qtbot, workspace)
    notice = window.agency_view.notice
    window.import_paths([str(paths[2])])
    qtbot.waitUntil(lambda: "moi@btg.test" in notice.label.text(), timeout=10000)
    assert "cảnh báo: địa chỉ thư của cơ quan thường trực đổi từ cu@btg.test sang " \
           "moi@btg.test" in notice.label.text()
    assert "#FFF3CD" in notice.styleSheet()  # the warning's colour, not the success's
    _close(window, workspace)
