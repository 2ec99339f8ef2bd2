"""Reports travel upward: a province's consolidated report as a member's report at the centre,
with what it was built from, the stale flag, the drill-down, and requests passed downward. Each
level is its own real database file; packages go through real files."""

import hashlib
import json
import shutil
import zipfile
from datetime import date

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.cli.upward import headline
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.forms import FormLibrary, TOTAL
from ttdn_desktop.core.merge import PASTED, SubMember, attributed_lines
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.role import Role
from ttdn_desktop.core.rules import REQUEST as REQUEST_APPLIED
from ttdn_desktop.core.upward import CHANGED_LABEL, Source
from ttdn_desktop.demo import demo_agencies, demo_content, report_id_for
from ttdn_desktop.exchange.package import build_upward_package, zip_package
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.workspace import Workspace

from .conftest import FORMS_DIR
from .helpers import H1, package, rezip, upward_sends
from .uihelpers import set_up_agency

UPPER_DEADLINE = date(2021, 7, 5)


@pytest.fixture
def forms_v2(tmp_path):
    """The centre's forms: version 2 renames one heading; the province has only version 1."""
    folder = tmp_path / "centre-forms"
    folder.mkdir()
    text = (FORMS_DIR / "ttdn-dinh-ky-v1.toml").read_text(encoding="utf-8")
    (folder / "v2.toml").write_text(text.replace("version = 1", "version = 2").replace(
        'heading = "Ưu điểm"', 'heading = "Ưu điểm nổi bật"'), encoding="utf-8")
    shutil.copy(FORMS_DIR / "ttdn-dinh-ky-v1.toml", folder / "v1.toml")
    return FormLibrary.from_dirs([folder])


@pytest.fixture
def centre(tmp_path, forms_v2):
    with Workspace(tmp_path / "trung-uong.sqlite3", forms_v2) as workspace:
        workspace.setup.first_start(Role.SECRETARIAT, {})
        workspace.agencies.add("QNINH", "Tỉnh Quảng Ninh")
        workspace.agencies.add("TNGUYEN", "Tỉnh Thái Nguyên")
        yield workspace


@pytest.fixture
def province(tmp_path, monkeypatch):
    monkeypatch.setattr("ttdn_desktop.workspace.data_dir", lambda: tmp_path / "tinh-data")
    # a library of its own: a request from above adds the centre's form to it
    with Workspace(tmp_path / "tinh.sqlite3", FormLibrary.from_dirs([FORMS_DIR])) as workspace:
        workspace.setup.first_start(Role.SECRETARIAT, {})
        for order, (code, name) in enumerate(demo_agencies(4), start=1):
            workspace.agencies.add(code, name, sort_order=order)
        yield workspace


def _demo_package(form, code, name, revision=1, body=None):
    return package(form, code, name, report_id=report_id_for(code, H1), revision=revision,
                   supersedes=revision - 1 or None,
                   body=body or demo_content(form, code, name, H1))


def _import(workspace, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    results = workspace.imports.run([path])
    assert all(r.ok for r in results), [r.line() for r in results]
    return results


def _receive_request(centre, province, tmp_path, code="QNINH"):
    data = centre.files.request_bytes(H1, code, UPPER_DEADLINE)
    [result] = _import(province, tmp_path, "de-nghi-tw.ttdn", data)
    assert result.outcome == REQUEST_APPLIED
    return result


def _fill(province, form, tmp_path, count=3):
    for code, name in demo_agencies(count):
        _import(province, tmp_path, f"{code}.ttdn", _demo_package(form, code, name))


# --- 1. export upward ------------------------------------------------------------------------------
def test_upward_package_is_the_consolidated_report_on_the_form_asked_for(
        centre, province, tmp_path, form):
    result = _receive_request(centre, province, tmp_path)
    assert "hạn gửi lên 05/07/2021" in result.detail and "phiên bản 2" in result.detail
    _fill(province, form, tmp_path, 3)
    edited = "Tỉnh ủy ban hành **Kế hoạch số 12-KH/TU** về thông tin đối ngoại."
    province.merge.save_section(H1, "lanh_dao_chi_dao", edited)
    province.drafts.choose(H1, "an_pham", PASTED)  # its agencies' texts under their names
    assert province.upward.identity(H1) == ("QNINH", "Tỉnh Quảng Ninh")  # from the request

    out = tmp_path / "gui-tw.ttdn"
    revision, report = province.files.upward_package(H1, out)
    assert revision == 1 and len(report.sources) == 3
    merged = province.merge.consolidation(H1)
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["form"] == {"id": "ttdn-dinh-ky", "version": 2}
    assert manifest["agency"] == {"code": "QNINH", "name": "Tỉnh Quảng Ninh"}

    [imported] = _import(centre, tmp_path, "gui-tw.ttdn", out.read_bytes())
    assert imported.outcome == "new"
    at_centre = centre.merge.consolidation(H1)
    assert at_centre.per_agency[("ban_an_pham", TOTAL)]["QNINH"] == \
        merged.totals[("ban_an_pham", TOTAL)] == sum(
            merged.per_agency[("ban_an_pham", TOTAL)].values())
    # the rate is recomputed from the sums, not summed
    rate = at_centre.totals[("ty_le_bcv_ttdn", TOTAL)]
    counts = [merged.totals[("hoi_nghi_bcv_ttdn", TOTAL)], merged.totals[("hoi_nghi_bcv", TOTAL)]]
    assert rate == round(counts[0] / counts[1] * 100, 2) < 100
    texts = dict((a.code, t) for a, t in at_centre.section("lanh_dao_chi_dao").contributions)
    assert texts["QNINH"] == edited
    press = dict((a.code, t) for a, t in at_centre.section("an_pham").contributions)["QNINH"]
    assert "***Sở Ngoại vụ:***" in press and "9.000 cuốn bản tin" in press


def test_resending_makes_the_next_revision_never_a_duplicate(centre, province, tmp_path, form):
    _receive_request(centre, province, tmp_path)
    _fill(province, form, tmp_path, 2)
    first = tmp_path / "lan1.ttdn"
    assert province.files.upward_package(H1, first)[0] == 1
    _import(centre, tmp_path, "lan1.ttdn", first.read_bytes())

    code, name = demo_agencies(3)[2]  # one more agency reports late
    _import(province, tmp_path, "late.ttdn", _demo_package(form, code, name))
    second = tmp_path / "lan2.ttdn"
    assert province.files.upward_package(H1, second)[0] == 2
    same_again = tmp_path / "lan2-lai.ttdn"
    assert province.files.upward_package(H1, same_again)[0] == 2  # nothing changed: same revision

    manifests = []
    for path in (first, second, same_again):
        with zipfile.ZipFile(path) as archive:
            manifests.append(json.loads(archive.read("manifest.json")))
    assert len({m["report_id"] for m in manifests}) == 1
    assert (manifests[1]["revision"], manifests[1]["supersedes"]) == (2, 1)

    outcomes = [r.outcome for r in centre.imports.run([second, same_again])]
    assert outcomes == ["newer", "same"]
    rows = centre.db.execute("SELECT COUNT(*) FROM reports WHERE agency_code = 'QNINH'").fetchone()
    assert rows[0] == 1
    assert centre.merge.consolidation(H1).statuses[0].revision == 2


def test_export_refuses_without_identity_or_reports(province, tmp_path, form):
    with pytest.raises(TTDNError, match="Chưa đặt mã và tên"):
        province.files.upward_package(H1, tmp_path / "x.ttdn")
    province.upward.set_identity("qninh", "Tỉnh Quảng Ninh")
    with pytest.raises(TTDNError, match="Chưa có báo cáo nào"):
        province.files.upward_package(H1, tmp_path / "x.ttdn")
    assert not (tmp_path / "x.ttdn").exists()
    assert upward_sends(province.db, H1) == []


# --- 2. provenance and the stale flag ------------------------------------------------------------
def test_provenance_is_recorded_and_a_newer_revision_makes_the_period_stale(
        province, tmp_path, form):
    province.upward.set_identity("QNINH", "Tỉnh Quảng Ninh")
    _fill(province, form, tmp_path, 3)
    assert province.upward.status(H1).sent is None
    province.files.upward_package(H1, tmp_path / "up.ttdn")

    [sent] = upward_sends(province.db, H1)
    sngv = province.reports.of("SNGV", H1)
    source = next(s for s in sent.sources if s.agency_code == "SNGV")
    assert (source.report_id, source.revision) == (sngv["id"], 1)
    stored_sha = province.db.execute("SELECT content_sha256 FROM revisions WHERE report_id = ? "
                                     "AND revision = 1", [sngv["id"]]).fetchone()[0]
    assert source.content_sha256 == stored_sha and sent.sent_at
    status = province.upward.status(H1)
    assert not status.stale and "vẫn là bản hiện hành" in headline(status)

    body = demo_content(form, "SNGV", "Sở Ngoại vụ", H1)
    body.figures[("hop_bao", TOTAL)] += 5
    _import(province, tmp_path, "sngv-2.ttdn", _demo_package(form, "SNGV", "Sở Ngoại vụ", 2, body))
    status = province.upward.status(H1)
    assert status.stale and f"«{CHANGED_LABEL}»" in headline(status)
    texts = [c.text for c in status.changes]
    assert "Sở Ngoại vụ: lần 1 → lần 2" in texts
    assert any(t.startswith("Họp báo, giao ban báo chí") for t in texts)

    assert province.files.upward_package(H1, tmp_path / "up2.ttdn")[0] == 2
    assert not province.upward.status(H1).stale


def test_an_edit_after_sending_is_flagged_with_the_section(province, tmp_path, form):
    province.upward.set_identity("QNINH", "Tỉnh Quảng Ninh")
    _fill(province, form, tmp_path, 2)
    province.files.upward_package(H1, tmp_path / "up.ttdn")
    province.db.execute("UPDATE upward_sends SET sent_at = '2021-07-01T08:00:00'")
    province.merge.save_section(H1, "quang_ba", "Tổ chức 3 hội nghị xúc tiến đầu tư.")
    status = province.upward.status(H1)
    assert status.stale
    assert [c.text for c in status.changes] == [
        "mục «4. Quảng bá hình ảnh; xúc tiến đầu tư, thương mại, du lịch gắn với thông tin đối "
        "ngoại»: cơ quan thường trực sửa sau khi gửi"]


def test_status_from_the_command_line(province, tmp_path, form, capsys):
    province.upward.set_identity("QNINH", "Tỉnh Quảng Ninh")
    _fill(province, form, tmp_path, 2)
    db = str(province.path)
    assert main(["--db", db, "upward", "status", "--period", "2021-H1"]) == 0
    assert "chưa gửi lên cấp trên" in capsys.readouterr().out
    assert main(["--db", db, "upward", "export", "--period", "2021-H1", "--out",
                 str(tmp_path / "up.ttdn")]) == 0
    out = capsys.readouterr().out
    assert "lần 1" in out and "mới nhất trong máy: chưa nhận đề nghị" in out
    code, name = demo_agencies(3)[2]
    _import(province, tmp_path, "late.ttdn", _demo_package(form, code, name))
    assert main(["--db", db, "upward", "status", "--period", "2021-H1"]) == 0
    out = capsys.readouterr().out
    assert f"«{CHANGED_LABEL}»" in out and f"  - {name}: mới gửi (lần 1)" in out
    assert main(["--db", db, "status", "--period", "2021-H1"]) == 0
    assert f"«{CHANGED_LABEL}» (chi tiết: ttdn upward status)" in capsys.readouterr().out


# --- 3. import at the upper level ------------------------------------------------------------------
def test_centre_drills_down_into_each_province_and_its_members(centre, province, tmp_path, form):
    _receive_request(centre, province, tmp_path)
    _fill(province, form, tmp_path, 4)
    province.files.upward_package(H1, tmp_path / "qn.ttdn")
    other = package(form, "TNGUYEN", "Tỉnh Thái Nguyên",
                    body=ReportContent({"an_pham": "Bộ tài liệu 3.800 bản."},
                                       {("ban_an_pham", TOTAL): 3800}))
    _import(centre, tmp_path, "tn.ttdn", other)
    _import(centre, tmp_path, "qn.ttdn", (tmp_path / "qn.ttdn").read_bytes())

    merged = centre.merge.consolidation(H1)
    key = ("ban_an_pham", TOTAL)
    province_total = province.merge.consolidation(H1).totals[key]
    assert merged.per_agency[key] == {"QNINH": province_total, "TNGUYEN": 3800}
    assert merged.totals[key] == province_total + 3800
    members = merged.sub_members["QNINH"]
    assert [m.code for m in members] == [c for c, _ in demo_agencies(4)]
    for figure_key in merged.per_agency:
        if figure_key[0] != "ty_le_bcv_ttdn" and "QNINH" in merged.per_agency[figure_key]:
            assert sum(m.figures.get(figure_key, 0) for m in members) == \
                merged.per_agency[figure_key]["QNINH"]
    assert "TNGUYEN" not in merged.sub_members  # a plain package has no breakdown

    assert main(["--db", str(centre.path), "figures", "--period", "2021-H1", "--indicator",
                 "ban_an_pham"]) == 0


def test_upward_parts_are_checked_and_ignored_by_older_readers(centre, province, tmp_path, form):
    province.upward.set_identity("QNINH", "Tỉnh Quảng Ninh")
    _fill(province, form, tmp_path, 2)
    out = tmp_path / "qn.ttdn"
    province.files.upward_package(H1, out)
    data = out.read_bytes()

    def tamper(members):
        rows = json.loads(members["members.json"])
        rows[0]["figures"][0]["value"] += 1
        members["members.json"] = json.dumps(rows).encode()
    [result] = centre.imports.run([_write(tmp_path, "sua.ttdn", rezip(data, tamper))])
    assert result.outcome == "rejected" and "members.json không khớp mã kiểm tra" in result.detail
    assert centre.db.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 0

    def as_older_writer(members):  # what an older reader sees: no "upward" it would know of
        manifest = json.loads(members["manifest.json"])
        del manifest["upward"]
        members["manifest.json"] = json.dumps(manifest).encode()
        del members["signature.json"]  # an older writer signs nothing either
    [result] = centre.imports.run([_write(tmp_path, "cu.ttdn", rezip(data, as_older_writer))])
    assert result.outcome == "new"
    assert centre.merge.consolidation(H1).sub_members == {}


def _signed_by_the_province(province, report, form):
    """What the province's own key signs: a report built by hand, not by upward_report."""
    return build_upward_package(form=form, agency_code="QNINH", agency_name="Tỉnh Quảng Ninh",
                                period=H1, report_id=report_id_for("QNINH", H1), revision=1,
                                supersedes=None, report=report, signer=province.keys.signer)


def test_members_that_do_not_add_up_to_the_totals_are_refused(centre, province, tmp_path, form):
    """The attack: a package signed with the province's genuine key, a commune with 500 press
    conferences under a province total of 20. Refused, saying which figure and by how much;
    nothing stored."""
    province.upward.set_identity("QNINH", "Tỉnh Quảng Ninh")
    _fill(province, form, tmp_path, 2)
    honest = province.upward.report(H1, form)
    key = ("hop_bao", TOTAL)
    figures = {**honest.content.figures, key: 20}
    first, second = honest.members
    forged = type(honest)(ReportContent(honest.content.sections, figures), honest.sources,
                          [SubMember(first.code, first.name, {**first.figures, key: 500}),
                           SubMember(second.code, second.name, {**second.figures, key: 0})])
    path = _write(tmp_path, "qn-gia.ttdn", _signed_by_the_province(province, forged, form))
    [result] = centre.imports.run([path])
    assert result.outcome == "rejected", result.line()
    label = form.indicator("hop_bao").label
    assert f"«{label}»: số của cả cơ quan là 20, các đơn vị cộng lại là 500" in result.detail
    assert f"{first.name}: 500" in result.detail
    assert "qn-gia.ttdn" in result.line()
    assert centre.db.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 0
    # the honest one, from the same key, passes: its rate was recomputed, not summed
    path = _write(tmp_path, "qn.ttdn", _signed_by_the_province(province, honest, form))
    assert [r.outcome for r in centre.imports.run([path])] == ["new"]


def test_a_rate_is_checked_by_recomputing_it_not_by_summing(centre, province, tmp_path, form):
    province.upward.set_identity("QNINH", "Tỉnh Quảng Ninh")
    _fill(province, form, tmp_path, 2)
    honest = province.upward.report(H1, form)
    rate = ("ty_le_bcv_ttdn", TOTAL)
    assert rate in honest.content.figures
    summed = sum(m.figures[rate] for m in honest.members if rate in m.figures)
    figures = {**honest.content.figures, rate: min(summed, 100)}
    assert figures[rate] != honest.content.figures[rate]
    forged = type(honest)(ReportContent(honest.content.sections, figures), honest.sources,
                          honest.members)
    path = _write(tmp_path, "ty-le.ttdn", _signed_by_the_province(province, forged, form))
    [result] = centre.imports.run([path])
    assert result.outcome == "rejected" and "tính lại từ số của các đơn vị là" in result.detail


def test_a_source_that_is_not_among_the_members_carried_is_refused(centre, province, tmp_path,
                                                                  form):
    province.upward.set_identity("QNINH", "Tỉnh Quảng Ninh")
    _fill(province, form, tmp_path, 2)
    honest = province.upward.report(H1, form)
    stranger = Source("XA99", "UBND xã Không Có", report_id_for("XA99", H1), 1, "0" * 64)
    forged = type(honest)(honest.content, honest.sources + [stranger], honest.members)
    path = _write(tmp_path, "nguon.ttdn", _signed_by_the_province(province, forged, form))
    [result] = centre.imports.run([path])
    assert result.outcome == "rejected"
    assert "báo cáo nguồn của UBND xã Không Có (XA99) không thuộc các đơn vị thành viên" in \
        result.detail
    assert centre.db.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 0


@pytest.mark.parametrize("char", ["\u202e", "\u200b", "\u0000"])
def test_a_member_or_source_name_with_a_hidden_character_is_refused(centre, province, tmp_path,
                                                                    form, char):
    """Signed with the province's genuine key, a member's name in members.json (or a source's
    in the manifest) carrying a right-to-left override: refused like a name in a member's own
    package, never stored to be printed raw in the drill-down."""
    province.upward.set_identity("QNINH", "Tỉnh Quảng Ninh")
    _fill(province, form, tmp_path, 2)
    honest = province.upward.report(H1, form)
    first, *rest = honest.members
    renamed = type(honest)(honest.content, honest.sources,
                           [SubMember(first.code, "Xã " + char + "Đông", first.figures), *rest])
    src, *others = honest.sources
    resourced = type(honest)(honest.content, [Source(src.agency_code, "Xã " + char + "Đông",
                                                     src.report_id, src.revision,
                                                     src.content_sha256), *others],
                             honest.members)
    for n, forged in enumerate((renamed, resourced)):
        path = _write(tmp_path, f"ten-{n}.ttdn", _signed_by_the_province(province, forged, form))
        [result] = centre.imports.run([path])
        assert result.outcome == "rejected", result.line()
        assert f"U+{ord(char):04X}" in result.detail
    assert centre.db.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 0
    with pytest.raises(TTDNError, match="U\\+"):
        province.upward.set_identity("QNINH", "Tỉnh " + char + "Quảng Ninh")


def test_an_older_upward_package_without_members_is_taken_with_a_note(centre, province, tmp_path,
                                                                     form):
    """Made before members.json existed: sources, no members' figures. Nothing to check the
    totals by: taken, and the user told the drill-down is missing."""
    province.upward.set_identity("QNINH", "Tỉnh Quảng Ninh")
    _fill(province, form, tmp_path, 2)
    province.files.upward_package(H1, tmp_path / "qn.ttdn")
    with zipfile.ZipFile(tmp_path / "qn.ttdn") as archive:
        manifest = json.loads(archive.read("manifest.json"))
        content = archive.read("content.json")
    del manifest["upward"]["members_sha256"]
    older = zip_package(manifest, {"content.json": content}, province.keys.signer)
    [result] = centre.imports.run([_write(tmp_path, "cu.ttdn", older)])
    assert result.outcome == "new", result.line()
    assert any("không kèm số liệu của từng đơn vị thành viên" in w for w in result.warnings)
    assert "không xem chi tiết theo đơn vị được" in result.line()
    assert centre.merge.consolidation(H1).sub_members == {}


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- 5. requests downward -------------------------------------------------------------------------
def test_a_request_from_above_is_forwarded_with_an_earlier_deadline(
        centre, province, tmp_path, form, capsys):
    _receive_request(centre, province, tmp_path)
    with pytest.raises(TTDNError, match=r"phải trước hạn gửi lên cấp trên \(05/07/2021\)"):
        province.files.forward_request_bytes(H1, UPPER_DEADLINE)
    db = str(province.path)
    assert main(["--db", db, "upward", "forward", "--period", "2021-H1", "--deadline",
                 "2021-07-10", "--out", str(tmp_path / "x.ttdn")]) == 1
    assert "phải trước hạn gửi lên cấp trên" in capsys.readouterr().err
    assert not (tmp_path / "x.ttdn").exists()

    assert main(["--db", db, "upward", "forward", "--period", "2021-H1", "--deadline",
                 "2021-06-28", "--out", str(tmp_path / "de-nghi-xa.ttdn")]) == 0
    assert "hạn gửi 28/06/2021 (hạn gửi lên cấp trên 05/07/2021)" in capsys.readouterr().out
    with Workspace(tmp_path / "xa.sqlite3", FormLibrary.from_dirs([FORMS_DIR])) as commune:
        set_up_agency(commune, "SNGV", "Sở Ngoại vụ")
        [result] = commune.imports.run([tmp_path / "de-nghi-xa.ttdn"])
        assert "hạn gửi 28/06/2021" in result.detail
        report = commune.reports.of("SNGV", H1)
        info = report_store.current_revision(commune.db, report["id"])
        assert info.form_version == 2  # the centre's form, passed down
    assert province.merge.consolidation(H1).deadline == date(2021, 6, 28)


def test_forward_needs_a_request_from_above(province):
    with pytest.raises(TTDNError, match="Chưa nhận đề nghị báo cáo"):
        province.files.forward_request_bytes(H1, date(2021, 6, 1))


def test_packages_carry_the_form_sha_of_what_was_sent(province, tmp_path, form):
    province.upward.set_identity("QNINH", "Tỉnh Quảng Ninh")
    _fill(province, form, tmp_path, 1)
    province.files.upward_package(H1, tmp_path / "up.ttdn")
    with zipfile.ZipFile(tmp_path / "up.ttdn") as archive:
        manifest = json.loads(archive.read("manifest.json"))
        body = archive.read("content.json")
    [sent] = upward_sends(province.db, H1)
    assert manifest["content_sha256"] == hashlib.sha256(body).hexdigest() == sent.content_sha256


def test_a_committee_text_keeps_its_own_attributions_under_its_name():
    assert attributed_lines("Sở Ngoại vụ", "Phát hành bản tin.\nDòng hai.") == \
        ["***Sở Ngoại vụ:*** Phát hành bản tin.", "Dòng hai."]
    assert attributed_lines("Tỉnh Quảng Ninh", "***UBND xã Hạ Long:*** Họp báo.") == \
        ["***Tỉnh Quảng Ninh:***", "***UBND xã Hạ Long:*** Họp báo."]


def test_our_own_request_to_a_member_is_not_taken_for_one_from_above(province, tmp_path):
    data = province.files.request_bytes(H1, "SNGV", date(2021, 6, 20))
    [result] = province.imports.run([_write(tmp_path, "cua-minh.ttdn", data)])
    assert result.outcome == "rejected" and "gửi cho Sở Ngoại vụ, một đơn vị thành viên" in \
        result.detail
    assert province.upward.request(H1) is None
