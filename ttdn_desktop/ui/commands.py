"""Sửa and Công cụ: undo and redo on whatever has the keyboard, find across the report, old
encodings repaired, save now, the keys and the settings dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit

from ttdn_desktop.ui.figures_editor import FigureTable
from ttdn_desktop.ui.keys_dialog import KeysDialog
from ttdn_desktop.ui.ops.settings import current_settings
from ttdn_desktop.ui.settings_form import SettingsDialog


class Commands:
    def __init__(self, window):
        self.window = window
        self.settings_dialog = None
        self.keys_dialog = None

    def undo_target(self):
        """What Hoàn tác / Làm lại work on: the text field or table that has the keyboard, else
        the editor shown in the view (the figures table, the section, the consolidated text)."""
        w = self.window
        widget = QApplication.focusWidget()
        while widget is not None and widget is not w:
            if isinstance(widget, (QTextEdit, QPlainTextEdit, QLineEdit, FigureTable)):
                return widget
            widget = widget.parentWidget()
        if w.agency_view is not None:
            view = w.agency_view
            table = view.current_table()
            if table is not None:
                return table
            if (view.section_key or "").startswith("s:"):
                return view.prose.editor
        if w.secretariat_view is not None:
            return w.secretariat_view.merge.editor.editor
        return None

    def undo(self) -> None:
        target = self.undo_target()
        if target is not None:
            target.undo()

    def redo(self) -> None:
        target = self.undo_target()
        if target is not None:
            target.redo()

    def find(self) -> None:
        """Ctrl+F: find across the whole report, the agency's or the consolidated one."""
        w = self.window
        if w.agency_view is not None:
            w.agency_view.open_find()
        elif w.secretariat_view is not None:
            w.secretariat_view.open_find()

    def repair_selection(self) -> None:
        """In the agency's section editor, or in the secretariat's consolidated text."""
        w = self.window
        if w.secretariat_view is not None:
            editor = w.secretariat_view.merge.editor
        elif w.agency_view is not None and (w.agency_view.section_key or "").startswith("s:"):
            editor = w.agency_view.prose
        else:
            return
        which = editor.repair_selection()
        names = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}
        w.notify(f"Đã chuyển đoạn chọn từ mã {names[which]} sang Unicode (Ctrl+Z để hoàn "
                 "tác)." if which else "Đoạn chọn không phải mã chữ cũ TCVN3 hay VNI; không "
                 "đổi gì.", "success" if which else "info")

    def save_now(self) -> None:
        """Ctrl+S: queue the save at once; "Đã lưu lúc" shows when it has been written."""
        w = self.window
        if w.agency_view is not None:
            w.agency_view.save_now()
        if w.secretariat_view is not None:
            w.secretariat_view.merge.save_now()

    def open_keys(self, party: str | None = None) -> None:
        w = self.window
        dialog = KeysDialog(w.workspace, w.ops, w, party, agency=w.agency_view is not None)
        self.keys_dialog = dialog
        dialog.open()

    def open_settings(self) -> None:
        """What the dialog shows is read in the worker; it opens when that comes."""
        self.window.ops.run(current_settings(), on_done=self._open_settings,
                            on_error=lambda message: self.window.notify(message, "error"))

    def _open_settings(self, current) -> None:
        w = self.window
        dialog = SettingsDialog(w.workspace, w, ops=w.ops, current=current)
        dialog.role_changed.connect(w.pages.rebuild_view)
        self.settings_dialog = dialog
        dialog.open()
