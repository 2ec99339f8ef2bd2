"""Word reports as agencies write them, built by the tests: letterhead, numbered or styled
headings, bullets, tables of figures, legacy-encoded runs, a signature block."""

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ttdn_desktop.core.legacy import TCVN3_TABLE, VNI_TABLE


def tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as it shows in a .docx (each byte as its Windows-1252 character). Capitals
    with marks have no code in the ABC fonts: write them lower-case in a …H font."""
    inverse = {char: byte for byte, char in TCVN3_TABLE.items() if byte >= 0xA1}
    out = []
    for char in text:
        byte = inverse.get(char)
        out.append(bytes([byte]).decode("cp1252", errors="strict") if byte and byte not in
                   (0x81, 0x8D, 0x8F, 0x90, 0x9D) else char if byte is None else chr(byte))
    return "".join(out)


def vni(text: str) -> str:
    inverse = {}
    for sequence, letter in VNI_TABLE.items():
        inverse.setdefault(letter, sequence)
    return "".join(inverse.get(char, char) for char in text)


def add_run(paragraph, text, font=None, bold=None, italic=None, soft_hyphen_as_element=False):
    if soft_hyphen_as_element and "\u00ad" in text:
        # Word writes the TCVN3 "ư" byte as a soft-hyphen element between text pieces
        pieces = text.split("\u00ad")
        run = paragraph.add_run(pieces[0])
        for piece in pieces[1:]:
            run._r.append(OxmlElement("w:softHyphen"))
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = piece
            run._r.append(t)
    else:
        run = paragraph.add_run(text)
    if font:
        run.font.name = font
    run.bold, run.italic = bold, italic
    return run


def letterhead(document, left, right):
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "\n".join(left)
    table.cell(0, 1).text = "\n".join(right)
    table.cell(1, 0).text = "Số: 12/BC-SNGV"
    table.cell(1, 1).text = "Quảng Ninh, ngày 10 tháng 6 năm 2021"


def signature(document):
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Nơi nhận:\n- Ban Chỉ đạo TTĐN tỉnh;\n- Lưu: VT."
    table.cell(0, 1).text = "GIÁM ĐỐC\n\n\nTrần Văn B"


def save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def numbered_report() -> bytes:
    """Numbered bold headings (I., 1., a)), bullets, a figures table in the annex."""
    document = Document()
    letterhead(document, ["UBND TỈNH QUẢNG NINH", "SỞ NGOẠI VỤ"],
               ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])
    add_run(document.add_paragraph(), "BÁO CÁO", bold=True)
    add_run(document.add_paragraph(), "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm "
                                      "2021, phương hướng nhiệm vụ 6 tháng cuối năm 2021", bold=True)
    document.add_paragraph("Thực hiện Công văn số 45-CV/BTGTU của Ban Tuyên giáo Tỉnh ủy, Sở "
                           "Ngoại vụ báo cáo như sau:")
    add_run(document.add_paragraph(), "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", bold=True)
    document.add_paragraph("Ban hành Kế hoạch số 111/KH-SNGV về công tác thông tin đối ngoại.")
    add_run(document.add_paragraph(), "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", bold=True)
    add_run(document.add_paragraph(), "1. Xuất bản ấn phẩm, tài liệu thông tin đối ngoại",
            bold=True)
    paragraph = document.add_paragraph("Phát hành 9.000 cuốn bản tin đối ngoại, mỗi tháng một "
                                       "số. Bộ tài liệu giới thiệu tiềm năng in ")
    add_run(paragraph, "3.800 bản", bold=True)
    add_run(paragraph, ", trong đó tiếng Anh 500 bản, tiếng Nhật 200 bản, tiếng Hàn 200 bản, "
                       "tiếng Trung 100 bản, tiếng Việt 2.800 bản.")
    document.add_paragraph("- gửi các đại sứ quán;")
    document.add_paragraph("- gửi các nhà đầu tư.")
    add_run(document.add_paragraph(), "2. Tập huấn, bồi dưỡng nghiệp vụ", bold=True)
    document.add_paragraph("Tổ chức 3 lớp tập huấn cho 120 lượt người.")
    add_run(document.add_paragraph(), "3. Tình hình thời tiết", bold=True)
    document.add_paragraph("Mưa nhiều trong tháng 5.")
    add_run(document.add_paragraph(), "III. NHỮNG HẠN CHẾ, TỒN TẠI", bold=True)
    document.add_paragraph("Việc cập nhật thông tin còn chậm.")
    add_run(document.add_paragraph(), "IV. KIẾN NGHỊ, ĐỀ XUẤT", bold=True)
    document.add_paragraph("Đề nghị cung cấp tài liệu kịp thời.")
    signature(document)
    add_run(document.add_paragraph(), "Phụ lục", bold=True)
    table = document.add_table(rows=4, cols=4)
    for row, values in enumerate([("STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này"),
                                  ("1", "Họp báo, giao ban báo chí", "cuộc", "4"),
                                  ("2", "Đoàn khách quốc tế được đón tiếp", "đoàn", "7"),
                                  ("3", "Bài viết phản bác thông tin sai trái", "bài", "1.250")]):
        for column, value in enumerate(values):
            table.cell(row, column).text = value
    return save(document)


def styled_report() -> bytes:
    """Word heading styles, headings reworded, no numbers, no letterhead table."""
    document = Document()
    document.add_paragraph("CÔNG AN TỈNH QUẢNG NINH")
    document.add_paragraph("BÁO CÁO")
    add_run(document.add_paragraph(), "Công tác thông tin đối ngoại năm 2020", bold=True)
    document.add_heading("Kết quả thực hiện nhiệm vụ", level=1)
    document.add_heading("Đấu tranh phản bác thông tin xấu độc", level=2)
    document.add_paragraph("Đăng 40 bài viết phản bác các luận điệu xuyên tạc.")
    document.add_heading("Tuyên truyền biển, đảo và biên giới", level=2)
    document.add_paragraph("Phối hợp với Bộ đội Biên phòng tuyên truyền chủ quyền.")
    document.add_heading("Phương hướng nhiệm vụ năm 2021", level=1)
    document.add_paragraph("Tiếp tục nâng cao chất lượng thông tin.", style="List Bullet")
    return save(document)


def legacy_report() -> bytes:
    """TCVN3 runs in .VnTime (with the "ư" as a soft-hyphen element) and .VnTimeH, VNI runs,
    decomposed Unicode."""
    document = Document()
    letterhead(document, ["UBND TỈNH QUẢNG NINH", "SỞ NGOẠI VỤ"],
               ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])
    add_run(document.add_paragraph(), "BÁO CÁO", bold=True)
    add_run(document.add_paragraph(), "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2021",
            bold=True)
    heading = document.add_paragraph()
    add_run(heading, tcvn3("i. công tác lãnh đạo, chỉ đạo"), font=".VnTimeH", bold=True)
    body = document.add_paragraph()
    add_run(body, tcvn3("Tăng cường công tác thông tin đối ngoại trên địa bàn; các trường học "
                        "tham gia tích cực."), font=".VnTime", soft_hyphen_as_element=True)
    heading = document.add_paragraph()
    add_run(heading, vni("V. ĐỀ XUẤT, KIẾN NGHỊ"), font="VNI-Times", bold=True)
    body = document.add_paragraph()
    add_run(body, vni("Đề nghị Ban Chỉ đạo tỉnh hỗ trợ kinh phí in ấn phẩm."), font="VNI-Times")
    body = document.add_paragraph()
    add_run(body, "Tie\u0302\u0301ng Anh va\u0300 tie\u0302\u0301ng Pha\u0301p.", font="Arial")
    body = document.add_paragraph()
    add_run(body, "Café et crème (tiếng Pháp), không phải mã cũ.", font="Times New Roman")
    return save(document)
