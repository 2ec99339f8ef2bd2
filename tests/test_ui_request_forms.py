"""In the window, a request bringing a new form from a key not recorded is asked about, the
sender's key shown; the form is installed for this database only if the user says so
(issue 22, point 4)."""

from ttdn_desktop.core import trust
from ttdn_desktop.core.role import Role
from ttdn_desktop.storage import keyfile
from ttdn_desktop.workspace import Workspace

from .helpers import H1
from .test_request_forms import request, stored, write
from .uihelpers import active_window, set_up_agency


def _agency_window(qtbot, tmp_path, forms):
    (tmp_path / "don-vi").mkdir()
    workspace = Workspace(tmp_path / "don-vi" / "donvi.sqlite3", forms)
    set_up_agency(workspace)
    window = active_window(qtbot, workspace)
    window.ops.wait()
    return workspace, window


def _asked(qtbot, tmp_path, window):
    path = write(tmp_path, "de-nghi.ttdn", request(tmp_path, 9))
    window.import_paths([str(path)])
    window.ops.wait()
    qtbot.waitUntil(lambda: getattr(window, "form_confirmation", None) is not None)
    box = window.form_confirmation
    qtbot.waitUntil(box.isVisible)
    return box


def test_the_user_sees_the_senders_key_and_installs_the_form(qtbot, tmp_path, forms):
    workspace, window = _agency_window(qtbot, tmp_path, forms)
    box = _asked(qtbot, tmp_path, window)
    assert "mẫu báo cáo «ttdn-dinh-ky» phiên bản 9" in box.text()
    signer, _ = keyfile.load_or_create(keyfile.key_path(tmp_path / "ke-gia" / "x.sqlite3"))
    assert trust.short_form(signer.fingerprint) in box.informativeText()
    assert stored(workspace.path) == []  # nothing before the answer
    assert "chưa cài mẫu" in window.agency_view.notice.label.text()
    box.install_button.click()
    window.ops.wait()
    assert stored(workspace.path) == [("ttdn-dinh-ky", 9, "confirmed")]
    assert "cài cho cơ sở dữ liệu này" in window.agency_view.notice.label.text()
    window.close()
    workspace.close()


def test_declining_installs_nothing(qtbot, tmp_path, forms):
    workspace, window = _agency_window(qtbot, tmp_path, forms)
    box = _asked(qtbot, tmp_path, window)
    [declined] = [b for b in box.buttons() if b.text() == "Không cài"]
    declined.click()
    window.ops.wait()
    assert stored(workspace.path) == []
    assert workspace.reports.find("SNGV", H1) is None
    window.close()
    workspace.close()


def test_a_request_chosen_at_first_start_asks_before_its_form(qtbot, tmp_path, forms):
    """The first start reads a request to pick the agency; a new form in it from a key never
    seen is asked about once set-up is done, as in any import."""
    path = write(tmp_path, "de-nghi.ttdn", request(tmp_path, 9))
    (tmp_path / "don-vi").mkdir()
    workspace = Workspace(tmp_path / "don-vi" / "donvi.sqlite3", forms)
    window = active_window(qtbot, workspace)
    window.ops.wait()
    page = window.stack.currentWidget()
    page.use_request(path)  # read in the worker
    window.ops.wait()
    assert page.request is not None
    page.agency.setCurrentIndex(page.agency.findData("SNGV"))
    page.letterhead.inputs["superior_body"].setPlainText("UBND TỈNH LẠNG SƠN")
    page.letterhead.inputs["place"].setText("Lạng Sơn")
    page.letterhead.inputs["signer_name"].setText("Phạm Thị D")
    page.start.click()
    window.ops.wait()
    qtbot.waitUntil(lambda: getattr(window, "form_confirmation", None) is not None)
    box = window.form_confirmation
    qtbot.waitUntil(box.isVisible)
    assert stored(workspace.path) == [] and workspace.setup.own_agency == "SNGV"
    box.install_button.click()
    window.ops.wait()
    assert stored(workspace.path) == [("ttdn-dinh-ky", 9, "confirmed")]
    assert workspace.reports.find("SNGV", H1) is not None
    window.close()
    workspace.close()


def test_a_committee_previews_the_request_then_is_asked(qtbot, tmp_path, forms):
    """A province's secretariat receives the centre's first request, on a form it does not
    have: the preview lets it go on («Nhập»), then asks, the key shown."""
    path = write(tmp_path, "de-nghi-tw.ttdn", request(tmp_path, 9, machine="trung-uong"))
    (tmp_path / "tinh").mkdir()
    workspace = Workspace(tmp_path / "tinh" / "tinh.sqlite3", forms)
    workspace.setup.first_start(Role.SECRETARIAT, {})
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    window = active_window(qtbot, workspace)
    window.ops.wait()
    view = window.secretariat_view
    view.preview_files([str(path)])
    window.ops.wait()
    preview = view.preview
    assert preview.apply_button.isEnabled() and preview.apply_button.text() == "Nhập 1 tệp"
    assert stored(workspace.path) == []
    preview.apply_button.click()
    window.ops.wait()
    qtbot.waitUntil(lambda: getattr(view, "form_confirmation", None) is not None)
    box = view.form_confirmation
    qtbot.waitUntil(box.isVisible)
    assert "phiên bản 9" in box.text()
    box.install_button.click()
    window.ops.wait()
    assert stored(workspace.path) == [("ttdn-dinh-ky", 9, "confirmed")]
    assert workspace.upward.request(H1) is not None  # the request from above, taken
    window.close()
    workspace.close()
