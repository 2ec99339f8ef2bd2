"""shared/domain §7: the import rules, first as pure decisions, then against a real database."""

import uuid

import pytest

from ttdn_desktop.core import rules
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.storage.agencies import add_agency
from ttdn_desktop.storage.held import list_held

from .helpers import content, count, package


def _incoming(revision=1, supersedes=None, sha="a", report_id="r1"):
    return rules.Incoming(report_id, "SNGV", "Sở Ngoại vụ", "2021-H1", "f", revision, supersedes,
                          sha)


@pytest.mark.parametrize("incoming, agency_known, known, slot, outcome", [
    (_incoming(), False, None, None, rules.UNKNOWN_AGENCY),
    (_incoming(), True, None, None, rules.NEW),
    (_incoming(revision=3, supersedes=2), True, None, None, rules.NEW),
    (_incoming(), True, None, "other-report", rules.CONFLICT),
    (_incoming(), True, rules.Known("r1", 1, {1: "a"}), "r1", rules.SAME),
    (_incoming(sha="b"), True, rules.Known("r1", 1, {1: "a"}), "r1", rules.CONFLICT),
    (_incoming(2, 1, "b"), True, rules.Known("r1", 1, {1: "a"}), "r1", rules.NEWER),
    (_incoming(3, 2, "c"), True, rules.Known("r1", 1, {1: "a"}), "r1", rules.CONFLICT),
    (_incoming(2, None, "b"), True, rules.Known("r1", 1, {1: "a"}), "r1", rules.CONFLICT),
    (_incoming(1, None, "a"), True, rules.Known("r1", 2, {2: "b"}), "r1", rules.OLDER),
])
def test_decisions(incoming, agency_known, known, slot, outcome):
    decision = rules.decide(incoming, agency_known, known, slot)
    assert decision.outcome == outcome
    assert decision.label  # every outcome has a Vietnamese label


@pytest.fixture
def ws(workspace):
    add_agency(workspace.db, "SNGV", "Sở Ngoại vụ")
    return workspace


def _import(ws, tmp_path, data, name="goi.ttdn"):
    path = tmp_path / name
    path.write_bytes(data)
    [result] = ws.imports.run([path])
    return result


def _current(ws, report_id):
    return report_store.current_revision(ws.db, report_id).revision


def test_same_content_is_already_there(ws, form, tmp_path):
    data = package(form, report_id=(rid := str(uuid.uuid4())))
    assert _import(ws, tmp_path, data).outcome == rules.NEW
    again = _import(ws, tmp_path, package(form, report_id=rid), "lan-2.ttdn")  # rebuilt, same content
    assert again.outcome == rules.SAME and again.ok
    assert count(ws.db, "revisions") == 1


def test_higher_revision_becomes_current_older_stays_readable(ws, form, tmp_path):
    rid = str(uuid.uuid4())
    _import(ws, tmp_path, package(form, report_id=rid, body=content("Lần một", hop_bao=2)))
    result = _import(ws, tmp_path, package(form, report_id=rid, revision=2, supersedes=1,
                                           body=content("Lần hai", hop_bao=5)), "r2.ttdn")
    assert result.outcome == rules.NEWER
    assert _current(ws, rid) == 2
    assert report_store.load_content(ws.db, rid, 1).sections["an_pham"] == "Lần một"
    assert report_store.load_content(ws.db, rid).figures[("hop_bao", "")] == 5


def test_late_older_revision_goes_to_history_only(ws, form, tmp_path):
    rid = str(uuid.uuid4())
    _import(ws, tmp_path, package(form, report_id=rid, revision=2, supersedes=1,
                                  body=content("Lần hai")))
    result = _import(ws, tmp_path, package(form, report_id=rid, body=content("Lần một")), "r1.ttdn")
    assert result.outcome == rules.OLDER and result.ok
    assert _current(ws, rid) == 2
    assert report_store.load_content(ws.db, rid, 1).sections["an_pham"] == "Lần một"


def test_same_revision_different_content_is_a_conflict_kept_aside(ws, form, tmp_path):
    rid = str(uuid.uuid4())
    _import(ws, tmp_path, package(form, report_id=rid, body=content("Bản A")))
    result = _import(ws, tmp_path, package(form, report_id=rid, body=content("Bản B")), "b.ttdn")
    assert result.outcome == rules.CONFLICT and not result.ok
    assert report_store.load_content(ws.db, rid).sections["an_pham"] == "Bản A"
    [held] = list_held(ws.db)
    assert held["reason"] == rules.CONFLICT and held["file_name"] == "b.ttdn"
    # the same conflicting file twice is held once
    _import(ws, tmp_path, package(form, report_id=rid, body=content("Bản B")), "b.ttdn")
    assert len(list_held(ws.db)) == 1


def test_broken_chain_is_a_conflict(ws, form, tmp_path):
    rid = str(uuid.uuid4())
    _import(ws, tmp_path, package(form, report_id=rid))
    result = _import(ws, tmp_path, package(form, report_id=rid, revision=3, supersedes=2,
                                           body=content("Lần ba")), "r3.ttdn")
    assert result.outcome == rules.CONFLICT and "không liền mạch" in result.detail
    assert _current(ws, rid) == 1


def test_second_report_for_the_same_agency_and_period_is_a_conflict(ws, form, tmp_path):
    _import(ws, tmp_path, package(form))
    result = _import(ws, tmp_path, package(form, body=content("Cài lại máy")), "khac.ttdn")
    assert result.outcome == rules.CONFLICT and "báo cáo khác" in result.detail
    assert count(ws.db, "reports") == 1


def test_unknown_agency_is_named_held_and_applied_once_added(ws, form, tmp_path):
    data = package(form, code="XABINHLIEU", name="UBND xã Bình Liêu")
    result = _import(ws, tmp_path, data)
    assert result.outcome == rules.UNKNOWN_AGENCY
    assert "UBND xã Bình Liêu" in result.line()
    assert count(ws.db, "reports") == 0
    agency, released = ws.agencies.add("XABINHLIEU", "UBND xã Bình Liêu")
    assert [r.outcome for r in released] == [rules.NEW]
    assert count(ws.db, "reports") == 1
    assert list_held(ws.db) == []


def test_batch_applies_good_files_and_reports_bad(ws, form, tmp_path):
    good = tmp_path / "tot.ttdn"
    good.write_bytes(package(form))
    bad = tmp_path / "hong.ttdn"
    bad.write_bytes(b"khong phai zip")
    results = ws.imports.run([bad, good])
    assert [r.outcome for r in results] == [rules.REJECTED, rules.NEW]
    assert count(ws.db, "reports") == 1


def test_dry_run_changes_nothing(ws, form, tmp_path):
    path = tmp_path / "a.ttdn"
    path.write_bytes(package(form))
    [result] = ws.imports.run([path], dry_run=True)
    assert result.outcome == rules.NEW
    assert count(ws.db, "reports") == 0 and count(ws.db, "revisions") == 0


def test_breakdown_mismatch_is_imported_with_a_warning(ws, form, tmp_path):
    body = ReportContent({}, {("ban_an_pham", ""): 3800, ("ban_an_pham", "vi"): 2800,
                              ("ban_an_pham", "en"): 500})
    result = _import(ws, tmp_path, package(form, body=body))
    assert result.outcome == rules.NEW
    assert result.warnings and "3.300" in result.warnings[0] and "3.800" in result.warnings[0]


def test_imported_text_is_nfc(ws, form, tmp_path):
    rid = str(uuid.uuid4())
    _import(ws, tmp_path, package(form, report_id=rid, body=content("Tie\u0302\u0301ng Anh")))
    assert report_store.load_content(ws.db, rid).sections["an_pham"] == "Tiếng Anh"
