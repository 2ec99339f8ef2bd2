"""Word documents written as Word writes them, XML by hand: tracked changes, fields, content
controls, text boxes in mc:AlternateContent, comments and footnotes in their own parts,
automatic numbering from numbering.xml, Strict OOXML. No python-docx: its XML is not Word's."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NAMESPACES = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w14="http://schemas.microsoft.com/office/'
    'word/2010/wordml" mc:Ignorable="w14"')

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NAMESPACES}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"
 w:hAnsi="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>
 <w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="9"/></w:numPr>
 <w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>
 <w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="9"/></w:numPr>
 <w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/>
 <w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="9"/></w:numPr>
 <w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/>
 <w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr>
</w:style>
</w:styles>"""


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, style: str = "") -> str:
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'{pstyle}<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')


# Lists as Word makes them: 1 = administrative (I. / 1. / a)), 2 = a bullet list, 3 = the
# same administrative list restarted at I by its w:num (startOverride), 4 = a list that starts
# at III, 9 = outline numbering of Heading 1-3 (1. / 1.1. / 1.1.1.) linked from the styles.
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {NAMESPACES}>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
 {_lvl(0, "upperRoman", "%1.")}{_lvl(1, "decimal", "%2.")}{_lvl(2, "lowerLetter", "%3)")}
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">{_lvl(0, "bullet", "-")}</w:abstractNum>
<w:abstractNum w:abstractNumId="2">{_lvl(0, "upperRoman", "%1.", start=3)}</w:abstractNum>
<w:abstractNum w:abstractNumId="8"><w:multiLevelType w:val="multilevel"/>
 {_lvl(0, "upperRoman", "%1-", style="")}{_lvl(1, "decimal", "%2-")}</w:abstractNum>
<w:abstractNum w:abstractNumId="9"><w:multiLevelType w:val="multilevel"/>
 {_lvl(0, "decimal", "%1.", style="Heading1")}{_lvl(1, "decimal", "%1.%2.", style="Heading2")}
 {_lvl(2, "decimal", "%1.%2.%3.", style="Heading3")}</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/>
 <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="8"><w:abstractNumId w:val="8"/></w:num>
<w:num w:numId="9"><w:abstractNumId w:val="9"/></w:num>
</w:numbering>"""


def r(text: str, bold: bool = False, italic: bool = False, font: str = "") -> str:
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + \
        (f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>' if font else "")
    return (f"<w:r>{'<w:rPr>' + props + '</w:rPr>' if props else ''}"
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def p(*inner: str, style: str = "", num: tuple[int, int] | None = None, bold=False,
      text: str = "") -> str:
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + \
        (f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
         if num else "")
    body = "".join(inner) + (r(text, bold=bold) if text else "")
    return f"<w:p>{'<w:pPr>' + props + '</w:pPr>' if props else ''}{body}</w:p>"


def tbl(rows: list[list[str]], spans: dict | None = None) -> str:
    """A table of cells, each cell raw inner XML or plain text; `spans` maps (row, col) to
    ("span", n) or ("vmerge", "restart" | "continue")."""
    spans = spans or {}
    out = ["<w:tbl><w:tblPr><w:tblW w:w='0' w:type='auto'/></w:tblPr>"]
    for n, row in enumerate(rows):
        out.append("<w:tr>")
        for m, cell in enumerate(row):
            props = ""
            kind = spans.get((n, m))
            if kind and kind[0] == "span":
                props = f'<w:gridSpan w:val="{kind[1]}"/>'
            elif kind and kind[0] == "vmerge":
                props = f'<w:vMerge w:val="{kind[1]}"/>' if kind[1] == "restart" \
                    else "<w:vMerge/>"
            inner = cell if cell.startswith("<w:") else p(text=cell)
            out.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{inner}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def docx(body: str, strict: bool = False, extra_parts: dict[str, str] | None = None) -> bytes:
    """A .docx with this body XML, Word's styles and numbering, a comments and a footnotes
    part (never content), a header."""
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f"<w:document {NAMESPACES}><w:body>{body}<w:sectPr/></w:body></w:document>")
    comments = (f'<?xml version="1.0" encoding="UTF-8"?><w:comments {NAMESPACES}>'
                '<w:comment w:id="0" w:author="A"><w:p><w:r><w:t>Ghi chú: sửa lại số liệu '
                "kênh truyền hình</w:t></w:r></w:p></w:comment></w:comments>")
    footnotes = (f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {NAMESPACES}>'
                 '<w:footnote w:id="1"><w:p><w:r><w:t>Chú thích: số liệu đến 15/6 gồm '
                 "999 bản</w:t></w:r></w:p></w:footnote></w:footnotes>")
    header = (f'<?xml version="1.0" encoding="UTF-8"?><w:hdr {NAMESPACES}><w:p><w:r><w:t>'
              "Tiêu đề trang: KẾT QUẢ THỰC HIỆN</w:t></w:r></w:p></w:hdr>")
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}'
            '/officeDocument" Target="word/document.xml"/></Relationships>'),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}'
            f'/styles" Target="styles.xml"/><Relationship Id="rId2" Type="{rel}/numbering" '
            f'Target="numbering.xml"/><Relationship Id="rId3" Type="{rel}/comments" '
            f'Target="comments.xml"/><Relationship Id="rId4" Type="{rel}/footnotes" '
            f'Target="footnotes.xml"/><Relationship Id="rId5" Type="{rel}/header" '
            'Target="header1.xml"/><Relationship Id="rId9" Type="' + rel + '/hyperlink" '
            'Target="https://sngv.example.vn" TargetMode="External"/></Relationships>'),
        "word/document.xml": document,
        "word/styles.xml": STYLES,
        "word/numbering.xml": NUMBERING,
        "word/comments.xml": comments,
        "word/footnotes.xml": footnotes,
        "word/header1.xml": header,
    }
    parts.update(extra_parts or {})
    if strict:
        parts = {name: to_strict(value) for name, value in parts.items()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in parts.items():
            archive.writestr(name, value)
    return buffer.getvalue()


def to_strict(xml: str) -> str:
    """The same part as Word saves it in "Strict Open XML Document"."""
    return (xml.replace(W_NS, "http://purl.oclc.org/ooxml/wordprocessingml/main")
            .replace("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                     "http://purl.oclc.org/ooxml/officeDocument/relationships")
            .replace("http://schemas.openxmlformats.org/drawingml/2006/main",
                     "http://purl.oclc.org/ooxml/drawingml/main"))


LETTERHEAD = tbl([[p(text="UBND TỈNH QUẢNG NINH") + p(text="SỞ NGOẠI VỤ", bold=True),
                   p(text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
                   + p(text="Độc lập - Tự do - Hạnh phúc")],
                  ["Số: 12/BC-SNGV", "Quảng Ninh, ngày 10 tháng 6 năm 2021"]])
TITLE = (p(text="BÁO CÁO", bold=True)
         + p(text="Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2021", bold=True))
SIGNATURE = tbl([["Nơi nhận:", "GIÁM ĐỐC"], ["- Lưu: VT.", "Trần Văn B"]])
