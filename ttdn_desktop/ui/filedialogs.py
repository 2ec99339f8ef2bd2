"""Choosing files and folders: one place that picks the starting folder (the one used last for
the same purpose, else Documents or Downloads, never the program's folder) and, where Qt draws
the dialog itself (Linux without a desktop theme), sizes its columns so that dates are whole."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QHeaderView, QTreeView
from ttdn_desktop.core.filekinds import READABLE
from ttdn_desktop.ui.folders import remember, start_folder
from ttdn_desktop.ui.screen_fit import fit_size


def _import_filters() -> str:
    """Every readable kind at once (the one shown first), then each kind alone, then all."""
    each = [f"{kind.name[0].upper()}{kind.name[1:]} ({kind.patterns})" for kind in READABLE]
    every = " ".join(kind.patterns for kind in READABLE)
    return ";;".join([f"Mọi tệp nhập được ({every})", *each, "Mọi tệp (*)"])


IMPORT_FILTERS = _import_filters()

class FileDialog(QFileDialog):
    """A QFileDialog whose detail columns fit their content when Qt draws it itself."""

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.fit_columns)

    def fit_columns(self) -> None:
        tree = self.findChild(QTreeView)
        if tree is None:  # the system's own dialog
            return
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, header.count()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(60)


def _make(parent, title: str, folder: str, filters: str, mode) -> FileDialog:
    dialog = FileDialog(parent, title, folder, filters)
    dialog.setFileMode(mode)
    fit_size(dialog, 960, 560)
    return dialog


def open_files(parent, title: str, filters: str, workspace=None,
               purpose: str = "import") -> list[str]:
    dialog = _make(parent, title, start_folder(workspace, purpose), filters,
                   QFileDialog.FileMode.ExistingFiles)
    if not dialog.exec():
        return []
    paths = dialog.selectedFiles()
    if paths:
        remember(workspace, purpose, paths[0], parent)
    return paths


def open_file(parent, title: str, filters: str, workspace=None, purpose: str = "open") -> str:
    paths = []
    dialog = _make(parent, title, start_folder(workspace, purpose), filters,
                   QFileDialog.FileMode.ExistingFile)
    if dialog.exec():
        paths = dialog.selectedFiles()
    if paths:
        remember(workspace, purpose, paths[0], parent)
    return paths[0] if paths else ""


def open_folder(parent, title: str, workspace=None, purpose: str = "import") -> str:
    dialog = _make(parent, title, start_folder(workspace, purpose), "",
                   QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if not dialog.exec() or not dialog.selectedFiles():
        return ""
    folder = dialog.selectedFiles()[0]
    remember(workspace, purpose, folder, parent)
    return folder


def save_file(parent, title: str, file_name: str, filters: str, workspace=None,
              purpose: str = "export") -> str:
    """`file_name`: the suggested name, put in the remembered folder."""
    folder = start_folder(workspace, purpose)
    dialog = _make(parent, title, str(Path(folder) / file_name), filters,
                   QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    suffix = Path(file_name).suffix.lstrip(".")
    if suffix:
        dialog.setDefaultSuffix(suffix)
    if not dialog.exec() or not dialog.selectedFiles():
        return ""
    path = dialog.selectedFiles()[0]
    remember(workspace, purpose, path, parent)
    return path
