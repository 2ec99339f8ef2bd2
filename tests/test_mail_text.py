"""A report pasted into a mail's own text, no file attached: read from the HTML Outlook,
Gmail and Thunderbird write (or the plain text), past forwards and signatures, into the
sections of the form; the sender only proposes the agency, the subject the period; a mail
with nothing but «xin gửi báo cáo» is refused saying so."""

import base64
import textwrap

import pytest

from ttdn_desktop.core import rules
from ttdn_desktop.exchange.docx_body import Table
from ttdn_desktop.exchange.docx_import import import_word_report
from ttdn_desktop.exchange.mail_body import html_blocks, propose_agency

from . import mailfiles as mf, outlookrtf
from .helpers import package
from .msgfile import make_msg
from .test_mail_reports import cli, new_db, stored
from .wordfiles import numbered_report

AGENCIES = [("SNGV", "Sở Ngoại vụ"), ("CAT", "Công an tỉnh")]
CRLF = "\r\n"
REPORT = [  # (heading, its text)
    ("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
     "Ban hành Kế hoạch số 111/KH-SNGV về công tác thông tin đối ngoại."),
    ("II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", None),
    ("1. Xuất bản ấn phẩm, tài liệu thông tin đối ngoại",
     "Phát hành 9.000 cuốn bản tin đối ngoại, mỗi tháng một số, gửi các đại sứ quán và các "
     "nhà đầu tư trong và ngoài nước."),
    ("2. Tập huấn, bồi dưỡng nghiệp vụ", "Tổ chức 3 lớp tập huấn cho 120 lượt người."),
    ("III. NHỮNG HẠN CHẾ, TỒN TẠI", "Việc cập nhật thông tin còn chậm."),
    ("IV. KIẾN NGHỊ, ĐỀ XUẤT", "Đề nghị cung cấp tài liệu kịp thời."),
]
PLACED = {"lanh_dao_chi_dao": "Ban hành Kế hoạch số 111/KH-SNGV",
          "an_pham": "Phát hành 9.000 cuốn bản tin", "tap_huan": "Tổ chức 3 lớp tập huấn",
          "han_che": "Việc cập nhật thông tin còn chậm.",
          "kien_nghi": "Đề nghị cung cấp tài liệu kịp thời."}
NOTE = "Chuyển chị Lan xem, nhập giúp em báo cáo này nhé."
SIGNATURE = ["--", "Nguyễn Văn An", "Văn phòng Ban Tuyên giáo Tỉnh ủy",
             "I. Đây là chữ ký, không phải đề mục"]


def section_text(report, section_id: str) -> str:
    """What a read Word report placed in a section, as one text."""
    return "\n".join(report.sections.get(section_id, []))


def outlook_html() -> str:
    """Outlook's HTML: MsoNormal paragraphs, <o:p>, a forward of a forward («FW: FW:»), each
    header block one paragraph with <br> between its lines."""
    def header(who, subject):
        return ("<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm "
                "0cm'><p class=MsoNormal><b>From:</b> " + who + "<br><b>Sent:</b> Tuesday, "
                "June 15, 2021 9:12 AM<br><b>To:</b> Ban Tuyen giao &lt;btg@example.vn&gt;<br>"
                "<b>Subject:</b> " + subject + "<o:p></o:p></p></div>")
    body = "".join(
        f"<p class=MsoNormal><b>{h}<o:p></o:p></b></p>"
        + (f"<p class=MsoNormal style='text-align:justify'>{t}<o:p></o:p></p>" if t else "")
        for h, t in REPORT)
    return ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta "
            "http-equiv=Content-Type content=\"text/html; charset=utf-8\"><style><!-- "
            "p.MsoNormal {margin:0cm; font-size:11.0pt} --></style></head><body lang=VI>"
            f"<div class=WordSection1><p class=MsoNormal>{NOTE}<o:p></o:p></p>"
            + header("Văn thư &lt;vanthu@example.vn&gt;", "FW: Báo cáo TTĐN")
            + "<p class=MsoNormal>Chuyển tiếp.<o:p></o:p></p>"
            + header("Sở Ngoại vụ &lt;vanphong@example.vn&gt;",
                     "Báo cáo công tác TTĐN 6 tháng đầu năm 2021")
            + "<p class=MsoNormal>Kính gửi Ban Tuyên giáo Tỉnh ủy,<o:p></o:p></p>"
            + body + "<p class=MsoNormal>" + "<br>".join(SIGNATURE) + "</p></div></body></html>")


def gmail_html() -> str:
    """Gmail: a div per line, bold as <b>, the forwarded headers in a gmail_attr div."""
    lines = "".join(f"<div><b>{h}</b></div>" + (f"<div>{t}</div>" if t else "")
                    for h, t in REPORT)
    return (f'<div dir="ltr"><div>{NOTE}</div><br><div class="gmail_quote"><div dir="ltr" '
            'class="gmail_attr">---------- Forwarded message ---------<br>From: <strong '
            'class="gmail_sendername" dir="auto">Công an tỉnh</strong> <span dir="auto">&lt;'
            '<a href="mailto:ca@example.vn">ca@example.vn</a>&gt;</span><br>Date: Tue, Jun 15, '
            '2021 at 9:12 AM<br>Subject: Báo cáo TTĐN 6 tháng đầu năm 2021<br>To: &lt;'
            'btg@example.vn&gt;<br></div><br><br><div dir="ltr">' + lines
            + '<div><br></div>-- <br><div dir="ltr" class="gmail_signature">'
            + "<br>".join(SIGNATURE[1:]) + "</div></div></div></div>")


def thunderbird_html() -> str:
    """Thunderbird: <p> and <br>, the forwarded headers in a table of their own."""
    body = "".join(f"<p><b>{h}</b><br>\n{t or ''}</p>\n" for h, t in REPORT)
    return ("<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=UTF-8\">"
            f"</head><body><p>{NOTE}</p><div class=\"moz-forward-container\"><br><br>"
            "-------- Forwarded Message --------\n<table class=\"moz-email-headers-table\" "
            "border=\"0\" cellpadding=\"0\" cellspacing=\"0\"><tbody>"
            "<tr><th valign=\"BASELINE\" nowrap=\"nowrap\" align=\"RIGHT\">Subject: </th>"
            "<td>Báo cáo TTĐN 6 tháng đầu năm 2021</td></tr>"
            "<tr><th>Date: </th><td>Tue, 15 Jun 2021 09:12:00 +0700</td></tr>"
            "<tr><th>From: </th><td>sngv@example.vn</td></tr>"
            "<tr><th>To: </th><td>btg@example.vn</td></tr></tbody></table><br><br>"
            + body + "<pre class=\"moz-signature\" cols=\"72\">-- \n"
            + "\n".join(SIGNATURE[1:]) + "</pre></div></body></html>")


def plain_text() -> str:
    """Plain text hard-wrapped at 72 columns, paragraphs by blank lines, a «-- » signature."""
    out = [NOTE, "", "-----Original Message-----", "From: Phòng TTĐN <songoaivu@example.vn>",
           "Sent: Tuesday, June 15, 2021 9:12 AM", "To: btg@example.vn",
           "Subject: Báo cáo TTĐN 6 tháng đầu năm 2021", ""]
    for heading, text in REPORT:
        out.append(heading)
        if text:
            out.extend(textwrap.wrap(text, 72))
        out.append("")
    return CRLF.join(out + ["-- "] + SIGNATURE[1:])


def alternative(plain: str, html: str | None, sender: str, subject: str) -> bytes:
    """A mail with no attachment: its text, as plain and (if given) HTML alternatives."""
    parts = [f"Content-Type: text/plain; charset=\"utf-8\"{CRLF}Content-Transfer-Encoding: "
             f"base64{CRLF}{CRLF}" + base64.encodebytes(plain.encode()).decode()]
    if html is not None:
        parts.append(f"Content-Type: text/html; charset=\"utf-8\"{CRLF}"
                     f"Content-Transfer-Encoding: quoted-printable{CRLF}{CRLF}"
                     + __import__("quopri").encodestring(html.encode()).decode())
    boundary = "000000000000alt"
    head = ["MIME-Version: 1.0", "Date: Tue, 15 Jun 2021 10:00:00 +0700",
            f"From: {sender}", "To: btg@example.vn", f"Subject: {mf.encoded_word(subject)}",
            f'Content-Type: multipart/alternative; boundary="{boundary}"']
    return (CRLF.join(head) + CRLF + CRLF + "".join(f"--{boundary}{CRLF}{p}{CRLF}"
                                                     for p in parts)
            + f"--{boundary}--{CRLF}").encode()


def outlook_rich_text() -> list[tuple[str, bool]]:
    """A mail written in Outlook's rich text, forwarded: the note, the headers of the mail
    forwarded, the report, a «-- » signature; (text, bold) per paragraph."""
    return ([(NOTE, False), ("", False), ("From: Sở Ngoại vụ <vanphong@example.vn>", False),
             ("Sent: Tuesday, June 15, 2021 9:12 AM", False), ("To: btg@example.vn", False),
             ("Subject: Báo cáo TTĐN 6 tháng đầu năm 2021", False), ("", False)]
            + [p for h, t in REPORT for p in [(h, True)] + ([(t, False)] if t else [])]
            + [("-- ", False)] + [(line, False) for line in SIGNATURE[1:]])


LAYOUTS = {
    "outlook.eml": (alternative("(xem bản HTML)", outlook_html(), "Chi Lan <lan@example.vn>",
                                "FW: FW: Báo cáo TTĐN"), "SNGV"),
    "gmail.eml": (alternative("(xem bản HTML)", gmail_html(), "Văn thư <vt@gmail.com>",
                              "Fwd: Báo cáo TTĐN 6 tháng đầu năm 2021"), "CAT"),
    "thunderbird.eml": (alternative("(xem bản HTML)", thunderbird_html(),
                                    "Văn thư <vt@example.vn>",
                                    "Fwd: Báo cáo TTĐN 6 tháng đầu năm 2021"), "SNGV"),
    "plain.eml": (alternative(plain_text(), None, "Văn thư <vt@example.vn>",
                              "FW: Báo cáo TTĐN 6 tháng đầu năm 2021"), "SNGV"),
    "outlook.msg": (make_msg("FW: Báo cáo TTĐN 6 tháng đầu năm 2021", [], body="(xem HTML)",
                             html=outlook_html(), sender=("Chị Lan", "lan@example.vn")), "SNGV"),
    # Outlook keeps a mail's text only as compressed RTF (no PR_BODY, no PR_HTML): HTML
    # wrapped in it, plain text wrapped in it, its own rich text; stored uncompressed too
    "outlook-rtf-html.msg": (make_msg("FW: FW: Báo cáo TTĐN", [], body=None,
                                      rtf=outlookrtf.compress(outlookrtf.from_html(
                                          outlook_html())),
                                      sender=("Chị Lan", "lan@example.vn")), "SNGV"),
    "outlook-rtf-text.msg": (make_msg("FW: Báo cáo TTĐN 6 tháng đầu năm 2021", [], body=None,
                                      rtf=outlookrtf.compress(outlookrtf.from_text(
                                          plain_text())),
                                      sender=("Văn thư", "vt@example.vn")), "SNGV"),
    "outlook-rtf-rich.msg": (make_msg("FW: Báo cáo TTĐN 6 tháng đầu năm 2021", [], body=None,
                                      rtf=outlookrtf.compress(outlookrtf.rich_text(
                                          outlook_rich_text())),
                                      sender=("Văn thư", "vt@example.vn")), "SNGV"),
    "outlook-rtf-stored.msg": (make_msg("FW: Báo cáo TTĐN 6 tháng đầu năm 2021", [], body=None,
                                        rtf=outlookrtf.compress(outlookrtf.rich_text(
                                            outlook_rich_text()), stored=True),
                                        sender=("Văn thư", "vt@example.vn")), "SNGV"),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_report_pasted_in_the_text_is_placed_as_a_word_report(layout, form):
    data, agency = LAYOUTS[layout]
    report = import_word_report(f"{layout} › nội dung thư", data, form, AGENCIES)
    assert [(m.heading, m.section_id) for m in report.matches] == [
        ("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "lanh_dao_chi_dao"),
        ("II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", "ket_qua"),
        ("1. Xuất bản ấn phẩm, tài liệu thông tin đối ngoại", "an_pham"),
        ("2. Tập huấn, bồi dưỡng nghiệp vụ", "tap_huan"),
        ("III. NHỮNG HẠN CHẾ, TỒN TẠI", "han_che"), ("IV. KIẾN NGHỊ, ĐỀ XUẤT", "kien_nghi")]
    for section, text in PLACED.items():
        assert section_text(report, section).startswith(text), (section, report.sections)
    everything = str(report.sections) + str(report.other)
    for stray in (NOTE, "Nguyễn Văn An", "chữ ký", "Văn thư", "Forwarded"):
        assert stray not in everything, stray
    assert report.agency_guess[0] == agency and report.mail.agency_from_sender
    assert report.period_guess.code == "2021-H1"


def test_the_sender_proposes_by_name_code_or_address():
    assert propose_agency("Sở Ngoại vụ <x@example.vn>", AGENCIES)[0] == "SNGV"
    assert propose_agency("sngv@quangninh.gov.vn", AGENCIES)[0] == "SNGV"
    assert propose_agency("Phòng <songoaivu@quangninh.gov.vn>", AGENCIES)[0] == "SNGV"
    assert propose_agency("vanthu@congantinh.gov.vn", AGENCIES)[0] == "CAT"
    assert propose_agency("Nguyễn Văn A <nva@gmail.com>", AGENCIES) is None


def test_the_command_line_asks_for_the_agency_of_a_pasted_report(tmp_path, capsys):
    db = new_db(tmp_path, capsys, "db")
    mail = tmp_path / "thu.eml"
    mail.write_bytes(LAYOUTS["outlook.eml"][0])
    code, lines = cli(capsys, db, "import", mail)
    out = "\n".join(lines)
    assert code == 1 and stored(db) == []
    assert "thu.eml › nội dung thư: báo cáo dán trong nội dung thư (không có tệp đính kèm); " \
        "người gửi Sở Ngoại vụ <vanphong@example.vn> — đề xuất đơn vị: Sở Ngoại vụ (SNGV). " \
        "Chưa nhập gì" in out and "--agency SNGV" in out
    code, lines = cli(capsys, db, "import", mail, "--agency", "SNGV")
    assert code == 0, lines
    assert "thu.eml › nội dung thư: Sở Ngoại vụ, 6 tháng đầu năm 2021 (đoán kỳ từ tiêu đề thư)" in \
        lines[0]
    assert [row[:3] for row in stored(db)] == [("SNGV", "2021-H1", 1)]


@pytest.mark.parametrize("data", [mf.outlook_mail([]), make_msg("Báo cáo", [])])
def test_a_mail_with_only_a_covering_note_is_refused_saying_so(data, tmp_path, capsys):
    db = new_db(tmp_path, capsys, "db")
    mail = tmp_path / ("thu.msg" if data.startswith(b"\xd0") else "thu.eml")
    mail.write_bytes(data)
    code, lines = cli(capsys, db, "import", mail, "--agency", "SNGV")
    assert code == 1 and stored(db) == []
    assert lines[0] == f"{mail.name}: bị từ chối (thư không có tệp đính kèm và nội dung thư " \
        "không phải báo cáo)"


def test_a_forwarded_mail_with_only_a_note_is_passed_over(workspace, form, tmp_path):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    data = mf.gmail_mail([mf.forwarded_part(mf.thunderbird_mail([]), "thu cu.eml"),
                          mf.thunderbird_part("SNGV.ttdn", package(form))])
    path = tmp_path / "thu.eml"
    path.write_bytes(data)
    results = workspace.imports.run([path])
    assert [(r.file_name, r.outcome, r.detail) for r in results] == [
        ("thu.eml › thu cu.eml", rules.SKIPPED,
         "thư không có tệp đính kèm và nội dung thư không phải báo cáo"),
        ("thu.eml › SNGV.ttdn", rules.NEW, "lần 1")]


def test_the_text_is_not_read_when_a_file_came_with_it(workspace, tmp_path):
    """A report attached and pasted too: the file is the report; the text is not shown."""
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    data = LAYOUTS["gmail.eml"][0].replace(b"multipart/alternative", b"multipart/mixed")
    attachment = mf.thunderbird_part("Báo cáo.docx", numbered_report())
    data = data.replace(b"--000000000000alt--", f"--000000000000alt{CRLF}{attachment}{CRLF}"
                        "--000000000000alt--".encode())
    path = tmp_path / "thu.eml"
    path.write_bytes(data)
    assert [(r.file_name, r.outcome) for r in workspace.imports.run([path], dry_run=True)] == \
        [("thu.eml › Báo cáo.docx", rules.WORD)]


def test_a_table_pasted_in_outlook_is_read_as_a_table(form):
    table = ("<table class=MsoTableGrid border=1><tr><td><p class=MsoNormal><b>Chỉ tiêu</b></p>"
             "</td><td><p class=MsoNormal><b>Đơn vị tính</b></p></td><td><p class=MsoNormal>"
             "<b>6 tháng đầu năm 2021</b></p></td></tr><tr><td><p class=MsoNormal>Số bản ấn "
             "phẩm, tài liệu phát hành</p></td><td><p class=MsoNormal>bản</p></td><td><p "
             "class=MsoNormal>3.800</p></td></tr><tr><td><p class=MsoNormal>Đoàn khách quốc tế "
             "được đón tiếp</p></td><td><p class=MsoNormal>đoàn</p></td><td><p class=MsoNormal>"
             "7</p></td></tr><tr><td><p class=MsoNormal>Tổng số</p></td><td></td><td></td></tr>"
             "</table>")
    html = outlook_html().replace("<p class=MsoNormal><b>III.", table + "<p class=MsoNormal>"
                                  "<b>III.", 1)
    data = alternative("(xem bản HTML)", html, "Chi Lan <lan@example.vn>",
                       "FW: Báo cáo 6 tháng đầu năm 2021")
    [grid] = [b for b in html_blocks(html) if isinstance(b, Table)]
    assert grid.rows[:2] == [["Chỉ tiêu", "Đơn vị tính", "6 tháng đầu năm 2021"],
                             ["Số bản ấn phẩm, tài liệu phát hành", "bản", "3.800"]]
    report = import_word_report("thu.eml › nội dung thư", data, form, AGENCIES)
    assert section_text(report, "kien_nghi").startswith("Đề nghị cung cấp tài liệu kịp thời.")


def test_outlook_in_vietnamese_forwards_are_stripped_too(form):
    """Outlook set to Vietnamese writes «Từ: … Đã gửi: … Đến: … Chủ đề: …»."""
    html = outlook_html().replace("<b>From:</b>", "<b>Từ:</b>").replace(
        "<b>Sent:</b>", "<b>Đã gửi:</b>").replace("<b>To:</b>", "<b>Đến:</b>").replace(
        "<b>Subject:</b>", "<b>Chủ đề:</b>")
    data = alternative("(xem bản HTML)", html, "Chi Lan <lan@example.vn>", "TR: TR: Báo cáo")
    report = import_word_report("thu.eml › nội dung thư", data, form, AGENCIES)
    assert report.mail.sender == "Sở Ngoại vụ <vanphong@example.vn>"
    assert report.mail.subject == "Báo cáo công tác TTĐN 6 tháng đầu năm 2021"
    assert NOTE not in str(report.other) + str(report.sections)
    assert report.agency_guess[0] == "SNGV" and report.period_guess.code == "2021-H1"
