"""The names the app proposes for what it writes: the period in plain words (no diacritics),
never its code; the command line keeps the codes it takes."""

import re

import pytest

from ttdn_desktop.core.periods import Period
from ttdn_desktop.demo import write_demo_packages
from ttdn_desktop.ui import filedialogs
from ttdn_desktop.ui.secretariat_view import ForwardDialog, RequestDialog
from ttdn_desktop.workspace import Workspace

from .uihelpers import active_window, new_report, set_up_agency, set_up_secretariat

H1 = Period.parse("2021-H1")
CODE = re.compile(r"20[0-9]{2}-(Q[1-4]|H[12]|9M|Y)\b")


@pytest.fixture
def proposed(monkeypatch):
    """Every file name offered in a save dialog; the dialog is cancelled."""
    names: list[str] = []
    monkeypatch.setattr(filedialogs, "save_file",
                        lambda parent, title, file_name, *a, **k: names.append(file_name) or "")
    return names


def _plain_words(names):
    for name in names:
        assert name.isascii() and " " not in name, name
        assert not CODE.search(name), name
        assert "6-thang-dau-nam-2021" in name, name


def test_an_agency_is_offered_names_in_words(qtbot, tmp_path, forms, proposed):
    with Workspace(tmp_path / "donvi.sqlite3", forms) as workspace:
        set_up_agency(workspace)
        window = active_window(qtbot, workspace)
        window.ops.wait()
        new_report(window.agency_view, H1)
        for action in (window.package_action, window.docx_action, window.xlsx_action,
                       window.pdf_action):
            count = len(proposed)
            action.trigger()
            qtbot.waitUntil(lambda: len(proposed) > count, timeout=10000)
        assert proposed == [f"BaoCaoTTDN-6-thang-dau-nam-2021-SNGV{suffix}"
                            for suffix in (".ttdn", ".docx", ".xlsx", ".pdf")]
        _plain_words(proposed)
        window.close()


def test_the_secretariat_is_offered_names_in_words(qtbot, tmp_path, forms, proposed):
    with Workspace(tmp_path / "tw.sqlite3", forms) as centre:
        centre.agencies.add("QNINH", "Tỉnh Quảng Ninh")
        (tmp_path / "req.ttdn").write_bytes(centre.files.request_bytes(H1, "QNINH"))
    with Workspace(tmp_path / "btg.sqlite3", forms) as workspace:
        set_up_secretariat(workspace, 3)
        workspace.imports.run(write_demo_packages(workspace.form, tmp_path / "in", H1, 3))
        workspace.imports.run([tmp_path / "req.ttdn"])  # the level above asks: forward it
        workspace.setup.set_letterhead("signer_name", "Nguyễn Văn A")
        window = active_window(qtbot, workspace)
        view = window.secretariat_view
        view.select_period(H1)
        window.ops.wait()
        for action in (window.docx_action, window.xlsx_action, window.pdf_action):
            count = len(proposed)
            action.trigger()
            qtbot.waitUntil(lambda: len(proposed) > count or
                            getattr(window.exports, "before_output", None) is not None,
                            timeout=10000)
            if len(proposed) == count:  # the signer asked first: give it, then the file
                window.exports.before_output.accept()
                qtbot.waitUntil(lambda: len(proposed) > count, timeout=10000)
                window.exports.before_output = None
        view.choose_request()
        window.ops.wait()
        view.findChild(RequestDialog).accept()
        view.choose_upward_export()
        window.ops.wait()
        view.choose_forward()
        window.ops.wait()
        view.findChild(ForwardDialog).accept()
        assert proposed == ["BaoCaoTongHop-TTDN-6-thang-dau-nam-2021.docx",
                            "BaoCaoTongHop-TTDN-6-thang-dau-nam-2021.xlsx",
                            "BaoCaoTongHop-TTDN-6-thang-dau-nam-2021.pdf",
                            "DeNghiBaoCao-6-thang-dau-nam-2021.ttdn",
                            "BaoCao-QNINH-6-thang-dau-nam-2021.ttdn",
                            "DeNghiBaoCao-6-thang-dau-nam-2021.ttdn"]
        _plain_words(proposed)
        window.close()


def test_the_print_dialog_offers_a_pdf_named_in_words(qtbot, tmp_path, forms):
    """«In» with «In ra tệp (PDF)» chosen proposed «Báo cáo TTĐN.pdf» for every report: the
    same name for each period and agency, where «In ra tệp PDF…» proposes the name in words."""
    with Workspace(tmp_path / "donvi.sqlite3", forms) as workspace:
        set_up_agency(workspace)
        window = active_window(qtbot, workspace)
        window.ops.wait()
        new_report(window.agency_view, H1)
        window.print_action.trigger()
        window.ops.wait()
        qtbot.waitUntil(lambda: getattr(window.prints, "print_dialog", None) is not None)
        dialog = window.prints.print_dialog
        qtbot.waitUntil(dialog.isVisible)
        # the dialog proposes the document's name + ".pdf" (Qt's dialog on Linux; Windows'
        # «Microsoft Print to PDF» too); offscreen it shows the folder alone, so the name is read
        assert dialog.printer().docName() == "BaoCaoTTDN-6-thang-dau-nam-2021-SNGV"
        dialog.reject()
        window.close()
