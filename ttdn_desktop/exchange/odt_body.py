"""The body of an OpenDocument text (.odt, and the flat .fodt) as LibreOffice shows it, into the
same blocks as a .docx (docx_body.Body), so one import places both.

Headings are text:h with their outline level, numbered from the outline style («I.», «1.»,
«a)» never typed); lists number from their list style, nested lists one level deeper; tables
keep their grid (a spanned cell repeats its text, as in a .docx). Tracked deletions live apart
(text:tracked-changes) and are never read, insertions are inline; footnotes, comments, headers,
footers and tables of contents are not body text; text frames are read once, after their
paragraph. Bold and italic come from the paragraph's and the span's styles through their
parents; a legacy font (.VnTime, VNI-Times) is repaired as in a .docx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.exchange.docx_body import (Body, add_table, cell_paras, finish_para,
                                             format_number, para_from_runs)
from ttdn_desktop.office.formats import zip_mimetype
from ttdn_desktop.office.safezip import (check_xml_parts, forbidden_xml, open_zip, read_member,
                                         xml_head)

ODT_MIME = b"application/vnd.oasis.opendocument.text"
_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
O, S, T, TB, FO, D, SVG = ("{%s}" % _NS[k] for k in
                           ("office", "style", "text", "table", "fo", "draw", "svg"))

# ODF number formats -> the names docx_body.format_number knows
_FORMATS = {"1": "decimal", "I": "upperRoman", "i": "lowerRoman", "A": "upperLetter",
            "a": "lowerLetter", "": "none"}
# Not body text: notes and comments, tracked deletions, tables of contents and indexes.
_SKIPPED = {T + "note", O + "annotation", O + "annotation-end", T + "tracked-changes",
            T + "table-of-content", T + "illustration-index", T + "table-index",
            T + "object-index", T + "user-index", T + "alphabetical-index", T + "bibliography",
            T + "sequence-decls", T + "variable-decls", T + "user-field-decls",
            T + "note-citation", T + "bookmark", T + "bookmark-start", T + "bookmark-end",
            T + "reference-mark", T + "change", T + "soft-page-break", O + "forms"}
_WHITE = re.compile(r"[\t\r\n]")
_MAX_DEPTH = 60  # lists and tables nest; a hostile file may nest without end

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_comments=True, remove_pis=True)


@dataclass
class _Style:
    name: str = ""
    parent: str | None = None
    bold: bool | None = None
    italic: bool | None = None
    font: str | None = None
    outline: int | None = None
    list_style: str | None = None


@dataclass(frozen=True)
class _Level:
    fmt: str = "none"
    prefix: str = ""
    suffix: str = ""
    start: int = 1
    display: int = 1   # text:display-levels: "1.2." shows two levels


def _bold(value: str | None) -> bool | None:
    if value is None:
        return None
    return value == "bold" or (value.isdigit() and int(value) >= 600)


class _Styles:
    def __init__(self, roots):
        self.by_name: dict[tuple[str, str], _Style] = {}
        self.lists: dict[str, dict[int, _Level]] = {}
        self.outline: dict[int, _Level] = {}
        self.fonts: dict[str, str] = {}
        for root in roots:
            for face in root.iter(S + "font-face"):
                name = face.get(S + "name")
                if name:
                    self.fonts[name] = (face.get(SVG + "font-family") or name).strip("'\"")
            for element in root.iter(S + "style", S + "default-style"):
                self._style(element)
            for element in root.iter(T + "list-style"):
                self.lists[element.get(S + "name", "")] = self._levels(element)
            for element in root.iter(T + "outline-style"):
                self.outline = self._levels(element)

    def _style(self, element) -> None:
        props = element.find(S + "text-properties")
        style = _Style(name=element.get(S + "display-name") or element.get(S + "name", ""),
                       parent=element.get(S + "parent-style-name"),
                       list_style=element.get(S + "list-style-name"))
        if props is not None:
            style.bold = _bold(props.get(FO + "font-weight"))
            italic = props.get(FO + "font-style")
            style.italic = None if italic is None else italic in ("italic", "oblique")
            font = props.get(S + "font-name")
            style.font = self.fonts.get(font, font) if font else None
        level = element.get(S + "default-outline-level")
        style.outline = int(level) if level and level.isdigit() and 0 < int(level) <= 9 else None
        family = element.get(S + "family", "paragraph")
        key = element.get(S + "name", "") if element.tag == S + "style" else ""
        self.by_name[(family, key)] = style

    @staticmethod
    def _levels(element) -> dict[int, _Level]:
        levels = {}
        for child in element:
            level = child.get(T + "level", "")
            if not level.isdigit():
                continue
            if child.tag in (T + "list-level-style-number", T + "outline-level-style"):
                fmt = _FORMATS.get(child.get(S + "num-format", ""), "decimal")
                start = child.get(T + "start-value", "1")
                display = child.get(T + "display-levels", "1")
                levels[int(level)] = _Level(fmt, child.get(S + "num-prefix", ""),
                                            child.get(S + "num-suffix", ""),
                                            int(start) if start.isdigit() else 1,
                                            int(display) if display.isdigit() else 1)
            elif child.tag == T + "list-level-style-bullet":
                levels[int(level)] = _Level("bullet", child.get(T + "bullet-char") or "•")
        return levels

    def get(self, family: str, name: str | None, attribute: str):
        seen = set()
        while name is not None and name not in seen:
            seen.add(name)
            style = self.by_name.get((family, name))
            if style is None:
                break
            value = getattr(style, attribute)
            if value is not None:
                return value
            name = style.parent
        default = self.by_name.get((family, ""))
        return getattr(default, attribute) if default else None

    def display_name(self, name: str | None) -> str:
        """The style's own name, or the named style an automatic one (P1, P2…) derives from."""
        seen = set()
        while name and name not in seen:
            seen.add(name)
            style = self.by_name.get(("paragraph", name))
            if style is None:
                return name.replace("_20_", " ")
            if not re.fullmatch(r"P\d+", name) or style.parent is None:
                return style.name
            name = style.parent
        return ""


class _Counters:
    """The numbers of one list (or the outline): a counter per level, deeper levels restarting
    when a higher one advances."""

    def __init__(self, levels: dict[int, _Level]):
        self.levels, self.counts = levels, {}

    def next(self, level: int) -> tuple[str, str] | None:
        spec = self.levels.get(level)
        if spec is None:
            return None
        self.counts[level] = self.counts.get(level, spec.start - 1) + 1
        for deeper in [k for k in self.counts if k > level]:
            del self.counts[deeper]
        if spec.fmt == "bullet":
            return spec.prefix, spec.fmt   # the bullet character, as a .docx gives it
        if spec.fmt == "none":
            return "", spec.fmt
        shown = [format_number(self.counts.get(k, self.levels.get(k, spec).start),
                               self.levels.get(k, spec).fmt)
                 for k in range(max(1, level - spec.display + 1), level + 1)]
        return f"{spec.prefix}{'.'.join(shown)}{spec.suffix}", spec.fmt


class _OdtXmlReader:
    def __init__(self, styles: _Styles):
        self.styles = styles
        self.legacy_runs = 0
        self.outline = _Counters(styles.outline)
        self.lists: dict[str, _Counters] = {}   # list style -> counters, continued or not

    def blocks(self, parent, out: list, in_table: bool = False, depth: int = 0) -> list:
        if depth > _MAX_DEPTH:
            raise ValueError("nested too deep")
        for child in parent:
            tag = child.tag
            if tag in (T + "p", T + "h"):
                self.paragraph(child, out, in_table, depth)
            elif tag == T + "list":
                self.list(child, out, in_table, depth, None, 1)
            elif tag == TB + "table":
                self.table(child, out, depth)
            elif tag in (T + "section", T + "index-body", O + "text", T + "change-start",
                         T + "change-end"):
                self.blocks(child, out, in_table, depth + 1)
        return out

    def list(self, element, out, in_table, depth, style_name, level) -> None:
        style_name = element.get(T + "style-name") or style_name
        if level == 1:
            counters = self.lists.get(style_name or "")
            if counters is None or element.get(T + "continue-numbering") != "true" and \
                    element.get(T + "continue-list") is None:
                counters = _Counters(self.styles.lists.get(style_name or "", {}))
                self.lists[style_name or ""] = counters
        else:
            counters = self.lists.get(style_name or "") or _Counters({})
        for item in element:
            if item.tag not in (T + "list-item", T + "list-header"):
                continue
            first = True
            for child in item:
                if child.tag in (T + "p", T + "h"):
                    number = None
                    if first and item.tag == T + "list-item":
                        number = counters.next(level)
                    self.paragraph(child, out, in_table, depth + 1, number, level - 1)
                    first = False
                elif child.tag == T + "list":
                    self.list(child, out, in_table, depth + 1, style_name, level + 1)
                else:
                    self.blocks([child], out, in_table, depth + 1)

    def table(self, element, out: list, depth: int) -> None:
        """A cell spanning columns is followed by covered cells in its row, one spanning rows by
        covered cells below it: each covered cell repeats the text of the cell over it."""
        grid, above = [], {}   # above: column -> the paragraphs of a cell spanning rows
        for row_element in _rows(element):
            row, last, across = [], [], 0
            for cell in row_element:
                if cell.tag not in (TB + "table-cell", TB + "covered-table-cell"):
                    continue
                for _ in range(_count(cell.get(TB + "number-columns-repeated"), 1, 1000)):
                    if cell.tag == TB + "covered-table-cell":
                        if across:
                            across -= 1
                            row.append(last)
                        else:
                            row.append(above.get(len(row), []))
                        continue
                    last = cell_paras(self.blocks(cell, [], True, depth + 1))
                    across = _count(cell.get(TB + "number-columns-spanned"), 1, 64) - 1
                    if _count(cell.get(TB + "number-rows-spanned"), 1, 10000) > 1:
                        for column in range(len(row), len(row) + across + 1):
                            above[column] = last
                    row.append(last)
            if row:
                grid.append(row)
        add_table(grid, out)

    def paragraph(self, p, out: list, in_table: bool, depth: int,
                  number: tuple[str, str] | None = None, list_level: int = 0) -> None:
        style = p.get(T + "style-name")
        runs, boxes = [], []
        self.inline(p, runs, boxes, style, depth)
        para, repaired = para_from_runs(
            runs, self.styles.display_name(style),
            bool(self.styles.get("paragraph", style, "bold")),
            bool(self.styles.get("paragraph", style, "italic")),
            self.styles.get("paragraph", style, "font"), in_table)
        self.legacy_runs += repaired
        if p.tag == T + "h":
            level = _count(p.get(T + "outline-level"), 1, 10)
            para.outline = level if level <= 9 else None
            if number is None and p.get(T + "is-list-header") != "true":
                number = self.outline.next(level)
        elif (outline := self.styles.get("paragraph", style, "outline")) is not None:
            para.outline = outline
        if number:
            para.number, para.num_format = number
            para.num_level = list_level
        para = finish_para(para)
        if para is not None:
            out.append(para)
        out.extend(boxes)

    def inline(self, parent, runs: list, boxes: list, style: str | None, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise ValueError("nested too deep")
        if parent.text:
            runs.append(self._run(parent.text, parent, style))
        for child in parent:
            tag = child.tag
            if tag in _SKIPPED:
                pass
            elif tag == T + "s":
                runs.append((" " * _count(child.get(T + "c"), 1, 1000), None, None, None))
            elif tag == T + "tab":
                runs.append(("\t", None, None, None))
            elif tag == T + "line-break":
                runs.append(("\n", None, None, None))
            elif tag == D + "frame" or tag == D + "a":
                self.frames(child, boxes, depth + 1)
            elif tag in (T + "span", T + "a", T + "meta", T + "ruby", T + "ruby-base") or \
                    tag.startswith(T):   # fields (dates, page numbers…) show their text
                self.inline(child, runs, boxes,
                            child.get(T + "style-name") if tag == T + "span" else style,
                            depth + 1)
            if child.tail:
                runs.append(self._run(child.tail, parent, style))

    def _run(self, text: str, element, style: str | None):
        # ODF collapses white space in the XML: a line break or tab is text:line-break, text:tab
        text = _WHITE.sub(" ", text)
        family = "text" if element.tag == T + "span" else "paragraph"
        if family == "paragraph":
            return (text, None, None, None)
        return (text, self.styles.get("text", style, "bold"),
                self.styles.get("text", style, "italic"), self.styles.get("text", style, "font"))

    def frames(self, element, boxes: list, depth: int) -> None:
        for box in element.iter(D + "text-box"):
            self.blocks(box, boxes, False, depth + 1)
            return  # one text box per frame; nested frames come with it


def _rows(table):
    for child in table:
        if child.tag == TB + "table-row":
            repeat = _count(child.get(TB + "number-rows-repeated"), 1, 1000)
            for _ in range(min(repeat, 50)):  # repeated empty rows pad a sheet, not a report
                yield child
        elif child.tag in (TB + "table-header-rows", TB + "table-rows", TB + "table-row-group"):
            yield from _rows(child)


def _count(value: str | None, default: int, cap: int) -> int:
    return min(int(value), cap) if value and value.isdigit() and int(value) > 0 else default


def is_odt(data: bytes) -> bool:
    """An OpenDocument text, zipped (told by its `mimetype` member, stored or deflated) or
    flat."""
    if data.startswith(b"PK"):
        return zip_mimetype(data).startswith(ODT_MIME)
    head = xml_head(data)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml") and \
        b"office:document" in head and ODT_MIME in head


def read_odt_body(file_name: str, data: bytes, limits) -> Body:
    """The body of a .odt or .fodt; PackageError with the reason when it cannot be read."""
    if data.startswith(b"PK"):
        archive = open_zip(file_name, data, limits, office=True)
        names = set(archive.namelist())
        manifest = read_member(file_name, archive, "META-INF/manifest.xml", limits) \
            if "META-INF/manifest.xml" in names else b""
        if b"encryption-data" in manifest:
            raise PackageError(file_name, "tệp OpenDocument (.odt) được đặt mật khẩu; đề nghị "
                                          "đơn vị gỡ mật khẩu rồi gửi lại")
        if "content.xml" not in names:
            raise PackageError(file_name, "tệp OpenDocument (.odt) không có phần nội dung "
                                          "(content.xml); tệp có thể bị hỏng")
        check_xml_parts(file_name, archive, limits)
        roots = [_parse(file_name, read_member(file_name, archive, part, limits), part)
                 for part in ("styles.xml", "content.xml") if part in names]
    else:
        if len(data) > limits.max_file_bytes:
            raise PackageError(file_name, "tệp quá lớn")
        reason = forbidden_xml(data)
        if reason:
            raise PackageError(file_name, f"tệp OpenDocument {reason}")
        roots = [_parse(file_name, data, "tệp .fodt")]
    text = roots[-1].find(f"{O}body/{O}text")
    if text is None:
        raise PackageError(file_name, "tệp OpenDocument không phải văn bản (không có phần "
                                      "office:text); có thể là bảng tính hay trình chiếu")
    reader = _OdtXmlReader(_Styles(roots))
    try:
        blocks = reader.blocks(text, [])
    except (ValueError, RecursionError):
        raise PackageError(file_name, "tệp OpenDocument (.odt) bị hỏng: các danh sách hay bảng "
                                      "lồng nhau quá sâu") from None
    return Body(blocks, reader.legacy_runs)


def _parse(file_name: str, data: bytes, part: str):
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        line, column = error.position
        raise PackageError(file_name, f"tệp OpenDocument (.odt) bị hỏng: phần «{part}» không "
                                      f"phải XML hợp lệ (dòng {line}, cột {column})") from None
