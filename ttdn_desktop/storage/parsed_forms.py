"""The form files as data, parsed once per content: every start read the bundled form with
tomllib, some 6 ms of «ready to type» (bench/bench_startup.py), and as much again for each form
version the database holds (storage/forms.py). What a file's TOML gave is kept
as JSON in the data folder under the SHA-256 of the file's bytes, so a changed file is parsed
again and nothing kept can be stale; a kept copy that cannot be read is parsed again, and
one that cannot be written is simply not kept. The checks of the form (core.forms.parse_form)
run on every start as before."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ttdn_desktop.core.forms import read_toml
from ttdn_desktop.util.files import write_bytes_atomic
from ttdn_desktop.util.paths import data_dir
from ttdn_desktop.util.storage_errors import StorageError

VERSION = 1  # of what is kept: a new one leaves the old files unread


def cache_dir() -> Path:
    return data_dir() / "cache" / "forms"


def read_kept(path: str | Path, source: bytes) -> dict:
    """`read_toml` for core.forms.load_form and FormLibrary.from_dirs, kept between starts."""
    kept = cache_dir() / f"{hashlib.sha256(source).hexdigest()}-v{VERSION}.json"
    try:
        data = json.loads(kept.read_bytes())
        if isinstance(data, dict):
            return data
    except (OSError, ValueError):
        pass
    data = read_toml(path, source)  # FormError for a file that is wrong: nothing kept
    try:
        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):  # a TOML date or time: not JSON, read from the file
        return data
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(kept, text.encode("utf-8"))
    except (OSError, StorageError):  # a full or read-only disk: the form loads all the same
        pass
    return data
