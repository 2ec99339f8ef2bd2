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
        db["settings"].upsert({"key": key, "value": clean_text(value)}, pk="key")


def get_state(db, key: str, default: str | None = None) -> str | None:
    rows = list(db.query("SELECT value FROM app_state WHERE key = ?", [key]))
    return rows[0]["value"] if rows else default


def set_state(db, key: str, value: str) -> None:
    with db.atomic():
        db["app_state"].upsert({"key": key, "value": value}, pk="key")
