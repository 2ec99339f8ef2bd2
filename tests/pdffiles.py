"""PDFs drawn by the tests themselves with PDFium (pypdfium2): text in DejaVu Serif embedded
with its Unicode map, exactly as given (decomposed marks, ligatures, soft hyphens stay what
they are), where the test puts it."""

from __future__ import annotations

import ctypes
import io
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def drawn_pages(pages: list[list[tuple]], font_path: Path = DEJAVU) -> bytes:
    """A PDF of A4 pages, each (text, y) drawn at x = 72 and the height given (points from the
    foot of the page) in 12 pt, each (text, y, x) or (text, y, x, size) where and as told; a
    ("—", y, x0, x1) is a line drawn from x0 to x1."""
    font_data = font_path.read_bytes()
    buffer = (ctypes.c_uint8 * len(font_data)).from_buffer_copy(font_data)
    document = pdfium.PdfDocument.new()
    font = raw.FPDFText_LoadFont(document, buffer, len(font_data), raw.FPDF_FONT_TRUETYPE, 1)
    for lines in pages:
        page = document.new_page(595, 842)
        for text, y, *x in lines:
            if text == "—":
                path = raw.FPDFPageObj_CreateNewPath(x[0], y)
                raw.FPDFPath_LineTo(path, x[1], y)
                raw.FPDFPath_SetDrawMode(path, 0, 1)
                raw.FPDFPageObj_SetStrokeWidth(path, 0.5)
                raw.FPDFPage_InsertObject(page, path)
                continue
            obj = raw.FPDFPageObj_CreateTextObj(document, font, x[1] if len(x) > 1 else 12.0)
            encoded = (text + "\0").encode("utf-16-le")
            raw.FPDFText_SetText(obj, (ctypes.c_ushort * (len(encoded) // 2)).from_buffer_copy(
                encoded))
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x[0] if x else 72, y)
            raw.FPDFPage_InsertObject(page, obj)
        page.gen_content()
    out = io.BytesIO()
    document.save(out)
    raw.FPDFFont_Close(font)
    return out.getvalue()


def drawn(lines: list[str]) -> bytes:
    """One page, a line every 20 points from the top."""
    return drawn_pages([[(text, 700 - 20 * n) for n, text in enumerate(lines)]])


SMALL_REPORT = ["SỞ NGOẠI VỤ", "BÁO CÁO",
                "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2021",
                "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "Ban hành Kế hoạch số 111/KH-SNGV.",
                "II. KẾT QUẢ THỰC HIỆN", "Phối hợp đăng 245 tin, bài trên báo chí."]
