"""Edge cases of importing found in review: numbers too large to store, conflicts settled in
favour of the package that arrived, unchanged resends, content laid out differently, damaged
manifests and requests."""

import hashlib
import json
import uuid

import pytest
from openpyxl import load_workbook

from ttdn_desktop.core import rules
from ttdn_desktop.core.errors import FormError
from ttdn_desktop.core.forms import load_form
from ttdn_desktop.core.merge import LATE, UNDATED
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.ui.figures_editor import GroupFigures

from .conftest import FORMS_DIR
from .helpers import H1, content, count, edit_manifest, package, rezip
from .uihelpers import set_value


@pytest.fixture
def ws(workspace):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    return workspace


def _import(ws, tmp_path, data, name=None):
    path = tmp_path / (name or f"{uuid.uuid4().hex[:8]}.ttdn")
    path.write_bytes(data)
    return ws.imports.run([path])[0]


def _with_content(data: bytes, body: dict, indent=None) -> bytes:
    """Replace content.json (and its hash in the manifest)."""
    raw = json.dumps(body, ensure_ascii=False, indent=indent).encode()

    def change(members):
        manifest = json.loads(members["manifest.json"])
        manifest["content_sha256"] = hashlib.sha256(raw).hexdigest()
        members["manifest.json"] = json.dumps(manifest).encode()
        members["content.json"] = raw
    return rezip(data, change)


def test_numbers_too_large_are_refused_and_the_batch_goes_on(ws, form, tmp_path):
    good = package(form)
    huge = _with_content(package(form, code="SNGV"), {"figures": [
        {"indicator": "hop_bao", "member": "", "value": 10 ** 300}]})
    paths = []
    for name, data in (("tot.ttdn", good), ("qua-lon.ttdn", huge)):
        paths.append(tmp_path / name)
        paths[-1].write_bytes(data)
    results = ws.imports.run(paths)
    assert [r.outcome for r in results] == [rules.NEW, rules.REJECTED]
    assert "lớn quá mức" in results[1].detail
    assert "revision" in _import(ws, tmp_path, edit_manifest(good, revision=2 ** 70)).detail


def test_settled_conflict_lets_the_chain_go_on(ws, form, tmp_path):
    rid = str(uuid.uuid4())
    _import(ws, tmp_path, package(form, report_id=rid, body=content("Lần 1")))
    assert _import(ws, tmp_path, package(form, report_id=rid, revision=3, supersedes=2,
                                         body=content("Lần 3"))).outcome == rules.CONFLICT
    ws.imports.resolve(ws.imports.conflicts()[0]["id"], take_incoming=True)
    nxt = _import(ws, tmp_path, package(form, report_id=rid, revision=4, supersedes=3,
                                        body=content("Lần 4")))
    assert nxt.outcome == rules.NEWER
    late = _import(ws, tmp_path, package(form, report_id=rid, revision=2, supersedes=1,
                                         body=content("Lần 2 đến muộn")))
    assert late.outcome == rules.OLDER


def test_settled_same_revision_conflict_keeps_the_agency_numbering(ws, form, tmp_path):
    rid = str(uuid.uuid4())
    first = package(form, report_id=rid, body=content("Bản A"))
    _import(ws, tmp_path, first)
    _import(ws, tmp_path, package(form, report_id=rid, body=content("Bản B")))
    ws.imports.resolve(ws.imports.conflicts()[0]["id"], take_incoming=True)
    assert report_store.load_content(ws.db, rid).sections["an_pham"] == "Bản B"
    chosen = report_store.current_revision(ws.db, rid)  # stored as the user's choice, on top
    assert chosen.supersedes == 1 and chosen.source_file.endswith("(chọn khi xử lý xung đột)")
    nxt = _import(ws, tmp_path, package(form, report_id=rid, revision=2, supersedes=1,
                                        body=content("Bản C")))
    assert nxt.outcome == rules.NEWER
    assert report_store.load_content(ws.db, rid).sections["an_pham"] == "Bản C"
    # the file that lost the conflict, dropped in again: already dealt with
    again = _import(ws, tmp_path, package(form, report_id=rid, body=content("Bản B")))
    assert again.outcome == rules.SAME


def test_settled_second_report_id_is_followed(ws, form, tmp_path):
    _import(ws, tmp_path, package(form, body=content("Bản cũ")))
    other = str(uuid.uuid4())
    _import(ws, tmp_path, package(form, report_id=other, body=content("Cài lại máy")))
    ws.imports.resolve(ws.imports.conflicts()[0]["id"], take_incoming=True)
    nxt = _import(ws, tmp_path, package(form, report_id=other, revision=2, supersedes=1,
                                        body=content("Sửa tiếp")))
    assert nxt.outcome == rules.NEWER
    assert count(ws.db, "reports") == 1
    report = ws.reports.of("SNGV", H1)
    assert report_store.load_content(ws.db, report["id"]).sections["an_pham"] == "Sửa tiếp"


def test_unchanged_resend_keeps_the_chain(ws, form, tmp_path):
    rid = str(uuid.uuid4())
    _import(ws, tmp_path, package(form, report_id=rid, body=content("A")))
    same = _import(ws, tmp_path, package(form, report_id=rid, revision=2, supersedes=1,
                                         body=content("A")))
    assert same.outcome == rules.NEWER and "không đổi" in same.detail
    assert _import(ws, tmp_path, package(form, report_id=rid, revision=3, supersedes=2,
                                         body=content("B"))).outcome == rules.NEWER


def test_content_laid_out_differently_is_still_the_same(ws, form, tmp_path):
    body = ReportContent({"an_pham": "Bản tin"}).to_dict()
    data = _with_content(package(form), body, indent=2)
    assert _import(ws, tmp_path, data).outcome == rules.NEW
    assert _import(ws, tmp_path, data).outcome == rules.SAME


def test_manifest_without_supersedes(ws, form, tmp_path):
    def drop(members):
        manifest = json.loads(members["manifest.json"])
        del manifest["supersedes"]
        members["manifest.json"] = json.dumps(manifest).encode()
    assert _import(ws, tmp_path, rezip(package(form), drop)).outcome == rules.NEW


@pytest.mark.parametrize("field, value", [("form", "x"), ("agency", ["SNGV"]), ("agency", "SNGV")])
def test_damaged_request_is_refused(ws, tmp_path, field, value):
    def change(members):
        manifest = json.loads(members["manifest.json"])
        manifest[field] = value
        members["manifest.json"] = json.dumps(manifest).encode()
    result = _import(ws, tmp_path, rezip(ws.files.request_bytes(H1), change))
    assert result.outcome == rules.REJECTED


def test_form_parent_must_be_a_section_id(tmp_path):
    text = (FORMS_DIR / "ttdn-dinh-ky-v1.toml").read_text(encoding="utf-8").replace(
        'parent = "ket_qua"\nnumber = "1"', 'parent = ["ket_qua"]\nnumber = "1"', 1)
    path = tmp_path / "f.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormError, match="parent"):
        load_form(path)


def test_excel_identity_with_a_range_address(ws, tmp_path):
    path = tmp_path / "mau.xlsx"
    ws.files.form_xlsx("SNGV", H1, path)
    workbook = load_workbook(path)
    sheet = workbook["_ttdn"]
    row = next(r for r in sheet.iter_rows() if r[0].value == "section:an_pham")
    row[1].value = "A1:B2"
    workbook["Báo cáo"]["B10"].value = "x"
    workbook.save(path)
    [result] = ws.imports.run([path])
    assert result.outcome == rules.REJECTED and "địa chỉ ô" in result.detail


def test_a_huge_number_typed_in_the_app_is_marked_not_stored(qtbot, workspace, form):
    group = next(g for g in form.groups if g.id == "bao_chi_nuoc_ngoai")
    table = GroupFigures(form, group, {}, {}, {})
    qtbot.addWidget(table)
    set_value(table, ("hop_bao", ""), "99999999999999999999")
    assert ("hop_bao", "") not in table.values
    assert table.problems()[0][0] == "error" and "lớn quá mức" in table.problems()[0][1]


@pytest.mark.parametrize("created_at", [None, "không rõ", 20250601, "2099-01-01T08:00:00"])
def test_report_without_a_trustworthy_sending_time_is_not_on_time(ws, form, tmp_path,
                                                                  created_at):
    """Missing, garbled or in the future (a wrong clock): «không rõ ngày gửi», never on time."""
    result = _import(ws, tmp_path, edit_manifest(package(form), created_at=created_at))
    assert result.outcome == rules.NEW
    [status] = ws.merge.consolidation(H1).statuses
    assert status.state == UNDATED and status.label == "không rõ ngày gửi"
    assert status.state != LATE and not status.late
