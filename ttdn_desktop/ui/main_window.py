"""The main window: the first-start setup, the agency's workspace or the secretariat's view,
with the menus, shortcuts, status bar, exports, printing and crash recovery around them."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QLineEdit, QMainWindow,
                               QMessageBox, QPlainTextEdit, QStackedWidget, QTextEdit,
                               QVBoxLayout, QWidget)

from ttdn_desktop import APP_NAME, __version__
from ttdn_desktop.core import filekinds
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.text import file_slug
from ttdn_desktop.ui.operations import Operations
from ttdn_desktop.ui.qt_vi import install as install_vietnamese
from ttdn_desktop.ui.screen_fit import clamp_to_screen, fit_size

# The first window imports only what it shows, and is on screen before the database is
# opened: the workspace (storage, sqlite-utils), the views, printing and the dialogs load
# after the first paint or when first opened (bench/bench_startup.py measures both moments).
AGENCY = "agency"  # workspace.AGENCY, without importing storage for it
# ui/ops/ runs the workspace: each module imported where it is first needed, after the paint


class _QtNamespace:
    """Qt's namespace (Qt.AlignmentFlag, …), built on first use: PySide6 makes Python enums of
    all of it at once, 15 ms that the first paint does not need."""

    def __getattr__(self, name: str):
        return getattr(QtCore.Qt, name)


Qt = _QtNamespace()

if TYPE_CHECKING:
    from ttdn_desktop.ui.agency_view import AgencyView
    from ttdn_desktop.ui.printing import ReportPrint
    from ttdn_desktop.ui.secretariat_view import SecretariatView


def _paint_waiting(job, printer) -> None:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        job.paint(printer)
    finally:
        QApplication.restoreOverrideCursor()


def a4_printer(letterhead):
    from ttdn_desktop.ui.printing import a4_printer as make
    return make(letterhead)


def _centered(widget):
    """`widget` in the middle of a page (stretches around it: no alignment enum needed)."""
    page = QWidget()
    rows = QVBoxLayout(page)
    rows.addStretch(1)
    line = QHBoxLayout()
    line.addStretch(1)
    line.addWidget(widget)
    line.addStretch(1)
    rows.addLayout(line)
    rows.addStretch(1)
    return page


class _FirstPaint(QObject):
    """Tells when the window has painted once (its first update request done), then goes. A
    window that is never painted (started minimized, a screen locked) is told after
    LATEST_MS all the same: its database opens and later starts can hand over to it."""

    LATEST_MS = 1000

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.told = False
        window.installEventFilter(self)
        QTimer.singleShot(self.LATEST_MS, self._tell)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.UpdateRequest:
            self.window.removeEventFilter(self)
            # queued: told once this paint is done
            QTimer.singleShot(0, self._tell)
        return False

    def _tell(self) -> None:
        if not self.told:
            self.told = True
            self.window.first_painted.emit()


def _worker_workspace(path, forms=None):
    from ttdn_desktop.workspace import Workspace
    return Workspace(path, forms)


class MainWindow(QMainWindow):
    """The window comes first, the data after: `MainWindow()` is the frame with its menus
    (every action off) and a line saying the database is being opened; `open_database(path)`
    opens it on the worker thread and `attach(workspace)` builds the page. `MainWindow(ws)`
    does both at once (tests, a database already open)."""

    attached = Signal()       # the page of the opened database is built
    first_painted = Signal()  # the window is on screen: start-up work may begin

    def __init__(self, workspace=None):
        super().__init__()
        install_vietnamese(QApplication.instance())
        self.workspace = None
        self.ops: Operations | None = None
        self.outside = None  # ui/watcher.py, once the database is open
        self.previous_session = None
        self.setWindowTitle(APP_NAME)
        fit_size(self, 1280, 800)
        self._asked_for_report = False
        self._closing = False
        self._printing: list[tuple] = []
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.opening_label = QLabel("Đang mở cơ sở dữ liệu…")
        self.stack.addWidget(_centered(self.opening_label))
        self.agency_view: AgencyView | None = None
        self.secretariat_view: SecretariatView | None = None
        self.saved_label = QLabel()
        self.words_label = QLabel()
        self.statusBar().addPermanentWidget(self.words_label)
        self.statusBar().addPermanentWidget(self.saved_label)
        self._make_actions()
        self._set_all_actions(False)
        self._first_paint = _FirstPaint(self)
        self.first_painted.connect(self._set_shortcuts)
        if workspace is not None:
            self._make_operations(lambda: _worker_workspace(workspace.path, workspace.forms))
            self.attach(workspace)

    def _make_operations(self, open_workspace) -> None:
        # the worker's own Workspace: the same database and forms, its own connection
        self.ops = Operations(open_workspace, self)
        self.ops.failed.connect(lambda message: self.notify(message, "error"))

    def open_database(self, path, on_failed) -> None:
        """Start-up: the worker opens and checks the database, makes the daily backup and the
        signing key, while this window is already on screen; then the page is built here.
        on_failed(exception) if it cannot be used (damaged, busy, read-only, newer)."""
        if self._closing:  # closed before its first paint
            return
        if self.ops is None:
            self._make_operations(lambda: _worker_workspace(path))
        from ttdn_desktop.ui.ops.setup import start_chores
        self.ops.open(start_chores, lambda result: self._opened(path, result, on_failed),
                      lambda error: None if self._closing else on_failed(error))

    def _opened(self, path, result, on_failed) -> None:
        if self._closing:  # closed while it opened: nothing to show, nothing to save
            return
        from ttdn_desktop.workspace import Workspace
        forms, notes, state = result
        # Ours never connects by itself: its reads and writes run in the worker.
        workspace = Workspace(path, forms, connect=False)
        workspace.notes.extend(notes)
        self.attach(workspace, state)

    def attach(self, workspace, state=None) -> None:
        """Build the page of an open workspace: the setup, the agency's or the secretariat's.
        `state` (ops.setup.PageState) as read by the worker; without it (a workspace opened by
        the caller), the worker reads it now."""
        from ttdn_desktop.ui import filedialogs
        from ttdn_desktop.ui.ops.setup import page_state
        if state is None:
            found = []
            self.ops.run(page_state(), on_done=found.append)
            self.ops.wait()
            state = found[0]
        self.workspace = workspace
        self._set_shortcuts()
        # the command line or another program changed the database: every view follows
        from ttdn_desktop.ui.watcher import OutsideChanges
        self.outside = OutsideChanges(workspace, self.ops, self)
        self._set_all_actions(True)
        filedialogs.keep_folders(workspace, state.folders)
        self._restore_geometry(state.geometry)
        self.previous_session = state.session
        self._show_mode(state)
        self.stack.removeWidget(self.stack.widget(0))
        for warning in state.warnings + workspace.notes:
            self.notify(warning, "warning")
        self._offer_recovery(state.recovery)
        self._write_session(clean=False)
        self.attached.emit()

    def _read_state_then(self, then) -> None:
        """The page state read again in the worker (the role or the agency changed), then
        `then(state)` here."""
        from ttdn_desktop.ui.ops.setup import page_state
        self.ops.run(page_state(), on_done=then,
                     on_error=lambda message: self.notify(message, "error"))

    # --- which page ----------------------------------------------------------------------------
    def _show_mode(self, state) -> None:
        mode = state.mode
        if mode is None:
            from ttdn_desktop.ui.setup_page import SetupPage
            setup = SetupPage(self.workspace, self.ops, members=state.members,
                              stored=state.stored, proposed=state.proposed)
            setup.finished.connect(lambda: self._after_setup(setup))
            self.stack.addWidget(setup)
            self.stack.setCurrentWidget(setup)
            self._set_report_actions(False)
            self.save_action.setEnabled(False)  # nothing to save until the setup is done
            self.import_action.setEnabled(False)
            self.import_folder_action.setEnabled(False)
            self._set_secretariat_actions(False)
            return
        if mode == AGENCY:
            from ttdn_desktop.ui.agency_view import AgencyView
            view = AgencyView(self.workspace, self.ops, (state.own_code, state.own_name))
            view.saved.connect(lambda when: self.saved_label.setText(f"Đã lưu lúc {when}"))
            view.word_count_changed.connect(
                lambda n: self.words_label.setText(f"{n} từ" if n >= 0 else ""))
            view.location_changed.connect(lambda: self._write_session(clean=False))
            view.location_changed.connect(self._update_title)
            view.location_changed.connect(self._report_opened)
            self.agency_view = view
            self.stack.addWidget(view)
            self.stack.setCurrentWidget(view)
            if state.last_report:
                view.open_report(state.last_report, state.last_section)
            self._set_report_actions(True)
        else:
            from ttdn_desktop.ui.secretariat_view import SecretariatView
            view = SecretariatView(self.workspace, self.ops)
            self.secretariat_view = view
            view.keys_requested.connect(self.open_keys)
            self.stack.addWidget(view)
            self.stack.setCurrentWidget(view)
            # its count of members, in the status bar, follows every refresh of the view
            self.statusBar().addWidget(view.status)
            view.status.show()
            self._set_report_actions(True)
        self.save_action.setEnabled(True)
        self.import_action.setEnabled(True)
        self.import_folder_action.setEnabled(True)
        self._set_secretariat_actions(self.secretariat_view is not None)
        self.setAcceptDrops(True)
        self._update_title()

    def _after_setup(self, setup) -> None:
        def show(state) -> None:
            self.stack.removeWidget(setup)
            setup.deleteLater()
            self._show_mode(state)
            if setup.imported_lines:
                self.notify("<br/>".join(setup.imported_lines), "success")
            self._confirm_forms(setup.imported)

        self._read_state_then(show)

    def _update_title(self) -> None:
        view = self.agency_view  # the secretariat's title names nobody
        who = f" — {view.own_name}" if view is not None and view.own_name else ""
        self.setWindowTitle(f"{APP_NAME}{who}")

    # --- actions -------------------------------------------------------------------------------
    def _action(self, menu, text, slot, shortcut=None, tip=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            self._shortcuts.append((action, [shortcut]))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _make_actions(self) -> None:
        self._shortcuts: list[tuple[QAction, list]] = []  # set by _set_shortcuts
        keys = QKeySequence.StandardKey
        file_menu = self.menuBar().addMenu("&Tệp")
        self.save_action = self._action(file_menu, "&Lưu", self.save_now, keys.Save,
                                        "Lưu ngay (chương trình vẫn tự lưu sau mỗi thay đổi)")
        self.import_action = self._action(file_menu, "&Nhập tệp…", self.choose_import,
                                          QKeySequence.StandardKey.Open,
                                          "Nhập báo cáo nhận được: gói .ttdn, Word, PDF, "
                                          "Excel, thư, .zip…")
        # the whole list where there is room (the status bar cut it at 125 %)
        self.import_action.setToolTip(f"Nhập {filekinds.listed()}")
        self.import_folder_action = self._action(file_menu, "Nhập cả thư &mục…",
                                                 self.choose_import_folder, None,
                                                 "Nhập mọi tệp trong một thư mục")
        self.request_action = self._action(file_menu, "Gửi đề nghị &báo cáo…", self.choose_request)
        self.upward_action = self._action(
            file_menu, "Gửi báo cáo tổng hợp lên &cấp trên…",
            lambda: self.secretariat_view and self.secretariat_view.choose_upward_export(),
            tip="Ghi gói báo cáo tổng hợp của kỳ để gửi cấp trên")
        self.forward_action = self._action(
            file_menu, "Chuyển đề nghị của cấp trên &xuống các đơn vị…",
            lambda: self.secretariat_view and self.secretariat_view.choose_forward())
        file_menu.addSeparator()
        self.package_action = self._action(file_menu, "Xuất &gói gửi…", self.choose_package_path,
                                           QKeySequence("Ctrl+E"),
                                           "Ghi tệp .ttdn để gửi qua thư điện tử")
        self.docx_action = self._action(file_menu, "Xuất &Word…", self.choose_docx_path)
        self.xlsx_action = self._action(file_menu, "Xuất E&xcel…", self.choose_xlsx_path)
        file_menu.addSeparator()
        self.preview_action = self._action(file_menu, "&Xem trước khi in…", self.print_preview)
        self.print_action = self._action(file_menu, "&In…", self.print_report, keys.Print)
        self.pdf_action = self._action(file_menu, "In ra tệp &PDF…", self.choose_pdf_path,
                                       tip="Ghi trang in ra một tệp PDF")
        file_menu.addSeparator()
        quit_action = self._action(file_menu, "&Thoát", self.close, keys.Quit)

        edit_menu = self.menuBar().addMenu("&Sửa")
        self.undo_action = self._action(edit_menu, "&Hoàn tác", self.undo, keys.Undo)
        self.redo_action = self._action(edit_menu, "&Làm lại", self.redo,
                                        QKeySequence("Ctrl+Y"))
        # both habits: Ctrl+Y (Windows, Word) and Ctrl+Shift+Z (Linux, macOS)
        self._shortcuts[-1] = (self.redo_action, [QKeySequence("Ctrl+Y"),
                                                  QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addSeparator()
        self.find_action = self._action(edit_menu, "&Tìm…", self.find, keys.Find)
        self.repair_action = self._action(edit_menu, "Chuyển &mã chữ cũ (TCVN3, VNI) cho đoạn chọn",
                                          self.repair_selection)

        tools_menu = self.menuBar().addMenu("&Công cụ")
        self.settings_action = self._action(
            tools_menu, "&Thiết lập…", self.open_settings, None,
            "Ai dùng máy này, đơn vị nào, thông tin in trên báo cáo")
        self.keys_action = self._action(tools_menu, "&Khóa ký và đối chiếu…", self.open_keys,
                                        tip="Dấu vân tay khóa ký của máy này, khóa đã ghi nhận "
                                            "của các đơn vị, gói bị giữ vì chữ ký")
        self.identity_action = self._action(
            tools_menu, "Tên gọi ở cấp &trên…",
            lambda: self.secretariat_view and self.secretariat_view.choose_upward_export(True))
        help_menu = self.menuBar().addMenu("Trợ &giúp")
        self.guide_action = self._action(help_menu, "&Hướng dẫn sử dụng", self.show_guide,
                                         keys.HelpContents, "Hướng dẫn ngắn cho cả hai vai trò")
        log_action = self._action(help_menu, "&Nhật ký lỗi…", self.show_log,
                                  tip="Nơi ghi các lỗi không mong đợi, để gửi cho bộ phận hỗ trợ")
        self.always_on = [quit_action, self.guide_action, log_action]
        self._action(help_menu, "&Giới thiệu", self.about)
        toolbar = self.addToolBar("Thao tác chính")
        toolbar.setObjectName("main-toolbar")
        for action in (self.save_action, self.import_action, self.package_action,
                       self.docx_action, self.xlsx_action, self.print_action):
            toolbar.addAction(action)
        self.package_action.setIconText("Xuất gói gửi")
        self.docx_action.setIconText("Xuất Word")
        self.xlsx_action.setIconText("Xuất Excel")
        self.print_action.setIconText("In")
        self.save_action.setIconText("Lưu")
        self.import_action.setIconText("Nhập tệp")
        self.report_actions = [self.package_action, self.docx_action, self.xlsx_action,
                               self.preview_action, self.print_action, self.pdf_action,
                               self.find_action]

    def _set_shortcuts(self) -> None:
        """Keyboard shortcuts, once the window is on screen: PySide6 builds the Python enums
        of Qt's namespace (some 100 of them, 30 ms) on the first setShortcut, and every action
        but Thoát is off until the database is open anyway."""
        shortcuts, self._shortcuts = self._shortcuts, []
        for action, sequences in shortcuts:
            if len(sequences) == 1:
                action.setShortcut(sequences[0])  # a StandardKey too (the platform's keys)
            else:
                action.setShortcuts(sequences)

    def _set_all_actions(self, enabled: bool) -> None:
        """Off while the database is being opened (only Thoát and the help stay on)."""
        for action in self.findChildren(QAction):
            if action.menu() is None and action not in self.always_on:
                action.setEnabled(enabled)

    def _set_report_actions(self, enabled: bool) -> None:
        for action in self.report_actions:
            action.setEnabled(enabled)

    def undo_target(self):
        """What Hoàn tác / Làm lại work on: the text field or table that has the keyboard, else
        the editor shown in the view (the figures table, the section, the consolidated text)."""
        from ttdn_desktop.ui.figures_editor import FigureTable
        widget = QApplication.focusWidget()
        while widget is not None and widget is not self:
            if isinstance(widget, (QTextEdit, QPlainTextEdit, QLineEdit, FigureTable)):
                return widget
            widget = widget.parentWidget()
        if self.agency_view is not None:
            view = self.agency_view
            table = view.current_table()
            if table is not None:
                return table
            if (view.section_key or "").startswith("s:"):
                return view.prose.editor
        if self.secretariat_view is not None:
            return self.secretariat_view.merge.editor.editor
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
        if self.agency_view is not None:
            self.agency_view.open_find()
        elif self.secretariat_view is not None:
            self.secretariat_view.open_find()

    def repair_selection(self) -> None:
        """In the agency's section editor, or in the secretariat's consolidated text."""
        if self.secretariat_view is not None:
            editor = self.secretariat_view.merge.editor
        elif self.agency_view is not None and (self.agency_view.section_key or "").startswith("s:"):
            editor = self.agency_view.prose
        else:
            return
        which = editor.repair_selection()
        names = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}
        self.notify(f"Đã chuyển đoạn chọn từ mã {names[which]} sang Unicode (Ctrl+Z để hoàn "
                    "tác)." if which else "Đoạn chọn không phải mã chữ cũ TCVN3 hay VNI; không "
                    "đổi gì.", "success" if which else "info")

    def save_now(self) -> None:
        """Ctrl+S: queue the save at once; "Đã lưu lúc" shows when it has been written."""
        if self.agency_view is not None:
            self.agency_view.save_now()
        if self.secretariat_view is not None:
            self.secretariat_view.merge.save_now()

    def open_keys(self, party: str | None = None) -> None:
        from ttdn_desktop.ui.keys_dialog import KeysDialog
        dialog = KeysDialog(self.workspace, self.ops, self, party,
                            agency=self.agency_view is not None)
        self.keys_dialog = dialog
        dialog.open()

    def open_settings(self) -> None:
        """What the dialog shows is read in the worker; it opens when that comes."""
        from ttdn_desktop.ui.ops.settings import current_settings
        self.ops.run(current_settings(), on_done=self._open_settings,
                     on_error=lambda message: self.notify(message, "error"))

    def _open_settings(self, current) -> None:
        from ttdn_desktop.ui.settings_form import SettingsDialog
        dialog = SettingsDialog(self.workspace, self, ops=self.ops, current=current)
        dialog.role_changed.connect(self.rebuild_view)
        self.settings_dialog = dialog
        dialog.open()

    def rebuild_view(self) -> None:
        """The role or the agency changed: the page for the new one, everything saved first."""
        for view in (self.agency_view, self.secretariat_view):
            if view is None:
                continue
            if view is self.agency_view:
                view.save_now()
            else:
                view.merge.save_now()
            self.ops.wait()  # their results come back to the view before it goes
            self.stack.removeWidget(view)
            view.deleteLater()
            if view is self.secretariat_view:  # its count of members sits in the status bar
                self.statusBar().removeWidget(view.status)
                view.status.deleteLater()
        self.agency_view = self.secretariat_view = None
        self.statusBar().clearMessage()
        self.words_label.clear()  # of the report that was open: none on the new page yet
        self.saved_label.clear()
        self._read_state_then(self._show_mode)

    def show_guide(self) -> None:
        from ttdn_desktop.ui.guide import GuideWindow
        if getattr(self, "guide", None) is None:
            self.guide = GuideWindow(self)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    def about(self) -> None:
        from ttdn_desktop.util.crashlog import log_path
        QMessageBox.about(self, APP_NAME, f"<b>{APP_NAME}</b> {__version__}<br/>Soạn và tổng hợp "
                          "báo cáo công tác thông tin đối ngoại.<br/>Cơ sở dữ liệu: "
                          f"{self.workspace.path}<br/>Nhật ký lỗi: {log_path()}")

    def show_log(self) -> None:
        """Where the log is, so a user can send it to support."""
        from ttdn_desktop.util.crashlog import log_dir, log_path, native_log_path
        box = QMessageBox(QMessageBox.Icon.Information, "Nhật ký lỗi",
                          f"Các lỗi không mong đợi được ghi vào tệp nhật ký<br/><b>{log_path()}</b>"
                          f"<br/><br/>Lỗi nghiêm trọng làm chương trình đóng đột ngột được ghi vào "
                          f"<br/>{native_log_path()}<br/><br/>Khi cần hỗ trợ, hãy gửi kèm các tệp "
                          "này.", QMessageBox.StandardButton.Close, self)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder = box.addButton("Mở thư mục nhật ký", QMessageBox.ButtonRole.ActionRole)
        folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir()))))
        box.button(QMessageBox.StandardButton.Close).setText("Đóng")
        box.open()
        self.log_box = box

    # --- exports -------------------------------------------------------------------------------
    def _need_report(self) -> bool:
        if self.secretariat_view is not None:
            return self.secretariat_view.period is not None  # None: still being read
        view = self.agency_view
        if view is None or view.report_id is None:
            self.notify("Hãy mở hoặc tạo một báo cáo trước.", "warning")
            self._asked_for_report = True
            return False
        return True

    def _report_opened(self) -> None:
        """A report is open now: the request to open one is no longer true, so it goes."""
        if self._asked_for_report and self.agency_view is not None and \
                self.agency_view.report_id is not None:
            self._asked_for_report = False
            self.agency_view.notice.dismiss()

    def export_target(self):
        """(period, agency code or None for the consolidated report, file name stem) of what is
        open, after queueing any unsaved edit (operations run in order: it is written first)."""
        if self.secretariat_view is not None:
            view = self.secretariat_view
            view.merge.save_now()
            return view.period, None, f"BaoCaoTongHop-TTDN-{file_slug(view.period.phrase)}"
        view = self.agency_view
        view.save_now()
        code = view.own_code
        words = file_slug(view.period.phrase)  # a code (2021-H1) reads as nothing to a user
        return view.period, code, f"BaoCaoTTDN-{words}-{file_slug(code)}"

    def _suggested(self, suffix: str) -> str:
        return self.export_target()[2] + suffix

    def choose_import(self) -> None:
        if self.secretariat_view is not None:
            self.secretariat_view.choose_files()
            return
        from ttdn_desktop.ui import filedialogs  # loaded when a dialog is first asked for
        paths = filedialogs.open_files(self, "Nhập gói đề nghị báo cáo",
                                       "Gói TTĐN (*.ttdn);;Mọi tệp (*)", self.workspace)
        if paths:
            self.import_paths(paths)

    def choose_import_folder(self) -> None:
        if self.secretariat_view is not None:
            self.secretariat_view.choose_folder()
            return
        from ttdn_desktop.ui import filedialogs
        folder = filedialogs.open_folder(self, "Chọn thư mục chứa gói đề nghị báo cáo",
                                         self.workspace)
        if folder:
            self.import_paths([folder])

    def _set_secretariat_actions(self, shown: bool) -> None:
        """The secretariat's own items (requests to the members, the level above): not in an
        agency's menus at all, rather than greyed out there."""
        for action in (self.request_action, self.upward_action, self.forward_action,
                       self.identity_action):
            action.setVisible(shown)
            action.setEnabled(shown)
        # and the agency's own package to send is not the secretariat's (greyed, it read as a
        # button that did not work yet)
        self.package_action.setVisible(not shown)
        self.package_action.setEnabled(not shown and self.package_action.isEnabled())
        self.keys_action.setStatusTip(
            "Dấu vân tay khóa ký của máy này, khóa đã ghi nhận của các đơn vị, gói bị giữ vì "
            "chữ ký" if shown else "Dấu vân tay khóa ký của đơn vị: đọc cho cơ quan thường trực "
            "khi họ gọi điện đối chiếu; chuyển khóa sang máy mới")

    def choose_request(self) -> None:
        if self.secretariat_view is not None:
            self.secretariat_view.choose_request()

    def import_paths(self, paths) -> None:
        """Dropped or picked files: the secretariat previews them; an agency imports the
        request packages it gets (they only set dates and create its report)."""
        if self.secretariat_view is not None:
            self.secretariat_view.preview_files(paths)
            return
        if self.agency_view is None:
            return
        self.agency_view.save_now()
        from ttdn_desktop.ui.ops.imports import agency_import
        self.ops.run(agency_import(paths), label="Đang nhập…",
                     on_done=lambda found: self._agency_imported(*found),
                     on_error=lambda message: self.notify(message, "error"),
                     source=self)

    def _agency_imported(self, results, nothing: str) -> None:
        import html
        from ttdn_desktop.core import trust
        from ttdn_desktop.core.rules import SIGNATURE
        from ttdn_desktop.core.text import shown
        if not results:  # only folders given, none with a file to read
            self.notify(html.escape(nothing), "warning")
            return
        from ttdn_desktop.core.rules import WORD

        def said(result) -> str:
            if result.outcome != WORD:
                return result.line()
            # to be confirmed is the secretariat's: an agency's window has nothing to do it in
            return (f"{shown(result.file_name, 240)}: không nhập — máy của đơn vị chỉ nhập gói "
                    "đề nghị báo cáo (.ttdn) của cơ quan thường trực; báo cáo của đơn vị do cơ "
                    "quan thường trực nhập. Muốn đưa nội dung tệp này vào báo cáo của đơn vị "
                    "mình, hãy mở tệp rồi chép, dán vào từng mục.")

        lines = "<br/>".join(html.escape(said(r)).replace("\n", "<br/>") for r in results)
        bad = any(not r.ok or r.outcome == WORD for r in results)
        # the secretariat's key, recorded from its first request, or a request held for its
        # signature: both are looked at in the keys window
        keys = any(r.signature_state in (trust.FIRST,) or r.outcome == SIGNATURE
                   for r in results)
        actions = [("Khóa ký và đối chiếu…", self.open_keys)] if keys else []
        self.notify(lines, "warning" if bad else "success", actions)
        self._confirm_forms(results)

    def _confirm_forms(self, results) -> None:
        """A request refused for the new form it brings: asked, its sender's key shown."""
        import html
        from ttdn_desktop.ui.form_confirm import confirm_new_forms
        confirm_new_forms(self, self.ops, results,
                          lambda result: self.notify(html.escape(result.line()), "success"),
                          lambda message: self.notify(message, "error"))

    def dragEnterEvent(self, event) -> None:
        # a role is set up once a view is shown (asked of the view: a drag asks on every move)
        if event.mimeData().hasUrls() and (self.agency_view or self.secretariat_view):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def _export_to_chosen_file(self, title: str, suffix: str, kinds: str, export) -> None:
        if not self._need_report():
            return
        from ttdn_desktop.ui import filedialogs
        path = filedialogs.save_file(self, title, self._suggested(suffix), kinds,
                                     self.workspace)
        if path:
            export(path)

    def choose_package_path(self) -> None:
        """A package with cells marked ✗ or ⚠ is sent only once the official has said so (with
        a note that explains breakdowns that do not add up); else straight to choosing the
        file."""
        if self._need_report():
            self.check_figures("gửi", self._choose_package_file, package=True)

    def check_figures(self, what: str, then, package: bool = False) -> None:
        """Before any output of an agency's report (package, Word, Excel, print): every cell
        marked ✗ (typed that is not a number: left out) or ⚠ (a breakdown that does not add up)
        is listed, and the official goes back to fix them or goes on; then `then()`. A package
        sent with mismatches carries a note, and the note given last time is offered again."""
        view = self.agency_view
        problems = view.bad_cells() if view is not None else []
        if not problems:
            then()
            return
        self._ask_figures(problems, what, then, package)

    def _ask_figures(self, problems, what: str, then, package: bool) -> None:
        from ttdn_desktop.ui.mismatch_dialog import MismatchDialog
        view = self.agency_view
        dialog = MismatchDialog(problems, self, what, with_note=package,
                                previous_note=view.previous_note)
        self.mismatch_dialog = dialog

        def go_on():
            if dialog.with_note:
                view.add_mismatch_note(dialog.mismatches, dialog.note_text())
            then()

        def go_fix():
            first = problems[0]
            indicator = self.workspace.form.indicator(first.indicator)
            if indicator is not None:
                view.show_section(f"g:{indicator.group}")
                view._focus_problem((indicator.id, first.member))

        dialog.accepted.connect(go_on)
        dialog.rejected.connect(go_fix)
        dialog.open()

    def _choose_package_file(self) -> None:
        self._export_to_chosen_file("Xuất gói gửi", ".ttdn", "Gói báo cáo TTĐN (*.ttdn)",
                                    self.export_package)

    def choose_docx_path(self) -> None:
        if self._need_report():
            self.check_figures("xuất", lambda: self.when_ready(
                "xuất báo cáo Word", lambda: self._export_to_chosen_file(
                    "Xuất Word", ".docx", "Word (*.docx)", self.export_docx)))

    def when_ready(self, what: str, then) -> None:
        """Runs `then` once the letterhead can be printed: a missing signer is asked for (and
        saved), what does not fit the layout is shown first. The letterhead is read, and what
        is asked written, in the worker."""
        code = self.export_target()[1]
        own = self.agency_view.own_code if self.agency_view is not None else None
        # a member agency's report printed here: its own signer, kept under its settings
        whose = code if code and code.upper() != (own or "").upper() else None
        from ttdn_desktop.ui.ops import exports
        self.ops.run(exports.letterhead(code),
                     on_done=lambda letterhead: self._ready(letterhead, what, whose, then),
                     on_error=lambda message: self.notify(message, "error"))

    def _ready(self, letterhead, what: str, whose: str | None, then) -> None:
        from ttdn_desktop.ui.before_output import BeforeOutputDialog, needs_dialog
        if not needs_dialog(letterhead):
            then()
            return
        dialog = BeforeOutputDialog(letterhead, what, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            from ttdn_desktop.ui.ops import exports
            self.ops.run(exports.set_letterhead(dialog.values(), whose),
                         on_done=lambda _: then(),
                         on_error=lambda message: self.notify(message, "error"), source=self)

        def settings() -> None:
            dialog.reject()
            self.open_settings()

        dialog.accepted.connect(accepted)
        dialog.settings_button.clicked.connect(settings)
        self.before_output = dialog
        dialog.open()

    def choose_xlsx_path(self) -> None:
        if self._need_report():
            self.check_figures("xuất", lambda: self._export_to_chosen_file(
                "Xuất Excel", ".xlsx", "Excel (*.xlsx)", self.export_xlsx))

    def export_package(self, path: str) -> None:
        """Write the package of the current revision, then seal it (it is being sent): a write
        that fails leaves nothing sealed."""
        view = self.agency_view
        view.save_now()
        from ttdn_desktop.ui.ops import exports
        self.ops.run(exports.write_package(view.own_code, view.period, path, view.report_id),
                     label="Đang ghi gói báo cáo…",
                     on_done=lambda revision: self._exported(
                         path, f"Đã xuất gói báo cáo lần {revision}: {Path(path).name}. Gửi tệp "
                               "này qua thư điện tử cho cơ quan thường trực. Sửa tiếp sẽ tạo lần "
                               "gửi mới."),
                     on_error=lambda message: self.notify(message, "error"), source=self)

    def export_docx(self, path: str) -> None:
        period, code, _ = self.export_target()
        from ttdn_desktop.ui.ops import exports
        self.ops.run(exports.write_report_docx(period, path, code),
                     label="Đang xuất báo cáo Word…",
                     on_done=lambda _: self._exported(
                         path, f"Đã xuất báo cáo Word: {Path(path).name}."),
                     on_error=lambda message: self.notify(message, "error"))

    def export_xlsx(self, path: str) -> None:
        period, code, _ = self.export_target()
        from ttdn_desktop.ui.ops import exports
        self.ops.run(exports.write_stats_xlsx(period, path, code),
                     label="Đang xuất biểu số liệu Excel…",
                     on_done=lambda _: self._exported(
                         path, f"Đã xuất biểu số liệu Excel: {Path(path).name}."),
                     on_error=lambda message: self.notify(message, "error"))

    def _exported(self, path: str, message: str) -> None:
        folder = os.path.dirname(os.path.abspath(path))
        self.notify(message, "success", [
            ("Mở tệp", lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(path))),
            ("Mở thư mục", lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(folder))),
        ])

    def notify(self, message: str, kind: str = "info", actions=()) -> None:
        view = self.agency_view or self.secretariat_view
        if view is not None:
            view.notice.show_message(message, kind, actions)
        else:
            self.statusBar().showMessage(message, 10000)

    # --- printing ------------------------------------------------------------------------------
    def print_job(self, then) -> None:
        """The print job of what is open (a ReportPrint), read in the worker after the pending
        saves (operations run in order: what prints is what was typed), given to `then`."""
        period, code, _ = self.export_target()

        def done(found) -> None:
            from ttdn_desktop.ui.printing import ReportPrint
            then(ReportPrint(*found, code is None))

        from ttdn_desktop.ui.ops import printing
        self.ops.run(printing.print_data(period, code),
                     on_done=done, on_error=lambda message: self.notify(message, "error"))

    def _keep_until_closed(self, dialog, *objects) -> None:
        """A print dialog opened with open() paints on its printer after this method returns:
        the printer (and the job) must live until the dialog itself is gone."""
        entry = (dialog, *objects)
        self._printing.append(entry)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: self._printing.remove(entry)
                                 if entry in self._printing else None)

    def print_preview(self) -> None:
        if self._need_report():
            self.check_figures("in", lambda: self.when_ready(
                "in", lambda: self._prepare_print(self._open_preview)))

    def _prepare_print(self, then) -> None:
        """then(job, printer) once the job is read; or the reason shown (a committee template
        that cannot be read, say)."""
        def prepared(job) -> None:
            try:
                printer = a4_printer(job.letterhead)
            except TTDNError as error:
                self.notify(error.message, "error")
                return
            then(job, printer)

        self.print_job(prepared)

    def _open_preview(self, job, printer) -> None:
        from PySide6.QtPrintSupport import QPrintPreviewDialog
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle("Xem trước khi in")
        # The preview is the one part painted on the UI thread: QPrintPreviewDialog asks for
        # its pages through paintRequested, on its own preview printer, and shows them as soon
        # as the slot returns. Its data were read in the worker (print_job); a wait cursor
        # while it lays out (60 agencies: about 0.3 s). A document laid out in the worker and
        # moved here was tried: its layout keeps timers of the thread that made it, and drawing
        # it once that thread's event dispatcher was gone crashed (segmentation fault).
        dialog.paintRequested.connect(lambda preview: _paint_waiting(job, preview))
        self._keep_until_closed(dialog, printer, job)
        fit_size(dialog, 1000, 800)
        dialog.open()
        self.preview_dialog = dialog

    def print_report(self) -> None:
        if self._need_report():
            self.check_figures("in", lambda: self.when_ready(
                "in", lambda: self._prepare_print(self._open_print_dialog)))

    def _open_print_dialog(self, job, printer) -> None:
        from PySide6.QtPrintSupport import QPrintDialog
        # «In ra tệp (PDF)» proposes the document's name: the one «In ra tệp PDF…» proposes
        printer.setDocName(self._suggested(""))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("In báo cáo")

        def chosen(result: int) -> None:
            if result == QPrintDialog.DialogCode.Accepted:
                self._paint(job, printer)

        dialog.finished.connect(chosen)
        self._keep_until_closed(dialog, printer, job)
        # PySide6 binds only QPrintDialog.open(receiver, member): open() with no arguments
        # raises TypeError. Window-modal show() is what open() does.
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        self.print_dialog = dialog

    def _paint(self, job: ReportPrint, printer) -> None:
        """Laid out and painted in the worker thread (Qt paints on a QPrinter outside the GUI
        thread; QTextDocument is reentrant): 60 agencies take about 2 s, the window stays
        live with a progress dialog. The printer is kept until the job is done."""
        self._printing.append((job, printer))

        def done(pages) -> None:
            self._printing.remove((job, printer))
            if printer.outputFileName():
                self.notify(f"Đã in {pages} trang ra tệp «{printer.outputFileName()}».",
                            "success")
            else:
                self.notify(f"Đã gửi {pages} trang tới máy in «{printer.printerName()}».",
                            "success")

        def failed(message: str) -> None:
            self._printing.remove((job, printer))
            self.notify(message, "error")

        from ttdn_desktop.ui.ops import printing
        self.ops.run(printing.paint(job, printer), label="Đang in…",
                     on_done=done, on_error=failed)

    def choose_pdf_path(self) -> None:
        if self._need_report():
            self.check_figures("in", lambda: self.when_ready("in", self._choose_pdf_path))

    def _choose_pdf_path(self) -> None:
        from ttdn_desktop.ui import filedialogs
        path = filedialogs.save_file(self, "In ra tệp PDF", self._suggested(".pdf"),
                                     "PDF (*.pdf)", self.workspace)
        if path:
            self.print_pdf(path)

    def print_pdf(self, path: str) -> None:
        """Read, laid out and written in the worker thread, after the pending saves."""
        period, code, _ = self.export_target()

        from ttdn_desktop.ui.ops import printing
        self.ops.run(printing.print_pdf(period, code, path), label="Đang in ra tệp PDF…",
                     on_done=lambda pages: self._exported(
                         path, f"Đã in {pages} trang ra tệp PDF: {Path(path).name}."),
                     on_error=lambda message: self.notify(message, "error"))

    # --- session, recovery, geometry -------------------------------------------------------------
    def _write_session(self, clean: bool, extra: dict | None = None) -> None:
        from ttdn_desktop.core.settings import LAST_REPORT, LAST_SECTION, SESSION
        view = self.agency_view
        state = {"clean": clean, "pid": os.getpid(),
                 "at": datetime.now().isoformat(timespec="seconds"),
                 "report_id": view.report_id if view else None,
                 "section": view.section_key if view else None}
        values = {SESSION: state}
        if view and view.report_id:
            values.update({LAST_REPORT: view.report_id, LAST_SECTION: view.section_key or ""})
        if extra:
            values.update(extra)
        from ttdn_desktop.ui.ops.settings import set_states
        self.ops.run(set_states(values), on_error=self._storage_problem)

    def _storage_problem(self, message: str) -> None:
        """Read-only, busy or damaged storage: said once, never a traceback."""
        if message != getattr(self, "_last_storage_problem", None):
            self._last_storage_problem = message
            self.notify(message, "error")

    def _offer_recovery(self, recovery: tuple | None) -> None:
        """The app was not closed properly last time: say what was being edited, offer to go
        back to it. Its text is in the database already, up to the last automatic save.
        `recovery`: (period code, saved at) of that report, read in the worker."""
        previous = self.previous_session
        view = self.agency_view
        if not previous or previous.get("clean") or view is None or not previous.get("report_id"):
            return
        if recovery is None:  # the report is no longer there
            return
        from ttdn_desktop.core.periods import Period
        period_code, saved_at = recovery
        section = previous.get("section") or ""
        where = ""
        if section.startswith("s:") and self.workspace.form.section(section[2:]):
            where = f" mục «{self.workspace.form.section(section[2:]).numbered_heading}» của"
        elif section.startswith("g:"):
            where = " phần số liệu của"
        saved = datetime.fromisoformat(saved_at).strftime("%H:%M:%S ngày %d/%m/%Y")
        self.recovery_message = (
            f"Lần trước TTĐN Desktop đã đóng đột ngột khi bạn đang soạn{where} báo cáo "
            f"{Period.parse(period_code).label}. Mọi thứ đã được lưu tự động đến {saved}.")
        view.notice.show_message(self.recovery_message, "warning", [
            ("Mở lại chỗ đang soạn",
             lambda: view.open_report(previous["report_id"], section or None, at_end=True)),
        ])

    def _restore_geometry(self, raw: str | None) -> None:
        if raw:
            # Qt's record, then the size the window had: Qt takes a title bar's height off a
            # window as tall as the screen when it brings it back (all of it at 125 %)
            blob, _, size = raw.partition("|")
            self.restoreGeometry(QByteArray.fromBase64(blob.encode("ascii")))
            if not (self.isMaximized() or self.isFullScreen()):
                width, _, height = size.partition("x")
                if width.isdigit() and height.isdigit():
                    self.resize(int(width), int(height))
                clamp_to_screen(self)  # saved on a larger screen than this one

    def _saved_geometry(self) -> str:
        size = self.normalGeometry().size()
        return (bytes(self.saveGeometry().toBase64()).decode("ascii")
                + f"|{size.width()}x{size.height()}")

    def activate(self) -> None:
        """Another start on the same database handed over to us: come to the front."""
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event) -> None:
        if self.workspace is None:
            self._closing = True  # whatever is still opening will not build a page
        if self.ops is None or self.ops.closed:
            super().closeEvent(event)
            return
        if self.workspace is None:  # closed while opening: the worker finishes first
            self.ops.close()
            super().closeEvent(event)
            return
        self.outside.stop()
        if self.secretariat_view is not None:
            self.secretariat_view.merge.save_now()
        if self.agency_view is not None:
            self.agency_view.save_now()
        from ttdn_desktop.core.settings import GEOMETRY
        self._write_session(clean=True, extra={
            GEOMETRY: self._saved_geometry()})
        self.ops.wait()  # the last save must land before the window goes
        view = self.agency_view
        if view is not None and view.has_unsaved():
            # never lose the window with unsaved text silently: the save failed, say so, stay
            QMessageBox.critical(self, APP_NAME, "Chưa lưu được phần vừa soạn (lý do ở thông báo "
                                 "trong cửa sổ). Cửa sổ vẫn mở để bạn không mất chữ; hãy thử "
                                 "lại hoặc chép phần đó ra nơi khác.")
            event.ignore()
            return
        self.ops.close()
        super().closeEvent(event)
