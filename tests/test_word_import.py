"""Agency reports written in Word, read into the form."""

import io
import zipfile

import pytest
from docx import Document
from openpyxl import Workbook

from ttdn_desktop.cli import main
from ttdn_desktop.core import rules
from ttdn_desktop.core.errors import PackageError, TTDNError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.proposals import competing, sum_proposals
from ttdn_desktop.exchange.docx_import import import_word_report
from ttdn_desktop.core.rules import WORD
from ttdn_desktop.storage import reports as report_store

from .helpers import count
from .msgfile import make_msg
from .wordfiles import legacy_report, numbered_report, styled_report

AGENCIES = [("SNGV", "Sở Ngoại vụ"), ("CAT", "Công an tỉnh"), ("BXTDT", "Ban Xúc tiến")]
H1 = Period.parse("2021-H1")


def test_numbered_headings_matched_and_letterhead_signature_left_out(form):
    report = import_word_report("sngv.docx", numbered_report(), form, AGENCIES)
    assert report.agency_guess == ("SNGV", 1.0)
    assert report.period_guess == H1
    matched = {m.heading: m.section_id for m in report.matches}
    assert matched["I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"] == "lanh_dao_chi_dao"
    assert matched["II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ"] == "ket_qua"  # reworded
    assert matched["1. Xuất bản ấn phẩm, tài liệu thông tin đối ngoại"] == "an_pham"
    assert matched["2. Tập huấn, bồi dưỡng nghiệp vụ"] == "tap_huan"
    assert matched["III. NHỮNG HẠN CHẾ, TỒN TẠI"] == "han_che"
    assert matched["IV. KIẾN NGHỊ, ĐỀ XUẤT"] == "kien_nghi"
    assert matched["3. Tình hình thời tiết"] is None
    an_pham = report.sections["an_pham"]
    assert an_pham[0].startswith("Phát hành 9.000 cuốn bản tin") and "**3.800 bản**" in an_pham[0]
    assert an_pham[1:] == ["- gửi các đại sứ quán;", "- gửi các nhà đầu tư."]
    headings = [h for h, _ in report.other]
    assert headings == ["(phần mở đầu)", "3. Tình hình thời tiết"]
    assert report.other[1][1] == ["Mưa nhiều trong tháng 5."]
    everything = " ".join(" ".join(lines) for lines in report.sections.values())
    assert "Nơi nhận" not in everything and "GIÁM ĐỐC" not in everything
    assert "CỘNG HÒA" not in everything and "Kết quả công tác" not in everything


def test_figures_are_proposed_with_their_source(form):
    report = import_word_report("sngv.docx", numbered_report(), form, AGENCIES)
    found = {(p.key, p.value) for p in report.proposals}
    assert (("ban_an_pham", ""), 9000) in found
    assert (("ban_an_pham", ""), 3800) in found
    for member, value in (("en", 500), ("ja", 200), ("ko", 200), ("zh", 100), ("vi", 2800)):
        assert (("ban_an_pham", member), value) in found
    assert (("lop_tap_huan", ""), 3) in found and (("luot_tap_huan", ""), 120) in found
    assert (("hop_bao", ""), 4) in found and (("doan_quoc_te", ""), 7) in found  # the table
    assert (("bai_phan_bac", ""), 1250) in found
    brochure = next(p for p in report.proposals if p.value == 3800)
    assert "trong đó tiếng Anh 500 bản" in brochure.source
    # two sentences, two figures for one indicator: never added (12.800 was stored, while the
    # breakdown, read from the second sentence, adds to 3.800), never one picked: named
    assert ("ban_an_pham", "") not in sum_proposals(report.proposals)
    assert sorted(p.value for p in competing(report.proposals)[("ban_an_pham", "")]) == \
        [3800, 9000]


def test_heading_styles_and_rewording(form):
    report = import_word_report("cat.docx", styled_report(), form, AGENCIES)
    assert report.agency_guess[0] == "CAT"
    assert report.period_guess == Period.parse("2020-Y")
    matched = {m.heading: m.section_id for m in report.matches}
    assert matched["Kết quả thực hiện nhiệm vụ"] == "ket_qua"
    assert matched["Đấu tranh phản bác thông tin xấu độc"] == "dau_tranh"
    assert matched["Tuyên truyền biển, đảo và biên giới"] == "bien_dao"
    assert matched["Phương hướng nhiệm vụ năm 2021"] == "phuong_huong"
    assert report.sections["phuong_huong"] == ["- Tiếp tục nâng cao chất lượng thông tin."]


def test_legacy_runs_are_converted(form):
    report = import_word_report("cu.docx", legacy_report(), form, AGENCIES)
    matched = {m.heading: m.section_id for m in report.matches}
    assert matched["I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"] == "lanh_dao_chi_dao"  # .VnTimeH capitals
    assert matched["V. ĐỀ XUẤT, KIẾN NGHỊ"] == "kien_nghi"                  # VNI-Times
    lanh_dao = report.sections["lanh_dao_chi_dao"]
    assert lanh_dao[0] == ("Tăng cường công tác thông tin đối ngoại trên địa bàn; các trường "
                           "học tham gia tích cực.")
    kien_nghi = report.sections["kien_nghi"]
    assert kien_nghi[0] == "Đề nghị Ban Chỉ đạo tỉnh hỗ trợ kinh phí in ấn phẩm."
    assert kien_nghi[1] == "Tiếng Anh và tiếng Pháp."                        # NFC
    assert kien_nghi[2] == "Café et crème (tiếng Pháp), không phải mã cũ."   # untouched
    assert report.legacy_runs >= 3


def _docx_with(change) -> bytes:
    data = numbered_report()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        members = {i.filename: old.read(i.filename) for i in old.infolist()}
        change(members)
        for name, value in members.items():
            new.writestr(name, value)
    return out.getvalue()


@pytest.mark.parametrize("name, data, reason", [
    ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000, r"\(\.doc\) bị hỏng"),
    ("hong.docx", numbered_report()[:3000], "hỏng"),
    ("macro.docm", None, "macro"),
    ("bom.docx", None, "XML bị cấm"),
    ("excel.docx", None, "không phải tệp Word"),
])
def test_bad_word_files(form, name, data, reason):
    if name == "macro.docm":
        data = _docx_with(lambda m: m.update({"word/vbaProject.bin": b"x"}))
    elif name == "bom.docx":
        data = _docx_with(lambda m: m.update({"word/document.xml": b'<?xml version="1.0"?>'
                                              b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}))
    elif name == "excel.docx":
        buffer = io.BytesIO()
        Workbook().save(buffer)
        data = buffer.getvalue()
    with pytest.raises(PackageError, match=reason):
        import_word_report(name, data, form, AGENCIES)


def test_encrypted_word_file_is_named_as_such(form):
    data = make_ole_with_stream("EncryptedPackage")
    with pytest.raises(PackageError, match="mật khẩu"):
        import_word_report("mat-khau.docx", data, form, AGENCIES)


def make_ole_with_stream(name: str) -> bytes:
    """An OLE file with one stream at the root, as Office writes an encrypted document."""
    data = make_msg("x", [])
    # rename the subject stream "__substg1.0_0037001F" to the wanted name (same length or less)
    old = "__substg1.0_0037001F".encode("utf-16-le")
    new = name.encode("utf-16-le").ljust(len(old), b"\0")
    start = data.index(old)
    length_at = start + 64
    data = data[:start] + new + data[start + len(old):]
    size = (len(name) + 1) * 2
    return data[:length_at] + size.to_bytes(2, "little") + data[length_at + 2:]


def test_import_in_a_batch_waits_for_confirmation(workspace, tmp_path):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(numbered_report())
    [result] = workspace.imports.run([path])
    assert result.outcome == WORD and not result.ok
    assert result.agency_code == "SNGV" and result.period == "2021-H1"
    assert "đề mục khớp mẫu" in result.detail
    assert count(workspace.db, "reports") == 0


def test_confirmed_import_becomes_a_revision(workspace, tmp_path):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(numbered_report())
    report = workspace.word.read(path)
    weather = next(n for n, (h, _) in enumerate(report.other) if h.startswith("3."))
    both = [p for p in report.proposals if p.key[0] == "ban_an_pham"]
    with pytest.raises(TTDNError) as refused:  # 9.000 and 3.800 for one indicator: not added
        workspace.word.import_report(report, "SNGV", H1, {weather: "quang_ba"}, both)
    assert "«Số bản ấn phẩm, tài liệu phát hành» (9.000, 3.800)" in refused.value.message
    assert workspace.reports.find("SNGV", H1) is None
    accepted = [p for p in both if p.value != 9000]
    result = workspace.word.import_report(report, "SNGV", H1, {weather: "quang_ba"}, accepted)
    assert result.outcome == rules.NEW  # 3.800 = its breakdown: nothing to say of it
    assert not any("thành phần" in warning for warning in result.warnings), result.warnings
    stored = report_store.load_content(workspace.db, workspace.reports.of("SNGV", H1)["id"])
    assert stored.sections["quang_ba"] == "**3. Tình hình thời tiết**\nMưa nhiều trong tháng 5."
    assert stored.figures[("ban_an_pham", "")] == 3800
    assert ("lop_tap_huan", "") not in stored.figures  # not accepted, not applied
    # the agency's next import places the heading as confirmed, without asking again
    reread = workspace.word.read(path)
    placed = next(m for m in reread.matches if m.heading == "3. Tình hình thời tiết")
    assert (placed.section_id, placed.how) == ("quang_ba", "đã xác nhận trước")
    assert [h for h, _ in reread.other] == ["(phần mở đầu)"]
    again = workspace.word.import_report(reread, "SNGV", H1, {}, accepted)
    assert again.outcome == rules.SAME


def test_a_total_that_disagrees_with_its_breakdown_is_named(workspace, tmp_path):
    """9.000 (bulletins) ticked as the total beside the brochures' languages (3.800): stored as
    read, never silently — the import names the disagreement."""
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(numbered_report())
    report = workspace.word.read(path)
    accepted = [p for p in report.proposals if p.key[0] == "ban_an_pham" and p.value != 3800]
    result = workspace.word.import_report(report, "SNGV", H1, {}, accepted)
    assert ("Số bản ấn phẩm, tài liệu phát hành: các thành phần cộng lại 3.800, khác số tổng "
            "9.000") in result.warnings, result.warnings
    assert "khác số tổng 9.000" in result.line()


def test_command_line_word_import(capsys, tmp_path):
    db = str(tmp_path / "cli.sqlite3")
    main(["--db", db, "agencies", "add", "SNGV", "Sở Ngoại vụ"])
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(numbered_report())
    capsys.readouterr()
    assert main(["--db", db, "import", str(path), "--accept-figures"]) == 0
    out = capsys.readouterr().out
    assert "bao-cao.docx: Sở Ngoại vụ, 6 tháng đầu năm 2021 (đoán đơn vị, kỳ từ văn bản)" in out
    assert "«II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ» → II. KẾT QUẢ THỰC HIỆN (chắc chắn" in out
    assert "phần chưa xếp: «3. Tình hình thời tiết»" in out
    assert "nhận: Số bản ấn phẩm, tài liệu phát hành – Tiếng Anh = 500 bản" in out
    assert "đã nhập" in out
    main(["--db", db, "export", "xlsx", "--period", "2021-H1", "--out", str(tmp_path / "t.xlsx")])
    other = tmp_path / "khac.docx"
    document = Document()
    document.add_paragraph("Ghi chép không có tiêu đề")
    document.save(other)
    assert main(["--db", db, "import", str(other)]) == 1
    assert "khac.docx: bị từ chối (không nhận ra mục nào của mẫu báo cáo" in \
        capsys.readouterr().out
