"""The body of a PDF report with a text layer (saved as PDF by Word or LibreOffice, signed or not
by a document-management system) into the blocks a .docx gives (docx_body.Body), so one
import places both.

A PDF keeps no paragraphs, only characters at places (pdf_page); they are rebuilt here.
Lines go into one paragraph unless the next line is farther below than lines of a paragraph
are, the line before ends short of the right edge (a justified paragraph's last line), the
next line is indented more (a first-line indent), starts with a list marker («-», «1.», «a)»)
or changes between bold and plain. Ruled tables keep their grid, merged cells repeated; cells
side by side without rules (the letterhead's agency and national motto, the signature block)
are a table as in a .docx. Page numbers and what repeats at the top or foot of the pages
(running headers and footers) are not body text. A word broken by a soft hyphen at the end of
a line is joined; any other hyphen stays. Text is NFC (a PDF may draw Vietnamese letters as a
base and a mark), ligatures are letters.

A PDF with no text on any page is a scan and is refused with what to ask the agency for; a PDF
that needs a password to open is refused saying so; a damaged one is refused as damaged.
The signature of a signed PDF is not checked here and never needed to read it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import replace

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.exchange.docx_body import Body, Para, Table, add_table, finish_para, \
    para_from_runs
from ttdn_desktop.exchange.pdf_layout import MARKER, Line, around_boxes, columns_of, grids, \
    make_lines, ruled_tables, seg_text
from ttdn_desktop.exchange.pdf_page import (LOCK, MAX_CHARS, PASSWORD, Char, open_pdf, pdfium,
                                           read_page)
from ttdn_desktop.exchange.word_layout import capitals

SCAN = ("tệp PDF chỉ có ảnh quét, không có lớp chữ: không đọc được nội dung báo cáo từ ảnh; "
        "đề nghị đơn vị gửi chính tệp Word (.docx, .doc) hoặc bản PDF xuất từ Word (Lưu thành "
        "PDF), không phải bản in ra rồi quét lại")
EMPTY = "tệp PDF không có chữ nào; đề nghị đơn vị gửi lại chính tệp Word (.docx, .doc)"
_PAGE_NUMBER = re.compile(r"^(?:trang\s*)?[-–—]?\s*[0-9]{1,4}\s*[-–—]?"
                          r"(?:\s*(?:/|trên|of)\s*[0-9]{1,4})?$", re.I)
_EDGE = 0.12   # the top and foot of a page, where running headers and footers stand
_MARKER_GLUED = re.compile(r"^((?:[IVXLC]{1,6}|[0-9]{1,3})[.)\-]|[a-zđ]\))(?=[^\W\d_])")
# a scan signed by a document-management system carries a few words of its stamp as text
_SCAN_CHARS_PER_PAGE = 150


def is_pdf(data: bytes) -> bool:
    """A PDF by its header (which may follow a few bytes of junk, as readers allow)."""
    return b"%PDF-" in data[:1024]


def ask_agency(reason: str) -> bool:
    """A PDF refused for what only its sender can mend (a scan, a password): said even when
    the PDF came in a mail beside other files, where an unreadable one is passed over."""
    return reason in (SCAN, PASSWORD)


def read_pdf_body(file_name: str, data: bytes, limits) -> Body:
    """The body of a PDF; PackageError with the reason when it cannot be read."""
    if len(data) > limits.max_file_bytes:
        raise PackageError(file_name, f"tệp PDF quá lớn ({len(data) >> 20} MB; tối đa "
                                      f"{limits.max_file_bytes >> 20} MB)")
    with LOCK:
        document = open_pdf(file_name, data)
        try:
            budget = [MAX_CHARS]
            pages = []
            for page in document:
                try:
                    pages.append(read_page(page, budget))
                finally:
                    page.close()
        except PackageError:
            raise PackageError(file_name, "tệp PDF có quá nhiều chữ cho một báo cáo") from None
        except pdfium().PdfiumError:
            raise PackageError(file_name, "tệp PDF bị hỏng, không đọc được các trang; đề nghị "
                                          "đơn vị gửi lại") from None
        finally:
            document.close()
    drawn = sum(1 for page in pages for c in page.chars if c.text.strip())
    scanned = sum(1 for page in pages if page.images)
    if not drawn or (scanned * 2 >= len(pages) and drawn < _SCAN_CHARS_PER_PAGE * len(pages)):
        raise PackageError(file_name, SCAN if scanned or not pages else EMPTY)
    return Body(_blocks(pages))


def _blocks(pages) -> list:
    sizes = Counter(round(c.size) for p in pages for c in p.chars if c.text != " ")
    body_size = sizes.most_common(1)[0][0] if sizes else 12
    laid = []
    for page in pages:
        _drop_struck(page)
        tables = ruled_tables(page.rules)
        cells: list[dict] = [{} for _ in tables]
        flow: list[Char] = []
        for char in page.chars:
            for n, table in enumerate(tables):
                if table.contains(char):
                    cells[n].setdefault(table.cell_of(char), []).append(char)
                    break
            else:
                flow.append(char)
        lines = make_lines(flow)
        around_boxes(lines, tables)
        _drop_footnotes(page, lines, tables, body_size)
        laid.append((page, tables, cells, lines))
    _drop_running(laid, body_size)
    out: list = []
    flow = _Flow(out, body_size)
    for page, tables, cells, lines in laid:
        events = []
        for table, found in zip(tables, cells):
            events.append((table.top, 0, _ruled_grid(table, found, body_size)))
        in_grid = set()
        for first, end in grids(lines):
            in_grid.update(range(first, end))
            top = lines[first]
            events.append((top.y + top.size, 0, _grid(lines[first:end], body_size)))
        for n, line in enumerate(lines):
            if n not in in_grid:
                events.append((line.y + 0.7 * line.size, 1, line))
        events.sort(key=lambda e: -e[0])
        flow.new_page(lines)
        page_start = True
        for _, kind, item in events:
            if kind == 1:
                flow.add(item)
            else:
                flow.flush()
                _add_table(item, out, page_start)
            page_start = False
    flow.flush()
    return out


def _add_table(grid, out: list, page_start: bool) -> None:
    """A table into `out`; one that opens a page continues the table that closed the page
    before, if it has as many columns (a table broken by the page end is one table)."""
    new: list = []
    add_table(grid, new)
    if page_start and new and isinstance(new[0], Table) and out and \
            isinstance(out[-1], Table) and out[-1].columns == new[0].columns:
        out[-1].rows.extend(new[0].rows)
        out[-1].cells.extend(new[0].cells)
        new = new[1:]
    out.extend(new)


def _drop_struck(page) -> None:
    """Struck-through text (a deletion shown as tracked, a word crossed out) is not read: a
    line drawn across a character at the middle of its height."""
    rules = sorted((y0, min(x0, x1), max(x0, x1)) for x0, y0, x1, y1 in page.rules
                   if abs(y1 - y0) < 0.01)
    if not rules or len(rules) > 3000:
        return
    heights = [r[0] for r in rules]

    def struck(char: Char) -> bool:
        if char.text == " ":
            return False
        middle = (char.left + char.right) / 2
        start = bisect.bisect_left(heights, char.y + 0.15 * char.size)
        for y, x0, x1 in rules[start:]:
            if y > char.y + 0.45 * char.size:
                return False
            if x0 <= middle <= x1:
                return True
        return False
    # a struck word leaves a space, so the words around it stay one line's
    page.chars = [replace(c, text=" ") if struck(c) else c for c in page.chars]


def _drop_footnotes(page, lines: list[Line], tables, body_size: float) -> None:
    """Footnotes: the lines in smaller type under a short rule that starts at the text's
    left edge in the lower half of the page (the footnote separator)."""
    if not lines:
        return
    left = min(line.left for line in lines)
    rules = [(min(x0, x1), max(x0, x1), y0) for x0, y0, x1, y1 in page.rules
             if abs(y1 - y0) < 0.01 and 30 <= abs(x1 - x0) <= 0.45 * page.width
             and y0 < page.height * 0.5 and abs(min(x0, x1) - left) <= 15]
    for x0, x1, y in sorted(rules, key=lambda r: -r[2]):
        if any(t.xs[0] - 3 <= x0 <= t.xs[-1] + 3 and t.ys[-1] - 3 <= y <= t.ys[0] + 3
               for t in tables):
            continue   # a table's border
        below = [line for line in lines if line.y < y]
        if below and all(line.size < 0.95 * body_size for line in below
                         if not _PAGE_NUMBER.match(line.text.strip())):
            lines[:] = [line for line in lines if line.y >= y]
            return


def _drop_running(laid, body_size: float) -> None:
    """Page numbers, and lines repeated at the same height among the two outermost lines at
    the top or foot of several pages (running headers and footers)."""
    def key(line: Line) -> tuple[str, int]:
        return re.sub(r"[0-9]+", "#", " ".join(line.text.split()).lower()), round(line.y / 3)

    def outer(page, lines: list[Line]) -> list[Line]:
        # set apart from the text by more than a line's spacing, at the top or the foot
        found = []
        for n, line in enumerate(lines[:2]):
            if line.y > page.height * (1 - _EDGE) and (
                    n + 1 == len(lines) or line.y - lines[n + 1].y > 1.6 * line.size):
                found = lines[:n + 1]
        for n in range(len(lines) - 1, max(len(lines) - 3, -1), -1):
            line = lines[n]
            if line.y < page.height * _EDGE and (
                    n == 0 or lines[n - 1].y - line.y > 1.6 * line.size):
                found = found + lines[n:]
                break
        return found
    seen = Counter()
    for page, _, _, lines in laid:
        seen.update({key(line) for line in outer(page, lines)})
    # on a third of the pages at least: a line of text may happen to stand at the same
    # height on two pages, a running header stands on most
    repeated = max(2, -(-len(laid) // 3))
    for page, tables, cells, lines in laid:
        edge = {id(line) for line in outer(page, lines)}
        lines[:] = [line for line in lines if id(line) not in edge or not (
            _PAGE_NUMBER.match(line.text.strip()) or seen[key(line)] >= repeated)]
        # what stands alone at the top or the foot, far from the text: a header, a footer,
        # footnotes (on a one-page report nothing repeats to tell them by)
        tops = [t.top for t in tables]
        bottoms = [t.ys[-1] for t in tables]
        # at the top only a line in smaller type: a letterhead stands there too, as far
        # from the title
        if len(lines) > 1 and lines[0].y > page.height * (1 - _EDGE) and \
                lines[0].size < 0.95 * body_size and \
                lines[0].y - lines[1].y > 3.5 * lines[0].size and \
                not any(t > lines[1].y for t in tops):
            del lines[:1]
        for n in range(len(lines) - 1, 0, -1):
            if lines[n].y > page.height * _EDGE:
                break
            if lines[n - 1].y - lines[n].y > 3.5 * lines[n].size and \
                    not any(b < lines[n - 1].y for b in bottoms):
                del lines[n:]
                break


def _para(lines: list[Line], body_size: float, in_table: bool) -> Para | None:
    runs: list[tuple[str, bool, bool, None]] = []
    for n, line in enumerate(lines):
        chars = line.chars
        if n + 1 < len(lines):
            if chars and chars[-1].text == "\u00ad":
                chars = chars[:-1]      # a word broken by a soft hyphen: joined
            else:
                chars = chars + [Char(" ", 0, 0, 0, 0, line.size, chars[-1].bold,
                                      chars[-1].italic)]
        for char in chars:
            if runs and runs[-1][1] == char.bold and runs[-1][2] == char.italic:
                runs[-1] = (runs[-1][0] + char.text, char.bold, char.italic, None)
            else:
                runs.append((char.text, char.bold, char.italic, None))
    if runs:
        # an automatic number drawn against its text («I.Công tác», «a)Họp báo»)
        runs[0] = (_MARKER_GLUED.sub(r"\1 ", runs[0][0], count=1),) + runs[0][1:]
    para, _ = para_from_runs(runs, "", False, False, None, in_table)
    if not para.bold and len(lines) == 1 and len(para.text) <= 150 and \
            lines[0].size >= 1.2 * body_size:
        para.bold = True   # a heading set apart by a larger font, not by bold
    return finish_para(para)


class _Flow:
    """Lines into paragraphs, across pages."""

    def __init__(self, out: list, body_size: float, in_table: bool = False):
        self.out, self.body_size, self.in_table = out, body_size, in_table
        self.lines: list[Line] = []
        self.left = self.right = self.pitch = 0.0
        self.page_start = False

    def new_page(self, lines: list[Line]) -> None:
        """The page's text edges and the spacing of lines within its paragraphs."""
        if not lines:
            return
        lefts = Counter(round(line.left) for line in lines)
        self.left = lefts.most_common(1)[0][0]
        rights = sorted(line.right for line in lines)
        self.right = rights[int(len(rights) * 0.9)] if len(rights) > 3 else rights[-1]
        pitches = Counter(round(a.y - b.y, 1) for a, b in zip(lines, lines[1:])
                          if self._full(a) and 0 < a.y - b.y < 3 * a.size)
        self.pitch = pitches.most_common(1)[0][0] if pitches else 0.0
        self.page_start = True

    def _full(self, line: Line) -> bool:
        return line.right >= self.right - max(2 * line.size, 0.06 * (self.right - self.left))

    def _wrapped(self, above: Line, line: Line) -> bool:
        """The line above ends where its text had to wrap: the first word of the next line
        would not have fitted in what is left of it (in a narrow cell as on the page)."""
        if self._full(above):
            return True
        first = line.segments[0]
        end = next((n for n, c in enumerate(first) if c.text == " "), len(first))
        word = first[end - 1].right - first[0].left
        return self.right - above.right < word + 0.3 * line.size

    def _breaks(self, above: Line, line: Line) -> bool:
        size = max(above.size, line.size)
        if not self.page_start:
            distance = above.y - line.y
            limit = self.pitch * 1.15 + 0.5 if self.pitch else 1.4 * size
            if distance <= 0 or distance > limit:
                return True
        if not self._wrapped(above, line) or above.bold != line.bold or \
                abs(above.size - line.size) > 1.5:
            return True
        if MARKER.match(seg_text(line.segments[0]).split(" ")[0]) or \
                re.match(r"^[-–+•]\s", line.text):
            return True
        if above.text.rstrip().endswith((".", ";", ":")) and capitals(line.text):
            # a sentence's end, then a line in capitals: a heading or the signer's title
            # («GIÁM ĐỐC»), even where no wrapped line shows how wide the text is
            return True
        if line.left > above.left + 0.8 * size and len(self.lines) > 1:
            return True  # a first-line indent
        return line.left > self.left + 0.8 * size and above.left <= self.left + 0.4 * size

    def add(self, line: Line) -> None:
        if self.lines and self._breaks(self.lines[-1], line):
            self.flush()
        self.page_start = False
        self.lines.append(line)

    def flush(self) -> None:
        if self.lines:
            para = _para(self.lines, self.body_size, self.in_table)
            if para is not None:
                self.out.append(para)
        self.lines = []


def _cell_paras(lines: list[Line], body_size: float, right: float | None = None) -> list[Para]:
    out: list = []
    flow = _Flow(out, body_size, in_table=True)
    flow.new_page(lines)
    flow.right = right if right is not None else max((ln.right for ln in lines), default=0.0)
    for line in lines:
        flow.add(line)
    flow.flush()
    return out


def _ruled_grid(table, found: dict, body_size: float) -> list[list[list[Para]]]:
    paras = {cell: _cell_paras(make_lines(chars), body_size)
             for cell, chars in found.items()}
    rows = len(table.ys) - 1
    cols = len(table.xs) - 1
    grid = []
    for r in range(rows):
        row = [paras.get(table.owner[(r, c)], []) for c in range(cols)]
        # a sliver between double rules, or a row no cell of its own starts in: no row
        if not any(row) and table.ys[r] - table.ys[r + 1] < 6:
            continue
        grid.append(row)
    # columns that are only a double rule's gap
    keep = [c for c in range(cols) if table.xs[c + 1] - table.xs[c] >= 4]
    return [[row[c] for c in keep] for row in grid]


def _grid(lines: list[Line], body_size: float) -> list[list[list[Para]]]:
    """A table without rules. Each line's segments go to the columns they stand in; a row
    starts where the first column's text starts a new paragraph (so a cell's text wrapped on
    several lines, or set in the middle of its cell, stays one cell)."""
    columns = columns_of(lines)
    placed = []
    for line in lines:
        row: list[list[Line]] = [[] for _ in columns]
        for segment in line.segments:
            middle = (segment[0].left + segment[-1].right) / 2
            col = min(range(len(columns)), key=lambda c: 0 if columns[c][0] <= middle <=
                      columns[c][1] else min(abs(middle - columns[c][0]),
                                             abs(middle - columns[c][1])))
            row[col].append(Line(line.y, line.size, [segment]))
        placed.append(row)
    first = _Flow([], body_size, in_table=True)
    first.new_page([row[0][0] for row in placed if row[0]])
    first.right = columns[0][1]
    rows: list[list[list[Line]]] = []
    above = None
    for row in placed:
        start = not rows
        if row[0]:
            start = start or above is None or first._breaks(above, row[0][0])
            above = row[0][-1]
        if start:
            rows.append([[] for _ in columns])
        for col, pieces in enumerate(row):
            rows[-1][col].extend(pieces)
    return [[_cell_paras(cell, body_size, columns[col][1]) for col, cell in enumerate(row)]
            for row in rows]
