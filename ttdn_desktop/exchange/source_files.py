"""The files and folders given to an import: read under a cap, folders opened, the clutter a
folder holds (desktop.ini, Thumbs.db) passed over."""

from __future__ import annotations

from pathlib import Path

from ttdn_desktop.core import filekinds
from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.util.storage_errors import os_reason


def read_file_bytes(path: Path, cap: int) -> bytes:
    """At most `cap` plus one byte, so an oversized file is never read whole."""
    try:
        if path.stat().st_size > cap:
            return b"\0" * (cap + 1)
        with open(path, "rb") as handle:
            return handle.read(cap + 1)
    except IsADirectoryError:
        raise PackageError(path.name, "đây là một thư mục, không phải tệp") from None
    except FileNotFoundError:
        raise PackageError(path.name, "không tìm thấy tệp") from None
    except PermissionError:
        raise PackageError(path.name, "không có quyền đọc tệp này (hãy chép tệp vào thư mục "
                                      "của bạn rồi nhập lại)") from None
    except OSError as error:
        raise PackageError(path.name, f"không đọc được tệp ({os_reason(error)})") from None


# What a folder holds that is never a report, so never named: hidden files (.DS_Store, ._x
# from a Mac), Windows' own desktop.ini and Thumbs.db, and Word's «~$» lock files.
_NOT_REPORTS = ("desktop.ini", "thumbs.db", "ehthumbs.db")


def is_clutter(name: str) -> bool:
    lower = name.lower()
    return lower.startswith((".", "~$")) or lower in _NOT_REPORTS


def nothing_to_import(folders) -> str:
    """The sentence for folders holding no file to import, naming what they hold instead."""
    others, subfolders = [], 0
    for folder in map(Path, folders):
        try:
            inside = sorted(folder.iterdir()) if folder.is_dir() else []
        except OSError:
            inside = []
        others += [p.name for p in inside if p.is_file() and not is_clutter(p.name)]
        subfolders += sum(1 for p in inside if p.is_dir() and not p.name.startswith("."))
    return filekinds.nothing_in([Path(f).absolute() for f in folders], others, subfolders)


def expand_paths(paths) -> list[Path]:
    """Files as given; a folder stands for the files in it (not its subfolders): every one but
    the clutter above, so that a file no reader takes (a .rar, a .7z, a photo) is refused by
    name with its reason rather than passed over in silence."""
    expanded: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            expanded.extend(sorted(p for p in path.iterdir()
                                   if p.is_file() and not is_clutter(p.name)))
        else:
            expanded.append(path)
    return expanded
