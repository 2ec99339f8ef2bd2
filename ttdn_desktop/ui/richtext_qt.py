"""Between the stored mark-up (core.richtext) and a QTextDocument: paragraphs, bulleted lists,
bold and italic, nothing else. Pasted text passes through the same conversion, which is how
foreign styles (fonts, colours, sizes from Word) are dropped."""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument, QTextListFormat

from ttdn_desktop.core.legacy import repair_run
from ttdn_desktop.core.richtext import escape, parse_blocks
from ttdn_desktop.core.text import clean_text


def document_to_markup(document: QTextDocument, repair: bool = False) -> str:
    """With `repair`, text in a legacy font (TCVN3 .Vn…, VNI-…) or reading as legacy text is
    converted to Unicode: what pasting from an old document needs."""
    lines = []
    block = document.begin()
    while block.isValid():
        parts = []
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid():
                fmt = fragment.charFormat()
                raw = fragment.text().replace("\u2028", " ").replace("\u00a0", " ")
                if repair:
                    families = fmt.fontFamilies() or []
                    raw = repair_run(raw, families[0] if families else None)
                text = escape(raw)
                if text.strip():
                    lead = text[: len(text) - len(text.lstrip())]
                    trail = text[len(text.rstrip()):]
                    core = text.strip()
                    if fmt.fontItalic():
                        core = f"*{core}*"
                    if fmt.fontWeight() >= QFont.Weight.Bold:
                        core = f"**{core}**"
                    text = lead + core + trail
                parts.append(text)
            iterator += 1
        line = "".join(parts).replace("****", "").rstrip()
        if block.textList() is not None and line.strip():
            line = "- " + line.lstrip()
        lines.append(line)
        block = block.next()
    while lines and not lines[-1].strip():
        lines.pop()
    return clean_text("\n".join(lines))


def insert_markup(cursor: QTextCursor, markup: str, first_block_in_place: bool = True) -> None:
    """Insert mark-up at the cursor as formatted blocks, in one undo step."""
    cursor.beginEditBlock()
    plain = QTextCharFormat()
    for n, block in enumerate(parse_blocks(clean_text(markup))):
        if n or not first_block_in_place:
            cursor.insertBlock(QTextBlockFormat(), plain)
        if block.kind == "bullet":
            if cursor.currentList() is None:
                list_format = QTextListFormat()
                list_format.setStyle(QTextListFormat.Style.ListDisc)
                cursor.createList(list_format)
        elif cursor.currentList() is not None:
            current = cursor.currentList()
            current.remove(cursor.block())
            cursor.setBlockFormat(QTextBlockFormat())
        for run in block.runs:
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold if run.bold else QFont.Weight.Normal)
            fmt.setFontItalic(run.italic)
            cursor.insertText(run.text, fmt)
    cursor.setCharFormat(plain)
    cursor.endEditBlock()


def set_markup(document: QTextDocument, markup: str) -> None:
    document.clear()
    if markup:
        insert_markup(QTextCursor(document), markup)
    document.clearUndoRedoStacks()
    document.setModified(False)


def html_to_markup(html: str) -> str:
    """Word's clipboard HTML -> our mark-up: paragraphs, lists, bold, italic only; legacy
    encodings repaired by each run's font."""
    scratch = QTextDocument()
    scratch.setHtml(html)
    return document_to_markup(scratch, repair=True)
