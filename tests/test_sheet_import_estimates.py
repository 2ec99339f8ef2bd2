"""An agency's own statistics sheet whose column of the period is «Ước thực hiện»: estimates,
proposed as not exact (named with the column), never stored, --accept-figures or not; the
same rule as the tables of a Word report (figure_text.estimate_column)."""

from __future__ import annotations

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core.figure_text import APPROXIMATE
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.table_figures import table_proposals
from ttdn_desktop.exchange.sheet_import import read_report

from .ci_tools import needs
from .sheetfiles import cell, convert, covered, fods, row, sheet

AGENCIES = [("SNGV", "Sở Ngoại vụ")]
H1 = Period.parse("2021-H1")
ESTIMATE = "Ước thực hiện 6 tháng đầu năm 2021"
HEADER = ["STT", "Nội dung", "Đơn vị tính", ESTIMATE, "Thực hiện 6 tháng đầu năm 2020"]
ROWS = [["1", "Tin, bài về thông tin đối ngoại trên báo chí, phát thanh, truyền hình",
         "tin, bài", 1234, 198],
        ["2", "Số bản ấn phẩm, tài liệu phát hành", "bản", 3817, 2900],
        ["3", "Đoàn phóng viên nước ngoài được đón tiếp", "đoàn", 7, 2]]


def estimates_sheet() -> str:
    rows = [row(cell("SỞ NGOẠI VỤ TỈNH QUẢNG NINH", span=5), covered(4)),
            row(cell("SỐ LIỆU CÔNG TÁC THÔNG TIN ĐỐI NGOẠI 6 THÁNG ĐẦU NĂM 2021", span=5),
                covered(4)),
            row(),
            row(*(cell(h) for h in HEADER))]
    rows += [row(*(cell(v) for v in line)) for line in ROWS]
    return fods(sheet("Số liệu", 5, *rows))


@pytest.fixture(scope="module")
def calc_files(tmp_path_factory):
    target = tmp_path_factory.mktemp("estimates")
    source = {"uoc-thuc-hien.fods": estimates_sheet()}
    xlsx = convert(target, source, "xlsx:Calc MS Excel 2007 XML")
    xls = convert(target, source, "xls:MS Excel 97")
    if not xlsx or not xls:
        return None
    return {"xlsx": xlsx["uoc-thuc-hien.fods"], "xls": xls["uoc-thuc-hien.fods"]}


@needs("soffice")
@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_estimate_column_is_proposed_as_not_exact(form, calc_files, suffix):
    report = read_report(f"uoc-thuc-hien.{suffix}", calc_files[suffix], form, AGENCIES)
    found = {p.key: p for p in report.proposals}
    assert set(found) == {("tin_bai_bao_chi", ""), ("ban_an_pham", ""),
                          ("doan_phong_vien_nn", "")}
    for proposal in report.proposals:
        assert not proposal.exact
        assert proposal.not_exact == f"{APPROXIMATE}: cột «{ESTIMATE}»"
    assert found[("ban_an_pham", "")].phrase == "3.817"   # named as the cell shows it
    # the same column in a Word report's table gives the same reason: one rule for both
    words = table_proposals(form, [HEADER] + [[str(v) for v in line] for line in ROWS], H1)
    assert {p.not_exact for p in words} == {proposal.not_exact}


@needs("soffice")
@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_accept_figures_never_stores_an_estimate(capsys, tmp_path, calc_files, suffix):
    db = str(tmp_path / "ttdn.sqlite3")
    main(["--db", db, "agencies", "add", "SNGV", "Sở Ngoại vụ"])
    path = tmp_path / f"uoc-thuc-hien.{suffix}"
    path.write_bytes(calc_files[suffix])
    capsys.readouterr()
    assert main(["--db", db, "import", str(path), "--agency", "SNGV", "--period", "2021-H1",
                 "--accept-figures"]) == 1
    out = capsys.readouterr().out
    assert f"không lấy: Số bản ấn phẩm, tài liệu phát hành — «3.817» ({APPROXIMATE}: cột " \
           f"«{ESTIMATE}»)" in out
    assert "nhận: " not in out.replace("không nhận: ", "")
    assert "chưa nhập gì" in out
    assert main(["--db", db, "figures", "--period", "2021-H1"]) in (0, 1)
    shown = capsys.readouterr().out
    assert "3.817" not in shown and "1.234" not in shown
