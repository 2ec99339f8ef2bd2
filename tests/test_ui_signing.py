"""Signatures in the window: the preview's signature column, the notice after an import, the
keys window (confirm by phone, accept a new key, take one package as it is), the dashboard."""

import io
import json
import zipfile

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from ttdn_desktop.core import rules
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.signer import Signer
from ttdn_desktop.demo import report_id_for, write_demo_packages
from ttdn_desktop.exchange.signing import MEMBER
from ttdn_desktop.ui import filedialogs
from ttdn_desktop.ui.dashboard import SIGNATURE_COLUMN as BOARD_SIGNATURE
from ttdn_desktop.ui.import_preview import SIGNATURE_COLUMN
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.workspace import Workspace

from .helpers import content, own_signer, package
from .test_ui_agency import shot
from .uihelpers import active_window, preview_outcomes, set_up_agency, set_up_secretariat

H1 = Period.parse("2021-H1")


@pytest.fixture
def window(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    set_up_secretariat(workspace, 4)
    main = active_window(qtbot, workspace, 1400, 860)
    yield main
    main.close()
    workspace.close()


def _preview(qtbot, window, paths):
    view = window.secretariat_view
    window.import_paths([str(p) for p in paths])
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.preview, timeout=20000)
    table = view.preview.table
    return [table.item(r, SIGNATURE_COLUMN).text() for r in range(table.rowCount())]


def _apply(qtbot, window):
    view = window.secretariat_view
    view.preview.apply_button.click()
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.tabs and not window.ops.busy,
                    timeout=20000)


def _yes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))


def test_preview_shows_every_file_signature_and_the_keys_window_settles_them(
        qtbot, window, tmp_path, form, monkeypatch):
    view = window.secretariat_view
    signed = write_demo_packages(form, tmp_path / "in", H1, 3, signer=own_signer)
    old = tmp_path / "cu.ttdn"  # as versions before signatures wrote them
    old.write_bytes(package(form, "BXTDT", "Ban Xúc tiến và Hỗ trợ đầu tư tỉnh"))
    cells = _preview(qtbot, window, signed + [old])
    sngv = own_signer("SNGV").short
    assert cells[0] == f"khóa mới, cần gọi điện đối chiếu: {sngv}"
    assert cells[3] == "không có chữ ký"
    assert "3 khóa ký mới sẽ được ghi nhận" in view.preview.title.text()
    assert window.workspace.keys.pinned() == []  # the preview pins nothing
    shot(window, "50-xem-truoc-chu-ky")
    _apply(qtbot, window)
    assert "Đã ghi nhận khóa ký mới của 3 nơi gửi" in view.notice.label.text()
    assert sngv in view.notice.label.text()

    # the agency reinstalled: its next report comes signed by another key; and a forger
    # cut the signature off a second one
    members = {}
    resent = write_demo_packages(form, tmp_path / "lan2", H1, 1, revision=2)[0]
    with zipfile.ZipFile(resent) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    del members[MEMBER]
    new_key = Signer.generate()
    members[MEMBER] = new_key.sign_members(members)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    reinstalled = tmp_path / "cai-lai.ttdn"
    reinstalled.write_bytes(buffer.getvalue())
    cells = _preview(qtbot, window, [reinstalled])
    assert cells == [f"✗ khác khóa đã ghi nhận: {new_key.short}"]
    assert preview_outcomes(view.preview) == [rules.SIGNATURE]
    detail = view.preview.table.item(0, SIGNATURE_COLUMN + 1).text()
    assert "chữ ký không khớp với khóa đã ghi nhận của đơn vị" in detail
    shot(window, "51-xem-truoc-khac-khoa")
    _apply(qtbot, window)
    assert "1 gói bị giữ lại vì chữ ký" in view.notice.label.text()
    window.ops.wait()
    assert "giữ lại vì chữ ký 1" in view.dashboard.summary.text()  # until it is settled
    [button] = view.notice.buttons
    button.click()
    dialog = window.commands.keys_dialog
    qtbot.waitUntil(dialog.isVisible)
    window.ops.wait()
    assert dialog.keys.rowCount() == 3 and dialog.held.rowCount() == 1
    assert dialog.selected_key()["party"] == "SNGV"  # the sender of what was held
    assert window.workspace.keys.own()["short"] in dialog.own_label.text()
    shot(dialog, "52-khoa-ky")

    dialog.confirm_button.click()
    window.ops.wait()
    assert window.workspace.keys.pinned()[[k["party"] for k in window.workspace.keys.pinned()]
                                          .index("SNGV")]["confirmed_at"]
    dialog.held.selectRow(0)
    assert dialog.accept_key_button.isEnabled()
    _yes(monkeypatch)
    dialog.accept_key_button.click()
    window.ops.wait()
    assert dialog.held.rowCount() == 0 and not dialog.held_box.isVisible()
    report = window.workspace.reports.of("SNGV", H1)
    assert report["current_revision"] == 2
    dialog.history.setChecked(True)
    window.ops.wait()
    states = [dialog.keys.item(r, 4).text() for r in range(dialog.keys.rowCount())]
    assert "đã thay bằng khóa mới" in states
    dialog.close()
    window.ops.wait()

    board = view.dashboard
    assert "giữ lại vì chữ ký" not in board.summary.text()
    signatures = {board.model.item(r, 1).text(): board.model.item(r, BOARD_SIGNATURE).text()
                  for r in range(board.model.rowCount())}
    assert signatures["SNGV"] == "✓ đã ký, khóa đã đối chiếu"  # accepted after a phone call
    assert signatures["STTTT"] == "đã ký, khóa chưa gọi điện đối chiếu"
    assert signatures["BXTDT"] == "không có chữ ký"
    assert signatures["TTTT"] == "đã ký, khóa chưa gọi điện đối chiếu"
    shot(window, "53-tinh-hinh-nop-chu-ky")


def test_tampered_package_shows_an_invalid_signature(qtbot, window, tmp_path, form):
    signed = write_demo_packages(form, tmp_path / "in", H1, 1)[0]
    with zipfile.ZipFile(signed) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest["revision"] = 3
    members["manifest.json"] = json.dumps(manifest).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    forged = tmp_path / "sua.ttdn"
    forged.write_bytes(buffer.getvalue())
    assert _preview(qtbot, window, [forged]) == ["✗ chữ ký không hợp lệ"]
    assert preview_outcomes(window.secretariat_view.preview) == [rules.REJECTED]


def test_unsigned_package_held_once_a_key_is_pinned_then_taken_as_it_is(
        qtbot, window, tmp_path, form, monkeypatch):
    _preview(qtbot, window, write_demo_packages(form, tmp_path / "in", H1, 1,
                                                signer=own_signer))
    _apply(qtbot, window)
    unsigned = tmp_path / "khong-ky.ttdn"
    unsigned.write_bytes(package(form, report_id=report_id_for("SNGV", H1), revision=2,
                                 supersedes=1, body=content("Gửi từ máy khác.")))
    assert _preview(qtbot, window, [unsigned]) == ["✗ không có chữ ký (đơn vị đã có khóa)"]
    _apply(qtbot, window)
    window.open_keys()
    dialog = window.commands.keys_dialog
    window.ops.wait()
    dialog.held.selectRow(0)
    assert not dialog.accept_key_button.isEnabled()  # no key to accept: only the package
    _yes(monkeypatch)
    dialog.accept_one_button.click()
    window.ops.wait()
    assert window.workspace.reports.of("SNGV", H1)["current_revision"] == 2
    assert window.workspace.held.for_signature() == []
    dialog.close()


def test_agency_records_the_secretariat_key_from_its_first_request(qtbot, tmp_path, forms):
    # two installations: two folders, two key files
    with Workspace(tmp_path / "ban" / "ttdn.sqlite3", forms) as secretariat:
        secretariat.agencies.add("SNGV", "Sở Ngoại vụ")
        request = tmp_path / "de-nghi.ttdn"
        request.write_bytes(secretariat.files.request_bytes(H1))
        expected = secretariat.keys.own()["short"]
    workspace = Workspace(tmp_path / "donvi" / "ttdn.sqlite3", forms)
    set_up_agency(workspace, "SNGV", "Sở Ngoại vụ")
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.show()
    main.import_paths([str(request)])
    main.ops.wait()
    notice = main.agency_view.notice
    assert "khóa mới được ghi nhận" in notice.label.text() and expected in notice.label.text()
    [button] = notice.buttons
    button.click()
    dialog = main.commands.keys_dialog
    main.ops.wait()
    assert dialog.keys.item(0, 1).text() == expected
    assert dialog.keys.item(0, 0).text().startswith("Cơ quan gửi đề nghị báo cáo")
    dialog.close()
    main.close()
    workspace.close()


def test_export_and_restore_the_key_from_the_keys_window(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "usb" / "khoa.ttdnkey"
    answers = iter(["mật khẩu dài", "mật khẩu dài", "mật khẩu sai"])
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: (next(answers), True)))
    monkeypatch.setattr(filedialogs, "save_file", lambda *a, **k: str(target))
    monkeypatch.setattr(filedialogs, "open_file", lambda *a, **k: str(target))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text: warnings.append(
        text)))
    _yes(monkeypatch)
    window.open_keys()
    dialog = window.commands.keys_dialog
    window.ops.wait()
    before = window.workspace.keys.own()
    dialog.export_key()
    window.ops.wait()
    assert window.workspace.keys.file_sealed(target)
    dialog.restore_key()  # the wrong passphrase: told, nothing replaced
    window.ops.wait()
    assert warnings and "Mật khẩu không đúng" in warnings[0]
    assert window.workspace.keys.own() == before
    dialog.close()


def test_the_keys_window_names_the_member_whose_key_signed_another_members_package(
        qtbot, window, tmp_path, form, monkeypatch):
    """One member's key on another's package (issue 22): held, and accepting it for the second
    member is asked in words naming the first."""
    ttt = own_signer("STTTT")
    first, posing = tmp_path / "stttt.ttdn", tmp_path / "sngv.ttdn"
    first.write_bytes(package(form, "STTTT", "Sở Thông tin và Truyền thông", signer=ttt))
    posing.write_bytes(package(form, signer=ttt))
    _preview(qtbot, window, [first])
    _apply(qtbot, window)
    assert _preview(qtbot, window, [posing]) == [f"✗ khóa của đơn vị khác: {ttt.short}"]
    _apply(qtbot, window)
    window.open_keys()
    dialog = window.commands.keys_dialog
    window.ops.wait()
    dialog.held.selectRow(0)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda _parent, _title, text, *a: asked.append(text) or QMessageBox.StandardButton.No))
    dialog.accept_key_button.click()
    window.ops.wait()
    assert "Sở Thông tin và Truyền thông (STTTT)" in asked[0] and "dùng chung" in asked[0]
    assert [k["party"] for k in window.workspace.keys.pinned()] == ["STTTT"]
    _yes(monkeypatch)
    dialog.accept_key_button.click()
    window.ops.wait()
    assert sorted(k["party"] for k in window.workspace.keys.pinned()) == ["SNGV", "STTTT"]
    assert window.workspace.reports.of("SNGV", H1)["current_revision"] == 1
    dialog.close()
