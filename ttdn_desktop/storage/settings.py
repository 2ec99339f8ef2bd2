"""Key-value settings kept in the database (letterhead, layout, mode)."""

from __future__ import annotations

from ttdn_desktop.core.text import clean_text


def get_setting(db, key: str, default: str | None = None) -> str | None:
    rows = list(db.query("SELECT value FROM settings WHERE key = ?", [key]))
    return rows[0]["value"] if rows else default


def all_settings(db) -> dict[str, str]:
    return {r["key"]: r["value"] for r in db.query("SELECT key, value FROM settings")}


def set_setting(db, key: str, value: str) -> None:
    with db.atomic():
        db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                   [key, clean_text(value)])


def get_state(db, key: str, default: str | None = None) -> str | None:
    rows = list(db.query("SELECT value FROM app_state WHERE key = ?", [key]))
    return rows[0]["value"] if rows else default


def set_state(db, key: str, value: str) -> None:
    with db.atomic():
        db.execute("INSERT INTO app_state (key, value) VALUES (?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])
