"""A corpus of reports laid out as agencies lay them out, with where each of their sentences
belongs: the whole report in one table, run-in headings, bold headings without numbers, an
agency's own outline (renamed, reordered, merged headings), Word lists numbered A./B./C., «Phần
thứ nhất» and a)/b) in custom styles, a letterhead and a signature block laid out with tabs.

The HTML and flat ODF sources are converted by LibreOffice (tests/lofiles.convert_all, to .docx,
.odt and .rtf); the .docx sources are Word XML written by hand (tests/wordxml). `placed_share`
measures a reading: the share of sentences found in the section they belong to (None: set aside
as unplaced; OUT: letterhead or signature, never anywhere in the body)."""

from __future__ import annotations

import re
from pathlib import Path

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.richtext import plain_text
from ttdn_desktop.exchange.docx_import import import_word_report

from . import lofiles, wordxml
from .lofiles import FODT_HEAD, LETTERHEAD, SIGNATURE, html

OUT = "-"

SOURCES: dict[str, str | bytes] = {}
EXPECTED: dict[str, dict[str | None, list[str]]] = {}

TITLE = ('<p align="center"><b>BÁO CÁO</b></p><p align="center"><b>Kết quả công tác thông tin '
         "đối ngoại 6 tháng đầu năm 2021</b></p>")

# --- the whole report in one table: a heading cell and a content cell a row -------------------
SOURCES["one_table_rows.html"] = html(
    '<table border="1">'
    "<tr><td><p>UBND TỈNH QUẢNG NINH</p><p><b>SỞ NGOẠI VỤ</b></p></td>"
    "<td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p>Độc lập - Tự do - Hạnh phúc</p>"
    "</td></tr>"
    '<tr><td colspan="2"><p align="center"><b>BÁO CÁO</b></p><p align="center"><b>Kết quả '
    "công tác thông tin đối ngoại 6 tháng đầu năm 2021</b></p></td></tr>"
    "<tr><td><b>I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO</b></td><td><p>Sở ban hành Kế hoạch số 15/KH-SNGV "
    "triển khai nhiệm vụ năm 2021.</p><p>Lãnh đạo Sở quán triệt tới toàn thể cán bộ.</p>"
    "</td></tr>"
    "<tr><td><b>II. KẾT QUẢ THỰC HIỆN</b></td><td></td></tr>"
    "<tr><td><b>1. Thông tin, tuyên truyền trên báo chí, phát thanh, truyền hình</b></td><td>"
    "<p>Báo Quảng Ninh đăng 245 tin, bài về hoạt động đối ngoại của tỉnh.</p></td></tr>"
    "<tr><td><b>2. Xuất bản ấn phẩm, tài liệu thông tin đối ngoại</b></td><td><p>Phát hành "
    "9.000 cuốn bản tin đối ngoại song ngữ.</p></td></tr>"
    "<tr><td><b>3. Tập huấn, bồi dưỡng nghiệp vụ</b></td><td><p>Tổ chức 2 lớp tập huấn cho "
    "150 lượt người.</p></td></tr>"
    "<tr><td><b>III. HẠN CHẾ, TỒN TẠI</b></td><td><p>Nguồn lực cho công tác này còn mỏng."
    "</p></td></tr>"
    "<tr><td><b>IV. PHƯƠNG HƯỚNG, NHIỆM VỤ</b></td><td><p>Tiếp tục đổi mới nội dung thông "
    "tin đối ngoại.</p></td></tr>"
    "<tr><td><b>V. KIẾN NGHỊ</b></td><td><p>Đề nghị Ban Chỉ đạo tỉnh bố trí kinh phí in ấn."
    "</p></td></tr>"
    "<tr><td><p><b>Nơi nhận:</b></p><p>- Ban Chỉ đạo TTĐN tỉnh;</p><p>- Lưu: VT.</p></td>"
    "<td><p><b>GIÁM ĐỐC</b></p><p>Trần Văn Bình</p></td></tr>"
    "</table>")
EXPECTED["one_table_rows.html"] = {
    "lanh_dao_chi_dao": ["Sở ban hành Kế hoạch số 15/KH-SNGV triển khai nhiệm vụ năm 2021.",
                         "Lãnh đạo Sở quán triệt tới toàn thể cán bộ."],
    "bao_chi": ["Báo Quảng Ninh đăng 245 tin, bài về hoạt động đối ngoại của tỉnh."],
    "an_pham": ["Phát hành 9.000 cuốn bản tin đối ngoại song ngữ."],
    "tap_huan": ["Tổ chức 2 lớp tập huấn cho 150 lượt người."],
    "han_che": ["Nguồn lực cho công tác này còn mỏng."],
    "phuong_huong": ["Tiếp tục đổi mới nội dung thông tin đối ngoại."],
    "kien_nghi": ["Đề nghị Ban Chỉ đạo tỉnh bố trí kinh phí in ấn."],
    OUT: ["Trần Văn Bình", "Ban Chỉ đạo TTĐN tỉnh;", "Độc lập - Tự do - Hạnh phúc"],
}

# --- the whole report in one table: number, heading and content cells (STT | Nội dung) --------
SOURCES["one_table_numbered.html"] = html(
    LETTERHEAD, TITLE,
    '<table border="1"><tr><td><b>TT</b></td><td><b>Nội dung</b></td></tr>'
    "<tr><td><b>I</b></td><td><p><b>CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO</b></p><p>Công an tỉnh kiện "
    "toàn Tổ thông tin đối ngoại của đơn vị.</p></td></tr>"
    "<tr><td><b>II</b></td><td><p><b>KẾT QUẢ THỰC HIỆN</b></p></td></tr>"
    "<tr><td>1</td><td><p><b>Đấu tranh, phản bác thông tin sai trái, xuyên tạc</b></p><p>Phát "
    "hiện, đề nghị gỡ bỏ 35 lượt thông tin xấu độc trên mạng.</p></td></tr>"
    "<tr><td>2</td><td><p><b>Tuyên truyền về biển, đảo, biên giới đất liền</b></p><p>Phối hợp "
    "Bộ đội Biên phòng tuyên truyền tại các xã biên giới.</p></td></tr>"
    "<tr><td><b>III</b></td><td><p><b>ĐỀ XUẤT, KIẾN NGHỊ</b></p><p>Đề nghị tăng cường tập huấn "
    "kỹ năng xử lý tin giả.</p></td></tr></table>",
    SIGNATURE)
EXPECTED["one_table_numbered.html"] = {
    "lanh_dao_chi_dao": ["Công an tỉnh kiện toàn Tổ thông tin đối ngoại của đơn vị."],
    "dau_tranh": ["Phát hiện, đề nghị gỡ bỏ 35 lượt thông tin xấu độc trên mạng."],
    "bien_dao": ["Phối hợp Bộ đội Biên phòng tuyên truyền tại các xã biên giới."],
    "kien_nghi": ["Đề nghị tăng cường tập huấn kỹ năng xử lý tin giả."],
    OUT: ["Trần Văn B", "Độc lập - Tự do - Hạnh phúc"],
}

# --- run-in headings: the heading and its text in one paragraph --------------------------------
SOURCES["run_in.html"] = html(
    LETTERHEAD, TITLE,
    "<p><b>I. Công tác lãnh đạo, chỉ đạo:</b> Ban Thường vụ chỉ đạo sát sao việc triển khai "
    "kế hoạch năm.</p>",
    "<p><b>II. KẾT QUẢ THỰC HIỆN</b></p>",
    "<p>1. Báo chí, phát thanh, truyền hình: Trong kỳ, Đài tỉnh phát 30 phóng sự về hợp tác "
    "quốc tế.</p>",
    "<p><b>2. Cổng thông tin điện tử và mạng xã hội.</b> Cổng thông tin điện tử tỉnh đăng 420 "
    "tin, bài đối ngoại.</p>",
    "<p><b>3. Quảng bá hình ảnh, xúc tiến đầu tư:</b> Tổ chức 3 sự kiện quảng bá tại Nhật Bản."
    "</p><p>Các sự kiện thu hút nhiều doanh nghiệp tham dự.</p>",
    "<p><b>III. Hạn chế, tồn tại:</b> Một số đơn vị gửi báo cáo chậm.</p>",
    "<p><b>IV. Phương hướng, nhiệm vụ:</b> Tập trung tuyên truyền các sự kiện lớn của tỉnh.</p>",
    SIGNATURE)
EXPECTED["run_in.html"] = {
    "lanh_dao_chi_dao": ["Ban Thường vụ chỉ đạo sát sao việc triển khai kế hoạch năm."],
    "bao_chi": ["Trong kỳ, Đài tỉnh phát 30 phóng sự về hợp tác quốc tế."],
    "cong_thong_tin": ["Cổng thông tin điện tử tỉnh đăng 420 tin, bài đối ngoại."],
    "quang_ba": ["Tổ chức 3 sự kiện quảng bá tại Nhật Bản.",
                 "Các sự kiện thu hút nhiều doanh nghiệp tham dự."],
    "han_che": ["Một số đơn vị gửi báo cáo chậm."],
    "phuong_huong": ["Tập trung tuyên truyền các sự kiện lớn của tỉnh."],
    OUT: ["Trần Văn B"],
}

# --- bold headings without numbers, capitals for the parts ------------------------------------
SOURCES["bold_plain.html"] = html(
    LETTERHEAD, TITLE,
    "<p><b>CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO</b></p><p>Sở tổ chức hội nghị quán triệt Nghị quyết "
    "của Tỉnh ủy.</p>",
    "<p><b>KẾT QUẢ THỰC HIỆN</b></p>",
    "<p><b>Xuất bản ấn phẩm, tài liệu</b></p><p>In 3.800 tờ gấp giới thiệu tiềm năng du lịch."
    "</p>",
    "<p><b>Đối ngoại nhân dân</b></p><p>Đón 7 đoàn khách quốc tế đến thăm và làm việc.</p>",
    "<p><b>ĐÁNH GIÁ CHUNG</b></p>",
    "<p><b>Ưu điểm</b></p><p>Các đơn vị phối hợp chặt chẽ, kịp thời.</p>",
    "<p><b>Hạn chế</b></p><p>Kinh phí dành cho tuyên truyền còn ít.</p>",
    "<p><b>PHƯƠNG HƯỚNG NHIỆM VỤ 6 THÁNG CUỐI NĂM</b></p><p>Chuẩn bị tốt các hoạt động "
    "kỷ niệm ngày thành lập tỉnh.</p>",
    SIGNATURE)
EXPECTED["bold_plain.html"] = {
    "lanh_dao_chi_dao": ["Sở tổ chức hội nghị quán triệt Nghị quyết của Tỉnh ủy."],
    "an_pham": ["In 3.800 tờ gấp giới thiệu tiềm năng du lịch."],
    "doi_ngoai_nhan_dan": ["Đón 7 đoàn khách quốc tế đến thăm và làm việc."],
    "uu_diem": ["Các đơn vị phối hợp chặt chẽ, kịp thời."],
    "han_che": ["Kinh phí dành cho tuyên truyền còn ít."],
    "phuong_huong": ["Chuẩn bị tốt các hoạt động kỷ niệm ngày thành lập tỉnh."],
    OUT: ["Trần Văn B"],
}

# --- an agency's own outline: renamed, reordered, a heading that covers two sections -----------
SOURCES["own_outline.html"] = html(
    LETTERHEAD, TITLE,
    "<p>Thực hiện Kế hoạch của Ban Chỉ đạo tỉnh, Sở Thông tin và Truyền thông báo cáo như sau:"
    "</p>",
    "<p><b>I. TÌNH HÌNH TRIỂN KHAI</b></p>",
    "<p><b>1. Việc ban hành văn bản chỉ đạo</b></p><p>Ban hành 4 văn bản hướng dẫn các cơ "
    "quan báo chí.</p>",
    "<p><b>2. Thông tin trên báo chí và trang thông tin điện tử</b></p>",
    "<p>Các cơ quan báo chí địa phương đăng 512 tin, bài, phóng sự về đối ngoại.</p>",
    "<p>Trang thông tin điện tử của Sở cập nhật 320 tin trên cổng thông tin.</p>",
    "<p><b>3. Phản bác luận điệu sai trái</b></p><p>Viết 18 bài phản bác các luận điệu xuyên "
    "tạc.</p>",
    "<p><b>II. ĐỀ XUẤT</b></p><p>Đề nghị bổ sung biên chế cho Phòng Thông tin điện tử.</p>",
    "<p><b>III. NHIỆM VỤ THỜI GIAN TỚI</b></p><p>Nâng cấp giao diện tiếng Anh của cổng "
    "thông tin.</p>",
    SIGNATURE)
EXPECTED["own_outline.html"] = {
    "lanh_dao_chi_dao": ["Ban hành 4 văn bản hướng dẫn các cơ quan báo chí."],
    "bao_chi": ["Các cơ quan báo chí địa phương đăng 512 tin, bài, phóng sự về đối ngoại."],
    "cong_thong_tin": ["Trang thông tin điện tử của Sở cập nhật 320 tin trên cổng thông tin."],
    "dau_tranh": ["Viết 18 bài phản bác các luận điệu xuyên tạc."],
    "kien_nghi": ["Đề nghị bổ sung biên chế cho Phòng Thông tin điện tử."],
    "phuong_huong": ["Nâng cấp giao diện tiếng Anh của cổng thông tin."],
    OUT: ["Trần Văn B"],
}

# --- letterhead and signature laid out with tabs in plain paragraphs (flat ODF) ----------------
_TAB = "<text:tab/>"
SOURCES["tabs.fodt"] = FODT_HEAD.replace("<text:tracked-changes>", "<!--").replace(
    "</text:tracked-changes>", "-->") + f"""
<text:p>UBND TỈNH QUẢNG NINH{_TAB}{_TAB}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</text:p>
<text:p>SỞ NGOẠI VỤ{_TAB}{_TAB}Độc lập - Tự do - Hạnh phúc</text:p>
<text:p>Số: 21/BC-SNGV{_TAB}{_TAB}Quảng Ninh, ngày 12 tháng 6 năm 2021</text:p>
<text:p>BÁO CÁO</text:p>
<text:p>Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2021</text:p>
<text:p>I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO</text:p>
<text:p>Sở xây dựng kế hoạch thông tin đối ngoại sát với thực tiễn.</text:p>
<text:p>II. KẾT QUẢ THỰC HIỆN</text:p>
<text:p>1. Cung cấp thông tin cho báo chí</text:p>
<text:p>Tổ chức 4 cuộc họp báo định kỳ về tình hình kinh tế.</text:p>
<text:p>III. KIẾN NGHỊ, ĐỀ XUẤT</text:p>
<text:p>Đề nghị Bộ Ngoại giao cung cấp tài liệu chuyên đề.</text:p>
<text:p>{_TAB}{_TAB}KT. GIÁM ĐỐC</text:p>
<text:p>{_TAB}{_TAB}PHÓ GIÁM ĐỐC</text:p>
<text:p>{_TAB}{_TAB}(Đã ký)</text:p>
<text:p>{_TAB}{_TAB}Nguyễn Thị Hoa</text:p>
<text:p>Nơi nhận:</text:p>
<text:p>- Ban Chỉ đạo TTĐN tỉnh;</text:p>
<text:p>- Lưu: VT, TTĐN.</text:p>
</office:text></office:body></office:document>
"""
EXPECTED["tabs.fodt"] = {
    "lanh_dao_chi_dao": ["Sở xây dựng kế hoạch thông tin đối ngoại sát với thực tiễn."],
    "cung_cap_thong_tin": ["Tổ chức 4 cuộc họp báo định kỳ về tình hình kinh tế."],
    "kien_nghi": ["Đề nghị Bộ Ngoại giao cung cấp tài liệu chuyên đề."],
    OUT: ["Nguyễn Thị Hoa", "PHÓ GIÁM ĐỐC", "Độc lập - Tự do - Hạnh phúc", "(Đã ký)"],
}

# the signer's title and name straight after the last section, with no «Nơi nhận»
SOURCES["tabs_signer.fodt"] = SOURCES["tabs.fodt"].split("<text:p>Nơi nhận:")[0].replace(
    "<text:p>Đề nghị Bộ Ngoại giao cung cấp tài liệu chuyên đề.</text:p>",
    "<text:p>Đề nghị Bộ Ngoại giao cung cấp tài liệu chuyên đề.</text:p>"
    f"<text:p>{_TAB}Quảng Ninh, ngày 12 tháng 6 năm 2021</text:p>"
    "<text:p>TM. BAN CHỈ ĐẠO</text:p>") \
    .replace("Nguyễn Thị Hoa", "Lê Văn Nam") \
    + "</office:text></office:body></office:document>\n"
EXPECTED["tabs_signer.fodt"] = {
    "lanh_dao_chi_dao": ["Sở xây dựng kế hoạch thông tin đối ngoại sát với thực tiễn."],
    "cung_cap_thong_tin": ["Tổ chức 4 cuộc họp báo định kỳ về tình hình kinh tế."],
    "kien_nghi": ["Đề nghị Bộ Ngoại giao cung cấp tài liệu chuyên đề."],
    OUT: ["Lê Văn Nam", "PHÓ GIÁM ĐỐC", "TM. BAN CHỈ ĐẠO", "(Đã ký)"],
}

# --- Word lists numbered A./B./C., «Phần thứ», a)/b) in custom styles (numbering.xml by hand) ---
_STYLES = wordxml.STYLES.replace("</w:styles>", "".join(
    f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>'
    f'<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/>'
    f"</w:numPr></w:pPr><w:rPr>{'<w:b/>' if bold else '<w:i/>'}</w:rPr></w:style>"
    for sid, name, num, ilvl, bold in (
        ("MucA", "Muc A", 20, 0, True), ("MucLaMa", "Muc La Ma", 20, 1, True),
        ("Muc1", "Muc 1", 20, 2, True), ("Muca", "Muc a", 21, 0, False),
        ("Phan", "Phan", 22, 0, True))) + "</w:styles>")
_NUMBERING = wordxml.NUMBERING.replace("</w:numbering>", (
    '<w:abstractNum w:abstractNumId="20"><w:multiLevelType w:val="multilevel"/>'
    + wordxml._lvl(0, "upperLetter", "%1.", style="MucA")
    + wordxml._lvl(1, "upperRoman", "%2.", style="MucLaMa")
    + wordxml._lvl(2, "decimal", "%3.", style="Muc1") + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="21">' + wordxml._lvl(0, "lowerLetter", "%1)", style="Muca")
    + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="22">' + wordxml._lvl(0, "upperRoman", "Phần thứ %1:",
                                                           style="Phan")
    + "</w:abstractNum>"
    '<w:num w:numId="20"><w:abstractNumId w:val="20"/></w:num>'
    '<w:num w:numId="21"><w:abstractNumId w:val="21"/></w:num>'
    '<w:num w:numId="22"><w:abstractNumId w:val="22"/></w:num></w:numbering>'))


def _styled_docx(*paragraphs: str) -> bytes:
    return wordxml.docx(wordxml.LETTERHEAD + wordxml.TITLE + "".join(paragraphs)
                        + wordxml.SIGNATURE,
                        extra_parts={"word/styles.xml": _STYLES,
                                     "word/numbering.xml": _NUMBERING})


P = wordxml.p
SOURCES["letters.docx"] = _styled_docx(
    P(text="KẾT QUẢ CÔNG TÁC THÔNG TIN ĐỐI NGOẠI", style="MucA"),
    P(text="Công tác lãnh đạo, chỉ đạo", style="MucLaMa"),
    P(text="Ban hành Chỉ thị về tăng cường công tác thông tin đối ngoại."),
    P(text="Kết quả thực hiện", style="MucLaMa"),
    P(text="Thông tin, tuyên truyền trên báo chí", style="Muc1"),
    P(text="Báo chí", style="Muca"),
    P(text="Phối hợp đăng 180 tin, bài trên báo Trung ương."),
    P(text="Phát thanh, truyền hình", style="Muca"),
    P(text="Đài tỉnh phát 40 chương trình chuyên đề đối ngoại."),
    P(text="Đối ngoại nhân dân", style="Muc1"),
    P(text="Tổ chức giao lưu hữu nghị với tỉnh kết nghĩa của Lào."),
    P(text="PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM", style="MucA"),
    P(text="Triển khai kế hoạch tuyên truyền kỷ niệm 30 năm quan hệ ngoại giao."),
    P(text="ĐỀ XUẤT, KIẾN NGHỊ", style="MucA"),
    P(text="Đề nghị tổ chức lớp bồi dưỡng cho phóng viên địa phương."))
EXPECTED["letters.docx"] = {
    "lanh_dao_chi_dao": ["Ban hành Chỉ thị về tăng cường công tác thông tin đối ngoại."],
    "bao_chi": ["Phối hợp đăng 180 tin, bài trên báo Trung ương.",
                "Đài tỉnh phát 40 chương trình chuyên đề đối ngoại."],
    "doi_ngoai_nhan_dan": ["Tổ chức giao lưu hữu nghị với tỉnh kết nghĩa của Lào."],
    "phuong_huong": ["Triển khai kế hoạch tuyên truyền kỷ niệm 30 năm quan hệ ngoại giao."],
    "kien_nghi": ["Đề nghị tổ chức lớp bồi dưỡng cho phóng viên địa phương."],
    OUT: ["Trần Văn B"],
}

SOURCES["parts.docx"] = _styled_docx(
    P(text="KẾT QUẢ CÔNG TÁC THÔNG TIN ĐỐI NGOẠI 6 THÁNG ĐẦU NĂM", style="Phan"),
    P(text="I. Công tác chỉ đạo, điều hành", bold=True),
    P(text="Ủy ban nhân dân tỉnh ban hành kế hoạch thông tin đối ngoại năm 2021."),
    P(text="II. Kết quả đạt được", bold=True),
    P(text="Tập huấn, bồi dưỡng", style="Muc1"),
    P(text="Mở 3 lớp bồi dưỡng kiến thức đối ngoại cho cán bộ cấp xã."),
    P(text="PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", style="Phan"),
    P(text="Đẩy mạnh thông tin đối ngoại trên các nền tảng số."),
    P(text="PHẦN THỨ BA", bold=True),
    P(text="KIẾN NGHỊ, ĐỀ XUẤT", bold=True),
    P(text="Đề nghị Trung ương hỗ trợ tài liệu bằng tiếng dân tộc."))
EXPECTED["parts.docx"] = {
    "lanh_dao_chi_dao": ["Ủy ban nhân dân tỉnh ban hành kế hoạch thông tin đối ngoại năm 2021."],
    "tap_huan": ["Mở 3 lớp bồi dưỡng kiến thức đối ngoại cho cán bộ cấp xã."],
    "phuong_huong": ["Đẩy mạnh thông tin đối ngoại trên các nền tảng số."],
    "kien_nghi": ["Đề nghị Trung ương hỗ trợ tài liệu bằng tiếng dân tộc."],
    OUT: ["Trần Văn B"],
}

# --- the whole report in the one cell of a frame, letterhead and signature included ------------
SOURCES["one_cell.html"] = html(
    '<table border="1"><tr><td>'
    "<p>UBND TỈNH QUẢNG NINH</p><p><b>SỞ NGOẠI VỤ</b></p>"
    "<p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p>Độc lập - Tự do - Hạnh phúc</p>"
    '<p align="center"><b>BÁO CÁO</b></p><p align="center"><b>Công tác thông tin đối ngoại 6 '
    "tháng đầu năm 2021</b></p>"
    "<p><b>I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO</b></p><p>Sở ban hành hướng dẫn thực hiện Nghị định "
    "72 về thông tin đối ngoại.</p>"
    "<p><b>II. KẾT QUẢ THỰC HIỆN</b></p>"
    "<p><b>1. Quản lý phóng viên nước ngoài</b></p><p>Hướng dẫn 6 đoàn phóng viên nước ngoài "
    "tác nghiệp tại tỉnh.</p>"
    "<p><b>III. KIẾN NGHỊ</b></p><p>Đề nghị Bộ Ngoại giao hướng dẫn quy trình cấp phép.</p>"
    "<p><b>Nơi nhận:</b></p><p>- Như trên;</p><p><b>GIÁM ĐỐC</b></p><p>Phạm Văn Đức</p>"
    "</td></tr></table>")
EXPECTED["one_cell.html"] = {
    "lanh_dao_chi_dao": ["Sở ban hành hướng dẫn thực hiện Nghị định 72 về thông tin đối ngoại."],
    "cung_cap_thong_tin": ["Hướng dẫn 6 đoàn phóng viên nước ngoài tác nghiệp tại tỉnh."],
    "kien_nghi": ["Đề nghị Bộ Ngoại giao hướng dẫn quy trình cấp phép."],
    OUT: ["Phạm Văn Đức", "Như trên;", "Độc lập - Tự do - Hạnh phúc"],
}

# --- bold headings ending in a colon, a signature table with no «Nơi nhận» ----------------------
SOURCES["colon_headings.html"] = html(
    LETTERHEAD, TITLE, "<p>Kính gửi: Ban Chỉ đạo công tác thông tin đối ngoại tỉnh.</p>",
    "<p><b>1. Công tác lãnh đạo, chỉ đạo:</b></p><p>Ban Giám đốc giao phòng chuyên môn theo dõi "
    "công tác thông tin đối ngoại.</p>",
    "<p><b>2. Kết quả thực hiện:</b></p>",
    "<p><b>- Về tuyên truyền biển, đảo:</b></p><p>Tổ chức cuộc thi tìm hiểu chủ quyền biển, "
    "đảo cho học sinh.</p>",
    "<p><b>- Về tập huấn:</b></p><p>Cử 12 lượt cán bộ dự lớp bồi dưỡng của Bộ.</p>",
    "<p><b>3. Khó khăn, vướng mắc:</b></p><p>Thiếu cán bộ biết ngoại ngữ.</p>",
    "<p><b>4. Đề xuất:</b></p><p>Đề nghị tỉnh bổ sung kinh phí dịch thuật.</p>",
    '<table><tr><td></td><td><p><b>KT. GIÁM ĐỐC</b></p><p><b>PHÓ GIÁM ĐỐC</b></p>'
    "<p>Hoàng Minh Tuấn</p></td></tr></table>")
EXPECTED["colon_headings.html"] = {
    "lanh_dao_chi_dao": ["Ban Giám đốc giao phòng chuyên môn theo dõi công tác thông tin đối "
                         "ngoại."],
    "bien_dao": ["Tổ chức cuộc thi tìm hiểu chủ quyền biển, đảo cho học sinh."],
    "tap_huan": ["Cử 12 lượt cán bộ dự lớp bồi dưỡng của Bộ."],
    "han_che": ["Thiếu cán bộ biết ngoại ngữ."],
    "kien_nghi": ["Đề nghị tỉnh bổ sung kinh phí dịch thuật."],
    OUT: ["Hoàng Minh Tuấn", "PHÓ GIÁM ĐỐC", "Ban Chỉ đạo công tác thông tin đối ngoại tỉnh."],
}

# --- an agency's outline: results first, reordered, «tồn tại, hạn chế và nguyên nhân» merged ----
SOURCES["reordered.html"] = html(
    LETTERHEAD, TITLE,
    "<p><b>I. KẾT QUẢ ĐẠT ĐƯỢC</b></p>",
    "<p><b>1. Công tác tham mưu, chỉ đạo</b></p><p>Tham mưu UBND tỉnh ban hành Kế hoạch số 88."
    "</p>",
    "<p><b>2. Quảng bá, xúc tiến đầu tư, du lịch</b></p><p>Tham gia 2 hội chợ du lịch quốc tế "
    "tại Thái Lan.</p>",
    "<p><b>3. Đối ngoại nhân dân</b></p><p>Phối hợp Liên hiệp các tổ chức hữu nghị đón đoàn "
    "thanh niên Lào.</p>",
    "<p><b>II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN</b></p>",
    "<p>Một số hoạt động quảng bá còn hình thức, hạn chế về chiều sâu.</p>",
    "<p>Nguyên nhân chủ yếu là kinh phí bố trí muộn.</p>",
    "<p><b>III. KIẾN NGHỊ</b></p><p>Đề nghị bố trí kinh phí từ đầu năm.</p>",
    "<p><b>IV. NHIỆM VỤ, GIẢI PHÁP</b></p><p>Xây dựng video quảng bá bằng tiếng Hàn.</p>",
    SIGNATURE)
EXPECTED["reordered.html"] = {
    "lanh_dao_chi_dao": ["Tham mưu UBND tỉnh ban hành Kế hoạch số 88."],
    "quang_ba": ["Tham gia 2 hội chợ du lịch quốc tế tại Thái Lan."],
    "doi_ngoai_nhan_dan": ["Phối hợp Liên hiệp các tổ chức hữu nghị đón đoàn thanh niên Lào."],
    "han_che": ["Một số hoạt động quảng bá còn hình thức, hạn chế về chiều sâu."],
    "nguyen_nhan": ["Nguyên nhân chủ yếu là kinh phí bố trí muộn."],
    "kien_nghi": ["Đề nghị bố trí kinh phí từ đầu năm."],
    "phuong_huong": ["Xây dựng video quảng bá bằng tiếng Hàn."],
    OUT: ["Trần Văn B"],
}

# --- a)/b) auto-numbered run-in points in a custom style, a signer's block in one paragraph ----
SOURCES["points_run_in.docx"] = _styled_docx(
    P(text="I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", bold=True),
    P(text="Ban hành văn bản chỉ đạo các phòng, ban."),
    P(text="II. KẾT QUẢ THỰC HIỆN", bold=True),
    P(wordxml.r("Báo chí:", bold=True), wordxml.r(" Đăng 96 tin, bài trên báo Nhân Dân."),
      style="Muca"),
    P(text="Trang thông tin điện tử: cập nhật 210 tin, bài về đối ngoại của tỉnh.",
      style="Muca"),
    P(text="III. HẠN CHẾ", bold=True),
    P(text="Chưa có cán bộ chuyên trách."),
    P(wordxml.r("TM. ỦY BAN NHÂN DÂN", bold=True), "<w:r><w:br/></w:r>",
      wordxml.r("KT. CHỦ TỊCH", bold=True), "<w:r><w:br/></w:r>",
      wordxml.r("PHÓ CHỦ TỊCH", bold=True)),
    P(text="Vũ Văn Diện", bold=True))
EXPECTED["points_run_in.docx"] = {
    "lanh_dao_chi_dao": ["Ban hành văn bản chỉ đạo các phòng, ban."],
    "bao_chi": ["Đăng 96 tin, bài trên báo Nhân Dân."],
    "cong_thong_tin": ["cập nhật 210 tin, bài về đối ngoại của tỉnh."],
    "han_che": ["Chưa có cán bộ chuyên trách."],
    OUT: ["Vũ Văn Diện", "PHÓ CHỦ TỊCH"],
}

LIBREOFFICE = [name for name in SOURCES if not name.endswith(".docx")]


def _plain(lines) -> str:
    return " ".join(plain_text("\n".join(lines)).split())


def placements(report) -> dict[str, str | None]:
    """{sentence: where the reading put it} over every expected sentence of the report."""
    sections = {sid: _plain(lines) for sid, lines in report.sections.items()}
    other = _plain(line for _, lines in report.other for line in lines)
    return sections, other


def judge(name: str, report) -> list[tuple[str, str | None, str]]:
    """(sentence, where it belongs, where it went) for every expected sentence of `name`;
    `report` None when the file was refused."""
    out = []
    sections, other = placements(report) if report is not None else ({}, "")
    for expected, sentences in EXPECTED[name].items():
        for sentence in sentences:
            wanted = " ".join(sentence.split())
            found = [sid for sid, text in sections.items() if wanted in text]
            if wanted in other:
                found.append(None)
            if report is None:
                went = "từ chối"
            elif not found:
                went = OUT
            elif len(found) > 1:
                went = "+".join(str(f) for f in found)
            else:
                went = found[0]
            out.append((sentence, expected, went))
    return out


def right(results) -> int:
    return sum(1 for _, expected, went in results if expected == went)


def counts_sentence(sentence: str) -> bool:
    return bool(re.search(r"\w", sentence))


def files(folder) -> dict[tuple[str, str], bytes]:
    """{(source name, format): bytes}: the hand-written .docx as they are, the others as
    LibreOffice saves them in .docx, .odt, .rtf and .doc (Word 97–2003)."""
    out = {(name, "docx"): data for name, data in SOURCES.items() if name.endswith(".docx")}
    sources = {name: SOURCES[name] for name in LIBREOFFICE}
    for suffix, to in (("docx", "docx:MS Word 2007 XML"), ("odt", "odt"),
                       ("rtf", "rtf:Rich Text Format"), ("doc", "doc:MS Word 97")):
        converted = lofiles.convert_all(Path(folder) / suffix, to=to, sources=sources) or {}
        out.update({(name, suffix): data for name, data in converted.items()})
    return out


def measure(form, folder, agencies) -> list[tuple[str, str, list]]:
    """(source, format, judged sentences) for every file of the corpus."""
    out = []
    for (name, suffix), data in sorted(files(folder).items()):
        try:
            report = import_word_report(f"bao-cao.{suffix}", data, form, agencies)
        except PackageError:
            report = None
        out.append((name, suffix, judge(name, report)))
    return out


if __name__ == "__main__":  # python -m tests.layoutcorpus: the share placed right, per file
    import sys
    import tempfile

    from ttdn_desktop.core.forms import FormLibrary
    form = FormLibrary.from_dirs([Path(__file__).resolve().parent.parent / "forms"]).latest()
    results = measure(form, tempfile.mkdtemp(), [("SNGV", "Sở Ngoại vụ"),
                                                 ("CAT", "Công an tỉnh")])
    total = good = 0
    for name, suffix, judged in results:
        total += len(judged)
        good += right(judged)
        print(f"{name:28} {suffix:5} {right(judged):3}/{len(judged):3}")
        if "-v" in sys.argv:
            for sentence, expected, went in judged:
                if expected != went:
                    print(f"    {sentence[:60]!r}: {expected} -> {went}")
    print(f"tổng: {good}/{total} = {100 * good / max(total, 1):.1f} %")
