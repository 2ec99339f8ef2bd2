"""The first start over a database that already holds settings (made by `ttdn demo`, `ttdn
settings set`, a restored backup): the setup page shows them and saving keeps them. A request
package chosen at the first start names the agency, and the role and the agency can be changed
later in the settings."""

import threading
from datetime import date

from docx import Document
from docx.shared import Mm
from PySide6.QtWidgets import QGroupBox, QLabel, QToolBar

from ttdn_desktop.cli import main
from ttdn_desktop.core import trust
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.role import Role
from ttdn_desktop.core.signer import Signer
from ttdn_desktop.export import template
from ttdn_desktop.export.template import build_default_template, template_margins_mm
from ttdn_desktop.storage import keys as key_store
from ttdn_desktop.workspace import Workspace

from .uihelpers import (_window, active_window, set_up_agency, set_up_secretariat,
                        settings_dialog)

H1 = Period.parse("2021-H1")
SIGNER = "Nguyễn Văn Bình"


def _cli_database(tmp_path, capsys):
    """A database as the command line leaves it: the demo's members and settings, and the
    signer's name set by hand; nobody has said yet who uses it."""
    db = str(tmp_path / "dongmoi.sqlite3")
    assert main(["--db", db, "demo", str(tmp_path / "goi"), "--period", "2021-H1"]) == 0
    assert main(["--db", db, "settings", "set", "signer_name", SIGNER]) == 0
    capsys.readouterr()
    return db


def _docx_text(path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _setup_page(qtbot, workspace):
    window = active_window(qtbot, workspace, 1366, 768)
    page = window.stack.currentWidget()
    assert workspace.setup.role is None and hasattr(page, "letterhead")
    return window, page


def test_setup_page_shows_what_the_command_line_stored_and_keeps_it(qtbot, tmp_path, forms,
                                                                     capsys):
    db = _cli_database(tmp_path, capsys)
    workspace = Workspace(db, forms)
    stored = workspace.setup.letterhead()
    assert stored.signing_capacity == "K/T TRƯỞNG BAN"
    window, page = _setup_page(qtbot, workspace)
    shown = page.letterhead.raw_values()
    # what the database holds is shown, not asked for again
    assert shown["superior_body"] == "ĐẢNG BỘ TỈNH QUẢNG NINH"
    assert shown["place"] == "Quảng Ninh"
    assert shown["signing_capacity"] == "K/T TRƯỞNG BAN"
    assert shown["signer_title"] == "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"
    assert shown["signer_name"] == SIGNER
    page.secretariat_role.setChecked(True)
    assert page.letterhead.raw_values()["signer_title"] == "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"
    page.finish()
    window.ops.wait()
    assert workspace.setup.role == Role.SECRETARIAT and window.secretariat_view is not None
    kept = workspace.setup.letterhead()
    assert (kept.superior_body, kept.place, kept.signing_capacity, kept.signer_title,
            kept.signer_name, kept.member_superior_body) == (
        stored.superior_body, stored.place, stored.signing_capacity, stored.signer_title,
        stored.signer_name, stored.member_superior_body)
    # «Xuất Word» has its signer
    out = tmp_path / "tong-hop.docx"
    workspace.files.report_docx(H1, out)
    text = _docx_text(out)
    assert "K/T TRƯỞNG BAN" in text and "PHÓ TRƯỞNG BAN THƯỜNG TRỰC" in text and SIGNER in text
    window.close()
    workspace.close()


def test_a_database_with_a_member_list_starts_as_the_secretariats(qtbot, tmp_path, forms,
                                                                   capsys):
    """`ttdn demo` then `ttdn import` (the README's trial) left a member list and the
    secretariat's letterhead, yet the page proposed a member agency: «Bắt đầu» asked which
    agency, and the agency's form showed the secretariat's signer under an agency's layout."""
    db = _cli_database(tmp_path, capsys)
    workspace = Workspace(db, forms)
    stored = workspace.setup.letterhead()
    window, page = _setup_page(qtbot, workspace)
    assert page.secretariat_role.isChecked() and not page.agency_box.isEnabled()
    assert page.letterhead.raw_values()["issuing_body"] == stored.issuing_body
    page.start.click()  # nothing changed: started as it is
    window.ops.wait()
    assert workspace.setup.role == Role.SECRETARIAT and window.secretariat_view is not None
    assert workspace.setup.letterhead() == stored
    window.close()
    workspace.close()
    # a database with no member list (a member agency's new copy) still proposes an agency
    with Workspace(tmp_path / "moi.sqlite3", forms) as fresh:
        window, page = _setup_page(qtbot, fresh)
        assert page.agency_role.isChecked()
        window.close()


def test_setup_as_an_agency_over_stored_settings_blanks_none(qtbot, tmp_path, forms, capsys):
    db = _cli_database(tmp_path, capsys)
    workspace = Workspace(db, forms)
    window, page = _setup_page(qtbot, workspace)
    page.agency_role.setChecked(True)  # the member list proposes the secretariat
    page.agency.setCurrentIndex(page.agency.findData("SNGV"))
    shown = page.letterhead.raw_values()
    # the agency's own wording fills what the database does not hold; what it holds stays
    assert shown["code"] == "BC-SNGV" and shown["signer_title"] == "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"
    page.letterhead.inputs["signer_name"].setText("Trần Thị Hoa")  # one field changed
    page.finish()
    window.ops.wait()
    assert (workspace.setup.role, workspace.setup.own_agency) == (Role.AGENCY, "SNGV")
    kept = workspace.setup.letterhead()
    assert kept.signer_name == "Trần Thị Hoa"
    assert kept.signing_capacity == "K/T TRƯỞNG BAN"
    assert kept.signer_title == "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"
    assert kept.superior_body == "ĐẢNG BỘ TỈNH QUẢNG NINH"
    window.close()
    workspace.close()


def test_first_start_takes_the_agency_from_the_request_package(qtbot, tmp_path, forms):
    secretariat = Workspace(tmp_path / "btg.sqlite3", forms)
    secretariat.setup.first_start(Role.SECRETARIAT, {"number": "127"})
    for code, name in (("SNGV", "Sở Ngoại vụ"), ("CAT", "Công an tỉnh"), ("XA01", "UBND xã A")):
        secretariat.agencies.add(code, name)
    period = Period.parse("2025-H2")
    request = tmp_path / "de-nghi.ttdn"
    request.write_bytes(secretariat.files.request_bytes(period, "CAT", date(2025, 12, 12)))
    secretariat.close()

    workspace = Workspace(tmp_path / "donvi.sqlite3", forms)
    window = _window(qtbot, workspace)
    page = window.stack.currentWidget()
    starter = [page.agency.itemText(n) for n in range(page.agency.count())]
    assert "Sở Văn hóa, Thể thao và Du lịch (SVHTTDL)" in starter  # the shipped list
    assert page.request_button.isEnabled()
    page.use_request(request)  # read in the worker
    window.ops.wait()
    assert page.request is not None
    listed = [page.agency.itemData(n) for n in range(page.agency.count())]
    assert sorted(listed[1:4]) == ["CAT", "SNGV", "XA01"] and page.agency.currentData() == "CAT"
    assert "12/12/2025" in page.request_info.text()
    values = page.letterhead.raw_values()
    assert values["issuing_body"] == "CÔNG AN TỈNH"
    assert not values["superior_body"] and not values["place"] and not values["signer_name"]
    page.letterhead.inputs["superior_body"].setPlainText("UBND TỈNH LẠNG SƠN")
    page.letterhead.inputs["place"].setText("Lạng Sơn")
    page.start.click()
    window.ops.wait()  # written by the worker
    assert workspace.setup.role == "agency" and workspace.setup.own_agency == "CAT"
    assert workspace.reports.of("CAT", period) is not None  # the request was applied
    assert workspace.periods.dates(period).deadline == date(2025, 12, 12)
    stored = " ".join(row["value"] for row in workspace.db.query("SELECT value FROM settings"))
    assert "QUẢNG NINH" not in stored.upper() and "Nguyễn Văn A" not in stored
    window.close()
    workspace.close()


def test_role_and_agency_changed_later_in_settings(qtbot, agency_window):
    window = agency_window
    workspace = window.workspace
    workspace.agencies.add("CAT", "Công an tỉnh")
    window.settings_action.trigger()
    window.ops.wait()
    dialog = window.commands.settings_dialog
    dialog.role.agency.setCurrentIndex(dialog.role.agency.findData("CAT"))
    dialog.save()
    window.ops.wait()
    assert workspace.setup.own_agency == "CAT" and "Công an tỉnh" in window.windowTitle()
    window.settings_action.trigger()
    window.ops.wait()
    dialog = window.commands.settings_dialog
    dialog.role.secretariat_role.setChecked(True)
    dialog.save()
    window.ops.wait()
    assert workspace.setup.role == Role.SECRETARIAT and window.secretariat_view is not None
    assert window.agency_view is None
    window.settings_action.trigger()
    window.ops.wait()
    dialog = window.commands.settings_dialog
    dialog.role.agency_role.setChecked(True)
    dialog.role.agency.setCurrentIndex(dialog.role.agency.count() - 1)
    dialog.role.new_code.setText("XA07")
    dialog.save()  # a new agency needs its name: said, nothing changed
    window.ops.wait()
    assert "tên đơn vị" in dialog.error.text() and workspace.setup.role == Role.SECRETARIAT
    dialog.role.new_name.setText("UBND xã Bảy")
    dialog.save()
    window.ops.wait()
    assert (workspace.setup.role, workspace.setup.own_agency) == (Role.AGENCY, "XA07")
    assert window.agency_view is not None


def _menu_texts(window) -> list[str]:
    """Every item a user sees in the menus (visible, enabled or not)."""
    texts = []
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.isVisible() and not action.isSeparator():
                texts.append(action.text().replace("&", ""))
    return texts


SECRETARIAT_ONLY = ("Gửi đề nghị báo cáo…", "Gửi báo cáo tổng hợp lên cấp trên…",
                    "Chuyển đề nghị của cấp trên xuống các đơn vị…", "Tên gọi ở cấp trên…")


def test_an_agency_sees_no_secretariat_only_menu_items(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "donvi.sqlite3", forms)
    set_up_agency(workspace)
    window = active_window(qtbot, workspace)
    texts = _menu_texts(window)
    assert "Xuất Word…" in texts and "Khóa ký và đối chiếu…" in texts
    assert [t for t in SECRETARIAT_ONLY if t in texts] == []
    # the role changes to the secretariat: its items are there, and usable
    window.settings_action.trigger()
    window.ops.wait()
    window.commands.settings_dialog.role.secretariat_role.setChecked(True)
    window.commands.settings_dialog.save()
    window.ops.wait()
    assert window.secretariat_view is not None
    texts = _menu_texts(window)
    assert [t for t in SECRETARIAT_ONLY if t not in texts] == []
    assert window.request_action.isEnabled() and window.upward_action.isEnabled()
    # the agency's own «Xuất gói gửi» is not the secretariat's: gone from its menu and toolbar,
    # not greyed there (a new user took it for a button that did not work yet)
    assert "Xuất gói gửi…" not in texts and not _toolbar_shows(window, window.package_action)
    window.close()
    workspace.close()


def _toolbar_shows(window, action) -> bool:
    toolbar = window.findChild(QToolBar, "main-toolbar")
    button = toolbar.widgetForAction(action)
    return button is not None and button.isVisible()


def test_an_agency_has_its_package_item(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "donvi.sqlite3", forms)
    set_up_agency(workspace)
    window = active_window(qtbot, workspace)
    window.ops.wait()
    assert "Xuất gói gửi…" in _menu_texts(window) and _toolbar_shows(window, window.package_action)
    window.close()
    workspace.close()


def _dialog_words(dialog) -> str:
    return "\n".join([box.title() for box in dialog.findChildren(QGroupBox) if box.isVisible()]
                     + [label.text() for label in dialog.findChildren(QLabel)
                        if label.isVisible()])


def test_an_agencys_keys_window_talks_about_its_own_key(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "donvi.sqlite3", forms)
    set_up_agency(workspace)
    window = active_window(qtbot, workspace)
    window.keys_action.trigger()
    dialog = window.commands.keys_dialog
    qtbot.waitUntil(dialog.isVisible)
    window.ops.wait()
    words = _dialog_words(dialog)
    assert workspace.keys.own()["short"] in words
    assert "cơ quan thường trực" in words  # who will ask for it on the phone
    # nothing about recording the members' keys: an agency records none
    assert "của một đơn vị" not in words and "Khóa đã ghi nhận" not in words
    assert not dialog.keys.isVisible()
    # and the window as tall as its own key, not an empty box under it
    assert dialog.height() <= dialog.layout().totalHeightForWidth(dialog.width())
    dialog.close()
    # the secretariat's key, once a signed request has come: shown as the secretariat's
    secretariat = Signer.generate()
    with workspace.db.atomic():
        key_store.pin(workspace.db, trust.SECRETARIAT, secretariat.public_key,
                      secretariat.fingerprint, first_file="de-nghi.ttdn")
    window.keys_action.trigger()
    dialog = window.commands.keys_dialog
    qtbot.waitUntil(dialog.isVisible)
    window.ops.wait()
    assert dialog.keys.isVisible() and dialog.keys.rowCount() == 1
    words = _dialog_words(dialog)
    assert "Khóa của cơ quan thường trực" in words and "của một đơn vị" not in words
    dialog.close()
    window.close()
    workspace.close()


def test_the_secretariats_keys_window_still_records_the_members_keys(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    set_up_secretariat(workspace, 2)
    window = active_window(qtbot, workspace)
    window.keys_action.trigger()
    dialog = window.commands.keys_dialog
    qtbot.waitUntil(dialog.isVisible)
    window.ops.wait()
    words = _dialog_words(dialog)
    assert "Khóa đã ghi nhận của nơi gửi gói đến" in words and dialog.keys.isVisible()
    dialog.close()
    window.close()
    workspace.close()


def test_margin_fields_show_the_margins_that_apply(qtbot, tmp_path, workspace, monkeypatch):
    read_in = []  # a Word template is read in the worker, never on the UI thread
    monkeypatch.setattr(template, "template_margins_mm", lambda *a: read_in.append(
        threading.current_thread()) or template_margins_mm(*a))
    dialog = settings_dialog(qtbot, workspace)
    inputs = dialog.form.inputs
    left, top, right, bottom = template_margins_mm()  # the Word template shipped
    for side, value in (("left", left), ("top", top), ("right", right), ("bottom", bottom)):
        assert inputs[f"margin_{side}"].text() == ""
        assert inputs[f"margin_{side}"].placeholderText().startswith(f"{value:g} mm")
    # a committee's own template: its margins are the ones that apply
    own = build_default_template()
    own.sections[0].left_margin = Mm(25)
    path = tmp_path / "mau-rieng.docx"
    own.save(str(path))
    inputs["template"].setText(str(path))
    inputs["template"].editingFinished.emit()
    dialog.ops.wait()
    assert inputs["margin_left"].placeholderText().startswith("25 mm")
    assert inputs["margin_top"].placeholderText().startswith(f"{top:g} mm")
    dialog.form.inputs["margin_left"].setText("28")
    dialog.save()
    dialog.ops.wait()
    assert workspace.setup.letterhead().margin_left == "28" and workspace.setup.letterhead().margin_top == ""
    # opened again on that template, its margins are shown from the start
    again = settings_dialog(qtbot, workspace)
    assert again.form.inputs["margin_left"].text() == "28"
    assert again.form.inputs["margin_right"].placeholderText().startswith(f"{right:g} mm")
    assert read_in and threading.main_thread() not in read_in
