"""The level above in the secretariat's window, with real widgets on real database files: the
bar under the period, sending upward, the stale flag, passing a request down, and the centre's
drill-down from a province into its members."""

from datetime import date

import pytest

from ttdn_desktop.core.forms import TOTAL
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.upward import CHANGED_LABEL
from ttdn_desktop.demo import (demo_agencies, demo_content, demo_signer, report_id_for,
                               write_demo_packages)
from ttdn_desktop.ui import filedialogs
from ttdn_desktop.ui.upward_panel import ForwardDialog, IdentityDialog
from ttdn_desktop.workspace import Workspace
from ttdn_desktop.core.role import Role

from .helpers import package
from .test_ui_agency import shot
from .uihelpers import active_window, preview_outcomes, set_up_secretariat

H1 = Period.parse("2021-H1")


def _window(qtbot, workspace):
    return active_window(qtbot, workspace, 1280, 800)


@pytest.fixture
def province(tmp_path, forms):
    workspace = Workspace(tmp_path / "tinh.sqlite3", forms)
    set_up_secretariat(workspace, 4)
    workspace.imports.run(write_demo_packages(workspace.form, tmp_path / "in", H1, 4))
    yield workspace
    workspace.close()


def _wait_idle(qtbot, view):
    view.ops.wait()  # every operation (and the refresh after it) done


def test_send_upward_then_stale_then_forward(qtbot, province, tmp_path, forms, monkeypatch):
    with Workspace(tmp_path / "tw.sqlite3", forms) as centre:
        centre.agencies.add("QNINH", "Tỉnh Quảng Ninh")
        (tmp_path / "req.ttdn").write_bytes(
            centre.files.request_bytes(H1, "QNINH", deadline=date(2021, 7, 5)))
    province.imports.run([tmp_path / "req.ttdn"])
    window = _window(qtbot, province)
    view = window.secretariat_view
    bar = view.upward
    _wait_idle(qtbot, view)
    assert bar.state == "none" and "hạn gửi lên <b>05/07/2021</b>" in bar.text.text()
    assert window.upward_action.isEnabled() and bar.forward_button.isEnabled()

    out = tmp_path / "gui-len.ttdn"
    monkeypatch.setattr(filedialogs, "save_file", lambda *a, **k: str(out))
    bar.export_button.click()  # the name up there came with the request: straight to the file
    _wait_idle(qtbot, view)
    assert out.exists() and bar.state == "current"
    assert "lần 1" in bar.text.text() and "lần 1" in view.notice.label.text()
    shot(window, "40-da-gui-len-cap-tren")

    body = demo_content(province.form, "SNGV", "Sở Ngoại vụ", H1, revision=2)
    (tmp_path / "sngv-2.ttdn").write_bytes(package(
        province.form, "SNGV", "Sở Ngoại vụ", report_id=report_id_for("SNGV", H1), revision=2,
        supersedes=1, body=body, signer=demo_signer("SNGV")))  # a sample, as lần 1: not held
    province.imports.run([tmp_path / "sngv-2.ttdn"])
    view.refresh()
    _wait_idle(qtbot, view)
    assert bar.state == "stale"
    assert CHANGED_LABEL in bar.text.text() and "Sở Ngoại vụ: lần 1 → lần 2" in bar.text.text()
    assert "Sở Ngoại vụ: lần 1 → lần 2" in bar.toolTip()
    shot(window, "41-da-thay-doi-sau-khi-gui-len")

    bar.export_button.click()
    _wait_idle(qtbot, view)
    assert bar.state == "current" and "lần 2" in bar.text.text()

    forward = tmp_path / "de-nghi-xuong.ttdn"
    monkeypatch.setattr(filedialogs, "save_file", lambda *a, **k: str(forward))
    bar.forward_button.click()
    _wait_idle(qtbot, view)  # the request from above is read in the worker
    dialog = view.findChild(ForwardDialog)
    assert dialog.chosen_deadline().isoformat() == "2021-06-28"  # a week before the one above
    shot(dialog, "42-chuyen-de-nghi-xuong")
    dialog.accept()
    _wait_idle(qtbot, view)
    assert forward.exists() and "hạn gửi 28/06/2021" in view.notice.label.text()
    view.write_forward(str(tmp_path / "muon.ttdn"), date(2021, 7, 9))
    _wait_idle(qtbot, view)
    assert "phải trước hạn gửi lên cấp trên (05/07/2021)" in view.notice.label.text()
    assert not (tmp_path / "muon.ttdn").exists()
    window.close()


def test_identity_asked_when_unknown(qtbot, province, tmp_path, monkeypatch):
    window = _window(qtbot, province)
    view = window.secretariat_view
    out = tmp_path / "up.ttdn"
    monkeypatch.setattr(filedialogs, "save_file", lambda *a, **k: str(out))
    view.choose_upward_export()
    _wait_idle(qtbot, view)
    dialog = view.findChild(IdentityDialog)
    dialog.code.setText("qninh")
    dialog.name.setText("Tỉnh Quảng Ninh")
    dialog.accept()
    _wait_idle(qtbot, view)
    assert out.exists() and province.upward.identity() == ("QNINH", "Tỉnh Quảng Ninh")
    window.close()


def test_centre_figures_open_onto_provinces_and_their_members(qtbot, province, tmp_path, forms):
    province.upward.set_identity("QNINH", "Tỉnh Quảng Ninh")
    province.files.upward_package(H1, tmp_path / "qn.ttdn")
    with Workspace(tmp_path / "tw.sqlite3", forms) as centre:
        centre.setup.first_start(Role.SECRETARIAT, {})
        centre.agencies.add("QNINH", "Tỉnh Quảng Ninh")
        centre.agencies.add("TNGUYEN", "Tỉnh Thái Nguyên")
        window = _window(qtbot, centre)
        view = window.secretariat_view
        _wait_idle(qtbot, view)
        window.import_paths([str(tmp_path / "qn.ttdn")])  # through the preview, as any package
        qtbot.waitUntil(lambda: view.pages.currentWidget() is view.preview, timeout=20000)
        assert preview_outcomes(view.preview) == ["new"]
        view.preview.apply_button.click()
        qtbot.waitUntil(lambda: view.pages.currentWidget() is view.tabs and not view.ops.busy,
                        timeout=20000)
        assert "<b>1/2</b>" in view.dashboard.summary.text()
        review = view.open_review("QNINH")
        assert review.isVisible()
        review.close()
        view.tabs.setCurrentWidget(view.merge)
        view.merge.tabs.setCurrentIndex(1)
        tree = view.merge.figures
        item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                    if tree.topLevelItem(i).text(0).startswith("Số bản ấn phẩm"))
        item.setExpanded(True)
        qninh = item.child(0)
        assert qninh.text(0).strip() == "Tỉnh Quảng Ninh"
        total = province.merge.consolidation(H1).totals[("ban_an_pham", TOTAL)]
        assert qninh.text(2) == f"{total:,}".replace(",", ".")
        names = [qninh.child(n).text(0).strip() for n in range(qninh.childCount())]
        assert names == [name for _, name in demo_agencies(4)]
        assert qninh.child(0).text(2) == "9.000"  # Sở Ngoại vụ's own bulletin
        qninh.setExpanded(True)
        tree.scrollToItem(qninh)
        shot(window, "43-trung-uong-chi-tiet-theo-tinh")
        window.close()
