"""The body of a Rich Text Format file (.rtf) as Word shows it, into the same blocks as a .docx
(docx_body.Body), so one import places both.

Text comes as Word writes it: \\uN escapes (with their ANSI fallback skipped), \\'hh bytes in the
code page of their font (\\fcharset163 and \\ansicpg1258 are Vietnamese) and legacy fonts
(.VnTime, VNI-Times) repaired as in a .docx. Paragraph styles give headings (\\outlinelevel or
«heading N»); the number a list shows is the one Word wrote beside it (\\listtext, \\pntext);
tables keep their grid, merged cells repeating their text. Fields show their result, never the
instruction; headers, footers, footnotes, comments, pictures, deleted and hidden text are not
body text; text boxes are read after their paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.exchange.docx_body import Body, add_table, finish_para, para_from_runs

_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|"
                    rb"([\r\n]+)|([^\\{}\r\n]+)", re.S)
# \fcharset -> code page (the RTF spec's table); 0 and 1 take the document's \ansicpg
_CHARSETS = {77: "mac_roman", 128: "cp932", 129: "cp949", 134: "gbk", 136: "big5",
             161: "cp1253", 162: "cp1254", 163: "cp1258", 177: "cp1255", 178: "cp1256",
             186: "cp1257", 204: "cp1251", 222: "cp874", 238: "cp1250"}
# Groups whose text is never body text.
_SKIP = {b"fonttbl", b"colortbl", b"stylesheet", b"info", b"pict", b"object", b"footnote",
         b"header", b"headerl", b"headerr", b"headerf", b"footer", b"footerl", b"footerr",
         b"footerf", b"listtable", b"listoverridetable", b"revtbl", b"filetbl", b"xe", b"tc",
         b"fldinst", b"nonshppict", b"sp", b"pn", b"rsidtbl", b"generator", b"userprops",
         b"docvar", b"atnid", b"atnauthor", b"annotation", b"template", b"bkmkstart",
         b"bkmkend", b"themedata", b"colorschememapping", b"datastore", b"latentstyles",
         b"pgdsctbl", b"mmathPr", b"xmlnstbl", b"wgrffmtfilter", b"pnseclvl", b"listpicture",
         b"shppict", b"blipuid", b"objdata", b"result"}
# Groups kept although marked \* (ignorable by readers that do not know them)
_KEEP_STARRED = {b"shpinst", b"shptxt", b"fldrslt"}
_SYMBOLS = {b"emdash": "—", b"endash": "–", b"lquote": "‘", b"rquote": "’",
            b"ldblquote": "“", b"rdblquote": "”", b"bullet": "•", b"tab": "\t",
            b"line": "\n", b"emspace": " ", b"enspace": " ", b"qmspace": " "}
_MAX_DEPTH = 300
_MAX_CELLS = 200


@dataclass
class _State:
    """What a group carries: character properties and where its text goes."""
    bold: bool = False
    italic: bool = False
    font: int | None = None
    hidden: bool = False
    skip: bool = False
    uc: int = 1
    dest: str = "body"     # body | box (a text box) | listtext | fonttbl | stylesheet


@dataclass
class _Font:
    name: str = ""
    codec: str | None = None


@dataclass
class _StyleDef:
    name: str = ""
    outline: int | None = None
    bold: bool = False
    italic: bool = False


@dataclass
class _ParaProps:
    style: int = 0
    in_table: bool = False
    outline: int | None = None
    level: int = 0


@dataclass
class _Row:
    cells: list = field(default_factory=list)          # each a list of Para
    current: list = field(default_factory=list)        # paragraphs of the cell being read
    merges: list = field(default_factory=list)          # per cell: "", "h", "v"
    pending: str = ""                                   # the merge flag before the next \cellx
    bounds: list = field(default_factory=list)          # each cell's right edge (\cellxN)


class _RtfReader:
    def __init__(self, file_name: str):
        self.file_name = file_name
        self.ansi = "cp1252"
        self.default_font: int | None = None
        self.fonts: dict[int, _Font] = {}
        self.styles: dict[int, _StyleDef] = {}
        self.out: list = []
        self.rows: list = []             # the table being read: (cells, merges, edges)
        self.row = _Row()
        self.runs: list = []
        self.number = ""
        self.para = _ParaProps()
        self.legacy_runs = 0
        self.pending_skip = 0            # fallback characters still to skip after a \uN
        self.bytes: bytearray = bytearray()
        self.bytes_state: _State | None = None
        self.text_in_group = ""          # a font's or style's name as it is read
        self.boxes: list = []            # text boxes' paragraphs, after their paragraph
        self.saved: list = []            # the paragraph a text box interrupted

    # -- text --
    def codec(self, state: _State) -> str:
        font = self.fonts.get(state.font if state.font is not None else self.default_font)
        return (font.codec if font and font.codec else None) or self.ansi

    def font_name(self, state: _State) -> str | None:
        font = self.fonts.get(state.font if state.font is not None else self.default_font)
        return font.name if font else None

    def flush_bytes(self) -> None:
        if not self.bytes:
            return
        state, data = self.bytes_state, bytes(self.bytes)
        self.bytes.clear()
        codec = self.codec(state)
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            # a legacy font's bytes are read as Windows-1252, else Latin-1, as a .docx has them
            text = "".join(_byte_char(b) for b in data)
        self.text(text, state, flushed=True)

    def byte(self, value: int, state: _State) -> None:
        if self.pending_skip:
            self.pending_skip -= 1
            return
        if self.bytes and self.bytes_state is not state:
            self.flush_bytes()
        self.bytes_state = state
        self.bytes.append(value)

    def text(self, text: str, state: _State, flushed: bool = False) -> None:
        if not flushed:
            self.flush_bytes()
            if self.pending_skip:
                skipped = min(self.pending_skip, len(text))
                self.pending_skip -= skipped
                text = text[skipped:]
        if not text or state.skip or state.hidden:
            return
        if state.dest == "listtext":
            self.number += text
        elif state.dest not in ("body", "box"):
            self.text_in_group += text
        else:
            run = (state.bold, state.italic, self.font_name(state))
            if self.runs and self.runs[-1][1:] == run:   # one run, not one per \uN
                self.runs[-1] = (self.runs[-1][0] + text, *run)
            else:
                self.runs.append((text, *run))

    # -- paragraphs and tables --
    def end_paragraph(self, in_cell: bool = False) -> None:
        self.flush_bytes()
        style = self.styles.get(self.para.style, _StyleDef())
        para, repaired = para_from_runs(self.runs, style.name, style.bold, style.italic, None,
                                        self.para.in_table or in_cell)
        self.legacy_runs += repaired
        outline = self.para.outline if self.para.outline is not None else style.outline
        para.outline = outline + 1 if outline is not None and 0 <= outline < 9 else None
        if outline is None:
            match = re.match(r"^heading\s*([1-9])$", style.name.lower())
            para.outline = int(match.group(1)) if match else None
        number = " ".join(self.number.split())
        if number:
            para.number = number.rstrip("\t ")
            para.num_format = "bullet" if not re.search(r"[0-9A-Za-z]", number) else \
                _format_of(number)
            para.num_level = self.para.level
        self.runs, self.number = [], ""
        para = finish_para(para)
        if self.saved:   # inside a text box: read after the paragraph it stands in
            if para is not None:
                para.in_table = False
                self.boxes.append(para)
            return
        if self.para.in_table or in_cell:
            if para is not None:
                self.row.current.append(para)
            return
        self.end_table()
        if para is not None:
            self.out.append(para)
        self.out.extend(self.boxes)
        self.boxes.clear()

    def open_box(self) -> None:
        self.flush_bytes()
        self.saved.append((self.runs, self.number, self.para))
        self.runs, self.number, self.para = [], "", _ParaProps()

    def close_box(self) -> None:
        if self.runs or self.number:
            self.end_paragraph()
        self.runs, self.number, self.para = self.saved.pop()

    def end_cell(self) -> None:
        if self.runs or self.number:
            self.end_paragraph(in_cell=True)
        if len(self.row.cells) < _MAX_CELLS:
            self.row.cells.append(self.row.current)
        self.row.current = []

    def end_row(self) -> None:
        if self.row.current or self.runs:
            self.end_cell()
        if self.row.cells:
            self.rows.append((self.row.cells, self.row.merges, self.row.bounds))
        self.row = _Row(merges=self.row.merges, bounds=self.row.bounds)

    def end_table(self) -> None:
        """The rows read into grids: a cell as wide as two of another row's (a merged header
        «Kết quả» over «2021 | 2020») repeats over both, a merged cell repeats the one before
        it or above it, and rows of one cell between rows of more stand apart (a heading boxed
        in a one-cell table, written just before the table)."""
        if self.row.cells or self.row.current:
            self.end_row()
        grids: list[list] = []
        for row in self.rows:
            if not grids or (len(row[0]) == 1) != (len(grids[-1][-1][0]) == 1):
                grids.append([])
            grids[-1].append(row)
        for rows in grids:
            edges = sorted({edge for _, _, bounds in rows for edge in bounds})[:_MAX_CELLS]
            grid, above = [], {}
            for cells, merges, bounds in rows:
                row, left = [], None
                for column, paras in enumerate(cells):
                    merge = merges[column] if column < len(merges) else ""
                    right = bounds[column] if column < len(bounds) else None
                    span = sum(1 for e in edges if (left is None or e > left) and e <= right) \
                        if right is not None else 1
                    left = right
                    if merge == "h" and row:
                        paras = row[-1]
                    for _ in range(max(span, 1)):
                        if merge == "v":
                            paras = above.get(len(row), paras)
                        above[len(row)] = paras
                        row.append(paras)
                grid.append(row)
            add_table(grid, self.out)
        self.rows = []

    # -- control words --
    def control(self, word: bytes, arg: int | None, state: _State) -> None:
        if word in _SYMBOLS:
            self.text(_SYMBOLS[word], state)
        elif word == b"u" and arg is not None:
            self.text(chr(arg % 65536) if arg % 65536 not in range(0xD800, 0xE000) else "\ufffd",
                      state)
            self.pending_skip = state.uc
        elif word == b"uc":
            state.uc = max(0, min(arg or 0, 8))
        elif state.dest not in ("body", "box"):
            pass  # a list number's own group resets nothing of its paragraph (\pard, \s…)
        elif word == b"par":
            self.end_paragraph()
        elif word == b"pard":
            self.para = _ParaProps()
        elif word == b"s":
            self.para.style = arg or 0
        elif word == b"outlinelevel":
            self.para.outline = arg
        elif word == b"ilvl":
            self.para.level = max(0, min(arg or 0, 8))
        elif word in (b"intbl", b"itap") and (word == b"intbl" or (arg or 0) > 0):
            self.para.in_table = True
        elif word == b"cell":
            self.end_cell()
        elif word == b"nestcell":
            self.end_paragraph(in_cell=True)
        elif word == b"row":
            self.end_row()
        elif word == b"trowd":
            self.row.merges, self.row.bounds, self.row.pending = [], [], ""
        elif word in (b"clmrg", b"clvmrg"):
            self.row.pending = "h" if word == b"clmrg" else "v"
        elif word == b"cellx":
            self.row.bounds.append(arg or 0)
            self.row.merges.append(self.row.pending)
            self.row.pending = ""
        elif word == b"b":
            state.bold = arg != 0
        elif word == b"i":
            state.italic = arg != 0
        elif word in (b"v", b"deleted"):
            state.hidden = arg != 0
        elif word == b"plain":
            state.bold = state.italic = state.hidden = False
            state.font = None
        elif word == b"f":
            state.font = arg
        elif word == b"ansicpg" and arg:
            self.ansi = f"cp{arg}"
        elif word == b"deff":
            self.default_font = arg
        elif word in (b"sect", b"page"):
            pass


def _byte_char(value: int) -> str:
    try:
        return bytes([value]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(value)


def _format_of(number: str) -> str:
    core = number.strip().rstrip(".)-:").lstrip("(")
    if re.fullmatch(r"[IVXLC]+", core):
        return "upperRoman"
    if re.fullmatch(r"[ivxlc]+", core):
        return "lowerRoman"
    if re.fullmatch(r"[a-z]", core):
        return "lowerLetter"
    if re.fullmatch(r"[A-Z]", core):
        return "upperLetter"
    return "decimal"


def is_rtf(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf"


def read_rtf_body(file_name: str, data: bytes, limits) -> Body:
    """The body of an .rtf; PackageError with the reason when it cannot be read."""
    if len(data) > limits.max_file_bytes:
        raise PackageError(file_name, "tệp RTF quá lớn")
    if not is_rtf(data):
        raise PackageError(file_name, "đây không phải tệp RTF")
    reader = _RtfReader(file_name)
    stack: list[_State] = []
    state = _State()
    group_start = False     # the first token of a group says what the group is
    starred = False
    table_group: tuple[str, int] | None = None   # (fonttbl|stylesheet, depth) being read
    entry: dict = {}
    for match in _TOKEN.finditer(data):
        word, arg, hexa, symbol, brace, newline, plain = match.groups()
        if brace == b"{":
            if len(stack) >= _MAX_DEPTH:
                raise PackageError(file_name, "tệp RTF bị hỏng: các nhóm lồng nhau quá sâu")
            reader.flush_bytes()
            stack.append(state)
            state = replace(state)
            group_start, starred = True, False
            if table_group and len(stack) == table_group[1] + 1:
                entry, reader.text_in_group = {}, ""
            continue
        if brace == b"}":
            reader.flush_bytes()
            if table_group and len(stack) == table_group[1] + 1:
                _close_entry(reader, table_group[0], entry)
            if table_group and len(stack) == table_group[1]:
                if table_group[0] == "fonttbl" and entry:
                    _close_entry(reader, "fonttbl", entry)
                table_group = None
            if not stack:
                break  # the document's closing brace; anything after it is not RTF
            closing = state.dest
            state = stack.pop()
            if closing == "listtext" and state.dest != "listtext":
                reader.pending_skip = 0
            elif closing == "box" and state.dest != "box":
                reader.close_box()
            group_start = False
            continue
        if newline:
            continue
        if symbol is not None:
            if symbol == b"*" and group_start:
                starred = True
                continue
            group_start = False
            if symbol in (b"\\", b"{", b"}"):
                reader.text(symbol.decode(), state)
            elif symbol == b"~":
                reader.text("\u00a0", state)
            elif symbol == b"_":
                reader.text("-", state)
            elif symbol == b"-":
                reader.text("\u00ad", state)
            elif symbol == b"\n" or symbol == b"\r":
                reader.control(b"par", None, state)
            elif symbol == b"'":
                pass
            continue
        if hexa is not None:
            group_start = False
            if state.skip:
                continue
            reader.byte(int(hexa, 16), state)
            continue
        if word is not None:
            number = int(arg) if arg is not None else None
            if group_start:
                group_start = False
                if word in (b"fonttbl", b"stylesheet"):
                    state.dest, state.skip = word.decode(), False
                    table_group = (word.decode(), len(stack))
                    entry, reader.text_in_group = {}, ""
                    continue
                if word in (b"listtext", b"pntext"):
                    state.dest = "listtext"
                    continue
                if word == b"shptxt" and not state.skip and len(reader.saved) < 8:
                    state.dest = "box"
                    reader.open_box()
                    continue
                if word in _SKIP or (starred and word not in _KEEP_STARRED):
                    state.skip = True
                    continue
            if state.skip:
                continue
            if state.dest in ("fonttbl", "stylesheet"):
                _table_word(state.dest, word, number, entry)
                continue
            reader.control(word, number, state)
            continue
        if plain:
            group_start = False
            if state.skip:
                continue
            if plain.isascii():
                reader.text(plain.decode("ascii"), state)
            else:  # 8-bit text written raw, not as \'hh: read in the font's code page alike
                for value in plain:
                    reader.byte(value, state)
    if reader.runs or reader.number:
        reader.end_paragraph()
    reader.end_table()
    return Body(reader.out, reader.legacy_runs)


def _table_word(dest: str, word: bytes, number: int | None, entry: dict) -> None:
    if dest == "fonttbl":
        if word == b"f":
            entry["id"] = number
        elif word == b"fcharset":
            entry["charset"] = number
    elif word == b"s":
        entry["id"] = number
    elif word in (b"cs", b"ds", b"ts", b"tsrowd"):
        entry["kind"] = "other"
    elif word == b"outlinelevel":
        entry["outline"] = number
    elif word == b"b":
        entry["bold"] = number != 0
    elif word == b"i":
        entry["italic"] = number != 0


def _close_entry(reader: _RtfReader, dest: str, entry: dict) -> None:
    name = reader.text_in_group.split(";")[0].strip()
    reader.text_in_group = ""
    if dest == "fonttbl" and entry.get("id") is not None:
        charset = entry.get("charset")
        codec = _CHARSETS.get(charset) if charset not in (None, 0, 1) else None
        reader.fonts[entry["id"]] = _Font(name, codec)
    elif dest == "stylesheet" and entry.get("kind") != "other" and name:
        reader.styles[entry.get("id", 0)] = _StyleDef(name, entry.get("outline"),
                                                      entry.get("bold", False),
                                                      entry.get("italic", False))
    entry.clear()
