"""The body of a .docx as Word shows it, read straight from its XML.

python-docx only sees the direct runs of body paragraphs; office suites write much more around
them. Here: inserted and moved-to text is in, deleted and moved-from text never; fields show
their result (never their instruction); hyperlinks, smart tags, custom XML and content controls
(block, row, cell and inline) show their content; text boxes and frames are read once (one
branch of mc:AlternateContent); tables keep their grid (merged cells repeat their text so a
header "Kết quả" over "2021 | 2020" heads both columns). Footnotes, comments, headers and
footers live in other parts and are never read. Automatic numbering is resolved from
numbering.xml, so "II." or "a)" typed by Word's list button reads as if typed by hand.

Strict OOXML (ISO 29500 strict) uses other namespace names for the same elements: they are
mapped to the transitional ones before parsing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.legacy import encoding_of_font, repair_run
from ttdn_desktop.core.richtext import escape
from ttdn_desktop.core.text import clean_text
from ttdn_desktop.office.safezip import read_member

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# Strict OOXML namespace -> transitional namespace (ISO/IEC 29500-4 lists the pairs).
STRICT = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main":
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/officeDocument/relationships":
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    b"http://purl.oclc.org/ooxml/drawingml/main":
        b"http://schemas.openxmlformats.org/drawingml/2006/main",
    b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing":
        b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    b"http://purl.oclc.org/ooxml/drawingml/picture":
        b"http://schemas.openxmlformats.org/drawingml/2006/picture",
    b"http://purl.oclc.org/ooxml/officeDocument/math":
        b"http://schemas.openxmlformats.org/officeDocument/2006/math",
    b"http://purl.oclc.org/ooxml/officeDocument/sharedTypes":
        b"http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes",
}
_STRICT_MARK = b"http://purl.oclc.org/ooxml/"

# Containers whose children are shown as if they stood in their place.
_TRANSPARENT = {W + "ins", W + "moveTo", W + "hyperlink", W + "smartTag", W + "customXml",
                W + "fldSimple", W + "bdo", W + "dir", W + "sdtContent"}
_HIDDEN = {W + "del", W + "moveFrom", W + "sdtPr", W + "sdtEndPr", W + "pPr", W + "rPr",
           W + "proofErr", W + "bookmarkStart", W + "bookmarkEnd", W + "commentRangeStart",
           W + "commentRangeEnd", W + "permStart", W + "permEnd"}
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _digits(text) -> bool:
    """ASCII digits only: "²" or "٣" are digits to str.isdigit() but not to int()."""
    return bool(text) and re.fullmatch(r"[0-9]+", text) is not None


def _on(element, name: str) -> bool | None:
    """A toggle property (w:b, w:i, w:vanish) of a property element: True, False or unset."""
    if element is None:
        return None
    prop = element.find(W + name)
    if prop is None:
        return None
    return prop.get(W + "val", "true") not in ("0", "false", "off")


def _val(element, path: str) -> str | None:
    if element is None:
        return None
    found = element.find(path)
    return found.get(W + "val") if found is not None else None


@dataclass
class Para:
    text: str              # plain text, legacy fonts repaired, soft hyphens removed
    markup: str            # our mark-up: bold and italic runs kept
    style: str = ""        # the style's name ("Heading 1", "List Paragraph")
    bold: bool = False     # every visible run bold
    listed: bool = False   # a list item (bullet or number)
    number: str = ""       # the automatic number as shown ("II.", "1.", "a)"), "" if none
    num_format: str = ""   # upperRoman, decimal, lowerLetter, bullet …
    num_level: int = 0     # the list level (ilvl), 0 at the top
    outline: int | None = None  # outline level 1-9 from the style or paragraph, None if body
    in_table: bool = False

    @property
    def shown(self) -> str:
        """The text with its automatic number, as the reader sees it."""
        if self.number and self.num_format not in ("bullet", "none"):
            return f"{self.number} {self.text}".strip()
        return self.text


@dataclass
class Table:
    rows: list[list[str]]                 # grid-expanded: a merged cell repeats its text
    cells: list[list[list[Para]]] = field(default_factory=list)  # the paragraphs, same grid

    @property
    def columns(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class Body:
    blocks: list          # Para and Table, in reading order
    legacy_runs: int = 0
    strict: bool = False
    saved_at: datetime | None = None  # docProps/core.xml dcterms:modified, as written


def para_from_runs(runs, style: str, style_bold: bool, style_italic: bool,
                   style_font: str | None, in_table: bool) -> tuple[Para, int]:
    """A paragraph from its runs (text, bold, italic, font; None takes the style's), as every
    reader builds it (see `compose`). With the count of runs repaired from a legacy font."""
    text, markup, bold, legacy = compose(
        (raw, style_bold if bold is None else bold, style_italic if italic is None else italic,
         font or style_font) for raw, bold, italic, font in runs)
    return Para(text, markup, style, bold, in_table=in_table), legacy


def add_table(grid: list[list[list[Para]]], out: list) -> None:
    """A table's grid of cell paragraphs (a merged cell repeated over its span) into `out`."""
    if not grid:
        return
    # a one-column table is a frame around paragraphs (a heading boxed in a cell)
    if all(len(row) == 1 for row in grid):
        for row in grid:
            out.extend(row[0])
        return
    rows = [["\n".join(p.shown for p in cell).strip() for cell in row] for row in grid]
    out.append(Table(rows, grid))


def cell_paras(blocks: list) -> list[Para]:
    """A cell's paragraphs, a table inside the cell (a nested table) read in its place: row by
    row, each cell's paragraphs in turn (a merged cell once), as the .doc and RTF readers
    meet them in the text's own order."""
    out: list[Para] = []
    for block in blocks:
        if isinstance(block, Para):
            out.append(block)
            continue
        for row in block.cells:
            out.extend(p for n, cell in enumerate(row) if not n or cell is not row[n - 1]
                       for p in cell)
    return out


def finish_para(para: Para) -> Para | None:
    """None for a paragraph with neither text nor number; else with `listed` set."""
    if not para.text and not para.number:
        return None
    para.listed = bool(para.number) or "list" in para.style.lower() or \
        bool(re.match(r"^\s*[-–+•]\s", para.text))
    return para


# --- styles -------------------------------------------------------------------------------
@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    kind: str = "paragraph"
    bold: bool | None = None
    italic: bool | None = None
    font: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None


def _font_of(r_pr) -> str | None:
    if r_pr is None:
        return None
    fonts = r_pr.find(W + "rFonts")
    if fonts is None:
        return None
    return fonts.get(W + "ascii") or fonts.get(W + "hAnsi") or fonts.get(W + "cs")


class Styles:
    def __init__(self, root):
        self.by_id: dict[str, _Style] = {}
        self.default_para: str | None = None
        self.default_char: str | None = None
        self.doc_font: str | None = None
        self._resolved: dict[tuple[str, str], object] = {}
        if root is None:
            return
        defaults = root.find(W + "docDefaults")
        if defaults is not None:
            self.doc_font = _font_of(defaults.find(f"{W}rPrDefault/{W}rPr"))
        for element in root.iter(W + "style"):
            style_id = element.get(W + "styleId")
            if not style_id:
                continue
            p_pr, r_pr = element.find(W + "pPr"), element.find(W + "rPr")
            style = _Style(name=_val(element, W + "name") or style_id,
                           based_on=_val(element, W + "basedOn"),
                           kind=element.get(W + "type", "paragraph"),
                           bold=_on(r_pr, "b"), italic=_on(r_pr, "i"), font=_font_of(r_pr))
            if p_pr is not None:
                style.num_id = _val(p_pr, f"{W}numPr/{W}numId")
                ilvl = _val(p_pr, f"{W}numPr/{W}ilvl")
                style.ilvl = int(ilvl) if ilvl and _digits(ilvl) else None
                outline = _val(p_pr, W + "outlineLvl")
                style.outline = int(outline) + 1 if outline and _digits(outline) else None
            self.by_id[style_id] = style
            if element.get(W + "default") in ("1", "true", "on"):
                if style.kind == "paragraph":
                    self.default_para = style_id
                elif style.kind == "character":
                    self.default_char = style_id

    def get(self, style_id: str | None, attribute: str):
        """An attribute through the basedOn chain (None if no style in it sets it)."""
        key = (style_id or "", attribute)
        if key in self._resolved:
            return self._resolved[key]
        value, seen = None, set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id.get(style_id)
            if style is None:
                break
            value = getattr(style, attribute)
            if value is not None:
                break
            style_id = style.based_on
        self._resolved[key] = value
        return value

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or "")
        return style.name if style else ""

    def outline(self, style_id: str | None) -> int | None:
        level = self.get(style_id, "outline")
        if level is not None:
            return level if level <= 9 else None
        match = re.match(r"^heading\s*([0-9])$", self.name(style_id).lower())
        return int(match.group(1)) if match else None


# --- numbering ----------------------------------------------------------------------------
def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word's letter numbering: a … z, aa … zz, aaa …
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    style: str | None = None
    restart: int | None = None    # lvlRestart: restarts after this level (1-based), 0 never
    legal: bool = False


class Numbering:
    """Automatic numbers as Word computes them: a counter per list and level, deeper levels
    restarting when a higher level advances, a w:num with startOverride restarting a list."""

    def __init__(self, root):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        for element in root.iter(W + "abstractNum"):
            self.abstract[element.get(W + "abstractNumId")] = self._levels(element)
        for element in root.iter(W + "num"):
            abstract = _val(element, W + "abstractNumId")
            starts, levels = {}, {}
            for override in element.iter(W + "lvlOverride"):
                ilvl = override.get(W + "ilvl", "0")
                ilvl = int(ilvl) if _digits(ilvl) else 0  # a damaged level: the first
                start = _val(override, W + "startOverride")
                if start is not None and _digits(start.lstrip("-")):
                    starts[ilvl] = int(start)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = self._level(lvl)
            self.nums[element.get(W + "numId")] = (abstract, starts, levels)

    @staticmethod
    def _level(lvl) -> _Level:
        start = _val(lvl, W + "start")
        restart = _val(lvl, W + "lvlRestart")
        return _Level(start=int(start) if start and _digits(start.lstrip("-")) else 1,
                      fmt=_val(lvl, W + "numFmt") or "decimal",
                      text=_val(lvl, W + "lvlText") or "",
                      style=_val(lvl, W + "pStyle"),
                      restart=int(restart) if restart and _digits(restart) else None,
                      legal=bool(_on(lvl, "isLgl")))

    def _levels(self, element) -> dict[int, _Level]:
        levels = {}
        for lvl in element.iter(W + "lvl"):
            ilvl = lvl.get(W + "ilvl", "0")
            if _digits(ilvl):  # a damaged level number: the level is left out
                levels[int(ilvl)] = self._level(lvl)
        return levels

    def level_for_style(self, num_id: str, style_id: str | None) -> int | None:
        entry = self.nums.get(num_id)
        if entry is None or style_id is None:
            return None
        for ilvl, level in self.abstract.get(entry[0], {}).items():
            if level.style == style_id:
                return ilvl
        return None

    def next(self, num_id: str, ilvl: int) -> tuple[str, str] | None:
        """(the number as shown, its format) for the next paragraph of list num_id at ilvl."""
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        abstract_id, starts, overrides = entry
        levels = dict(self.abstract.get(abstract_id, {}))
        levels.update(overrides)
        level = levels.get(ilvl)
        if level is None:
            return None
        # a list restarted by its w:num counts on its own; otherwise instances share counters
        key = f"n{num_id}" if starts or overrides else f"a{abstract_id}"
        counters = self.counters.setdefault(key, {})
        if ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = starts.get(ilvl, level.start)
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper).restart if levels.get(deeper) else None
            if restart != 0 and (restart is None or restart - 1 >= ilvl):
                del counters[deeper]
        if level.fmt == "bullet":
            return level.text, "bullet"

        def number(match):
            n = int(match.group(1)) - 1
            lvl = levels.get(n)
            if lvl is None:
                return ""
            value = counters.get(n, starts.get(n, lvl.start))
            return format_number(value, "decimal" if level.legal else lvl.fmt)
        return re.sub(r"%([0-9])", number, level.text).strip(), level.fmt


def compose(pieces) -> tuple[str, str, bool, int]:
    """A paragraph from its runs (text, bold, italic, font), the style's values already in:
    (text, markup, every visible run bold, runs whose legacy font was converted): legacy fonts
    (TCVN3, VNI) repaired, soft hyphens dropped, bold and italic kept as mark-up. Every reader
    (.docx, .doc, .odt, .rtf, PDF) builds its paragraphs through it, so all read alike."""
    texts, marks, bold_runs, runs, legacy = [], [], 0, 0, 0
    for raw, bold, italic, font in pieces:
        text = clean_text(repair_run(raw, font))
        if text != clean_text(raw):
            legacy += 1
        if encoding_of_font(font)[0] is None:
            text = text.replace("\u00ad", "")  # a soft hyphen is only a line-break hint
        texts.append(text)
        visible = bool(text.strip())
        runs += visible
        bold_runs += visible and bold
        piece = escape(text)
        if visible and (bold or italic):
            core = piece.strip()
            core = f"*{core}*" if italic else core
            core = f"**{core}**" if bold else core
            piece = piece[: len(piece) - len(piece.lstrip())] + core + \
                piece[len(piece.rstrip()):]
        marks.append(piece)
    return _lines("".join(texts)), _lines("".join(marks)), runs > 0 and bold_runs == runs, \
        legacy


# --- reading ------------------------------------------------------------------------------
class _DocxXmlReader:
    def __init__(self, styles: Styles, numbering: Numbering):
        self.styles, self.numbering = styles, numbering
        self.fields: list[str] = []   # complex fields open: "instr" until separate, then "result"
        self.legacy_runs = 0

    # -- blocks --
    def blocks(self, parent, out: list, in_table: bool = False) -> list:
        for child in parent:
            tag = child.tag
            if tag == W + "p":
                boxes: list = []
                para = self.paragraph(child, boxes, in_table)
                if para is not None:
                    out.append(para)
                out.extend(boxes)
            elif tag == W + "tbl":
                self.table(child, out, in_table)
            elif tag in (W + "sdt", W + "customXml", W + "ins", W + "moveTo"):
                self.blocks(child.find(W + "sdtContent") if tag == W + "sdt" else child, out,
                            in_table)
            elif tag == MC + "AlternateContent":
                branch = _branch(child)
                if branch is not None:
                    self.blocks(branch, out, in_table)
        return out

    def table(self, tbl, out: list, in_table: bool) -> None:
        grid: list[list[list[Para]]] = []
        above: dict[int, list[Para]] = {}
        for tr in _rows(tbl):
            row: list[list[Para]] = []
            for tc in _cells(tr):
                tc_pr = tc.find(W + "tcPr")
                span = _val(tc_pr, W + "gridSpan")
                span = int(span) if span and _digits(span) else 1
                merge = tc_pr.find(W + "vMerge") if tc_pr is not None else None
                column = len(row)
                if merge is not None and merge.get(W + "val", "continue") == "continue":
                    paras = above.get(column, [])
                else:
                    paras = cell_paras(self.blocks(tc, [], True))
                for n in range(span):
                    row.append(paras)
                    above[column + n] = paras
            if row:
                grid.append(row)
        add_table(grid, out)

    # -- paragraphs --
    def paragraph(self, p, boxes: list, in_table: bool) -> Para | None:
        p_pr = p.find(W + "pPr")
        style_id = _val(p_pr, W + "pStyle") or self.styles.default_para
        style_bold = bool(self.styles.get(style_id, "bold"))
        style_italic = bool(self.styles.get(style_id, "italic"))
        style_font = self.styles.get(style_id, "font") or self.styles.doc_font
        pieces: list[tuple[str, bool, bool, str | None]] = []
        self.inline(p, pieces, boxes, in_table)
        para, repaired = para_from_runs(pieces, self.styles.name(style_id), style_bold,
                                        style_italic, style_font, in_table)
        self.legacy_runs += repaired
        para.outline = self._outline(p_pr, style_id)
        self._number(para, p_pr, style_id)
        return finish_para(para)

    def _outline(self, p_pr, style_id) -> int | None:
        own = _val(p_pr, W + "outlineLvl")
        if own is not None and _digits(own):
            return int(own) + 1 if int(own) < 9 else None
        return self.styles.outline(style_id)

    def _number(self, para: Para, p_pr, style_id) -> None:
        num_id = _val(p_pr, f"{W}numPr/{W}numId")
        ilvl = _val(p_pr, f"{W}numPr/{W}ilvl")
        if num_id is None:
            num_id = self.styles.get(style_id, "num_id")
            if num_id is None:
                return
            if ilvl is None:
                style_ilvl = self.styles.get(style_id, "ilvl")
                ilvl = style_ilvl if style_ilvl is not None else \
                    self.numbering.level_for_style(num_id, style_id)
        if num_id in (None, "0"):
            return
        level = int(ilvl) if ilvl is not None and _digits(str(ilvl)) else 0
        shown = self.numbering.next(num_id, level)
        if shown is None:
            return
        para.number, para.num_format = shown
        para.num_level = level

    def inline(self, parent, pieces: list, boxes: list, in_table: bool,
               bold=None, italic=None, font=None, run_style=None) -> None:
        for child in parent:
            tag = child.tag
            if tag == W + "r":
                self.run(child, pieces, boxes, in_table)
            elif tag in _TRANSPARENT:
                self.inline(child, pieces, boxes, in_table)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.inline(content, pieces, boxes, in_table)
            elif tag == MC + "AlternateContent":
                branch = _branch(child)
                if branch is not None:
                    self.inline(branch, pieces, boxes, in_table)
            elif tag in _HIDDEN:
                continue

    def _visible(self) -> bool:
        return all(state == "result" for state in self.fields)

    def run(self, r, pieces: list, boxes: list, in_table: bool) -> None:
        r_pr = r.find(W + "rPr")
        if _on(r_pr, "vanish") or _on(r_pr, "webHidden"):
            return
        run_style = _val(r_pr, W + "rStyle")
        bold = _on(r_pr, "b")
        if bold is None and run_style:
            bold = self.styles.get(run_style, "bold")
        italic = _on(r_pr, "i")
        if italic is None and run_style:
            italic = self.styles.get(run_style, "italic")
        font = _font_of(r_pr) or (self.styles.get(run_style, "font") if run_style else None)
        parts: list[str] = []

        def flush():
            if parts:
                pieces.append(("".join(parts), bold, italic, font))
                parts.clear()
        for child in r:
            tag = child.tag
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                flush()
                if kind == "begin":
                    self.fields.append("instr")
                elif kind == "separate" and self.fields:
                    self.fields[-1] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if not self._visible():
                continue
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag == W + "tab" or tag == W + "ptab":
                parts.append("\t")
            elif tag == W + "br":
                parts.append(" " if child.get(W + "type") in ("page", "column") else "\n")
            elif tag == W + "cr":
                parts.append("\n")
            elif tag == W + "softHyphen":
                parts.append("\u00ad")   # TCVN3's "ư" in a legacy font; dropped otherwise
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "sym":
                continue
            elif tag in (W + "drawing", W + "pict", MC + "AlternateContent", W + "object"):
                flush()
                self.text_boxes(child, boxes, in_table)
        flush()

    def text_boxes(self, element, boxes: list, in_table: bool) -> None:
        """Paragraphs of the text boxes in a drawing: one branch of each AlternateContent."""
        if element.tag == MC + "AlternateContent":
            branch = _branch(element)
            if branch is not None:
                self.text_boxes(branch, boxes, in_table)
            return
        if element.tag == W + "txbxContent":
            self.blocks(element, boxes, in_table)
            return
        for child in element:
            self.text_boxes(child, boxes, in_table)


def _branch(alternate):
    """The branch of mc:AlternateContent a consumer reads: the first Choice (Word's own
    markup for the text box or shape), else the Fallback (VML)."""
    choice = alternate.find(MC + "Choice")
    return choice if choice is not None else alternate.find(MC + "Fallback")


def _rows(tbl):
    for child in tbl:
        if child.tag == W + "tr":
            yield child
        elif child.tag in (W + "sdt", W + "customXml", W + "ins", W + "moveTo"):
            yield from _rows(child.find(W + "sdtContent") if child.tag == W + "sdt" else child)


def _cells(tr):
    for child in tr:
        if child.tag == W + "tc":
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            yield from _cells(child.find(W + "sdtContent") if child.tag == W + "sdt" else child)


def _lines(text: str) -> str:
    # a line break inside a paragraph (Shift+Enter) stays a line of its own
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          remove_comments=True, remove_pis=True)


def _parse(file_name: str, data: bytes, part: str):
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        line, column = error.position
        raise PackageError(file_name, f"tệp Word bị hỏng: phần «{part}» không phải XML hợp "
                                      f"lệ (dòng {line}, cột {column})") from None


def read_body(file_name: str, archive, limits) -> Body:
    """The body of an opened, checked .docx (see safezip.open_office)."""
    names = set(archive.namelist())
    parts = {}
    strict = False
    for part in ("word/document.xml", "word/styles.xml", "word/numbering.xml"):
        if part not in names:
            continue
        data = read_member(file_name, archive, part, limits)
        if _STRICT_MARK in data[:4000]:
            strict = True
            for old, new in STRICT.items():
                data = data.replace(old, new)
        parts[part] = _parse(file_name, data, part)
    document = parts["word/document.xml"]
    body = document.find(W + "body")
    if document.tag != W + "document" or body is None:
        raise PackageError(file_name, "tệp Word không có phần nội dung (w:body); có thể tệp "
                                      "được lưu bằng một định dạng khác .docx")
    reader = _DocxXmlReader(Styles(parts.get("word/styles.xml")),
                     Numbering(parts.get("word/numbering.xml")))
    blocks = reader.blocks(body, [])
    return Body(blocks, reader.legacy_runs, strict, _saved_at(file_name, archive, limits))


def _saved_at(file_name: str, archive, limits) -> datetime | None:
    if "docProps/core.xml" not in archive.namelist():
        return None
    try:
        root = etree.fromstring(read_member(file_name, archive, "docProps/core.xml", limits),
                                _PARSER)
    except (etree.XMLSyntaxError, PackageError):
        return None  # the time is a nicety: a damaged property part costs nothing else
    found = root.find("{http://purl.org/dc/terms/}modified")
    text = (found.text or "").strip() if found is not None else ""
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None
