"""What a PDF page holds for reading: every drawn character with its place, size and style,
and the ruling lines that frame tables, through PDFium (pypdfium2).

PDFium's own text order and its generated spaces and line breaks are not used: an office suite
draws a line's Vietnamese letters in a fallback font after the rest of the line, and PDFium
then breaks the line in the middle of words. Characters are taken one by one with their
positions and put in order by place (pdf_layout); only the spaces really drawn count.
Rotated text (a diagonal «BẢN SAO» stamp) and characters drawn outside the page are no text.
"""

from __future__ import annotations

import ctypes
import re
import threading
from dataclasses import dataclass

from ttdn_desktop.core.errors import PackageError

# PDFium is not thread-safe: one document is read at a time in the whole process.
LOCK = threading.Lock()
MAX_PAGES = 500
PASSWORD = ("tệp PDF được đặt mật khẩu để mở; đề nghị đơn vị gửi bản không đặt mật khẩu (hoặc "
            "chính tệp Word)")
MAX_CHARS = 3_000_000
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_BOLD = re.compile(r"bold|black|heavy|semibold|demibold|extrabold|ultrabold", re.I)
_ITALIC = re.compile(r"italic|oblique|kursiv", re.I)
_FLAG_ITALIC, _FLAG_FORCE_BOLD = 1 << 6, 1 << 18
# ligatures a PDF may carry as one character (its ToUnicode map decides), and the bullets of
# Word's Symbol and Wingdings fonts, which land in the private use area
SUBSTITUTES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
               "\ufb05": "st", "\ufb06": "st", "\uf0b7": "•", "\uf0a7": "•", "\uf0d8": "•",
               "\uf076": "•", "\uf0fc": "•", "\uf0a8": "•", "\uf06c": "•", "\uf06e": "•",
               "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\t": " "}


@dataclass(slots=True)
class Char:
    text: str
    x: float        # the pen's origin: the order along the line
    left: float
    right: float
    y: float        # the baseline, PDF space (grows upwards)
    size: float
    bold: bool
    italic: bool
    run: int = 0    # the text object drawn in: cells side by side are never one object


@dataclass
class Page:
    width: float
    height: float
    chars: list[Char]
    rules: list[tuple[float, float, float, float]]   # (x0, y0, x1, y1) thin lines, drawn
    images: int


def pdfium():
    """pypdfium2, loaded when the first PDF is opened, here and nowhere else: PDFium takes
    ~80 ms to load, which importing packages, mails and Word files never needs (the importer
    imports pdf_body, and so this module, at its top for is_pdf and ask_agency)."""
    import pypdfium2.raw
    return pypdfium2


def open_pdf(file_name: str, data: bytes):
    """The PdfDocument; PackageError for a password, damage or too many pages."""
    raw = pdfium().raw
    try:
        document = pdfium().PdfDocument(data)
    except pdfium().PdfiumError as error:
        if error.err_code == raw.FPDF_ERR_PASSWORD:
            raise PackageError(file_name, PASSWORD) from None
        if error.err_code == raw.FPDF_ERR_SECURITY:
            raise PackageError(file_name, "tệp PDF được bảo vệ theo cách không mở được; đề nghị "
                                          "đơn vị gửi chính tệp Word") from None
        raise PackageError(file_name, "tệp PDF bị hỏng hoặc tải về chưa hết, không mở được; đề "
                                      "nghị đơn vị gửi lại") from None
    if len(document) > MAX_PAGES:
        document.close()
        raise PackageError(file_name, f"tệp PDF quá dài ({MAX_PAGES} trang trở lên); một báo "
                                      "cáo định kỳ không dài như vậy")
    return document


class _Api:
    """The PDFium calls made for every character, declared to take and give plain addresses:
    through pypdfium2's typed bindings each call converts its arguments, which cost more
    than the call itself on a report's hundred thousand characters."""

    def __init__(self, raw):
        def bind(name, restype, *argtypes):
            address = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value
            return ctypes.CFUNCTYPE(restype, *argtypes)(address)
        page, index = ctypes.c_void_p, ctypes.c_int
        self.generated = bind("FPDFText_IsGenerated", ctypes.c_int, page, index)
        self.unicode = bind("FPDFText_GetUnicode", ctypes.c_uint, page, index)
        self.box = bind("FPDFText_GetLooseCharBox", ctypes.c_int, page, index,
                        ctypes.POINTER(raw.FS_RECTF))
        self.origin = bind("FPDFText_GetCharOrigin", ctypes.c_int, page, index,
                           ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_double))
        self.text_object = bind("FPDFText_GetTextObject", ctypes.c_void_p, page, index)


_API: list = []
_UNKNOWN = object()


class _Objects:
    """What is alike for every character of a text object, asked once per object: bold,
    italic, size, its number; None for an artifact or rotated text."""

    def __init__(self, raw, textpage):
        self.raw, self.textpage = raw, textpage
        self.by_address: dict[int, tuple | None] = {}
        self.buffer = ctypes.create_string_buffer(256)

    def get(self, address: int, index: int):
        found = self.by_address.get(address, False)
        if found is False:
            found = self._read(address, index)
            self.by_address[address] = found
        return found

    def _read(self, address: int, index: int):
        raw, textpage = self.raw, self.textpage
        obj = ctypes.cast(ctypes.c_void_p(address), raw.FPDF_PAGEOBJECT) if address else None
        if obj and _artifact(raw, obj):
            return None
        scale = 1.0
        if obj:
            matrix = raw.FS_MATRIX()
            if raw.FPDFPageObj_GetMatrix(obj, matrix):
                if abs(matrix.b) > 0.02 * abs(matrix.a) or abs(matrix.a) < 1e-6:
                    return None  # rotated: a stamp or a margin note, not the report's lines
                # a printer driver (cairo: Linux viewers, browsers) sets the font at size 1
                # and scales it by the text's matrix: the size as printed is both
                scale = abs(matrix.d) or 1.0
        elif abs(raw.FPDFText_GetCharAngle(textpage, index)) > 0.02:
            return None
        flags = ctypes.c_int(0)
        length = raw.FPDFText_GetFontInfo(textpage, index, self.buffer, 256, flags)
        name = _SUBSET.sub("", self.buffer.value.decode("latin-1", "replace")) if length else ""
        weight = raw.FPDFText_GetFontWeight(textpage, index)
        bold = bool(_BOLD.search(name)) or weight >= 600 or bool(flags.value & _FLAG_FORCE_BOLD)
        italic = bool(_ITALIC.search(name)) or bool(flags.value & _FLAG_ITALIC)
        if obj:
            font = raw.FPDFTextObj_GetFont(obj)
            if font and raw.FPDFFont_GetWeight(font) >= 600:
                bold = True
            # a font with no bold face made bold by stroking its outline (Word does this)
            if raw.FPDFTextObj_GetTextRenderMode(obj) == raw.FPDF_TEXTRENDERMODE_FILL_STROKE:
                bold = True
        size = raw.FPDFText_GetFontSize(textpage, index) * scale
        return bold, italic, size, len(self.by_address) + 1


def _artifact(raw, obj) -> bool:
    """Text a tagged PDF marks as no part of the content (Word marks its running headers,
    footers and page numbers so)."""
    name = (ctypes.c_ushort * 32)()
    length = ctypes.c_ulong(0)
    for n in range(min(raw.FPDFPageObj_CountMarks(obj), 8)):
        mark = raw.FPDFPageObj_GetMark(obj, n)
        if mark and raw.FPDFPageObjMark_GetName(mark, name, ctypes.sizeof(name), length):
            if bytes(name)[:max(length.value - 2, 0)].decode("utf-16-le", "replace") == \
                    "Artifact":
                return True
    return False


def read_page(page, budget: list[int]) -> Page:
    """The characters and ruling lines of one page; budget[0] counts characters left."""
    raw = pdfium().raw
    if not _API:
        _API.append(_Api(raw))
    api = _API[0]
    width, height = page.get_size()
    textpage = page.get_textpage()
    handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value
    objects = _Objects(raw, textpage)
    known = objects.by_address
    chars: list[Char] = []
    box = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    box_ref, ox_ref, oy_ref = ctypes.byref(box), ctypes.byref(ox), ctypes.byref(oy)
    generated, unicode, char_box, origin, text_object = (
        api.generated, api.unicode, api.box, api.origin, api.text_object)
    try:
        count = raw.FPDFText_CountChars(textpage)
        budget[0] -= max(count, 0)
        if budget[0] < 0:
            raise PackageError("", "quá nhiều chữ")
        # the page's text in one call, one UTF-16 unit per character unless a character
        # lies beyond the BMP (then asked one by one)
        units = (ctypes.c_ushort * (count + 1))()
        got = raw.FPDFText_GetText(textpage, 0, count, units) if count > 0 else 0
        codes = list(units)[:count] if got == count + 1 and not any(
            0xD800 <= u <= 0xDFFF for u in units[:count]) else None
        for index in range(max(count, 0)):
            code = codes[index] if codes is not None else unicode(handle, index)
            if code in (32, 13, 10) and generated(handle, index):
                continue   # a space or line break PDFium put in, not drawn
            if code in (2, 0xFFFE):
                code = 0xAD   # PDFium's codes for a soft hyphen (U+00AD) it was given
            if code < 32 or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF) or \
                    code > 0x10FFFF:
                continue
            address = text_object(handle, index) or 0
            style = known.get(address, _UNKNOWN)
            if style is _UNKNOWN:
                style = objects.get(address, index)
            if style is None:
                continue
            bold, italic, size, run = style
            # the loose box spans the glyph's advance: letters of a word abut, so a gap
            # between them is a word space even where none is drawn
            char_box(handle, index, box_ref)
            origin(handle, index, ox_ref, oy_ref)
            x, y = ox.value, oy.value
            if not (-5 <= x <= width + 5 and -5 <= y <= height + 5):
                continue
            if size <= 0.5:
                size = max(abs(box.top - box.bottom), 1.0)
            text = chr(code)
            text = SUBSTITUTES.get(text, text)
            left, right = box.left, box.right
            if left > right:
                left, right = right, left
            chars.append(Char(text, x, left, right, y, size, bold, italic, run))
    finally:
        textpage.close()
    rules, images = _rules(page, raw)
    return Page(width, height, chars, rules, images)


def _rules(page, raw) -> tuple[list, int]:
    """Thin horizontal and vertical lines (table borders) and the number of images."""
    rules: list[tuple[float, float, float, float]] = []
    images = 0
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in page.get_objects(max_depth=4):
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
            continue
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            continue
        try:
            x0, y0, x1, y1 = obj.get_bounds()
        except Exception:  # a path with no extent (PdfiumError): nothing drawn
            continue
        w, h = x1 - x0, y1 - y0
        if w > 2.5 and h > 2.5:
            raw.FPDFPath_GetDrawMode(obj, fill, stroke)
            if stroke.value and raw.FPDFPath_CountSegments(obj) <= 6:
                # a stroked rectangle: a cell's four borders
                rules.extend([(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1),
                              (x1, y0, x1, y1)])
            continue
        if w >= 3 or h >= 3:
            if w >= h:
                y = (y0 + y1) / 2
                rules.append((x0, y, x1, y))
            else:
                x = (x0 + x1) / 2
                rules.append((x, y0, x, y1))
        if len(rules) > 20000:
            break
    return rules, images
