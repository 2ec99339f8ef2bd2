"""The editor of one prose section: paragraphs, bold, italic, bulleted lists, undo and redo,
an inline find bar and a word count.

It never intercepts Backspace and never rewrites text while it is typed: Vietnamese typing
tools (UniKey, EVKey) send Backspace and then the replacement letters, and a widget that
reacts to either breaks them. Text is normalised (NFC) when it is saved and when it is pasted.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QTextCharFormat, QTextCursor, QTextDocument, QTextListFormat
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolBar, QToolButton,
                               QVBoxLayout, QWidget)

from ttdn_desktop.core.legacy import convert_selection, repair_text
from ttdn_desktop.core.text import SEARCH_RULE, clean_text, find_text
from ttdn_desktop.ui.qt_vi import show_menu_keys
from ttdn_desktop.ui.richtext_qt import document_to_markup, html_to_markup, insert_markup, set_markup


class ReportTextEdit(QTextEdit):
    """A QTextEdit whose paste keeps paragraphs, lists, bold and italic and drops the rest.

    `before_typing`, when set, is called before a typed character goes in (a key or an input
    method's text): it may set the format the character takes, never the text or the key."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.before_typing = None
        self.setAcceptRichText(True)
        self.setTabChangesFocus(False)
        font = QFont("Times New Roman")
        font.setPointSize(13)
        self.document().setDefaultFont(font)
        self.document().setDocumentMargin(12)

    def keyPressEvent(self, event) -> None:
        if self.before_typing is not None and event.text().isprintable() and event.text():
            self.before_typing()
        super().keyPressEvent(event)

    def inputMethodEvent(self, event) -> None:
        if self.before_typing is not None and event.commitString():
            self.before_typing()
        super().inputMethodEvent(event)

    def insertFromMimeData(self, source) -> None:
        if _files(source):
            return
        if source.hasHtml():
            markup = html_to_markup(source.html())
        elif source.hasText():
            markup = repair_text(clean_text(source.text())).replace("*", "\\*")
        else:
            return
        insert_markup(self.textCursor(), markup)
        self.ensureCursorVisible()

    def canInsertFromMimeData(self, source) -> bool:
        # files dragged from the file manager go on to the window, which imports them: taken
        # here, Qt gave their addresses as text («file:///…/de-nghi.ttdn» in the report)
        return (source.hasHtml() or source.hasText()) and not _files(source)

    def contextMenuEvent(self, event) -> None:
        menu = show_menu_keys(self.createStandardContextMenu(event.pos()))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())


def _files(source) -> bool:
    """Files of this computer dragged in (not a web address, not text)."""
    urls = source.urls() if source.hasUrls() else []
    return bool(urls) and all(url.isLocalFile() for url in urls)


class FindBar(QWidget):
    """Find without a dialog: Enter for next, Shift+Enter (or F3, Shift+F3) for previous.
    `across(text, backward)`, when set, goes on into the report's other sections once the
    open one has no further match; it returns True if it found and selected one."""

    closed = Signal()

    def __init__(self, editor: QTextEdit, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.across = None
        self.field = QLineEdit()
        self.field.setPlaceholderText("Tìm trong cả báo cáo…")
        self.field.setToolTip(SEARCH_RULE)
        self.field.returnPressed.connect(self.find_next)
        self.message = QLabel()
        previous = QToolButton(text="Trước")
        previous.clicked.connect(self.find_previous)
        following = QToolButton(text="Sau")
        following.clicked.connect(self.find_next)
        close = QToolButton(text="✕")
        close.setToolTip("Đóng (Esc)")
        close.clicked.connect(self.hide_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel("Tìm:"))
        layout.addWidget(self.field, 1)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.hide()

    def open_bar(self) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected:
            self.field.setText(selected)
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def hide_bar(self) -> None:
        self.hide()
        self.editor.setFocus()
        self.closed.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide_bar()
        elif event.key() == Qt.Key.Key_F3:
            (self.find_previous if event.modifiers() & Qt.KeyboardModifier.ShiftModifier
             else self.find_next)()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.find_previous()
        else:
            super().keyPressEvent(event)

    def find_next(self) -> bool:
        return self._find(QTextDocument.FindFlag(0))

    def find_previous(self) -> bool:
        return self._find(QTextDocument.FindFlag.FindBackward)

    def _find(self, flags) -> bool:
        text = self.field.text()
        if not text:
            return False
        backward = bool(flags & QTextDocument.FindFlag.FindBackward)
        found = find_in_editor(self.editor, text, backward)
        if not found and self.across is not None and self.across(text, backward):
            self.message.setText("")
            return True
        if not found:  # wrap around once
            cursor = self.editor.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End if backward
                                else QTextCursor.MoveOperation.Start)
            self.editor.setTextCursor(cursor)
            found = find_in_editor(self.editor, text, backward)
        self.message.setText("" if found else "Không thấy")
        return found


def _utf16(text: str, index: int) -> int:
    """A Python index into `text` as a Qt document position (UTF-16 code units)."""
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


def find_in_editor(editor: QTextEdit, text: str, backward: bool = False) -> bool:
    """Select the next match of `text` after the cursor (before it, backward), by the search
    rule of core.text.find_text (QTextEdit.find wants the accents typed exactly)."""
    plain = editor.toPlainText()
    cursor = editor.textCursor()
    edge = cursor.selectionStart() if backward else cursor.selectionEnd()
    # the document position back to a Python index (they differ past characters beyond BMP)
    at, units = 0, 0
    while at < len(plain) and units < edge:
        units += 2 if ord(plain[at]) > 0xFFFF else 1
        at += 1
    found = find_text(plain, text, at, backward)
    if found is None:
        return False
    cursor.setPosition(_utf16(plain, found[0]))
    cursor.setPosition(_utf16(plain, found[1]), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    return True


def find_in_sections(text: str, backward: bool, keys: list, current, plain_of, open_section,
                     editor: QTextEdit) -> bool:
    """The next section after `current` (before it, backward; round the report) whose text
    holds `text`: opened with the match selected. False when no other section holds it."""
    if not keys:
        return False
    start = keys.index(current) if current in keys else (len(keys) if backward else -1)
    step = -1 if backward else 1
    for n in range(1, len(keys) + 1):
        key = keys[(start + step * n) % len(keys)]
        if key == current or find_text(plain_of(key), text) is None:
            continue
        open_section(key)
        cursor = editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End if backward
                            else QTextCursor.MoveOperation.Start)
        editor.setTextCursor(cursor)
        return find_in_editor(editor, text, backward)
    return False


class ProseEditor(QWidget):
    """A formatting tool bar, the text, and the find bar. `changed` fires on every edit."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.editor = ReportTextEdit()
        self.find_bar = FindBar(self.editor)
        self.toolbar = QToolBar()
        self.bold_action = self._format_action("Đậm", QKeySequence.StandardKey.Bold,
                                               self.toggle_bold)
        self.italic_action = self._format_action("Nghiêng", QKeySequence.StandardKey.Italic,
                                                 self.toggle_italic)
        self.bullet_action = self._format_action("• Gạch đầu dòng", QKeySequence("Ctrl+Shift+L"),
                                                 self.toggle_bullets)
        bold_font = self.bold_action.font()
        bold_font.setBold(True)
        self.bold_action.setFont(bold_font)
        italic_font = self.italic_action.font()
        italic_font.setItalic(True)
        self.italic_action.setFont(italic_font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.find_bar)
        self.editor.textChanged.connect(self._on_changed)
        self.editor.currentCharFormatChanged.connect(self._sync_buttons)
        self._loading = False

    def _format_action(self, text, shortcut, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setCheckable(True)
        action.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    # --- content -----------------------------------------------------------------------------
    def set_markup(self, markup: str) -> None:
        self._loading = True
        set_markup(self.editor.document(), markup)
        self._loading = False
        # the text went in before the editor's own cursor, which was left at its end: a text
        # just shown is read, and typed into, from its top
        self.editor.moveCursor(QTextCursor.MoveOperation.Start)

    def markup(self) -> str:
        return document_to_markup(self.editor.document())

    def plain_text(self) -> str:
        return self.editor.toPlainText()

    def _on_changed(self) -> None:
        if not self._loading:
            self.changed.emit()

    # --- formatting ----------------------------------------------------------------------------
    def _merge(self, fmt: QTextCharFormat) -> None:
        """Format the selection; with none, the word the cursor is inside (as Word does), or,
        at the edge of a word, what is typed next."""
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            text = cursor.block().text()
            at = cursor.positionInBlock()
            inside = 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum()
            if inside:
                cursor.select(QTextCursor.SelectionType.WordUnderCursor)
                cursor.mergeCharFormat(fmt)
        else:
            cursor.mergeCharFormat(fmt)
        self.editor.mergeCurrentCharFormat(fmt)

    def toggle_bold(self) -> None:
        fmt = QTextCharFormat()
        bold = self.editor.fontWeight() < QFont.Weight.Bold
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self._merge(fmt)

    def toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.editor.fontItalic())
        self._merge(fmt)

    def toggle_bullets(self) -> None:
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        current = cursor.currentList()
        if current is not None:
            for n in reversed(range(current.count())):
                block = current.item(n)
                if cursor.selectionStart() <= block.position() + block.length() and \
                        block.position() <= cursor.selectionEnd():
                    current.remove(block)
                    block_cursor = QTextCursor(block)
                    block_format = block_cursor.blockFormat()
                    block_format.setIndent(0)
                    block_cursor.setBlockFormat(block_format)
        else:
            list_format = QTextListFormat()
            list_format.setStyle(QTextListFormat.Style.ListDisc)
            cursor.createList(list_format)
        cursor.endEditBlock()
        self._sync_buttons()

    def repair_selection(self) -> str | None:
        """Convert the selected passage from TCVN3 or VNI, whichever reads as Vietnamese; one
        undo step. Returns the encoding found, or None (nothing changed)."""
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            return None
        text = cursor.selectedText().replace("\u2029", "\n")
        converted, which = convert_selection(text)
        if which is None:
            return None
        cursor.beginEditBlock()
        cursor.insertText(converted)
        cursor.endEditBlock()
        return which

    def _sync_buttons(self, *args) -> None:
        self.bold_action.setChecked(self.editor.fontWeight() >= QFont.Weight.Bold)
        self.italic_action.setChecked(self.editor.fontItalic())
        self.bullet_action.setChecked(self.editor.textCursor().currentList() is not None)
