"""The statistics workbook read back with openpyxl, and atomic export writes."""

import pytest
from openpyxl import load_workbook

from ttdn_desktop.core.merge import Agency, Contribution, consolidate
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.export.docx_report import write_report_docx
from ttdn_desktop.export.xlsx_stats import write_stats_xlsx

from .helpers import H1, SEED_BROCHURE

A = Agency("BXTDT", "Ban Xúc tiến và Hỗ trợ đầu tư tỉnh")
EVIL = Agency("EVIL", "=HYPERLINK(\"http://x\",\"bấm\")")


@pytest.fixture
def merged(form):
    body = ReportContent({"an_pham": "Phát hành **3.800 bản** <script>&\n- tiếng Anh 500 bản",
                          "kien_nghi": "Đề nghị\x07 hỗ trợ"}, dict(SEED_BROCHURE))
    return consolidate(form, H1, [A, EVIL], {
        "BXTDT": Contribution(A, 1, None, None, body),
        "EVIL": Contribution(EVIL, 1, None, None, ReportContent({}, {("hop_bao", ""): 2}))})


def test_xlsx_totals_and_text_never_a_formula(merged, tmp_path):
    out = tmp_path / "tk.xlsx"
    write_stats_xlsx(merged, out)
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Tổng hợp", "Theo đơn vị"]
    rows = list(workbook["Tổng hợp"].iter_rows(values_only=True))
    copies = next(r for r in rows if r[1] == "Số bản ấn phẩm, tài liệu phát hành")
    assert copies[3] == 3800
    english = rows[rows.index(copies) + 2]
    assert english[1] == "– Tiếng Anh" and english[3] == 500
    per_agency = workbook["Theo đơn vị"]
    evil = next(row for row in per_agency.iter_rows() if row[1].value == EVIL.name)
    assert evil[1].data_type == "s"


def test_failed_export_leaves_the_old_file_untouched(merged, tmp_path, monkeypatch):
    out = tmp_path / "bc.docx"
    out.write_bytes(b"old report")

    def broken_save(self, path):
        with open(path, "wb") as handle:
            handle.write(b"half")
        raise OSError("disk full")

    monkeypatch.setattr("docx.document.Document.save", broken_save)
    with pytest.raises(OSError):
        write_report_docx(merged, out)
    assert out.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["bc.docx"]
