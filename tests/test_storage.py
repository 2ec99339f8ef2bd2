import ast
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.settings import LETTERHEAD
from ttdn_desktop.storage import (agencies as agency_store, database, migrations,
                                  reports as report_store)
from ttdn_desktop.storage.database import open_database, resolve_db_path, schema_version
from ttdn_desktop.storage.migrations import LATEST
from ttdn_desktop.storage.periods import period_dates, set_period_dates
from ttdn_desktop.storage.settings import get_setting, set_setting
from ttdn_desktop.workspace import Workspace

from .helpers import H1, save_section, seal_current


def test_new_database_is_migrated_in_wal_mode(tmp_path):
    path = tmp_path / "sub" / "ttdn.sqlite3"
    db = open_database(path)
    assert path.exists()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert schema_version(db) == LATEST
    assert [r["version"] for r in db.query("SELECT version FROM schema_migrations")] == \
        list(range(1, LATEST + 1))
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()
    # opening again applies nothing and keeps the data
    db = open_database(path)
    assert schema_version(db) == LATEST
    db.close()


def test_failed_migration_rolls_back_everything(tmp_path, monkeypatch):
    bad = lambda: ["CREATE TABLE a (x)", "THIS IS NOT SQL"]  # noqa: E731
    monkeypatch.setattr("ttdn_desktop.storage.database.MIGRATIONS", [bad])
    monkeypatch.setattr("ttdn_desktop.storage.database.LATEST", 1)
    with pytest.raises(TTDNError):
        open_database(tmp_path / "x.sqlite3")
    raw = sqlite3.connect(tmp_path / "x.sqlite3")
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 0
    assert raw.execute("SELECT name FROM sqlite_master WHERE name = 'a'").fetchone() is None
    assert migrations.LATEST >= 1


def test_database_from_a_newer_app_is_refused_unchanged(tmp_path):
    path = tmp_path / "new.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {LATEST + 5}")
    raw.close()
    before = path.read_bytes()
    with pytest.raises(TTDNError, match="mới hơn"):
        open_database(path)
    assert path.read_bytes() == before


def test_foreign_file_is_not_opened_as_a_database(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04 not a database")
    with pytest.raises(TTDNError, match="không phải là cơ sở dữ liệu"):
        open_database(path)
    assert path.read_bytes() == b"PK\x03\x04 not a database"


def test_agencies_in_vietnamese_order_unless_ordered(workspace):
    db = workspace.db
    for code, name in [("DN", "Sở Du lịch"), ("DD", "Sở Đối ngoại"), ("AN", "Ban An ninh"),
                       ("CA", "Công an tỉnh")]:
        agency_store.add_agency(db, code, name)
    names = [a["name"] for a in agency_store.list_agencies(db)]
    assert names == ["Ban An ninh", "Công an tỉnh", "Sở Du lịch", "Sở Đối ngoại"]
    agency_store.update_agency(db, "DD", sort_order=1)
    assert agency_store.list_agencies(db)[0]["code"] == "DD"


def test_agency_names_stored_nfc_and_renames_kept_in_history(workspace):
    db = workspace.db
    agency_store.add_agency(db, "svh", "Sở Văn hóa, Thể thao và Du li\u0323ch")
    row = agency_store.get_agency(db, "SVH")
    assert row["name"] == "Sở Văn hóa, Thể thao và Du lịch"
    agency_store.update_agency(db, "SVH", name="Sở Văn hóa và Thể thao")
    agency_store.update_agency(db, "SVH", retired=True)
    history = list(db.query("SELECT name, retired FROM agencies_history WHERE code = 'SVH' "
                            "ORDER BY rowid"))
    assert history[0]["name"] == "Sở Văn hóa, Thể thao và Du lịch"
    assert agency_store.get_agency(db, "SVH")["retired"] == 1
    assert [a["code"] for a in agency_store.list_agencies(db, include_retired=False)] == []


def test_agency_code_checked_and_unique(workspace):
    agency_store.add_agency(workspace.db, "SNGV", "Sở Ngoại vụ")
    with pytest.raises(TTDNError, match="đã có"):
        agency_store.add_agency(workspace.db, "sngv", "Khác")
    with pytest.raises(TTDNError, match="không hợp lệ"):
        agency_store.add_agency(workspace.db, "../x", "Khác")


def test_period_dates_default_then_edited(workspace):
    dates = period_dates(workspace.db, H1)
    assert not dates.stored and dates.deadline.isoformat() == "2021-06-16"
    set_period_dates(workspace.db, H1, deadline=date(2021, 6, 20))
    dates = period_dates(workspace.db, H1)
    assert dates.stored and dates.deadline == date(2021, 6, 20)
    assert dates.data_to == date(2021, 6, 14)


def test_draft_saves_keep_every_old_text(workspace, form):
    agency_store.add_agency(workspace.db, "SNGV", "Sở Ngoại vụ")
    report_id = workspace.reports.new("SNGV", H1)
    save_section(workspace.db, report_id, "an_pham", "Bản một")
    save_section(workspace.db, report_id, "an_pham", "Bản hai")
    save_section(workspace.db, report_id, "an_pham", "Bản hai")  # no change
    assert report_store.load_content(workspace.db, report_id).sections == {"an_pham": "Bản hai"}
    old = [r["text"] for r in workspace.db.query(
        "SELECT text FROM section_texts_history WHERE report_id = ? ORDER BY rowid", [report_id])]
    assert old == ["Bản một"]


def test_sealed_revision_is_never_changed_editing_opens_the_next(workspace, form):
    db = workspace.db
    agency_store.add_agency(db, "SNGV", "Sở Ngoại vụ")
    report_id = workspace.reports.new("SNGV", H1)
    report_store.save_content(db, report_id, ReportContent({"an_pham": "Gửi lần 1"},
                                                           {("ban_an_pham", ""): 10}))
    sealed = seal_current(db, report_id)
    assert sealed.sealed and sealed.content_sha256
    # the database itself refuses a write to a sealed revision
    with pytest.raises(sqlite3.IntegrityError):
        with db.atomic():
            db.execute("UPDATE section_texts SET text = 'sửa lén' WHERE report_id = ?",
                       [report_id])
    revision = save_section(db, report_id, "an_pham", "Sửa sau khi gửi")
    assert revision == 2
    info = report_store.current_revision(db, report_id)
    assert (info.revision, info.supersedes, info.sealed) == (2, 1, False)
    assert report_store.load_content(db, report_id, 1).sections["an_pham"] == "Gửi lần 1"
    assert report_store.load_content(db, report_id, 2).figures == {("ban_an_pham", ""): 10}
    # a second save goes to the same draft, not a third revision
    assert save_section(db, report_id, "an_pham", "Sửa tiếp") == 2


def test_autosave_of_one_section_reindexes_only_that_section(workspace, form):
    """Issue 13/14: an autosave must cost one section, not the whole report. The other
    sections' search rows keep their rowids (a whole-report rebuild gives them new ones: the
    second report keeps the highest rowid in use, so fresh rows cannot land on old numbers)."""
    db = workspace.db
    agency_store.add_agency(db, "SNGV", "Sở Ngoại vụ")
    agency_store.add_agency(db, "CAT", "Công an tỉnh")
    report_id = workspace.reports.new("SNGV", H1)
    report_store.save_content(db, report_id, ReportContent(
        {"an_pham": "Phát hành ấn phẩm", "han_che": "Còn hạn chế", "phuong_huong": "Năm tới"}))
    other = workspace.reports.new("CAT", H1)
    save_section(db, other, "an_pham", "Tuyên truyền biển đảo")

    def rowids():
        return {r["section_id"]: r["rowid"] for r in db.query(
            "SELECT rowid, section_id FROM search_index WHERE report_id = ?", [report_id])}

    before, others_before = rowids(), {r["rowid"] for r in db.query(
        "SELECT rowid FROM search_index WHERE report_id = ?", [other])}
    save_section(db, report_id, "han_che", "Còn khó khăn về kinh phí")
    after = rowids()
    assert set(after) == {"an_pham", "han_che", "phuong_huong"}
    assert after["an_pham"] == before["an_pham"]
    assert after["phuong_huong"] == before["phuong_huong"]
    assert after["han_che"] != before["han_che"]
    assert {r["rowid"] for r in db.query(
        "SELECT rowid FROM search_index WHERE report_id = ?", [other])} == others_before
    assert [h.section_id for h in workspace.reports.search("kho khan kinh phi")] == ["han_che"]
    assert workspace.reports.search("con han che") == []
    # editing after sending opens a new draft revision: the untouched sections stay findable
    seal_current(db, report_id)
    save_section(db, report_id, "phuong_huong", "")
    assert rowids() == {"an_pham": before["an_pham"], "han_che": after["han_che"]}
    assert [h.section_id for h in workspace.reports.search("phat hanh an pham")] == ["an_pham"]
    assert workspace.reports.search("nam toi") == []


def _rows(db, sql: str) -> list[tuple]:
    return sorted(tuple(row) for row in db.execute(sql).fetchall())


def test_search_keys_match_the_index_after_edits_and_after_the_migration(tmp_path, forms):
    """Each index row's report and section are kept beside the index (search_keys, v10):
    edits keep both in step, and v10 fills the table from an index made before it."""
    path = tmp_path / "ttdn.sqlite3"
    with Workspace(path, forms) as workspace:
        db = workspace.db
        agency_store.add_agency(db, "SNGV", "Sở Ngoại vụ")
        agency_store.add_agency(db, "CAT", "Công an tỉnh")
        first = workspace.reports.new("SNGV", H1)
        report_store.save_content(db, first, ReportContent(
            {"an_pham": "Phát hành ấn phẩm đối ngoại", "han_che": "Còn hạn chế"}))
        other = workspace.reports.new("CAT", H1)
        save_section(db, other, "an_pham", "Tuyên truyền đối ngoại biển đảo")
        save_section(db, first, "han_che", "")

        indexed = _rows(db, "SELECT rowid, report_id, section_id FROM search_index")
        assert indexed == _rows(db, "SELECT id, report_id, section_id FROM search_keys")
        assert len(indexed) == 2
        found = [(h.agency_code, h.section_id) for h in workspace.reports.search("doi ngoai")]
        assert sorted(found) == [("CAT", "an_pham"), ("SNGV", "an_pham")]
    # the database as v9 left it: no keys beside the index
    raw = sqlite3.connect(path)
    raw.execute("DROP TABLE search_keys")
    raw.execute("DROP TABLE invalid_figures")  # nor what later migrations added
    raw.execute("DROP TABLE agency_kinds")  # (v13)
    raw.execute("DROP TABLE forms")  # (v14)
    raw.execute("DROP TABLE section_sources")  # (v15)
    raw.execute("DROP TABLE section_sources_history")
    raw.execute("DROP TABLE draft_grouping")
    for statement in ("DROP TABLE outbox", "DROP TABLE reminders",  # (v16)
                      "DROP TRIGGER agencies_keep_update", "DROP TRIGGER agencies_keep_delete",
                      "ALTER TABLE agencies DROP COLUMN email",
                      "ALTER TABLE agencies_history DROP COLUMN email",
                      *migrations._history_triggers("agencies", ["code"], [
                          "name", "sort_order", "kind", "retired"])[4:]):
        raw.execute(statement)
    raw.execute("DROP TABLE fetched_mail")  # (v17)
    raw.execute("DELETE FROM schema_migrations WHERE version >= 10")
    raw.execute("PRAGMA user_version = 9")
    raw.commit()
    raw.close()
    with Workspace(path, forms) as workspace:  # v10 fills the keys, v12 indexes anew
        keys = _rows(workspace.db, "SELECT id, report_id, section_id FROM search_keys")
        assert keys == _rows(workspace.db, "SELECT rowid, report_id, section_id FROM search_index")
        assert sorted(key[1:] for key in keys) == sorted(row[1:] for row in indexed)
        assert [h.agency_code for h in workspace.reports.search("bien dao")] == ["CAT"]


def test_search_words_typed_with_accents_match_them_without_ignore_them(workspace):
    """Issue 20: the secretariat's search folded every query, so «bản» found «bán», «bàn»
    and «bạn» too; a word typed with accents must match them (one rule with Ctrl+F)."""
    db = workspace.db
    agency_store.add_agency(db, "SNGV", "Sở Ngoại vụ")
    agency_store.add_agency(db, "CAT", "Công an tỉnh")
    save_section(db, workspace.reports.new("SNGV", H1), "an_pham",
                              "Phát hành **bản tin** đối ngoại")
    save_section(db, workspace.reports.new("CAT", H1), "an_pham",
                              "Bán tín phiếu; Đà Nẵng")

    def codes(query):
        return sorted(h.agency_code for h in workspace.reports.search(query))

    assert codes("ban tin") == ["CAT", "SNGV"]
    assert codes("bản tin") == ["SNGV"]
    assert codes("BÁN") == ["CAT"]
    assert codes("bạn") == []
    assert codes("đa nẵng") == [] and codes("da nẵng") == ["CAT"] and codes("Đà") == ["CAT"]
    assert codes("bản doi") == ["SNGV"]  # per word: «doi» folded, «bản» as typed
    hit = workspace.reports.search("tín")[0]
    assert hit.snippet.startswith("Bán tín phiếu")


def test_a_database_of_the_previous_release_opens_and_searches_by_the_new_rule(tmp_path,
                                                                               monkeypatch):
    """A schema-10 database (the previous release) with a report: v12 rebuilds the index
    with both columns, and the keys beside it stay in step."""
    path = tmp_path / "v10.sqlite3"
    monkeypatch.setattr(database, "MIGRATIONS", migrations.MIGRATIONS[:2])
    monkeypatch.setattr(database, "LATEST", 2)
    db = open_database(path)
    agency_store.add_agency(db, "SNGV", "Sở Ngoại vụ")
    stamp = "2025-06-01T08:00:00"
    db.execute("INSERT INTO reports (id, agency_code, period_code, form_id, current_revision, "
               "origin, created_at, updated_at) VALUES ('r1', 'SNGV', '2025-H1', 'ttdn-dinh-ky', "
               "1, 'local', ?, ?)", [stamp, stamp])
    db.execute("INSERT INTO revisions (report_id, revision, form_version, created_at, saved_at) "
               "VALUES ('r1', 1, 1, ?, ?)", [stamp, stamp])
    for section, text in (("I.1", "- Phát hành **bản tin** đối ngoại"), ("I.2", "Bán tín phiếu")):
        db.execute("INSERT INTO section_texts VALUES ('r1', 1, ?, ?, ?)", [section, text, stamp])
    db.conn.commit()
    db.close()
    monkeypatch.setattr(database, "MIGRATIONS", migrations.MIGRATIONS[:10])
    monkeypatch.setattr(database, "LATEST", 10)
    open_database(path).close()  # as the previous release left it: v3's index, v10's keys
    monkeypatch.undo()
    with Workspace(path) as workspace:
        assert schema_version(workspace.db) == LATEST
        assert sorted(h.section_id for h in workspace.reports.search("ban tin")) == ["I.1", "I.2"]
        assert [h.section_id for h in workspace.reports.search("bản tin")] == ["I.1"]
        assert [h.section_id for h in workspace.reports.search("bán")] == ["I.2"]
        indexed = _rows(workspace.db, "SELECT rowid, report_id, section_id FROM search_index")
        assert indexed == _rows(workspace.db, "SELECT id, report_id, section_id FROM search_keys")
        assert len(indexed) == 2


def test_settings_round_trip_nfc(workspace):
    assert get_setting(workspace.db, LETTERHEAD["code"]) == "BC/BTGDVTU"  # the default
    set_setting(workspace.db, LETTERHEAD["place"], "Qua\u0309ng Ninh")
    assert get_setting(workspace.db, LETTERHEAD["place"]) == "Quảng Ninh"


def test_default_database_lives_in_the_user_data_folder(tmp_path, monkeypatch):
    path = resolve_db_path()
    assert str(tmp_path / "xdg-data") in str(path) and path.name == "ttdn.sqlite3"
    monkeypatch.setenv("TTDN_DB", str(tmp_path / "env.sqlite3"))
    assert resolve_db_path() == tmp_path / "env.sqlite3"
    assert resolve_db_path(tmp_path / "arg.sqlite3") == tmp_path / "arg.sqlite3"


def test_upgrade_from_schema_1_backs_up_then_migrates(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite3"
    monkeypatch.setattr(database, "MIGRATIONS", migrations.MIGRATIONS[:1])
    monkeypatch.setattr(database, "LATEST", 1)
    db = open_database(path)
    agency_store.add_agency(db, "SNGV", "Sở Ngoại vụ")
    db.close()
    monkeypatch.undo()
    db = open_database(path)
    assert schema_version(db) == LATEST
    assert agency_store.get_agency(db, "SNGV")["name"] == "Sở Ngoại vụ"
    backup = path.with_name("old.sqlite3.truoc-nang-cap-v1.bak")
    assert backup.exists()
    raw = sqlite3.connect(backup)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    assert raw.execute("SELECT name FROM agencies").fetchone()[0] == "Sở Ngoại vụ"


def test_migration_v3_indexes_old_reports_with_its_own_frozen_code(tmp_path, monkeypatch):
    """A database of schema 2 with a report gets its search index from v3's own frozen copy of
    the indexing rules; and no migration imports live project code that may change later."""
    path = tmp_path / "v2.sqlite3"
    monkeypatch.setattr(database, "MIGRATIONS", migrations.MIGRATIONS[:2])
    monkeypatch.setattr(database, "LATEST", 2)
    db = open_database(path)
    agency_store.add_agency(db, "SNGV", "Sở Ngoại vụ")
    stamp = "2025-06-01T08:00:00"
    db.execute("INSERT INTO reports (id, agency_code, period_code, form_id, current_revision, "
               "origin, created_at, updated_at) VALUES ('r1', 'SNGV', '2025-H1', 'ttdn-dinh-ky', "
               "1, 'local', ?, ?)", [stamp, stamp])
    db.execute("INSERT INTO revisions (report_id, revision, form_version, created_at, saved_at) "
               "VALUES ('r1', 1, 1, ?, ?)", [stamp, stamp])
    db.execute("INSERT INTO section_texts VALUES ('r1', 1, 'I.1', ?, ?)",
               ["- Tổ chức **hội nghị** thông tin đối ngoại", stamp])
    db.conn.commit()
    db.close()
    monkeypatch.undo()
    with Workspace(path) as workspace:
        hits = workspace.reports.search("hoi nghi doi ngoai")
        assert [(h.agency_code, h.section_id) for h in hits] == [("SNGV", "I.1")]
        assert "hội nghị" in hits[0].snippet
    tree = ast.parse(Path(migrations.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module or "." for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and (node.level or "ttdn" in node.module)}
    assert not {name for name in imported if "ttdn" in name or name == "."}, imported


def test_kinds_of_member_are_a_list_the_secretariat_edits(workspace):
    """Issue 20: «Loại» was an empty column nothing filled: now a list with the usual kinds,
    each member takes one of it, renaming a kind renames it for its members."""
    db = workspace.db
    kinds = agency_store.list_kinds(db)
    assert kinds[0] == "Sở, ban, ngành" and "Xã, phường, đặc khu" in kinds
    agency_store.add_agency(db, "SNGV", "Sở Ngoại vụ", kind="so, ban, nganh")  # typed loosely
    assert agency_store.get_agency(db, "SNGV")["kind"] == "Sở, ban, ngành"
    with pytest.raises(TTDNError, match="«Hội đồng» chưa có trong danh sách loại"):
        agency_store.add_agency(db, "HD", "Hội đồng X", kind="Hội đồng")
    assert agency_store.get_agency(db, "HD") is None
    assert agency_store.add_kind(db, "Doanh nghiệp") == "Doanh nghiệp"
    assert agency_store.list_kinds(db)[-1] == "Doanh nghiệp"
    with pytest.raises(TTDNError, match="đã có"):
        agency_store.add_kind(db, "doanh NGHIỆP")
    agency_store.rename_kind(db, "Sở, ban, ngành", "Sở, ban, ngành tỉnh")
    assert agency_store.get_agency(db, "SNGV")["kind"] == "Sở, ban, ngành tỉnh"
    with pytest.raises(TTDNError, match="1 đơn vị đang thuộc loại này .Sở Ngoại vụ."):
        agency_store.remove_kind(db, "Sở, ban, ngành tỉnh")
    agency_store.remove_kind(db, "Doanh nghiệp")
    assert "Doanh nghiệp" not in agency_store.list_kinds(db)
    agency_store.update_agency(db, "SNGV", kind="")
    assert agency_store.get_agency(db, "SNGV")["kind"] == ""


def test_kinds_typed_before_the_list_existed_join_it(tmp_path, monkeypatch):
    """A database of the previous release (schema 10) keeps its members' kinds; v13 lists
    them."""
    path = tmp_path / "v10.sqlite3"
    monkeypatch.setattr(database, "MIGRATIONS", migrations.MIGRATIONS[:10])
    monkeypatch.setattr(database, "LATEST", 10)
    db = open_database(path)
    db.execute("INSERT INTO agencies (code, name, kind, created_at, updated_at) VALUES "
               "('BQ', 'Báo Quảng Ninh', 'Báo, đài', 'x', 'x'), "
               "('SNGV', 'Sở Ngoại vụ', 'Sở, ban, ngành', 'x', 'x')")
    db.conn.commit()
    db.close()
    monkeypatch.undo()
    db = open_database(path)
    kinds = agency_store.list_kinds(db)
    assert kinds[-1] == "Báo, đài" and kinds.count("Sở, ban, ngành") == 1
    assert agency_store.get_agency(db, "BQ")["kind"] == "Báo, đài"
    db.close()
