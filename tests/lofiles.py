"""Reports as LibreOffice writes them: the tests write HTML or flat ODF (.fodt) and LibreOffice
converts them all to .docx in one call (its XML, not python-docx's, is what gets read)."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

HEAD = '<html><head><meta charset="utf-8"></head><body>'
LETTERHEAD = ('<table><tr><td><p>UBND TỈNH QUẢNG NINH</p><p><b>SỞ NGOẠI VỤ</b></p></td>'
              '<td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p>Độc lập - Tự do - Hạnh '
              'phúc</p></td></tr><tr><td>Số: 12/BC-SNGV</td><td>Quảng Ninh, ngày 10 tháng 6 '
              'năm 2021</td></tr></table>')
SIGNATURE = ('<table><tr><td><p><b>Nơi nhận:</b></p><p>- Ban Chỉ đạo;</p><p>- Lưu: VT.</p></td>'
             '<td><p><b>GIÁM ĐỐC</b></p><p>Trần Văn B</p></td></tr></table>')


def html(*parts: str) -> str:
    return HEAD + "".join(parts) + "</body></html>"


SOURCES: dict[str, str] = {}

# "BÁO CÁO" alone, the subject on the next line; typed numbers; bullets; a point a)
SOURCES["title_alone.html"] = html(
    LETTERHEAD, '<p align="center"><b>BÁO CÁO</b></p>',
    '<p align="center"><b>Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2021, phương '
    'hướng, nhiệm vụ 6 tháng cuối năm 2021</b></p>',
    "<p>Thực hiện Công văn số 45-CV/BTGTU của Ban Tuyên giáo Tỉnh ủy, Sở Ngoại vụ báo cáo như "
    "sau:</p>",
    "<p><b>I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO</b></p>",
    "<p>Ban hành Kế hoạch số 111/KH-SNGV về công tác thông tin đối ngoại năm 2021.</p>",
    "<p><b>II. KẾT QUẢ THỰC HIỆN</b></p>",
    "<p><b>1. Công tác tuyên truyền trên các phương tiện báo chí</b></p>",
    "<p>Phối hợp với Báo Quảng Ninh đăng 245 tin, bài về hoạt động đối ngoại.</p>",
    "<p><b>a) Báo in</b></p><p>Mở chuyên mục «Quảng Ninh hội nhập».</p>",
    "<p><b>2. Việc phát hành ấn phẩm, tài liệu</b></p>",
    "<p>Phát hành 9.000 cuốn bản tin đối ngoại; bộ tài liệu giới thiệu tiềm năng in "
    "3&nbsp;800 bản, trong đó tiếng Anh 500 bản, tiếng Nhật 200 bản, tiếng Việt 3.100 bản.</p>",
    "<ul><li>gửi các đại sứ quán;</li><li>gửi các nhà đầu tư.</li></ul>",
    "<p><b>3. Tập huấn, bồi dưỡng nghiệp vụ</b></p>",
    "<p>Cử 11 lượt cán bộ tham dự lớp bồi dưỡng kiến thức thông tin đối ngoại.</p>",
    "<p><b>4. Tình hình thời tiết</b></p><p>Mưa nhiều trong tháng 5.</p>",
    "<p><b>III. NHỮNG HẠN CHẾ, TỒN TẠI</b></p><p>Việc cập nhật thông tin còn chậm.</p>",
    "<p><b>IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM</b></p>",
    "<p>1. Tiếp tục nâng cao chất lượng thông tin đối ngoại;</p>",
    "<p>2. Đẩy mạnh tuyên truyền trên mạng xã hội.</p>",
    "<p><b>V. KIẾN NGHỊ, ĐỀ XUẤT</b></p><p>Đề nghị cung cấp tài liệu kịp thời.</p>",
    SIGNATURE)

# "BÁO CÁO" + line break + subject in one paragraph; letterhead as lines; automatic numbering
SOURCES["title_break.html"] = html(
    "<p>BAN TUYÊN GIÁO TỈNH ỦY</p><p><b>SỞ NGOẠI VỤ</b></p>",
    '<p align="center"><b>BÁO CÁO<br>Kết quả công tác thông tin đối ngoại quý III năm 2021</b>'
    "</p>",
    '<ol type="I"><li><b>CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO</b></li></ol>',
    "<p>Tổ chức hội nghị quán triệt Chỉ thị số 12.</p>",
    '<ol type="I" start="2"><li><b>KẾT QUẢ THỰC HIỆN</b></li></ol>',
    "<ol><li><b>Thông tin, tuyên truyền trên báo chí, phát thanh, truyền hình</b></li></ol>",
    "<p>Đài Phát thanh và Truyền hình tỉnh phát 30 phóng sự.</p>",
    '<ol type="a"><li><b>Chuyên mục tiếng Anh</b></li></ol>',
    "<p>Duy trì bản tin tiếng Anh hằng tuần.</p>",
    '<ol start="2"><li><b>Đấu tranh, phản bác thông tin sai trái, xuyên tạc</b></li></ol>',
    "<p>Đăng 12 bài viết phản bác các luận điệu sai trái.</p>",
    '<ol type="I" start="3"><li><b>ĐỀ XUẤT, KIẾN NGHỊ</b></li></ol>',
    "<p>Đề nghị hỗ trợ kinh phí.</p>")

# one line "BÁO CÁO KẾT QUẢ …"; Party-style "I- / 1-"
SOURCES["title_oneline.html"] = html(
    LETTERHEAD,
    '<p align="center"><b>BÁO CÁO KẾT QUẢ CÔNG TÁC THÔNG TIN ĐỐI NGOẠI 9 THÁNG NĂM 2021</b></p>',
    "<p><b>I- CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO</b></p><p>Ban hành 2 kế hoạch.</p>",
    "<p><b>II- KẾT QUẢ THỰC HIỆN</b></p>",
    "<p><b>1- Quảng bá hình ảnh, xúc tiến đầu tư</b></p>",
    "<p>Tổ chức 3 sự kiện quảng bá tại Hàn Quốc.</p>",
    "<p><b>III- KIẾN NGHỊ</b></p><p>Không có.</p>")

# no title at all: the opening paragraph is the report's own text, never the letterhead
SOURCES["no_title.html"] = html(
    "<p>Trong 6 tháng đầu năm 2021, công tác thông tin đối ngoại của Công an tỉnh được triển "
    "khai đồng bộ, bám sát chỉ đạo của Ban Chỉ đạo tỉnh, góp phần giữ vững an ninh chính trị.</p>",
    "<p><b>I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO</b></p><p>Ban hành Kế hoạch số 20.</p>",
    "<p><b>II. ĐẤU TRANH PHẢN BÁC THÔNG TIN XẤU ĐỘC</b></p>",
    "<p>Phát hiện, đề nghị gỡ bỏ 35 lượt thông tin xấu độc.</p>")

# headings in one-cell tables; a section written as a table of results; the figures table
# with a merged header ("Kết quả" over "2021 | 2020"); a figure in a sentence and the table
SOURCES["tables.html"] = html(
    LETTERHEAD, "<p><b>BÁO CÁO</b></p><p><b>Công tác thông tin đối ngoại năm 2021</b></p>",
    '<table border="1"><tr><td><b>I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO</b></td></tr></table>',
    "<p>Kiện toàn Ban Chỉ đạo công tác thông tin đối ngoại.</p>",
    '<table border="1"><tr><td><b>II. KẾT QUẢ THỰC HIỆN</b></td></tr></table>',
    '<table border="1"><tr><td>TT</td><td>Nội dung</td><td>Kết quả</td></tr>'
    "<tr><td>1</td><td>Tuyên truyền về biển, đảo, biên giới</td><td>Tổ chức cuộc thi tìm hiểu "
    "chủ quyền biển, đảo.</td></tr>"
    "<tr><td>2</td><td>Xuất bản ấn phẩm, tài liệu</td><td>Phát hành 3.800 bản tài liệu giới "
    "thiệu tiềm năng.</td></tr></table>",
    "<p><b>Phụ lục</b></p>",
    '<table border="1"><tr><td rowspan="2">Chỉ tiêu</td><td rowspan="2">Đơn vị tính</td>'
    '<td colspan="2">Kết quả</td></tr><tr><td>2021</td><td>2020</td></tr>'
    "<tr><td>Số bản ấn phẩm, tài liệu phát hành</td><td>bản</td><td>3.800</td><td>7.600</td></tr>"
    "<tr><td>Đoàn khách quốc tế được đón tiếp</td><td>đoàn</td><td>7</td><td>4</td></tr>"
    "</table>")

# figures as agencies write them: thousands with spaces (plain, non-breaking, thin), «nghìn»
# and «triệu» with decimals, «02», a total after its parts, about, ranges, a change on last
# year, last year's figure in brackets, a plan; a table with a «Ghi chú» saying «khoảng»
SOURCES["figures.html"] = html(
    LETTERHEAD, '<p align="center"><b>BÁO CÁO</b></p>',
    '<p align="center"><b>Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2021</b></p>',
    "<p><b>I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO</b></p>",
    "<p>Ban hành Kế hoạch số 111/KH-SNGV ngày 15/6/2021; Quý II triển khai Nghị định "
    "30/2020/NĐ-CP.</p>",
    "<p><b>II. KẾT QUẢ THỰC HIỆN</b></p>",
    "<p><b>1. Thông tin, tuyên truyền trên báo chí, phát thanh, truyền hình</b></p>",
    "<p>Đăng hơn 200 tin, bài về hoạt động đối ngoại của tỉnh, tăng 35 tin, bài so với cùng "
    "kỳ.</p>",
    "<p><b>2. Cổng/trang thông tin điện tử và mạng xã hội</b></p>",
    "<p>Các bài đăng trên trang của tỉnh đạt 1,25 triệu lượt tiếp cận và hàng nghìn lượt "
    "tương tác.</p>",
    "<p><b>3. Xuất bản ấn phẩm, tài liệu thông tin đối ngoại</b></p>",
    "<p>In 3,8 nghìn bản tờ gấp giới thiệu du lịch; phát hành 3&nbsp;800 bản tài liệu, trong "
    "đó tiếng Anh 500 bản; 9 000 cuốn bản tin đối ngoại.</p>",
    "<p><b>5. Cung cấp thông tin cho báo chí; quản lý, hướng dẫn phóng viên nước ngoài</b></p>",
    "<p>Hướng dẫn 5 phóng viên Nhật Bản, 9 phóng viên Hàn Quốc, tổng cộng 14 phóng viên nước "
    "ngoài đến tác nghiệp. Tổ chức 10 cuộc họp báo (cùng kỳ năm 2020 là 8 cuộc).</p>",
    "<p><b>8. Tập huấn, bồi dưỡng nghiệp vụ thông tin đối ngoại</b></p>",
    "<p>Tổ chức 02 lớp tập huấn cho khoảng 150–170 lượt học viên.</p>",
    "<p><b>9. Đối ngoại nhân dân; thông tin cho người Việt Nam ở nước ngoài; đoàn khách quốc "
    "tế</b></p>",
    "<p>Mỗi tháng đón từ 3 đến 4 đoàn khách quốc tế.</p>",
    "<p><b>IV. PHƯƠNG HƯỚNG, NHIỆM VỤ</b></p>",
    "<p>Dự kiến tổ chức 03 lớp tập huấn trong 6 tháng cuối năm.</p>",
    "<p><b>Phụ lục</b></p>",
    '<table border="1"><tr><td>TT</td><td>Chỉ tiêu</td><td>6 tháng đầu năm 2021</td>'
    "<td>Cùng kỳ 2020</td><td>Ghi chú</td></tr>"
    "<tr><td>1</td><td>Sự kiện quảng bá, hội chợ, hội nghị xúc tiến có nội dung thông tin đối "
    "ngoại</td><td>05</td><td>3</td><td></td></tr>"
    "<tr><td>2</td><td>Bài viết đấu tranh, phản bác thông tin sai trái, xuyên tạc</td><td></td>"
    "<td>40</td><td>khoảng 50</td></tr></table>",
    SIGNATURE)

# nothing of the form in it
SOURCES["nothing.html"] = html(
    "<p><b>THỰC ĐƠN TIỆC TẤT NIÊN</b></p><p>Món khai vị: súp cua.</p><p>Món chính: gà luộc.</p>")

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
  style:default-outline-level="1"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"
  style:default-outline-level="2"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph"
  style:default-outline-level="3"><style:text-properties fo:font-style="italic"/></style:style>
 <text:outline-style style:name="Outline">
  <text:outline-level-style text:level="1" style:num-format="I" style:num-suffix="."/>
  <text:outline-level-style text:level="2" style:num-format="1" style:num-suffix="."/>
  <text:outline-level-style text:level="3" style:num-format="a" style:num-suffix=")"/>
 </text:outline-style>
</office:styles>
<office:master-styles><style:master-page style:name="Standard"><style:header>
 <text:p>ĐẤU TRANH PHẢN BÁC: tiêu đề trang</text:p></style:header>
 <style:footer><text:p>Chân trang: 1.000 bản</text:p></style:footer></style:master-page>
</office:master-styles>
<office:body><office:text>
<text:tracked-changes>
 <text:changed-region text:id="c1"><text:insertion><office:change-info><dc:creator>A</dc:creator>
  <dc:date>2021-06-01T10:00:00</dc:date></office:change-info></text:insertion></text:changed-region>
 <text:changed-region text:id="c2"><text:deletion><office:change-info><dc:creator>A</dc:creator>
  <dc:date>2021-06-01T10:00:00</dc:date></office:change-info><text:p>dự thảo cũ </text:p>
  </text:deletion></text:changed-region>
</text:tracked-changes>
"""

# outline-numbered Heading 1-3 (I. / 1. / a) from the outline style, nothing typed); tracked
# changes; a text frame; a footnote, a comment, a header and a footer (never content)
SOURCES["outline.fodt"] = FODT_HEAD + """
<text:p>SỞ NGOẠI VỤ</text:p>
<text:p>BÁO CÁO</text:p>
<text:p>Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2021</text:p>
<text:h text:style-name="Heading_20_1" text:outline-level="1">Công tác lãnh đạo, chỉ đạo</text:h>
<text:p>Ban hành <text:change text:change-id="c2"/><text:change-start text:change-id="c1"/>kế
 hoạch mới <text:change-end text:change-id="c1"/>số 111.<text:note text:id="n1"
 text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Chú
 thích: 999 bản.</text:p></text:note-body></text:note><office:annotation><dc:creator>A</dc:creator>
 <text:p>Nhận xét: xem lại kênh truyền hình.</text:p></office:annotation></text:p>
<text:h text:style-name="Heading_20_1" text:outline-level="1">Kết quả thực hiện</text:h>
<text:h text:style-name="Heading_20_2" text:outline-level="2">Cung cấp thông tin cho báo chí</text:h>
<text:p><draw:frame draw:name="Khung1" text:anchor-type="paragraph" svg:width="6cm"><draw:text-box>
 <text:p>Trong khung: tổ chức 4 cuộc họp báo.</text:p></draw:text-box></draw:frame>Đón 2 đoàn phóng
 viên nước ngoài.</text:p>
<text:h text:style-name="Heading_20_3" text:outline-level="3">Họp báo định kỳ</text:h>
<text:p>Họp báo hằng quý về thông tin đối ng\u00adoại.</text:p>
<text:h text:style-name="Heading_20_1" text:outline-level="1">Đề xuất, kiến nghị</text:h>
<text:p>Không có.</text:p>
</office:text></office:body></office:document>
""".replace("\\u00ad", "\u00ad")


def convert_all(target: Path, extra: dict[str, bytes] | None = None,
                to: str = "docx:MS Word 2007 XML") -> dict[str, bytes] | None:
    """Every source (and every `extra` file, e.g. a .docx to open and save again) as
    LibreOffice saves it (in .docx unless `to` names another filter, e.g. "odt", "rtf"), by
    name; None without LibreOffice."""
    suffix = "." + to.split(":")[0]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    source_dir, out_dir = target / "src", target / suffix[1:]
    source_dir.mkdir(parents=True, exist_ok=True)
    out_dir.mkdir(exist_ok=True)
    for name, text in SOURCES.items():
        (source_dir / name).write_text(text, encoding="utf-8")
    for name, data in (extra or {}).items():
        (source_dir / name).write_bytes(data)
    names = list(SOURCES) + list(extra or {})
    profile = f"file:///tmp/lo-issue-10-tests-{uuid.uuid4().hex}"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile}", "--convert-to",
                    to, "--outdir", str(out_dir)]
                   + [str(source_dir / name) for name in names],
                   capture_output=True, timeout=300, check=False)
    shutil.rmtree(profile.removeprefix("file://"), ignore_errors=True)
    return {name: (out_dir / (Path(name).stem + suffix)).read_bytes() for name in names
            if (out_dir / (Path(name).stem + suffix)).exists()}
