"""Breakdowns that do not add up (the parts of a figure summing to other than its total): the
agency is asked before sending and sends only with a note; the secretariat sees the mismatch
and the note in the review, in the merge and in its sums."""

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.role import Role
from ttdn_desktop.exchange.package import read_package
from ttdn_desktop.ui import filedialogs
from ttdn_desktop.workspace import Workspace

from .helpers import package
from .uihelpers import _window, new_report, set_value

H1 = Period.parse("2021-H1")


def _mismatch(table):
    set_value(table, ("ban_an_pham", ""), "3800")
    set_value(table, ("ban_an_pham", "vi"), "3200")
    set_value(table, ("ban_an_pham", "en"), "500")


def test_agency_is_asked_before_sending_a_mismatch_and_can_send_with_a_note(
        qtbot, agency_window, tmp_path, monkeypatch):
    window = agency_window
    view = window.agency_view
    new_report(view, H1)
    view.show_section("g:an_pham")
    _mismatch(view.groups["an_pham"])
    chosen = []
    monkeypatch.setattr(filedialogs, "save_file", lambda *a, **k: chosen.append(a) or
                        str(tmp_path / "gui.ttdn"))
    view.show_section(f"s:{view.form.prose_sections[0].id}")
    window.package_action.trigger()  # Ctrl+E
    dialog = window.exports.mismatch_dialog
    assert dialog.isVisible() and "3.700" in dialog.findChild(type(dialog.error)).text()
    dialog.fix_button.click()  # back to the table, nothing written
    assert not chosen and view.section_key == "g:an_pham"
    window.package_action.trigger()
    dialog = window.exports.mismatch_dialog
    dialog.send_button.click()  # a note is asked for
    assert dialog.isVisible() and "giải thích" in dialog.error.text()
    dialog.note.setPlainText("Số tổng gồm 100 bản tiếng Pháp.")
    dialog.send_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "gui.ttdn").exists() and not window.ops.busy,
                    timeout=10000)
    package = read_package("gui.ttdn", (tmp_path / "gui.ttdn").read_bytes(),
                           window.workspace.forms)
    assert package.content.notes["ban_an_pham"] == "Số tổng gồm 100 bản tiếng Pháp."
    assert package.content.figures[("ban_an_pham", "")] == 3800


def test_secretariat_sees_the_mismatch_in_review_merge_and_sums(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    workspace.setup.first_start(Role.SECRETARIAT, {"number": "127"})
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    workspace.agencies.add("CAT", "Công an tỉnh")
    form = workspace.form
    odd = ReportContent({}, {("ban_an_pham", ""): 3800, ("ban_an_pham", "vi"): 3200,
                             ("ban_an_pham", "en"): 500}, {"ban_an_pham": "Gồm 100 bản Pháp"})
    fine = ReportContent({}, {("ban_an_pham", ""): 1000, ("ban_an_pham", "vi"): 1000})
    for name, code, body in (("a.ttdn", "SNGV", odd), ("b.ttdn", "CAT", fine)):
        (tmp_path / name).write_bytes(package(form, code=code, name=code, body=body))
    workspace.imports.run([tmp_path / "a.ttdn", tmp_path / "b.ttdn"])
    window = _window(qtbot, workspace)
    view = window.secretariat_view
    view.select_period(H1)
    window.ops.wait()
    merge = view.merge
    assert not merge.figures_flag.isHidden() and "Sở Ngoại vụ" in merge.figures_flag.text()
    assert merge.tabs.tabText(1) == "Số liệu ⚠"
    view.tabs.setCurrentWidget(merge)
    merge.tabs.setCurrentIndex(1)  # the table is filled when its tab is shown
    total = next(merge.figures.topLevelItem(n) for n in range(merge.figures.topLevelItemCount())
                 if "Số bản ấn phẩm" in merge.figures.topLevelItem(n).text(0))
    assert total.text(0).startswith("⚠") and total.text(2) == "4.800"
    assert "4.700" in total.toolTip(0) and "Sở Ngoại vụ" in total.toolTip(0)
    children = [total.child(n).text(0).strip() for n in range(total.childCount())]
    assert "⚠ Sở Ngoại vụ" in children and "Công an tỉnh" in children
    review = view.open_review("SNGV")
    window.ops.wait()  # read in the worker
    text = review.current.toPlainText()
    assert "⚠ các thành phần cộng lại 3.700, khác số tổng 3.800" in text
    assert "Gồm 100 bản Pháp" in text
    review.close()
    fine_review = view.open_review("CAT")
    window.ops.wait()
    assert "Công an" in fine_review.header.text()
    assert "⚠" not in fine_review.current.toPlainText()
    fine_review.close()
    window.close()
    workspace.close()
