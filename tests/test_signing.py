"""Signed packages end to end: two installations (an agency's and the secretariat's), each with
its own database file and key file in its own folder, exchanging real package files."""

import base64
import hashlib
import io
import json
import os
import stat
import uuid
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from ttdn_desktop.cli import main
from ttdn_desktop.core import rules, trust
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.signer import Signer
from ttdn_desktop.exchange.package import read_package
from ttdn_desktop.exchange.signing import MEMBER
from ttdn_desktop.exchange.xlsx_form import IDENTITY, PROSE
from ttdn_desktop.storage import keyfile, reports as report_store
from ttdn_desktop.workspace import Workspace

from .helpers import H1, package, save_section
from .uihelpers import set_up_agency
from .wordfiles import numbered_report

MISMATCH = "chữ ký không khớp với khóa đã ghi nhận của đơn vị"


class Office:
    """One installation: a folder with its database (and so its key file)."""

    def __init__(self, root, forms, name):
        (root / name).mkdir()
        self.folder = root / name
        self.ws = Workspace(self.folder / "ttdn.sqlite3", forms)
        self.sent = 0

    def write_report(self, text: str):
        """The agency edits its report and sends it: a real .ttdn file, as e-mailed."""
        report = self.ws.reports.of(self.ws.setup.own_agency, H1)
        save_section(self.ws.db, report["id"], "an_pham", text)
        self.sent += 1
        path = self.folder / f"gui-{self.sent}.ttdn"
        self.ws.files.write_package(self.ws.setup.own_agency, H1, path)
        return path


@pytest.fixture
def offices(tmp_path, forms):
    secretariat = Office(tmp_path, forms, "ban")
    secretariat.ws.agencies.add("SNGV", "Sở Ngoại vụ")
    agency = Office(tmp_path, forms, "so-ngoai-vu")
    set_up_agency(agency.ws, "SNGV", "Sở Ngoại vụ")
    agency.ws.reports.new("SNGV", H1)
    yield secretariat, agency
    secretariat.ws.close()
    agency.ws.close()


def _members(path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def _write(path, members: dict):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def _one(ws, path):
    [result] = ws.imports.run([path])
    return result


# --- the key pair ------------------------------------------------------------------------------

def test_key_is_made_once_beside_the_database_private_and_never_in_a_package(offices):
    secretariat, agency = offices
    key_file = agency.folder / "khoa-ky.ttdnkey"
    path = agency.write_report("Bản tin đối ngoại.")
    assert key_file.exists()
    if os.name == "posix":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    seed = json.loads(key_file.read_text())["seed"]
    members = _members(path)
    assert set(members) == {"mimetype", "manifest.json", "content.json", MEMBER}
    assert all(seed.encode() not in data for data in members.values())
    signature = json.loads(members[MEMBER])
    assert signature["fingerprint"] == agency.ws.keys.own()["fingerprint"]
    # the same key the next time the database is opened
    with Workspace(agency.ws.path, agency.ws.forms) as again:
        assert again.keys.own() == agency.ws.keys.own()
    assert secretariat.ws.keys.own()["fingerprint"] != agency.ws.keys.own()["fingerprint"]


def test_signed_package_keeps_the_old_layout_for_older_readers(offices, form):
    """Older versions read manifest.json and content.json only; both stay as they were, and the
    package format version does not change."""
    _, agency = offices
    members = _members(agency.write_report("Bản tin."))
    manifest = json.loads(members["manifest.json"])
    assert manifest["format_version"] == 1 and list(members)[:3] == ["mimetype", "manifest.json",
                                                                     "content.json"]
    assert list(members)[-1] == MEMBER
    unsigned = {k: v for k, v in members.items() if k != MEMBER}
    read = read_package("x.ttdn", _zip(unsigned), agency.ws.forms)
    assert read.signature is None and read.manifest.agency_code == "SNGV"


def _zip(members: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_export_and_restore_keep_the_identity_on_a_new_pc(offices, tmp_path, forms):
    secretariat, agency = offices
    assert _one(secretariat.ws, agency.write_report("Lần 1.")).signature_state == trust.FIRST
    exported = agency.ws.keys.export(tmp_path / "usb" / "khoa-so-ngoai-vu.ttdnkey",
                                    "mật khẩu dài")
    seed = json.loads(agency.ws.keys.path.read_text())["seed"]
    assert seed not in exported.read_text()  # sealed: the USB stick alone signs nothing
    new_pc = Office(tmp_path, forms, "may-moi")
    set_up_agency(new_pc.ws, "SNGV", "Sở Ngoại vụ")
    new_pc.ws.reports.new("SNGV", H1)
    made_here = new_pc.ws.keys.own()["fingerprint"]
    assert new_pc.ws.keys.file_sealed(exported)
    with pytest.raises(TTDNError, match="mật khẩu"):
        new_pc.ws.keys.restore(exported)
    with pytest.raises(TTDNError, match="Mật khẩu không đúng"):
        new_pc.ws.keys.restore(exported, "mật khẩu sai")
    assert new_pc.ws.keys.own()["fingerprint"] == made_here  # nothing replaced
    own, kept = new_pc.ws.keys.restore(exported, "mật khẩu dài")
    assert own["fingerprint"] == agency.ws.keys.own()["fingerprint"] != made_here
    assert json.loads(kept.read_text())["fingerprint"] == made_here  # nothing deleted
    # the restored key signs as before: the secretariat recognises it
    report = new_pc.ws.reports.of("SNGV", H1)
    save_section(new_pc.ws.db, report["id"], "an_pham", "Từ máy mới.")
    path = new_pc.folder / "moi.ttdn"
    new_pc.ws.files.write_package("SNGV", H1, path)
    result = _one(secretariat.ws, path)
    assert result.signature_state == trust.VERIFIED
    new_pc.ws.close()


def test_a_file_that_is_not_a_key_is_refused_and_the_key_kept(offices, tmp_path):
    _, agency = offices
    before = agency.ws.keys.own()
    bad = tmp_path / "khong-phai-khoa.ttdnkey"
    bad.write_text("{}")
    with pytest.raises(TTDNError, match="khong-phai-khoa.ttdnkey"):
        agency.ws.keys.restore(bad)
    assert agency.ws.keys.own() == before


def test_backup_holds_the_key(offices):
    _, agency = offices
    agency.ws.backups.make("thu")
    copies = list((agency.folder / "sao-luu").glob("khoa-ky-*.ttdnkey"))
    assert len(copies) == 1
    assert json.loads(copies[0].read_text())["fingerprint"] == agency.ws.keys.own()["fingerprint"]
    agency.ws.backups.make("lan-hai")  # one copy per key, not one per backup
    assert len(list((agency.folder / "sao-luu").glob("khoa-ky-*.ttdnkey"))) == 1


# --- pinning ------------------------------------------------------------------------------------

def test_first_package_pins_the_key_and_the_next_is_verified(offices):
    secretariat, agency = offices
    first = _one(secretariat.ws, agency.write_report("Lần 1."))
    assert first.outcome == rules.NEW and first.signature_state == trust.FIRST
    assert agency.ws.keys.own()["short"] in first.signature
    [key] = secretariat.ws.keys.pinned()
    assert key["party"] == "SNGV" and key["confirmed_at"] is None
    assert key["short"] == agency.ws.keys.own()["short"]
    second = _one(secretariat.ws, agency.write_report("Lần 2."))
    assert second.outcome == rules.NEWER and second.signature_state == trust.VERIFIED
    assert secretariat.ws.keys.signature_states(H1)["SNGV"]["state"] == trust.VERIFIED
    secretariat.ws.keys.confirm("sngv")
    assert secretariat.ws.keys.pinned()[0]["confirmed_at"]


def test_the_preview_pins_nothing(offices):
    secretariat, agency = offices
    [result] = secretariat.ws.imports.run([agency.write_report("Lần 1.")], dry_run=True)
    assert result.signature_state == trust.FIRST
    assert secretariat.ws.keys.pinned() == []


def test_a_package_signed_by_another_key_is_held_then_applied_when_the_key_is_accepted(
        offices, tmp_path, forms):
    secretariat, agency = offices
    _one(secretariat.ws, agency.write_report("Lần 1."))
    old_key = agency.ws.keys.own()
    # the agency reinstalls without its key: a new key signs its next report
    agency.ws.keys.path.rename(agency.folder / "mat.ttdnkey")
    reinstalled = Workspace(agency.ws.path, forms)
    report = reinstalled.reports.of("SNGV", H1)
    save_section(reinstalled.db, report["id"], "an_pham", "Lần 2, máy cài lại.")
    path = agency.folder / "cai-lai.ttdn"
    reinstalled.files.write_package("SNGV", H1, path)
    new_key = reinstalled.keys.own()
    reinstalled.close()

    held = _one(secretariat.ws, path)
    assert held.outcome == rules.SIGNATURE and not held.ok
    assert MISMATCH in held.detail and new_key["short"] in held.detail
    current = secretariat.ws.reports.of("SNGV", H1)
    assert report_store.load_content(secretariat.ws.db, current["id"]).sections["an_pham"] \
        == "Lần 1."  # never applied silently
    [row] = secretariat.ws.held.for_signature()
    assert row["fingerprint"] == new_key["fingerprint"]

    key, results = secretariat.ws.held.accept_key("SNGV")
    assert key["fingerprint"] == new_key["fingerprint"] and key["confirmed_at"]
    assert [r.outcome for r in results] == [rules.NEWER]
    assert secretariat.ws.held.for_signature() == []
    assert report_store.load_content(secretariat.ws.db, current["id"]).sections["an_pham"] \
        == "Lần 2, máy cài lại."
    history = secretariat.ws.keys.pinned(history=True)
    assert [(k["fingerprint"], k["state"]) for k in history] == [
        (old_key["fingerprint"], "replaced"), (new_key["fingerprint"], "active")]


def test_revoked_key_is_held_and_the_next_new_key_pinned(offices, tmp_path):
    secretariat, agency = offices
    _one(secretariat.ws, agency.write_report("Lần 1."))
    stolen = agency.write_report("Gửi từ máy bị mất.")
    secretariat.ws.keys.revoke("SNGV")
    held = _one(secretariat.ws, stolen)
    assert held.outcome == rules.SIGNATURE and "thu hồi" in held.detail
    # the agency's new PC, with a new key, is pinned as on the first time
    data = package(agency.ws.forms.latest(), report_id=str(uuid.uuid4()),
                   signer=Signer.generate())
    fresh = tmp_path / "moi.ttdn"
    fresh.write_bytes(data)
    assert _one(secretariat.ws, fresh).signature_state == trust.FIRST


# --- tampering ----------------------------------------------------------------------------------

def test_content_changed_after_signing_is_refused(offices, tmp_path):
    """The forger edits content.json and writes its new hash into the manifest: the hashes
    agree, the signature does not."""
    secretariat, agency = offices
    members = _members(agency.write_report("Số liệu thật."))
    body = json.loads(members["content.json"])
    body["sections"]["an_pham"] = "Số liệu giả."
    members["content.json"] = json.dumps(body, ensure_ascii=False).encode()
    manifest = json.loads(members["manifest.json"])
    manifest["content_sha256"] = hashlib.sha256(members["content.json"]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    result = _one(secretariat.ws, _write(tmp_path / "sua.ttdn", members))
    assert result.outcome == rules.REJECTED
    assert "chữ ký không hợp lệ" in result.detail and "manifest.json" in result.detail
    assert secretariat.ws.keys.pinned() == []


def test_manifest_changed_after_signing_is_refused(offices, tmp_path):
    secretariat, agency = offices
    members = _members(agency.write_report("Báo cáo."))
    manifest = json.loads(members["manifest.json"])
    manifest["revision"] = 5
    members["manifest.json"] = json.dumps(manifest).encode()
    result = _one(secretariat.ws, _write(tmp_path / "sua.ttdn", members))
    assert result.outcome == rules.REJECTED and "«manifest.json» đã thay đổi" in result.detail


def test_a_member_added_after_signing_is_refused(offices, tmp_path):
    secretariat, agency = offices
    members = _members(agency.write_report("Báo cáo."))
    members["them.txt"] = b"x"
    result = _one(secretariat.ws, _write(tmp_path / "them.ttdn", members))
    assert result.outcome == rules.REJECTED and "thêm «them.txt»" in result.detail


def test_signature_cut_off_after_the_key_is_pinned_is_held(offices, tmp_path):
    secretariat, agency = offices
    _one(secretariat.ws, agency.write_report("Lần 1."))
    members = _members(agency.write_report("Lần 2."))
    del members[MEMBER]
    result = _one(secretariat.ws, _write(tmp_path / "cat.ttdn", members))
    assert result.outcome == rules.SIGNATURE and "không có chữ ký" in result.detail
    assert result.signature_state == trust.UNSIGNED_PINNED
    # the user phones the agency, who confirms it: that one package is taken as it is
    [row] = secretariat.ws.held.for_signature()
    applied = secretariat.ws.held.accept(row["id"])
    assert applied.outcome == rules.NEWER and "người dùng đã nhận" in applied.signature
    assert secretariat.ws.held.for_signature() == []
    assert secretariat.ws.keys.signature_states(H1)["SNGV"]["state"] == trust.UNSIGNED_PINNED


def test_key_swapped_and_resigned_by_a_forger_is_held(offices, tmp_path):
    secretariat, agency = offices
    _one(secretariat.ws, agency.write_report("Lần 1."))
    members = _members(agency.write_report("Lần 2."))
    del members[MEMBER]
    manifest = json.loads(members["manifest.json"])
    members[MEMBER] = Signer.generate().sign_members(members)  # a forger's own key
    result = _one(secretariat.ws, _write(tmp_path / "gia.ttdn", members))
    assert result.outcome == rules.SIGNATURE and MISMATCH in result.detail
    assert manifest["agency"]["code"] == "SNGV"


def test_public_key_swapped_without_resigning_is_refused(offices, tmp_path):
    secretariat, agency = offices
    members = _members(agency.write_report("Báo cáo."))
    record = json.loads(members[MEMBER])
    other = Signer.generate()
    record["public_key"] = base64.b64encode(other.public_key).decode()
    record["fingerprint"] = other.fingerprint
    members[MEMBER] = json.dumps(record).encode()
    result = _one(secretariat.ws, _write(tmp_path / "doi-khoa.ttdn", members))
    assert result.outcome == rules.REJECTED
    assert "chữ ký không khớp với khóa công khai" in result.detail


# --- unsigned imports ---------------------------------------------------------------------------

def test_old_unsigned_package_imports_marked_unsigned(offices, tmp_path, form):
    secretariat, _ = offices
    path = tmp_path / "cu.ttdn"
    path.write_bytes(package(form))  # as versions before signatures wrote them
    result = _one(secretariat.ws, path)
    assert result.outcome == rules.NEW and result.signature == "không có chữ ký"
    assert "chữ ký: không có chữ ký" in result.line()
    assert secretariat.ws.keys.pinned() == []
    assert secretariat.ws.keys.signature_states(H1)["SNGV"]["label"] == "không có chữ ký"


def _filled_form(ws, code, path):
    """The Excel form for an agency without the app, filled in and saved back."""
    ws.files.form_xlsx(code, H1, path)
    workbook = load_workbook(path)
    addresses = {r[0]: r[1] for r in workbook[IDENTITY].iter_rows(values_only=True) if r[0]}
    workbook[PROSE][addresses["section:an_pham"]].value = "Điền trong Excel."
    workbook.save(path)
    return path


def test_excel_form_says_it_carries_no_signature(offices, tmp_path):
    secretariat, _ = offices
    secretariat.ws.agencies.add("CAT", "Công an tỉnh")
    xlsx = _filled_form(secretariat.ws, "CAT", tmp_path / "cat.xlsx")
    result = _one(secretariat.ws, xlsx)
    assert result.outcome == rules.NEW and result.signature == "không có chữ ký (mẫu Excel)"
    assert secretariat.ws.keys.signature_states(H1)["CAT"]["label"] == "không có chữ ký (mẫu Excel)"


def test_excel_form_for_an_agency_with_a_pinned_key_is_held(offices, tmp_path):
    secretariat, agency = offices
    _one(secretariat.ws, agency.write_report("Lần 1."))
    xlsx = _filled_form(secretariat.ws, "SNGV", tmp_path / "sngv.xlsx")
    result = _one(secretariat.ws, xlsx)
    assert result.outcome == rules.SIGNATURE and "mẫu Excel" in result.detail


# --- the agency's side: the secretariat's key, from its requests --------------------------------

def test_agency_pins_the_secretariat_key_from_its_first_request(offices, tmp_path, forms):
    secretariat, agency = offices
    first = tmp_path / "de-nghi-1.ttdn"
    first.write_bytes(secretariat.ws.files.request_bytes(H1))
    result = _one(agency.ws, first)
    assert result.ok and result.signature_state == trust.FIRST
    [key] = agency.ws.keys.pinned()
    assert key["party"] == trust.SECRETARIAT
    assert key["short"] == secretariat.ws.keys.own()["short"]
    again = tmp_path / "de-nghi-2.ttdn"
    again.write_bytes(secretariat.ws.files.request_bytes(H1))
    assert _one(agency.ws, again).signature_state == trust.VERIFIED

    forged = Office(tmp_path, forms, "gia-mao")
    forged.ws.agencies.add("SNGV", "Sở Ngoại vụ")
    fake = tmp_path / "de-nghi-gia.ttdn"
    fake.write_bytes(forged.ws.files.request_bytes(H1))
    held = _one(agency.ws, fake)
    assert held.outcome == rules.SIGNATURE and "chữ ký không khớp" in held.detail
    [row] = agency.ws.held.for_signature()
    assert row["party"] == trust.SECRETARIAT
    key, results = agency.ws.held.accept_key("thuong-truc")
    assert [r.outcome for r in results] == ["request"]
    forged.ws.close()


# --- the command line ---------------------------------------------------------------------------

def test_cli_import_shows_signatures_and_keys_accept_revoke_export(offices, tmp_path, capsys,
                                                                    monkeypatch):
    secretariat, agency = offices
    db = str(secretariat.ws.path)
    first = agency.write_report("Lần 1.")
    code = main(["--db", db, "import", str(first)])
    out = capsys.readouterr().out
    assert code == 0 and "chữ ký: đã ký, khóa mới được ghi nhận" in out
    assert agency.ws.keys.own()["short"] in out

    assert main(["--db", db, "keys"]) == 0
    out = capsys.readouterr().out
    assert "Khóa ký của máy này" in out and "SNGV\tSở Ngoại vụ\t" in out
    assert "chưa xác nhận" in out

    members = _members(agency.write_report("Lần 2."))
    del members[MEMBER]
    members[MEMBER] = Signer.generate().sign_members(members)
    forged = _write(tmp_path / "gia.ttdn", members)
    assert main(["--db", db, "import", str(forged)]) == 1
    out = capsys.readouterr().out
    assert MISMATCH in out and "1 cần xem lại" in out
    assert main(["--db", db, "held"]) == 0
    assert "ttdn keys accept" in capsys.readouterr().out
    assert main(["--db", db, "keys", "accept", "SNGV"]) == 0
    out = capsys.readouterr().out
    assert "Đã nhận khóa mới" in out and "bản mới hơn" in out
    assert main(["--db", db, "keys", "list", "--history"]) == 0
    assert "đã thay bằng khóa mới" in capsys.readouterr().out
    assert main(["--db", db, "keys", "revoke", "SNGV"]) == 0
    assert "Đã thu hồi" in capsys.readouterr().out
    assert main(["--db", db, "keys", "revoke", "SNGV"]) == 1
    assert "Chưa có khóa ký nào" in capsys.readouterr().err

    assert main(["--db", db, "status", "--period", "2021-H1"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines()
               if line.startswith("SNGV\t"))
    assert row.endswith("\t✗ ký bằng khóa nay đã bị thu hồi")  # accepted, then revoked

    out_key = tmp_path / "xuat.ttdnkey"
    monkeypatch.setenv("TTDN_KEY_PASSPHRASE", "ngắn")
    assert main(["--db", db, "keys", "export", str(out_key)]) == 1
    assert "ít nhất 8 ký tự" in capsys.readouterr().err and not out_key.exists()
    monkeypatch.setenv("TTDN_KEY_PASSPHRASE", "mật khẩu đủ dài")
    assert main(["--db", db, "keys", "export", str(out_key)]) == 0
    assert "cất giữ cẩn thận" in capsys.readouterr().out
    other = tmp_path / "khac" / "ttdn.sqlite3"
    assert main(["--db", str(other), "keys", "import", str(out_key)]) == 0
    capsys.readouterr()
    assert main(["--db", str(other), "keys", "show"]) == 0
    assert secretariat.ws.keys.own()["short"] in capsys.readouterr().out


def test_word_report_says_it_carries_no_signature(offices, tmp_path):
    """A Word report is confirmed by the user file by file: not held for its missing signature
    even where a key is pinned, but shown and recorded as unsigned."""
    secretariat, agency = offices
    _one(secretariat.ws, agency.write_report("Lần 1."))
    path = tmp_path / "sngv.docx"
    path.write_bytes(numbered_report())
    [preview] = secretariat.ws.imports.run([path], dry_run=True)
    assert preview.signature == "không có chữ ký (báo cáo Word)"
    report = secretariat.ws.word.read(path)
    with pytest.raises(TTDNError, match="có chữ ký"):  # asked first (issue 22)
        secretariat.ws.word.import_report(report, "SNGV", H1)
    result = secretariat.ws.word.import_report(report, "SNGV", H1, replace_signed=True)
    assert result.outcome == rules.NEWER and result.signature == "không có chữ ký (báo cáo Word)"
    assert secretariat.ws.keys.signature_states(H1)["SNGV"]["state"] == trust.UNSIGNED


@pytest.mark.parametrize("signed, source, pinned, revoked, expected, hold", [
    ("a" * 64, trust.PACKAGE, None, set(), trust.FIRST, False),
    ("a" * 64, trust.PACKAGE, "a" * 64, set(), trust.VERIFIED, False),
    ("a" * 64, trust.PACKAGE, "b" * 64, set(), trust.MISMATCH, True),
    ("a" * 64, trust.PACKAGE, None, {"a" * 64}, trust.REVOKED, True),
    ("c" * 64, trust.PACKAGE, "b" * 64, set(), trust.OWN, False),  # made on this machine
    (None, trust.PACKAGE, None, set(), trust.UNSIGNED, False),
    (None, trust.PACKAGE, "b" * 64, set(), trust.UNSIGNED_PINNED, True),
    (None, trust.EXCEL, "b" * 64, set(), trust.UNSIGNED_PINNED, True),
    (None, trust.WORD, "b" * 64, set(), trust.UNSIGNED, False),
])
def test_trust_rules(signed, source, pinned, revoked, expected, hold):
    verdict = trust.judge(signed, source, pinned, revoked, own="c" * 64)
    assert (verdict.state, verdict.hold, verdict.pin) == (expected, hold, expected == trust.FIRST)
    if expected == trust.MISMATCH:
        assert MISMATCH in verdict.label


def test_short_fingerprint_is_six_groups_of_four_digits():
    short = trust.short_form(hashlib.sha256(b"x").hexdigest())
    assert short == "2145 9257 7855 2573 0515 3890"  # int("2d711642b726b0440162", 16)
    assert trust.short_form("f" * 64) != trust.short_form("f" * 19 + "e" + "f" * 44)


def test_two_programs_making_the_key_at_once_end_with_one(tmp_path, monkeypatch):
    """The command line and the app started together: whoever links its file first wins, the
    other takes that key rather than overwriting it."""
    path = tmp_path / keyfile.FILE_NAME
    winner = Signer.generate()
    real_link = os.link

    def other_program_first(source, target):
        path.write_bytes(keyfile._encode(winner, "2026-01-01T00:00:00"))
        real_link(source, target)  # raises FileExistsError, as the real race would

    monkeypatch.setattr(keyfile.os, "link", other_program_first)
    signer, _ = keyfile.load_or_create(path)
    assert signer.fingerprint == winner.fingerprint
    assert [p.name for p in tmp_path.iterdir()] == [keyfile.FILE_NAME]  # no temp file left


def test_upward_report_and_forwarded_request_are_signed(offices, tmp_path, forms):
    """A committee's report to the level above and the request it passes down go through the
    same writer: both signed, and the level above pins the committee's key."""
    secretariat, agency = offices
    _one(secretariat.ws, agency.write_report("Lần 1."))
    centre = Office(tmp_path, forms, "trung-uong")
    centre.ws.agencies.add("QNINH", "Tỉnh Quảng Ninh")
    request = tmp_path / "de-nghi-tw.ttdn"
    request.write_bytes(centre.ws.files.request_bytes(H1, "QNINH", deadline=date(2021, 7, 5)))
    received = _one(secretariat.ws, request)
    assert received.signature_state == trust.FIRST  # the level above, pinned from its request
    secretariat.ws.upward.set_identity("QNINH", "Tỉnh Quảng Ninh")
    upward = tmp_path / "gui-len.ttdn"
    secretariat.ws.files.upward_package(H1, upward)
    assert json.loads(_members(upward)[MEMBER])["fingerprint"] == \
        secretariat.ws.keys.own()["fingerprint"]
    result = _one(centre.ws, upward)
    assert result.ok and result.signature_state == trust.FIRST
    assert [k["party"] for k in centre.ws.keys.pinned()] == ["QNINH"]
    forwarded = secretariat.ws.files.forward_request_bytes(H1, date(2021, 6, 25))
    record = json.loads(_members_of(forwarded)[MEMBER])
    assert record["fingerprint"] == secretariat.ws.keys.own()["fingerprint"]
    centre.ws.close()


def _members_of(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist()}
