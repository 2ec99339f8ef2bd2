"""Last year's figures typed by hand where no report of last year is known: marked as typed,
sent in the package and summed by the secretariat; a figure read from last year's own report
is not typed over."""

from PySide6.QtCore import Qt

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.role import Role
from ttdn_desktop.exchange.package import read_package
from ttdn_desktop.ui import filedialogs
from ttdn_desktop.ui.figures_editor import LAST
from ttdn_desktop.workspace import Workspace

from .uihelpers import new_report, press, set_value, type_text

H1 = Period.parse("2021-H1")


def test_last_year_typed_where_none_is_known_carried_and_summed(qtbot, agency_window, tmp_path,
                                                                 monkeypatch, forms):
    window = agency_window
    view = window.agency_view
    new_report(view, H1)
    view.show_section("g:an_pham")
    table = view.groups["an_pham"]
    key = ("ban_an_pham", "")
    row = table.rows.index(key)
    cell = table.item(row, LAST)
    assert cell.flags() & Qt.ItemFlag.ItemIsEditable and cell.font().italic()
    set_value(table, key, "3800")
    table.setCurrentCell(row, LAST)
    type_text(table, "3500")
    press(table, Qt.Key.Key_Return)
    assert cell.text() == "3.500" and view.typed_last_year == {key: 3500}
    window.save_action.trigger()
    monkeypatch.setattr(filedialogs, "save_file", lambda *a, **k: str(tmp_path / "p.ttdn"))
    window.package_action.trigger()
    qtbot.waitUntil(lambda: (tmp_path / "p.ttdn").exists() and not window.ops.busy,
                    timeout=10000)
    data = (tmp_path / "p.ttdn").read_bytes()
    assert read_package("p.ttdn", data, forms).content.last_year == {key: 3500}

    secretariat = Workspace(tmp_path / "btg.sqlite3", forms)
    secretariat.setup.first_start(Role.SECRETARIAT, {"number": "127"})
    secretariat.agencies.add("SNGV", "Sở Ngoại vụ")
    secretariat.imports.run([tmp_path / "p.ttdn"])
    merged = secretariat.merge.consolidation(H1)
    assert merged.last_year[key] == 3500 and key in merged.last_year_typed
    secretariat.close()


def test_last_year_from_a_report_is_not_typed_over(qtbot, agency_window):
    window = agency_window
    view = window.agency_view
    last = new_report(view, Period.parse("2020-H1"))
    view.show_section("g:an_pham")
    set_value(view.groups["an_pham"], ("ban_an_pham", ""), "3000")
    view.save_now()
    window.ops.wait()  # the save is written by the worker
    assert last
    new_report(view, H1)
    view.show_section("g:an_pham")
    table = view.groups["an_pham"]
    cell = table.item(table.rows.index(("ban_an_pham", "")), LAST)
    assert cell.text() == "3.000" and not cell.flags() & Qt.ItemFlag.ItemIsEditable
