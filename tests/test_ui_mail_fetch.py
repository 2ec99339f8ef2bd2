"""«Nhận thư» in the window (ui/mail_fetch.py), against a real Dovecot: the dialog, the
progress, the preview of what the mail holds, «Nhập», the reports held for confirmation; an
untrusted certificate trusted with one button; a fetch stopped half-way. No SQL on the UI
thread (the network on a thread of its own, the database in the worker)."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from ttdn_desktop.core import rules
from ttdn_desktop.exchange.mail_secret import ENV
from ttdn_desktop.exchange.mail_trust import fingerprint
from ttdn_desktop.workspace import Workspace

from .ci_tools import needs
from .dovecot import running_dovecot
from .test_mail_fetch import three_layouts
from .test_mail_text import LAYOUTS
from .test_ui_agency import shot
from .uihelpers import UiThreadSql, active_window, preview_outcomes, set_up_secretariat, type_text

pytestmark = needs("dovecot")


@pytest.fixture
def server(monkeypatch):
    with running_dovecot() as dovecot:
        monkeypatch.setenv(ENV, dovecot.password)
        yield dovecot


@pytest.fixture
def window(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    set_up_secretariat(workspace, 8)
    main = active_window(qtbot, workspace)
    yield main
    dialog = getattr(main.secretariat_view, "mail_dialog", None)
    if dialog is not None and dialog.thread is not None:
        dialog.cancel.set()
        dialog.thread.join(30)
    main.close()
    workspace.close()


def _open_dialog(qtbot, window, server, cafile=True):
    view = window.secretariat_view
    assert window.mail_action.isVisible()
    window.mail_action.trigger()
    qtbot.waitUntil(lambda: getattr(view, "mail_dialog", None) is not None
                    and view.mail_dialog.isVisible(), timeout=20000)
    dialog = view.mail_dialog
    type_text(dialog.server, "localhost")
    dialog.port.setValue(server.tls_port)
    type_text(dialog.user, "btg")
    dialog.since.set_date(__import__("datetime").date(2021, 1, 1))
    if cafile:
        dialog.cafile.setText(str(server.authority.pem_path))
    return dialog


def _reports(db) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return sorted(con.execute("SELECT agency_code, period_code FROM reports"))


def test_fetched_mail_is_previewed_then_imported_and_a_pasted_report_waits(
        qtbot, window, server, form, tmp_path, monkeypatch):
    for data in three_layouts(form):
        server.deliver(data)
    server.deliver(LAYOUTS["outlook.eml"][0])  # a report pasted in the text: to confirm
    view = window.secretariat_view
    sql = UiThreadSql(window.workspace, monkeypatch)
    dialog = _open_dialog(qtbot, window, server)
    shot(dialog, "30-nhan-thu")
    dialog.start_button.click()
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.preview, timeout=30000)
    assert not dialog.isVisible()
    outcomes = preview_outcomes(view.preview)
    assert sorted(outcomes) == sorted([rules.NEW] * 3 + [rules.WORD]), outcomes
    assert _reports(tmp_path / "btg.sqlite3") == []  # the preview applied nothing
    names = [view.preview.table.item(r, 0).text() for r in range(len(outcomes))]
    assert any("Báo cáo SNGV.ttdn" in n and n.startswith("thư «") for n in names), names
    shot(window, "31-nhan-thu-xem-truoc")
    view.preview.apply_button.click()
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.tabs and not window.ops.busy,
                    timeout=30000)
    assert _reports(tmp_path / "btg.sqlite3") == [("CAT", "2021-H1"), ("SNGV", "2021-H1"),
                                                   ("STTTT", "2021-H1")]
    text = view.notice.label.text()
    assert "1 báo cáo nhận qua thư đang chờ xác nhận" in text, text
    assert [b.text() for b in view.notice.buttons] == ["Xác nhận…"]
    shot(window, "32-nhan-thu-da-nhap")
    assert sql.statements == []
    # opened again: what was imported is not offered again
    window.mail_action.trigger()
    qtbot.waitUntil(lambda: view.mail_dialog is not dialog and view.mail_dialog.isVisible(),
                    timeout=20000)
    again = view.mail_dialog
    assert again.server.text() == "localhost" and again.port.value() == server.tls_port
    assert again.cafile.text() == str(server.authority.pem_path)  # remembered
    again.start_button.click()
    qtbot.waitUntil(lambda: "Không có thư mới" in again.message.text(), timeout=30000)
    assert "4 thư đã nhận lần trước" in again.message.text()


def test_an_untrusted_certificate_is_trusted_with_one_button(qtbot, window, server, form,
                                                            tmp_path):
    server.deliver(three_layouts(form)[0])
    view = window.secretariat_view
    dialog = _open_dialog(qtbot, window, server, cafile=False)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.trust_button.isVisible(), timeout=30000)
    text = dialog.message.text()
    assert "không được tin cậy" in text and fingerprint(server.der) in text, text
    shot(dialog, "33-chung-chi-khong-tin-cay")
    dialog.trust_button.click()  # trusted, then fetched again
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.preview, timeout=30000)
    assert preview_outcomes(view.preview) == [rules.NEW]


def test_a_wrong_password_is_said_in_the_dialog(qtbot, window, server, form, monkeypatch):
    monkeypatch.setenv(ENV, "")
    server.deliver(three_layouts(form)[0])
    dialog = _open_dialog(qtbot, window, server)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: "Hãy gõ mật khẩu" in dialog.message.text(), timeout=30000)
    type_text(dialog.password, "sai")
    dialog.start_button.click()
    qtbot.waitUntil(lambda: "không nhận tên đăng nhập hay mật khẩu" in dialog.message.text(),
                    timeout=30000)
    assert dialog.password.text() == "" and dialog.start_button.isEnabled()


def test_a_fetch_stopped_half_way_imports_nothing(qtbot, window, server, form, tmp_path):
    for n in range(40):
        server.deliver(three_layouts(form)[0].replace(b"<SG2PR01MB2345", f"<m{n}".encode()))
    view = window.secretariat_view
    dialog = _open_dialog(qtbot, window, server)

    class Slow(threading.Event):
        """Each mail takes a while, as on an office's line: time to press «Dừng»."""
        def is_set(self):
            time.sleep(0.05)
            return super().is_set()

    dialog.cancel = Slow()
    dialog.start_button.click()
    qtbot.waitUntil(lambda: "Đang tải thư" in dialog.message.text(), timeout=20000)
    dialog.stop_button.click()
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=30000)
    assert "Đã dừng nhận thư; chưa nhập gì" in dialog.message.text()
    assert view.pages.currentWidget() is view.tabs
    assert _reports(tmp_path / "btg.sqlite3") == []
