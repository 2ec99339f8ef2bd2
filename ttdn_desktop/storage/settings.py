"""The settings' values in the database, read and written by their declaration (core.settings),
never by a raw key; the upgrade steps that bring stored values to core.settings.VERSION."""

from __future__ import annotations

import json

from ttdn_desktop.core.settings import SESSION, STATE, VERSION, VERSION_SETTING, Setting
from ttdn_desktop.core.text import clean_text


def _key(setting: Setting, parts) -> str:
    if not isinstance(setting, Setting):  # a raw key: declare it in core.settings
        raise TypeError(f"not a declared setting: {setting!r}")
    return setting.key_for(*parts)


def get_setting(db, setting: Setting, *parts: str):
    """The typed value (the declaration's default when nothing is stored)."""
    key = _key(setting, parts)
    rows = list(db.query(f"SELECT value FROM {setting.place} WHERE key = ?", [key]))
    return setting.decode(rows[0]["value"] if rows else None)


def set_setting(db, setting: Setting, value, *parts: str) -> None:
    key, raw = _key(setting, parts), setting.encode(value)
    with db.atomic(quiet=setting.place == STATE):  # the app's own state: no view shows it
        # what the user typed is kept as NFC text; the app's own state as it was written
        db.execute(f"INSERT INTO {setting.place} (key, value) VALUES (?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                   [key, clean_text(raw) if setting.place != STATE else raw])


def stored_settings(db, settings) -> dict[str, str]:
    """What is stored for each of several declared settings (not families), as stored, in one
    read; those with nothing stored are left out."""
    by_place = {}
    for setting in settings:
        by_place.setdefault(setting.place, []).append(_key(setting, ()))
    stored = {}
    for place, keys in by_place.items():
        marks = ", ".join("?" * len(keys))
        stored.update((r["key"], r["value"]) for r in db.query(
            f"SELECT key, value FROM {place} WHERE key IN ({marks})", keys))
    return stored


def get_settings(db, settings) -> dict:
    """Several declared settings' typed values, by key, in one read."""
    settings = list(settings)
    stored = stored_settings(db, settings)
    return {setting.key: setting.decode(stored.get(setting.key)) for setting in settings}


def family(db, setting: Setting, *parts: str) -> dict[str, str]:
    """A family's stored values whose first parts are `parts`, by their last part
    (AGENCY_LETTERHEAD, "HUE" gives {"place": …} for the keys "agency.HUE.place"…)."""
    prefix = setting.prefix(*parts)
    rows = db.query(f"SELECT key, value FROM {setting.place} WHERE substr(key, 1, ?) = ?",
                    [len(prefix), prefix])
    return {r["key"][len(prefix):]: r["value"] for r in rows}


# --- upgrade steps: step n brings values stored at version n - 1 to version n ----------------
def _session_versioned(db) -> None:
    """The editing session was an unversioned JSON blob: it gets its version; a blob that is
    not a JSON object (never written by us) is dropped, as reading it always ignored it."""
    rows = list(db.query("SELECT value FROM app_state WHERE key = ?", [SESSION.key]))
    if not rows:
        return
    try:
        value = json.loads(rows[0]["value"])
    except ValueError:
        value = None
    if isinstance(value, dict):
        set_setting(db, SESSION, value)
    else:
        db.execute("DELETE FROM app_state WHERE key = ?", [SESSION.key])


UPGRADES = {1: _session_versioned}
assert sorted(UPGRADES) == list(range(1, VERSION + 1))


def upgrade(db) -> int:
    """Run the steps this database has not had, in one transaction; the number run. A
    database without app_state (its schema cut short, as some tests open one) has no values
    to upgrade."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'app_state'"
                  ).fetchone() is None:
        return 0
    version = get_setting(db, VERSION_SETTING)
    if version >= VERSION:
        return 0
    with db.atomic():
        for number in range(version + 1, VERSION + 1):
            UPGRADES[number](db)
        set_setting(db, VERSION_SETTING, VERSION)
    return VERSION - version
