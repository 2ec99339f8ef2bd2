"""A Word import never loses an agency's text: no section recognised is refused, a lesser
report never replaces a fuller one unasked, unmatched text is kept with the report, and the
placements confirmed once are remembered for the agency's next report."""

from datetime import datetime

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core import rules
from ttdn_desktop.core.errors import PackageError, TTDNError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.exchange.importer import WORD
from ttdn_desktop.storage import reports as report_store

from .wordxml import LETTERHEAD, SIGNATURE, TITLE, docx, p

H1 = Period.parse("2021-H1")

FULL = docx(LETTERHEAD + TITLE + "".join([
    p(text="I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", bold=True),
    p(text="Ban hành Kế hoạch số 111/KH-SNGV về công tác thông tin đối ngoại năm 2021."),
    p(text="II. KẾT QUẢ THỰC HIỆN", bold=True),
    p(text="1. Thông tin, tuyên truyền trên báo chí, phát thanh, truyền hình", bold=True),
    p(text="Phối hợp với Báo Quảng Ninh đăng 245 tin, bài về hoạt động đối ngoại."),
    p(text="2. Tình hình thời tiết", bold=True),
    p(text="Mưa nhiều trong tháng 5, ảnh hưởng tới các hoạt động ngoài trời."),
    p(text="III. ĐỀ XUẤT, KIẾN NGHỊ", bold=True),
    p(text="Đề nghị Ban Chỉ đạo tỉnh hỗ trợ kinh phí in ấn phẩm."),
]) + SIGNATURE)

LESSER = docx(LETTERHEAD + TITLE + "".join([
    p(text="I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", bold=True),
    p(text="Ban hành Kế hoạch số 111."),
]) + SIGNATURE)

NOTHING = docx(TITLE + p(text="Danh sách khách mời dự tiệc tất niên.") + p(text="Ông A, bà B."))


@pytest.fixture
def sngv(workspace):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    return workspace


def revision_count(workspace):
    report = workspace.reports.of("SNGV", H1)
    return 0 if report is None else report["current_revision"]


def test_unplaced_text_is_kept_with_the_revision_and_placed_later(sngv, tmp_path):
    path = tmp_path / "sngv.docx"
    path.write_bytes(FULL)
    report = sngv.word.read(path)
    assert [h for h, _ in report.other] == ["2. Tình hình thời tiết"]
    result = sngv.word.import_report(report, "SNGV", H1)
    assert result.ok and "1 phần chưa xếp" in result.warnings[0]
    [part] = sngv.word.unplaced("SNGV", H1)
    assert (part["heading"], part["revision"], part["file_name"]) == (
        "2. Tình hình thời tiết", 1, "sngv.docx")
    assert part["text"].startswith("Mưa nhiều trong tháng 5")
    placed = sngv.word.place(part["id"], "quang_ba")
    assert placed.ok and revision_count(sngv) == 2
    stored = report_store.load_content(sngv.db, sngv.reports.of("SNGV", H1)["id"])
    assert stored.sections["quang_ba"].startswith("**2. Tình hình thời tiết**\nMưa nhiều")
    assert sngv.word.unplaced("SNGV", H1) == []
    with pytest.raises(TTDNError, match="không còn"):
        sngv.word.place(part["id"], "quang_ba")


def test_placing_kept_parts_is_no_sending_of_the_agency(sngv, tmp_path):
    """«Đưa vào mục» made the agency's report «nộp muộn», «lần 2», sent today, though the
    agency sent nothing (found in the real window, issue 21): the revision it makes keeps the
    agency's sending; a second placing and the agency's next report follow its numbers."""
    path = tmp_path / "sngv.docx"
    path.write_bytes(FULL)
    sngv.word.import_report(sngv.word.read(path), "SNGV", H1)
    report_id = sngv.reports.of("SNGV", H1)["id"]
    sent = report_store.revision_info(sngv.db, report_id, 1)
    [part] = sngv.word.unplaced("SNGV", H1)
    placed = sngv.word.place(part["id"], "quang_ba")
    assert placed.ok and "lần 1 của đơn vị" in placed.detail, placed.detail
    made = report_store.revision_info(sngv.db, report_id, 2)
    assert (made.sent_at, made.received_at, made.as_sent) == (sent.sent_at, sent.received_at, 1)
    assert "cơ quan thường trực" in made.source_file
    status = next(s for s in sngv.merge.consolidation(H1).statuses if s.agency.code == "SNGV")
    assert status.shown_revision == 1 and status.sent_at == parse(sent.sent_at)
    # the agency's next report: its second sending, never a conflict with our revision 2
    again = sngv.word.read(path)
    result = sngv.word.import_report(again, "SNGV", H1, {0: "kien_nghi"}, allow_losses=True)
    assert result.outcome == rules.NEWER, result.line()
    latest = report_store.current_revision(sngv.db, report_id)
    assert (latest.revision, latest.as_sent) == (3, 2)


def parse(text):
    return datetime.fromisoformat(text) if text else None


def test_a_lesser_report_never_replaces_a_fuller_one_unasked(sngv, tmp_path):
    full, lesser = tmp_path / "day-du.docx", tmp_path / "it-hon.docx"
    full.write_bytes(FULL)
    lesser.write_bytes(LESSER)
    first = sngv.word.read(full)
    sngv.word.import_report(first, "SNGV", H1, {0: "quang_ba"},
                     [p for p in first.proposals if p.key[0] == "tin_bai_bao_chi"])
    before = report_store.load_content(sngv.db, sngv.reports.of("SNGV", H1)["id"])
    report = sngv.word.read(lesser)
    found = {loss.section_id: loss for loss in sngv.word.losses(report, "SNGV", H1)}
    assert set(found) == {"lanh_dao_chi_dao", "bao_chi", "quang_ba", "kien_nghi", ""}
    assert found["bao_chi"].emptied and not found["lanh_dao_chi_dao"].emptied
    assert found[""].describe() == "số liệu: 1 chỉ tiêu sẽ bị xóa hết"
    with pytest.raises(TTDNError) as refused:
        sngv.word.import_report(report, "SNGV", H1)
    assert "it-hon.docx: không nhập" in refused.value.message
    assert "«1. Thông tin, tuyên truyền trên báo chí, phát thanh, truyền hình» sẽ bị xóa trống" \
        in refused.value.message
    assert revision_count(sngv) == 1
    assert report_store.load_content(sngv.db, sngv.reports.of("SNGV", H1)["id"]) == before
    result = sngv.word.import_report(report, "SNGV", H1, allow_losses=True)
    assert result.ok and revision_count(sngv) == 2
    old = report_store.load_content(sngv.db, sngv.reports.of("SNGV", H1)["id"], 1)
    assert old == before   # the fuller revision stays in the history


def test_batch_preview_names_what_would_be_lost_and_refuses_no_section(sngv, tmp_path):
    full, lesser, nothing = (tmp_path / n for n in ("a.docx", "b.docx", "c.docx"))
    full.write_bytes(FULL)
    lesser.write_bytes(LESSER)
    nothing.write_bytes(NOTHING)
    sngv.word.import_report(sngv.word.read(full), "SNGV", H1, {0: "quang_ba"})
    word, refused = sngv.imports.run([lesser, nothing])
    assert word.outcome == WORD
    assert any("«1. Thông tin, tuyên truyền trên báo chí, phát thanh, truyền hình» sẽ bị xóa "
               "trống" in w for w in word.warnings)
    assert not refused.ok and "không nhận ra mục nào của mẫu báo cáo" in refused.detail
    with pytest.raises(PackageError, match="c.docx: không nhận ra mục nào"):
        sngv.word.read(nothing)
    assert revision_count(sngv) == 1


def test_command_line_refuses_a_lesser_report_and_says_where_text_went(capsys, tmp_path):
    db = str(tmp_path / "cli.sqlite3")
    main(["--db", db, "agencies", "add", "SNGV", "Sở Ngoại vụ"])
    full, lesser, nothing = (tmp_path / n for n in ("day-du.docx", "it-hon.docx", "khac.docx"))
    full.write_bytes(FULL)
    lesser.write_bytes(LESSER)
    nothing.write_bytes(NOTHING)
    capsys.readouterr()
    assert main(["--db", db, "import", str(full)]) == 0
    out = capsys.readouterr().out
    assert "phần chưa xếp: «2. Tình hình thời tiết» (1 đoạn) — không vào mục nào; lưu kèm báo " \
        "cáo" in out
    assert "1 phần chưa xếp được vào mục nào đã được lưu kèm báo cáo (lần 1)" in out
    assert main(["--db", db, "unplaced", "--agency", "SNGV", "--period", "2021-H1"]) == 0
    listed = capsys.readouterr().out
    assert "«2. Tình hình thời tiết»\tday-du.docx (lần 1)\tMưa nhiều" in listed
    number = listed.split("\t")[0]

    assert main(["--db", db, "import", str(lesser)]) == 1
    out = capsys.readouterr().out
    assert "ít hơn bản hiện hành: «1. Thông tin, tuyên truyền trên báo chí, phát thanh, " \
        "truyền hình» sẽ bị xóa trống" in out
    assert "it-hon.docx: không nhập — bản này ít hơn báo cáo hiện hành" in out
    assert "--allow-shorter" in out
    assert main(["--db", db, "import", str(nothing)]) == 1
    assert "khac.docx: bị từ chối (không nhận ra mục nào" in capsys.readouterr().out
    assert main(["--db", db, "status", "--period", "2021-H1"]) == 0
    assert "\tSở Ngoại vụ\t" in capsys.readouterr().out

    assert main(["--db", db, "unplaced", "--agency", "SNGV", "--period", "2021-H1",
                 "--place", number, "quang_ba"]) == 0
    # placing is the secretariat's, no sending: the agency's sending stays its first
    assert ("day-du.docx: bản mới hơn — Sở Ngoại vụ, kỳ 2021-H1 (lần 1 của đơn vị, cơ quan "
            "thường trực xếp phần chưa xếp vào mục)") in capsys.readouterr().out
    assert main(["--db", db, "import", str(lesser), "--allow-shorter"]) == 0
    assert "it-hon.docx: bản mới hơn — Sở Ngoại vụ, kỳ 2021-H1 (lần 2 thay cho lần 1)" in \
        capsys.readouterr().out
