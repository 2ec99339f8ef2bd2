"""A message dragged out of Outlook (Windows) is no file on disk: Outlook offers it as a
"virtual file", a FileGroupDescriptorW (the names) and FileContents (the bytes, the .msg),
which Qt hands over as the mime formats below. Read from there and saved, under the name
Outlook gave, to a folder of this session, it is then imported as a dropped .msg is.

Qt asks Windows for FileContents without saying which file (lindex), so only the first
file's bytes come through: with several messages dragged at once, the first is imported and
the others are named with what to do (drag them one by one, or save them to a folder)."""

from __future__ import annotations

import atexit
import shutil
import struct
import tempfile
from pathlib import Path

DESCRIPTOR = 'application/x-qt-windows-mime;value="FileGroupDescriptorW"'
CONTENTS = 'application/x-qt-windows-mime;value="FileContents"'
_ENTRY = 592        # sizeof(FILEDESCRIPTORW)
_NAME_AT = 72       # offset of cFileName in it (WCHAR[260])
_folder: Path | None = None


def has_virtual_files(mime) -> bool:
    return mime.hasFormat(DESCRIPTOR)


def names(descriptor: bytes) -> list[str]:
    """The file names a FILEGROUPDESCRIPTORW lists (as many as its bytes hold)."""
    if len(descriptor) < 4:
        return []
    (count,) = struct.unpack_from("<I", descriptor)
    found = []
    for n in range(min(count, (len(descriptor) - 4) // _ENTRY)):
        raw = descriptor[4 + n * _ENTRY + _NAME_AT:4 + (n + 1) * _ENTRY]
        name = raw.decode("utf-16-le", "replace").split("\0", 1)[0]
        found.append(_safe(name) or f"thư {n + 1}.msg")
    return found


def _safe(name: str) -> str:
    """A name as a file may be called: no folder, none of the characters Windows refuses."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join("_" if c in '<>:"|?*' or ord(c) < 32 else c for c in name).strip(" .")


def _session_folder() -> Path:
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="ttdn-keo-tha-"))
        atexit.register(shutil.rmtree, _folder, True)
    return _folder


def saved(mime) -> tuple[list[str], list[str]]:
    """(paths of the files saved from the drag, names of those whose bytes did not come)."""
    listed = names(bytes(mime.data(DESCRIPTOR)))
    contents = bytes(mime.data(CONTENTS)) if mime.hasFormat(CONTENTS) else b""
    if not listed or not contents:
        return [], listed
    first = listed[0]
    if not first.lower().endswith((".msg", ".eml")) and contents.startswith(
            b"\xd0\xcf\x11\xe0"):
        first += ".msg"  # Outlook names it after the subject, with the suffix; just in case
    folder = Path(tempfile.mkdtemp(dir=_session_folder()))
    path = folder / first
    path.write_bytes(contents)
    return [str(path)], listed[1:]
