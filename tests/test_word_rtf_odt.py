"""RTF and OpenDocument as other programs write them, by hand: what LibreOffice's saves (see
test_word_formats) never contain — Word's code pages and \\uN fallbacks, legacy TCVN3 fonts,
fields, headers and footnotes, deleted and hidden text, merged cells; numbered lists and
passwords in .odt — and damaged files, which are refused with a reason, never a crash."""

import io
import random
import unicodedata
import zipfile

import pytest

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.exchange.docx_body import Para, Table
from ttdn_desktop.exchange.docx_import import DOCX_LIMITS, read_word_body
from ttdn_desktop.exchange.rtf_body import read_rtf_body

# As Word 2016 writes a Vietnamese document: \ansicpg1258, a Vietnamese font (\fcharset163),
# every letter outside ASCII as \uN followed by its one-byte fallback.
WORD_RTF = rb"""{\rtf1\adeflang1025\ansi\ansicpg1258\uc1\adeff0\deff0\stshfdbch0\stshfloch31506
{\fonttbl{\f0\fbidi \froman\fcharset163\fprq2{\*\panose 02020603050405020304}Times New Roman;}
{\f40\fnil\fcharset0\fprq2 .VnTime;}}
{\colortbl;\red0\green0\blue0;}
{\stylesheet{\ql \li0\ri0\widctlpar\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0\itap0 \rtlch\fcs1 \af0\afs24\alang1025 \ltrch\fcs0 \fs24\lang1066\langfe1033\cgrid\langnp1066\langfenp1033 \snext0 \sqformat \spriority0 Normal;}
{\s1\ql \li0\ri0\keepn\widctlpar\wrapdefault\aspalpha\aspnum\faauto\outlinelevel0\adjustright\rin0\lin0\itap0 \rtlch\fcs1 \ab\af0\afs24\alang1025 \ltrch\fcs0 \b\fs24\lang1066\langfe1033\cgrid\langnp1066\langfenp1033 \sbasedon0 \snext0 \slink15 \sqformat \spriority9 heading 1;}
{\*\cs10 \additive \ssemihidden \sunhideused \spriority1 Default Paragraph Font;}}
{\*\generator Microsoft Word 16.0;}{\info{\title B\'c1O C\'c1O}{\author Nguy\u7877\'3fn V\u259\'e3n A}}
{\header \pard\plain \ql \rtlch\fcs1 \af0 \ltrch\fcs0 {Ti\u234\'eau \u273\'f0\u7873\'3f trang 999}\par }
{\footer \pard\plain \ql {Ch\u226\'e2n trang 888}\par }
\pard\plain \ql \li0\ri0\widctlpar\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0\itap0
\rtlch\fcs1 \af0\afs24 \ltrch\fcs0 \fs24\lang1066 {\rtlch\fcs1 \af0 \ltrch\fcs0 \b S\u7902\'3f NGO\u7840\'3fI V\u7908\'3f}{\par }
\pard\plain \s1\ql \li0\ri0\keepn\outlinelevel0 \b {\listtext\pard\plain \b I.\tab}C\u212\'d4NG T\u193\'c1C L\u195\'c3NH \u272\'d0\u7840\'3fO{\par }
\pard\plain \ql {Ban h\u224\'e0nh }{\deleted B\u7843\'3fn c\u361\'3f }{K\u7871\'3f ho\u7841\'3fch s\u7889\'3f }{\field{\*\fldinst { MERGEFIELD SoKeHoach }}{\fldrslt {111}}}{/KH}{\v  \u7849\'3fn 55}{.}{\chftn {\footnote \pard\plain {\chftn  Ch\u250\'fa th\u237\'edch 777.}}}{\par }
\pard\plain \ql \f40 {\f40 Ph\'b8t h\'b5nh 9.000 cu\'e8n b\'b6n tin.}{\f0\par }
\pard\plain \ql {\uc0 Ti\u7871 p t\u7909 c}{\par }
\pard\plain \ql {\pntext\pard\plain a)\tab}{X\'e2y d\'fd\'f2ng}\par
\trowd \trgaph108\trleft-108\clvmgf\cellx2000\clmgf\cellx4000\clmrg\cellx6000\pard\plain \intbl {Ch\u7881\'3f ti\u234\'eau}\cell {K\u7871\'3ft qu\u7843\'3f}\cell \cell \row
\trowd \trgaph108\trleft-108\clvmrg\cellx2000\cellx4000\cellx6000\pard\plain \intbl \cell {2021}\cell {2020}\cell \row
\trowd \trgaph108\trleft-108\cellx2000\cellx4000\cellx6000\pard\plain \intbl {S\u7889\'3f b\u7843\'3fn}\cell {3.800}\cell {7.600}\cell \row
\pard\plain \ql {H\u7871\'3ft.}\par
}"""


def paras(body):
    return [b for b in body.blocks if isinstance(b, Para)]


def test_rtf_as_word_writes_it():
    body = read_rtf_body("bao-cao.rtf", WORD_RTF, DOCX_LIMITS)
    texts = [p.text for p in paras(body)]
    assert texts[0] == "SỞ NGOẠI VỤ" and paras(body)[0].bold
    heading = paras(body)[1]
    assert (heading.shown, heading.outline, heading.style) == \
        ("I. CÔNG TÁC LÃNH ĐẠO", 1, "heading 1")
    # a deleted run, hidden text and a footnote are not there; a field shows its result
    assert texts[2] == "Ban hành Kế hoạch số 111/KH."
    assert texts[3] == "Phát hành 9.000 cuốn bản tin."   # TCVN3 (.VnTime) repaired
    assert body.legacy_runs == 1
    assert texts[4] == "Tiếp tục"                         # \uc0: no fallback to skip
    assert paras(body)[5].shown == "a) Xây dựng"          # \pntext: the number Word wrote
    table = next(b for b in body.blocks if isinstance(b, Table))
    assert table.rows == [["Chỉ tiêu", "Kết quả", "Kết quả"], ["Chỉ tiêu", "2021", "2020"],
                          ["Số bản", "3.800", "7.600"]]
    assert texts[-1] == "Hết."
    everything = " ".join(texts)
    for never in ("999", "888", "777", "Bản cũ", "ẩn 55", "MERGEFIELD", "Times New Roman"):
        assert never not in everything


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: â, ê, ô, ơ, ư, đ whole, tones combining."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            whole = unicodedata.normalize("NFC", base + (marks[0] if len(marks) > 1 else ""))
            out += whole.encode("cp1258") + marks[-1].encode("cp1258")
    return out


def test_rtf_in_a_code_page_without_unicode_escapes():
    """An older writer: only \\'hh bytes, in Windows-1258 (combining tone marks)."""
    text = "Công tác thông tin đối ngoại"
    data = (b"{\\rtf1\\ansi\\ansicpg1258\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\pard " +
            "".join(f"\\'{b:02x}" if b > 127 else chr(b) for b in _cp1258(text))
            .encode("ascii") + b"\\par}")
    assert paras(read_rtf_body("cu.rtf", data, DOCX_LIMITS))[0].text == text


ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3">
<office:automatic-styles>
 <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/>
 </style:style>
 <text:list-style style:name="L1">
  <text:list-level-style-number text:level="1" style:num-format="I" style:num-suffix="."/>
  <text:list-level-style-number text:level="2" style:num-format="1" style:num-suffix="."/>
  <text:list-level-style-number text:level="3" style:num-format="a" style:num-suffix=")"/>
 </text:list-style>
 <text:list-style style:name="L2">
  <text:list-level-style-bullet text:level="1" text:bullet-char="-"/>
 </text:list-style>
</office:automatic-styles>
<office:body><office:text>
<text:table-of-content><text:index-body><text:p>I. Mục lục 1</text:p></text:index-body>
</text:table-of-content>
<text:list text:style-name="L1"><text:list-item><text:p><text:span text:style-name="T1">CÔNG
 TÁC LÃNH ĐẠO</text:span></text:p></text:list-item>
<text:list-item><text:p>KẾT QUẢ</text:p><text:list><text:list-item><text:p>Báo chí</text:p>
<text:list><text:list-item><text:p>Báo in</text:p></text:list-item></text:list>
</text:list-item><text:list-item><text:p>Ấn phẩm</text:p></text:list-item></text:list>
</text:list-item></text:list>
<text:p>Phát hành<text:s text:c="3"/>9.000<text:tab/>cuốn.<text:line-break/>Dòng mới.</text:p>
<text:list text:style-name="L2"><text:list-item><text:p>gửi đại sứ quán;</text:p></text:list-item>
</text:list>
<text:list text:style-name="L1" text:continue-numbering="true"><text:list-item>
<text:p>PHƯƠNG HƯỚNG</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>Chỉ
 tiêu</text:p></table:table-cell><table:table-cell table:number-columns-spanned="2"><text:p>Kết
 quả</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
<table:table-row><table:covered-table-cell/><table:table-cell><text:p>2021</text:p>
</table:table-cell><table:table-cell><text:p>2020</text:p></table:table-cell></table:table-row>
</table:table>
</office:text></office:body></office:document-content>"""


def odt(content: str = ODT_CONTENT, manifest: str = "", mimetype: str =
        "application/vnd.oasis.opendocument.text") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest or
                         '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
                         'xmlns:manifest:1.0"/>')
    return out.getvalue()


def test_odt_lists_number_as_shown_and_tables_keep_their_grid():
    body = read_word_body("bao-cao.odt", odt())
    shown = [(p.shown, p.num_level, p.bold) for p in paras(body)]
    assert shown == [("I. CÔNG TÁC LÃNH ĐẠO", 0, True), ("II. KẾT QUẢ", 0, False),
                     ("1. Báo chí", 1, False), ("a) Báo in", 2, False),
                     ("2. Ấn phẩm", 1, False),
                     ("Phát hành 9.000 cuốn.\nDòng mới.", 0, False),
                     ("gửi đại sứ quán;", 0, False),
                     ("III. PHƯƠNG HƯỚNG", 0, False)]    # the table of contents is not read
    assert paras(body)[6].listed and paras(body)[6].number == "-"
    table = next(b for b in body.blocks if isinstance(b, Table))
    assert table.rows == [["Chỉ tiêu", "Kết quả", "Kết quả"], ["Chỉ tiêu", "2021", "2020"]]


@pytest.mark.parametrize("data, reason", [
    (odt(manifest='<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                  'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml">'
                  '<manifest:encryption-data/></manifest:file-entry></manifest:manifest>'),
     "được đặt mật khẩu"),
    (odt(ODT_CONTENT[:700]), "không phải XML hợp lệ"),
    (odt(ODT_CONTENT.replace("<office:text>", "<office:spreadsheet>")
         .replace("</office:text>", "</office:spreadsheet>")), "không phải văn bản"),
    (odt('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'), "bị cấm"),
    (odt(ODT_CONTENT.replace("<office:text>", "<office:text>" + "<text:section>" * 100)
         .replace("</office:text>", "</text:section>" * 100 + "</office:text>")),
     "lồng nhau quá sâu"),
])
def test_odt_refused_with_its_reason(data, reason):
    with pytest.raises(PackageError, match=reason):
        read_word_body("bao-cao.odt", data)


def test_damaged_files_are_refused_or_read_never_a_crash():
    """Bytes changed at random in each format: a reason (PackageError) or a body, nothing
    else, and in bounded time (RTF is read in one pass; ODT through capped XML)."""
    rng = random.Random(21)
    samples = {"bao-cao.rtf": WORD_RTF, "bao-cao.odt": odt()}
    for name, good in samples.items():
        for _ in range(300):
            data = bytearray(good)
            for _ in range(rng.randint(1, 12)):
                at = rng.randrange(len(data))
                data[at:at + rng.randint(1, 4)] = bytes(rng.randrange(256)
                                                        for _ in range(rng.randint(0, 4)))
            try:
                read_word_body(name, bytes(data))
            except PackageError:
                pass
        with pytest.raises(PackageError):
            read_word_body(name, good[: len(good) // 3] if name.endswith(".odt") else b"")
