"""The file pickers open in the user's Documents or Downloads, never in the program's folder,
and remember the folder last used for each kind of file while that folder still exists."""

from ttdn_desktop.ui import filedialogs


def test_pickers_start_in_documents_or_downloads_and_remember(workspace, tmp_path, monkeypatch):
    start = filedialogs.start_folder(workspace, "import")
    assert "ttdn_desktop" not in start and start  # never the program's folder
    filedialogs.remember(workspace, "import", str(tmp_path / "thu" / "a.ttdn"))
    assert filedialogs.start_folder(workspace, "import") != str(tmp_path / "thu")  # gone folder
    (tmp_path / "thu").mkdir()
    filedialogs.remember(workspace, "import", str(tmp_path / "thu" / "a.ttdn"))
    assert filedialogs.start_folder(workspace, "import") == str(tmp_path / "thu")
    assert "*.docx" in filedialogs.IMPORT_FILTERS.split(";;")[0]
