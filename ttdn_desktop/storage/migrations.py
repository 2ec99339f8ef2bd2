"""Schema migrations, applied in order inside one transaction; PRAGMA user_version records
how many have run. Never edit a migration that has shipped: add a new one."""

from __future__ import annotations

import re
import unicodedata


def _history_triggers(table: str, key_columns: list[str], columns: list[str]) -> list[str]:
    """Copy a row into <table>_history before it is changed or deleted."""
    all_columns = key_columns + columns
    names = ", ".join(all_columns)
    old = ", ".join(f"OLD.{c}" for c in all_columns)
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
    return [
        f"""CREATE TABLE {table}_history AS SELECT {names} FROM {table} WHERE 0""",
        f"ALTER TABLE {table}_history ADD COLUMN replaced_at TEXT",
        f"ALTER TABLE {table}_history ADD COLUMN change TEXT",
        f"CREATE INDEX {table}_history_key ON {table}_history ({', '.join(key_columns)})",
        f"""CREATE TRIGGER {table}_keep_update BEFORE UPDATE ON {table}
            WHEN {changed}
            BEGIN
              INSERT INTO {table}_history ({names}, replaced_at, change)
              VALUES ({old}, strftime('%Y-%m-%dT%H:%M:%f', 'now'), 'update');
            END""",
        f"""CREATE TRIGGER {table}_keep_delete BEFORE DELETE ON {table}
            BEGIN
              INSERT INTO {table}_history ({names}, replaced_at, change)
              VALUES ({old}, strftime('%Y-%m-%dT%H:%M:%f', 'now'), 'delete');
            END""",
    ]


def _sealed_guard(table: str) -> list[str]:
    """A sealed revision (sent or imported) is never edited: editing starts a new revision."""
    return [
        f"""CREATE TRIGGER {table}_sealed_{action} BEFORE {action.upper()} ON {table}
            WHEN (SELECT sealed FROM revisions
                  WHERE report_id = {row}.report_id AND revision = {row}.revision) = 1
            BEGIN SELECT RAISE(ABORT, 'sealed revision'); END"""
        for action, row in (("insert", "NEW"), ("update", "OLD"), ("delete", "OLD"))
    ]


def _v1() -> list[str]:
    return [
        """CREATE TABLE agencies (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            sort_order INTEGER,
            kind TEXT NOT NULL DEFAULT '',
            retired INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        *_history_triggers("agencies", ["code"], ["name", "sort_order", "kind", "retired"]),
        """CREATE TABLE periods (
            code TEXT PRIMARY KEY,
            data_from TEXT NOT NULL,
            data_to TEXT NOT NULL,
            deadline TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        *_history_triggers("periods", ["code"], ["data_from", "data_to", "deadline"]),
        """CREATE TABLE reports (
            id TEXT PRIMARY KEY,
            agency_code TEXT NOT NULL REFERENCES agencies(code),
            period_code TEXT NOT NULL,
            form_id TEXT NOT NULL,
            current_revision INTEGER NOT NULL,
            origin TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (agency_code, period_code, form_id)
        )""",
        "CREATE INDEX reports_period ON reports (period_code)",
        """CREATE TABLE revisions (
            report_id TEXT NOT NULL REFERENCES reports(id),
            revision INTEGER NOT NULL,
            supersedes INTEGER,
            form_version INTEGER NOT NULL,
            content_sha256 TEXT,
            sealed INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            sealed_at TEXT,
            sent_at TEXT,
            received_at TEXT,
            source_file TEXT,
            app_version TEXT,
            PRIMARY KEY (report_id, revision)
        )""",
        """CREATE TABLE section_texts (
            report_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            section_id TEXT NOT NULL,
            text TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (report_id, revision, section_id),
            FOREIGN KEY (report_id, revision) REFERENCES revisions(report_id, revision)
        )""",
        *_history_triggers("section_texts", ["report_id", "revision", "section_id"],
                           ["text", "saved_at"]),
        *_sealed_guard("section_texts"),
        """CREATE TABLE figures (
            report_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            indicator_id TEXT NOT NULL,
            member TEXT NOT NULL DEFAULT '',
            value NUMERIC NOT NULL,
            PRIMARY KEY (report_id, revision, indicator_id, member),
            FOREIGN KEY (report_id, revision) REFERENCES revisions(report_id, revision)
        )""",
        *_history_triggers("figures", ["report_id", "revision", "indicator_id", "member"],
                           ["value"]),
        *_sealed_guard("figures"),
        """CREATE TABLE figure_notes (
            report_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            indicator_id TEXT NOT NULL,
            note TEXT NOT NULL,
            PRIMARY KEY (report_id, revision, indicator_id),
            FOREIGN KEY (report_id, revision) REFERENCES revisions(report_id, revision)
        )""",
        *_history_triggers("figure_notes", ["report_id", "revision", "indicator_id"], ["note"]),
        *_sealed_guard("figure_notes"),
        # Packages not applied: conflicts and agencies not (yet) on the member list. The whole
        # package is kept, so nothing that arrived is lost and it can be applied later.
        """CREATE TABLE held_packages (
            id INTEGER PRIMARY KEY,
            reason TEXT NOT NULL,
            detail TEXT NOT NULL,
            file_name TEXT NOT NULL,
            agency_code TEXT NOT NULL,
            agency_name TEXT NOT NULL,
            period_code TEXT NOT NULL,
            report_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            content_sha256 TEXT NOT NULL,
            package BLOB NOT NULL,
            received_at TEXT NOT NULL,
            resolved_at TEXT,
            resolution TEXT
        )""",
        "CREATE INDEX held_packages_agency ON held_packages (agency_code)",
        # The consolidated report is a record of its own: the secretariat's edited sections.
        """CREATE TABLE consolidated_sections (
            period_code TEXT NOT NULL,
            form_id TEXT NOT NULL,
            section_id TEXT NOT NULL,
            text TEXT NOT NULL,
            based_on TEXT NOT NULL DEFAULT '{}',
            edited_at TEXT NOT NULL,
            PRIMARY KEY (period_code, form_id, section_id)
        )""",
        *_history_triggers("consolidated_sections", ["period_code", "form_id", "section_id"],
                           ["text", "based_on", "edited_at"]),
        """CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
        *_history_triggers("settings", ["key"], ["value"]),
        """CREATE TABLE schema_migrations (
            version INTEGER PRIMARY KEY,
            applied_at TEXT NOT NULL,
            app_version TEXT NOT NULL
        )""",
    ]


def _v2() -> list[str]:
    """State of the app itself (window, last report, the editing session for crash recovery):
    not part of any report, so no history is kept of it."""
    return [
        """CREATE TABLE app_state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
    ]


def _v3() -> list:
    """The secretariat's work: review states, how each merged section is laid out, and the
    full-text index (accent-folded text, so "doi ngoai" finds "đối ngoại")."""
    return [
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            report_id TEXT NOT NULL REFERENCES reports(id),
            revision INTEGER NOT NULL,
            state TEXT NOT NULL,
            comment TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL
        )""",
        "CREATE INDEX reviews_report ON reviews (report_id, revision)",
        """CREATE TABLE merge_layout (
            period_code TEXT NOT NULL,
            form_id TEXT NOT NULL,
            section_id TEXT NOT NULL,
            agency_order TEXT NOT NULL DEFAULT '[]',
            excluded TEXT NOT NULL DEFAULT '[]',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (period_code, form_id, section_id)
        )""",
        *_history_triggers("merge_layout", ["period_code", "form_id", "section_id"],
                           ["agency_order", "excluded", "updated_at"]),
        """CREATE VIRTUAL TABLE search_index USING fts5(
            folded, report_id UNINDEXED, section_id UNINDEXED, tokenize = 'unicode61'
        )""",
        _v3_index_all,
    ]


# --- frozen code of v3 -------------------------------------------------------------------------
# A shipped migration must do the same thing forever, whatever later code does: these are
# private copies of how the search index was filled when v3 shipped (storage/search.py and
# core/text.py may change; a later change of the index gets a migration of its own).
def _v3_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).lower()
                                       .replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _v3_plain(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"^\s*(?:[-*+•])\s+", "", line)
        line = re.sub(r"(?<!\\)\*\*?", "", line).replace("\\*", "*")
        if line.strip():
            lines.append(line)
    return "\n".join(lines)


def _v3_index_all(db) -> None:
    rows = db.execute(
        "SELECT t.report_id, t.section_id, t.text FROM section_texts t JOIN reports r "
        "ON r.id = t.report_id AND r.current_revision = t.revision").fetchall()
    for report_id, section_id, text in rows:
        db.execute("INSERT INTO search_index (folded, report_id, section_id) VALUES (?, ?, ?)",
                   [_v3_fold(_v3_plain(text)), report_id, section_id])


def _v4() -> list[str]:
    """After a conflict is settled in favour of the package that arrived, the agency goes on
    numbering from that package: its revision number is kept beside ours (sender_revision),
    and a report id it used for the same slot points at the stored report (report_aliases)."""
    return [
        "ALTER TABLE revisions ADD COLUMN sender_revision INTEGER",
        """CREATE TABLE report_aliases (
            alias_id TEXT PRIMARY KEY,
            report_id TEXT NOT NULL REFERENCES reports(id),
            created_at TEXT NOT NULL
        )""",
    ]


def _v5() -> list[str]:
    """Reports sent to the level above: what each upward package carried and which agency
    revisions it was built from (upward_sends, append-only); the requests received from above
    (upper_requests, the package kept whole for its form); and, at the upper level, the
    sending committee's per-member figures and sources that came with a package
    (received_upward)."""
    return [
        """CREATE TABLE upward_sends (
            id INTEGER PRIMARY KEY,
            period_code TEXT NOT NULL,
            form_id TEXT NOT NULL,
            form_version INTEGER NOT NULL,
            report_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            supersedes INTEGER,
            agency_code TEXT NOT NULL,
            agency_name TEXT NOT NULL,
            content_sha256 TEXT NOT NULL,
            content TEXT NOT NULL,
            sources TEXT NOT NULL,
            file_name TEXT NOT NULL DEFAULT '',
            sent_at TEXT NOT NULL
        )""",
        "CREATE INDEX upward_sends_period ON upward_sends (period_code, id)",
        """CREATE TABLE upper_requests (
            id INTEGER PRIMARY KEY,
            period_code TEXT NOT NULL,
            form_id TEXT NOT NULL,
            form_version INTEGER NOT NULL,
            data_from TEXT NOT NULL,
            data_to TEXT NOT NULL,
            deadline TEXT NOT NULL,
            issuer TEXT NOT NULL DEFAULT '',
            agency_code TEXT,
            agency_name TEXT,
            file_name TEXT NOT NULL,
            package BLOB NOT NULL,
            received_at TEXT NOT NULL
        )""",
        "CREATE INDEX upper_requests_period ON upper_requests (period_code, id)",
        """CREATE TABLE received_upward (
            report_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            built_at TEXT,
            sources TEXT NOT NULL DEFAULT '[]',
            members TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (report_id, revision),
            FOREIGN KEY (report_id, revision) REFERENCES revisions(report_id, revision)
        )""",
    ]


def _v6() -> list[str]:
    """Autosave every 1.5 s kept a history row per save: the database grew with every key
    typed. While a text is being edited continuously (each save within 10 minutes of the one
    before), at most one old version per 10 minutes is kept; the last text of each sitting
    always is. Frozen SQL: never change it, add a migration."""
    coalesced = []
    for table, keys, columns in (
            ("section_texts", ["report_id", "revision", "section_id"], ["text", "saved_at"]),):
        names = ", ".join(keys + columns)
        old = ", ".join(f"OLD.{c}" for c in keys + columns)
        same_key = " AND ".join(f"h.{k} = OLD.{k}" for k in keys)
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
        coalesced += [
            f"DROP TRIGGER {table}_keep_update",
            f"""CREATE TRIGGER {table}_keep_update BEFORE UPDATE ON {table}
                WHEN ({changed}) AND NOT (
                  NEW.saved_at <= strftime('%Y-%m-%dT%H:%M:%S', OLD.saved_at, '+10 minutes')
                  AND EXISTS (SELECT 1 FROM {table}_history h WHERE {same_key}
                              AND h.change = 'update' AND h.saved_at >
                              strftime('%Y-%m-%dT%H:%M:%S', OLD.saved_at, '-10 minutes')))
                BEGIN
                  INSERT INTO {table}_history ({names}, replaced_at, change)
                  VALUES ({old}, strftime('%Y-%m-%dT%H:%M:%f', 'now'), 'update');
                END""",
        ]
    return coalesced + [
        "CREATE INDEX section_texts_history_saved ON section_texts_history (saved_at)",
    ]


def _v7() -> list[str]:
    """Signed packages: the keys pinned for each sender (an agency code, or "secretariat" for
    the key that signs the requests this database receives), with the replaced and revoked ones
    kept as history; and the signature state each received revision came with."""
    return [
        """CREATE TABLE pinned_keys (
            id INTEGER PRIMARY KEY,
            party TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            fingerprint TEXT NOT NULL,
            public_key TEXT NOT NULL,
            state TEXT NOT NULL,
            pinned_at TEXT NOT NULL,
            first_file TEXT NOT NULL DEFAULT '',
            confirmed_at TEXT,
            ended_at TEXT
        )""",
        "CREATE UNIQUE INDEX pinned_keys_active ON pinned_keys (party) WHERE state = 'active'",
        """CREATE TABLE revision_signatures (
            report_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            state TEXT NOT NULL,
            label TEXT NOT NULL,
            fingerprint TEXT,
            PRIMARY KEY (report_id, revision)
        )""",
    ]


def _v8() -> list[str]:
    """Reports written in Word: how each agency's headings were placed when an import was
    confirmed (word_placements, so its next report places them the same way; replaced
    placements kept in the history table), and the text of an import that matched no section,
    kept with the revision it came in with until someone places it (word_unplaced; placing
    marks it, never deletes it). Frozen SQL: never change it, add a migration."""
    return [
        """CREATE TABLE word_placements (
            agency_code TEXT NOT NULL,
            form_id TEXT NOT NULL,
            heading_key TEXT NOT NULL,
            heading TEXT NOT NULL,
            section_id TEXT NOT NULL,
            confirmed_at TEXT NOT NULL,
            PRIMARY KEY (agency_code, form_id, heading_key)
        )""",
        *_history_triggers("word_placements", ["agency_code", "form_id", "heading_key"],
                           ["heading", "section_id", "confirmed_at"]),
        """CREATE TABLE word_unplaced (
            id INTEGER PRIMARY KEY,
            report_id TEXT NOT NULL REFERENCES reports(id),
            revision INTEGER NOT NULL,
            file_name TEXT NOT NULL,
            heading TEXT NOT NULL,
            text TEXT NOT NULL,
            kept_at TEXT NOT NULL,
            placed_section TEXT,
            placed_revision INTEGER,
            placed_at TEXT
        )""",
        "CREATE INDEX word_unplaced_report ON word_unplaced (report_id, revision)",
    ]


def _v9() -> list[str]:
    """"Cùng kỳ năm trước" typed by an agency where no report of last year holds it: kept per
    revision like the figures, with the same history and the same guard on sealed revisions.
    Frozen SQL: never change it, add a migration."""
    return [
        """CREATE TABLE last_year_figures (
            report_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            indicator_id TEXT NOT NULL,
            member TEXT NOT NULL DEFAULT '',
            value NUMERIC NOT NULL,
            PRIMARY KEY (report_id, revision, indicator_id, member),
            FOREIGN KEY (report_id, revision) REFERENCES revisions(report_id, revision)
        )""",
        *_history_triggers("last_year_figures", ["report_id", "revision", "indicator_id",
                                                 "member"], ["value"]),
        *_sealed_guard("last_year_figures"),
    ]


def _v10() -> list[str]:
    """Which report and section each row of the search index is, in a narrow table of its
    own. FTS5 keeps them after the row's whole folded text, so a search of 5,000 matches read
    every match's text to learn its report (~25 ms), and deleting one report's rows before
    re-indexing it scanned the whole index. Frozen SQL: never change it, add a migration."""
    return [
        """CREATE TABLE search_keys (
            id INTEGER PRIMARY KEY,
            report_id TEXT NOT NULL,
            section_id TEXT NOT NULL
        )""",
        "CREATE INDEX search_keys_report ON search_keys (report_id, section_id)",
        "INSERT INTO search_keys (id, report_id, section_id) "
        "SELECT rowid, report_id, section_id FROM search_index",
    ]


def _v11() -> list[str]:
    """A figure typed that is not a number, or out of bounds ("abc", "-5", a rate of 150), kept
    as typed (NFC) until it is fixed, so it is shown again flagged after a restart. A table of
    its own, never the figures: nothing that reads figures (packages, Word, Excel, sums) can
    take it for one. `part` is "figures" (Kỳ này) or "last_year" (typed by hand). Frozen SQL:
    never change it, add a migration."""
    return [
        """CREATE TABLE invalid_figures (
            report_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            part TEXT NOT NULL,
            indicator_id TEXT NOT NULL,
            member TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            PRIMARY KEY (report_id, revision, part, indicator_id, member),
            FOREIGN KEY (report_id, revision) REFERENCES revisions(report_id, revision)
        )""",
        *_sealed_guard("invalid_figures"),
    ]


def _v12() -> list:
    """The search index holds each text a second time, lower-cased with its accents
    ("marked"), so a query word typed with accents matches them while one typed without
    ignores them (before, every query was folded, and «bản» found «bán», «bàn», «bạn»). FTS5
    cannot add a column: the index is made anew and filled by v12's frozen code."""
    return [
        "DROP TABLE search_index",
        "DELETE FROM search_keys",
        """CREATE VIRTUAL TABLE search_index USING fts5(
            folded, marked, report_id UNINDEXED, section_id UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 0'
        )""",
        _v12_index_all,
    ]


# --- frozen code of v12 (see the note on v3's) ---------------------------------------------
def _v12_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).lower()
                                       .replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _v12_plain(text: str) -> str:
    """The text without its mark-up (the tokenizer splits words at * and - anyway)."""
    lines = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        line = re.sub(r"^\s*[-*+•]\s+", "", line)
        line = re.sub(r"(?<!\\)\*\*?", "", line).replace("\\*", "*")
        lines.append(line)
    return "\n".join(lines)


def _v12_index_all(db) -> None:
    rows = db.execute(
        "SELECT t.report_id, t.section_id, t.text FROM section_texts t JOIN reports r "
        "ON r.id = t.report_id AND r.current_revision = t.revision").fetchall()
    for report_id, section_id, text in rows:
        plain = _v12_plain(text)
        rowid = db.execute("INSERT INTO search_index (folded, marked, report_id, section_id) "
                           "VALUES (?, ?, ?, ?)", [_v12_fold(plain), unicodedata.normalize(
                               "NFC", plain).lower(), report_id, section_id]).lastrowid
        db.execute("INSERT INTO search_keys (id, report_id, section_id) VALUES (?, ?, ?)",
                   [rowid, report_id, section_id])


def _v13() -> list:
    """The kinds of member (Loại: sở, ban, ngành; xã, phường…), a list the secretariat edits
    and the drafted report will group by. agencies.kind was there since v1 but nothing filled
    it or said what it could be. Starts with the usual kinds and any kind already typed.
    Frozen SQL: never change it, add a migration."""
    defaults = ["Sở, ban, ngành", "Lực lượng vũ trang", "Mặt trận, đoàn thể",
                "Cơ quan báo chí", "Xã, phường, đặc khu", "Huyện, thị xã, thành phố"]
    return [
        """CREATE TABLE agency_kinds (
            name TEXT PRIMARY KEY,
            sort_order INTEGER NOT NULL
        )""",
        *(f"INSERT INTO agency_kinds (name, sort_order) VALUES ('{name}', {order})"
          for order, name in enumerate(defaults, start=1)),
        "INSERT OR IGNORE INTO agency_kinds (name, sort_order) "
        "SELECT kind, 100 + MIN(rowid) FROM agencies WHERE kind != '' GROUP BY kind",
    ]


def _v14() -> list:
    """The form versions this database uses beyond the bundled ones, each kept in the database
    that received it (the TOML byte for byte, where it came from, the key of whoever sent it).
    Before, a form that came in a request was written to the user's data folder, where every
    database on the machine then found it: a forged request installed a form for all of them.
    Frozen SQL: never change it, add a migration."""
    return [
        """CREATE TABLE forms (
            form_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            source BLOB NOT NULL,
            sha256 TEXT NOT NULL,
            origin TEXT NOT NULL,
            sender_fingerprint TEXT,
            file_name TEXT NOT NULL,
            installed_at TEXT NOT NULL,
            PRIMARY KEY (form_id, version)
        )""",
    ]


def _v15() -> list:
    """What each merged section shows, as the secretariat chose it (the draft, the agencies'
    texts pasted under their names, or its own edited text), and how the period's draft groups
    what is particular to one agency (member order or the member list's «Loại»). No row: the
    edited text where the section has one, else the draft. The draft itself is never stored:
    it is computed from the reports, so a new report rebuilds it.
    Frozen SQL: never change it, add a migration."""
    return [
        """CREATE TABLE section_sources (
            period_code TEXT NOT NULL,
            form_id TEXT NOT NULL,
            section_id TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('draft', 'pasted', 'edited')),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (period_code, form_id, section_id)
        )""",
        *_history_triggers("section_sources", ["period_code", "form_id", "section_id"],
                           ["source", "updated_at"]),
        """CREATE TABLE draft_grouping (
            period_code TEXT NOT NULL,
            form_id TEXT NOT NULL,
            grouping TEXT NOT NULL CHECK (grouping IN ('members', 'kinds')),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (period_code, form_id)
        )""",
    ]


def _v16() -> list:
    """Mail (issue 25): each member's e-mail address (its history kept with the rest of the
    member, since a changed address redirects reminders); the outbox, where a mail waits until
    the server took it (the message kept byte for byte, so a retry sends the same Message-ID);
    and who was reminded of which period, when (its mail's id never reused: AUTOINCREMENT,
    as a replaced mail is deleted). Frozen SQL: never change it, add a migration."""
    columns = "code, name, sort_order, kind, retired"
    return [
        "ALTER TABLE agencies ADD COLUMN email TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE agencies_history ADD COLUMN email TEXT",
        "DROP TRIGGER agencies_keep_update",
        "DROP TRIGGER agencies_keep_delete",
        f"""CREATE TRIGGER agencies_keep_update BEFORE UPDATE ON agencies
            WHEN OLD.name IS NOT NEW.name OR OLD.sort_order IS NOT NEW.sort_order
              OR OLD.kind IS NOT NEW.kind OR OLD.retired IS NOT NEW.retired
              OR OLD.email IS NOT NEW.email
            BEGIN
              INSERT INTO agencies_history ({columns}, email, replaced_at, change)
              VALUES (OLD.code, OLD.name, OLD.sort_order, OLD.kind, OLD.retired, OLD.email,
                      strftime('%Y-%m-%dT%H:%M:%f', 'now'), 'update');
            END""",
        f"""CREATE TRIGGER agencies_keep_delete BEFORE DELETE ON agencies
            BEGIN
              INSERT INTO agencies_history ({columns}, email, replaced_at, change)
              VALUES (OLD.code, OLD.name, OLD.sort_order, OLD.kind, OLD.retired, OLD.email,
                      strftime('%Y-%m-%dT%H:%M:%f', 'now'), 'delete');
            END""",
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            slot TEXT NOT NULL,
            kind TEXT NOT NULL,
            period_code TEXT NOT NULL,
            agency_code TEXT NOT NULL DEFAULT '',
            revision INTEGER NOT NULL DEFAULT 0,
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            message_id TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            message BLOB NOT NULL,
            queued_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            tried_at TEXT,
            error TEXT NOT NULL DEFAULT '',
            stopped INTEGER NOT NULL DEFAULT 0,
            sent_at TEXT
        )""",
        "CREATE INDEX outbox_waiting ON outbox (sent_at, slot)",
        """CREATE TABLE reminders (
            id INTEGER PRIMARY KEY,
            period_code TEXT NOT NULL,
            agency_code TEXT NOT NULL,
            recipient TEXT NOT NULL,
            reason TEXT NOT NULL,
            outbox_id INTEGER,
            reminded_at TEXT NOT NULL
        )""",
        "CREATE INDEX reminders_period ON reminders (period_code, agency_code)",
    ]


def _v17() -> list:
    """The mail fetched from the secretariat's mailbox (issue 25): each message by the
    server's UIDVALIDITY and UID, and by its Message-ID (the same mail delivered twice, or a
    mailbox rebuilt with new UIDs, is still known), so what was brought into an import is
    not offered again. Frozen SQL: never change it, add a migration."""
    return [
        """CREATE TABLE fetched_mail (
            id INTEGER PRIMARY KEY,
            account TEXT NOT NULL,
            folder TEXT NOT NULL,
            uidvalidity INTEGER NOT NULL,
            uid INTEGER NOT NULL,
            message_id TEXT,
            sender TEXT NOT NULL,
            subject TEXT NOT NULL,
            outcome TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            UNIQUE (account, folder, uidvalidity, uid)
        )""",
        "CREATE INDEX fetched_mail_message ON fetched_mail (message_id)",
    ]


# Each entry is one schema version; the list index + 1 is the version number. A step is an SQL
# statement or a function of the database (for what SQL alone cannot compute).
MIGRATIONS = [_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9, _v10, _v11, _v12, _v13, _v14, _v15,
              _v16, _v17]
LATEST = len(MIGRATIONS)
