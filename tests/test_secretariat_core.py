"""The secretariat's work below the UI: requests, e-mail imports, reviews, conflicts, search."""

import shutil
import uuid
from datetime import date
from email.message import EmailMessage

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core import rules
from ttdn_desktop.core.forms import FormLibrary
from ttdn_desktop.core.merge import CONFLICT
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.review import ACCEPTED, NEEDS_CHANGES
from ttdn_desktop.core.rules import REQUEST, SKIPPED
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.storage.periods import period_dates
from ttdn_desktop.workspace import Workspace

from .conftest import FORMS_DIR
from .helpers import H1, content, count, package, rezip
from .msgfile import make_msg
from .uihelpers import set_up_agency


@pytest.fixture
def secretariat(workspace):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    workspace.agencies.add("CAT", "Công an tỉnh")
    return workspace


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_request_reaches_an_agency_with_dates_and_report(secretariat, tmp_path, forms):
    data = secretariat.files.request_bytes(H1, deadline=date(2021, 6, 18))
    assert period_dates(secretariat.db, H1).deadline == date(2021, 6, 18)
    path = _write(tmp_path, "de-nghi.ttdn", data)
    with Workspace(tmp_path / "donvi.sqlite3", forms) as agency:
        set_up_agency(agency, "CAT", "Công an tỉnh")
        [result] = agency.imports.run([path])
        assert result.outcome == REQUEST and result.ok
        assert "hạn gửi 18/06/2021" in result.detail and "đã tạo báo cáo" in result.detail
        dates = period_dates(agency.db, H1)
        assert (dates.data_from, dates.data_to, dates.deadline) == \
            (date(2020, 12, 15), date(2021, 6, 14), date(2021, 6, 18))
        report = agency.reports.of("CAT", H1)
        assert report_store.current_revision(agency.db, report["id"]).form_version == 1
        again = agency.imports.run([path])[0]
        assert "đã tạo" not in again.detail  # one report per period, however often it comes


def test_request_brings_a_new_form_version(tmp_path, monkeypatch):
    """The form comes into the agency's database, once the user confirmed it (the
    secretariat's key is not recorded yet); nothing is written to the user's data folder."""
    forms_dir = tmp_path / "forms"
    forms_dir.mkdir()
    text = (FORMS_DIR / "ttdn-dinh-ky-v1.toml").read_text(encoding="utf-8")
    (forms_dir / "v2.toml").write_text(text.replace("version = 1", "version = 2").replace(
        'heading = "Ưu điểm"', 'heading = "Ưu điểm nổi bật"'), encoding="utf-8")
    shutil.copy(FORMS_DIR / "ttdn-dinh-ky-v1.toml", forms_dir / "v1.toml")
    with Workspace(tmp_path / "btg.sqlite3", FormLibrary.from_dirs([forms_dir])) as secretariat:
        assert secretariat.form.version == 2
        secretariat.agencies.add("SNGV", "Sở Ngoại vụ")
        path = _write(tmp_path, "de-nghi.ttdn", secretariat.files.request_bytes(H1, "SNGV"))
    user_data = tmp_path / "user-data"
    monkeypatch.setattr("ttdn_desktop.workspace.data_dir", lambda: user_data)
    old_forms = FormLibrary.from_dirs([FORMS_DIR])
    (tmp_path / "may-don-vi").mkdir()  # another machine: another signing key
    with Workspace(tmp_path / "may-don-vi" / "donvi.sqlite3", old_forms) as agency:
        set_up_agency(agency, "SNGV", "Sở Ngoại vụ")
        [result] = agency.imports.run([path], accept_form=True)
        assert "mẫu mới phiên bản 2, cài cho cơ sở dữ liệu này" in result.detail
        assert not (user_data / "forms").exists()
        assert agency.form.version == 2 and agency.form.section("uu_diem").heading == \
            "Ưu điểm nổi bật"
        report = agency.reports.of("SNGV", H1)
        assert report_store.current_revision(agency.db, report["id"]).form_version == 2
    assert old_forms.find("ttdn-dinh-ky", 2) is None  # the library given is not changed
    with Workspace(tmp_path / "may-don-vi" / "donvi.sqlite3") as again:
        assert again.form.version == 2


def test_tampered_request_is_refused(secretariat, tmp_path):
    data = rezip(secretariat.files.request_bytes(H1),
                 lambda m: m.update({"form.toml": m["form.toml"].replace(b"version = 1",
                                                                          b"version = 7")}))
    [result] = secretariat.imports.run([_write(tmp_path, "x.ttdn", data)])
    assert result.outcome == rules.REJECTED and "mã kiểm tra" in result.detail


def test_eml_attachments_are_imported_one_by_one(secretariat, form, tmp_path):
    message = EmailMessage()
    message["Subject"] = "Báo cáo TTĐN 6 tháng"
    message["From"] = "sngv@example.vn"
    message.set_content("Kính gửi Ban Tuyên giáo, xin gửi báo cáo.")
    message.add_attachment(package(form), maintype="application", subtype="octet-stream",
                           filename="SNGV.ttdn")
    message.add_attachment(package(form, code="CAT", name="Công an tỉnh"),
                           maintype="application", subtype="octet-stream",
                           filename="Công an tỉnh.ttdn")
    message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf",
                           filename="cong-van.pdf")
    path = _write(tmp_path, "thu.eml", bytes(message))
    results = secretariat.imports.run([path])
    assert [(r.file_name, r.outcome) for r in results] == [
        ("thu.eml › SNGV.ttdn", rules.NEW), ("thu.eml › Công an tỉnh.ttdn", rules.NEW),
        ("thu.eml › cong-van.pdf", SKIPPED)]
    assert count(secretariat.db, "reports") == 2


def test_msg_attachments_are_imported(secretariat, form, tmp_path):
    data = make_msg("Báo cáo", [("SNGV.ttdn", package(form)), ("anh.jpg", b"\xff\xd8" * 3000)])
    results = secretariat.imports.run([_write(tmp_path, "thu.msg", data)])
    assert [(r.file_name, r.outcome) for r in results] == [
        ("thu.msg › SNGV.ttdn", rules.NEW), ("thu.msg › anh.jpg", SKIPPED)]


@pytest.mark.parametrize("name, data, reason", [
    ("hong.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "bị hỏng"),
    ("rong.eml", b"", "rỗng"),
    ("khong-dinh-kem.eml", b"Subject: x\n\nchi co chu", "không có tệp đính kèm"),
    ("gia.msg", b"just text", "không phải tệp thư Outlook"),
])
def test_bad_mail_files(secretariat, tmp_path, name, data, reason):
    [result] = secretariat.imports.run([_write(tmp_path, name, data)])
    assert result.outcome == rules.REJECTED and reason in result.detail


def test_import_is_backed_up_first_and_one_transaction(secretariat, form, tmp_path):
    first = _write(tmp_path, "a.ttdn", package(form))
    secretariat.imports.run([first], backup=True)
    backups = list((secretariat.path.parent / "sao-luu").glob("*-truoc-khi-nhap-*.sqlite3"))
    assert len(backups) == 1
    # the preview (dry run) changes nothing and says what would happen
    second = _write(tmp_path, "b.ttdn", package(form, code="CAT", name="Công an tỉnh"))
    preview = secretariat.imports.run([first, second], dry_run=True)
    assert [r.outcome for r in preview] == [rules.SAME, rules.NEW]
    assert count(secretariat.db, "reports") == 1


def test_review_states_on_the_dashboard(secretariat, form, tmp_path):
    secretariat.imports.run([_write(tmp_path, "a.ttdn", package(form)),
                              _write(tmp_path, "b.ttdn", package(form, code="CAT",
                                                                  name="Công an tỉnh"))])
    secretariat.reports.set_review("SNGV", H1, ACCEPTED)
    secretariat.reports.set_review("CAT", H1, NEEDS_CHANGES, "Thiếu số liệu tập huấn")
    states = {s.agency.code: s for s in secretariat.merge.consolidation(H1).statuses}
    assert states["SNGV"].state == ACCEPTED and states["SNGV"].label == "đã duyệt"
    assert states["CAT"].state == NEEDS_CHANGES and states["CAT"].comment == \
        "Thiếu số liệu tập huấn"


@pytest.mark.parametrize("take_incoming", [True, False])
def test_conflict_shown_then_resolved(secretariat, form, tmp_path, take_incoming):
    rid = str(uuid.uuid4())
    secretariat.imports.run([_write(tmp_path, "a.ttdn",
                                     package(form, report_id=rid, body=content("Bản A")))])
    secretariat.imports.run([_write(tmp_path, "b.ttdn",
                                     package(form, report_id=rid, body=content("Bản B")))])
    states = {s.agency.code: s.state for s in secretariat.merge.consolidation(H1).statuses}
    assert states["SNGV"] == CONFLICT
    [held] = secretariat.imports.conflicts(H1)
    secretariat.imports.resolve(held["id"], take_incoming)
    assert secretariat.imports.conflicts(H1) == []
    text = report_store.load_content(secretariat.db, rid).sections["an_pham"]
    assert text == ("Bản B" if take_incoming else "Bản A")
    info = report_store.current_revision(secretariat.db, rid)
    assert info.revision == (2 if take_incoming else 1)
    assert report_store.load_content(secretariat.db, rid, 1).sections["an_pham"] == "Bản A"


def test_search_with_and_without_accents(secretariat, form, tmp_path):
    secretariat.imports.run([
        _write(tmp_path, "a.ttdn", package(form, body=ReportContent(
            {"dau_tranh": "Đấu tranh, phản bác thông tin sai trái trên không gian mạng."}))),
        _write(tmp_path, "b.ttdn", package(form, code="CAT", name="Công an tỉnh", body=ReportContent(
            {"bien_dao": "Tuyên truyền chủ quyền biển, đảo."})))])
    for query in ("phản bác", "phan bac", "PHAN BÁC", "khong gian mang"):
        hits = secretariat.reports.search(query)
        assert [(h.agency_code, h.section_id) for h in hits] == [("SNGV", "dau_tranh")], query
        assert "phản bác" in hits[0].snippet
    assert [h.agency_code for h in secretariat.reports.search("bien dao")] == ["CAT"]
    assert secretariat.reports.search("đảo", period=H1.same_period_last_year()) == []
    assert secretariat.reports.search("   ") == []


def test_search_follows_the_current_revision(secretariat, form, tmp_path):
    rid = str(uuid.uuid4())
    secretariat.imports.run([_write(tmp_path, "a.ttdn", package(
        form, report_id=rid, body=content("Tin cũ về hội chợ")))])
    secretariat.imports.run([_write(tmp_path, "b.ttdn", package(
        form, report_id=rid, revision=2, supersedes=1, body=content("Tin mới về hội nghị")))])
    assert secretariat.reports.search("hoi cho") == []
    assert len(secretariat.reports.search("hội nghị")) == 1


def test_command_line_request_search_review(capsys, tmp_path):
    db = str(tmp_path / "cli.sqlite3")
    main(["--db", db, "demo", str(tmp_path / "in"), "--agencies", "3"])
    main(["--db", db, "import", str(tmp_path / "in")])
    capsys.readouterr()
    out = tmp_path / "de-nghi.ttdn"
    assert main(["--db", db, "request", "--period", "2021-H2", "--out", str(out),
                 "--deadline", "2021-12-20"]) == 0
    assert "hạn gửi 20/12/2021" in capsys.readouterr().out and out.exists()
    assert main(["--db", db, "search", "ban tin doi ngoai", "--period", "2021-H1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and lines[0].startswith("Sở Ngoại vụ\t2021-H1\t3. Xuất bản ấn phẩm")
    assert main(["--db", db, "review", "--period", "2021-H1", "--agency", "SNGV",
                 "--needs-changes", "Bổ sung số liệu"]) == 0
    main(["--db", db, "status", "--period", "2021-H1"])
    assert "Sở Ngoại vụ\tcần bổ sung" in capsys.readouterr().out
