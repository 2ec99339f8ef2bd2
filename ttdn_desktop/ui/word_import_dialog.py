"""Confirming a report written in Word: the agency and period guessed from its letterhead and
subject line, what each heading was matched to, how and how sure, the set-aside parts to place
by hand (or keep with the report for later), the figures found, each beside the sentence it
came from, to tick before they count (those that are no exact value of the period — about, a
range, a change, another period's, a plan — shown with why, never to tick); and, before
anything is replaced, the sections of the agency's current report that this import would empty
or shorten, to confirm in so many words.
Opened with open(): nothing waits on it."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QGroupBox, QHeaderView, QLabel, QScrollArea, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ttdn_desktop.core.periods import Period, current_period
from ttdn_desktop.core.text import format_number
from ttdn_desktop.core.wordmatch import confidence_label, to_ask
from ttdn_desktop.ui.agency_view import PERIOD_CHOICES
from ttdn_desktop.ui.operations import REPORTS, Changes
from ttdn_desktop.ui.screen_fit import fit_size


class WordImportDialog(QDialog):
    imported = Signal(object)  # the ImportResult

    def __init__(self, workspace, ops, report, parent=None, members=None):
        """`members`: (code, name) of the member agencies, as the worker read them with the
        report; without them they are read here (a test, a script)."""
        super().__init__(parent)
        self.workspace, self.ops, self.report = workspace, ops, report
        self.asked = None  # the choices whose losses are being read
        if members is None:
            members = [(row["code"], row["name"])
                       for row in workspace.agencies(include_retired=False)]
        form = workspace.form
        sheet = getattr(report, "figures_only", False)  # an agency's own statistics sheet
        self.setWindowTitle(f"{'Nhập bảng số liệu' if sheet else 'Nhập báo cáo Word'} — "
                            f"{report.file_name}")
        fit_size(self, 1000, 760)

        self.agency = QComboBox()
        for code, name in members:
            self.agency.addItem(f"{name} ({code})", code)
        if report.agency_guess:
            self.agency.setCurrentIndex(max(0, self.agency.findData(report.agency_guess[0])))
        self.period = QComboBox()
        guess = report.period_guess or current_period(date.today())
        for year in range(guess.year - 2, guess.year + 2):
            for kind, label in PERIOD_CHOICES:
                self.period.addItem(f"{label} {year}", f"{year}-{kind}")
        self.period.setCurrentIndex(self.period.findData(guess.code))
        who = QFormLayout()
        who.addRow("Đơn vị", self.agency)
        who.addRow("Kỳ báo cáo", self.period)
        guessed = QLabel(("Đơn vị và kỳ được đoán từ tiêu đề và trích yếu của văn bản; hãy kiểm "
                          "tra." if report.agency_guess or report.period_guess else
                          "Không nhận ra đơn vị, kỳ trong văn bản: hãy chọn.")
                         + (f" {report.legacy_runs} đoạn viết bằng mã chữ cũ (TCVN3/VNI) đã "
                            "được chuyển sang Unicode." if report.legacy_runs else ""))
        guessed.setWordWrap(True)

        self.matches = QTableWidget(len(report.matches), 3)
        self.matches.setHorizontalHeaderLabels(["Đề mục trong văn bản", "Mục của mẫu",
                                                "Mức chắc chắn (nhận theo)"])
        self.matches.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.matches.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.matches.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.ResizeToContents)
        for row, match in enumerate(report.matches):
            target = form.section(match.section_id).numbered_heading if match.section_id \
                else "— chưa xếp (xem bên dưới) —"
            how = f", theo {match.how}" if match.section_id else ""
            for column, text in enumerate((match.heading, target,
                                           f"{confidence_label(match.score)} "
                                           f"({format_number(match.score, 2)}{how})")):
                self.matches.setItem(row, column, QTableWidgetItem(text))
        self.matches.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        others = QWidget()
        other_layout = QFormLayout(others)
        self.placements: list[QComboBox] = []
        for heading, lines in report.other:
            combo = QComboBox()
            combo.addItem("Để sau (lưu kèm báo cáo)", None)
            for section in form.prose_sections:
                combo.addItem(section.numbered_heading, section.id)
            preview = (" ".join(lines)[:160] + "…") if len(" ".join(lines)) > 160 \
                else " ".join(lines)
            label = QLabel(f"<b>{heading}</b><br/>{preview}")
            label.setWordWrap(True)
            other_layout.addRow(label, combo)
            self.placements.append(combo)
            combo.currentIndexChanged.connect(self.update_losses)

        self.figures = QTableWidget(len(report.proposals), 3)
        self.figures.setHorizontalHeaderLabels(["Nhận", "Chỉ tiêu = số liệu", "Lấy từ"])
        self.figures.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.figures.setWordWrap(True)
        self._fill_figures(report.proposals)
        self.figures.setColumnWidth(0, 50)
        self.figures.setColumnWidth(1, 340)

        self.figures.itemChanged.connect(self.update_losses)

        self.losses_box = QGroupBox("Bản này ít hơn báo cáo hiện hành của đơn vị")
        self.losses_box.setStyleSheet("QGroupBox { color:#B02A37; font-weight:bold }")
        self.losses = QLabel()
        self.losses.setWordWrap(True)
        self.losses.setStyleSheet("color:#B02A37; font-weight:normal")
        self.allow_losses = QCheckBox("Tôi đã xem: vẫn thay báo cáo hiện hành bằng bản ít hơn "
                                      "này (bản cũ vẫn còn trong lịch sử)")
        losses_layout = QVBoxLayout(self.losses_box)
        losses_layout.addWidget(self.losses)
        losses_layout.addWidget(self.allow_losses)
        self.agency.currentIndexChanged.connect(self.update_losses)
        self.period.currentIndexChanged.connect(self.update_losses)

        self.error = QLabel()
        self.error.setStyleSheet("color:#B02A37")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Nhận các số đã đánh dấu" if sheet else "Nhập báo cáo")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Bỏ qua")
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(who)
        layout.addWidget(guessed)
        layout.addWidget(self.losses_box)
        if not sheet:
            box = QGroupBox("Các đề mục tìm thấy")
            QVBoxLayout(box).addWidget(self.matches)
            layout.addWidget(box)
        self.notes = QLabel("<br/>".join(f"• {html.escape(note)}"
                                         for note in getattr(report, "notes", [])))
        self.notes.setWordWrap(True)
        if sheet:
            box = QGroupBox("Bảng tính chỉ mang số liệu: phần lời của báo cáo hiện hành giữ "
                            "nguyên. Cần xem:")
            QVBoxLayout(box).addWidget(self.notes)
            layout.addWidget(box)
        if report.other:
            box = QGroupBox("Phần chưa xếp được vào mục nào: chọn mục để đưa vào")
            QVBoxLayout(box).addWidget(others)
            layout.addWidget(box)
        box = QGroupBox("Số liệu tìm thấy: đánh dấu những số đúng để nhận")
        box_layout = QVBoxLayout(box)
        unknown = sum(1 for p in report.proposals if to_ask(p))
        left_out = sum(1 for p in report.proposals if not p.exact)
        self.left_out_note = None
        if left_out:
            self.left_out_note = QLabel(
                f"{left_out} số «không lấy»: không phải số chính xác của kỳ (ước lượng, "
                "khoảng, mức tăng giảm hay số của kỳ khác, kế hoạch), không nhận được."
                + (f" Hỏi lại đơn vị {unknown} số chính xác rồi nhập tay vào báo cáo của đơn "
                   "vị." if unknown else ""))
            self.left_out_note.setWordWrap(True)
            box_layout.addWidget(self.left_out_note)
        box_layout.addWidget(self.figures)
        layout.addWidget(box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll)
        outer.addWidget(self.error)
        outer.addWidget(buttons)
        if sheet:
            self.period.currentIndexChanged.connect(self.reread_sheet)
        self.update_losses()

    def _fill_figures(self, proposals) -> None:
        form = self.workspace.form
        self.figures.blockSignals(True)
        self.figures.setRowCount(len(proposals))
        for row, proposal in enumerate(proposals):
            indicator = form.indicator(proposal.key[0])
            member = indicator.breakdown.member(proposal.key[1]) if proposal.key[1] else None
            label = f"{indicator.label}{' – ' + member.label if member else ''}"
            tick = QTableWidgetItem()
            if proposal.exact:
                tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                text = f"{label} = {format_number(proposal.value)} {indicator.unit}"
            else:
                # about, a range, a change, another period's, a plan: shown, never taken
                tick.setFlags(Qt.ItemFlag.NoItemFlags)
                text = f"{label}: không lấy «{proposal.phrase}» ({proposal.not_exact})"
                tick.setToolTip(f"Không lấy: {proposal.not_exact}")
            tick.setCheckState(Qt.CheckState.Unchecked)  # nothing guessed counts by itself
            self.figures.setItem(row, 0, tick)
            self.figures.setItem(row, 1, QTableWidgetItem(text))
            self.figures.setItem(row, 2, QTableWidgetItem(proposal.source))
            if not proposal.exact:
                for column in (1, 2):
                    self.figures.item(row, column).setForeground(QColor("#6C757D"))
        self.figures.resizeRowsToContents()
        self.figures.blockSignals(False)

    def reread_sheet(self, *_) -> None:
        """A statistics sheet holds a column per period: another period chosen, its column is
        read (in the worker) and its figures proposed afresh, none ticked."""
        code = self.period.currentData()
        report = self.report
        if not code or report.period_guess is not None and report.period_guess.code == code:
            return
        period = Period.parse(code)
        self.ok_button.setEnabled(False)  # the figures shown are not this period's yet
        self.ops.run(lambda ws: ws.read_word(report.file_name, report.source, period),
                     on_done=self._sheet_read, on_error=self._failed)

    def _sheet_read(self, report) -> None:
        if report.period_guess is None or report.period_guess.code != \
                self.period.currentData():
            return  # another period was chosen meanwhile: its own reading follows
        self.report = report
        self.ok_button.setEnabled(True)
        self._fill_figures(report.proposals)
        self.notes.setText("<br/>".join(f"• {html.escape(note)}" for note in report.notes))
        self.error.setText("")
        self.update_losses()

    def accepted_proposals(self) -> list:
        return [proposal for row, proposal in enumerate(self.report.proposals)
                if proposal.exact
                and self.figures.item(row, 0).checkState() == Qt.CheckState.Checked]

    def placements_chosen(self) -> dict[int, str]:
        return {n: combo.currentData() for n, combo in enumerate(self.placements)
                if combo.currentData()}

    def update_losses(self, *_) -> None:
        """What the import would take away from the agency's current report, as chosen now:
        read in the worker, shown when it comes (only the answer to the latest choice). The
        worker refuses an import that loses text without the box ticked in any case."""
        self.found_losses = []
        code, period = self.agency.currentData(), self.period.currentData()
        if code is None or not period:
            self._show_losses(None, [])
            return
        report, placements = self.report, self.placements_chosen()
        accepted = self.accepted_proposals()
        self.asked = asked = object()  # this question; a newer one replaces it
        self.ops.run(lambda ws: ws.word_losses(report, code, Period.parse(period), placements,
                                               accepted),
                     on_done=lambda losses: self._show_losses(asked, losses),
                     on_error=self.error.setText)

    def _show_losses(self, asked, losses) -> None:
        if asked != self.asked:
            return
        self.found_losses = losses
        self.losses.setText("<br/>".join(f"• {loss.describe()}" for loss in self.found_losses))
        self.losses_box.setVisible(bool(self.found_losses))

    def confirm(self) -> None:
        if self.agency.currentData() is None:
            self.error.setText("Hãy chọn đơn vị.")
            return
        if self.found_losses and not self.allow_losses.isChecked():
            self.error.setText("Bản này làm trống hoặc ngắn đi báo cáo hiện hành của đơn vị "
                               "(xem khung đỏ ở trên): đánh dấu xác nhận nếu đúng là muốn thay.")
            return
        report, code = self.report, self.agency.currentData()
        period = Period.parse(self.period.currentData())
        placements, accepted = self.placements_chosen(), self.accepted_proposals()
        allow = self.allow_losses.isChecked()
        self.ok_button.setEnabled(False)
        self.ops.run(lambda ws: ws.import_word(report, code, period, placements, accepted,
                                               allow_losses=allow),
                     label="Đang nhập báo cáo Word…", on_done=self._imported,
                     on_error=self._failed,
                     changes=Changes.of(REPORTS, period=period.code), source=self.parent())

    def _imported(self, result) -> None:
        self.imported.emit(result)
        self.accept()

    def _failed(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        self.error.setText(message)
