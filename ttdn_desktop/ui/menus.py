"""The window's menus and toolbar: every action, its text, shortcut and tip, made before the
first paint (the menus are on screen at once, every action but Thoát and the help off until
the database is open), and switched on and off as the page changes. What an action does is
the business of the window's parts (window.commands, window.imports, window.exports,
window.prints), made when an action first asks for them."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from ttdn_desktop.core import filekinds
from ttdn_desktop.core.role import Role


def _help():
    """ui/help_actions.py, imported when the help is first asked for: the log's folder
    (platformdirs) and the guide cost 100 ms the first paint does without."""
    from ttdn_desktop.ui import help_actions
    return help_actions


class Menus:
    """Builds the menu bar and toolbar of `window`; the actions are the window's attributes
    (window.save_action, …), as tests and the parts find them."""

    def __init__(self, window):
        self.window = window
        self._shortcuts: list[tuple[QAction, list]] = []  # set by set_shortcuts
        self._build()

    def _action(self, menu, text, slot, shortcut=None, tip=None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            self._shortcuts.append((action, [shortcut]))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build(self) -> None:
        w = self.window
        keys = QKeySequence.StandardKey
        file_menu = w.menuBar().addMenu("&Tệp")
        w.save_action = self._action(file_menu, "&Lưu", lambda: w.commands.save_now(),
                                     keys.Save,
                                     "Lưu ngay (chương trình vẫn tự lưu sau mỗi thay đổi)")
        w.import_action = self._action(file_menu, "&Nhập tệp…", lambda: w.imports.choose_import(),
                                       QKeySequence.StandardKey.Open,
                                       "Nhập báo cáo nhận được: gói .ttdn, Word, PDF, "
                                       "Excel, thư, .zip…")
        # the whole list where there is room (the status bar cut it at 125 %)
        w.import_action.setToolTip(f"Nhập {filekinds.listed()}")
        w.import_folder_action = self._action(file_menu, "Nhập cả thư &mục…",
                                              lambda: w.imports.choose_import_folder(), None,
                                              "Nhập mọi tệp trong một thư mục")
        w.mail_action = self._action(
            file_menu, "Nhận t&hư…", lambda: w.secretariat_view and w.secretariat_view.fetch_mail(),
            tip="Nhận báo cáo từ hộp thư của cơ quan (chỉ đọc)")
        w.request_action = self._action(file_menu, "Gửi đề nghị &báo cáo…",
                                        lambda: w.imports.choose_request())
        w.upward_action = self._action(
            file_menu, "Gửi báo cáo tổng hợp lên &cấp trên…",
            lambda: w.secretariat_view and w.secretariat_view.choose_upward_export(),
            tip="Ghi gói báo cáo tổng hợp của kỳ để gửi cấp trên")
        w.forward_action = self._action(
            file_menu, "Chuyển đề nghị của cấp trên &xuống các đơn vị…",
            lambda: w.secretariat_view and w.secretariat_view.choose_forward())
        file_menu.addSeparator()
        w.package_action = self._action(file_menu, "Xuất &gói gửi…",
                                        lambda: w.exports.choose_package_path(),
                                        QKeySequence("Ctrl+E"),
                                        "Ghi tệp .ttdn để gửi qua thư điện tử")
        w.docx_action = self._action(file_menu, "Xuất &Word…",
                                     lambda: w.exports.choose_docx_path())
        w.xlsx_action = self._action(file_menu, "Xuất E&xcel…",
                                     lambda: w.exports.choose_xlsx_path())
        file_menu.addSeparator()
        w.preview_action = self._action(file_menu, "&Xem trước khi in…",
                                        lambda: w.prints.print_preview())
        w.print_action = self._action(file_menu, "&In…", lambda: w.prints.print_report(),
                                      keys.Print)
        w.pdf_action = self._action(file_menu, "In ra tệp &PDF…",
                                    lambda: w.prints.choose_pdf_path(),
                                    tip="Ghi trang in ra một tệp PDF")
        file_menu.addSeparator()
        quit_action = self._action(file_menu, "&Thoát", w.close, keys.Quit)

        edit_menu = w.menuBar().addMenu("&Sửa")
        w.undo_action = self._action(edit_menu, "&Hoàn tác", lambda: w.commands.undo(),
                                     keys.Undo)
        w.redo_action = self._action(edit_menu, "&Làm lại", lambda: w.commands.redo(),
                                     QKeySequence("Ctrl+Y"))
        # both habits: Ctrl+Y (Windows, Word) and Ctrl+Shift+Z (Linux, macOS)
        self._shortcuts[-1] = (w.redo_action, [QKeySequence("Ctrl+Y"),
                                               QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addSeparator()
        w.find_action = self._action(edit_menu, "&Tìm…", lambda: w.commands.find(), keys.Find)
        w.repair_action = self._action(edit_menu,
                                       "Chuyển &mã chữ cũ (TCVN3, VNI) cho đoạn chọn",
                                       lambda: w.commands.repair_selection())

        tools_menu = w.menuBar().addMenu("&Công cụ")
        w.settings_action = self._action(
            tools_menu, "&Thiết lập…", lambda: w.commands.open_settings(), None,
            "Ai dùng máy này, đơn vị nào, thông tin in trên báo cáo")
        w.keys_action = self._action(tools_menu, "&Khóa ký và đối chiếu…",
                                     lambda: w.open_keys(),
                                     tip="Dấu vân tay khóa ký của máy này, khóa đã ghi nhận "
                                         "của các đơn vị, gói bị giữ vì chữ ký")
        w.identity_action = self._action(
            tools_menu, "Tên gọi ở cấp &trên…",
            lambda: w.secretariat_view and w.secretariat_view.choose_upward_export(True))
        help_menu = w.menuBar().addMenu("Trợ &giúp")
        w.guide_action = self._action(help_menu, "&Hướng dẫn sử dụng",
                                      lambda: _help().show_guide(w),
                                      keys.HelpContents, "Hướng dẫn ngắn cho cả hai vai trò")
        log_action = self._action(help_menu, "&Nhật ký lỗi…",
                                  lambda: _help().show_log(w),
                                  tip="Nơi ghi các lỗi không mong đợi, để gửi cho bộ phận "
                                      "hỗ trợ")
        self.always_on = [quit_action, w.guide_action, log_action]
        self._action(help_menu, "&Giới thiệu", lambda: _help().about(w))
        toolbar = w.addToolBar("Thao tác chính")
        toolbar.setObjectName("main-toolbar")
        for action in (w.save_action, w.import_action, w.package_action,
                       w.docx_action, w.xlsx_action, w.print_action):
            toolbar.addAction(action)
        w.package_action.setIconText("Xuất gói gửi")
        w.docx_action.setIconText("Xuất Word")
        w.xlsx_action.setIconText("Xuất Excel")
        w.print_action.setIconText("In")
        w.save_action.setIconText("Lưu")
        w.import_action.setIconText("Nhập tệp")
        self.report_actions = [w.package_action, w.docx_action, w.xlsx_action,
                               w.preview_action, w.print_action, w.pdf_action,
                               w.find_action]

    def set_shortcuts(self) -> None:
        """Keyboard shortcuts, once the window is on screen: PySide6 builds the Python enums
        of Qt's namespace (some 100 of them, 30 ms) on the first setShortcut, and every action
        but Thoát is off until the database is open anyway."""
        shortcuts, self._shortcuts = self._shortcuts, []
        for action, sequences in shortcuts:
            if len(sequences) == 1:
                action.setShortcut(sequences[0])  # a StandardKey too (the platform's keys)
            else:
                action.setShortcuts(sequences)

    def set_all(self, enabled: bool) -> None:
        """Off while the database is being opened (only Thoát and the help stay on)."""
        for action in self.window.findChildren(QAction):
            if action.menu() is None and action not in self.always_on:
                action.setEnabled(enabled)

    def set_report_actions(self, enabled: bool) -> None:
        for action in self.report_actions:
            action.setEnabled(enabled)

    def set_page_actions(self, page: Role | None) -> None:
        """For the page shown: None, the first-start setup (nothing to save, import or
        print until it is done); else the role whose page it is."""
        w = self.window
        self.set_report_actions(page is not None)
        for action in (w.save_action, w.import_action, w.import_folder_action):
            action.setEnabled(page is not None)
        self.set_secretariat_actions(page == Role.SECRETARIAT)

    def set_secretariat_actions(self, shown: bool) -> None:
        """The secretariat's own items (requests to the members, the level above): not in an
        agency's menus at all, rather than greyed out there."""
        w = self.window
        for action in (w.request_action, w.upward_action, w.forward_action,
                       w.identity_action, w.mail_action):
            action.setVisible(shown)
            action.setEnabled(shown)
        # and the agency's own package to send is not the secretariat's (greyed, it read as a
        # button that did not work yet)
        w.package_action.setVisible(not shown)
        w.package_action.setEnabled(not shown and w.package_action.isEnabled())
        w.keys_action.setStatusTip(
            "Dấu vân tay khóa ký của máy này, khóa đã ghi nhận của các đơn vị, gói bị giữ vì "
            "chữ ký" if shown else "Dấu vân tay khóa ký của đơn vị: đọc cho cơ quan thường trực "
            "khi họ gọi điện đối chiếu; chuyển khóa sang máy mới")
