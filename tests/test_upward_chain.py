"""Three levels from the command line: communes → province → centre, each on its own database
file, packages passed as files. Every figure at the top equals the sum at the bottom, and a
commune sending again shows at the province as «đã thay đổi sau khi gửi lên» until the province
sends again."""

import json
import zipfile

from docx import Document
from openpyxl import load_workbook

from ttdn_desktop.cli import main
from ttdn_desktop.core.forms import TOTAL
from ttdn_desktop.core.merge import PASTED
from ttdn_desktop.core.upward import CHANGED_LABEL
from ttdn_desktop.demo import demo_agencies, demo_content
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.workspace import Workspace

from .helpers import H1
from .uihelpers import set_up_agency

PROVINCES = {"QNINH": ("Tỉnh Quảng Ninh", 3), "TNGUYEN": ("Tỉnh Thái Nguyên", 2)}


def ttdn(capsys, db, *argv, expect=0):
    code = main(["--db", str(db), *map(str, argv)])
    out, err = capsys.readouterr()
    assert code == expect, (argv, out, err)
    return out


def _communes(province: str, count: int) -> list[tuple[str, str]]:
    """Each province's communes, codes unique across the country."""
    return [(f"{province[:2]}{code}", name) for code, name in demo_agencies(count, communes=True)]


def _draft_and_send(capsys, tmp_path, code, name, request, revision=1):
    """A commune official in the app: the request opens the report, the official drafts it
    (here through the workspace, as the app's editor does), then it is sent as a package."""
    db = tmp_path / f"xa-{code}.sqlite3"
    with Workspace(db) as commune:
        if revision == 1:
            set_up_agency(commune, code, name)
        content = demo_content(commune.form, code, name, H1, revision)
    if revision == 1:
        assert "đã tạo báo cáo" in ttdn(capsys, db, "import", request)
    with Workspace(db) as commune:
        report = commune.reports.of(code, H1)
        report_store.save_content(commune.db, report["id"], content)
    out = tmp_path / f"{code}-lan{revision}.ttdn"
    assert f"lần gửi {revision}" in ttdn(capsys, db, "package", "--period", "2021-H1",
                                          "--agency", code, "--out", out)
    return out, content


def _pasted(db):
    """The secretariat shows its members' texts pasted under their names in every section
    (here through the workspace, as the merge view does), not the draft."""
    with Workspace(db) as secretariat:
        for section in secretariat.form.prose_sections:
            secretariat.drafts.choose(H1, section.id, PASTED)


def _sum(contents, key):
    return sum(c.figures.get(key, 0) for c in contents)


def test_three_levels_from_the_command_line(capsys, tmp_path):
    centre = tmp_path / "trung-uong.sqlite3"
    for code, (name, _) in PROVINCES.items():
        ttdn(capsys, centre, "agencies", "add", code, name)
    request = tmp_path / "de-nghi-tw.ttdn"
    ttdn(capsys, centre, "request", "--period", "2021-H1", "--deadline", "2021-07-05",
         "--out", request)

    bottom = {}  # commune code -> its content as drafted
    for province, (name, count) in PROVINCES.items():
        db = tmp_path / f"tinh-{province}.sqlite3"
        assert "đề nghị của cấp trên, hạn gửi lên 05/07/2021" in ttdn(capsys, db, "import",
                                                                       request)
        ttdn(capsys, db, "upward", "identity", "--code", province, "--name", name)
        for code, commune in _communes(province, count):
            ttdn(capsys, db, "agencies", "add", code, commune)
        ttdn(capsys, db, "upward", "forward", "--period", "2021-H1", "--deadline",
             "2021-07-06", "--out", tmp_path / "x.ttdn", expect=1)
        down = tmp_path / f"de-nghi-{province}.ttdn"
        ttdn(capsys, db, "upward", "forward", "--period", "2021-H1", "--deadline",
             "2021-06-28", "--out", down)
        packages = []
        for code, commune in _communes(province, count):
            path, bottom[code] = _draft_and_send(capsys, tmp_path, code, commune, down)
            packages.append(path)
        assert ttdn(capsys, db, "import", *packages).count("đã nhập") == count
        _pasted(db)
        out = ttdn(capsys, db, "upward", "export", "--period", "2021-H1", "--out",
                   tmp_path / f"{province}.ttdn")
        assert f"lần 1, đơn vị {province}" in out and f"({count}/{count} đơn vị đã nộp)" in out

    ttdn(capsys, centre, "import", *(tmp_path / f"{p}.ttdn" for p in PROVINCES))
    assert "2/2 đơn vị đã nộp" in ttdn(capsys, centre, "status", "--period", "2021-H1")
    _check_top_equals_bottom(centre, bottom)

    # the centre drills into a province and its communes
    out = ttdn(capsys, centre, "figures", "--period", "2021-H1", "--indicator", "hop_bao")
    key = ("hop_bao", TOTAL)
    assert f"QNINH\t{_sum([bottom[c] for c, _ in _communes('QNINH', 3)], key)}" in out
    first, first_name = _communes("QNINH", 3)[0]
    assert f"    {first}\t{bottom[first].figures[key]}\t{first_name}" in out

    # the centre's own outputs work on provinces as on agencies
    _pasted(centre)
    ttdn(capsys, centre, "export", "docx", "--period", "2021-H1", "--out", tmp_path / "tw.docx")
    paragraphs = [p.text for p in Document(tmp_path / "tw.docx").paragraphs]
    # the province named on a line of its own, its communes named inside its text
    assert "Tỉnh Quảng Ninh:" in paragraphs
    assert any(p.startswith(f"{first_name}: ") for p in paragraphs)
    ttdn(capsys, centre, "export", "xlsx", "--period", "2021-H1", "--out", tmp_path / "tw.xlsx")
    workbook = load_workbook(tmp_path / "tw.xlsx")
    sheet = workbook["Theo đơn vị"]
    assert {sheet.cell(r, 2).value for r in range(3, 5)} == set(PROVINCES)
    detail = workbook["Chi tiết cấp dưới"]  # each province, then its communes
    column = next(c for c in range(4, detail.max_column + 1)
                  if detail.cell(1, c).value and detail.cell(1, c).value.startswith("Họp báo"))
    rows = {detail.cell(r, 2).value: detail.cell(r, column).value
            for r in range(3, detail.max_row + 1)}
    assert len(rows) == len(PROVINCES) + sum(n for _, n in PROVINCES.values())
    for province, (_, count) in PROVINCES.items():
        communes = [c for c, _ in _communes(province, count)]
        assert rows[province] == sum(rows[c] for c in communes) == \
            _sum([bottom[c] for c in communes], key)

    # a commune sends again: stale at the province until the province sends again
    province_db = tmp_path / "tinh-QNINH.sqlite3"
    assert "vẫn là bản hiện hành" in ttdn(capsys, province_db, "upward", "status",
                                          "--period", "2021-H1")
    path, bottom[first] = _draft_and_send(capsys, tmp_path, first, first_name,
                                          tmp_path / "de-nghi-QNINH.ttdn", revision=2)
    assert "bản mới hơn" in ttdn(capsys, province_db, "import", path)
    out = ttdn(capsys, province_db, "upward", "status", "--period", "2021-H1")
    assert f"«{CHANGED_LABEL}»" in out and f"  - {first_name}: lần 1 → lần 2" in out
    assert sum(line.startswith("  - ") for line in out.splitlines()) > 1  # and the figures
    out = ttdn(capsys, province_db, "upward", "export", "--period", "2021-H1", "--out",
               tmp_path / "QNINH-2.ttdn")
    assert "lần 2" in out
    with zipfile.ZipFile(tmp_path / "QNINH-2.ttdn") as archive:
        sources = json.loads(archive.read("manifest.json"))["upward"]["sources"]
    assert {(s["agency"], s["revision"]) for s in sources} == \
        {(c, 2 if c == first else 1) for c, _ in _communes("QNINH", 3)}
    assert "bản mới hơn" in ttdn(capsys, centre, "import", tmp_path / "QNINH-2.ttdn")
    _check_top_equals_bottom(centre, bottom)


def _check_top_equals_bottom(centre_db, bottom):
    with Workspace(centre_db) as centre:
        merged = centre.merge.consolidation(H1)
        form = centre.form
    contents = list(bottom.values())
    checked = 0
    for indicator in form.indicators:
        for key in indicator.keys:
            if indicator.kind == "count":
                assert merged.totals.get(key, 0) == _sum(contents, key), key
                checked += 1
    ratio = form.indicator("ty_le_bcv_ttdn")
    expected = round(_sum(contents, (ratio.numerator, TOTAL)) /
                     _sum(contents, (ratio.denominator, TOTAL)) * 100, 2)
    assert merged.totals[("ty_le_bcv_ttdn", TOTAL)] == expected
    assert checked > 20
    for province, (_, count) in PROVINCES.items():
        assert sorted(m.code for m in merged.sub_members[province]) == \
            [c for c, _ in _communes(province, count)]
