"""The structures of a Word 97–2003 binary document ([MS-DOC]), read from its streams.

Only what the body needs: the FIB, the piece table (which characters, in which encoding, lie
where), the formatted-disk-pages of paragraph and character properties, the style sheet, the
font table, the list tables, and the text boxes (their story, and the shapes they are
anchored by). Every count and offset read from the file is checked against
the bytes it points into: a damaged or hostile file raises Corrupt with the reason, never loops
or allocates what it announces.
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from dataclasses import dataclass, field

MAX_CHARS = 3_000_000       # characters of main text: some 1 500 pages (a report has 20-50)
MAX_PARAGRAPHS = 200_000    # a report has hundreds; 200 000 are thousands of pages
MAX_PIECES = 200_000
MAX_STYLES = 4095           # istd is 12 bits
MAX_LISTS = 10_000
MAX_RUNS = 1_000_000        # property runs (a 30 MB file of nothing else holds 6 M)
NIL_STYLE = 0x0FFF

# sprm codes used ([MS-DOC] 2.6)
P_ISTD, P_IN_TABLE, P_TTP, P_ITAP = 0x4600, 0x2416, 0x2417, 0x6649
P_INNER_CELL, P_INNER_TTP = 0x244B, 0x244C
P_ILVL, P_ILFO, P_OUTLINE = 0x260A, 0x460B, 0x2640
P_CHG_TABS, T_DEF_TABLE, P_DROP_CAP = 0xC615, 0xD608, 0x442C
C_BOLD, C_ITALIC, C_VANISH, C_DELETED, C_ISTD, C_FONT, C_SPEC = 0x0835, 0x0836, 0x083C, \
    0x0800, 0x4A30, 0x4A4F, 0x0855
C_SYMBOL = 0x6A09

# FibRgFcLcb97 indexes
STSHF, BTE_CHPX, BTE_PAPX, FFN, CLX, PLF_LST, PLF_LFO = 1, 12, 13, 15, 33, 73, 74
SPA_MOM, TXBX_TXT = 40, 56  # the main text's shapes, and the text boxes' stories
# FibRgLw97 indexes: the length of each story, in the order they follow the main text
CCP_TEXT, CCP_FTN, CCP_HDD, CCP_MCR, CCP_ATN, CCP_EDN, CCP_TXBX = 3, 4, 5, 6, 7, 8, 9
MAX_BOXES = 5_000

NFC = {0: "decimal", 1: "upperRoman", 2: "lowerRoman", 3: "upperLetter", 4: "lowerLetter",
       22: "decimalZero", 23: "bullet", 255: "none"}


class Corrupt(Exception):
    """A structure of the file is damaged; the message says which (in Vietnamese)."""


class TooLarge(Exception):
    """A well-formed file beyond what a report can be; the message says why (in Vietnamese)."""


def u8(data: bytes, at: int) -> int:
    if not 0 <= at < len(data):
        raise Corrupt("dữ liệu kết thúc giữa chừng")
    return data[at]


def u16(data: bytes, at: int) -> int:
    if not 0 <= at <= len(data) - 2:
        raise Corrupt("dữ liệu kết thúc giữa chừng")
    return data[at] | data[at + 1] << 8


def u32(data: bytes, at: int) -> int:
    if not 0 <= at <= len(data) - 4:
        raise Corrupt("dữ liệu kết thúc giữa chừng")
    return struct.unpack_from("<I", data, at)[0]


def i32(data: bytes, at: int) -> int:
    if not 0 <= at <= len(data) - 4:
        raise Corrupt("dữ liệu kết thúc giữa chừng")
    return struct.unpack_from("<i", data, at)[0]


def part(data: bytes, fc: int, lcb: int, what: str) -> bytes:
    if lcb == 0:
        return b""
    if fc < 0 or lcb < 0 or fc + lcb > len(data):
        raise Corrupt(f"{what} nằm ngoài dữ liệu của tệp")
    return data[fc:fc + lcb]


# --- FIB ----------------------------------------------------------------------------------
@dataclass
class Fib:
    n_fib: int
    encrypted: bool
    table_stream: str
    ccp_text: int
    fc_lcb: list[tuple[int, int]]
    lw: list[int] = field(default_factory=list)  # FibRgLw97: the stories' lengths among them

    def get(self, index: int) -> tuple[int, int]:
        return self.fc_lcb[index] if index < len(self.fc_lcb) else (0, 0)

    def ccp(self, index: int) -> int:
        return self.lw[index] if index < len(self.lw) else 0


def read_fib(word: bytes) -> Fib:
    if len(word) < 32 or u16(word, 0) not in (0xA5EC, 0xA5DC, 0xA699):
        raise Corrupt("phần đầu của văn bản (FIB) không hợp lệ")
    n_fib, flags = u16(word, 2), u16(word, 10)
    table_stream = "1Table" if flags & 0x0200 else "0Table"
    if n_fib < 0xC0 or u16(word, 0) != 0xA5EC:  # Word 6.0/95: another layout, not read
        return Fib(min(n_fib, 0xBF), bool(flags & 0x0100), table_stream, 0, [])
    if len(word) < 154:
        raise Corrupt("phần đầu của văn bản (FIB) bị cắt")
    csw = u16(word, 32)
    at = 34 + 2 * csw
    cslw = u16(word, at)
    lw = at + 2
    at = lw + 4 * cslw
    count = u16(word, at)
    fc_lcb = [(u32(word, at + 2 + 8 * n), u32(word, at + 6 + 8 * n)) for n in range(count)
              if at + 10 + 8 * n <= len(word)]
    return Fib(n_fib=n_fib, encrypted=bool(flags & 0x0100),
               table_stream=table_stream,
               ccp_text=i32(word, lw + 12) if cslw > 3 else 0, fc_lcb=fc_lcb,
               lw=[i32(word, lw + 4 * n) for n in range(min(cslw, 22))])


# --- sprms --------------------------------------------------------------------------------
def sprms(grpprl: bytes):
    """(sprm, operand bytes) of a property list; a cut last one is dropped."""
    at, end = 0, len(grpprl)
    while at + 2 <= end:
        sprm = grpprl[at] | grpprl[at + 1] << 8
        at += 2
        spra = sprm >> 13
        if spra in (0, 1):
            size = 1
        elif spra in (2, 4, 5):
            size = 2
        elif spra == 3:
            size = 4
        elif spra == 7:
            size = 3
        elif sprm == T_DEF_TABLE:
            if at + 2 > end:
                return
            size = (grpprl[at] | grpprl[at + 1] << 8) - 1
            at += 2
        elif sprm == P_CHG_TABS and at < end and grpprl[at] == 255:
            size = _chg_tabs_size(grpprl, at)
        else:
            if at >= end:
                return
            size = grpprl[at]
            at += 1
        if size < 0 or at + size > end:
            return
        yield sprm, grpprl[at:at + size]
        at += size


def _chg_tabs_size(grpprl: bytes, at: int) -> int:
    # cb 255: the size is read from the tab counts that follow ([MS-DOC] sprmPChgTabs)
    deleted = grpprl[at + 1] if at + 1 < len(grpprl) else 0
    added_at = at + 2 + 4 * deleted
    added = grpprl[added_at] if added_at < len(grpprl) else 0
    return 2 + 4 * deleted + 1 + 3 * added


def operand(value: bytes) -> int:
    return int.from_bytes(value[:4], "little") if value else 0


# --- the piece table ----------------------------------------------------------------------
@dataclass
class Piece:
    cp: int          # first character
    end: int         # one past the last
    fc: int          # byte offset of the first character in the WordDocument stream
    compressed: bool  # 8-bit (cp1252) rather than UTF-16
    grpprl: bytes = b""  # properties a fast save laid over the piece (its Prc)

    def fc_of(self, cp: int) -> int:
        return self.fc + (cp - self.cp) * (1 if self.compressed else 2)


def read_pieces(clx: bytes) -> list[Piece]:
    at, prcs = 0, []
    while at < len(clx) and clx[at] == 0x01:  # Prc: property modifiers of fast saves
        size = u16(clx, at + 1)
        prcs.append(clx[at + 3:at + 3 + size])
        at += 3 + size
    if u8(clx, at) != 0x02:
        raise Corrupt("không tìm thấy bảng các đoạn văn bản (piece table)")
    lcb = u32(clx, at + 1)
    plc = part(clx, at + 5, lcb, "bảng các đoạn văn bản")
    count = (len(plc) - 4) // 12
    if count <= 0 or count > MAX_PIECES:
        raise Corrupt("bảng các đoạn văn bản có số mục không hợp lệ")
    pieces = []
    for n in range(count):
        cp, end = u32(plc, 4 * n), u32(plc, 4 * n + 4)
        raw = u32(plc, 4 * (count + 1) + 8 * n + 2)
        prm = u16(plc, 4 * (count + 1) + 8 * n + 6)
        # a complex prm names a Prc; a simple one (one sprm by a short index) is not read
        grpprl = prcs[prm >> 1] if prm & 1 and prm >> 1 < len(prcs) else b""
        compressed = bool(raw & 0x40000000)
        fc = (raw & 0x3FFFFFFF) // 2 if compressed else raw & 0x3FFFFFFF
        if end < cp:
            raise Corrupt("bảng các đoạn văn bản không theo thứ tự")
        if end > cp:
            pieces.append(Piece(cp, end, fc, compressed, grpprl))
    return pieces


def main_text(word: bytes, pieces: list[Piece], ccp_text: int) -> tuple[str, list[Piece]]:
    """The main document's characters [0, ccp_text) and the pieces that hold them."""
    if ccp_text < 0:
        raise Corrupt("độ dài văn bản ghi trong tệp không hợp lệ")
    if ccp_text > MAX_CHARS:
        raise TooLarge(f"văn bản quá dài: {ccp_text:,} ký tự (nhận tối đa {MAX_CHARS:,} ký tự, "
                       "khoảng 1.500 trang; một báo cáo thường vài chục trang)"
                       .replace(",", "."))
    return story(word, pieces, 0, ccp_text)


def story(word: bytes, pieces: list[Piece], start: int, end: int) -> tuple[str, list[Piece]]:
    """The characters [start, end) (a story: the main text, the text boxes') and the pieces
    that hold them, counted from `start`."""
    texts, kept, cp = [], [], start
    for piece in sorted(pieces, key=lambda p: p.cp):
        if piece.end <= start:
            continue
        if piece.cp >= end:
            break
        if piece.cp > cp:
            raise Corrupt("bảng các đoạn văn bản có chỗ hở hoặc chồng lên nhau")
        first, last = max(piece.cp, start), min(piece.end, end)
        if first != cp:
            raise Corrupt("bảng các đoạn văn bản có chỗ hở hoặc chồng lên nhau")
        width = 1 if piece.compressed else 2
        raw = part(word, piece.fc_of(first), (last - first) * width, "một đoạn văn bản")
        if len(raw) != (last - first) * width:
            raise Corrupt("một đoạn văn bản nằm ngoài dữ liệu của tệp")
        texts.append(raw.decode("cp1252", "replace") if piece.compressed
                     else raw.decode("utf-16-le", "replace"))
        kept.append(Piece(first - start, last - start, piece.fc_of(first), piece.compressed,
                          piece.grpprl))
        cp = last
    if cp != end:
        raise Corrupt("văn bản ngắn hơn độ dài ghi trong tệp")
    return "".join(texts), kept


def text_boxes(table: bytes, fib: Fib) -> list[tuple[int | None, int, int]]:
    """The text boxes of the main text: (the character the shape is anchored at, or None if
    no shape names it; first and end character in the text boxes' story), in story order.
    [MS-DOC] PlcftxbxTxt (a FTXBXS of 22 bytes per box, the last a dummy) names each box's
    shape (lid), PlcSpaMom (an Spa of 26 bytes) where that shape stands. A count or an order
    that does not hold raises Corrupt."""
    length = fib.ccp(CCP_TXBX)
    if length <= 0:
        return []
    plc = part(table, *fib.get(TXBX_TXT), "bảng các hộp chữ")
    count = (len(plc) - 4) // 26
    if count <= 0 or count > MAX_BOXES:
        return []
    # the last box is a dummy closing the story, its end past it at times (Word's own files)
    cps = [min(i32(plc, 4 * n), length) for n in range(count + 1)]
    if cps != sorted(cps) or cps[0] < 0:
        raise Corrupt("bảng các hộp chữ không theo thứ tự")
    anchors: dict[int, int] = {}
    spa = part(table, *fib.get(SPA_MOM), "bảng các hình vẽ")
    shapes = (len(spa) - 4) // 30 if len(spa) >= 34 else 0
    for n in range(min(shapes, MAX_BOXES)):
        anchors.setdefault(i32(spa, 4 * (shapes + 1) + 26 * n), i32(spa, 4 * n))
    boxes = []
    for n in range(count - 1):
        entry = 4 * (count + 1) + 22 * n
        if u16(plc, entry + 8):  # fReusable: an emptied box kept for reuse, no text of its own
            continue
        boxes.append((anchors.get(i32(plc, entry + 14)), cps[n], cps[n + 1]))
    return boxes


# --- formatted disk pages -----------------------------------------------------------------
class Runs:
    """Property runs by file offset: (start, end, grpprl[, istd]) sorted by start."""

    def __init__(self, runs: list):
        runs.sort(key=lambda r: r[0])
        self.runs = runs
        self.starts = [r[0] for r in runs]

    def at(self, fc: int):
        n = bisect_right(self.starts, fc) - 1
        if n >= 0 and fc < self.runs[n][1]:
            return self.runs[n]
        return None

    def between(self, start: int, end: int):
        """The runs overlapping [start, end), in order."""
        n = max(bisect_right(self.starts, start) - 1, 0)
        while n < len(self.runs) and self.runs[n][0] < end:
            if self.runs[n][1] > start:
                yield self.runs[n]
            n += 1


def _bte_pages(table: bytes, fc: int, lcb: int, what: str) -> list[int]:
    plc = part(table, fc, lcb, what)
    count = (len(plc) - 4) // 8
    if count < 0 or len(plc) % 8 != 4 and len(plc):
        raise Corrupt(f"{what} có độ dài không hợp lệ")
    return sorted({u32(plc, 4 * (count + 1) + 4 * n) & 0x3FFFFF for n in range(count)})


def read_papx(word: bytes, table: bytes, fib: Fib) -> Runs:
    runs = []
    for pn in _bte_pages(table, *fib.get(BTE_PAPX), "bảng thuộc tính đoạn"):
        page = part(word, pn * 512, 512, "một trang thuộc tính đoạn")
        crun = page[511]
        if 4 * (crun + 1) + 13 * crun > 511:
            raise Corrupt("trang thuộc tính đoạn có số mục không hợp lệ")
        for n in range(crun):
            start, end = u32(page, 4 * n), u32(page, 4 * n + 4)
            offset = 2 * page[4 * (crun + 1) + 13 * n]
            istd, grpprl = 0, b""
            if offset:
                cb = u8(page, offset)
                size, at = (2 * u8(page, offset + 1), offset + 2) if cb == 0 else \
                    (2 * cb - 1, offset + 1)
                data = page[at:at + size]
                if len(data) >= 2:
                    istd, grpprl = u16(data, 0), data[2:]
            runs.append((start, end, grpprl, istd))
        if len(runs) > MAX_RUNS:
            raise Corrupt("quá nhiều đoạn thuộc tính đoạn văn")
    return Runs(runs)


def read_chpx(word: bytes, table: bytes, fib: Fib) -> Runs:
    runs = []
    for pn in _bte_pages(table, *fib.get(BTE_CHPX), "bảng thuộc tính ký tự"):
        page = part(word, pn * 512, 512, "một trang thuộc tính ký tự")
        crun = page[511]
        if 4 * (crun + 1) + crun > 511:
            raise Corrupt("trang thuộc tính ký tự có số mục không hợp lệ")
        for n in range(crun):
            start, end = u32(page, 4 * n), u32(page, 4 * n + 4)
            offset = 2 * page[4 * (crun + 1) + n]
            grpprl = page[offset + 1:offset + 1 + page[offset]] if offset else b""
            runs.append((start, end, grpprl))
        if len(runs) > MAX_RUNS:
            raise Corrupt("quá nhiều đoạn thuộc tính ký tự")
    return Runs(runs)


# --- styles and fonts ---------------------------------------------------------------------
@dataclass
class Style:
    name: str = ""
    sti: int = 0
    kind: int = 1            # 1 paragraph, 2 character
    base: int = NIL_STYLE
    papx: bytes = b""
    chpx: bytes = b""


@dataclass
class StyleSheet:
    styles: dict[int, Style] = field(default_factory=dict)
    default_font: int = 0


def read_styles(table: bytes, fib: Fib) -> StyleSheet:
    data = part(table, *fib.get(STSHF), "bảng kiểu (style)")
    sheet = StyleSheet()
    if len(data) < 4:
        return sheet
    cb_stshi = u16(data, 0)
    count = min(u16(data, 2), MAX_STYLES)
    base_size = u16(data, 4)
    if cb_stshi >= 16:
        sheet.default_font = u16(data, 2 + 12)
    at = 2 + cb_stshi
    for istd in range(count):
        if at + 2 > len(data):
            break
        cb = u16(data, at)
        std = data[at + 2:at + 2 + cb]
        at += 2 + cb
        if cb == 0 or len(std) < max(base_size, 10):
            continue
        style = Style(sti=u16(std, 0) & 0x0FFF, kind=u16(std, 2) & 0x0F,
                      base=u16(std, 2) >> 4)
        cupx = u16(std, 4) & 0x0F
        pos = base_size
        cch = u16(std, pos) if pos + 2 <= len(std) else 0
        style.name = std[pos + 2:pos + 2 + 2 * cch].decode("utf-16-le", "replace")
        pos += 2 + 2 * cch + 2
        upxs = []
        for _ in range(cupx):
            if pos + 2 > len(std):
                break
            size = u16(std, pos)
            upxs.append(std[pos + 2:pos + 2 + size])
            pos += 2 + size + (size & 1)
        if style.kind == 1 and upxs:
            style.papx = upxs[0][2:]
            style.chpx = upxs[1] if len(upxs) > 1 else b""
        elif style.kind == 2 and upxs:
            style.chpx = upxs[0]
        sheet.styles[istd] = style
    return sheet


def read_fonts(table: bytes, fib: Fib) -> list[str]:
    data = part(table, *fib.get(FFN), "bảng phông chữ")
    if len(data) < 4:
        return []
    count, at, fonts = u16(data, 0), 4, []
    for _ in range(min(count, 4096)):
        if at >= len(data):
            break
        size = data[at] + 1
        ffn = data[at:at + size]
        name = ffn[40:].decode("utf-16-le", "replace") if len(ffn) > 40 else ""
        fonts.append(name.split("\0")[0])
        at += size
    return fonts


# --- lists --------------------------------------------------------------------------------
@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""          # with \x00..\x08 standing for the number of levels 1..9
    legal: bool = False
    no_restart: bool = False
    restart_limit: int = 0  # ilvlRestartLim: restart after levels above this one only


@dataclass
class ListDef:
    lsid: int
    levels: list[Level]


@dataclass
class ListUse:      # an LFO: the list a paragraph's ilfo points to, with its overrides
    lsid: int
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)


def _start(value: int) -> int:
    # Word starts a list at 0 to 32767; more would only make numbers of millions of letters
    return min(max(value, 0), 32767)


def _level(data: bytes, at: int) -> tuple[Level, int]:
    flags = u8(data, at + 5)
    cb_chpx, cb_papx = u8(data, at + 24), u8(data, at + 25)
    level = Level(start=_start(i32(data, at)), fmt=NFC.get(u8(data, at + 4), "decimal"),
                  legal=bool(flags & 0x04), no_restart=bool(flags & 0x08),
                  restart_limit=u8(data, at + 26))
    at += 28 + cb_papx + cb_chpx
    cch = u16(data, at)
    raw = data[at + 2:at + 2 + 2 * cch]
    if len(raw) != 2 * cch:
        raise Corrupt("một cấp của danh sách đánh số bị cắt")
    level.text = raw.decode("utf-16-le", "replace")
    return level, at + 2 + 2 * cch


def read_lists(table: bytes, fib: Fib) -> tuple[dict[int, ListDef], list[ListUse]]:
    fc, lcb = fib.get(PLF_LST)
    part(table, fc, lcb, "bảng danh sách đánh số")
    # the levels (LVL) follow the PlfLst, outside the length the FIB gives for it
    data = table[fc:] if lcb else b""
    lists: dict[int, ListDef] = {}
    if len(data) >= 2:
        count = u16(data, 0)
        if count > MAX_LISTS or 2 + 28 * count > len(data):
            raise Corrupt("bảng danh sách đánh số có số mục không hợp lệ")
        at = 2 + 28 * count
        for n in range(count):
            lsid = i32(data, 2 + 28 * n)
            simple = u8(data, 2 + 28 * n + 26) & 0x01
            levels = []
            for _ in range(1 if simple else 9):
                level, at = _level(data, at)
                levels.append(level)
            lists[lsid] = ListDef(lsid, levels)
    data = part(table, *fib.get(PLF_LFO), "bảng dùng danh sách")
    uses: list[ListUse] = []
    if len(data) >= 4:
        count = u32(data, 0)
        if count > MAX_LISTS or 4 + 16 * count > len(data):
            raise Corrupt("bảng dùng danh sách có số mục không hợp lệ")
        at = 4 + 16 * count
        for n in range(count):
            use = ListUse(i32(data, 4 + 16 * n))
            overrides = u8(data, 4 + 16 * n + 12)
            if at + 4 > len(data):
                uses.append(use)
                continue
            at += 4  # LFOData.cp
            for _ in range(min(overrides, 9)):
                start, flags = i32(data, at), u32(data, at + 4)
                at += 8
                ilvl = flags & 0x0F
                if flags & 0x10:
                    use.starts[ilvl] = _start(start)
                if flags & 0x20:
                    use.levels[ilvl], at = _level(data, at)
            uses.append(use)
    return lists, uses
