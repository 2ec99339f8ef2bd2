"""The body of a Word 97–2003 document (.doc) as Word shows it, into the same Body as a .docx.

The OLE compound file is opened by olefile; the Word structures in it are read by msdoc. The
main text is read, and the text boxes' story: each box after the paragraph its shape is
anchored in, as in a .docx (a box anchored in a table after the table, one no shape names
after the main text); footnotes, headers, footers and comments are not body text. Fields
show their result, never their instruction;
hidden and deleted (tracked) text is left out; pictures and drawn objects are skipped. Cell
and row marks give tables (their grid from the row's cell boundaries, merged cells repeating
their text as in a .docx); the list tables give automatic numbers as shown ("II.", "a)").
"""

from __future__ import annotations

import io
import re
import struct
from bisect import bisect_right
from datetime import datetime, timedelta

import olefile

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.exchange import msdoc
from ttdn_desktop.exchange.docx_body import (Body, Numbering, Para, _Level, add_table,
                                             compose)
from ttdn_desktop.exchange.msdoc import Corrupt, operand, sprms

CORRUPT = "tệp Word 97–2003 (.doc) bị hỏng: "
PASSWORD = ("tệp Word được đặt mật khẩu (mã hóa) nên không đọc được; hãy đề nghị đơn vị gỡ "
            "mật khẩu rồi gửi lại")
MAX_FIELD_DEPTH = 64
_SPECIAL = re.compile(r"([\x00-\x1f])")
_MARKS = re.compile(r"[\r\x07\x0c]")


def _toggle(value: bytes, base: bool) -> bool:
    code = value[0] if value else 0
    return base if code == 0x80 else (not base) if code == 0x81 else bool(code)


class _Props:
    """Paragraph and character properties of styles, resolved along their base chain."""

    def __init__(self, sheet: msdoc.StyleSheet, fonts: list[str]):
        self.sheet, self.fonts = sheet, fonts
        self._para: dict[int, dict] = {}
        self._char: dict[tuple[int, bytes], tuple] = {}

    def _chain(self, istd: int) -> list[msdoc.Style]:
        chain, seen = [], set()
        while istd in self.sheet.styles and istd not in seen and len(chain) < 16:
            seen.add(istd)
            chain.append(self.sheet.styles[istd])
            istd = self.sheet.styles[istd].base
        return chain[::-1]

    def font(self, index: int | None) -> str | None:
        return self.fonts[index] if index is not None and 0 <= index < len(self.fonts) else None

    def style(self, istd: int) -> dict:
        if istd in self._para:
            return self._para[istd]
        props = {"bold": False, "italic": False, "hidden": False, "font": None, "outline": None,
                 "ilfo": 0,
                 "ilvl": 0, "name": ""}
        for style in self._chain(istd):
            self._apply_char(props, style.chpx)
            for sprm, value in sprms(style.papx):
                if sprm == msdoc.P_OUTLINE and value:
                    props["outline"] = value[0] + 1 if value[0] < 9 else None
                elif sprm == msdoc.P_ILFO:
                    props["ilfo"] = operand(value)
                elif sprm == msdoc.P_ILVL and value:
                    props["ilvl"] = min(value[0], 8)
        own = self.sheet.styles.get(istd)
        if own is not None:
            props["name"] = own.name
            if props["outline"] is None:
                match = re.match(r"^heading\s*([0-9])$", own.name.strip().lower())
                props["outline"] = int(match.group(1)) if match else \
                    (own.sti if 1 <= own.sti <= 9 else None)
        if props["font"] is None:
            props["font"] = self.font(self.sheet.default_font)
        self._para[istd] = props
        return props

    def _apply_char(self, props: dict, grpprl: bytes) -> None:
        for sprm, value in sprms(grpprl):
            if sprm == msdoc.C_BOLD:
                props["bold"] = _toggle(value, props["bold"])
            elif sprm == msdoc.C_ITALIC:
                props["italic"] = _toggle(value, props["italic"])
            elif sprm == msdoc.C_VANISH:
                props["hidden"] = _toggle(value, props["hidden"])
            elif sprm == msdoc.C_FONT:
                props["font"] = self.font(operand(value)) or props["font"]

    def char(self, istd: int, grpprl: bytes) -> tuple:
        """(bold, italic, font, shown, special) of a run in a paragraph of style istd."""
        key = (istd, grpprl)
        if key in self._char:
            return self._char[key]
        style = self.style(istd)
        props = {"bold": style["bold"], "italic": style["italic"], "hidden": style["hidden"],
                 "font": style["font"]}
        deleted, special = False, False
        for sprm, value in sprms(grpprl):
            if sprm == msdoc.C_ISTD:
                for char_style in self._chain(operand(value)):
                    if char_style.kind == 2:
                        self._apply_char(props, char_style.chpx)
            elif sprm == msdoc.C_DELETED:
                deleted = bool(value and value[0] & 1)
            elif sprm == msdoc.C_SPEC:
                special = bool(value and value[0] & 1)
            elif sprm == msdoc.C_SYMBOL:
                special = True
        base_bold, base_italic, base_hidden = props["bold"], props["italic"], props["hidden"]
        for sprm, value in sprms(grpprl):
            if sprm == msdoc.C_BOLD:
                props["bold"] = _toggle(value, base_bold)
            elif sprm == msdoc.C_ITALIC:
                props["italic"] = _toggle(value, base_italic)
            elif sprm == msdoc.C_VANISH:
                props["hidden"] = _toggle(value, base_hidden)
            elif sprm == msdoc.C_FONT:
                props["font"] = self.font(operand(value)) or props["font"]
        shown = not deleted and not props["hidden"]
        result = (props["bold"], props["italic"], props["font"], shown, special)
        if len(self._char) < 100_000:
            self._char[key] = result
        return result


def _numbering(lists, uses) -> Numbering:
    """The list tables as docx_body's Numbering (a list per lsid, an instance per ilfo)."""
    numbering = Numbering(None)
    for lsid, definition in lists.items():
        numbering.abstract[str(lsid)] = {n: _docx_level(level)
                                         for n, level in enumerate(definition.levels)}
    for n, use in enumerate(uses, start=1):
        numbering.nums[str(n)] = (str(use.lsid), dict(use.starts),
                                  {k: _docx_level(v) for k, v in use.levels.items()})
    return numbering


def _docx_level(level: msdoc.Level) -> _Level:
    text = "".join(f"%{ord(c) + 1}" if ord(c) < 9 else c for c in level.text)
    restart = level.restart_limit if level.no_restart else None
    return _Level(start=level.start, fmt=level.fmt, text=text, restart=restart,
                  legal=level.legal)


def _grid(rows: list[tuple[list[list[Para]], bytes | None]]) -> list[list[list[Para]]]:
    """Rows of cells into the table's grid: a cell spans the columns between its edges, a
    merged cell repeats the text of the cell it is merged into."""
    layouts, edges = [], set()
    for cells, tdef in rows:
        layout = None
        if tdef and tdef[0] == len(cells):
            count = tdef[0]
            if len(tdef) >= 1 + 2 * (count + 1):
                centers = list(struct.unpack_from(f"<{count + 1}h", tdef, 1))
                at = 1 + 2 * (count + 1)
                flags = [int.from_bytes(tdef[at + 20 * n:at + 20 * n + 2], "little")
                         if at + 20 * n + 2 <= len(tdef) else 0 for n in range(count)]
                if centers == sorted(centers):
                    layout = (centers, flags)
                    edges.update(centers)
        layouts.append(layout)
    edges_sorted = sorted(edges)
    grid: list[list[list[Para]]] = []
    above: dict[int, list[Para]] = {}
    for (cells, _), layout in zip(rows, layouts):
        row: list[list[Para]] = []
        for n, paras in enumerate(cells):
            span, flag = 1, 0
            if layout is not None:
                centers, flags = layout
                flag = flags[n]
                span = max(1, bisect_right(edges_sorted, centers[n + 1]) -
                           bisect_right(edges_sorted, centers[n]))
            column = len(row)
            if flag & 0x20 and not flag & 0x40:      # fVertMerge, not its first cell
                paras = above.get(column, [])
            elif flag & 0x02 and row:                 # fMerged: into the cell before
                paras = row[-1]
            for k in range(span):
                row.append(paras)
                above[column + k] = paras
        if row:
            grid.append(row)
    return grid


class _DocTextReader:
    def __init__(self, text, pieces, papx, chpx, props, numbering, boxes=()):
        self.text, self.pieces, self.papx, self.chpx = text, pieces, papx, chpx
        self.starts = [p.cp for p in pieces]
        self.props, self.numbering = props, numbering
        self.fields: list[str] = []
        self.legacy_runs = 0
        # (anchor character, the box's blocks), by anchor: read after the anchor's paragraph
        self.boxes = sorted(boxes, key=lambda box: box[0])

    def boxes_until(self, cp: int) -> list:
        """The blocks of the text boxes anchored before `cp`, taken out of those waiting."""
        out = []
        while self.boxes and self.boxes[0][0] < cp:
            out.extend(self.boxes.pop(0)[1])
        return out

    def segments(self):
        """(first cp, end cp, character properties) in order, by piece and CHPX run."""
        for piece in self.pieces:
            width = 1 if piece.compressed else 2
            start_fc, end_fc = piece.fc, piece.fc_of(piece.end)
            cp = piece.cp
            for run in self.chpx.between(start_fc, end_fc):
                a = piece.cp + (max(run[0], start_fc) - piece.fc + width - 1) // width
                b = piece.cp + (min(run[1], end_fc) - piece.fc + width - 1) // width
                a = max(a, cp)
                if a > cp:
                    yield cp, a, piece.grpprl
                if b > a:
                    yield a, b, run[2] + piece.grpprl
                    cp = b
            if cp < piece.end:
                yield cp, piece.end, piece.grpprl

    def para_props(self, cp: int) -> dict:
        piece = self.pieces[bisect_right(self.starts, cp) - 1]
        run = self.papx.at(piece.fc_of(cp))
        istd, grpprl = (run[3], run[2] + piece.grpprl) if run else (0, piece.grpprl)
        props = {"istd": istd, "in_table": False, "ttp": False, "inner_ttp": False,
                 "ilfo": None, "ilvl": None, "outline": None, "tdef": None, "drop_cap": False}
        for sprm, value in sprms(grpprl):
            if sprm == msdoc.P_ISTD:
                props["istd"] = operand(value)
            elif sprm == msdoc.P_IN_TABLE:
                props["in_table"] = bool(value and value[0])
            elif sprm == msdoc.P_ITAP:
                props["in_table"] = props["in_table"] or operand(value) > 0
            elif sprm == msdoc.P_TTP:
                props["ttp"] = bool(value and value[0])
            elif sprm == msdoc.P_INNER_TTP:
                props["inner_ttp"] = bool(value and value[0])
            elif sprm == msdoc.P_ILFO:
                props["ilfo"] = operand(value)
            elif sprm == msdoc.P_ILVL and value:
                props["ilvl"] = min(value[0], 8)
            elif sprm == msdoc.P_OUTLINE and value:
                props["outline"] = value[0] + 1 if value[0] < 9 else 0
            elif sprm == msdoc.P_DROP_CAP:
                props["drop_cap"] = bool(operand(value) & 0x07)
            elif sprm == msdoc.T_DEF_TABLE:
                props["tdef"] = value
        return props

    def blocks(self) -> list:
        out: list = []
        rows: list = []
        cells: list[list[Para]] = []
        cell: list[Para] = []
        segments = self.segments()
        segment = next(segments, None)
        start, carried = 0, []
        ends = [m.start() for m in _MARKS.finditer(self.text)]
        if len(ends) > msdoc.MAX_PARAGRAPHS:
            raise msdoc.TooLarge(f"văn bản quá dài: {len(ends):,} đoạn".replace(",", ".") +
                                 f" (nhận tối đa {msdoc.MAX_PARAGRAPHS:,}".replace(",", ".") +
                                 " đoạn; một báo cáo thường chỉ vài trăm đoạn)")
        if not ends or ends[-1] != len(self.text) - 1:
            ends.append(len(self.text))  # text after the last mark: a paragraph of its own
        for end in ends:
            if end >= len(self.text) and start >= end:
                break
            props = self.para_props(min(end, len(self.text) - 1))
            style = self.props.style(props["istd"])
            pieces, carried = carried, []
            while segment is not None and segment[0] < end:
                a, b = max(segment[0], start), min(segment[1], end)
                if a < b:
                    self.inline(self.text[a:b], style_istd=props["istd"], grpprl=segment[2],
                                pieces=pieces)
                if segment[1] > end:
                    break
                segment = next(segments, None)
            if props["drop_cap"] and not props["in_table"]:
                # a drop cap is a paragraph of its own in a frame: its letter begins the next
                carried, start = pieces, end + 1
                continue
            para = self.paragraph(pieces, props, style)
            mark = self.text[end] if end < len(self.text) else "\r"
            start = end + 1
            if props["in_table"]:
                if para is not None:
                    para.in_table = True
                if mark == "\x07" and props["ttp"]:
                    rows.append((cells, props["tdef"]))
                    cells = []
                elif mark == "\x07":
                    cells.append(cell + ([para] if para else []))
                    cell = []
                elif para is not None and not props["inner_ttp"]:
                    cell.append(para)
                continue
            if rows or cells or cell:
                if cells or cell:
                    rows.append((cells + ([cell] if cell else []), None))
                add_table(_grid(rows), out)
                rows, cells, cell = [], [], []
            if para is not None:
                out.append(para)
            out.extend(self.boxes_until(end + 1))
        if rows or cells or cell:
            if cells or cell:
                rows.append((cells + ([cell] if cell else []), None))
            add_table(_grid(rows), out)
        out.extend(self.boxes_until(len(self.text) + 1))
        return out

    def inline(self, chunk: str, style_istd: int, grpprl: bytes, pieces: list) -> None:
        bold, italic, font, shown, special = self.props.char(style_istd, grpprl)
        if special:  # "(" in a special run is a symbol (sprmCSymbol): skipped as in a .docx
            chunk = chunk.replace("(", "")
        parts = []
        for token in _SPECIAL.split(chunk):
            if not token:
                continue
            if len(token) == 1 and token < " ":
                if token == "\x13":
                    if len(self.fields) >= MAX_FIELD_DEPTH:
                        raise Corrupt("các trường (field) lồng nhau quá sâu")
                    self.fields.append("instr")
                elif token == "\x14" and self.fields:
                    self.fields[-1] = "result"
                elif token == "\x15" and self.fields:
                    self.fields.pop()
                elif shown and all(f == "result" for f in self.fields):
                    parts.append({"\x0b": "\n", "\x09": "\t", "\x1e": "-",
                                  "\x1f": "\u00ad"}.get(token, ""))
                continue
            if shown and all(f == "result" for f in self.fields):
                parts.append(token)
        if parts:
            text = "".join(parts)
            if pieces and pieces[-1][1:] == (bold, italic, font):
                # runs split only by what is not read here (size, colour) are one run
                text = pieces.pop()[0] + text
            pieces.append((text, bold, italic, font))

    def paragraph(self, pieces: list, props: dict, style: dict) -> Para | None:
        text, markup, bold, legacy = compose(pieces)
        self.legacy_runs += legacy
        para = Para(text, markup, style["name"], bold)
        outline = props["outline"]
        para.outline = (outline or None) if outline is not None else style["outline"]
        ilfo = props["ilfo"] if props["ilfo"] is not None else style["ilfo"]
        ilvl = props["ilvl"] if props["ilvl"] is not None else style["ilvl"]
        if ilfo and 0 < ilfo < 2047:
            shown = self.numbering.next(str(ilfo), ilvl)
            if shown is not None:
                para.number, para.num_format = shown
                para.num_level = ilvl
        if not text and not para.number:
            return None
        para.listed = bool(para.number) or "list" in para.style.lower() or \
            bool(re.match(r"^\s*[-–+•]\s", text))
        return para


def _streams(file_name: str, data: bytes):
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # olefile raises many kinds on a damaged compound file
        raise PackageError(file_name, CORRUPT + "cấu trúc tệp OLE không đọc được") from None
    return ole


RESAVE = "; hãy đề nghị đơn vị mở bằng Word và lưu lại dưới dạng .docx hoặc .doc"


def not_word_reason(data: bytes) -> str | None:
    """What a file offered as a Word report is, when no reader takes it (.docx, .doc, .odt and
    RTF are read): office systems save web pages under a Word name."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf\r\n\t ")
    lower = head.lower()
    if lower.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in lower or \
            lower.startswith(b"mime-version:"):
        return "đây là trang web (HTML) mang đuôi tên của Word, chưa đọc được" + RESAVE
    if head[:2] in (b"\xdb\xa5", b"\x9b\xa5") or head[:2] == b"\x31\xbe":
        return "đây là tệp Word đời rất cũ (Word 2.0 hoặc Word cho DOS), không đọc được" + RESAVE
    if head.startswith(b"%PDF"):
        return "đây là tệp PDF, không phải văn bản Word; hãy đề nghị đơn vị gửi bản Word"
    if data:
        return "không phải văn bản Word (.doc hay .docx): nội dung tệp không theo định dạng nào " \
               "của Word"
    return None  # empty: said as for any file



def read_doc_body(file_name: str, data: bytes) -> Body:
    """The body of a .doc (OLE compound file); PackageError with the reason otherwise."""
    ole = _streams(file_name, data)
    try:
        if ole.exists("EncryptedPackage"):
            raise PackageError(file_name, PASSWORD)
        if not ole.exists("WordDocument"):
            what = "bảng tính Excel" if ole.exists("Workbook") or ole.exists("Book") else \
                "bản trình chiếu PowerPoint" if ole.exists("PowerPoint Document") else \
                "một tệp OLE khác"
            raise PackageError(file_name, f"không phải văn bản Word: đây là {what}")
        word = _stream(file_name, ole, "WordDocument")
        try:
            fib = msdoc.read_fib(word)
        except Corrupt as error:
            raise PackageError(file_name, CORRUPT + str(error)) from None
        if fib.encrypted:
            raise PackageError(file_name, PASSWORD)
        if fib.n_fib < 0xC0:
            raise PackageError(file_name, "tệp Word 6.0/95 (quá cũ) không đọc được; hãy đề "
                                          "nghị đơn vị mở bằng Word và lưu lại dưới dạng .docx")
        if not ole.exists(fib.table_stream):
            raise PackageError(file_name, CORRUPT + f"thiếu luồng dữ liệu «{fib.table_stream}»")
        table = _stream(file_name, ole, fib.table_stream)
        saved_at = _saved_at(ole)
    finally:
        ole.close()
    try:
        return _read(word, table, fib, saved_at)
    except Corrupt as error:
        raise PackageError(file_name, CORRUPT + str(error)) from None
    except msdoc.TooLarge as error:
        raise PackageError(file_name, str(error)) from None
    except (IndexError, ValueError, KeyError, struct.error, OverflowError, UnicodeError):
        raise PackageError(file_name, CORRUPT + "cấu trúc bên trong không đọc được") from None


def _stream(file_name: str, ole, name: str) -> bytes:
    try:
        return ole.openstream(name).read()
    except Exception:  # olefile: a broken sector chain raises OSError, ValueError and others
        raise PackageError(file_name, CORRUPT + f"luồng dữ liệu «{name}» không đọc được") \
            from None


def _read(word: bytes, table: bytes, fib: msdoc.Fib, saved_at) -> Body:
    clx = msdoc.part(table, *fib.get(msdoc.CLX), "bảng các đoạn văn bản")
    text, pieces = msdoc.main_text(word, msdoc.read_pieces(clx), fib.ccp_text)
    if not text:
        return Body([], saved_at=saved_at)
    props = _Props(msdoc.read_styles(table, fib), msdoc.read_fonts(table, fib))
    papx, chpx = msdoc.read_papx(word, table, fib), msdoc.read_chpx(word, table, fib)
    lists = msdoc.read_lists(table, fib)
    boxes, legacy = _text_boxes(word, table, fib, clx, papx, chpx, props, lists)
    reader = _DocTextReader(text, pieces, papx, chpx, props, _numbering(*lists), boxes)
    blocks = reader.blocks()
    return Body(blocks, reader.legacy_runs + legacy, saved_at=saved_at)


def _text_boxes(word, table, fib, clx, papx, chpx, props, lists):
    """([(anchor character, blocks)], legacy runs repaired) of the text boxes: their story
    follows the main text, footnotes, headers, comments and endnotes in the characters. A box
    no shape names is read after the main text."""
    found = msdoc.text_boxes(table, fib)
    if not found:
        return [], 0
    if fib.ccp(msdoc.CCP_TXBX) > msdoc.MAX_CHARS:
        raise msdoc.TooLarge("các hộp chữ quá dài")
    start = sum(fib.ccp(n) for n in (msdoc.CCP_TEXT, msdoc.CCP_FTN, msdoc.CCP_HDD,
                                      msdoc.CCP_MCR, msdoc.CCP_ATN, msdoc.CCP_EDN))
    text, pieces = msdoc.story(word, msdoc.read_pieces(clx), start,
                               start + fib.ccp(msdoc.CCP_TXBX))
    starts = [p.cp for p in pieces]
    numbering = _numbering(*lists)  # the boxes' own lists, numbered apart from the main text
    boxes, legacy = [], 0
    for anchor, first, end in found:
        if end <= first:
            continue
        kept = []  # the story's pieces over [first, end), counted from the box's first
        for piece in pieces[max(0, bisect_right(starts, first) - 1):]:
            if piece.cp >= end:
                break
            a, b = max(piece.cp, first), min(piece.end, end)
            if a < b:
                kept.append(msdoc.Piece(a - first, b - first, piece.fc_of(a), piece.compressed,
                                        piece.grpprl))
        reader = _DocTextReader(text[first:end], kept, papx, chpx, props, numbering)
        boxes.append((fib.ccp_text if anchor is None else anchor, reader.blocks()))
        legacy += reader.legacy_runs
    return boxes, legacy


def _saved_at(ole):
    """The "last saved" time of the summary information, read here rather than by olefile's
    get_metadata, which parses every property and spins on a damaged vector count."""
    name = "\x05SummaryInformation"
    try:
        if not ole.exists(name) or ole.get_size(name) > 1 << 20:
            return None
        data = ole.openstream(name).read()
    except Exception:  # the time is a nicety: a damaged property stream costs nothing else
        return None
    return saved_time(data)


def saved_time(data: bytes) -> datetime | None:
    """PIDSI_LASTSAVE_DTM of a SummaryInformation property set stream ([MS-OLEPS])."""
    try:
        if msdoc.u16(data, 0) != 0xFFFE or msdoc.u32(data, 24) < 1:
            return None
        base = msdoc.u32(data, 44)
        count = msdoc.u32(data, base + 4)
        for n in range(min(count, (len(data) - base) // 8)):
            if msdoc.u32(data, base + 8 + 8 * n) == 0x0D:   # PIDSI_LASTSAVE_DTM
                at = base + msdoc.u32(data, base + 12 + 8 * n)
                if msdoc.u16(data, at) != 0x40:             # VT_FILETIME
                    return None
                ticks = msdoc.u32(data, at + 4) | msdoc.u32(data, at + 8) << 32
                saved = datetime(1601, 1, 1) + timedelta(microseconds=ticks // 10)
                # a file never saved by Word has a zero time, read as 1 January 1601
                return saved if saved.year >= 1980 else None
    except (Corrupt, OverflowError):
        return None
    return None
