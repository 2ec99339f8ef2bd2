"""The Word template the report is built on: styles, margins, page size.

resources/mau-bao-cao.docx is made by `python scripts/make_template.py` from the code below; a
committee may replace it (setting `template`) with its own, edited in Word, as long as it keeps
the style names in REQUIRED_STYLES. The exporter sets each style's size for the layout.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from ttdn_desktop.core.errors import PackageError, TTDNError
from ttdn_desktop.office.safezip import WORD, Limits, open_office
from ttdn_desktop.util.paths import resources_dir
from ttdn_desktop.util.storage_errors import os_reason

FONT = "Times New Roman"
TEMPLATE_NAME = "mau-bao-cao.docx"
BODY = "TTDN Body"
BULLET = "TTDN Bullet"
TITLE = "TTDN Title"
SUBJECT = "TTDN Subject"
LETTERHEAD = "TTDN Letterhead"
TABLE_TEXT = "TTDN Table"
HEADINGS = ("Heading 1", "Heading 2", "Heading 3")
REQUIRED_STYLES = ("Normal", *HEADINGS, BODY, BULLET, TITLE, SUBJECT, LETTERHEAD, TABLE_TEXT,
                   "Header", "Table Grid")
TEMPLATE_LIMITS = Limits(max_file_bytes=10 << 20, max_members=400)
_THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_font_attributes(fonts) -> None:
    """Times New Roman in all four font slots (ascii, hAnsi, cs, eastAsia), no theme font: a
    theme attribute would win over the named font in Word."""
    for attribute in _THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)


def set_font(element_with_rpr, size: float | None = None) -> None:
    rpr = element_with_rpr.get_or_add_rPr()
    set_font_attributes(rpr.get_or_add_rFonts())
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            element = rpr.find(qn(tag))
            if element is None:
                element = rpr.makeelement(qn(tag), {})
                rpr.append(element)
            element.set(qn("w:val"), str(int(round(size * 2))))


def _paragraph_style(document, name, base="Normal", size=14, bold=False, italic=False,
                     align=None, first_line_cm=None, after_pt=0, keep_next=False):
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else \
        styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != base:
        style.base_style = styles[base]
    set_font(style.element, size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = RGBColor(0, 0, 0)
    pf = style.paragraph_format
    pf.alignment = align
    pf.first_line_indent = Cm(first_line_cm) if first_line_cm else None
    pf.left_indent = Cm(0)
    pf.space_before = Pt(0)
    pf.space_after = Pt(after_pt)
    pf.keep_with_next = keep_next
    return style


def build_default_template() -> Document:
    document = Document()
    # docDefaults: the fonts every run falls back to.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        set_font_attributes(fonts)
    lang = rpr_default.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "vi-VN")

    normal = _paragraph_style(document, "Normal", size=14)
    normal.paragraph_format.line_spacing = 1.0
    body = _paragraph_style(document, BODY, size=14, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                            first_line_cm=1.27, after_pt=6)
    body.paragraph_format.line_spacing = 1.15
    body.paragraph_format.widow_control = True
    _paragraph_style(document, BULLET, base=BODY, size=14, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                     first_line_cm=1.27, after_pt=6)
    for level, name in enumerate(HEADINGS, start=1):
        heading = _paragraph_style(document, name, base=BODY, size=14, bold=True,
                                   italic=level == 3, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                                   first_line_cm=1.27, after_pt=6, keep_next=True)
        heading.paragraph_format.space_before = Pt(6 if level == 1 else 0)
        heading.paragraph_format.line_spacing = 1.15
    _paragraph_style(document, TITLE, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph_style(document, SUBJECT, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph_style(document, LETTERHEAD, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph_style(document, TABLE_TEXT, size=12)
    _paragraph_style(document, "Header", size=14, align=WD_ALIGN_PARAGRAPH.CENTER)

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    properties = document.core_properties
    properties.title = "Mẫu báo cáo TTĐN"
    properties.author = "TTĐN Desktop"
    properties.comments = ("Mẫu trình bày báo cáo. Có thể sửa kiểu chữ, lề trong Word, nhưng giữ "
                           "nguyên tên các kiểu (style) TTDN và Heading 1–3.")
    return document


def default_template_path() -> Path:
    return resources_dir() / TEMPLATE_NAME


def load_template(path: str | Path | None = None) -> Document:
    """Open a template after checking it; raises TTDNError naming the file and the reason."""
    path = Path(path) if path else default_template_path()
    if not path.exists():
        if path == default_template_path():
            return build_default_template()  # the shipped file is missing: same styles from code
        raise TTDNError(f"Không tìm thấy tệp mẫu Word «{path}» (thiết lập «template»).")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TTDNError(f"Không đọc được tệp mẫu Word «{path}»: {os_reason(error)}.") from None
    reason = template_problem(data)
    if reason:
        raise TTDNError(f"Tệp mẫu Word «{path}» không dùng được: {reason}. Báo cáo chưa được "
                        "xuất; hãy chọn lại mẫu (thiết lập «template») hoặc để trống để dùng "
                        "mẫu kèm chương trình.")
    return Document(io.BytesIO(data))


def template_problem(data: bytes) -> str:
    """Why `data` cannot serve as a template, or "" if it can."""
    try:
        open_office("mẫu", data, TEMPLATE_LIMITS, WORD)
    except PackageError as error:
        return error.reason
    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on a damaged part
        return f"tệp Word bị hỏng ({type(error).__name__})"
    present = {style.name for style in document.styles}
    missing = [name for name in REQUIRED_STYLES if name not in present]
    if missing:
        return "thiếu các kiểu (style) " + ", ".join(f"«{m}»" for m in missing)
    return ""


def template_margins_mm(path: str | Path | None = None) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of the template's first section, in mm: what the Word export
    uses where the settings leave a margin empty, so printing from the app does the same."""
    section = load_template(path).sections[0]
    return tuple(round(getattr(section, f"{side}_margin").mm, 1)
                 for side in ("left", "top", "right", "bottom"))
