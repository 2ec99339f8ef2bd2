"""The merge view marks an agency's part whose text states a figure its own statistics
contradict: ⚠ before it, both figures in its tip above the paragraph, the section marked too;
the check runs in the worker (no SQL on the UI thread)."""

from PySide6.QtCore import Qt

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.storage.consolidated import merge_orders
from ttdn_desktop.demo import demo_signer, write_demo_packages
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.workspace import Workspace

from .helpers import SEED_BROCHURE, package
from .test_prose_check import BROCHURE
from .uihelpers import UiThreadSql, set_up_secretariat

H1 = Period.parse("2021-H1")


def _entries(merge) -> dict:
    items = [merge.contributions.item(r) for r in range(merge.contributions.count())]
    return {item.data(Qt.ItemDataRole.UserRole): item for item in items}


def test_the_merge_view_flags_a_paragraph_its_agency_figures_contradict(qtbot, tmp_path, forms,
                                                                        monkeypatch):
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    set_up_secretariat(workspace, 2)
    workspace.imports.run(write_demo_packages(workspace.form, tmp_path / "in", H1, 2))
    workspace.agencies.add("CA", "Công an tỉnh")
    body = ReportContent({"an_pham": BROCHURE}, {**SEED_BROCHURE, ("ban_an_pham", ""): 4300})
    sent = tmp_path / "ca.ttdn"
    sent.write_bytes(package(workspace.form, "CA", "Công an tỉnh", body=body,
                             signer=demo_signer("CA")))
    workspace.imports.run([sent])
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.show()
    main.ops.wait()
    sql = UiThreadSql(workspace, monkeypatch)
    view = main.secretariat_view
    view.tabs.setCurrentWidget(view.merge)
    main.ops.wait()
    merge = view.merge
    ids = [merge.sections.item(r).data(Qt.ItemDataRole.UserRole)
           for r in range(merge.sections.count())]
    merge.sections.setCurrentRow(ids.index("an_pham"))
    assert merge.sections.currentItem().text().endswith(" ⚠")
    entries = _entries(merge)
    flagged = entries["CA"]
    assert flagged.text().startswith("⚠ Công an tỉnh: ")
    tip = flagged.toolTip()
    assert tip.startswith("Số trong văn bản khác số liệu của chính đơn vị")
    assert "Văn bản nêu 3.800 bản" in tip and "số liệu của đơn vị là 4.300." in tip
    assert tip.endswith(BROCHURE)   # the paragraph itself still under it
    # … and only there: before, the sentence was quoted above it too, so it showed twice
    assert tip.count("với 3.800 bản") == 1 and tip.count(BROCHURE[:60]) == 1, tip
    others = [e for code, e in entries.items() if code != "CA"]
    assert others and not any(e.text().startswith("⚠") for e in others)
    # another section: nothing of this one's marks
    merge.sections.setCurrentRow(ids.index("tap_huan"))
    assert not merge.sections.currentItem().text().endswith("⚠")
    assert not any(e.text().startswith("⚠") for e in _entries(merge).values())
    # read again (an import, the command line) while the flagged part is shown: marked again,
    # and a mark is no change of the layout to save
    merge.sections.setCurrentRow(ids.index("an_pham"))
    merge.reload()
    main.ops.wait()
    assert sql.stop() == []   # the check ran in the worker
    assert _entries(merge)["CA"].text().startswith("⚠ Công an tỉnh: ")
    assert _entries(merge)["CA"].toolTip().count("Văn bản nêu 3.800 bản") == 1
    assert merge_orders(workspace.db, H1, workspace.form.id) == {}
    main.close()
    workspace.close()
