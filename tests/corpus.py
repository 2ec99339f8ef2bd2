"""A corpus of reports written the way provincial agencies write them, with where each sentence
belongs and which figures may be stored: State and Party letterheads, typed and automatic
numbering, headings in bold, run into their text or of the agency's own outline, a table of
figures with merged headers, text in a legacy TCVN3 font, approximations and comparisons with
last year in sentences.

Same shape as tests/layoutcorpus.py (branch i21-layouts): SOURCES {name: HTML or flat ODF},
EXPECTED {name: {section id | None (unplaced) | OUT (letterhead, signature): [sentences]}};
and FIGURES {name: {(indicator, member): value}} that `--accept-figures` may store, LEFT_OUT
{name: [(indicator, member)]} that must be named and never stored. tests/corpusrun.py makes
every file in every format and measures the import on them."""

from __future__ import annotations

import unicodedata

from ttdn_desktop.core.legacy import TCVN3_TABLE
from ttdn_desktop.core.forms import TOTAL

from .lofiles import FODT_HEAD, html

OUT = "-"

SOURCES: dict[str, str] = {}
EXPECTED: dict[str, dict[str | None, list[str]]] = {}
FIGURES: dict[str, dict[tuple[str, str], int | float]] = {}
LEFT_OUT: dict[str, list[tuple[str, str]]] = {}


def _state(province: str, agency: str, number: str, place: str, date: str) -> str:
    return (f"<table><tr><td><p>UBND TỈNH {province}</p><p><b>{agency}</b></p><p>Số: {number}"
            "</p></td><td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p><b>Độc lập - Tự do "
            f"- Hạnh phúc</b></p><p><i>{place}, ngày {date}</i></p></td></tr></table>")


def _party(above: str, agency: str, number: str, place: str, date: str) -> str:
    return (f"<table><tr><td><p>{above}</p><p><b>{agency}</b></p><p>*</p><p>Số {number}</p>"
            "</td><td><p><b><u>ĐẢNG CỘNG SẢN VIỆT NAM</u></b></p>"
            f"<p><i>{place}, ngày {date}</i></p></td></tr></table>")


def _signature(title: str, name: str, deputy: str = "") -> str:
    deputy = f"<p><b>{deputy}</b></p>" if deputy else ""
    return ("<table><tr><td><p><b><i>Nơi nhận:</i></b></p><p>- Ban Chỉ đạo TTĐN tỉnh;</p>"
            f"<p>- Lưu: VT.</p></td><td><p><b>{title}</b></p>{deputy}<p><i>(Đã ký)</i></p>"
            f"<p><b>{name}</b></p></td></tr></table>")


def _title(subject: str) -> str:
    return (f'<p align="center"><b>BÁO CÁO</b></p><p align="center"><b>{subject}</b></p>'
            '<p align="center">-----</p>')


def _p(text: str, bold: bool = False) -> str:
    return f"<p><b>{text}</b></p>" if bold else f"<p>{text}</p>"


def tcvn3(text: str) -> str:
    """Unicode text as a TCVN3 font's user typed it: each letter the byte TCVN3 gives it,
    stored as that byte's Windows-1252 character (what a .doc or .docx holds)."""
    byte_of = {}
    for value, char in sorted(TCVN3_TABLE.items(), reverse=True):
        byte_of.setdefault(char, value)
    out = []
    for char in unicodedata.normalize("NFC", text):
        value = byte_of.get(char) if ord(char) > 0x7F else None
        if value is None and ord(char) > 0x7F:  # a capital TCVN3 has no byte for: lower case
            value = byte_of.get(char.lower())
        out.append(char if value is None else bytes([value]).decode("cp1252", "replace")
                   if value >= 0x80 and bytes([value]) not in (b"\x81", b"\x8d", b"\x8f",
                                                                b"\x90", b"\x9d")
                   else chr(value))
    return "".join(out)


# --- 1. a department of the provincial People's Committee: typed I./1./a), bullets ----------------
SOURCES["so_ngoai_vu.html"] = html(
    _state("BẮC GIANG", "SỞ NGOẠI VỤ", "58/BC-SNV", "Bắc Giang", "15 tháng 6 năm 2022"),
    _title("Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022"),
    _p("Thực hiện Kế hoạch số 20/KH-BCĐ của Ban Chỉ đạo công tác thông tin đối ngoại tỉnh, "
       "Sở Ngoại vụ báo cáo như sau:"),
    _p("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", True),
    _p("Sở tham mưu UBND tỉnh ban hành Kế hoạch thông tin đối ngoại năm 2022."),
    _p("Lãnh đạo Sở giao Phòng Hợp tác quốc tế theo dõi, đôn đốc các đơn vị."),
    _p("II. KẾT QUẢ THỰC HIỆN", True),
    _p("1. Thông tin, tuyên truyền trên báo chí, phát thanh, truyền hình", True),
    _p("Phối hợp với Báo Bắc Giang đăng 126 tin, bài về hoạt động đối ngoại của tỉnh."),
    _p("2. Xuất bản ấn phẩm, tài liệu thông tin đối ngoại", True),
    _p("Phát hành 2.500 bản tài liệu giới thiệu tiềm năng, cơ hội đầu tư."),
    "<ul><li>gửi các cơ quan đại diện Việt Nam ở nước ngoài;</li>"
    "<li>gửi các doanh nghiệp FDI trên địa bàn.</li></ul>",
    _p("3. Đối ngoại nhân dân", True),
    _p("Đón tiếp 6 đoàn khách quốc tế đến thăm và làm việc tại tỉnh."),
    _p("III. HẠN CHẾ, TỒN TẠI", True),
    _p("Đội ngũ làm công tác thông tin đối ngoại còn kiêm nhiệm."),
    _p("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM", True),
    _p("Tiếp tục quảng bá hình ảnh Bắc Giang tới bạn bè quốc tế."),
    _p("V. KIẾN NGHỊ, ĐỀ XUẤT", True),
    _p("Đề nghị Ban Chỉ đạo tỉnh hỗ trợ kinh phí biên dịch tài liệu."),
    _signature("KT. GIÁM ĐỐC", "Nguyễn Văn Hùng", "PHÓ GIÁM ĐỐC"))
EXPECTED["so_ngoai_vu.html"] = {
    "lanh_dao_chi_dao": ["Sở tham mưu UBND tỉnh ban hành Kế hoạch thông tin đối ngoại năm 2022.",
                         "Lãnh đạo Sở giao Phòng Hợp tác quốc tế theo dõi, đôn đốc các đơn vị."],
    "bao_chi": ["Phối hợp với Báo Bắc Giang đăng 126 tin, bài về hoạt động đối ngoại của tỉnh."],
    "an_pham": ["Phát hành 2.500 bản tài liệu giới thiệu tiềm năng, cơ hội đầu tư.",
                "gửi các cơ quan đại diện Việt Nam ở nước ngoài;"],
    "doi_ngoai_nhan_dan": ["Đón tiếp 6 đoàn khách quốc tế đến thăm và làm việc tại tỉnh."],
    "han_che": ["Đội ngũ làm công tác thông tin đối ngoại còn kiêm nhiệm."],
    "phuong_huong": ["Tiếp tục quảng bá hình ảnh Bắc Giang tới bạn bè quốc tế."],
    "kien_nghi": ["Đề nghị Ban Chỉ đạo tỉnh hỗ trợ kinh phí biên dịch tài liệu."],
    OUT: ["Nguyễn Văn Hùng", "PHÓ GIÁM ĐỐC", "Độc lập - Tự do - Hạnh phúc", "Số: 58/BC-SNV"],
}
FIGURES["so_ngoai_vu.html"] = {("tin_bai_bao_chi", TOTAL): 126, ("ban_an_pham", TOTAL): 2500,
                               ("doan_quoc_te", TOTAL): 6}

# --- 2. a Party committee's board: Party letterhead, «I- / 1-», signed «T/M» ------------------
SOURCES["ban_tuyen_giao.html"] = html(
    _party("TỈNH ỦY THÁI NGUYÊN", "BAN TUYÊN GIÁO", "112-BC/BTGTU", "Thái Nguyên",
           "20 tháng 9 năm 2022"),
    _title("công tác thông tin đối ngoại 9 tháng đầu năm 2022"),
    _p("I- CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", True),
    _p("Ban Thường vụ Tỉnh ủy ban hành Chỉ thị về tăng cường công tác thông tin đối ngoại."),
    _p("II- KẾT QUẢ THỰC HIỆN", True),
    _p("1- Công tác thông tin qua đội ngũ báo cáo viên", True),
    _p("Tổ chức 14 hội nghị báo cáo viên cấp tỉnh, trong đó 9 hội nghị có nội dung thông tin "
       "đối ngoại."),
    _p("2- Đấu tranh, phản bác thông tin sai trái, xuyên tạc", True),
    _p("Ban Chỉ đạo 35 của tỉnh viết 27 bài đấu tranh, phản bác các quan điểm sai trái."),
    _p("3- Tuyên truyền về biển, đảo, biên giới", True),
    _p("Phối hợp tổ chức triển lãm bản đồ và trưng bày tư liệu Hoàng Sa, Trường Sa."),
    _p("III- ĐÁNH GIÁ CHUNG", True),
    _p("1- Ưu điểm", True),
    _p("Công tác thông tin đối ngoại được cấp ủy các cấp quan tâm."),
    _p("2- Hạn chế", True),
    _p("Việc phối hợp giữa một số ngành còn chưa chặt chẽ."),
    _p("IV- NHIỆM VỤ TRỌNG TÂM QUÝ IV", True),
    _p("Tuyên truyền kỷ niệm ngày thiết lập quan hệ ngoại giao với các nước láng giềng."),
    _signature("T/M BAN TUYÊN GIÁO", "Hoàng Anh Trung", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"))
EXPECTED["ban_tuyen_giao.html"] = {
    "lanh_dao_chi_dao": ["Ban Thường vụ Tỉnh ủy ban hành Chỉ thị về tăng cường công tác thông "
                         "tin đối ngoại."],
    "ket_qua": ["Tổ chức 14 hội nghị báo cáo viên cấp tỉnh, trong đó 9 hội nghị có nội dung "
                "thông tin đối ngoại."],
    "dau_tranh": ["Ban Chỉ đạo 35 của tỉnh viết 27 bài đấu tranh, phản bác các quan điểm sai "
                  "trái."],
    "bien_dao": ["Phối hợp tổ chức triển lãm bản đồ và trưng bày tư liệu Hoàng Sa, Trường Sa."],
    "uu_diem": ["Công tác thông tin đối ngoại được cấp ủy các cấp quan tâm."],
    "han_che": ["Việc phối hợp giữa một số ngành còn chưa chặt chẽ."],
    "phuong_huong": ["Tuyên truyền kỷ niệm ngày thiết lập quan hệ ngoại giao với các nước láng "
                     "giềng."],
    OUT: ["Hoàng Anh Trung", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC", "ĐẢNG CỘNG SẢN VIỆT NAM",
          "Số 112-BC/BTGTU"],
}
FIGURES["ban_tuyen_giao.html"] = {("hoi_nghi_bcv", TOTAL): 14, ("hoi_nghi_bcv_ttdn", TOTAL): 9,
                                  ("bai_phan_bac", TOTAL): 27}

# --- 3. automatic numbering (Word lists: I., 1., a)) and no «Nơi nhận» -------------------------
SOURCES["tu_dong.html"] = html(
    _state("LẠNG SƠN", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "77/BC-STTTT", "Lạng Sơn",
           "05 tháng 12 năm 2022"),
    _title("Kết quả công tác thông tin đối ngoại năm 2022"),
    '<ol type="I"><li><b>CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO</b></li></ol>',
    _p("Sở hướng dẫn các cơ quan báo chí địa phương tuyên truyền về hợp tác biên giới."),
    '<ol type="I" start="2"><li><b>KẾT QUẢ THỰC HIỆN</b></li></ol>',
    "<ol><li><b>Cổng/trang thông tin điện tử và mạng xã hội</b></li></ol>",
    _p("Cổng thông tin điện tử tỉnh đăng 340 tin, bài về hoạt động đối ngoại."),
    _p("Trang fanpage của Sở có thêm nhiều người theo dõi."),
    '<ol start="2"><li><b>Cung cấp thông tin cho báo chí</b></li></ol>',
    _p("Tổ chức 4 cuộc họp báo định kỳ cung cấp thông tin cho báo chí."),
    '<ol type="a"><li><b>Quản lý phóng viên nước ngoài</b></li></ol>',
    _p("Hướng dẫn 3 đoàn phóng viên nước ngoài đến tác nghiệp tại cửa khẩu."),
    '<ol type="I" start="3"><li><b>PHƯƠNG HƯỚNG NĂM 2023</b></li></ol>',
    _p("Nâng cấp chuyên mục tiếng Trung trên cổng thông tin điện tử."),
    '<table><tr><td></td><td><p><b>GIÁM ĐỐC</b></p><p>Lương Văn Tiến</p></td></tr></table>')
EXPECTED["tu_dong.html"] = {
    "lanh_dao_chi_dao": ["Sở hướng dẫn các cơ quan báo chí địa phương tuyên truyền về hợp tác "
                         "biên giới."],
    "cong_thong_tin": ["Cổng thông tin điện tử tỉnh đăng 340 tin, bài về hoạt động đối ngoại.",
                       "Trang fanpage của Sở có thêm nhiều người theo dõi."],
    "cung_cap_thong_tin": ["Tổ chức 4 cuộc họp báo định kỳ cung cấp thông tin cho báo chí.",
                           "Hướng dẫn 3 đoàn phóng viên nước ngoài đến tác nghiệp tại cửa "
                           "khẩu."],
    "phuong_huong": ["Nâng cấp chuyên mục tiếng Trung trên cổng thông tin điện tử."],
    OUT: ["Lương Văn Tiến", "Độc lập - Tự do - Hạnh phúc"],
}
FIGURES["tu_dong.html"] = {("tin_bai_cong_ttdt", TOTAL): 340, ("hop_bao", TOTAL): 4,
                           ("doan_phong_vien_nn", TOTAL): 3}

# --- 4. a table of figures with merged headers, last year beside this year ------------------------
SOURCES["bang_so_lieu.html"] = html(
    _state("QUẢNG NINH", "SỞ VĂN HÓA VÀ THỂ THAO", "201/BC-SVHTT", "Quảng Ninh",
           "10 tháng 6 năm 2022"),
    _title("Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022"),
    _p("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", True),
    _p("Sở ban hành văn bản hướng dẫn lồng ghép thông tin đối ngoại trong hoạt động văn hóa."),
    _p("II. KẾT QUẢ THỰC HIỆN", True),
    _p("1. Quảng bá hình ảnh, xúc tiến du lịch", True),
    _p("Sở tham gia hội chợ du lịch quốc tế tại Hà Nội với gian hàng riêng của tỉnh."),
    _p("2. Xuất bản ấn phẩm, tài liệu", True),
    _p("Các ấn phẩm quảng bá được in song ngữ Việt - Anh."),
    _p("III. SỐ LIỆU THỐNG KÊ", True),
    '<table border="1"><tr><td rowspan="2">TT</td><td rowspan="2">Chỉ tiêu</td>'
    '<td rowspan="2">Đơn vị tính</td><td colspan="2">Kết quả</td><td rowspan="2">So sánh (%)'
    "</td></tr><tr><td>6 tháng đầu năm 2022</td><td>Cùng kỳ năm 2021</td></tr>"
    "<tr><td>1</td><td>Sự kiện quảng bá, hội chợ, hội nghị xúc tiến có nội dung thông tin đối "
    "ngoại</td><td>sự kiện</td><td>4</td><td>2</td><td>200</td></tr>"
    "<tr><td>2</td><td>Số bản ấn phẩm, tài liệu phát hành</td><td>bản</td><td>5 200</td>"
    "<td>3 000</td><td>173</td></tr>"
    "<tr><td>3</td><td>Đoàn khách quốc tế được đón tiếp</td><td>đoàn</td><td>11</td><td>5</td>"
    "<td>220</td></tr></table>",
    _p("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ", True),
    _p("Xây dựng bộ video quảng bá điểm đến bằng tiếng Hàn."),
    _signature("GIÁM ĐỐC", "Phạm Thị Lan"))
EXPECTED["bang_so_lieu.html"] = {
    "lanh_dao_chi_dao": ["Sở ban hành văn bản hướng dẫn lồng ghép thông tin đối ngoại trong "
                         "hoạt động văn hóa."],
    "quang_ba": ["Sở tham gia hội chợ du lịch quốc tế tại Hà Nội với gian hàng riêng của tỉnh."],
    "an_pham": ["Các ấn phẩm quảng bá được in song ngữ Việt - Anh."],
    "phuong_huong": ["Xây dựng bộ video quảng bá điểm đến bằng tiếng Hàn."],
    OUT: ["Phạm Thị Lan", "Độc lập - Tự do - Hạnh phúc"],
}
FIGURES["bang_so_lieu.html"] = {("su_kien_quang_ba", TOTAL): 4, ("ban_an_pham", TOTAL): 5200,
                                ("doan_quoc_te", TOTAL): 11}

# --- 5. run-in headings: «1. Báo chí: Trong kỳ, …» in one paragraph ------------------------------
SOURCES["chay_lien.html"] = html(
    _state("HÀ GIANG", "ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH", "19/BC-PTTH", "Hà Giang",
           "08 tháng 6 năm 2022"),
    _title("Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022"),
    "<p><b>I. Công tác lãnh đạo, chỉ đạo:</b> Ban Giám đốc Đài xây dựng kế hoạch tuyên truyền "
    "đối ngoại hằng quý.</p>",
    _p("II. KẾT QUẢ THỰC HIỆN", True),
    "<p><b>1. Báo chí, phát thanh, truyền hình:</b> Trong kỳ, Đài sản xuất 85 tin, bài, phóng "
    "sự về hợp tác quốc tế.</p>",
    "<p><b>2. Tuyên truyền về biên giới:</b> Đài phát sóng chuyên mục «Biên cương Tổ quốc» "
    "hằng tuần.</p>",
    "<p><b>3. Tập huấn, bồi dưỡng:</b> Cử 8 lượt phóng viên tham dự lớp bồi dưỡng nghiệp vụ "
    "thông tin đối ngoại.</p>",
    "<p><b>III. Tồn tại, hạn chế:</b> Thiết bị sản xuất chương trình còn lạc hậu.</p>",
    "<p><b>IV. Kiến nghị:</b> Đề nghị hỗ trợ kinh phí mua sắm thiết bị.</p>",
    _signature("GIÁM ĐỐC", "Vương Văn Sơn"))
EXPECTED["chay_lien.html"] = {
    "lanh_dao_chi_dao": ["Ban Giám đốc Đài xây dựng kế hoạch tuyên truyền đối ngoại hằng quý."],
    "bao_chi": ["Trong kỳ, Đài sản xuất 85 tin, bài, phóng sự về hợp tác quốc tế."],
    "bien_dao": ["Đài phát sóng chuyên mục «Biên cương Tổ quốc» hằng tuần."],
    "tap_huan": ["Cử 8 lượt phóng viên tham dự lớp bồi dưỡng nghiệp vụ thông tin đối ngoại."],
    "han_che": ["Thiết bị sản xuất chương trình còn lạc hậu."],
    "kien_nghi": ["Đề nghị hỗ trợ kinh phí mua sắm thiết bị."],
    OUT: ["Vương Văn Sơn"],
}
FIGURES["chay_lien.html"] = {("tin_bai_bao_chi", TOTAL): 85, ("luot_tap_huan", TOTAL): 8}

# --- 6. bold headings with no numbers --------------------------------------------------------------
SOURCES["dam_khong_so.html"] = html(
    _state("NGHỆ AN", "BAN QUẢN LÝ KHU KINH TẾ ĐÔNG NAM", "33/BC-KKT", "Nghệ An",
           "12 tháng 6 năm 2022"),
    _title("Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022"),
    _p("CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", True),
    _p("Ban Quản lý quán triệt Nghị định 72/2015/NĐ-CP tới cán bộ, công chức."),
    _p("KẾT QUẢ THỰC HIỆN", True),
    _p("Quảng bá, xúc tiến đầu tư", True),
    _p("Tổ chức 3 hội nghị xúc tiến đầu tư với doanh nghiệp Hàn Quốc và Nhật Bản."),
    _p("Cung cấp thông tin cho báo chí", True),
    _p("Trả lời phỏng vấn báo chí về tiến độ các dự án lớn."),
    _p("ĐÁNH GIÁ CHUNG", True),
    _p("Những hạn chế", True),
    _p("Tài liệu xúc tiến bằng tiếng nước ngoài còn ít."),
    _p("Nguyên nhân", True),
    _p("Kinh phí dành cho biên dịch chưa được bố trí."),
    _p("PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM", True),
    _p("Hoàn thiện bộ tài liệu xúc tiến đầu tư bằng tiếng Anh."),
    _signature("TRƯỞNG BAN", "Lê Tiến Trị"))
EXPECTED["dam_khong_so.html"] = {
    "lanh_dao_chi_dao": ["Ban Quản lý quán triệt Nghị định 72/2015/NĐ-CP tới cán bộ, công chức."],
    "quang_ba": ["Tổ chức 3 hội nghị xúc tiến đầu tư với doanh nghiệp Hàn Quốc và Nhật Bản."],
    "cung_cap_thong_tin": ["Trả lời phỏng vấn báo chí về tiến độ các dự án lớn."],
    "han_che": ["Tài liệu xúc tiến bằng tiếng nước ngoài còn ít."],
    "nguyen_nhan": ["Kinh phí dành cho biên dịch chưa được bố trí."],
    "phuong_huong": ["Hoàn thiện bộ tài liệu xúc tiến đầu tư bằng tiếng Anh."],
    OUT: ["Lê Tiến Trị"],
}
FIGURES["dam_khong_so.html"] = {("su_kien_quang_ba", TOTAL): 3}

# --- 7. an agency's own outline: renamed headings, a sentence that fits none ---------------------
SOURCES["de_muc_rieng.html"] = html(
    _state("ĐIỆN BIÊN", "BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG", "145/BC-BCH", "Điện Biên",
           "14 tháng 6 năm 2022"),
    _title("Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022"),
    _p("1. Việc triển khai các văn bản của cấp trên", True),
    _p("Đảng ủy Bộ đội Biên phòng tỉnh ban hành Nghị quyết chuyên đề về đối ngoại biên phòng."),
    _p("2. Tuyên truyền chủ quyền lãnh thổ, biên giới quốc gia", True),
    _p("Tổ chức 42 buổi tuyên truyền pháp luật về biên giới cho nhân dân các xã biên giới."),
    _p("3. Giao lưu hữu nghị với lực lượng bảo vệ biên giới nước bạn", True),
    _p("Tổ chức giao lưu hữu nghị với Bộ Chỉ huy Quân sự tỉnh Phông Sa Lỳ, Lào."),
    _p("4. Khó khăn, vướng mắc", True),
    _p("Địa bàn rộng, giao thông đi lại khó khăn vào mùa mưa."),
    _p("5. Đề xuất", True),
    _p("Đề nghị cấp thêm tài liệu tuyên truyền bằng tiếng dân tộc."),
    _signature("CHỈ HUY TRƯỞNG", "Đại tá Phạm Văn Hà"))
EXPECTED["de_muc_rieng.html"] = {
    "lanh_dao_chi_dao": ["Đảng ủy Bộ đội Biên phòng tỉnh ban hành Nghị quyết chuyên đề về đối "
                         "ngoại biên phòng."],
    "bien_dao": ["Tổ chức 42 buổi tuyên truyền pháp luật về biên giới cho nhân dân các xã biên "
                 "giới."],
    "doi_ngoai_nhan_dan": ["Tổ chức giao lưu hữu nghị với Bộ Chỉ huy Quân sự tỉnh Phông Sa Lỳ, "
                           "Lào."],
    "han_che": ["Địa bàn rộng, giao thông đi lại khó khăn vào mùa mưa."],
    "kien_nghi": ["Đề nghị cấp thêm tài liệu tuyên truyền bằng tiếng dân tộc."],
    OUT: ["Đại tá Phạm Văn Hà"],
}
FIGURES["de_muc_rieng.html"] = {}

# --- 8. a report typed in a TCVN3 (.VnTime) font --------------------------------------------------
_VN = '<font face=".VnTime">'
_VNH = '<font face=".VnTimeH">'


def _legacy(text: str, bold: bool = False, capitals: bool = False) -> str:
    inner = (_VNH if capitals else _VN) + tcvn3(text.lower() if capitals else text) + "</font>"
    return f"<p><b>{inner}</b></p>" if bold else f"<p>{inner}</p>"


SOURCES["tcvn3.html"] = html(
    _state("CAO BẰNG", "SỞ NGOẠI VỤ", "41/BC-SNgV", "Cao Bằng", "09 tháng 6 năm 2022"),
    _title("Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022"),
    _legacy("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", True, capitals=True),
    _legacy("Sở ban hành hướng dẫn công tác thông tin đối ngoại cho các huyện biên giới."),
    _legacy("II. KẾT QUẢ THỰC HIỆN", True, capitals=True),
    _legacy("1. Thông tin, tuyên truyền trên báo chí, phát thanh, truyền hình", True),
    _legacy("Báo Cao Bằng đăng 64 tin, bài về hợp tác với tỉnh Quảng Tây."),
    _legacy("2. Tập huấn, bồi dưỡng nghiệp vụ", True),
    _legacy("Mở 2 lớp tập huấn nghiệp vụ thông tin đối ngoại cho cán bộ cấp huyện."),
    _legacy("III. KIẾN NGHỊ", True, capitals=True),
    _legacy("Đề nghị bố trí thêm biên chế biết tiếng Trung."),
    _signature("GIÁM ĐỐC", "Nông Văn Chiến"))
EXPECTED["tcvn3.html"] = {
    "lanh_dao_chi_dao": ["Sở ban hành hướng dẫn công tác thông tin đối ngoại cho các huyện biên "
                         "giới."],
    "bao_chi": ["Báo Cao Bằng đăng 64 tin, bài về hợp tác với tỉnh Quảng Tây."],
    "tap_huan": ["Mở 2 lớp tập huấn nghiệp vụ thông tin đối ngoại cho cán bộ cấp huyện."],
    "kien_nghi": ["Đề nghị bố trí thêm biên chế biết tiếng Trung."],
    OUT: ["Nông Văn Chiến"],
}
FIGURES["tcvn3.html"] = {("tin_bai_bao_chi", TOTAL): 64, ("lop_tap_huan", TOTAL): 2}

# --- 9. approximations, ranges, changes on last year, last year's figures, a plan ----------------
SOURCES["uoc_luong.html"] = html(
    _state("LÀO CAI", "SỞ NGOẠI VỤ", "90/BC-SNgV", "Lào Cai", "16 tháng 6 năm 2022"),
    _title("Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022"),
    _p("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", True),
    _p("Sở tham mưu ban hành Kế hoạch số 115/KH-UBND ngày 12/3/2022."),
    _p("II. KẾT QUẢ THỰC HIỆN", True),
    _p("1. Thông tin, tuyên truyền trên báo chí, phát thanh, truyền hình", True),
    _p("Các cơ quan báo chí đăng hơn 300 tin, bài về đối ngoại, tăng 45 tin, bài so với cùng "
       "kỳ."),
    _p("2. Cung cấp thông tin cho báo chí", True),
    _p("Tổ chức 5 cuộc họp báo (cùng kỳ năm 2021 là 3 cuộc)."),
    _p("3. Tập huấn, bồi dưỡng nghiệp vụ", True),
    _p("Tổ chức 03 lớp tập huấn cho khoảng 200–250 lượt học viên."),
    _p("4. Đối ngoại nhân dân", True),
    _p("Mỗi quý đón từ 2 đến 3 đoàn khách quốc tế của các tổ chức phi chính phủ."),
    _p("III. PHƯƠNG HƯỚNG, NHIỆM VỤ", True),
    _p("Dự kiến tổ chức 02 lớp tập huấn trong 6 tháng cuối năm."),
    _signature("GIÁM ĐỐC", "Hoàng Quốc Khánh"))
EXPECTED["uoc_luong.html"] = {
    "lanh_dao_chi_dao": ["Sở tham mưu ban hành Kế hoạch số 115/KH-UBND ngày 12/3/2022."],
    "bao_chi": ["Các cơ quan báo chí đăng hơn 300 tin, bài về đối ngoại, tăng 45 tin, bài so "
                "với cùng kỳ."],
    "cung_cap_thong_tin": ["Tổ chức 5 cuộc họp báo (cùng kỳ năm 2021 là 3 cuộc)."],
    "tap_huan": ["Tổ chức 03 lớp tập huấn cho khoảng 200–250 lượt học viên."],
    "doi_ngoai_nhan_dan": ["Mỗi quý đón từ 2 đến 3 đoàn khách quốc tế của các tổ chức phi chính "
                           "phủ."],
    "phuong_huong": ["Dự kiến tổ chức 02 lớp tập huấn trong 6 tháng cuối năm."],
    OUT: ["Hoàng Quốc Khánh"],
}
FIGURES["uoc_luong.html"] = {("hop_bao", TOTAL): 5, ("lop_tap_huan", TOTAL): 3}
LEFT_OUT["uoc_luong.html"] = [("tin_bai_bao_chi", TOTAL), ("luot_tap_huan", TOTAL),
                              ("doan_quoc_te", TOTAL)]

# --- 10. figures as agencies write them: «3,8 nghìn», «1,25 triệu lượt», «02», totals, «trong đó»
SOURCES["so_lieu_cau.html"] = html(
    _state("KHÁNH HÒA", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "66/BC-STTTT", "Khánh Hòa",
           "11 tháng 6 năm 2022"),
    _title("Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022"),
    _p("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", True),
    _p("Sở ban hành quy chế phát ngôn và cung cấp thông tin cho báo chí."),
    _p("II. KẾT QUẢ THỰC HIỆN", True),
    _p("1. Cổng/trang thông tin điện tử và mạng xã hội", True),
    _p("Trang fanpage «Khánh Hòa Today» đạt 1,25 triệu lượt tiếp cận."),
    _p("2. Xuất bản ấn phẩm, tài liệu thông tin đối ngoại", True),
    _p("Phát hành 3,8 nghìn bản tài liệu giới thiệu du lịch biển."),
    _p("3. Cung cấp thông tin cho báo chí; quản lý phóng viên nước ngoài", True),
    _p("Hướng dẫn 4 phóng viên Nga, 6 phóng viên Hàn Quốc, tổng cộng 10 phóng viên nước ngoài "
       "đến tác nghiệp."),
    _p("4. Tập huấn, bồi dưỡng nghiệp vụ", True),
    _p("Tổ chức 02 lớp tập huấn về kỹ năng phát ngôn."),
    _p("III. KIẾN NGHỊ", True),
    _p("Đề nghị Bộ Thông tin và Truyền thông hỗ trợ phần mềm theo dõi mạng xã hội."),
    _signature("KT. GIÁM ĐỐC", "Trần Minh Quân", "PHÓ GIÁM ĐỐC"))
EXPECTED["so_lieu_cau.html"] = {
    "lanh_dao_chi_dao": ["Sở ban hành quy chế phát ngôn và cung cấp thông tin cho báo chí."],
    "cong_thong_tin": ["Trang fanpage «Khánh Hòa Today» đạt 1,25 triệu lượt tiếp cận."],
    "an_pham": ["Phát hành 3,8 nghìn bản tài liệu giới thiệu du lịch biển."],
    "cung_cap_thong_tin": ["Hướng dẫn 4 phóng viên Nga, 6 phóng viên Hàn Quốc, tổng cộng 10 "
                           "phóng viên nước ngoài đến tác nghiệp."],
    "tap_huan": ["Tổ chức 02 lớp tập huấn về kỹ năng phát ngôn."],
    "kien_nghi": ["Đề nghị Bộ Thông tin và Truyền thông hỗ trợ phần mềm theo dõi mạng xã hội."],
    OUT: ["Trần Minh Quân", "PHÓ GIÁM ĐỐC"],
}
FIGURES["so_lieu_cau.html"] = {("luot_tiep_can_mxh", TOTAL): 1250000,
                               ("ban_an_pham", TOTAL): 3800, ("phong_vien_nn", TOTAL): 10,
                               ("lop_tap_huan", TOTAL): 2}

# --- 11. a district's Party committee: «Phần thứ nhất», typed a)/b), a results table per point ---
SOURCES["huyen_uy.html"] = html(
    _party("TỈNH ỦY QUẢNG TRỊ", "HUYỆN ỦY HƯỚNG HÓA", "87-BC/HU", "Hướng Hóa",
           "25 tháng 11 năm 2022"),
    _title("tổng kết công tác thông tin đối ngoại năm 2022, phương hướng nhiệm vụ năm 2023"),
    _p("Phần thứ nhất", True),
    _p("KẾT QUẢ CÔNG TÁC THÔNG TIN ĐỐI NGOẠI NĂM 2022", True),
    _p("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", True),
    _p("Ban Thường vụ Huyện ủy chỉ đạo các chi, đảng bộ cơ sở quán triệt kế hoạch năm."),
    _p("II. KẾT QUẢ THỰC HIỆN", True),
    '<table border="1"><tr><td><b>TT</b></td><td><b>Nội dung</b></td><td><b>Kết quả</b></td>'
    "</tr><tr><td>1</td><td>Đối ngoại nhân dân</td><td>Tổ chức giao lưu văn hóa với huyện "
    "Mường Noòng, tỉnh Savannakhet.</td></tr>"
    "<tr><td>2</td><td>Tuyên truyền về biên giới</td><td>Tuyên truyền Hiệp định về quy chế "
    "quản lý biên giới tại 12 xã.</td></tr></table>",
    _p("III. ĐÁNH GIÁ CHUNG", True),
    _p("a) Ưu điểm: Các cấp ủy quan tâm chỉ đạo sát sao."),
    _p("b) Hạn chế: Nội dung tuyên truyền ở một số cơ sở còn đơn điệu."),
    _p("Phần thứ hai", True),
    _p("PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023", True),
    _p("Tăng cường giao lưu hữu nghị với các huyện biên giới của Lào."),
    _signature("T/M HUYỆN ỦY", "Nguyễn Hữu Lộc", "PHÓ BÍ THƯ"))
EXPECTED["huyen_uy.html"] = {
    "lanh_dao_chi_dao": ["Ban Thường vụ Huyện ủy chỉ đạo các chi, đảng bộ cơ sở quán triệt kế "
                         "hoạch năm."],
    "doi_ngoai_nhan_dan": ["Tổ chức giao lưu văn hóa với huyện Mường Noòng, tỉnh Savannakhet."],
    "bien_dao": ["Tuyên truyền Hiệp định về quy chế quản lý biên giới tại 12 xã."],
    "uu_diem": ["Các cấp ủy quan tâm chỉ đạo sát sao."],
    "han_che": ["Nội dung tuyên truyền ở một số cơ sở còn đơn điệu."],
    "phuong_huong": ["Tăng cường giao lưu hữu nghị với các huyện biên giới của Lào."],
    OUT: ["Nguyễn Hữu Lộc", "PHÓ BÍ THƯ", "ĐẢNG CỘNG SẢN VIỆT NAM"],
}
FIGURES["huyen_uy.html"] = {}

# --- 12. Công an tỉnh: lower-case Roman numbers, a merged heading, a line of figures by language --
SOURCES["cong_an.html"] = html(
    _state("AN GIANG", "CÔNG AN TỈNH", "305/BC-CAT-PA03", "An Giang", "18 tháng 6 năm 2022"),
    _title("Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022"),
    _p("I. Công tác lãnh đạo, chỉ đạo", True),
    _p("Giám đốc Công an tỉnh ban hành kế hoạch bảo đảm an ninh thông tin đối ngoại."),
    _p("II. Kết quả thực hiện", True),
    _p("1. Đấu tranh, phản bác thông tin xấu độc trên không gian mạng", True),
    _p("Phát hiện, đề nghị gỡ bỏ 56 lượt thông tin xấu độc."),
    _p("Viết 12 bài phản bác luận điệu xuyên tạc về tình hình biên giới."),
    _p("2. Thông tin, tuyên truyền trên báo chí", True),
    _p("Đăng 48 tin, bài trên Báo Công an nhân dân, trong đó 10 tin, bài bằng tiếng Anh."),
    _p("III. Những hạn chế và nguyên nhân", True),
    _p("Lực lượng chuyên trách còn mỏng so với yêu cầu nhiệm vụ."),
    _p("IV. Phương hướng, nhiệm vụ", True),
    _p("Chủ động nắm tình hình, đấu tranh với các luận điệu sai trái."),
    _signature("GIÁM ĐỐC", "Thiếu tướng Đinh Văn Nơi"))
EXPECTED["cong_an.html"] = {
    "lanh_dao_chi_dao": ["Giám đốc Công an tỉnh ban hành kế hoạch bảo đảm an ninh thông tin đối "
                         "ngoại."],
    "dau_tranh": ["Phát hiện, đề nghị gỡ bỏ 56 lượt thông tin xấu độc.",
                  "Viết 12 bài phản bác luận điệu xuyên tạc về tình hình biên giới."],
    "bao_chi": ["Đăng 48 tin, bài trên Báo Công an nhân dân, trong đó 10 tin, bài bằng tiếng "
                "Anh."],
    "han_che": ["Lực lượng chuyên trách còn mỏng so với yêu cầu nhiệm vụ."],
    "phuong_huong": ["Chủ động nắm tình hình, đấu tranh với các luận điệu sai trái."],
    OUT: ["Thiếu tướng Đinh Văn Nơi"],
}
FIGURES["cong_an.html"] = {("luot_bao_cao_go_bo", TOTAL): 56, ("bai_phan_bac", TOTAL): 12,
                           ("tin_bai_bao_chi", TOTAL): 48, ("tin_bai_ngoai_ngu", "en"): 10}

# --- 13. flat ODF with outline-numbered headings (nothing typed), as LibreOffice users write -----
SOURCES["dan_y.fodt"] = FODT_HEAD.replace("<text:tracked-changes>", "<!--").replace(
    "</text:tracked-changes>", "-->") + """
<text:p>UBND TỈNH ĐỒNG THÁP</text:p>
<text:p>SỞ GIÁO DỤC VÀ ĐÀO TẠO</text:p>
<text:p>BÁO CÁO</text:p>
<text:p>Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022</text:p>
<text:h text:style-name="Heading_20_1" text:outline-level="1">Công tác lãnh đạo, chỉ đạo</text:h>
<text:p>Sở lồng ghép nội dung thông tin đối ngoại vào chương trình ngoại khóa.</text:p>
<text:h text:style-name="Heading_20_1" text:outline-level="1">Kết quả thực hiện</text:h>
<text:h text:style-name="Heading_20_2" text:outline-level="2">Đối ngoại nhân dân</text:h>
<text:p>Đón 4 đoàn khách quốc tế đến thăm các trường học trong tỉnh.</text:p>
<text:h text:style-name="Heading_20_2" text:outline-level="2">Tập huấn, bồi dưỡng nghiệp vụ</text:h>
<text:p>Cử 15 lượt giáo viên dự tập huấn kiến thức về biển, đảo.</text:p>
<text:h text:style-name="Heading_20_1" text:outline-level="1">Đề xuất, kiến nghị</text:h>
<text:p>Đề nghị cung cấp tài liệu tuyên truyền phù hợp với học sinh.</text:p>
<text:p>GIÁM ĐỐC</text:p>
<text:p>Võ Thị Hồng</text:p>
</office:text></office:body></office:document>
"""
EXPECTED["dan_y.fodt"] = {
    "lanh_dao_chi_dao": ["Sở lồng ghép nội dung thông tin đối ngoại vào chương trình ngoại khóa."],
    "doi_ngoai_nhan_dan": ["Đón 4 đoàn khách quốc tế đến thăm các trường học trong tỉnh."],
    "tap_huan": ["Cử 15 lượt giáo viên dự tập huấn kiến thức về biển, đảo."],
    "kien_nghi": ["Đề nghị cung cấp tài liệu tuyên truyền phù hợp với học sinh."],
    OUT: ["Võ Thị Hồng"],
}
FIGURES["dan_y.fodt"] = {("doan_quoc_te", TOTAL): 4, ("luot_tap_huan", TOTAL): 15}

# --- 14. a figures table as a district writes it: last year first, «Kỳ báo cáo» after it under
# one merged «Số liệu», a change column, units in its own words («cuốn», «lượt học viên») --------
SOURCES["bang_ky_bao_cao.html"] = html(
    _state("SƠN LA", "SỞ DU LỊCH", "72/BC-SDL", "Sơn La", "12 tháng 6 năm 2022"),
    _title("Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022"),
    _p("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", True),
    _p("Sở ban hành kế hoạch quảng bá du lịch gắn với thông tin đối ngoại."),
    _p("II. KẾT QUẢ THỰC HIỆN", True),
    _p("Các nhiệm vụ thông tin đối ngoại được triển khai đúng kế hoạch."),
    '<table border="1"><tr><td rowspan="2">STT</td><td rowspan="2">Nội dung</td>'
    '<td rowspan="2">ĐVT</td><td colspan="2">Số liệu</td><td rowspan="2">Tăng (+), giảm (-)'
    "</td></tr><tr><td>Cùng kỳ năm trước</td><td>Kỳ báo cáo</td></tr>"
    "<tr><td>1</td><td>Số bản ấn phẩm, tài liệu phát hành</td><td>cuốn</td><td>1 500</td>"
    "<td>2 300</td><td>+800</td></tr>"
    "<tr><td>2</td><td>Người tham gia tập huấn, bồi dưỡng</td><td>lượt học viên</td>"
    "<td>90</td><td>140</td><td>+50</td></tr>"
    "<tr><td>3</td><td>Đoàn khách quốc tế được đón tiếp</td><td>đoàn</td><td>8</td><td>5</td>"
    "<td>-3</td></tr></table>",
    _p("III. PHƯƠNG HƯỚNG, NHIỆM VỤ", True),
    _p("Quảng bá điểm đến Mộc Châu tới thị trường Thái Lan."),
    _signature("GIÁM ĐỐC", "Cầm Văn Đoàn"))
EXPECTED["bang_ky_bao_cao.html"] = {
    "lanh_dao_chi_dao": ["Sở ban hành kế hoạch quảng bá du lịch gắn với thông tin đối ngoại."],
    "ket_qua": ["Các nhiệm vụ thông tin đối ngoại được triển khai đúng kế hoạch."],
    "phuong_huong": ["Quảng bá điểm đến Mộc Châu tới thị trường Thái Lan."],
    OUT: ["Cầm Văn Đoàn", "Độc lập - Tự do - Hạnh phúc"],
}
FIGURES["bang_ky_bao_cao.html"] = {("ban_an_pham", TOTAL): 2300, ("luot_tap_huan", TOTAL): 140,
                                   ("doan_quoc_te", TOTAL): 5}

# --- 15. units in sentences as agencies write them: occasions, visits of named people ---------
SOURCES["don_vi_rieng.html"] = html(
    _state("KON TUM", "SỞ CÔNG THƯƠNG", "48/BC-SCT", "Kon Tum", "14 tháng 6 năm 2022"),
    _title("Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022"),
    _p("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", True),
    _p("Sở tổ chức 2 hội nghị quán triệt kế hoạch thông tin đối ngoại của tỉnh."),
    _p("II. KẾT QUẢ THỰC HIỆN", True),
    _p("1. Quảng bá hình ảnh, xúc tiến thương mại", True),
    _p("Tham gia 3 hội chợ thương mại quốc tế tại Lào và Campuchia."),
    _p("2. Tập huấn, bồi dưỡng nghiệp vụ", True),
    _p("Bồi dưỡng kiến thức thông tin đối ngoại cho 75 lượt cán bộ, công chức."),
    _p("Hướng dẫn khoảng 30 lượt doanh nhân tự học qua nền tảng trực tuyến."),
    _p("III. KIẾN NGHỊ", True),
    _p("Đề nghị hỗ trợ kinh phí tham gia hội chợ ở nước ngoài."),
    _signature("GIÁM ĐỐC", "A Thị Hoa"))
EXPECTED["don_vi_rieng.html"] = {
    "lanh_dao_chi_dao": ["Sở tổ chức 2 hội nghị quán triệt kế hoạch thông tin đối ngoại của "
                         "tỉnh."],
    "quang_ba": ["Tham gia 3 hội chợ thương mại quốc tế tại Lào và Campuchia."],
    "tap_huan": ["Bồi dưỡng kiến thức thông tin đối ngoại cho 75 lượt cán bộ, công chức.",
                 "Hướng dẫn khoảng 30 lượt doanh nhân tự học qua nền tảng trực tuyến."],
    "kien_nghi": ["Đề nghị hỗ trợ kinh phí tham gia hội chợ ở nước ngoài."],
    OUT: ["A Thị Hoa"],
}
FIGURES["don_vi_rieng.html"] = {("su_kien_quang_ba", TOTAL): 3, ("luot_tap_huan", TOTAL): 75}
LEFT_OUT["don_vi_rieng.html"] = [("luot_tap_huan", TOTAL)]

# --- 16. a mass organisation's own outline: the same ideas in other words --------------------
# (what the form counts without a section, limitations merged with causes, a heading of its
# own that only leans to leadership) — proposed from the form's words and the text, and asked
SOURCES["mat_tran.html"] = html(
    _state("TUYÊN QUANG", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH", "27/BC-MTTQ", "Tuyên Quang",
           "13 tháng 6 năm 2022"),
    _title("Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022"),
    _p("1. Thực hiện văn bản của Trung ương, của Tỉnh ủy", True),
    _p("Ban Thường trực ban hành kế hoạch tuyên truyền kỷ niệm ngày thành lập Mặt trận."),
    _p("2. Tuyên truyền miệng và hoạt động của báo cáo viên", True),
    _p("Duy trì sinh hoạt định kỳ của đội ngũ báo cáo viên Mặt trận các cấp."),
    _p("3. Công tác đối ngoại nhân dân", True),
    _p("Đón 2 đoàn khách quốc tế của Mặt trận Lào xây dựng đất nước tỉnh Hủa Phăn."),
    _p("4. Khó khăn, hạn chế và nguyên nhân", True),
    _p("Cán bộ làm công tác đối ngoại ở cơ sở còn thiếu kinh nghiệm."),
    _p("Do nguồn kinh phí hoạt động còn hạn hẹp."),
    _p("5. Phương hướng thời gian tới", True),
    _p("Mở rộng giao lưu với các tổ chức nhân dân của Lào và Trung Quốc."),
    _signature("T/M BAN THƯỜNG TRỰC", "Lê Thị Kim Dung", "CHỦ TỊCH"))
EXPECTED["mat_tran.html"] = {
    "lanh_dao_chi_dao": ["Ban Thường trực ban hành kế hoạch tuyên truyền kỷ niệm ngày thành lập "
                         "Mặt trận."],
    "ket_qua": ["Duy trì sinh hoạt định kỳ của đội ngũ báo cáo viên Mặt trận các cấp."],
    "doi_ngoai_nhan_dan": ["Đón 2 đoàn khách quốc tế của Mặt trận Lào xây dựng đất nước tỉnh "
                           "Hủa Phăn."],
    "han_che": ["Cán bộ làm công tác đối ngoại ở cơ sở còn thiếu kinh nghiệm."],
    "nguyen_nhan": ["Do nguồn kinh phí hoạt động còn hạn hẹp."],
    "phuong_huong": ["Mở rộng giao lưu với các tổ chức nhân dân của Lào và Trung Quốc."],
    OUT: ["Lê Thị Kim Dung", "CHỦ TỊCH"],
}
FIGURES["mat_tran.html"] = {("doan_quoc_te", TOTAL): 2}

# --- 17. the provincial trade-union federation: capitals, «tồn tại và nguyên nhân» merged -----
SOURCES["lien_doan.html"] = html(
    _state("PHÚ THỌ", "LIÊN ĐOÀN LAO ĐỘNG TỈNH", "64/BC-LĐLĐ", "Phú Thọ", "14 tháng 6 năm 2022"),
    _title("Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022"),
    _p("I. TRIỂN KHAI CÁC VĂN BẢN, KẾ HOẠCH CỦA CẤP TRÊN", True),
    _p("Ban Thường vụ Liên đoàn Lao động tỉnh quán triệt văn bản tới các công đoàn cơ sở."),
    _p("II. KẾT QUẢ THỰC HIỆN", True),
    _p("1. Thông tin trên báo chí", True),
    _p("Báo Lao động đăng 18 tin, bài về công nhân các doanh nghiệp FDI."),
    _p("2. Hoạt động báo cáo viên", True),
    _p("Tổ chức 6 hội nghị báo cáo viên cho cán bộ công đoàn chủ chốt."),
    _p("III. TỒN TẠI VÀ NGUYÊN NHÂN", True),
    _p("Một số công đoàn cơ sở chưa quan tâm tuyên truyền về đối ngoại."),
    _p("Nguyên nhân là cán bộ công đoàn kiêm nhiệm nhiều việc."),
    _p("IV. NHIỆM VỤ THỜI GIAN TỚI", True),
    _p("Tuyên truyền cho công nhân về các hiệp định thương mại tự do."),
    _signature("T/M BAN THƯỜNG VỤ", "Đỗ Văn Thắng", "CHỦ TỊCH"))
EXPECTED["lien_doan.html"] = {
    "lanh_dao_chi_dao": ["Ban Thường vụ Liên đoàn Lao động tỉnh quán triệt văn bản tới các công "
                         "đoàn cơ sở."],
    "bao_chi": ["Báo Lao động đăng 18 tin, bài về công nhân các doanh nghiệp FDI."],
    "ket_qua": ["Tổ chức 6 hội nghị báo cáo viên cho cán bộ công đoàn chủ chốt."],
    "han_che": ["Một số công đoàn cơ sở chưa quan tâm tuyên truyền về đối ngoại."],
    "nguyen_nhan": ["Nguyên nhân là cán bộ công đoàn kiêm nhiệm nhiều việc."],
    "phuong_huong": ["Tuyên truyền cho công nhân về các hiệp định thương mại tự do."],
    OUT: ["Đỗ Văn Thắng", "CHỦ TỊCH"],
}
FIGURES["lien_doan.html"] = {("tin_bai_bao_chi", TOTAL): 18, ("hoi_nghi_bcv", TOTAL): 6}

# --- 18. a district's Party propaganda board: «1)» points, a topic in its own words, merged
# achievements and limitations under the evaluation
SOURCES["tuyen_giao_huyen.html"] = html(
    _party("ĐẢNG BỘ TỈNH SƠN LA", "BAN TUYÊN GIÁO HUYỆN ỦY SỐP CỘP", "45-BC/BTGHU", "Sốp Cộp",
           "10 tháng 6 năm 2022"),
    _title("kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022"),
    _p("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", True),
    _p("Ban Thường vụ Huyện ủy ban hành kế hoạch thông tin đối ngoại năm 2022."),
    _p("II. KẾT QUẢ THỰC HIỆN", True),
    _p("1) Tuyên truyền miệng", True),
    _p("Báo cáo viên huyện lồng ghép thông tin thời sự quốc tế tại các buổi sinh hoạt chi bộ."),
    _p("2) Bảo vệ nền tảng tư tưởng của Đảng", True),
    _p("Đăng 15 bài phản bác các quan điểm sai trái về vấn đề dân tộc, tôn giáo."),
    _p("3) Tuyên truyền về biên giới", True),
    _p("Tuyên truyền Hiệp định về quy chế quản lý biên giới Việt Nam - Lào tại 4 xã."),
    _p("III. ĐÁNH GIÁ CHUNG", True),
    _p("1) Ưu điểm, hạn chế", True),
    _p("Cấp ủy các cấp quan tâm chỉ đạo công tác thông tin đối ngoại."),
    _p("Đội ngũ báo cáo viên cấp xã còn thiếu kiến thức về đối ngoại."),
    _p("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM", True),
    _p("Tăng cường tuyên truyền về quan hệ đặc biệt Việt Nam - Lào."),
    _signature("K/T TRƯỞNG BAN", "Lò Văn Minh", "PHÓ TRƯỞNG BAN"))
EXPECTED["tuyen_giao_huyen.html"] = {
    "lanh_dao_chi_dao": ["Ban Thường vụ Huyện ủy ban hành kế hoạch thông tin đối ngoại năm "
                         "2022."],
    "ket_qua": ["Báo cáo viên huyện lồng ghép thông tin thời sự quốc tế tại các buổi sinh hoạt "
                "chi bộ."],
    "dau_tranh": ["Đăng 15 bài phản bác các quan điểm sai trái về vấn đề dân tộc, tôn giáo."],
    "bien_dao": ["Tuyên truyền Hiệp định về quy chế quản lý biên giới Việt Nam - Lào tại 4 "
                 "xã."],
    "uu_diem": ["Cấp ủy các cấp quan tâm chỉ đạo công tác thông tin đối ngoại."],
    "han_che": ["Đội ngũ báo cáo viên cấp xã còn thiếu kiến thức về đối ngoại."],
    "phuong_huong": ["Tăng cường tuyên truyền về quan hệ đặc biệt Việt Nam - Lào."],
    OUT: ["Lò Văn Minh", "PHÓ TRƯỞNG BAN", "ĐẢNG CỘNG SẢN VIỆT NAM"],
}
FIGURES["tuyen_giao_huyen.html"] = {("bai_phan_bac", TOTAL): 15}

for _name in SOURCES:
    FIGURES.setdefault(_name, {})
    LEFT_OUT.setdefault(_name, [])
