"""A member agency's workspace: its reports by period on the left with their sections, the
selected section's editor in the middle, its help and checks on the right.

Every change reaches the database by itself at most AUTOSAVE_MS after it was made (a timer
started by the first unsaved change, not pushed back by further typing), and at once on
Ctrl+S, on switching report and on closing. Saving is an operation (ui/operations.py): the
text is taken here, written by the worker thread; typing never waits for the disk.

Reading is an operation too: the reports tree and an opened report are read by the worker and
shown when they come; the UI thread never waits on SQLite. Operations run in the order asked,
so a report opened after an edit was queued for saving reads that edit back.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QTextCursor, QTextDocument
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QSpinBox, QSplitter, QStackedWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ttdn_desktop.core.changes import PERIODS, REPORTS
from ttdn_desktop.core.periods import Period, current_period
from ttdn_desktop.core.validation import bad_cells, group_state
from ttdn_desktop.ui.notice import NoticeBar
from ttdn_desktop.ui.operations import Changes
from ttdn_desktop.ui.ops import reports
from ttdn_desktop.ui.prose_editor import ProseEditor, find_in_sections
from ttdn_desktop.ui.richtext_qt import document_to_markup, set_markup
from ttdn_desktop.ui.wrapping import WrappingTree

AUTOSAVE_MS = 1500
WORDS_MS = 300
KEY_ROLE = Qt.ItemDataRole.UserRole
def today() -> date:
    return date.today()  # one place, so tests can set the day the user opens the app


PERIOD_CHOICES = (("H1", "6 tháng đầu năm"), ("H2", "6 tháng cuối năm"), ("9M", "9 tháng"),
                  ("Y", "Cả năm"), ("Q1", "Quý I"), ("Q2", "Quý II"), ("Q3", "Quý III"),
                  ("Q4", "Quý IV"))
EMPTY_HINT = "Chọn một báo cáo ở bên trái, hoặc tạo báo cáo mới cho một kỳ."
MARKS = {"empty": "○", "partial": "◐", "done": "✓", "problem": "⚠"}


def _time(stamp: str | None) -> str:
    if not stamp:
        return ""
    value = datetime.fromisoformat(stamp)
    return value.strftime("%H:%M") if value.date() == datetime.now().date() \
        else value.strftime("%d/%m/%Y %H:%M")


class SidePanel(QWidget):
    """The selected section's help text and its problems; a problem clicked selects its row."""

    problem_clicked = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.itemClicked.connect(lambda item: self.problem_clicked.emit(
            item.data(KEY_ROLE)))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.help)
        layout.addWidget(QLabel("<b>Kiểm tra</b>"))
        layout.addWidget(self.problems, 1)

    def show_section(self, title: str, help_text: str) -> None:
        self.title.setText(f"<b>{title}</b>")
        self.help.setText(help_text or "")

    def show_problems(self, problems) -> None:
        self.problems.clear()
        if not problems:
            self.problems.addItem("Không có lỗi.")
            return
        for severity, message, key in problems:
            item = QListWidgetItem(("✗ " if severity == "error" else "⚠ ") + message)
            item.setData(KEY_ROLE, key)
            self.problems.addItem(item)


class AgencyView(QWidget):
    saved = Signal(str)          # when, "HH:MM:SS"
    location_changed = Signal()  # the open report or section changed
    word_count_changed = Signal(int)  # of the prose section shown; -1: figures are shown

    def __init__(self, workspace, ops, own: tuple, parent=None):
        super().__init__(parent)
        self.workspace, self.ops = workspace, ops
        self.form = workspace.form
        # Who we are (code, name), read in the worker with the rest of the page's state
        # (ops.setup.PageState): a change of role or agency (Thiết lập) builds a new view.
        self.own_code, self.own_name = own
        self.opening: str | None = None  # the report being read, until it is shown
        self.report_id: str | None = None
        self.section_key: str | None = None
        self.documents: dict[str, QTextDocument] = {}
        # (report id, section id) -> where the cursor was when another section or report was
        # shown: back there, typing goes on where it stopped, not before the section's first word
        self.cursors: dict[tuple[str, str], int] = {}
        self.groups = _Tables(self)  # the figure tables, each made when first shown
        self.last_year: dict = {}  # last year's figures from this database (read-only)
        self.values: dict = {}
        self.typed_last_year: dict = {}
        self.notes: dict = {}
        # what was typed that is not a number, by key: kept as typed (and saved) until fixed
        self.invalid: dict = {}
        self.invalid_last: dict = {}
        # the note given last with breakdowns that do not add up (this report's, else any
        # report's): offered again the next time one is asked for
        self.previous_note = ""
        self.figures_dirty = False
        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self._autosave)
        # Counting the words of a 30-page section takes milliseconds: at most every
        # WORDS_MS while typing, never on each key.
        self.word_timer = QTimer(self)
        self.word_timer.setSingleShot(True)
        self.word_timer.setInterval(WORDS_MS)
        self.word_timer.timeout.connect(self._count_words)

        # left: new report, then reports and their sections
        # by default the period being reported now, not one whose cut-off passed months ago
        now = current_period(today())
        self.period_kind = QComboBox()
        for kind, label in PERIOD_CHOICES:
            self.period_kind.addItem(label, kind)
        self.period_kind.setCurrentIndex(max(0, self.period_kind.findData(now.kind)))
        self.period_year = QSpinBox()
        self.period_year.setRange(2000, 2100)
        self.period_year.setValue(now.year)
        self.new_button = QPushButton("Tạo báo cáo")
        self.new_button.clicked.connect(self.create_report_from_inputs)
        new_row = QHBoxLayout()
        new_row.addWidget(self.period_kind, 1)
        new_row.addWidget(self.period_year)
        self.tree = WrappingTree()  # long headings wrap onto a second line, never cut
        self.tree.setHeaderHidden(True)
        self.tree.currentItemChanged.connect(self._on_tree_item)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>Báo cáo mới cho kỳ</b>"))
        left_layout.addLayout(new_row)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(QLabel("<b>Các báo cáo</b>"))
        left_layout.addWidget(self.tree, 1)

        # middle: notices, the title, the editors
        self.notice = NoticeBar()
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        heading_font = self.heading.font()
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.2)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.prose = ProseEditor()
        self.prose.changed.connect(self._on_prose_changed)
        self.prose.find_bar.across = self._find_in_other_sections
        self.empty = QLabel(EMPTY_HINT)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.editors = QStackedWidget()
        self.editors.addWidget(self.empty)
        self.editors.addWidget(self.prose)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.notice)
        middle_layout.addWidget(self.heading)
        middle_layout.addWidget(self.editors, 1)

        self.side = SidePanel()
        self.side.problem_clicked.connect(self._focus_problem)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 640, 260])
        self.splitter = splitter
        # until the user drags a divider, the panes beside the editor take a share of the width:
        # fixed at 280 and 260 they left a figures table 520 pixels at 1366×768 and 125 %
        self._split_by_hand = False
        splitter.splitterMoved.connect(lambda *_: setattr(self, "_split_by_hand", True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self.reload_tree()
        ops.changed.connect(self.on_changes)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._split_by_hand:
            width = self.splitter.width()
            left = min(280, max(200, int(width * 0.21)))
            side = min(260, max(180, int(width * 0.19)))
            self.splitter.setSizes([left, width - left - side, side])

    def on_changes(self, changes: Changes) -> None:
        """Someone else changed reports (an export sealed one, an import made one): the tree
        shows their states. Our own saves update their item themselves."""
        if changes.source is not self and changes.touches(REPORTS, PERIODS):
            self.reload_tree()

    # --- the reports tree -------------------------------------------------------------------
    def report_state(self, info) -> str:
        """A report's state from its current revision (a RevisionInfo)."""
        if info.sealed:
            return f"đã gửi lần {info.revision}"
        sent = f", sau khi đã gửi lần {info.supersedes}" if info.supersedes else ""
        return f"bản nháp lần {info.revision}{sent} · lưu {_time(info.saved_at)}"

    def reload_tree(self) -> None:
        """Read in the worker, filled when it comes."""
        self.ops.run(reports.agency_reports(self.own_code), on_done=self._reloaded,
                     on_error=self._not_read)

    def _reloaded(self, found) -> None:
        name, reports = found
        self._fill_tree(reports)
        if name != self.own_name:  # renamed by a member list that came with a request
            self.own_name = name
            self.location_changed.emit()  # the window's title names it

    def _not_read(self, message: str) -> None:
        self.opening = None
        self.prose.editor.setReadOnly(False)
        self._show_heading()
        self.notice.show_message(f"Chưa đọc được dữ liệu: {message}", "error")

    def _fill_tree(self, reports) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        for report, info in reports:
            period = Period.parse(report["period_code"])
            item = QTreeWidgetItem([f"{period.label} — {self.report_state(info)}"])
            item.setData(0, KEY_ROLE, (report["id"], None))
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            if report["id"] == self.report_id:
                self._add_section_items(item)  # before it is in the tree: one layout, not 30
            self.tree.addTopLevelItem(item)
            if report["id"] == self.report_id:
                item.setExpanded(True)
        self.tree.blockSignals(False)
        self.refresh_marks()
        self._select_current()

    def _add_section_items(self, parent: QTreeWidgetItem) -> None:
        """The open report's sections, under its item (marked by refresh_marks)."""
        for section in self.form.sections:
            if section.kind == "prose":
                key = f"s:{section.id}"
                text = "    " * (section.level - 1) + section.numbered_heading
                child = QTreeWidgetItem([text])
                child.setToolTip(0, section.numbered_heading)
                child.setData(0, KEY_ROLE, (self.report_id, key))
                parent.addChild(child)
            else:
                heading = QTreeWidgetItem([section.heading.capitalize()])
                heading.setData(0, KEY_ROLE, (self.report_id, None))
                parent.addChild(heading)
                for group in self.form.groups:
                    child = QTreeWidgetItem(["    " + group.label])
                    child.setData(0, KEY_ROLE, (self.report_id, f"g:{group.id}"))
                    parent.addChild(child)

    def _section_items(self):
        for n in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(n)
            for m in range(top.childCount()):
                yield top.child(m)

    def refresh_marks(self) -> None:
        for item in self._section_items():
            _, key = item.data(0, KEY_ROLE)
            if key is None:
                continue
            state = self.section_state(key)
            text = item.text(0).lstrip(" ○◐✓⚠")
            indent = item.text(0)[: len(item.text(0)) - len(item.text(0).lstrip(" "))]
            item.setText(0, f"{indent}{MARKS[state]} {text}")
            item.setToolTip(0, {"empty": "chưa có nội dung", "partial": "đang điền dở",
                                "done": "đã có nội dung", "problem": "có lỗi cần sửa"}[state])

    def section_state(self, key: str) -> str:
        kind, _, ident = key.partition(":")
        if kind == "s":
            document = self.documents.get(ident)
            return "done" if document is not None and not document.isEmpty() else "empty"
        return group_state(self.form, ident, self.values, self.invalid, self.invalid_last)

    def _select_current(self) -> None:
        wanted = (self.report_id, self.section_key)
        for n in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(n)
            if top.data(0, KEY_ROLE) == (self.report_id, None) and self.section_key is None:
                self.tree.setCurrentItem(top)
                return
            for m in range(top.childCount()):
                if top.child(m).data(0, KEY_ROLE) == wanted:
                    self.tree.blockSignals(True)
                    self.tree.setCurrentItem(top.child(m))
                    self.tree.blockSignals(False)
                    return

    def _on_tree_item(self, item, _previous=None) -> None:
        if item is None:
            return
        report_id, key = item.data(0, KEY_ROLE)
        if report_id != self.report_id:
            self.open_report(report_id)
        elif key:
            self.show_section(key)

    # --- opening ------------------------------------------------------------------------------
    def create_report_from_inputs(self) -> None:
        period = Period(self.period_year.value(), self.period_kind.currentData())
        self.create_report(period)

    def create_report(self, period: Period) -> None:
        """Made (or found) in the worker, then opened."""
        self.ops.run(reports.create_report(self.own_code, period),
                     on_done=lambda made: self._created(period, *made),
                     on_error=lambda message: self.notice.show_message(message, "error"),
                     source=self)

    def _created(self, period: Period, report_id: str, existed: bool) -> None:
        if existed and report_id in (self.report_id, self.opening):
            return  # «Tạo báo cáo» clicked twice: the first click made it, and it is shown
        if existed:
            self.notice.show_message(f"Đã có báo cáo {period.label}; mở báo cáo đó.", "info")
        self.open_report(report_id)

    def open_report(self, report_id: str, section_key: str | None = None,
                    at_end: bool = False) -> None:
        """Read in the worker, shown when it comes ("Đang mở…" meanwhile). Unsaved edits are
        queued first: operations run in order, so the report is read with them. `at_end`: the
        cursor after the section's last word (where typing was going on), not before its first."""
        self.save_now()
        self.opening = report_id
        self.prose.editor.setReadOnly(True)  # what is shown now is about to be replaced
        self.heading.setText("Đang mở báo cáo…")
        if self.report_id is None:
            self.empty.setText("Đang mở báo cáo…")
        self.ops.run(reports.open_report(report_id, self.own_code),
                     on_done=lambda found: self._opened(report_id, section_key, found, at_end),
                     on_error=self._not_read)

    def _opened(self, report_id: str, section_key: str | None, found,
                at_end: bool = False) -> None:
        if report_id != self.opening:
            return  # another report was asked for meanwhile; it follows
        self.opening = None
        self.prose.editor.setReadOnly(False)
        if found is None:  # deleted meanwhile (a restored backup)
            self._show_heading()
            return
        if report_id == self.report_id and self.has_unsaved():
            # the same report, and figures typed while it was read: saved first, read again
            self.open_report(report_id, section_key, at_end)
            return
        report, content, own, reports, invalid, self.previous_note = found
        self.save_now()  # anything typed into the old report while this one was read
        self.empty.setText(EMPTY_HINT)
        self._remember_cursor()  # of the report shown until now
        self.report_id = report_id
        self.period = Period.parse(report["period_code"])
        # the report shown until now: its documents go once the editor has the new ones (each
        # was a child of this view, kept for the view's whole life: 17 per report opened)
        previous = list(self.documents.values())
        self.documents = {}
        for section in self.form.prose_sections:
            document = QTextDocument(self)
            font = QFont("Times New Roman")
            font.setPointSize(13)
            document.setDefaultFont(font)
            document.setDocumentMargin(12)
            set_markup(document, content.sections.get(section.id, ""))
            self.documents[section.id] = document
        for table in self.groups.made():
            self.editors.removeWidget(table)
            table.deleteLater()
        self.values = dict(content.figures)
        self.notes = dict(content.notes)
        self.invalid = dict(invalid.get("figures", {}))
        self.invalid_last = dict(invalid.get("last_year", {}))
        self.figures_dirty = False
        # from a report of last year in this database; the rest may be typed by hand
        self.last_year = {k: v for k, v in own.last_year.items()
                          if k not in own.last_year_typed}
        self.typed_last_year = dict(content.last_year)
        self.groups = _Tables(self)
        self.section_key = None
        self._fill_tree(reports)
        first = section_key or f"s:{self.form.prose_sections[0].id}"
        self.show_section(first)
        if at_end and first.startswith("s:"):
            self.prose.editor.moveCursor(QTextCursor.MoveOperation.End)
        for document in previous:
            if document is not self.prose.editor.document():
                document.deleteLater()

    def _remember_cursor(self) -> None:
        key = self.section_key
        if self.report_id and key and key.startswith("s:") \
                and self.prose.editor.document() is self.documents.get(key[2:]):
            self.cursors[(self.report_id, key[2:])] = self.prose.editor.textCursor().position()

    def _show_heading(self) -> None:
        """The heading of what is shown, after "Đang mở…" (or the empty page's hint)."""
        self.empty.setText(EMPTY_HINT)
        if self.report_id is not None and self.section_key:
            self.show_section(self.section_key)
        else:
            self.heading.setText("")

    def show_section(self, key: str) -> None:
        if self.report_id is None:
            return
        kind, _, ident = key.partition(":")
        self._remember_cursor()
        self.section_key = key
        if kind == "s":
            section = self.form.section(ident)
            document = self.documents[ident]
            self.prose.editor.setDocument(document)
            position = self.cursors.get((self.report_id, ident))
            if position is not None:
                cursor = QTextCursor(document)
                cursor.setPosition(min(position, document.characterCount() - 1))
                self.prose.editor.setTextCursor(cursor)
            self.prose._sync_buttons()
            self.editors.setCurrentWidget(self.prose)
            self.heading.setText(f"{self.period.label} — {section.numbered_heading}")
            self.side.show_section(section.numbered_heading, section.help)
            self.side.show_problems([])
            self.word_count_changed.emit(len(self.documents[ident].toPlainText().split()))
            self.prose.editor.setFocus()
        else:
            group = next(g for g in self.form.groups if g.id == ident)
            table = self.groups[ident]
            self.word_count_changed.emit(-1)  # figures: no words to count
            # before it is shown and focused: a table focused with no current cell makes the
            # read-only indicator name current, where typed digits go nowhere
            if table.currentRow() < 0:
                table.select_first_value()
            self.editors.setCurrentWidget(table)
            self.heading.setText(f"{self.period.label} — Số liệu: {group.label}")
            statistics = next((s for s in self.form.sections if s.kind == "statistics"), None)
            self.side.show_section(group.label, statistics.help if statistics else "")
            self.side.show_problems(table.problems())
            table.setFocus()
        self._select_current()
        self.location_changed.emit()

    # --- changes and saving ------------------------------------------------------------------
    def _on_prose_changed(self) -> None:
        self._schedule()
        self.refresh_marks()
        if not self.word_timer.isActive():
            self.word_timer.start()

    def _count_words(self) -> None:
        if self.section_key and self.section_key.startswith("s:"):
            document = self.documents[self.section_key[2:]]
            self.word_count_changed.emit(len(document.toPlainText().split()))

    def _on_figures_changed(self) -> None:
        self.figures_dirty = True
        table = self.groups.get(self.section_key[2:]) if self.section_key else None
        if table is not None:
            self.side.show_problems(table.problems())
        self._schedule()
        self.refresh_marks()

    def _schedule(self) -> None:
        if not self.autosave.isActive():
            self.autosave.start()

    def _autosave(self) -> None:
        # save_now only queues the save; one that fails is said and tried again (_not_saved).
        # A slot returns nothing: some PySide6 releases mishandle the value.
        self.save_now()

    def has_unsaved(self) -> bool:
        return self.figures_dirty or any(d.isModified() for d in self.documents.values())

    def save_now(self) -> bool:
        """Queue every unsaved change for writing. Returns True if anything was queued.

        What is queued is taken now (the text as it stands), so later typing is the next save's;
        a save that fails puts its changes back as unsaved and says so."""
        self.autosave.stop()
        if self.report_id is None or not self.has_unsaved():
            return False
        report_id, period = self.report_id, self.period
        changed = [(section_id, document) for section_id, document in self.documents.items()
                   if document.isModified()]
        sections = {section_id: document_to_markup(document) for section_id, document in changed}
        for _, document in changed:
            document.setModified(False)
        figures = notes = last_year = invalid = None
        if self.figures_dirty:
            figures, notes = dict(self.values), dict(self.notes)
            last_year = dict(self.typed_last_year)
            invalid = {"figures": dict(self.invalid), "last_year": dict(self.invalid_last)}
            self.figures_dirty = False
        self.ops.run(reports.save_draft(report_id, sections, figures, notes, last_year, invalid),
                     on_done=lambda info: self._saved(report_id, period, info),
                     on_error=lambda message: self._not_saved(report_id, changed, figures,
                                                              message),
                     source=self)
        return True

    def _saved(self, report_id: str, period: Period, info) -> None:
        self._update_report_item(report_id, period, info)
        self.saved.emit(datetime.now().strftime("%H:%M:%S"))

    def _not_saved(self, report_id: str, changed, figures, message: str) -> None:
        if report_id == self.report_id:
            for _, document in changed:
                document.setModified(True)
            self.figures_dirty = self.figures_dirty or figures is not None
            self._schedule()  # tried again by itself (a busy database frees up)
        self.notice.show_message(f"Chưa lưu được: {message} Nội dung vẫn còn trong cửa sổ; "
                                 "chương trình sẽ thử lưu lại ở lần thay đổi sau, hoặc nhấn "
                                 "Ctrl+S.", "error")

    def _update_report_item(self, report_id: str, period: Period, info) -> None:
        for n in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(n)
            if top.data(0, KEY_ROLE)[0] == report_id:
                top.setText(0, f"{period.label} — {self.report_state(info)}")

    def _focus_problem(self, key) -> None:
        if key and self.section_key and self.section_key.startswith("g:"):
            self.groups[self.section_key[2:]].focus_key(key)

    # --- figures that do not add up ------------------------------------------------------------
    def bad_cells(self) -> list:
        """Every cell marked ✗ or ⚠ (core.validation.bad_cells), as the tables show them now."""
        if self.report_id is None:
            return []
        return bad_cells(self.form, self.values, {"figures": self.invalid,
                                                  "last_year": self.invalid_last})

    def add_mismatch_note(self, problems, text: str) -> None:
        """The official's explanation, added to each mismatched indicator's "Ghi chú", and kept
        to be offered the next time a note is asked for."""
        self.previous_note = text
        self.ops.run(reports.remember_mismatch_note(self.report_id, text),
                     on_error=lambda _message: None)  # a note not remembered costs nothing
        for problem in problems:
            indicator = self.form.indicator(problem.indicator)
            table = self.groups.get(indicator.group) if indicator else None
            if table is None:
                continue
            table.add_note(problem.indicator, text)

    # --- find across the whole report -----------------------------------------------------------
    def _find_in_other_sections(self, text: str, backward: bool) -> bool:
        keys = [f"s:{section.id}" for section in self.form.prose_sections]
        return find_in_sections(text, backward, keys, self.section_key,
                                lambda key: self.documents[key[2:]].toPlainText(),
                                self._open_for_find, self.prose.editor)

    def _open_for_find(self, key: str) -> None:
        self.show_section(key)
        self.prose.find_bar.field.setFocus()

    def open_find(self) -> None:
        """Ctrl+F: the find bar, over the prose of the whole report (from a figure table, the
        search starts at the first section)."""
        if self.report_id is None:
            return
        if not (self.section_key or "").startswith("s:"):
            self.show_section(f"s:{self.form.prose_sections[0].id}")
        self.prose.find_bar.open_bar()

    # --- what the window's actions work on ------------------------------------------------------
    def current_table(self):
        if self.section_key and self.section_key.startswith("g:"):
            return self.groups[self.section_key[2:]]
        return None


class _Tables:
    """The figure tables of the report a view shows, by group id, each made when it is first
    shown or asked for: the nine of a report, made at once, were a third of opening it.
    ui/figures_editor.py is imported with the first (a start-up boundary: the report opens
    on its text)."""

    def __init__(self, view: AgencyView):
        self._view = view
        self._groups = {group.id: group for group in view.form.groups}
        self._made: dict = {}

    def __getitem__(self, group_id: str):
        table = self._made.get(group_id)
        if table is None:
            table = self._made[group_id] = self._make(self._groups[group_id])
        return table

    def get(self, group_id: str | None):
        return self[group_id] if group_id in self._groups else None

    def made(self) -> list:
        return list(self._made.values())

    def _make(self, group):
        from ttdn_desktop.ui.figures_editor import GroupFigures
        view = self._view
        table = GroupFigures(view.form, group, view.values, view.notes, view.last_year,
                             typed_last_year=view.typed_last_year, invalid=view.invalid,
                             invalid_last=view.invalid_last)
        table.changed.connect(view._on_figures_changed)
        view.editors.addWidget(table)
        return table
