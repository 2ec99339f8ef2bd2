"""Where things live: the user data folder (platformdirs), or beside the program in portable
mode, and the folders that hold form definitions."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

# the bundled data's place is known at the bottom layer (pure modules read defaults from it)
from ttdn_desktop.core.shipped import bundled

APP_DIR_NAME = "TTDN Desktop"
DB_FILE_NAME = "ttdn.sqlite3"


def program_dir() -> Path:
    """The folder of the program: the one-folder build, or the source checkout."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent.parent


def is_portable() -> bool:
    """Portable mode: a file named "portable" beside the program keeps all data there."""
    return (program_dir() / "portable").exists()


def data_dir() -> Path:
    if is_portable():
        return program_dir() / "data"
    return platformdirs.user_data_path(APP_DIR_NAME, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def form_dirs() -> list[Path]:
    """The forms every database sees: the bundled ones, and a folder named by TTDN_FORMS_DIR.
    Not the user's data folder: a form that comes in a package belongs to the database that
    received it (storage/forms.py), and the copies older releases wrote there only come into
    the databases that use them."""
    dirs = [bundled("forms")]
    extra = os.environ.get("TTDN_FORMS_DIR")
    if extra:
        dirs.append(Path(extra))
    return dirs


def resources_dir() -> Path:
    return bundled("resources")


def resolve_db_path(path: str | os.PathLike | None = None) -> Path:
    """--db PATH, else the TTDN_DB variable, else the user data folder."""
    if path:
        return Path(path)
    if os.environ.get("TTDN_DB"):
        return Path(os.environ["TTDN_DB"])
    return default_db_path()
