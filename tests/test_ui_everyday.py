"""Everyday window behaviour: pickers, preview counts, undo/find, layout, staying current."""

from ttdn_desktop.core import rules
from ttdn_desktop.exchange.importer import ImportResult


def test_preview_does_not_count_a_word_report_as_unchanged(qtbot):
    from ttdn_desktop.ui.import_preview import ImportPreview
    preview = ImportPreview()
    qtbot.addWidget(preview)
    preview.show_results(["a.docx", "b.ttdn"], [
        ImportResult("a.docx", rules.WORD, "", payload=b"x"),
        ImportResult("b.ttdn", rules.SAME, "")])
    text = preview.title.text()
    assert "1 báo cáo Word cần xác nhận riêng" in text
    assert "1 không thay đổi gì" in text


def test_pickers_start_in_documents_or_downloads_and_remember(workspace, tmp_path, monkeypatch):
    from ttdn_desktop.ui import filedialogs
    start = filedialogs.start_folder(workspace, "import")
    assert "ttdn_desktop" not in start and start  # never the program's folder
    filedialogs.remember(workspace, "import", str(tmp_path / "thu" / "a.ttdn"))
    assert filedialogs.start_folder(workspace, "import") != str(tmp_path / "thu")  # gone folder
    (tmp_path / "thu").mkdir()
    filedialogs.remember(workspace, "import", str(tmp_path / "thu" / "a.ttdn"))
    assert filedialogs.start_folder(workspace, "import") == str(tmp_path / "thu")
    assert "*.docx" in filedialogs.IMPORT_FILTERS.split(";;")[0]
