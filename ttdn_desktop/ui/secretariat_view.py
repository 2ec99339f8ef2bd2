"""The secretariat's workspace: a period chosen at the top; who has reported, the merge, the
member list and search as tabs; files brought in by dropping them anywhere on the window (or
picking them), shown in a preview before anything is applied."""

from __future__ import annotations

import html
import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton,
                               QSpinBox, QStackedWidget, QTabWidget, QVBoxLayout, QWidget)

from ttdn_desktop.core.changes import AGENCIES, CONSOLIDATED, PERIODS, REPORTS, REVIEWS
from ttdn_desktop.core.periods import Period, current_period, format_date
from ttdn_desktop.core import filekinds, trust
from ttdn_desktop.core.rules import SIGNATURE, STORED, tally
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.text import file_slug
from ttdn_desktop.ui import filedialogs
from ttdn_desktop.ui.date_input import DateInput
from ttdn_desktop.ui import agency_view
from ttdn_desktop.ui.agency_view import PERIOD_CHOICES
from ttdn_desktop.ui.dashboard import Dashboard
from ttdn_desktop.ui.form_confirm import confirm_new_forms
from ttdn_desktop.ui.form_parts import error_line, ok_cancel
from ttdn_desktop.ui.import_preview import ImportPreview
from ttdn_desktop.ui.members_view import MembersView
from ttdn_desktop.ui.merge_view import MergeView
from ttdn_desktop.ui.notice import NoticeBar
from ttdn_desktop.ui.operations import Changes
from ttdn_desktop.ui.ops import agencies, imports, merge, upward
from ttdn_desktop.ui.review_window import ReviewWindow
from ttdn_desktop.ui.search_view import SearchView
from ttdn_desktop.ui.upward_panel import ForwardDialog, IdentityDialog, UpwardBar
from ttdn_desktop.ui.word_import_dialog import WordImportDialog


class RequestDialog(QDialog):
    """Who the request goes to, the cut-off dates of the figures and the deadline; then the
    file is chosen. `known`: (members, dates) as the worker read them
    (ops.agencies.request_choices)."""

    def __init__(self, period: Period, known, parent=None):
        super().__init__(parent)
        members, dates = known
        self.setWindowTitle("Đề nghị báo cáo")
        self.setMinimumWidth(560)
        title = QLabel(f"<b>Đề nghị các đơn vị báo cáo {period.label}</b>")
        title.setWordWrap(True)
        self.agency = QComboBox()
        self.agency.addItem("Tất cả đơn vị thành viên", None)
        for code, name in members:
            self.agency.addItem(name, code)
        self.data_from = DateInput(dates.data_from)
        self.data_to = DateInput(dates.data_to)
        self.deadline = DateInput(dates.deadline)
        self.error = error_line()
        for field in (self.data_from, self.data_to, self.deadline):
            field.problem.connect(self.error.setText)
        cutoff = QHBoxLayout()
        cutoff.addWidget(QLabel("từ"))
        cutoff.addWidget(self.data_from, 1)
        cutoff.addWidget(QLabel("đến"))
        cutoff.addWidget(self.data_to, 1)
        buttons = ok_cancel("Ghi gói đề nghị…")
        buttons.accepted.connect(self.check_and_accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(title)
        form.addRow("Gửi", self.agency)
        form.addRow("Số liệu tính", cutoff)
        form.addRow("Hạn gửi", self.deadline)
        form.addRow(self.error)
        form.addRow(buttons)

    def chosen_dates(self) -> tuple[date, date, date]:
        """(cut-off from, cut-off to, deadline); TTDNError naming the field when one is wrong."""
        values = []
        for label, field in (("Số liệu tính từ", self.data_from), ("đến", self.data_to),
                             ("Hạn gửi", self.deadline)):
            try:
                values.append(field.date())
            except TTDNError as error:
                field.setFocus()
                raise TTDNError(f"«{label}»: {error.message}") from None
        if values[0] > values[1]:
            raise TTDNError("Ngày chốt số liệu «từ» phải trước ngày «đến».")
        return tuple(values)

    def chosen_deadline(self) -> date:
        return self.chosen_dates()[2]

    def check_and_accept(self) -> None:
        try:
            self.chosen_dates()
        except TTDNError as error:
            self.error.setText(error.message)
            return
        self.accept()


class SecretariatView(QWidget):
    keys_requested = Signal(object)  # the sender to select (agency code), or None

    def __init__(self, workspace, ops, parent=None):
        super().__init__(parent)
        self.workspace, self.ops = workspace, ops
        self.reviews: list[ReviewWindow] = []
        self.status = QLabel()
        self.period: Period | None = None

        self.period_box = QComboBox()
        self.period_box.currentIndexChanged.connect(self._on_period)
        self.new_kind = QComboBox()
        for kind, label in PERIOD_CHOICES:
            self.new_kind.addItem(label, kind)
        now = current_period(agency_view.today())  # the period being reported now
        self.new_kind.setCurrentIndex(max(0, self.new_kind.findData(now.kind)))
        self.new_year = QSpinBox()
        self.new_year.setRange(2000, 2100)
        self.new_year.setValue(now.year)
        open_period = QPushButton("Mở kỳ")
        open_period.clicked.connect(lambda: self.select_period(
            Period(self.new_year.value(), self.new_kind.currentData())))
        bar = QHBoxLayout()
        bar.addWidget(QLabel("<b>Kỳ báo cáo</b>"))
        bar.addWidget(self.period_box, 1)
        bar.addSpacing(24)
        bar.addWidget(QLabel("Kỳ khác:"))
        bar.addWidget(self.new_kind)
        bar.addWidget(self.new_year)
        bar.addWidget(open_period)

        self.notice = NoticeBar()
        self.upward = UpwardBar()
        self.upward.export_requested.connect(self.choose_upward_export)
        self.upward.forward_requested.connect(self.choose_forward)
        self.dashboard = Dashboard()
        self.dashboard.open_agency.connect(self.open_review)
        self.dashboard.request_agency.connect(self.choose_request)
        self.dashboard.keys_agency.connect(self.keys_requested.emit)
        self.dashboard.edit_member.connect(self.show_member)
        self.merge = MergeView(workspace, ops)
        self.members = MembersView(workspace, ops)
        self.search = SearchView(workspace, ops)
        self.search.open_hit.connect(lambda code, period, section: self.open_review(
            code, Period.parse(period), section))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)  # no frame: its pixels go to the pages
        self.tabs.addTab(self.dashboard, "Tình hình nộp báo cáo")
        self.tabs.addTab(self.merge, "Tổng hợp")
        self.tabs.addTab(self.members, "Đơn vị thành viên")
        self.tabs.addTab(self.search, "Tìm kiếm")
        self.tabs.currentChanged.connect(self._on_tab)
        self.preview = ImportPreview()
        self.preview.apply_requested.connect(self.apply_import)
        self.preview.cancelled.connect(self.close_preview)
        self.preview.word_requested.connect(self.confirm_word_reports)
        self.word_dialogs = []
        self.word_queue: list = []  # reports waiting for their confirmation window
        self.pages = QStackedWidget()
        self.pages.addWidget(self.tabs)
        self.pages.addWidget(self.preview)
        # beside the tabs, not on a line of its own above them (the dashboard's and the
        # merge editor's height at 1366×768 and 125 %); every kind read in its tooltip
        hint = QLabel("Kéo thả tệp hoặc thư mục vào cửa sổ để nhập")
        hint.setToolTip(f"Kéo thả các tệp nhận qua thư điện tử ({filekinds.listed()}) hoặc cả "
                        "thư mục vào cửa sổ này để nhập.")
        hint.setStyleSheet("color:#555; padding:0 6px")
        self.tabs.setCornerWidget(hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.upward)
        layout.addWidget(self.pages, 1)
        self.reload_periods()
        ops.changed.connect(self.on_changes)

    def on_changes(self, changes: Changes) -> None:
        """Whatever changed who reported, what, or the members: show the period again. The
        merge view's own saves already show their result; our own imports reload by
        themselves."""
        if changes.source is self or changes.source is self.merge:
            return
        if changes.touches(AGENCIES) and changes.source is not self.members:
            self.members.reload()
        if changes.touches(REPORTS, AGENCIES, PERIODS, REVIEWS, CONSOLIDATED):
            self.reload_periods()

    # --- the period -------------------------------------------------------------------------------
    def reload_periods(self, select: Period | None = None) -> None:
        """The known periods are read in the worker; the chosen one is then shown."""
        self.ops.run(merge.known_periods(),
                     on_done=lambda periods: self._fill_periods(periods, select),
                     on_error=lambda message: self.notice.show_message(message, "error"))

    def _on_tab(self, _index: int) -> None:
        self.merge.save_now()
        if self.tabs.currentWidget() is self.search:
            self.search.field.setFocus()  # the search tab is for typing what to find

    def _fill_periods(self, periods: list[Period], select: Period | None) -> None:
        if select is not None and select not in periods:
            periods = sorted(periods + [select], reverse=True)
        if not periods:
            periods = [current_period(date.today())]
        self.period_box.blockSignals(True)
        self.period_box.clear()
        for period in periods:
            self.period_box.addItem(period.label, period.code)
        chosen = select or self.period or periods[0]
        self.period_box.setCurrentIndex(max(0, self.period_box.findData(chosen.code)))
        self.period_box.blockSignals(False)
        self._on_period()

    def select_period(self, period: Period) -> None:
        self.reload_periods(period)

    def _on_period(self, *_args) -> None:
        code = self.period_box.currentData()
        if not code:
            return
        self.period = Period.parse(code)
        self.refresh()

    def open_find(self) -> None:
        """Ctrl+F: find in the consolidated report, on the merge tab."""
        self.close_preview()
        self.tabs.setCurrentWidget(self.merge)
        self.merge.open_find()

    def refresh(self) -> None:
        """The period's consolidation is made in the worker; shown when it comes."""
        period = self.period
        self.search.period = period
        self.ops.run(merge.period_overview(period),
                     on_done=lambda found: self._show(period, *found))

    def _show(self, period: Period, merged, upward, members: int, signatures: dict,
              held_for_signature: int, reminded: dict) -> None:
        if period != self.period:
            return  # another period was chosen meanwhile; its own result follows
        self.dashboard.show_consolidation(merged, signatures=signatures,
                                          held_for_signature=held_for_signature,
                                          reminded=reminded)
        self.merge.show_period(period, merged)
        self.upward.show_status(*upward)
        self.status.setText(f"{members} đơn vị thành viên")

    # --- import -----------------------------------------------------------------------------------
    def choose_files(self) -> None:
        paths = filedialogs.open_files(self, "Chọn tệp để nhập", filedialogs.IMPORT_FILTERS,
                                       self.workspace)
        if paths:
            self.preview_files(paths)

    def choose_folder(self) -> None:
        folder = filedialogs.open_folder(self, "Chọn thư mục để nhập mọi tệp trong đó",
                                         self.workspace)
        if folder:
            self.preview_files([folder])

    def preview_files(self, paths) -> None:
        self.ops.run(imports.preview(paths), label="Đang đọc các tệp…",
                     on_done=lambda found: self._show_preview(*found),
                     on_error=lambda message: self.notice.show_message(message, "error"))

    def _show_preview(self, paths, results, nothing: str) -> None:
        if not paths:  # only folders, none with a file to read
            self.notice.show_message(html.escape(nothing), "warning")
            return
        self.preview.show_results(paths, results)
        self.pages.setCurrentWidget(self.preview)

    def close_preview(self) -> None:
        self.pages.setCurrentWidget(self.tabs)

    def fetch_mail(self) -> None:
        """«Nhận thư»: the mailbox read, its mail shown in the preview (ui/mail_fetch.py)."""
        from ttdn_desktop.ui.mail_fetch import open_mail_fetch
        open_mail_fetch(self)

    def apply_import(self, paths) -> None:
        mail = getattr(self, "mail_preview", None)  # the preview shows mail fetched
        if mail is not None and list(paths) == mail.names:
            mail.apply()
            return
        self.ops.run(imports.apply(paths), label="Đang nhập…", on_done=self._imported,
                     on_error=lambda message: self.notice.show_message(message, "error"),
                     source=self)

    def _imported(self, results) -> None:
        self.close_preview()
        periods = {r.period for r in results if r.period}
        count = tally(r.outcome for r in results)
        self.reload_periods(Period.parse(sorted(periods)[-1]) if periods else None)
        text = (f"Đã nhập {count['applied']} tệp; {count['held']} được giữ lại để xem xét; "
                f"{count['rejected']} bị từ chối. "
                "Cơ sở dữ liệu đã được sao lưu trước khi nhập (thư mục «sao-luu»).")
        kind = "success" if not count["rejected"] else "warning"
        new_keys = [r for r in results if r.signature_state == trust.FIRST
                    and r.outcome in STORED]  # a package held records no key
        held = [r for r in results if r.outcome == SIGNATURE]
        actions = []
        if new_keys:
            names = ", ".join(f"{r.agency_name or r.file_name} ({r.fingerprint})"
                              for r in new_keys[:3])
            if len(new_keys) > 3:
                names += f" và {len(new_keys) - 3} nơi khác"
            text += (f"<br/>Đã ghi nhận khóa ký mới của {len(new_keys)} nơi gửi: {names}. Hãy "
                     "gọi điện đối chiếu dãy số với từng nơi.")
        if held:
            text += (f"<br/><b>{len(held)} gói bị giữ lại vì chữ ký</b> (không có chữ ký, hoặc "
                     "ký bằng khóa khác khóa đã ghi nhận): không nhập cho đến khi bạn xem xét.")
            kind = "warning"
        if new_keys or held:
            party = (new_keys or held)[0].agency_code
            actions.append(("Khóa ký và đối chiếu…", lambda: self.keys_requested.emit(party)))
        self.notice.show_message(text, kind, actions)
        confirm_new_forms(self, self.ops, results,
                          lambda result: self.notice.show_message(html.escape(result.line()),
                                                                  "success"),
                          lambda message: self.notice.show_message(message, "error"))

    def confirm_word_reports(self, items) -> None:
        """One confirmation window per report, one after the other: the next opens when the
        one before closes (all N opened at once, stacked, each hid the others). Each report is
        read in the worker as its turn comes."""
        showing = next((d for d in self.word_dialogs if d.isVisible()), None)
        self.word_queue = [(name, data) for name, data in items
                           if showing is None or name != showing.report.file_name]
        if showing is not None:  # asked again while one is open: that one first
            showing.raise_()
            showing.activateWindow()
            return
        self._next_word()

    def _next_word(self, *_) -> None:
        if not self.word_queue:
            return
        name, data = self.word_queue.pop(0)

        def failed(message: str) -> None:
            self.notice.show_message(message, "error")
            self._next_word()

        self.ops.run(imports.read_word(name, data), label=f"Đang đọc «{name}»…",
                     on_done=self._confirm_word, on_error=failed)

    def _confirm_word(self, found) -> None:
        report, members = found
        dialog = WordImportDialog(self.workspace, self.ops, report, members, self)
        dialog.imported.connect(self._word_imported)
        dialog.finished.connect(self._next_word)
        self.word_dialogs.append(dialog)
        dialog.open()

    def _word_imported(self, result) -> None:
        if result.ok:
            self.preview.mark_confirmed(result.file_name)
        self.reload_periods(Period.parse(result.period) if result.period else None)
        self.notice.show_message(result.line(), "success" if result.ok else "warning")

    # --- review, request, exports ---------------------------------------------------------------------
    def open_review(self, agency_code: str, period: Period | None = None,
                    section_id: str | None = None) -> ReviewWindow:
        """One window per report: a second double-click brings the open one to the front."""
        period = period or self.period
        window = next((w for w in self.reviews if w.is_for(agency_code, period)), None)
        if window is None:
            window = ReviewWindow(self.workspace, self.ops, agency_code, period, section_id)
            self.reviews.append(window)
        else:
            window.load()  # it may have been closed while new revisions came in
            window.show_section(section_id)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def show_member(self, agency_code: str) -> None:
        self.tabs.setCurrentWidget(self.members)
        self.members.reload(agency_code)

    def choose_request(self, agency_code: str | None = None) -> None:
        """`agency_code`: the one member the request goes to (chosen in the dialog first)."""
        period = self.period
        self.ops.run(agencies.request_choices(period),
                     on_done=lambda known: self._open_request(period, known, agency_code),
                     on_error=lambda message: self.notice.show_message(message, "error"))

    def _open_request(self, period: Period, known, agency_code: str | None = None) -> None:
        dialog = RequestDialog(period, known, self)
        if agency_code:
            found = dialog.agency.findData(agency_code)
            if found < 0:
                dialog.deleteLater()
                self.notice.show_message(f"Đơn vị mã {agency_code} không còn là thành viên: "
                                         "không gửi đề nghị báo cáo cho đơn vị này.", "warning")
                return
            dialog.agency.setCurrentIndex(found)
        dialog.accepted.connect(lambda: self._request_to_file(dialog))
        dialog.open()

    def _request_to_file(self, dialog: RequestDialog) -> None:
        agency = dialog.agency.currentData()
        words = file_slug(self.period.phrase)
        suggested = f"DeNghiBaoCao-{words}{'-' + agency if agency else ''}.ttdn"
        path = filedialogs.save_file(self, "Ghi gói đề nghị báo cáo", suggested,
                                     "Gói TTĐN (*.ttdn)", self.workspace)
        if path:
            data_from, data_to, deadline = dialog.chosen_dates()
            self.write_request(path, agency, deadline, data_from, data_to)

    def write_request(self, path: str, agency_code: str | None, deadline: date,
                      data_from: date | None = None, data_to: date | None = None) -> None:
        self.ops.run(agencies.write_request(self.period, agency_code, deadline, data_from,
                                            data_to, path),
                     label="Đang ghi gói đề nghị…", on_done=lambda _: self._request_written(path),
                     on_error=lambda message: self.notice.show_message(message, "error"))

    def _request_written(self, path: str) -> None:
        self.notice.show_message(f"Đã ghi gói đề nghị báo cáo {Path(path).name}; gửi tệp này "
                                 "cho các đơn vị qua thư điện tử.", "success",
                                 [("Mở thư mục", lambda: QDesktopServices.openUrl(
                                     QUrl.fromLocalFile(os.path.dirname(os.path.abspath(path)))))])

    # --- the level above ------------------------------------------------------------------------------
    def choose_upward_export(self, ask_identity: bool = False) -> None:
        """Our name up there first if it is not known, then the file."""
        self.merge.save_now()
        period = self.period
        self.ops.run(upward.upward_identity(period),
                     on_done=lambda identity: self._upward_to_file(identity, ask_identity),
                     on_error=lambda message: self.notice.show_message(message, "error"))

    def _upward_to_file(self, identity, ask_identity: bool) -> None:
        if identity is None or ask_identity:
            dialog = IdentityDialog(identity, self)
            dialog.accepted.connect(lambda: self._identity_chosen(dialog, not ask_identity))
            dialog.open()
            return
        suggested = f"BaoCao-{file_slug(identity[0])}-{file_slug(self.period.phrase)}.ttdn"
        path = filedialogs.save_file(self, "Gửi báo cáo tổng hợp lên cấp trên", suggested,
                                     "Gói TTĐN (*.ttdn)", self.workspace)
        if path:
            self.export_upward(path)

    def _identity_chosen(self, dialog, then_export: bool) -> None:
        code, name = dialog.code.text(), dialog.name.text()
        self.ops.run(upward.set_upward_identity(code, name),
                     on_done=lambda _: then_export and self.choose_upward_export(),
                     on_error=lambda message: self.notice.show_message(message, "error"))

    def export_upward(self, path: str) -> None:
        period = self.period

        def done(result) -> None:
            revision, report = result
            dropped = f" Mẫu của cấp trên không có: {', '.join(report.dropped)}." \
                if report.dropped else ""
            self.notice.show_message(
                f"Đã ghi {Path(path).name}: báo cáo {period.phrase} gửi cấp trên, lần {revision}, "
                f"tổng hợp từ {len(report.sources)} báo cáo đơn vị. Gửi tệp này cho cấp trên qua "
                f"thư điện tử.{dropped}", "warning" if dropped else "success",
                [("Mở thư mục", lambda: QDesktopServices.openUrl(
                    QUrl.fromLocalFile(os.path.dirname(os.path.abspath(path)))))])

        self.ops.run(upward.export_upward(period, path), label="Đang ghi gói gửi cấp trên…",
                     on_done=done,
                     on_error=lambda message: self.notice.show_message(message, "error"))

    def choose_forward(self) -> None:
        self.ops.run(upward.upper_request(self.period), on_done=self._forward_chosen,
                     on_error=lambda message: self.notice.show_message(message, "error"))

    def _forward_chosen(self, request) -> None:
        if request is None:
            self.notice.show_message(f"Chưa nhận đề nghị báo cáo {self.period.phrase} nào của cấp "
                                     "trên: hãy nhập gói đề nghị của cấp trên trước.", "warning")
            return
        dialog = ForwardDialog(request, self)
        dialog.accepted.connect(lambda: self._forward_to_file(dialog.chosen_deadline()))
        dialog.open()

    def _forward_to_file(self, deadline: date) -> None:
        path = filedialogs.save_file(self, "Ghi gói đề nghị gửi các đơn vị",
                                     f"DeNghiBaoCao-{file_slug(self.period.phrase)}.ttdn",
                                     "Gói TTĐN (*.ttdn)", self.workspace)
        if path:
            self.write_forward(path, deadline)

    def write_forward(self, path: str, deadline: date) -> None:
        self.ops.run(upward.write_forward(self.period, deadline, path),
                     label="Đang ghi gói đề nghị…",
                     on_done=lambda _: self.notice.show_message(
                         f"Đã ghi {Path(path).name}: đề nghị của cấp trên chuyển cho các đơn vị "
                         f"thành viên, hạn gửi {format_date(deadline)}.", "success"),
                     on_error=lambda message: self.notice.show_message(message, "error"))
