"""The Word import window asks about every heading placed by a guess: a merged heading and
one matched with less than «chắc chắn» are confirmed one by one before anything is stored,
and the figures read under them cannot be ticked until they are."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ttdn_desktop.core.periods import Period
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.ui.word_import_dialog import WordImportDialog

from .test_ui_agency import shot
from .test_ui_secretariat import window as secretariat_window  # noqa: F401
from .test_word_layouts import LOW, MERGED
from .uihelpers import members
from .wordxml import docx

H1 = Period.parse("2021-H1")


def _dialog(qtbot, window, tmp_path, body):
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(docx(body))
    workspace = window.workspace
    dialog = WordImportDialog(workspace, window.ops, workspace.word.read(path),
                              members(workspace))
    qtbot.addWidget(dialog)
    dialog.show()
    window.ops.wait()
    return dialog


def _figure_rows(dialog):
    return {dialog.figures.item(r, 1).text().split(" = ")[1]: r
            for r in range(dialog.figures.rowCount())}


def _enabled(dialog, row) -> bool:
    return bool(dialog.figures.item(row, 0).flags() & Qt.ItemFlag.ItemIsEnabled)


def _stored(workspace):
    report = report_store.report_for(workspace.db, "SNGV", H1, workspace.form.id)
    return report_store.load_content(workspace.db, report["id"]) if report else None


def test_merged_heading_is_asked_and_its_figures_wait(qtbot, secretariat_window,  # noqa: F811
                                                      tmp_path):
    window = secretariat_window
    dialog = _dialog(qtbot, window, tmp_path, MERGED)
    [asked] = dialog.choices
    combo, tick = dialog.choices[asked], dialog.confirmed[asked]
    assert combo.currentText().startswith("Như đề xuất: 1. Thông tin, tuyên truyền trên báo "
                                          "chí, phát thanh, truyền hình và 2. Cổng/trang")
    rows = _figure_rows(dialog)
    assert not _enabled(dialog, rows["245 tin/bài"]) and not _enabled(dialog, rows["320 tin/bài"])
    shot(dialog, "word-de-muc-can-xac-nhan")
    dialog.ok_button.click()
    assert "Còn 1 đề mục cần xác nhận" in dialog.error.text()
    window.ops.wait()
    assert _stored(window.workspace) is None

    tick.setChecked(True)
    assert _enabled(dialog, rows["245 tin/bài"]) and _enabled(dialog, rows["320 tin/bài"])
    for row in rows.values():
        dialog.figures.item(row, 0).setCheckState(Qt.CheckState.Checked)
    dialog.ok_button.click()
    window.ops.wait()
    stored = _stored(window.workspace)
    assert stored.sections["bao_chi"].startswith("Báo Quảng Ninh đăng 245 tin")
    assert stored.sections["cong_thong_tin"].startswith("Trang thông tin điện tử của Sở")
    assert stored.figures[("tin_bai_bao_chi", "")] == 245
    assert stored.figures[("tin_bai_cong_ttdt", "")] == 320


def test_a_guessed_heading_put_elsewhere_takes_no_figure(qtbot, secretariat_window,  # noqa: F811
                                                         tmp_path):
    """The user puts «I. TÌNH HÌNH TRIỂN KHAI» (guessed as «lãnh đạo, chỉ đạo») into the
    training section: its text goes there; the figures read as another section's stay out."""
    window = secretariat_window
    dialog = _dialog(qtbot, window, tmp_path, LOW)
    [asked] = dialog.choices
    combo, tick = dialog.choices[asked], dialog.confirmed[asked]
    said = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("Khớp có thể (0,55) với «I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO»" in t for t in said)
    rows = _figure_rows(dialog)
    tick.setChecked(True)
    assert _enabled(dialog, rows["3 lớp"])
    combo.setCurrentIndex(combo.findData("tap_huan"))
    assert not tick.isChecked()                     # a new choice is confirmed anew
    tick.setChecked(True)
    assert not _enabled(dialog, rows["3 lớp"])      # read as another section's figure
    dialog.figures.item(rows["3 lớp"], 0).setCheckState(Qt.CheckState.Checked)
    dialog.ok_button.click()
    window.ops.wait()
    stored = _stored(window.workspace)
    assert stored.sections["tap_huan"] == ("**I. TÌNH HÌNH TRIỂN KHAI**\nTổ chức 3 lớp tập "
                                           "huấn cho 120 lượt người.")
    assert "lanh_dao_chi_dao" not in stored.sections or not stored.sections["lanh_dao_chi_dao"]
    assert not any(v not in (None, "") for v in stored.figures.values())
    # the choice is remembered: the agency's next report is placed so without asking
    again = window.workspace.word.read(tmp_path / "bao-cao.docx")
    assert again.to_confirm() == []
    assert again.sections["tap_huan"] == stored.sections["tap_huan"].split("\n")
