"""The form versions a database holds beyond the bundled ones: those that came in its packages
(a request from the secretariat or from the level above), and those an older release had put
in the user's data folder for it. Each belongs to one database: another database on the same
machine never sees it."""

from __future__ import annotations

import hashlib

from ttdn_desktop.core.errors import FormError
from ttdn_desktop.core.forms import Form, parse_form, read_toml
from ttdn_desktop.storage.database import now

# where a stored form came from (forms.origin)
VERIFIED = "verified"    # a request signed with the sender's recorded key
CONFIRMED = "confirmed"  # a request the user confirmed, its sender's key shown
FOLDER = "folder"        # an older release's copy in the user's data folder, used here
ADDED = "added"          # the province's own form, added by hand (`ttdn forms --add`)
ORIGINS = {VERIFIED: "từ gói đề nghị ký bằng khóa đã ghi nhận",
           CONFIRMED: "từ gói đề nghị, người dùng đã xác nhận",
           FOLDER: "chuyển từ thư mục mẫu của bản trước", ADDED: "thêm bằng tay"}


def where(db, form_id: str, version: int) -> str:
    """What a stored form is called where a file name would be (FormLibrary tells two copies
    of a version apart by it): the same for the same database, another for another."""
    return f"{db.path} › {form_id}-v{version}.toml"


def kept_here(db) -> bool:
    """Whether the database has its forms table: always, once migrated to this release (v14);
    not in a database opened with the migrations cut short, as tests of older releases do."""
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'forms'"
                      ).fetchone() is not None


def stored_forms(db, read=read_toml) -> tuple[list[Form], list[str]]:
    """The forms this database holds, and what is wrong with any that no longer reads.
    `read(name, source)`: the TOML as data, as for core.forms.load_form (the Workspace gives
    storage/parsed_forms.py's reader, so a stored form is not parsed again at every start)."""
    forms, problems = [], []
    for row in db.query("SELECT form_id, version, source FROM forms ORDER BY form_id, version"):
        name = where(db, row["form_id"], row["version"])
        try:
            forms.append(parse_form(read(name, bytes(row["source"])), name))
        except FormError as error:  # not UTF-8, not TOML, or not a form
            problems.append(error.message)
    return forms, problems


def install_form(db, form: Form, source: bytes, origin: str, file_name: str,
                 sender_fingerprint: str | None = None) -> None:
    """Keep a form version in this database (once: a version already held stays as it is)."""
    db.execute("INSERT OR IGNORE INTO forms (form_id, version, source, sha256, origin, "
               "sender_fingerprint, file_name, installed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               [form.id, form.version, source, hashlib.sha256(source).hexdigest(), origin,
                sender_fingerprint, file_name, now()])


def origins(db) -> dict[tuple[str, int], dict]:
    """(form id, version) -> where the stored form came from, from which file, when."""
    return {(r["form_id"], r["version"]): r for r in db.query(
        "SELECT form_id, version, origin, file_name, sender_fingerprint, installed_at "
        "FROM forms")}


def source(db, form: Form) -> bytes | None:
    """The TOML of a form this database holds, byte for byte (None: not one of its own)."""
    if form.path != where(db, form.id, form.version):
        return None
    row = db.execute("SELECT source FROM forms WHERE form_id = ? AND version = ?",
                     [form.id, form.version]).fetchone()
    return bytes(row[0]) if row else None


def used_versions(db) -> set[tuple[str, int]]:
    """Every (form, version) something in this database was made on: a report revision, a
    request from the level above, a report sent up to it."""
    rows = db.execute(
        "SELECT r.form_id, v.form_version FROM revisions v JOIN reports r ON r.id = v.report_id "
        "UNION SELECT form_id, form_version FROM upper_requests "
        "UNION SELECT form_id, form_version FROM upward_sends").fetchall()
    return {(form_id, version) for form_id, version in rows}
