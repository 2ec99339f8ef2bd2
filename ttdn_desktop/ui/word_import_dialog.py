"""Confirming a report written in Word: the agency and period guessed from its letterhead and
subject line, what each heading was matched to, how and how sure, the set-aside parts to place
by hand (or keep with the report for later), the figures found, each beside the sentence it
came from, to tick before they count (those that are no exact value of the period — about, a
range, a change, another period's, a plan — shown with why, never to tick); and, before
anything is replaced, the sections of the agency's current report that this import would empty
or shorten, to confirm in so many words. A heading placed by a guess (matched with less than
«chắc chắn», or covering several of the form's sections) is asked about: where it goes,
confirmed one by one; the figures read under it cannot be ticked until it is, nor at all if its
text goes elsewhere than proposed.
Opened with open(): nothing waits on it."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QGroupBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
                               QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ttdn_desktop.core.figure_text import short_reasons
from ttdn_desktop.core.periods import Period, current_period
from ttdn_desktop.core.text import format_number, shown
from ttdn_desktop.core.proposals import to_ask
from ttdn_desktop.core.wordmatch import confidence_label
from ttdn_desktop.ui.agency_view import PERIOD_CHOICES
from ttdn_desktop.ui.form_parts import error_line, ok_cancel
from ttdn_desktop.ui.ops import imports
from ttdn_desktop.ui.screen_fit import fit_size
from ttdn_desktop.ui.wrapping import keep_rows_fitted

ASIDE = ""  # the choice of setting a heading's text aside


class WordImportDialog(QDialog):
    imported = Signal(object)  # the ImportResult

    def __init__(self, workspace, ops, report, members, parent=None):
        """`members`: (code, name) of the member agencies, as the worker read them with the
        report (ops.imports.read_word)."""
        super().__init__(parent)
        self.workspace, self.ops, self.report = workspace, ops, report
        self.question = None  # the choices whose losses are being read
        form = workspace.form
        sheet = getattr(report, "figures_only", False)  # an agency's own statistics sheet
        what = "bảng số liệu" if sheet else getattr(report, "kind", "báo cáo")
        self.setWindowTitle(f"Nhập {what} — {report.file_name}")
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
        pasted = getattr(report, "mail", None)  # a report pasted into a mail's text
        guessed = QLabel(("Báo cáo dán trong nội dung thư của " + pasted.sender + ": đơn vị "
                          "chỉ được đề xuất theo người gửi, kỳ theo tiêu đề thư nếu văn bản không "
                          "nói; hãy kiểm tra kỹ." if pasted is not None and
                          pasted.agency_from_sender else
                          "Đơn vị và kỳ được đoán từ tiêu đề và trích yếu của văn bản; hãy kiểm "
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
        asked = report.to_confirm()
        for row, match in enumerate(report.matches):
            target = " và ".join(form.section(sid).numbered_heading
                                 for sid in match.targets()) or "— chưa xếp (xem bên dưới) —"
            how = f", theo {match.how}" if match.section_id else ""
            note = " — cần xác nhận" if row in asked else ""
            for column, text in enumerate((match.heading, target,
                                           f"{confidence_label(match.score)} "
                                           f"({format_number(match.score, 2)}{how}){note}")):
                self.matches.setItem(row, column, QTableWidgetItem(text))
        self.matches.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        self.asked = asked
        self.choices: dict[int, QComboBox] = {}
        self.confirmed: dict[int, QCheckBox] = {}
        to_confirm = QWidget()
        confirm_layout = QVBoxLayout(to_confirm)
        for index in asked:
            match = report.matches[index]
            label = QLabel(f"<b>{match.heading}</b><br/>{self._why(form, match)}")
            label.setWordWrap(True)
            combo = QComboBox()
            # long section names would widen the window past the screen: the box elides
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(30)
            proposal = " và ".join(form.section(sid).numbered_heading
                                   for sid in match.targets())
            combo.addItem(f"Như đề xuất: {proposal}", match.section_id)
            combo.setToolTip(combo.itemText(0))
            for section in form.prose_sections:
                combo.addItem(section.numbered_heading, section.id)
            combo.addItem("Để riêng (phần chưa xếp)", ASIDE)
            tick = QCheckBox("Đã xem: xếp như đã chọn")
            combo.currentIndexChanged.connect(lambda _, t=tick: t.setChecked(False))
            combo.currentIndexChanged.connect(self._placement_changed)
            tick.toggled.connect(self._placement_changed)
            confirm_layout.addWidget(label)
            row_layout = QHBoxLayout()
            row_layout.addWidget(combo, 1)
            row_layout.addWidget(tick)
            confirm_layout.addLayout(row_layout)
            self.choices[index], self.confirmed[index] = combo, tick

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
        # rows follow the widths the columns get once shown (sized before, at the narrow
        # widths they had then, a one-line figure took three lines)
        keep_rows_fitted(self.figures)
        self._fill_figures(report.proposals)
        self.figures.setColumnWidth(0, 50)
        self.figures.setColumnWidth(1, 340)

        self.figure_note = QLabel()  # what a second tick for one indicator did
        self.figure_note.setWordWrap(True)
        self.figure_note.setStyleSheet("color:#8A5A00")
        self.figure_note.setVisible(False)
        self.figures.itemChanged.connect(self._one_figure_each)
        self.figures.itemChanged.connect(self.update_losses)
        self._hold_figures()

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

        self.error = error_line()
        buttons = ok_cancel("Nhận các số đã đánh dấu" if sheet else "Nhập báo cáo", "Bỏ qua")
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(who)
        layout.addWidget(guessed)
        layout.addWidget(self.losses_box)
        if asked:
            box = QGroupBox(f"Đề mục cần xác nhận ({len(asked)}): chọn mục và đánh dấu đã xem")
            box.setStyleSheet("QGroupBox { font-weight:bold }")
            QVBoxLayout(box).addWidget(to_confirm)
            layout.addWidget(box)
        if not sheet:
            box = QGroupBox("Các đề mục tìm thấy")
            QVBoxLayout(box).addWidget(self.matches)
            layout.addWidget(box)
        self.warnings = QLabel("<br/>".join(f"• {html.escape(note)}"
                                         for note in getattr(report, "warnings", [])))
        self.warnings.setWordWrap(True)
        if sheet:
            box = QGroupBox("Bảng tính chỉ mang số liệu: phần lời của báo cáo hiện hành giữ "
                            "nguyên. Cần xem:")
            QVBoxLayout(box).addWidget(self.warnings)
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
                f"{left_out} số «không lấy» ("
                f"{short_reasons(p.not_exact for p in report.proposals)}): không chắc là số "
                "chính xác của kỳ, không nhận được."
                + (f" Hỏi lại đơn vị {unknown} số chính xác rồi nhập tay vào báo cáo của đơn "
                   "vị." if unknown else ""))
            self.left_out_note.setWordWrap(True)
            box_layout.addWidget(self.left_out_note)
        box_layout.addWidget(self.figures)
        box_layout.addWidget(self.figure_note)
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

    def _one_figure_each(self, item) -> None:
        """One figure an indicator: a figure of another sentence ticked for an indicator
        already ticked unticks the first, saying so (added, 9.000 bulletins and 3.800
        brochures were stored as 12.800); the parts one sentence lists add up, said too."""
        if item.column() != 0 or item.checkState() != Qt.CheckState.Checked:
            return
        row = item.row()
        chosen = self.report.proposals[row]
        label = self.workspace.form.figure_label(chosen.key)
        unticked, parts = [], [(row, chosen)]
        self.figures.blockSignals(True)
        for other in range(self.figures.rowCount()):
            proposal = self.report.proposals[other]
            tick = self.figures.item(other, 0)
            if other == row or proposal.key != chosen.key or \
                    tick.checkState() != Qt.CheckState.Checked:
                continue
            if proposal.source == chosen.source:
                parts.append((other, proposal))
            else:
                tick.setCheckState(Qt.CheckState.Unchecked)
                unticked.append(proposal)
        self.figures.blockSignals(False)
        told = []
        if unticked:
            told.append(f"Mỗi chỉ tiêu chỉ nhận một số: đã bỏ đánh dấu «{label} = "
                         + ", ".join(format_number(p.value) for p in unticked)
                         + f"» (câu khác) để nhận {format_number(chosen.value)}. Hai số của "
                         "hai câu không được cộng lại; nếu chỉ tiêu là tổng của chúng, hãy "
                         "nhập tay số tổng vào báo cáo của đơn vị.")
        if len(parts) > 1:
            told.append(f"Các số cùng một câu được cộng lại: «{label}» = "
                         + " + ".join(format_number(p.value) for _, p in sorted(parts))
                         + f" = {format_number(sum(p.value for _, p in parts))}.")
        self.figure_note.setText(" ".join(told))
        self.figure_note.setVisible(bool(told))

    def reread_sheet(self, *_) -> None:
        """A statistics sheet holds a column per period: another period chosen, its column is
        read (in the worker) and its figures proposed afresh, none ticked."""
        code = self.period.currentData()
        report = self.report
        if not code or report.period_guess is not None and report.period_guess.code == code:
            return
        period = Period.parse(code)
        self.ok_button.setEnabled(False)  # the figures shown are not this period's yet
        self.ops.run(imports.read_sheet_period(report.file_name, report.source, period),
                     on_done=self._sheet_read, on_error=self._failed)

    def _sheet_read(self, report) -> None:
        if report.period_guess is None or report.period_guess.code != \
                self.period.currentData():
            return  # another period was chosen meanwhile: its own reading follows
        self.report = report
        self.ok_button.setEnabled(True)
        self._fill_figures(report.proposals)
        self.warnings.setText("<br/>".join(f"• {html.escape(note)}" for note in report.warnings))
        self.error.setText("")
        self.update_losses()

    @staticmethod
    def _why(form, match) -> str:
        name = form.section(match.section_id).numbered_heading
        if not match.also:
            return (f"Khớp {confidence_label(match.score)} "
                    f"({format_number(match.score, 2)}) với «{name}».")
        split = "; ".join(f"{count} đoạn vào «{form.section(sid).numbered_heading}»"
                          for sid, count in match.split.items() if count)
        return (f"Đề mục này gộp nhiều mục của mẫu; đề xuất: mỗi đoạn vào mục mà nó nói đến "
                f"({split}).")

    def _as_proposed(self, index: int) -> bool:
        return self.choices[index].currentIndex() == 0 or (
            not self.report.matches[index].also and
            self.choices[index].currentData() == self.report.matches[index].section_id)

    def _hold_figures(self) -> None:
        """A figure read under a heading not yet confirmed cannot be ticked; nor one read
        under a heading whose text goes elsewhere than proposed (it was read as that
        section's): it is entered by hand."""
        confirmed = [i for i in self.asked
                     if self.confirmed[i].isChecked() and self._as_proposed(i)]
        held = set(self.report.held_proposals(confirmed))
        self.figures.blockSignals(True)
        for row in range(self.figures.rowCount()):
            item = self.figures.item(row, 0)
            if not self.report.proposals[row].exact:
                continue  # never to tick, whatever the placement
            if row in held:
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setFlags(Qt.ItemFlag.ItemIsUserCheckable)
                item.setToolTip("Đọc dưới một đề mục cần xác nhận: xác nhận đề mục trước "
                                "(nếu đưa sang mục khác, hãy nhập số này bằng tay)")
            else:
                item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip("")
        self.figures.blockSignals(False)

    def _placement_changed(self, *_) -> None:
        self._hold_figures()
        self.update_losses()

    def placed_report(self):
        """The report with the asked headings placed as chosen now."""
        if not self.asked:
            return self.report
        choices, whole = {}, set()
        for index, combo in self.choices.items():
            chosen = self.report.matches[index].section_id if combo.currentIndex() == 0 \
                else combo.currentData()
            choices[index] = chosen or None
            if combo.currentIndex() != 0:
                whole.add(index)  # a section picked from the list takes the part whole
        return self.report.placed_as(choices, whole)

    def accepted_proposals(self) -> list:
        return [proposal for row, proposal in enumerate(self.report.proposals)
                if proposal.exact
                and self.figures.item(row, 0).checkState() == Qt.CheckState.Checked
                and self.figures.item(row, 0).flags() & Qt.ItemFlag.ItemIsEnabled]

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
        report, placements = self.placed_report(), self.placements_chosen()
        accepted = self.accepted_proposals()
        self.question = asked = object()  # this question; a newer one replaces it
        self.ops.run(imports.word_losses(report, code, Period.parse(period), placements,
                                         accepted),
                     on_done=lambda losses: self._show_losses(asked, losses),
                     on_error=self.error.setText)

    def _show_losses(self, asked, losses) -> None:
        if asked != self.question:
            return
        self.found_losses = losses
        # named, as the refusal of the same case is («tệp.docx: không nhập, vì bản này ít
        # hơn…»): with several dialogs open, which file is the shorter one
        self.losses_box.setTitle(f"«{shown(self.report.file_name, 120)}» ít hơn báo cáo hiện "
                                 f"hành của {self.agency.currentText()} "
                                 f"({self.period.currentText()})")
        self.losses.setText("<br/>".join(f"• {loss.describe()}" for loss in self.found_losses))
        self.losses_box.setVisible(bool(self.found_losses))

    def confirm(self) -> None:
        if self.agency.currentData() is None:
            self.error.setText("Hãy chọn đơn vị.")
            return
        waiting = [i for i in self.asked if not self.confirmed[i].isChecked()]
        if waiting:
            self.error.setText(f"Còn {len(waiting)} đề mục cần xác nhận (khung «Đề mục cần xác "
                               "nhận» ở trên): chọn mục cho từng đề mục và đánh dấu đã xem.")
            return
        if self.found_losses and not self.allow_losses.isChecked():
            self.error.setText(f"«{shown(self.report.file_name, 120)}» làm trống hoặc ngắn đi "
                               "báo cáo hiện hành của đơn vị (xem khung đỏ ở trên): đánh dấu "
                               "xác nhận nếu đúng là muốn thay.")
            return
        code, period = self.agency.currentData(), Period.parse(self.period.currentData())
        self.ok_button.setEnabled(False)
        self.ops.run(imports.signed_replacement(code, period),
                     on_done=lambda signed: self._ask_signed(code, period, signed),
                     on_error=self._failed)

    def _ask_signed(self, code: str, period: Period, signed: str | None) -> None:
        """An unsigned report replacing a signed one: asked first, in so many words."""
        if signed:
            answer = QMessageBox.question(
                self, "Thay báo cáo có chữ ký",
                f"{signed[0].upper()}{signed[1:]}.\n\nChỉ thay khi đã gọi điện và đơn vị xác "
                "nhận đã gửi bản này (bản cũ vẫn còn trong lịch sử). Thay báo cáo có chữ ký bằng "
                "bản này?", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                self.ok_button.setEnabled(True)
                return
        report = self.placed_report()
        placements, accepted = self.placements_chosen(), self.accepted_proposals()
        allow, replace = self.allow_losses.isChecked(), bool(signed)
        self.ops.run(imports.import_word(report, code, period, placements, accepted,
                                         allow_losses=allow, replace_signed=replace),
                     label=f"Đang nhập {report.kind}…", on_done=self._imported,
                     on_error=self._failed, source=self.parent())

    def _imported(self, result) -> None:
        self.imported.emit(result)
        self.accept()

    def _failed(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        self.error.setText(message)
