"""Attacks on first-contact keys, replayed (issue 22, points 1, 2 and 12): one member's key
recorded for another, a key recorded from a package that was not imported, demo keys derived
from public text, and an unsigned report replacing a signed one. Each against a real database
file, with real package files, through the workspace and the command line."""

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core import rules, trust
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.signer import Signer
from ttdn_desktop.demo import demo_signer
from ttdn_desktop.storage import keys as key_store, reports as report_store
from ttdn_desktop.workspace import Workspace

from .helpers import H1, content, package
from .wordfiles import numbered_report


@pytest.fixture
def centre(tmp_path, forms):
    """The secretariat's database, with two members."""
    ws = Workspace(tmp_path / "ban" / "ttdn.sqlite3", forms)
    ws.agencies.add("SNGV", "Sở Ngoại vụ")
    ws.agencies.add("CAT", "Công an tỉnh")
    yield ws
    ws.close()


def _file(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _one(ws, path):
    [result] = ws.imports.run([path])
    return result


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _text(ws, code):
    report = ws.reports.of(code, H1)
    return report_store.load_content(ws.db, report["id"]).sections.get("an_pham")


# --- 1. one member's key recorded for another -------------------------------------------------

def test_a_key_recorded_for_one_agency_is_never_recorded_for_another(centre, tmp_path, form,
                                                                     capsys):
    """Công an tỉnh signs Sở Ngoại vụ's report with its own key before Sở Ngoại vụ has sent
    one: held, saying whose key it is; only the named command accepts one key for both."""
    police = Signer.generate()
    own = _one(centre, _file(tmp_path, "cat.ttdn", package(form, "CAT", "Công an tỉnh",
                                                           signer=police)))
    assert own.outcome == rules.NEW and own.signature_state == trust.FIRST
    posing = _one(centre, _file(tmp_path, "sngv.ttdn", package(form, signer=police)))
    assert posing.outcome == rules.SIGNATURE and not posing.ok
    assert posing.signature_state == trust.OTHERS
    assert "Công an tỉnh (CAT)" in posing.detail and police.short in posing.detail
    assert [k["party"] for k in centre.keys.pinned()] == ["CAT"]
    assert centre.reports.find("SNGV", H1) is None  # nothing applied

    db = str(centre.path)
    code, out, _ = _run(capsys, "--db", db, "keys", "list")
    assert code == 0 and "SNGV" not in out
    code, out, _ = _run(capsys, "--db", db, "held")
    assert "--fingerprint" in out
    # not by a bare accept: the key is another member's, so it must be named
    code, _, err = _run(capsys, "--db", db, "keys", "accept", "SNGV")
    assert code == 1 and "Công an tỉnh" in err and "--fingerprint" in err
    code, _, err = _run(capsys, "--db", db, "keys", "accept", "SNGV", "--fingerprint",
                        police.fingerprint[:4])  # named in full, not by a prefix
    assert code == 1 and "--fingerprint" in err
    assert [k["party"] for k in centre.keys.pinned()] == ["CAT"]
    # the two offices share one machine, checked by phone: accepted by name
    code, out, _ = _run(capsys, "--db", db, "keys", "accept", "SNGV", "--fingerprint",
                        police.short)
    assert code == 0 and "dùng chung" in out and "đã nhập" in out
    assert sorted(k["party"] for k in centre.keys.pinned()) == ["CAT", "SNGV"]
    again = _one(centre, _file(tmp_path, "sngv-2.ttdn", package(form, signer=police)))
    assert again.signature_state == trust.VERIFIED  # its key now (another report: a conflict)


def test_a_key_revoked_for_one_agency_is_never_accepted_for_another(centre, tmp_path, form,
                                                                   capsys):
    """Công an tỉnh's key is revoked (its PC was stolen); whoever holds it signs Sở Ngoại vụ's
    report: held, saying the key was revoked, and not even the named command accepts it."""
    police = Signer.generate()
    _one(centre, _file(tmp_path, "cat.ttdn", package(form, "CAT", "Công an tỉnh",
                                                     signer=police)))
    db = str(centre.path)
    assert _run(capsys, "--db", db, "keys", "revoke", "CAT")[0] == 0
    posing = _one(centre, _file(tmp_path, "sngv.ttdn", package(form, signer=police)))
    assert posing.outcome == rules.SIGNATURE and "thu hồi" in posing.detail
    code, out, err = _run(capsys, "--db", db, "keys", "accept", "SNGV", "--fingerprint",
                          police.short)
    assert code == 1 and "thu hồi" in err
    assert centre.keys.pinned() == [] and centre.reports.find("SNGV", H1) is None


def test_a_package_held_for_its_signature_is_accepted_alone_on_the_command_line(
        centre, tmp_path, form, capsys):
    """«ttdn held --accept SỐ», as the held list itself says, imports that package and records
    no key."""
    police = Signer.generate()
    _one(centre, _file(tmp_path, "cat.ttdn", package(form, "CAT", "Công an tỉnh",
                                                     signer=police)))
    posing = _one(centre, _file(tmp_path, "sngv.ttdn", package(form, signer=police)))
    assert posing.outcome == rules.SIGNATURE
    db = str(centre.path)
    centre.close()  # the user's next command, the window closed: a sound, checked file
    _run(capsys, "--db", db, "status", "--period", H1.code)
    code, out, _ = _run(capsys, "--db", db, "held")
    number = out.split("số ")[-1].split()[0]
    code, out, err = _run(capsys, "--db", db, "held", "--accept", number)
    assert code == 0, err
    with Workspace(db) as after:
        assert after.reports.find("SNGV", H1) is not None
        assert [k["party"] for k in after.keys.pinned()] == ["CAT"]


def test_the_window_names_the_other_agency_for_a_held_package(centre, tmp_path, form):
    police = Signer.generate()
    _one(centre, _file(tmp_path, "cat.ttdn", package(form, "CAT", "Công an tỉnh", signer=police)))
    _one(centre, _file(tmp_path, "sngv.ttdn", package(form, signer=police)))
    [row] = centre.held.for_signature()
    assert row["owners"] == ["Công an tỉnh (CAT)"]
    key, results = centre.held.accept_key("SNGV", row["fingerprint"])  # the window names the key
    assert key["party"] == "SNGV" and [r.outcome for r in results] == [rules.NEW]


# --- 2. keys recorded from packages that were not imported -------------------------------------

def test_a_package_held_for_an_unknown_agency_records_no_key(centre, tmp_path, form):
    stranger = Signer.generate()
    held = _one(centre, _file(tmp_path, "la.ttdn", package(form, "SVHTTDL", "Sở Văn hóa",
                                                           signer=stranger)))
    assert held.outcome == rules.UNKNOWN_AGENCY
    assert "khóa mới được ghi nhận" not in held.signature and "chưa ghi nhận" in held.signature
    assert centre.keys.pinned() == []
    # the member is added: the held package comes in, its key shown as first seen
    _agency, [released] = centre.agencies.add("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch")
    assert released.outcome == rules.NEW and released.signature_state == trust.FIRST
    assert "khóa mới" in released.signature
    assert [k["party"] for k in centre.keys.pinned()] == ["SVHTTDL"]


def test_two_keys_claiming_one_unknown_code_are_both_kept_and_neither_recorded(
        centre, tmp_path, form):
    """The same report for a code not yet on the list, signed by two different keys: both are
    held (the second was dropped as «already held», its key lost), and when the member is added
    neither key is recorded: both wait for the secretariat to say which key is the agency's."""
    first, second = Signer.generate(), Signer.generate()
    data = [package(form, "SVHTTDL", "Sở Văn hóa", signer=signer) for signer in (first, second)]
    for n, one in enumerate(data):
        assert _one(centre, _file(tmp_path, f"la{n}.ttdn", one)).outcome == rules.UNKNOWN_AGENCY
    assert len(centre.imports.held()) == 2
    _agency, released = centre.agencies.add("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch")
    assert [r.outcome for r in released] == [rules.SIGNATURE, rules.SIGNATURE]
    assert all("2 khóa khác nhau" in r.detail for r in released), [r.detail for r in released]
    assert centre.keys.pinned() == []
    with pytest.raises(TTDNError, match="chưa có báo cáo"):
        centre.reports.of("SVHTTDL", H1)
    # the secretariat, having phoned, takes one key: its package comes in, the other stays held
    _key, applied = centre.held.accept_key("SVHTTDL", first.fingerprint)
    assert [k["fingerprint"] for k in centre.keys.pinned()] == [first.fingerprint]
    assert [r.outcome for r in applied] == [rules.NEW, rules.SIGNATURE]  # the other waits
    assert [row["fingerprint"] for row in centre.held.for_signature("SVHTTDL")] == \
        [second.fingerprint]


def test_a_released_package_held_for_its_key_is_imported_once_the_key_is_accepted(
        centre, tmp_path, form):
    """Held for an unknown code, released when the member is added, held again for its key:
    accepting the key imported nothing («đã có … đã được xem xét»), the first hold being taken
    for a decision already made."""
    shared = Signer.generate()  # one office signing for two members
    held = _one(centre, _file(tmp_path, "la.ttdn", package(form, "SVHTTDL", "Sở Văn hóa",
                                                            signer=shared)))
    assert held.outcome == rules.UNKNOWN_AGENCY
    _one(centre, _file(tmp_path, "cat.ttdn", package(form, "CAT", "Công an tỉnh",
                                                      signer=shared)))
    _agency, [released] = centre.agencies.add("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch")
    assert released.outcome == rules.SIGNATURE
    _key, [applied] = centre.held.accept_key("SVHTTDL", shared.fingerprint)
    assert applied.outcome == rules.NEW, applied.detail
    assert centre.reports.of("SVHTTDL", H1) is not None


def test_a_conflict_records_no_key(centre, tmp_path, form):
    _one(centre, _file(tmp_path, "a.ttdn", package(form)))  # unsigned, an older version
    held = _one(centre, _file(tmp_path, "b.ttdn", package(form, signer=Signer.generate())))
    assert held.outcome == rules.CONFLICT and centre.keys.pinned() == []


# --- 12a. an identical package imported again ---------------------------------------------------

def test_an_identical_package_again_says_it_was_already_there(centre, tmp_path, form, capsys):
    path = _file(tmp_path, "sngv.ttdn", package(form, signer=Signer.generate()))
    db = str(centre.path)
    code, out, _ = _run(capsys, "--db", db, "import", str(path))
    assert code == 0 and "1 tệp: 1 được nhận" in out
    code, out, _ = _run(capsys, "--db", db, "import", str(path))
    assert "được nhận" not in out, out
    assert "1 tệp: 1 đã có từ trước, không thay đổi gì" in out
    assert code == 0  # nothing refused, nothing to look at: the package is there


# --- 12b. demo packages ---------------------------------------------------------------------------

def test_demo_packages_import_as_samples_and_pin_nothing(centre, tmp_path, form, capsys):
    db = str(centre.path)
    code, _, _ = _run(capsys, "--db", db, "demo", str(tmp_path / "mau"), "--agencies", "2")
    assert code == 0
    code, out, _ = _run(capsys, "--db", db, "import", str(tmp_path / "mau"))
    assert code == 0 and out.count("gói mẫu") == 2, out
    assert "khóa mới được ghi nhận" not in out and "đúng khóa" not in out
    assert centre.keys.pinned() == []
    states = centre.keys.signature_states(H1)
    assert states["SNGV"]["state"] == trust.DEMO and "gói mẫu" in states["SNGV"]["brief"]
    assert "✓" not in states["SNGV"]["brief"]
    # the real Sở Ngoại vụ sends its report: its key is recorded, nothing held
    real = Signer.generate()
    report_id = centre.reports.of("SNGV", H1)["id"]
    result = _one(centre, _file(tmp_path, "that.ttdn", package(
        form, report_id=report_id, revision=2, supersedes=1, signer=real)))
    assert result.outcome == rules.NEWER and result.signature_state == trust.FIRST
    assert [k["fingerprint"] for k in centre.keys.pinned()] == [real.fingerprint]


def test_a_demo_key_pinned_by_an_older_version_verifies_nothing_and_holds_nothing(
        centre, tmp_path, form):
    """A database that imported the demo before this fix has the demo keys pinned."""
    demo = demo_signer("SNGV")
    with centre.db.atomic():
        key_store.pin(centre.db, "SNGV", demo.public_key, demo.fingerprint, "Sở Ngoại vụ")
    assert centre.keys.pinned()[0]["state_label"] == "khóa mẫu công khai, không dùng để xác minh"
    sample = _one(centre, _file(tmp_path, "mau.ttdn", package(form, signer=demo)))
    assert sample.ok and sample.signature_state == trust.DEMO
    assert "đúng khóa" not in sample.signature
    # a revision an older version recorded as verified by the demo key
    report = centre.reports.of("SNGV", H1)
    with centre.db.atomic():
        key_store.record_signature(centre.db, report["id"], 1, trust.VERIFIED,
                                   "đã ký, đúng khóa đã ghi nhận", demo.fingerprint)
    assert centre.keys.signature_states(H1)["SNGV"]["state"] == trust.DEMO
    real = Signer.generate()
    result = _one(centre, _file(tmp_path, "that.ttdn", package(
        form, report_id=centre.reports.of("SNGV", H1)["id"], revision=2, supersedes=1,
        signer=real)))
    assert result.outcome == rules.NEWER and result.signature_state == trust.FIRST
    assert centre.keys.pinned()[0]["fingerprint"] == real.fingerprint


def test_a_demo_key_of_another_code_is_still_a_demo_key(centre, tmp_path, form):
    result = _one(centre, _file(tmp_path, "x.ttdn", package(form, signer=demo_signer("CAT"))))
    assert result.signature_state == trust.DEMO and centre.keys.pinned() == []


def test_a_demo_package_for_an_agency_with_a_real_key_is_held(centre, tmp_path, form):
    real = Signer.generate()
    first = _one(centre, _file(tmp_path, "that.ttdn", package(form, signer=real)))
    sample = _one(centre, _file(tmp_path, "mau.ttdn", package(
        form, report_id=centre.reports.of("SNGV", H1)["id"], revision=2, supersedes=1,
        signer=demo_signer("SNGV"))))
    assert first.signature_state == trust.FIRST
    assert sample.outcome == rules.SIGNATURE and "gói mẫu" in sample.detail


# --- 12c. an unsigned report replacing a signed one ---------------------------------------------

def test_a_word_report_replaces_a_signed_report_only_when_asked(centre, tmp_path, form,
                                                               capsys):
    signed = _one(centre, _file(tmp_path, "sngv.ttdn", package(
        form, body=content("Bản có chữ ký."), signer=Signer.generate())))
    assert signed.outcome == rules.NEW
    word = _file(tmp_path, "sngv.docx", numbered_report())
    db = str(centre.path)
    argv = ["--db", db, "import", str(word), "--agency", "SNGV", "--period", "2021-H1",
            "--accept-placement", "--allow-shorter"]
    code, out, _ = _run(capsys, *argv)
    assert code == 1 and "có chữ ký" in out and "--replace-signed" in out, out
    assert _text(centre, "SNGV") == "Bản có chữ ký."  # nothing stored
    report = centre.word.read(word)
    with pytest.raises(TTDNError, match="có chữ ký"):
        centre.word.import_report(report, "SNGV", H1, allow_losses=True)
    code, out, _ = _run(capsys, *argv, "--replace-signed")
    assert code == 0 and "bản mới hơn" in out, out
    assert _text(centre, "SNGV") != "Bản có chữ ký."
