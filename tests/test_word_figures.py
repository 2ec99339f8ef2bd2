"""Figures as agencies write them, in a report LibreOffice saved as .docx, .odt and .rtf: the
same figures read from each, only the exact ones stored by `ttdn import --accept-figures`,
the others named in its output."""

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.figure_text import APPROXIMATE, CHANGE, EARLIER, PLAN, RANGE
from ttdn_desktop.core.proposals import competing, sum_proposals
from ttdn_desktop.exchange.docx_import import import_word_report
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.workspace import Workspace

from .ci_tools import require
from .lofiles import convert_all

AGENCIES = [("SNGV", "Sở Ngoại vụ")]
H1 = Period.parse("2021-H1")
FORMATS = {"docx": "docx:MS Word 2007 XML", "odt": "odt", "rtf": "rtf:Rich Text Format"}
# «Số bản ấn phẩm» has figures of three sentences (3,8 nghìn tờ gấp, 3 800 bản tài liệu, 9 000
# cuốn bản tin): never added into a total nor one picked, so no total (COMPETING names them)
COMPETING = {("ban_an_pham", ""): [3800, 3800, 9000]}
EXACT = {("su_kien_quang_ba", ""): 5, ("luot_tiep_can_mxh", ""): 1250000,
         ("ban_an_pham", "en"): 500,
         ("phong_vien_nn", ""): 14, ("hop_bao", ""): 10, ("lop_tap_huan", ""): 2}
LEFT_OUT = [("bai_phan_bac", APPROXIMATE, "khoảng 50"),
            ("tin_bai_bao_chi", APPROXIMATE, "hơn 200 tin"),
            ("tin_bai_bao_chi", CHANGE, "tăng 35 tin"),
            ("luot_tuong_tac_mxh", APPROXIMATE, "hàng nghìn lượt tương tác"),
            ("hop_bao", EARLIER, "cùng kỳ năm 2020 là 8 cuộc"),
            ("luot_tap_huan", RANGE, "150–170 lượt học viên"),
            ("doan_quoc_te", RANGE, "từ 3 đến 4 đoàn khách"),
            ("lop_tap_huan", PLAN, "Dự kiến tổ chức 03 lớp")]


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    out = {}
    for suffix, to in FORMATS.items():
        files = convert_all(tmp_path_factory.mktemp(suffix), to=to)
        if files is None:
            require("soffice")
        assert "figures.html" in files, f"LibreOffice did not save the report as .{suffix}"
        out[suffix] = files["figures.html"]
    return out


def _left_out(proposals):
    return sorted((p.key[0], p.not_exact.split(":")[0], p.phrase) for p in proposals
                  if not p.exact)


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_every_format_gives_the_same_figures(saved, form, suffix):
    report = import_word_report(f"bao-cao.{suffix}", saved[suffix], form, AGENCIES)
    assert report.period_guess == H1
    assert sum_proposals(report.proposals) == EXACT
    assert {key: sorted(p.value for p in found)
            for key, found in competing(report.proposals).items()} == COMPETING
    assert _left_out(report.proposals) == sorted(LEFT_OUT)


def test_command_line_stores_only_exact_figures_and_names_the_rest(saved, forms, capsys,
                                                                   tmp_path):
    db = str(tmp_path / "cli.sqlite3")
    main(["--db", db, "agencies", "add", "SNGV", "Sở Ngoại vụ"])
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(saved["docx"])
    capsys.readouterr()
    # left-out figures do not stop the import: nothing wrong is stored, they are named
    assert main(["--db", db, "import", str(path), "--accept-figures"]) == 0
    out = capsys.readouterr().out
    assert "nhận: Lượt tiếp cận trên mạng xã hội = 1.250.000 lượt tiếp cận" in out
    assert "nhận: Phóng viên nước ngoài được đón tiếp, hướng dẫn = 14 người" in out
    assert "= 5 người" not in out and "= 9 người" not in out   # the parts of the 14
    assert ("không lấy: Tin, bài, phóng sự về thông tin đối ngoại trên báo chí, phát thanh, "
            "truyền hình — «hơn 200 tin» (số ước lượng: «hơn»)") in out
    assert "không lấy: Đoàn khách quốc tế được đón tiếp — «từ 3 đến 4 đoàn khách» (khoảng" in out
    assert "— «cùng kỳ năm 2020 là 8 cuộc» (số của kỳ khác)" in out
    assert "— «Dự kiến tổ chức 03 lớp» (số kế hoạch, dự kiến)" in out
    assert ("không nhận: Số bản ấn phẩm, tài liệu phát hành — 3 số của "
            "các câu khác nhau (") in out, out
    assert "nhận: Số bản ấn phẩm, tài liệu phát hành = 9.000" not in out
    assert "Lưu ý: 5 số liệu đơn vị chỉ nêu ước lượng, khoảng hay viết không rõ" in out
    assert "đã nhập" in out
    with Workspace(tmp_path / "cli.sqlite3", forms) as workspace:
        stored = report_store.load_content(workspace.db,
                                           workspace.reports.of("SNGV", H1)["id"])
    assert stored.figures == EXACT
