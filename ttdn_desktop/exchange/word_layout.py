"""How agencies lay out a report, told from its blocks (docx_body.Body, whatever the format):
which paragraph reads as a heading and at what level; a table that holds the report itself (a
row per heading, the whole text in one cell, a heading boxed with its number) read as the
paragraphs it holds; and the end of the text — the place and date, the signer's titles, «(Đã
ký)» and the name, however pushed right with tabs or framed in a table, never body text."""

from __future__ import annotations

import dataclasses
import re

from ttdn_desktop.core.forms import Form
from ttdn_desktop.core.richtext import escape
from ttdn_desktop.core.text import fold
from ttdn_desktop.core.wordmatch import match_section, numbered_heading
from ttdn_desktop.exchange.docx_body import Para, Table

# A./B./C. lists head an outline (A. KẾT QUẢ … / I. … / 1. …), a)/b) are points
LEVEL_OF_FORMAT = {"upperRoman": 1, "lowerRoman": 1, "decimal": 2, "decimalZero": 2,
                   "lowerLetter": 3, "upperLetter": 1}


def heading_of(para: Para) -> tuple[int | None, str] | None:
    """(level or None, title as shown) if the paragraph reads as a heading."""
    shown = para.shown
    if not shown or "\n" in shown.strip():
        return None
    outline = para.outline if para.outline is not None and para.outline <= 3 else None
    numbered = numbered_heading(shown)
    auto = para.number and para.num_format not in ("bullet", "none")
    short = len(para.text) <= 120 and not para.text.endswith((";", ","))
    if auto or numbered:
        level = outline or (LEVEL_OF_FORMAT.get(para.num_format) if auto else None) or \
            (numbered[0] if numbered else None)
        if para.bold or outline or (short and not para.text.endswith(".")) or \
                (short and level == 1):
            return level, shown
        return None
    if outline:
        return outline, shown
    if para.bold and len(para.text) <= 120 and not para.text.endswith((".", ":", ";", ",")):
        return None, shown
    return None


def unwrap(blocks, form: Form) -> list:
    """The blocks with a table that holds the report itself (a common template: a row per
    heading, or the whole text in one cell) replaced by its paragraphs in reading order: a
    number in a cell of its own leads the heading beside it; a merged cell is read once."""
    out = []
    for block in blocks:
        if isinstance(block, Table) and (_holds_report(block, form) or
                                         _boxed_heading(block, form)):
            out.extend(_table_paragraphs(block))
        else:
            out.append(block)
    return out


_HEADER_CELLS = {"tt", "stt", "so tt", "noi dung", "ket qua", "ghi chu", "noi dung cong viec",
                 "ket qua thuc hien", "danh gia", "linh vuc", "muc", "de muc"}
_NUMBER_CELL = re.compile(r"^\s*([IVXivx]{1,4}|[0-9]{1,2}|[a-zđ])\s*[\.\)]?\s*$")


def _cells_once(table: Table) -> list[list[list[Para]]]:
    """Each row's cells, a cell merged over several columns or rows once."""
    rows, seen = [], set()
    above: dict[int, tuple] = {}
    for row in table.cells:
        cells, before = [], None
        for column, cell in enumerate(row):
            texts = tuple(p.shown for p in cell)
            if id(cell) in seen or not texts or texts == before or above.get(column) == texts:
                before = texts or before
                above[column] = texts
                continue
            seen.add(id(cell))
            before = above[column] = texts
            cells.append(cell)
        rows.append(cells)
    return rows


def _holds_report(table: Table, form: Form) -> bool:
    """A table with at least two of the form's top sections as headings in its cells."""
    if len(table.cells) < 3:
        return False
    tops = set()
    for row in _cells_once(table):
        number = None
        for cell in row:
            if len(cell) == 1 and _NUMBER_CELL.match(cell[0].text):
                number = cell[0].text.strip()
                continue
            for para in cell[:1]:
                heading = heading_of(para)
                if heading is None:
                    continue
                numbered = numbered_heading(heading[1])
                bare = numbered[2] if numbered else heading[1]
                section, _ = match_section(form, bare, 1 if number and number.strip(". ")
                                           .isalpha() and number.isupper() else heading[0])
                if section is not None and section.level == 1:
                    tops.add(section.id)
            number = None
    return len(tops) >= 2


def _boxed_heading(table: Table, form: Form) -> bool:
    """A one-row table framing a heading, its number in a cell of its own: «II | KẾT QUẢ
    THỰC HIỆN»."""
    if len(table.cells) != 1:
        return False
    cells = _cells_once(table)[0]
    if len(cells) != 2 or len(cells[0]) != 1 or not _NUMBER_CELL.match(cells[0][0].text) or \
            len(cells[1]) != 1 or len(cells[1][0].text) > 150:
        return False
    section, _ = match_section(form, cells[1][0].text)
    return section is not None


def _table_paragraphs(table: Table) -> list[Para]:
    out = []
    for n, row in enumerate(_cells_once(table)):
        if n == 0 and row and all(fold(" ".join(p.text for p in cell)).strip(" .:")
                                  in _HEADER_CELLS for cell in row):
            continue  # the header row: «TT | Nội dung»
        number = None
        for cell in row:
            paras = list(cell)
            if len(paras) == 1 and _NUMBER_CELL.match(paras[0].text) and not paras[0].number:
                number = paras[0].text.strip()
                continue
            if number and paras:
                mark = number if number[-1] in ".)" else \
                    number + (")" if re.fullmatch(r"[a-zđ]", number) else ".")
                first = paras[0]
                paras[0] = dataclasses.replace(first, text=f"{mark} {first.text}",
                                               markup=f"{escape(mark)} {first.markup}")
            number = None
            out.extend(paras)
    return out


def capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


# «Quảng Ninh, ngày 12 tháng 6 năm 2021» above the signature
DATE_LINE = re.compile(r"^\s*[^\d,.;:]{2,40},\s*ngày\s+\S{1,5}\s+tháng\s+\S{1,5}\s+năm\s+"
                        r"[0-9]{4}\s*\.?\s*$", re.IGNORECASE)
# «PHẦN THỨ HAI», «Phần I» alone on its line: a division of the report, no section
PART = re.compile(r"^\s*phần(?:\s+thứ)?\s+(?:[IVX]{1,4}|[0-9]{1,2}|nhất|một|hai|ba|tư|bốn|năm|"
                   r"sáu)\s*[\.:]?\s*$", re.IGNORECASE)
# the signer's title: «KT. GIÁM ĐỐC», «TM. BAN CHỈ ĐẠO», «PHÓ CHỦ TỊCH», «TRƯỞNG BAN» …
_SIGNER = re.compile(r"^(?:(?:kt|tm|t/m|q|tl|tuq|ktl)\s*[\./]\s*\w|(?:pho\s+)?(?:giam doc|chu tich|"
                     r"truong ban|truong phong|chanh van phong|bi thu|thu truong|"
                     r"tong giam doc|cuc truong|chanh an|vien truong|hieu truong|"
                     r"tong bien tap|chi huy truong|truong khoa|giam doc so)\b)")


def signature_table(table: Table) -> bool:
    """A small table whose cells are the signer's block (and blanks): «KT. GIÁM ĐỐC» over
    the name, beside an empty cell, with no «Nơi nhận»."""
    if len(table.cells) > 3:
        return False
    for row in table.cells:
        for cell in row:
            paras = [p for p in cell if re.search(r"\w", p.text)]
            if paras and signs_off(paras, 0):
                return True
    return False


def signs_off(blocks, n: int) -> bool:
    """Whether the paragraph at n opens the signature block, however laid out (tabs, plain
    paragraphs, no «Nơi nhận»): a signer's title in capitals, followed by nothing but short
    lines (a second title, «(Đã ký)», the name) up to the recipients, an annex or the end."""
    text = blocks[n].text.strip()
    first = text.split("\n")[0]
    if not text or not capitals(text) or len(first.split()) > 8 or \
            not _SIGNER.match(fold(first)):
        return False
    after = []
    for block in blocks[n + 1:]:
        if isinstance(block, Table):
            break
        start = fold(block.text[:40]).strip()
        if start.startswith(("noi nhan", "phu luc")):
            break
        if re.search(r"\w", block.text):
            after.append(block)
    return len(after) <= 6 and all(len(b.text) <= 80 and not numbered_heading(b.shown)
                                   and not b.text.rstrip().endswith((".", ";", ":"))
                                   or fold(b.text).strip("() ").startswith("da ky")
                                   for b in after)
