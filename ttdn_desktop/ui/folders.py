"""Where a file picker starts: the folder used last for the same purpose (kept in the
database, read by the worker at start-up), else Downloads or Documents, never the program's
folder. Apart from ui/filedialogs.py, which opens the pickers, so that the window's start
keeps the folders without loading QFileDialog (ui/startup.py)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from ttdn_desktop.ui.ops.settings import remember_folder

# The folders chosen in this session, by database and purpose: read once, then served from here
_remembered: dict[tuple[str, str], str] = {}


def _standard(kind) -> str:
    path = QStandardPaths.writableLocation(kind)
    return path if path and os.path.isdir(path) else ""


def default_folder(purpose: str) -> str:
    """Downloads for what comes in by e-mail, Documents for what we write; the home folder
    when neither exists."""
    kinds = QStandardPaths.StandardLocation
    order = ((kinds.DownloadLocation, kinds.DocumentsLocation) if purpose == "import"
             else (kinds.DocumentsLocation, kinds.DownloadLocation))
    for kind in order:
        folder = _standard(kind)
        if folder:
            return folder
    return str(Path.home())


def keep_folders(workspace, folders: dict[str, str]) -> None:
    """The folders stored in the database, read by the worker at start-up
    (ops.setup.PageState.folders)."""
    for purpose, folder in folders.items():
        _remembered.setdefault((str(workspace.path), purpose), folder)


def start_folder(workspace, purpose: str) -> str:
    remembered = _remembered.get((str(workspace.path), purpose)) if workspace is not None \
        else None
    if remembered and os.path.isdir(remembered):
        return remembered
    return default_folder(purpose)


def remember(workspace, purpose: str, path: str, parent=None) -> None:
    """Kept for this session at once; written by the window's operations worker (a busy
    database makes a write wait: never the UI thread). Without a window, for this session."""
    if workspace is None or not path:
        return
    folder = path if os.path.isdir(path) else os.path.dirname(path)
    if not folder:
        return
    _remembered[(str(workspace.path), purpose)] = folder
    ops = getattr(parent.window(), "ops", None) if parent is not None else None
    if ops is not None and not ops.closed:
        ops.run(remember_folder(folder, purpose), on_error=lambda _message: None)
