"""Reviewing one agency's report: read-only, beside its previous revision with the differences
marked; accept it or ask for changes with a comment; a conflict shows both versions to choose
from. A window of its own (not modal), so several agencies can be compared."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QTextBrowser,
                               QVBoxLayout, QWidget)

from ttdn_desktop.core.diff import diff_html
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.review import ACCEPTED, NEEDS_CHANGES
from ttdn_desktop.core.richtext import plain_text
from ttdn_desktop.core.text import format_number
from ttdn_desktop.core.validation import breakdown_problems
from ttdn_desktop.ui.ops import reviews
from ttdn_desktop.ui.ops.reviews import Review
from ttdn_desktop.ui.screen_fit import fit_size


def report_html(form, content: ReportContent, previous: ReportContent | None = None) -> str:
    """The report as HTML, each section anchored by its id; with `previous`, changes marked."""
    parts = []
    for section in form.prose_sections:
        new = plain_text(content.sections.get(section.id, ""))
        old = plain_text(previous.sections.get(section.id, "")) if previous else None
        if not new and not old:
            continue
        body = diff_html(old, new) if previous is not None else \
            html.escape(new).replace("\n", "<br/>")
        parts.append(f"<a name='{section.id}'></a><h4>{html.escape(section.numbered_heading)}"
                     f"</h4><p>{body}</p>")
    rows = []
    mismatched = {p.indicator: p.message.split(": ", 1)[-1]
                  for p in breakdown_problems(form, content.figures)}
    for indicator in form.indicators:
        for key in indicator.keys:
            value = content.figures.get(key)
            before = previous.figures.get(key) if previous else None
            if value is None and before is None and key not in content.last_year:
                continue
            member = indicator.breakdown.member(key[1]) if key[1] else None
            label = f"– {member.label}" if member else indicator.label
            changed = previous is not None and value != before
            style = " style='background:#FFF3CD'" if changed else ""
            old = f" <s>{format_number(before)}</s>" if changed and before is not None else ""
            flag = ""
            if not key[1] and indicator.id in mismatched:
                flag = (f"<br/><span style='color:#B02A37'>⚠ "
                        f"{html.escape(mismatched[indicator.id])}</span>")
                note = content.notes.get(indicator.id)
                if note:
                    flag += f"<br/><i>Ghi chú của đơn vị: {html.escape(note)}</i>"
            typed = content.last_year.get(key)
            last = f"<br/><i>cùng kỳ năm trước (gõ tay): {format_number(typed)}</i>" \
                if typed is not None else ""
            rows.append(f"<tr{style}><td>{html.escape(label)}{flag}</td><td>{indicator.unit}</td>"
                        f"<td align='right'>{format_number(value)}{old}{last}</td></tr>")
    if rows:
        warning = ""
        if mismatched:
            warning = ("<p style='color:#B02A37'>⚠ Số liệu thành phần không cộng lại bằng số "
                       f"tổng ở {len(mismatched)} chỉ tiêu (đánh dấu dưới đây).</p>")
        parts.append("<a name='thong_ke'></a><h4>Số liệu</h4>" + warning +
                     "<table border='1' cellspacing='0' cellpadding='3'>" + "".join(rows) +
                     "</table>")
    return "".join(parts) or "<p><i>Báo cáo chưa có nội dung.</i></p>"


def _number(info) -> str:
    """The agency's number for a revision (what it was told), and ours where they differ."""
    if info.as_sent == info.revision:
        return str(info.revision)
    return f"{info.as_sent} (bản thứ {info.revision} nhận được)"


class ReviewWindow(QWidget):
    """What it shows is read in the worker (load), shown when it comes; decisions are
    operations, shown once written (and every other view hears of them through
    `ops.changed`)."""

    def __init__(self, workspace, ops, agency_code: str, period: Period,
                 section_id: str | None = None, parent=None):
        super().__init__(parent)
        self.workspace, self.ops, self.period = workspace, ops, period
        # the name comes with the first reading
        self.agency = {"code": agency_code.upper(), "name": agency_code.upper()}
        self.report = self.held = None
        self.section_id = section_id  # where to scroll once the text is shown
        self.setWindowTitle(f"Duyệt báo cáo — {period.label}")
        fit_size(self, 1100, 750)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.current = QTextBrowser()
        self.previous = QTextBrowser()
        self.current_box = QGroupBox()
        QVBoxLayout(self.current_box).addWidget(self.current)
        self.previous_box = QGroupBox()
        QVBoxLayout(self.previous_box).addWidget(self.previous)
        panes = QHBoxLayout()
        panes.addWidget(self.current_box, 1)
        panes.addWidget(self.previous_box, 1)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText("Nội dung cần bổ sung, sửa (gửi lại cho đơn vị)…")
        self.accept_button = QPushButton("Chấp nhận")
        self.accept_button.clicked.connect(self.accept_report)
        self.changes_button = QPushButton("Cần bổ sung")
        self.changes_button.clicked.connect(self.ask_changes)
        self.message = QLabel()
        decision = QHBoxLayout()
        decision.addWidget(self.comment, 1)
        decision.addWidget(self.changes_button)
        decision.addWidget(self.accept_button)
        self.conflict_box = QGroupBox("Xung đột: một gói khác cùng lần gửi")
        conflict_layout = QVBoxLayout(self.conflict_box)
        self.conflict_label = QLabel()
        self.conflict_label.setWordWrap(True)
        self.take_incoming = QPushButton("Dùng bản mới nhận (thành lần gửi tiếp theo)")
        self.take_incoming.clicked.connect(lambda: self.resolve(True))
        self.keep_current = QPushButton("Giữ bản hiện có")
        self.keep_current.clicked.connect(lambda: self.resolve(False))
        choice = QHBoxLayout()
        choice.addWidget(self.conflict_label, 1)
        choice.addWidget(self.keep_current)
        choice.addWidget(self.take_incoming)
        conflict_layout.addLayout(choice)
        # text of Word imports that matched no section, kept with the report to be placed
        self.unplaced_box = QGroupBox("Phần chưa xếp được vào mục nào (từ tệp báo cáo đã nhập)")
        self.unplaced = QListWidget()
        self.unplaced.setWordWrap(True)
        self.unplaced.setMaximumHeight(130)
        self.place_target = QComboBox()
        for section in workspace.form.prose_sections:
            self.place_target.addItem(section.numbered_heading, section.id)
        self.place_button = QPushButton("Đưa vào mục")
        self.place_button.clicked.connect(self.place_part)
        place_row = QHBoxLayout()
        place_row.addWidget(QLabel("Mục:"))
        place_row.addWidget(self.place_target, 1)
        place_row.addWidget(self.place_button)
        unplaced_layout = QVBoxLayout(self.unplaced_box)
        unplaced_layout.addWidget(self.unplaced)
        unplaced_layout.addLayout(place_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.conflict_box)
        layout.addWidget(self.unplaced_box)
        layout.addLayout(panes, 1)
        layout.addLayout(decision)
        layout.addWidget(self.message)
        self.conflict_box.setVisible(False)  # shown if the reading finds one
        self.unplaced_box.setVisible(False)
        self.load()
        self.show_section(section_id)

    def show_section(self, section_id: str | None) -> None:
        self.section_id = section_id
        if section_id:
            self.current.scrollToAnchor(section_id)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:  # as in a dialog
            self.close()
            return
        super().keyPressEvent(event)

    def is_for(self, agency_code: str, period: Period) -> bool:
        return self.agency["code"] == agency_code.upper() and self.period == period

    def load(self) -> None:
        """Read in the worker; «Đang mở…» until it comes (the text shown stays meanwhile)."""
        code, period = self.agency["code"], self.period
        if self.report is None:
            self.header.setText("Đang mở báo cáo…")
        self.ops.run(reviews.read_review(code, period), on_done=self._show,
                     on_error=self.message.setText)

    def _show(self, found: Review) -> None:
        form = self.workspace.form
        self.agency, self.report, self.held = found.agency, found.report, found.held
        self.setWindowTitle(f"Duyệt báo cáo — {self.agency['name']} — {self.period.label}")
        if self.report is None:
            self.header.setText(f"<b>{self.agency['name']}</b> chưa nộp báo cáo "
                                f"{self.period.label}.")
            for widget in (self.accept_button, self.changes_button, self.comment):
                widget.setEnabled(False)
            self.conflict_box.setVisible(False)
            return
        for widget in (self.accept_button, self.changes_button, self.comment):
            widget.setEnabled(True)
        self.show_unplaced(found.unplaced)
        info, content, previous, review = found.info, found.content, found.previous, found.review
        state = {ACCEPTED: "đã duyệt", NEEDS_CHANGES: "cần bổ sung"}.get(
            review["state"], "") if review else "chưa duyệt"
        received = datetime.fromisoformat(info.received_at or info.saved_at)
        # the agency's own numbers: what it was told when it sent the package
        before = found.before if previous is not None else None
        number, number_before = _number(info), _number(before) if before else None
        self.header.setText(f"<b>{self.agency['name']}</b> — {self.period.label} — lần gửi "
                            f"{number}, nhận {received:%d/%m/%Y %H:%M} — <i>{state}"
                            f"</i>" + (f": {html.escape(review['comment'])}"
                                       if review and review["comment"] else ""))
        self.current_box.setTitle(f"Lần {number}" + (
            f" (thay đổi so với lần {number_before} được đánh dấu)" if previous else ""))
        self.current.setHtml(report_html(form, content, previous))
        if self.held is not None:
            incoming = found.incoming
            self.previous_box.setTitle(f"Gói xung đột «{self.held['file_name']}» (so với bản "
                                       "hiện có)")
            self.previous.setHtml(report_html(form, incoming, content))
            self.conflict_label.setText(self.held["detail"])
            self.conflict_box.setVisible(True)
        else:
            self.conflict_box.setVisible(False)
            self.previous_box.setTitle(f"Lần {number_before}" if previous
                                       else "Chưa có lần gửi trước")
            self.previous.setHtml(report_html(form, previous) if previous else "")
        if self.section_id:
            self.current.scrollToAnchor(self.section_id)

    def _decide(self, op, said: str) -> None:
        self.ops.run(op, on_done=lambda _: self._decided(said),
                     on_error=lambda message: self.message.setText(message), source=self)

    def _decided(self, said: str) -> None:
        self.message.setText(said)
        self.load()

    def show_unplaced(self, parts) -> None:
        self.unplaced.clear()
        for part in parts:
            text = " ".join(plain_text(part["text"]).split())
            item = QListWidgetItem(f"«{part['heading']}» — {text[:200]}"
                                   f"{'…' if len(text) > 200 else ''}  ({part['file_name']}, "
                                   f"lần {part['revision']})")
            item.setData(Qt.ItemDataRole.UserRole, part["id"])
            self.unplaced.addItem(item)
        self.unplaced_box.setVisible(self.unplaced.count() > 0)
        if self.unplaced.count():
            self.unplaced.setCurrentRow(0)

    def place_part(self) -> None:
        """The chosen kept part goes to the end of the chosen section, as a new revision."""
        item = self.unplaced.currentItem()
        if item is None:
            self.message.setText("Hãy chọn một phần chưa xếp.")
            return
        part_id, section_id = item.data(Qt.ItemDataRole.UserRole), self.place_target.currentData()
        self._decide(reviews.place_unplaced(part_id, section_id),
                     f"Đã đưa vào mục «{self.place_target.currentText()}» (thành lần sửa mới).")

    def accept_report(self) -> None:
        code, period, comment = self.agency["code"], self.period, self.comment.text()
        self._decide(reviews.set_review(code, period, ACCEPTED, comment), "Đã ghi: đã duyệt.")
        self.comment.clear()

    def ask_changes(self) -> None:
        if not self.comment.text().strip():
            self.message.setText("Hãy ghi nội dung cần bổ sung để đơn vị biết phải sửa gì.")
            self.comment.setFocus()
            return
        code, period, comment = self.agency["code"], self.period, self.comment.text()
        self._decide(reviews.set_review(code, period, NEEDS_CHANGES, comment),
                     "Đã ghi: cần bổ sung.")
        self.comment.clear()

    def resolve(self, take_incoming: bool) -> None:
        if self.held is None:
            return
        held_id = self.held["id"]
        self._decide(reviews.resolve_conflict(held_id, take_incoming),
                     "Đã dùng bản mới nhận." if take_incoming else "Đã giữ bản hiện có.")

