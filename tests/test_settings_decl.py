"""Typed settings (issue 23, point 5): every setting declared once in core.settings, read and
written by declaration, no raw key spelt anywhere else in the tree; the upgrade steps that
bring stored values forward; `ttdn settings` listing from the declarations."""

import ast
import json
import re
import sqlite3
from dataclasses import fields
from pathlib import Path

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core import settings as declared
from ttdn_desktop.core.docformat import Letterhead
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.storage import database, migrations
from ttdn_desktop.storage.database import open_database
from ttdn_desktop.storage.settings import UPGRADES, get_setting, set_setting, upgrade
from ttdn_desktop.workspace import Workspace
from ttdn_desktop.core.role import Role

PACKAGE = Path(__file__).resolve().parent.parent / "ttdn_desktop"
ACCESSORS = {"get_setting", "set_setting", "state", "set_state", "set_states"}
# Keys a reader would take for a setting's: the declared ones but the letterhead's, whose
# names (layout, code, place…) are Letterhead's fields and words of their own everywhere.
SPELT = {s.key.split("{}")[0] for s in declared.DECLARED if s not in declared.LETTERHEAD.values()}


def declaration(key: str, place: str = declared.SETTINGS):
    """The declaration a stored key belongs to (a family's member included), or None."""
    for setting in declared.DECLARED:
        pattern = re.escape(setting.key).replace(re.escape("{}"), ".+")
        if setting.place == place and re.fullmatch(pattern, key):
            return setting
    return None


def raw_keys(source: str) -> list[str]:
    """Where `source` spells a setting's key: a string given to a settings accessor, or a
    string (an f-string's start) that is, or starts, a declared key."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            at = 1 if name in ("get_setting", "set_setting") else 0  # after the db
            key = node.args[at] if name in ACCESSORS and len(node.args) > at else None
            keys = key.keys if isinstance(key, ast.Dict) else [key]  # set_states({…: …})
            for key in keys:
                if isinstance(key, ast.JoinedStr) or (isinstance(key, ast.Constant)
                                                      and isinstance(key.value, str)):
                    found.append(f"line {node.lineno}: {name}({ast.unparse(key)})")
        text = None
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr) and node.values \
                and isinstance(node.values[0], ast.Constant):
            text = node.values[0].value
        if text and any(text == key or (key.endswith((".", ":")) and text.startswith(key))
                        for key in SPELT):
            found.append(f"line {node.lineno}: {text!r}")
    return found


def test_the_scan_finds_a_raw_key():
    # the test below is worth only what this scan finds: each way a key was spelt before
    assert raw_keys('ws.setup.state("last_report")')
    assert raw_keys('get_setting(db, "upward.code")')
    assert raw_keys('x = "window.geometry"')
    assert raw_keys('key = f"agency.{code}."')
    assert raw_keys('ws.setup.set_state(f"{NOTE}:{report_id}", text)')
    assert raw_keys('_KEY = "folder.{}"')
    assert raw_keys('ws.setup.set_states({"session": "{}"})')
    assert not raw_keys('ws.setup.state(LAST_REPORT)')
    assert not raw_keys('ws.setup.state(FOLDER, "export")')
    assert not raw_keys('view.open_report(state.last_report, state.last_section)')


def test_no_raw_setting_key_outside_the_declarations():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "core" / "settings.py":
            continue
        found += [f"{path.relative_to(PACKAGE)} {hit}"
                  for hit in raw_keys(path.read_text(encoding="utf-8"))]
    assert not found, "setting keys spelt outside core/settings.py:\n" + "\n".join(found)


def test_a_raw_key_is_refused(tmp_path):
    with Workspace(tmp_path / "x.sqlite3") as workspace:
        with pytest.raises(TypeError):
            workspace.setup.state("last_report")
        with pytest.raises(TypeError):
            set_setting(workspace.db, "app.mode", Role.AGENCY)
        with pytest.raises(ValueError):  # a family's member needs its parts
            workspace.setup.state(declared.FOLDER)


def test_every_declaration_is_whole():
    keys = [s.key for s in declared.DECLARED]
    assert len(keys) == len(set(keys))
    for setting in declared.DECLARED:
        assert setting.meaning.strip() and setting.place in (declared.SETTINGS, declared.STATE)
    assert list(declared.LETTERHEAD) == [f.name for f in fields(Letterhead)]
    assert declared.LETTERHEAD["code"].default == Letterhead().code
    assert (declared.ROLE.choices == (Role.AGENCY, Role.SECRETARIAT))  # the workspace's roles
    assert sorted(UPGRADES) == list(range(1, declared.VERSION + 1))


def test_every_key_stored_by_real_use_is_declared(capsys, tmp_path):
    """The keys a database holds after the command line, the setup and the window's state
    have written to it: each one belongs to a declaration, in the table it declares."""
    db = tmp_path / "x.sqlite3"
    assert main(["--db", str(db), "demo", str(tmp_path / "in"), "--agencies", "2"]) == 0
    assert main(["--db", str(db), "settings", "--agency", "SNGV", "set", "place", "Huế"]) == 0
    assert main(["--db", str(db), "settings", "set", "number", "05"]) == 0
    with Workspace(db) as workspace:
        workspace.setup.set_role(Role.AGENCY, "SNGV")
        workspace.upward.set_identity("QNINH", "Tỉnh Quảng Ninh")
        report_id = workspace.reports.new("SNGV", Period.parse("2025-H1"))
        workspace.setup.set_states({declared.SESSION: {"clean": True, "report_id": report_id},
                              declared.LAST_REPORT: report_id, declared.LAST_SECTION: "s:x",
                              declared.GEOMETRY: "AdnQywADAAA=",
                              (declared.FOLDER, "export"): str(tmp_path),
                              (declared.REPORT_MISMATCH_NOTE, report_id): "ghi chú",
                              declared.MISMATCH_NOTE: "ghi chú"})
        stored = {place: [r[0] for r in workspace.db.execute(f"SELECT key FROM {place}")]
                  for place in (declared.SETTINGS, declared.STATE)}
    assert len(stored[declared.SETTINGS]) >= 6 and len(stored[declared.STATE]) == 8
    undeclared = [(place, key) for place, keys in stored.items() for key in keys
                  if declaration(key, place) is None]
    assert not undeclared
    assert declaration("agency.SNGV.place") is declared.AGENCY_LETTERHEAD
    assert declaration("last_report") is None  # not in `settings`: in app_state
    assert declaration("nothing.like.it", declared.STATE) is None


def test_typed_round_trips(tmp_path):
    with Workspace(tmp_path / "x.sqlite3") as workspace:
        db = workspace.db
        assert get_setting(db, declared.ROLE) is None and workspace.setup.role is None
        set_setting(db, declared.ROLE, Role.SECRETARIAT)
        assert get_setting(db, declared.ROLE) == Role.SECRETARIAT
        with pytest.raises(ValueError):
            set_setting(db, declared.ROLE, "admin")
        assert get_setting(db, declared.ROLE) == Role.SECRETARIAT  # nothing written
        session = {"clean": False, "report_id": "r1", "section": "s:an_pham"}
        workspace.setup.set_state(declared.SESSION, session)
        assert workspace.setup.state(declared.SESSION) == {**session, "version": 1}
        assert get_setting(db, declared.VERSION_SETTING) == declared.VERSION
        workspace.setup.set_state(declared.FOLDER, "/tmp/a", "import")
        assert workspace.setup.state(declared.FOLDER, "import") == "/tmp/a"
        assert workspace.setup.state(declared.FOLDER, "export") == ""  # the default
        # the user's text is kept as NFC
        set_setting(db, declared.UPWARD_NAME, "Tỉnh Qua\u0309ng Ninh")
        assert get_setting(db, declared.UPWARD_NAME) == "Tỉnh Quảng Ninh"
    # what another program (or an older release) left unreadable reads as the default
    raw = sqlite3.connect(tmp_path / "x.sqlite3")
    with raw:
        raw.execute("UPDATE settings SET value = 'quản trị' WHERE key = ?", [declared.ROLE.key])
        raw.execute("UPDATE app_state SET value = '[1, 2]' WHERE key = ?", [declared.SESSION.key])
    raw.close()
    with Workspace(tmp_path / "x.sqlite3") as workspace:
        assert workspace.setup.role is None and workspace.setup.state(declared.SESSION) is None


def test_a_session_from_a_newer_release_or_an_older_one():
    newer = json.dumps({"clean": False, "report_id": "r1", "version": declared.VERSION + 1})
    assert declared.SESSION.decode(newer) is None
    older = json.dumps({"clean": False, "report_id": "r1"})  # an older release writes this
    assert declared.SESSION.decode(older) == {"clean": False, "report_id": "r1"}
    assert declared.SESSION.decode("không phải JSON") is None


def _previous_release_database(path, monkeypatch, session: str | None) -> None:
    """A schema-10 database as the previous release left it: no settings version, the
    session an unversioned JSON string."""
    monkeypatch.setattr(database, "MIGRATIONS", migrations.MIGRATIONS[:10])
    monkeypatch.setattr(database, "LATEST", 10)
    monkeypatch.setattr(database, "upgrade_settings", lambda db: 0)
    db = open_database(path)
    with db.atomic():
        for key, value in (("app.mode", "agency"), ("app.own_agency", "SNGV"),
                           ("upward.code", "QNINH"), ("place", "Huế"),
                           ("agency.SNGV.place", "Đà Nẵng")):
            db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [key, value])
        states = [("window.geometry", "AdnQywADAAA="), ("last_report", "r1"),
                  ("folder.export", "/tmp")] + ([("session", session)] if session else [])
        for key, value in states:
            db.execute("INSERT INTO app_state (key, value) VALUES (?, ?)", [key, value])
    db.close()
    monkeypatch.undo()


def _rows(path, table):
    raw = sqlite3.connect(path)
    try:
        return dict(raw.execute(f"SELECT key, value FROM {table}").fetchall())
    finally:
        raw.close()


def test_the_previous_release_database_is_upgraded_and_keeps_its_values(tmp_path, monkeypatch):
    path = tmp_path / "v10.sqlite3"
    session = '{"clean": false, "pid": 42, "report_id": "r1", "section": "s:an_pham"}'
    _previous_release_database(path, monkeypatch, session)
    before = _rows(path, "settings"), _rows(path, "app_state")
    with Workspace(path) as workspace:
        assert workspace.setup.role == Role.AGENCY and workspace.setup.own_agency == "SNGV"
        assert workspace.upward.identity() is None  # a code without its name, as before
        assert workspace.setup.letterhead().place == "Huế"
        assert workspace.setup.state(declared.GEOMETRY) == "AdnQywADAAA="
        assert workspace.setup.state(declared.LAST_REPORT) == "r1"
        assert workspace.setup.state(declared.FOLDER, "export") == "/tmp"
        assert workspace.setup.state(declared.SESSION) == {
            "clean": False, "pid": 42, "report_id": "r1", "section": "s:an_pham", "version": 1}
    settings, state = _rows(path, "settings"), _rows(path, "app_state")
    assert settings == before[0]  # the user's settings: the same keys, the same values
    assert json.loads(state.pop("session")) == {**json.loads(before[1].pop("session")),
                                                "version": 1}
    assert state.pop(declared.VERSION_SETTING.key) == str(declared.VERSION)
    assert state == before[1]
    with Workspace(path) as workspace:  # once only
        assert upgrade(workspace.db) == 0


def test_an_unreadable_session_is_dropped_by_the_upgrade(tmp_path, monkeypatch):
    path = tmp_path / "v10.sqlite3"
    _previous_release_database(path, monkeypatch, "{không đọc được")
    with Workspace(path) as workspace:
        assert workspace.setup.state(declared.SESSION) is None
    assert "session" not in _rows(path, "app_state")


def test_a_database_without_app_state_has_nothing_to_upgrade(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "MIGRATIONS", migrations.MIGRATIONS[:1])
    monkeypatch.setattr(database, "LATEST", 1)
    db = open_database(tmp_path / "v1.sqlite3")
    assert upgrade(db) == 0
    db.close()


def test_ttdn_settings_lists_the_declarations(capsys, tmp_path):
    """Every setting the user chose, as declared: the letterhead, then the others (a
    family's stored members each); with --agency, that agency's letterhead only."""
    db = str(tmp_path / "x.sqlite3")
    assert main(["--db", db, "settings", "set", "place", "Huế"]) == 0
    with Workspace(db) as workspace:
        workspace.setup.set_role(Role.SECRETARIAT)
        workspace.agencies.add("SNGV", "Sở Ngoại vụ")
        workspace.setup.set_state(declared.MAIL_PIN, "AB:CD", "mail.example.vn:465")
        workspace.setup.set_state(declared.MAIL_SEND, {"host": "mail.example.vn", "port": 465})
    assert main(["--db", db, "settings", "--agency", "SNGV", "set", "place", "Đà Nẵng"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "settings"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # each family (agency.{}.{}, mail.pin.{}) has one member stored: each is listed once
    expected = list(declared.LETTERHEAD.values()) + [
        s for s in declared.DECLARED
        if s.place == declared.SETTINGS and s not in declared.LETTERHEAD.values()]
    keys = [line.split("\t")[0] for line in lines]
    assert [declaration(key) for key in keys] == expected
    assert [line.split("\t# ")[1] for line in lines] == [s.meaning for s in expected]
    assert "{}" not in "".join(keys)
    assert "place\tHuế\t# " + declared.LETTERHEAD["place"].meaning in lines
    assert "app.mode\tsecretariat\t# " + declared.ROLE.meaning in lines
    assert "agency.SNGV.place\tĐà Nẵng\t# " + declared.AGENCY_LETTERHEAD.meaning in lines
    assert "mail.pin.mail.example.vn:465\tAB:CD\t# " + declared.MAIL_PIN.meaning in lines
    assert 'mail.send\t{"host": "mail.example.vn", "port": 465}\t# ' \
        + declared.MAIL_SEND.meaning in lines
    assert "mail.fetch\t\t# " + declared.MAIL_FETCH.meaning in lines  # nothing stored
    assert main(["--db", db, "settings", "--agency", "SNGV"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == list(declared.LETTERHEAD)
    assert "place\tĐà Nẵng\t# " + declared.LETTERHEAD["place"].meaning in lines
    # listed, but set where they are chosen: said so, nothing written
    for key in ("app.mode", "mail.pin.mail.example.vn:465"):
        assert main(["--db", db, "settings", "set", key, "agency"]) == 1
        assert "không đặt bằng «ttdn settings set»" in capsys.readouterr().err
    with Workspace(db) as workspace:
        assert workspace.setup.role == Role.SECRETARIAT
    assert main(["--db", db, "settings", "set", "colour", "x"]) == 1
    assert "Không có thiết lập «colour»" in capsys.readouterr().err


def test_the_letterhead_is_typed_by_its_declarations(tmp_path):
    """Each letterhead field is checked by its kind when written, and what does not check
    (an older or foreign database) reads as its default, named to users by its label."""
    kinds = {key: setting.kind for key, setting in declared.LETTERHEAD.items()}
    assert kinds["layout"] == declared.LAYOUT and kinds["template"] == declared.FILE
    assert kinds["issued_on"] == declared.DAY and kinds["margin_top"] == declared.MILLIMETRES
    assert {key for key, kind in kinds.items() if kind == declared.LINES} == {
        "superior_body", "issuing_body", "signing_capacity", "signer_title", "recipients"}
    assert all(setting.label and setting.label != key
               for key, setting in declared.LETTERHEAD.items())
    with Workspace(tmp_path / "x.sqlite3") as workspace:
        db = workspace.db
        with pytest.raises(TTDNError, match="Lề trên"):
            set_setting(db, declared.LETTERHEAD["margin_top"], "200")
        set_setting(db, declared.LETTERHEAD["issued_on"], "15/7/2021")
        assert get_setting(db, declared.LETTERHEAD["issued_on"]) == "2021-07-15"
        set_setting(db, declared.LETTERHEAD["recipients"], " A\n\n B ")
        assert workspace.setup.letterhead().recipients == "A\nB"
    raw = sqlite3.connect(tmp_path / "x.sqlite3")
    with raw:
        raw.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                        [("layout", "word"), ("margin_left", "nonsense"), ("place", "Huế")])
    raw.close()
    with Workspace(tmp_path / "x.sqlite3") as workspace:
        letterhead = workspace.setup.letterhead()
        assert (letterhead.layout, letterhead.margin_left, letterhead.place) == (
            Letterhead().layout, "", "Huế")
        assert workspace.setup.stored_letterhead() == {
            "issued_on": "2021-07-15", "recipients": "A\nB", "place": "Huế"}
