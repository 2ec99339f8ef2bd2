"""Issue 22, point 12: a folder with nothing to import. It said «Không có tệp .ttdn nào để
nhập.»; now the folder is named by its path, with the kinds that are read (declared in
core/filekinds.py) and what the folder holds instead, on the command line and in the window."""

from __future__ import annotations

import os

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core import filekinds
from ttdn_desktop.workspace import Workspace

from .uihelpers import active_window, set_up_agency, set_up_secretariat


@pytest.fixture
def folder(tmp_path):
    made = tmp_path / "thư nhận"
    made.mkdir()
    # only what is never a report (each other file is read, or refused by name: see
    # test_readable_kinds), and a subfolder, which is not read
    (made / "Thumbs.db").write_bytes(b"\x00" * 16)
    (made / "~$bao-cao.docx").write_bytes(b"\x00" * 16)
    (made / "thang-6").mkdir()
    return made


def _said_in_full(text: str, folder) -> None:
    assert f"trong thư mục «{folder}»" in text
    assert filekinds.listed() in text  # every kind read, from the one declaration
    assert all(ext in text for kind in filekinds.READABLE for ext in kind.extensions)
    assert "Thumbs.db" not in text and "~$" not in text
    assert "1 thư mục con bên trong không được đọc" in text


def test_the_command_line_names_the_folder_the_kinds_and_what_is_there(
        capsys, tmp_path, folder, monkeypatch):
    monkeypatch.chdir(folder)
    code = main(["--db", str(tmp_path / "vp.sqlite3"), "import", "."])  # as typed in it
    _, err = capsys.readouterr()
    assert code == 1
    _said_in_full(err, folder)


def test_an_empty_folder_is_said_empty(capsys, tmp_path):
    empty = tmp_path / "trong"
    empty.mkdir()
    assert main(["--db", str(tmp_path / "vp.sqlite3"), "import", str(empty)]) == 1
    err = capsys.readouterr().err
    assert f"«{empty}»" in err and err.rstrip().endswith("Thư mục này trống.")


def test_the_secretariat_window_says_the_same(qtbot, tmp_path, forms, folder):
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    set_up_secretariat(workspace, 2)
    window = active_window(qtbot, workspace)
    try:
        window.import_paths([str(folder)])
        window.ops.wait()  # the folder is looked into by the worker
        _said_in_full(window.secretariat_view.notice.label.text(), folder)
    finally:
        window.close()
        workspace.close()


def test_the_agency_window_says_the_same(qtbot, tmp_path, forms, folder):
    workspace = Workspace(tmp_path / "sngv.sqlite3", forms)
    set_up_agency(workspace)
    window = active_window(qtbot, workspace)
    try:
        window.import_paths([os.fspath(folder)])
        qtbot.waitUntil(lambda: "thư mục" in window.agency_view.notice.label.text(),
                        timeout=20000)
        _said_in_full(window.agency_view.notice.label.text(), folder)
    finally:
        window.close()
        workspace.close()
