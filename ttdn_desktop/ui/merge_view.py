"""The merge: per section, the agencies' contributions (tick to include, drag to reorder)
beside the consolidated text the secretariat edits: per section the draft, the contributions
pasted under their agencies' names, or its own edited text (ui.section_source). A newer
revision that arrives after an edit never overwrites it: the section is flagged and the change
in that agency's text is shown, to fold in by hand. The statistics: the summed table, each
total opening onto its agencies.

Saving an edit or the agencies' order, and the consolidation that follows, are operations: they run in
the worker thread and the view shows their result when it comes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QTextCharFormat
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QSizePolicy, QSplitter, QTabWidget,
                               QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ttdn_desktop.core.diff import diff_html
from ttdn_desktop.core.forms import TOTAL
from ttdn_desktop.core.merge import Consolidation, compare_percent
from ttdn_desktop.core.richtext import plain_text
from ttdn_desktop.core.text import format_number
from ttdn_desktop.core.validation import check_breakdown
from ttdn_desktop.ui.ops import merge as merging
from ttdn_desktop.ui.prose_editor import ProseEditor, find_in_sections
from ttdn_desktop.ui.section_source import SOURCE_LABELS, GroupingChoice, SourceChoice

CODE_ROLE = Qt.ItemDataRole.UserRole
PROSE_ROLE = Qt.ItemDataRole.UserRole + 1  # the entry's tip opens with the prose check's
SAVE_MS = 1500


def at_label_edge(block, position: int) -> bool:
    """Whether `position` (in the paragraph) is just before or just after an agency's label
    («Sở Ngoại vụ:», bold italic, as attributed_lines writes it)."""
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        fmt = fragment.charFormat()
        if fmt.fontWeight() >= QFont.Weight.Bold and fmt.fontItalic() and \
                fragment.text().rstrip().endswith(":"):
            start = fragment.position() - block.position()
            if position in (start, start + fragment.length()):
                return True
        iterator += 1
    return False


class MergeView(QWidget):
    def __init__(self, workspace, ops, parent=None):
        super().__init__(parent)
        self.workspace, self.ops = workspace, ops
        self.period = None
        self.merged: Consolidation | None = None
        self.section_id: str | None = None
        self._loading = False
        # (section id, agency code) -> what its text states that its figures contradict or
        # leave empty (core.merge.prose_check), read in the worker after each consolidation
        self.prose: dict[tuple[str, str], list] = {}
        self._saves_pending = 0  # edits queued for the worker, not yet written
        # (period, section id) -> its text as last queued for writing, until written; and as
        # last refused (a busy or read-only disk), to be written at the next try. Shown again
        # before the worker's answer, a section shows this, not what self.merged still holds
        self._writing: dict[tuple, str] = {}
        self._refused: dict[tuple, str] = {}
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_MS)
        self.save_timer.timeout.connect(self._save_edit)

        self.sections = QListWidget()
        self.sections.setWordWrap(True)  # long headings on two lines, never cut
        # capitals' stacked accents («CÔNG», «KẾT») rise above the font's ascent: without room
        # above each heading, the top row's are cut by the list's edge
        metrics = self.sections.fontMetrics()
        self.sections.setSpacing(max(1, -metrics.boundingRect("ỄẪẬỘ").top() - metrics.ascent()))
        self.sections.currentItemChanged.connect(self._on_section)
        self.contributions = QListWidget()
        self.contributions.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.contributions.setWordWrap(True)
        self.contributions.itemChanged.connect(lambda _item: self._save_order())
        self.contributions.model().rowsMoved.connect(lambda *_: self._save_order())
        # which of the draft, the pasted texts and the edited text the chosen section shows:
        # under the list, where it always has its room (in the editor's tool bar it went
        # behind the tool bar's » at 1366×768 and 125 %)
        self.source = SourceChoice()
        self.source.chosen.connect(self.choose_source)
        self.source.undo.connect(self.undo_source)
        self._undo = None  # (period, section id, source before the last switch)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.grouping = GroupingChoice()
        self.grouping.chosen.connect(self.choose_grouping)
        heading = QHBoxLayout()
        heading.addWidget(QLabel("<b>Các mục</b>"))
        heading.addStretch(1)
        heading.addWidget(self.grouping)
        left_layout.addLayout(heading)
        left_layout.addWidget(self.sections, 2)
        left_layout.addWidget(self.source)
        left_layout.addWidget(QLabel("<b>Phần của các đơn vị</b> (bỏ chọn để không đưa vào; "
                                     "kéo để đổi thứ tự)"))
        left_layout.addWidget(self.contributions, 3)

        # The text's state and its button on the editor's own tool bar; the ⚑ flag with its
        # button on one line, over the change it names, in a splitter above the editor, which
        # takes the rest. Stacked one under the other, with the import's notice and the
        # «changed after sending up» bar over them, they left the editor two lines at
        # 1366×768 and 125 % (issue 20).
        self.state = QLabel()
        self.state.setContentsMargins(0, 0, 6, 0)  # its last accent clear of the edge
        self.editor = ProseEditor()
        self.editor.changed.connect(self._on_edit)
        self.editor.editor.before_typing = self._body_text_beside_label
        # set as the cursor arrives too, so Đậm and Nghiêng show what typing will give
        self.editor.editor.cursorPositionChanged.connect(self._body_text_beside_label)
        self.editor.find_bar.across = self._find_in_other_sections
        room = QWidget()
        room.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.editor.toolbar.addWidget(room)
        self.editor.toolbar.addWidget(self.state)
        self.flag = QLabel()
        self.flag.setWordWrap(True)
        self.flag.setStyleSheet("background:#FFF3CD; padding:4px")
        self.changes = QTextBrowser()
        line = self.changes.fontMetrics().lineSpacing()
        self.changes.setMinimumHeight(3 * line + 10)
        self.acknowledge_button = QPushButton("Đã xem và đưa vào bản tổng hợp")
        self.acknowledge_button.clicked.connect(self.acknowledge)
        flag_row = QHBoxLayout()
        flag_row.addWidget(self.flag, 1)
        flag_row.addWidget(self.acknowledge_button, 0, Qt.AlignmentFlag.AlignTop)
        self.stale = QWidget()
        stale_layout = QVBoxLayout(self.stale)
        stale_layout.setContentsMargins(0, 0, 0, 0)
        stale_layout.addLayout(flag_row)
        stale_layout.addWidget(self.changes, 1)
        self.stale.hide()
        right = QSplitter(Qt.Orientation.Vertical)
        right.setChildrenCollapsible(False)
        right.addWidget(self.stale)
        right.addWidget(self.editor)
        right.setStretchFactor(1, 1)
        self.right = right
        self._split_by_hand = False  # the user dragged the divider: it stays where he put it
        right.splitterMoved.connect(lambda *_: setattr(self, "_split_by_hand", True))
        right.installEventFilter(self)

        text_page = QSplitter()
        text_page.addWidget(left)
        text_page.addWidget(right)
        text_page.setSizes([380, 720])
        self.figures = QTreeWidget()
        self.figures.setHeaderLabels(["Chỉ tiêu", "Đơn vị tính", "Tổng", "Cùng kỳ năm trước",
                                      "So sánh (%)"])
        # the figures' columns as wide as their content and headings, the label takes the rest
        header = self.figures.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.figures_flag = QLabel()
        self.figures_flag.setWordWrap(True)
        self.figures_flag.setStyleSheet("background:#FFF3CD; padding:4px")
        figures_page = QWidget()
        figures_layout = QVBoxLayout(figures_page)
        figures_layout.setContentsMargins(0, 0, 0, 0)
        figures_layout.addWidget(self.figures_flag)
        figures_layout.addWidget(self.figures, 1)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)  # no frame inside the window's own tabs
        self.tabs.addTab(text_page, "Nội dung")
        self.tabs.addTab(figures_page, "Số liệu")
        self._figures_stale = False
        self.tabs.currentChanged.connect(self._figures_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    # --- loading ------------------------------------------------------------------------------
    def show_period(self, period, merged: Consolidation | None = None) -> None:
        self.save_now()
        if period != self.period:
            self.prose = {}  # another period's marks, never shown over this one's
            self._forget_undo()
        self.period = period
        self.reload(merged)

    def reload(self, merged: Consolidation | None = None) -> None:
        """Show `merged`; without it, consolidate the period in the worker first."""
        if merged is None:
            period = self.period
            self.ops.run(merging.consolidation(period),
                         on_done=lambda result: self.reload(result)
                         if period == self.period else None)
            return
        if self.section_id is not None and (self.editor.editor.document().isModified()
                                            or self._saves_pending):
            # read before what the user has typed since was written: shown, it would hide
            # that text, and the next save would write the text without it
            self.save_now()
            self.reload()
            return
        self.merged = merged
        current = self.section_id
        self._loading = True
        self.sections.clear()
        for merge in self.merged.sections:
            item = QListWidgetItem(self._section_label(merge))
            item.setData(CODE_ROLE, merge.section.id)
            item.setToolTip("Có đơn vị gửi bản mới sau khi mục này được sửa"
                            if merge.changed_since_edit else
                            f"Mục này dùng: {SOURCE_LABELS[merge.source].lower()}")
            self.sections.addItem(item)
        self._loading = False
        ids = [m.section.id for m in self.merged.sections]
        self.sections.setCurrentRow(ids.index(current) if current in ids else 0)
        self.grouping.show_grouping(self.merged.grouping)
        self._fill_figures()
        period = self.period
        self.ops.run(merging.prose_check(period, merged),
                     on_done=lambda found: self._show_prose(period, found))

    def _section_label(self, merge) -> str:
        mark = "⚑ " if merge.changed_since_edit else ("✎ " if merge.is_edited else "")
        wrong = any(f.disagrees for (sid, _), found in self.prose.items()
                    if sid == merge.section.id for f in found)
        return (f"{mark}{merge.section.numbered_heading} ({len(merge.contributions)})"
                + (" ⚠" if wrong else ""))

    def _show_prose(self, period, found: list) -> None:
        """The prose check's answer: the sections and the agencies' parts it names marked."""
        if period != self.period or self.merged is None:
            return
        self.prose = {}
        for finding in found:
            self.prose.setdefault((finding.section_id, finding.agency.code), []).append(finding)
        for row in range(self.sections.count()):
            item = self.sections.item(row)
            item.setText(self._section_label(self.merge_of(item.data(CODE_ROLE))))
        self._loading = True  # a mark is no change of the order to save
        for row in range(self.contributions.count()):
            self._mark_prose(self.contributions.item(row))
        self._loading = False

    def _mark_prose(self, entry) -> None:
        """⚠ before an agency's part whose figures in the text its own statistics contradict,
        with both figures in its tip above the paragraph; a figure it left empty is said there.
        The sentence is not quoted again: it stands in the paragraph just under."""
        found = self.prose.get((self.section_id, entry.data(CODE_ROLE)), [])
        text = entry.text().removeprefix("⚠ ")
        tip = entry.toolTip().split("\n\n", 1)[-1] if entry.data(PROSE_ROLE) else \
            entry.toolTip()
        entry.setData(PROSE_ROLE, bool(found))
        entry.setBackground(QBrush())
        if not found:
            entry.setText(text)
            entry.setToolTip(tip)
            return
        wrong = any(f.disagrees for f in found)
        lines = dict.fromkeys(("⚠ " if f.disagrees else "") + f.describe(self.merged.form)
                              for f in found)
        head = ("Số trong văn bản khác số liệu của chính đơn vị (kiểm tra lại với đơn vị):"
                if wrong else "Văn bản nêu số mà bảng số liệu của đơn vị chưa có:")
        entry.setText(("⚠ " if wrong else "") + text)
        entry.setToolTip("\n".join([head, *lines]) + "\n\n" + tip)
        if wrong:
            entry.setBackground(QBrush(QColor("#FFF3CD")))

    def merge_of(self, section_id: str):
        return self.merged.section(section_id)

    def _on_section(self, item, _previous=None) -> None:
        if item is None or self._loading:
            return
        self.save_now()
        # the same section shown again (the period was read again: an import, the command
        # line): the cursor and the view stay where the user is
        editor = self.editor.editor
        kept = (editor.textCursor().position(), editor.verticalScrollBar().value()) \
            if item.data(CODE_ROLE) == self.section_id else None
        if item.data(CODE_ROLE) != self.section_id:
            self._forget_undo()
        self.section_id = item.data(CODE_ROLE)
        merge = self.merge_of(self.section_id)
        self._loading = True
        self.contributions.clear()
        for agency, text, included in ([(a, t, True) for a, t in merge.contributions] +
                                       [(a, t, False) for a, t in merge.excluded]):
            preview = plain_text(text).replace("\n", " ")
            entry = QListWidgetItem(f"{agency.name}: {preview[:160]}"
                                    + ("…" if len(preview) > 160 else ""))
            entry.setData(CODE_ROLE, agency.code)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable |
                           Qt.ItemFlag.ItemIsDragEnabled)
            entry.setCheckState(Qt.CheckState.Checked if included else Qt.CheckState.Unchecked)
            entry.setToolTip(plain_text(text))
            self._mark_prose(entry)
            self.contributions.addItem(entry)
        key = (self.period, self.section_id)
        writing, refused = self._writing.get(key), self._refused.pop(key, None)
        self.editor.set_markup(writing if writing is not None else refused
                               if refused is not None else merge.shown)
        if writing is None and refused is not None:
            editor.document().setModified(True)  # written at the next save
        if kept:
            cursor = editor.textCursor()
            cursor.setPosition(min(kept[0], editor.document().characterCount() - 1))
            editor.setTextCursor(cursor)
            editor.verticalScrollBar().setValue(kept[1])
        self._loading = False
        self._show_state(merge)

    def _show_state(self, merge) -> None:
        self.source.show_merge(merge)
        # an edited text set aside is never typed over: it is taken up again to be edited
        kept_aside = merge.edited is not None and not merge.is_edited
        self.editor.editor.setReadOnly(kept_aside)
        if merge.is_edited:
            self.state.setText("<b>✎</b>")
            self.state.setToolTip("Văn bản tổng hợp đã được sửa: phần của các đơn vị ở bên trái "
                                  "không tự thay đổi văn bản này nữa.")
        elif kept_aside:
            self.state.setText("<i>chỉ xem — văn bản đã sửa vẫn được giữ</i>")
            self.state.setToolTip("Văn bản đã sửa của mục này vẫn được giữ. Để sửa, chọn "
                                  "«Văn bản đã sửa» rồi gõ vào; hoặc chép từ đây sang.")
        else:  # said in the list's tips: the tool bar keeps its room for the choice
            self.state.setText("")
            self.state.setToolTip("")
        stale = merge.changed_since_edit
        self.stale.setVisible(bool(stale))
        if stale:
            names = [f"{agency.name} (lần {seen} → lần mới)" if seen
                     else f"{agency.name} (mới gửi)" for agency, seen in stale]
            who = stale[0][0].name + (f" và {len(stale) - 1} đơn vị khác" if len(stale) > 1
                                      else "")
            # one or two lines over the change; the whole of it in the tip
            self.flag.setText(f"⚑ {who} gửi bản mới sau khi mục này được sửa: hãy đưa phần "
                              "thay đổi vào bằng tay.")
            self.flag.setToolTip(f"Sau khi mục này được sửa, đã nhận bản mới của: "
                                 f"{', '.join(names)}. Văn bản đã sửa được giữ nguyên; phần thay "
                                 "đổi ở dưới, hãy đưa vào bằng tay.")
            self._size_stale()
            self.changes.setHtml("<p><i>Đang đọc phần thay đổi…</i></p>")
            period, section_id = self.period, self.section_id
            asked = [(agency.code, seen) for agency, seen in stale if seen]
            # the texts they had sent before are read in the worker
            self.ops.run(merging.section_texts_at(period, section_id, asked),
                         on_done=lambda old: self._show_changes(period, section_id, merge,
                                                                stale, old),
                         on_error=self.changes.setHtml)

    def _size_stale(self) -> None:
        """The flag and three lines of the change over the editor, more where the editor keeps
        twelve lines without them (up to a third of the height); the editor the rest."""
        if self._split_by_hand or not self.stale.isVisibleTo(self):
            return
        total = self.right.height() - self.right.handleWidth()
        width = self.right.width() - self.acknowledge_button.sizeHint().width() - 6
        top = max(self.flag.heightForWidth(width), self.acknowledge_button.sizeHint().height()) \
            + self.stale.layout().spacing() + self.changes.minimumHeight()
        document = self.editor.editor.document()
        editor_room = self.editor.toolbar.sizeHint().height() + 2 * document.documentMargin() \
            + 12 * QFontMetrics(document.defaultFont()).lineSpacing()
        top = max(top, min(total // 3, total - int(editor_room)))
        self.right.setSizes([top, max(1, total - top)])

    def eventFilter(self, watched, event) -> bool:
        if watched is self.right and event.type() == QEvent.Type.Resize:
            self._size_stale()  # its height is known only now, once its tab is shown
        return super().eventFilter(watched, event)

    def _show_changes(self, period, section_id: str, merge, stale, old: dict) -> None:
        if (period, section_id) != (self.period, self.section_id):
            return  # another section is shown now
        new = dict((a.code, t) for a, t in merge.contributions + merge.excluded)
        parts = []
        for agency, _seen in stale:
            before, now = old.get(agency.code, ""), new.get(agency.code, "")
            parts.append(f"<p><b>{agency.name}</b></p><p>"
                         f"{diff_html(plain_text(before), plain_text(now))}</p>")
        self.changes.setHtml("".join(parts))

    def _body_text_beside_label(self) -> None:
        """Typed just before or just after an agency's label, a character would take the
        label's bold italic (Qt gives it the format of the text beside it) and be exported so:
        what the secretariat types is body text. Bold or italic chosen there is kept."""
        editor = self.editor.editor
        cursor = editor.textCursor()
        if cursor.hasSelection():
            return
        fmt = cursor.charFormat()
        if fmt.fontWeight() >= QFont.Weight.Bold and fmt.fontItalic() and \
                at_label_edge(cursor.block(), cursor.positionInBlock()):
            body = QTextCharFormat()
            body.setFontWeight(QFont.Weight.Normal)
            body.setFontItalic(False)
            editor.mergeCurrentCharFormat(body)

    # --- find across the consolidated report ------------------------------------------------------
    def section_text(self, section_id: str) -> str:
        """The consolidated text of a section as it stands: the secretariat's or the merge."""
        if section_id == self.section_id:
            return self.editor.plain_text()
        return plain_text(self.merge_of(section_id).shown)

    def _find_in_other_sections(self, text: str, backward: bool) -> bool:
        if self.merged is None:
            return False
        keys = [m.section.id for m in self.merged.sections]
        return find_in_sections(text, backward, keys, self.section_id, self.section_text,
                                self._open_for_find, self.editor.editor)

    def _open_for_find(self, section_id: str) -> None:
        ids = [m.section.id for m in self.merged.sections]
        self.sections.setCurrentRow(ids.index(section_id))
        self.editor.find_bar.field.setFocus()

    def open_find(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.editor.find_bar.open_bar()

    # --- changes --------------------------------------------------------------------------------
    def _save_order(self) -> None:
        if self._loading or self.section_id is None:
            return
        order, excluded = [], set()
        for row in range(self.contributions.count()):
            item = self.contributions.item(row)
            order.append(item.data(CODE_ROLE))
            if item.checkState() != Qt.CheckState.Checked:
                excluded.add(item.data(CODE_ROLE))
        period, section_id = self.period, self.section_id
        self.ops.run(merging.set_order(period, section_id, order, excluded),
                     on_done=lambda merged: self._order_saved(period, section_id, merged),
                     source=self)

    def _order_saved(self, period, section_id: str, merged: Consolidation) -> None:
        if period != self.period:
            return
        self.merged = merged
        if section_id == self.section_id and not self.merge_of(section_id).is_edited:
            self._loading = True
            self.editor.set_markup(self.merge_of(section_id).shown)
            self._loading = False

    def _on_edit(self) -> None:
        if not self._loading and not self.save_timer.isActive():
            self.save_timer.start()

    def _save_edit(self) -> None:
        self.save_now()

    def save_now(self) -> None:
        """Queue the edited text for saving (taken as it stands now)."""
        self.save_timer.stop()
        if self.section_id is None or self.period is None:
            return
        document = self.editor.editor.document()
        if not document.isModified():
            return
        period, section_id, text = self.period, self.section_id, self.editor.markup()
        document.setModified(False)
        self._saves_pending += 1
        self._writing[(period, section_id)] = text
        self.ops.run(merging.save_merged_section(period, section_id, text),
                     on_done=lambda merged: self._edit_saved(period, section_id, merged, text),
                     on_error=lambda message: self._not_saved(section_id, message, period,
                                                              text),
                     source=self)

    def _written(self, period, section_id: str, text: str | None) -> None:
        if text is not None and self._writing.get((period, section_id)) is text:
            del self._writing[(period, section_id)]

    def _edit_saved(self, period, section_id: str, merged: Consolidation,
                    text: str | None = None) -> None:
        self._saves_pending -= 1
        self._written(period, section_id, text)
        if period != self.period:
            return
        self.merged = merged
        if section_id == self.section_id:
            self._forget_undo()  # the section shows the text typed now
            self._show_state(self.merge_of(section_id))
            self._mark_current_item()

    def _not_saved(self, section_id: str, message: str, period=None,
                   text: str | None = None) -> None:
        self._saves_pending -= 1
        self._written(period, section_id, text)
        if section_id == self.section_id and period in (None, self.period):
            self.editor.editor.document().setModified(True)
        elif text is not None:
            self._refused[(period, section_id)] = text
        self.state.setText(f"<b>Chưa lưu được văn bản tổng hợp:</b> {message} Văn bản vẫn còn "
                           "ở đây; chương trình sẽ thử lưu lại ở lần sửa sau.")

    def _mark_current_item(self) -> None:
        item = self.sections.currentItem()
        merge = self.merge_of(self.section_id)
        if item is not None:
            item.setText(self._section_label(merge))

    def choose_source(self, source: str) -> None:
        """The section shows `source` from now on; «Hoàn tác» gives back what it showed."""
        merge = self.merge_of(self.section_id)
        if merge is None or source == merge.source:
            return
        self.save_now()
        self._undo = (self.period, self.section_id, merge.source)
        self.source.offer_undo(SOURCE_LABELS[merge.source])
        self._then_reload(lambda period, section_id: merging.choose_source(period, section_id,
                                                                            source))

    def undo_source(self) -> None:
        if self._undo is None:
            return
        period, section_id, source = self._undo
        self._forget_undo()
        if (period, section_id) != (self.period, self.section_id):
            return
        self._then_reload(lambda period, section_id: merging.choose_source(period, section_id,
                                                                            source))

    def _forget_undo(self) -> None:
        self._undo = None
        self.source.offer_undo(None)

    def choose_grouping(self, grouping: str) -> None:
        """The period's draft sets agencies' own paragraphs in member order or by «Loại»."""
        self.save_now()
        self._then_reload(lambda period, _section_id: merging.set_grouping(period, grouping))

    def acknowledge(self) -> None:
        self.save_now()
        self._then_reload(merging.acknowledge_changes)

    def _then_reload(self, change) -> None:
        """change(period, section_id): an Op of ops.merge that answers the consolidation."""
        period = self.period
        self.ops.run(change(period, self.section_id),
                     on_done=lambda merged: self.reload(merged) if period == self.period
                     else None, source=self)

    # --- statistics -------------------------------------------------------------------------------
    def _fill_figures(self) -> None:
        """The flag and the tab's mark at once; the table (thousands of rows over 100
        agencies, 40 ms) when its tab is shown, not on every refresh of the period."""
        merged = self.merged
        names = {s.agency.code: s.agency.name for s in merged.statuses}
        mismatches = merged.breakdown_mismatches()
        flagged = sorted({names.get(code, code) for by in mismatches.values() for code in by})
        self.figures_flag.setVisible(bool(flagged))
        self.tabs.setTabText(1, "Số liệu ⚠" if flagged else "Số liệu")
        self.figures_flag.setText(
            f"⚠ Số liệu của {len(flagged)} đơn vị có thành phần không cộng lại bằng số tổng "
            f"({', '.join(flagged)}); các dòng tổng cộng từ đó được đánh dấu ⚠." if flagged
            else "")
        self._figures_stale = True
        if self.tabs.currentIndex() == 1:
            self._fill_figure_table()

    def _figures_shown(self, index: int) -> None:
        if index == 1 and self._figures_stale and self.merged is not None:
            self._fill_figure_table()

    def _fill_figure_table(self) -> None:
        self._figures_stale = False
        self.figures.clear()
        merged = self.merged
        names = {s.agency.code: s.agency.name for s in merged.statuses}
        mismatches = merged.breakdown_mismatches()
        rows = []
        for indicator in merged.form.indicators:
            decimals = 2 if indicator.kind == "rate" else 0
            own = mismatches.get(indicator.id, {})
            summed = check_breakdown(indicator, merged.totals) \
                if indicator.breakdown_adds_up else None
            for key in indicator.keys:
                member = indicator.breakdown.member(key[1]) if key[1] else None
                total, last = merged.totals.get(key), merged.last_year.get(key)
                if member and total is None and last is None:
                    continue
                typed = key in merged.last_year_typed
                item = QTreeWidgetItem([
                    f"– {member.label}" if member else indicator.label, indicator.unit,
                    format_number(total, decimals),
                    format_number(last, decimals) + (" ✎" if typed else ""),
                    format_number(compare_percent(total, last), 2)])
                if typed:
                    item.setToolTip(3, "Có số do đơn vị gõ tay (chưa có báo cáo cùng kỳ năm "
                                       "trước trong máy)")
                for column in (2, 3, 4):
                    item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
                if key[1] == TOTAL:
                    font = item.font(0)
                    font.setBold(True)
                    item.setFont(0, font)
                    if summed or own:
                        item.setText(0, f"⚠ {item.text(0)}")
                        reasons = ([summed.message.split(': ', 1)[-1]] if summed else []) + [
                            f"{names.get(code, code)}: {why}" for code, why in own.items()]
                        item.setToolTip(0, "\n".join(reasons))
                        for column in range(5):
                            item.setBackground(column, QBrush(QColor("#FFF3CD")))
                for code, value in merged.per_agency.get(key, {}).items():
                    mark = "⚠ " if key[1] == TOTAL and code in own else ""
                    child = QTreeWidgetItem([f"    {mark}{names.get(code, code)}", "",
                                             format_number(value, decimals)])
                    child.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
                    if mark:
                        child.setToolTip(0, own[code])
                    item.addChild(child)
                    # a committee's report: its own members, as its package carried them
                    for sub in merged.sub_members.get(code, []):
                        if key in sub.figures:
                            grandchild = QTreeWidgetItem(
                                [f"        {sub.name}", "",
                                 format_number(sub.figures[key], decimals)])
                            grandchild.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
                            grandchild.setForeground(0, Qt.GlobalColor.darkGray)
                            child.addChild(grandchild)
                rows.append(item)
        self.figures.addTopLevelItems(rows)
