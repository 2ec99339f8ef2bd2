"""Tệp › Xuất: the agency's package to send, the Word report, the Excel workbook; and what
every output of a report goes through first (the figures marked ✗ or ⚠, a letterhead that
cannot be printed yet). Shared with printing (ui/print_actions.py)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices

from ttdn_desktop.core.text import file_slug
from ttdn_desktop.ui import filedialogs
from ttdn_desktop.ui.before_output import BeforeOutputDialog, needs_dialog
from ttdn_desktop.ui.mismatch_dialog import MismatchDialog
from ttdn_desktop.ui.ops import exports


class ExportActions:
    def __init__(self, window):
        self.window = window
        self.asked_for_report = False
        self.mismatch_dialog: MismatchDialog | None = None
        self.before_output: BeforeOutputDialog | None = None

    # --- what is open --------------------------------------------------------------------------
    def need_report(self) -> bool:
        w = self.window
        if w.secretariat_view is not None:
            return w.secretariat_view.period is not None  # None: still being read
        view = w.agency_view
        if view is None or view.report_id is None:
            w.notify("Hãy mở hoặc tạo một báo cáo trước.", "warning")
            self.asked_for_report = True
            return False
        return True

    def report_opened(self) -> None:
        """A report is open now: the request to open one is no longer true, so it goes."""
        view = self.window.agency_view
        if self.asked_for_report and view is not None and view.report_id is not None:
            self.asked_for_report = False
            view.notice.dismiss()

    def export_target(self):
        """(period, agency code or None for the consolidated report, file name stem) of what is
        open, after queueing any unsaved edit (operations run in order: it is written first)."""
        w = self.window
        if w.secretariat_view is not None:
            view = w.secretariat_view
            view.merge.save_now()
            return view.period, None, f"BaoCaoTongHop-TTDN-{file_slug(view.period.phrase)}"
        view = w.agency_view
        view.save_now()
        code = view.own_code
        words = file_slug(view.period.phrase)  # a code (2021-H1) reads as nothing to a user
        return view.period, code, f"BaoCaoTTDN-{words}-{file_slug(code)}"

    def suggested(self, suffix: str) -> str:
        return self.export_target()[2] + suffix

    # --- before any output -----------------------------------------------------------------------
    def check_figures(self, what: str, then, package: bool = False) -> None:
        """Before any output of an agency's report (package, Word, Excel, print): every cell
        marked ✗ (typed that is not a number: left out) or ⚠ (a breakdown that does not add up)
        is listed, and the official goes back to fix them or goes on; then `then()`. A package
        sent with mismatches carries a note, and the note given last time is offered again."""
        view = self.window.agency_view
        problems = view.bad_cells() if view is not None else []
        if not problems:
            then()
            return
        self._ask_figures(problems, what, then, package)

    def _ask_figures(self, problems, what: str, then, package: bool) -> None:
        w = self.window
        view = w.agency_view
        dialog = MismatchDialog(problems, w, what, with_note=package,
                                previous_note=view.previous_note)
        self.mismatch_dialog = dialog

        def go_on():
            if dialog.with_note:
                view.add_mismatch_note(dialog.mismatches, dialog.note_text())
            then()

        def go_fix():
            first = problems[0]
            indicator = w.workspace.form.indicator(first.indicator)
            if indicator is not None:
                view.show_section(f"g:{indicator.group}")
                view._focus_problem((indicator.id, first.member))

        dialog.accepted.connect(go_on)
        dialog.rejected.connect(go_fix)
        dialog.open()

    def when_ready(self, what: str, then) -> None:
        """Runs `then` once the letterhead can be printed: a missing signer is asked for (and
        saved), what does not fit the layout is shown first. The letterhead is read, and what
        is asked written, in the worker."""
        w = self.window
        code = self.export_target()[1]
        own = w.agency_view.own_code if w.agency_view is not None else None
        # a member agency's report printed here: its own signer, kept under its settings
        whose = code if code and code.upper() != (own or "").upper() else None
        w.ops.run(exports.letterhead(code),
                  on_done=lambda letterhead: self._ready(letterhead, what, whose, then),
                  on_error=lambda message: w.notify(message, "error"))

    def _ready(self, letterhead, what: str, whose: str | None, then) -> None:
        w = self.window
        if not needs_dialog(letterhead):
            then()
            return
        dialog = BeforeOutputDialog(letterhead, what, w)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            w.ops.run(exports.set_letterhead(dialog.values(), whose), on_done=lambda _: then(),
                      on_error=lambda message: w.notify(message, "error"), source=w)

        def settings() -> None:
            dialog.reject()
            w.commands.open_settings()

        dialog.accepted.connect(accepted)
        dialog.settings_button.clicked.connect(settings)
        self.before_output = dialog
        dialog.open()

    # --- the files -------------------------------------------------------------------------------
    def _export_to_chosen_file(self, title: str, suffix: str, kinds: str, export) -> None:
        if not self.need_report():
            return
        path = filedialogs.save_file(self.window, title, self.suggested(suffix), kinds,
                                     self.window.workspace)
        if path:
            export(path)

    def choose_package_path(self) -> None:
        """A package with cells marked ✗ or ⚠ is sent only once the official has said so (with
        a note that explains breakdowns that do not add up); else straight to choosing the
        file."""
        if self.need_report():
            self.check_figures("gửi", self._choose_package_file, package=True)

    def _choose_package_file(self) -> None:
        self._export_to_chosen_file("Xuất gói gửi", ".ttdn", "Gói báo cáo TTĐN (*.ttdn)",
                                    self.export_package)

    def choose_docx_path(self) -> None:
        if self.need_report():
            self.check_figures("xuất", lambda: self.when_ready(
                "xuất báo cáo Word", lambda: self._export_to_chosen_file(
                    "Xuất Word", ".docx", "Word (*.docx)", self.export_docx)))

    def choose_xlsx_path(self) -> None:
        if self.need_report():
            self.check_figures("xuất", lambda: self._export_to_chosen_file(
                "Xuất Excel", ".xlsx", "Excel (*.xlsx)", self.export_xlsx))

    def export_package(self, path: str) -> None:
        """Write the package of the current revision, then seal it (it is being sent): a write
        that fails leaves nothing sealed."""
        w = self.window
        view = w.agency_view
        view.save_now()
        w.ops.run(exports.write_package(view.own_code, view.period, path),
                  label="Đang ghi gói báo cáo…",
                  on_done=lambda revision: self.exported(
                      path, f"Đã xuất gói báo cáo lần {revision}: {Path(path).name}. Gửi tệp "
                            "này qua thư điện tử cho cơ quan thường trực. Sửa tiếp sẽ tạo lần "
                            "gửi mới."),
                  on_error=lambda message: w.notify(message, "error"), source=w)

    def export_docx(self, path: str) -> None:
        period, code, _ = self.export_target()
        self.window.ops.run(exports.write_report_docx(period, path, code),
                            label="Đang xuất báo cáo Word…",
                            on_done=lambda _: self.exported(
                                path, f"Đã xuất báo cáo Word: {Path(path).name}."),
                            on_error=lambda message: self.window.notify(message, "error"))

    def export_xlsx(self, path: str) -> None:
        period, code, _ = self.export_target()
        self.window.ops.run(exports.write_stats_xlsx(period, path, code),
                            label="Đang xuất biểu số liệu Excel…",
                            on_done=lambda _: self.exported(
                                path, f"Đã xuất biểu số liệu Excel: {Path(path).name}."),
                            on_error=lambda message: self.window.notify(message, "error"))

    def exported(self, path: str, message: str) -> None:
        folder = os.path.dirname(os.path.abspath(path))
        self.window.notify(message, "success", [
            ("Mở tệp", lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(path))),
            ("Mở thư mục", lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(folder))),
        ])
