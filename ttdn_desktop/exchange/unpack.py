"""Files inside files: mail attachments, forwarded mail, zip archives, winmail.dat.

Each file dropped for import is opened down to what can be imported: a mail gives its
attachments, a forwarded mail or an attached .eml/.msg gives its own, a zip (not a package or
an Office file, which are zips too) gives its members, a winmail.dat gives what Outlook put in
it. What a container is, is told by its content first and its name second, since mail
programs rename (BAOCAO~1.TTD) and strip names. Every level is capped in depth and count.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.text import clean_line, shown
from ttdn_desktop.exchange import mail, tnef
from ttdn_desktop.office.formats import archive_mimetype, is_word_ole, is_xls
from ttdn_desktop.office.safezip import CORRUPT, Limits, open_zip, read_member
from ttdn_desktop.util.crashlog import log_exception

MAX_ITEMS = 200
ARCHIVE_LIMITS = Limits(max_file_bytes=mail.MAX_MAIL_BYTES, max_members=200,
                        max_member_bytes=30 << 20, max_total_bytes=100 << 20)
PACKAGE, XLSX, DOCX = "package", "xlsx", "docx"
PACKAGE_MIMETYPE = b"application/vnd.ttdn.package+zip"
# .ttd: a package's name cut to 8.3 by an old mail program (BAOCAO~1.TTD)
PACKAGE_SUFFIXES = (".ttdn", ".ttd")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
# what a report written in a word processor may be called (its content decides what it is)
WORD_SUFFIXES = (".docx", ".docm", ".doc", ".odt", ".fodt", ".rtf", ".pdf")
# an agency's own Excel 97–2003 sheet: its figures are confirmed as a Word report's are
XLS_SUFFIXES = (".xls", ".ods", ".fods")
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
SEPARATOR = " › "
BODY_NAME = "nội dung thư"  # a mail's own text, where a report may be pasted


@dataclass
class Item:
    """One file to import: its display name ("thu.eml › SNGV.ttdn"), its bytes or why it could
    not be taken out, and the file it came in (None if it was dropped itself)."""
    name: str
    data: bytes | PackageError
    container: str | None = None
    skipped: str = ""  # why there is nothing to import here, though nothing is wrong
    body: bool = False   # a mail's own text (`data`: the mail), read if it brought no file
    alone: bool = False  # ... and the mail had no attachment at all


def zip_kind(data: bytes) -> str | None:
    """PACKAGE, XLSX or DOCX by the parts of a zip; None for another zip or no zip."""
    if not data.startswith(b"PK"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive_mimetype(archive)
            if "manifest.json" in names or mimetype == PACKAGE_MIMETYPE:
                return PACKAGE
            if mimetype in (ODT_MIMETYPE, ODS_MIMETYPE):
                return DOCX  # written in LibreOffice: read as a Word report or a sheet is
    except CORRUPT + (RuntimeError, KeyError):
        return None
    if "xl/workbook.xml" in names:
        return XLSX
    if "word/document.xml" in names:
        return DOCX
    return None


def content_kind(name: str, data: bytes) -> str | None:
    """What a file to import is: by its name when that says (a renamed file is refused by
    the reader of what the name claims, naming what it really is), else by its content."""
    lower = name.lower()
    if lower.endswith(WORD_SUFFIXES + XLS_SUFFIXES):
        return DOCX
    if lower.endswith(XLSX_SUFFIXES):
        return XLSX
    if lower.endswith(PACKAGE_SUFFIXES):
        return PACKAGE
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf":
        return DOCX  # an RTF report under a name that does not say so
    if data.startswith(mail.OLE_MAGIC) and not mail.is_msg(data):
        # a Word 97–2003 document or an agency's .xls sheet whose name says nothing
        if is_word_ole(data) or is_xls(data):
            return DOCX
    if b"%PDF-" in data[:1024]:
        return DOCX  # a PDF report (or a scan, refused with its reason) under any name
    return zip_kind(data)


def _container(name: str, data: bytes) -> str | None:
    lower = name.lower()
    if data.startswith(mail.OLE_MAGIC):
        return "msg" if lower.endswith(".msg") or mail.is_msg(data) else None
    if tnef.is_tnef(data) or lower.endswith(".dat") and lower.startswith("winmail"):
        return "tnef"
    if data.startswith(b"PK"):
        if zip_kind(data) or lower.endswith(PACKAGE_SUFFIXES + XLSX_SUFFIXES + WORD_SUFFIXES):
            return None  # a package or an Office file: a zip, but no container
        return "zip"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf" or b"%PDF-" in data[:1024]:
        return None  # a report, whatever its name says (.eml, .zip): read as what it is
    if lower.endswith(".eml") or mail.looks_like_eml(data):
        return "eml"
    if lower.endswith(".msg"):
        return "msg"  # not an OLE file: refused as no Outlook mail
    if lower.endswith(".zip"):
        return "zip"  # refused as no readable zip
    return None


def unexpected_reason(name: str, error: Exception) -> str:
    """The reason given for a file when our own code failed on it: logged with the details."""
    logging.getLogger(__name__).error("reading %r failed unexpectedly", name, exc_info=error)
    log_exception(error)
    return f"không đọc được tệp (lỗi {type(error).__name__}; chi tiết đã ghi vào nhật ký lỗi)"


def safe_name(name: str | None, n: int) -> str:
    """A name from a mail or an archive as it may be shown: the last path part of each level,
    invisible characters escaped, cut to a sensible length."""
    parts = []
    for part in (name or "").split(SEPARATOR):
        part = clean_line(part).replace("\\", "/").split("/")[-1]
        if part:
            parts.append(shown(part))
    return SEPARATOR.join(parts) or f"tệp đính kèm {n}"


def _open(kind: str, name: str, data: bytes) -> list[tuple[str | None, bytes | PackageError]]:
    if kind == "eml":
        return mail.eml_attachments(name, data)
    if kind == "msg":
        return mail.msg_attachments(name, data)
    if kind == "tnef":
        return list(tnef.attachments(name, data))
    archive = open_zip(name, data, ARCHIVE_LIMITS)
    found: list[tuple[str | None, bytes | PackageError]] = []
    for info in archive.infolist():
        if info.is_dir() or info.filename.startswith("__MACOSX/"):
            continue
        try:
            found.append((info.filename, read_member(name, archive, info.filename,
                                                     ARCHIVE_LIMITS)))
        except PackageError as error:
            found.append((info.filename, error))
    return found


_EMPTY = {"eml": "thư không có tệp đính kèm", "msg": "thư không có tệp đính kèm",
          "tnef": "winmail.dat không có tệp đính kèm", "zip": "tệp nén không chứa tệp nào"}


def expand(name: str, data: bytes) -> list[Item]:
    """The files to import that `data` (dropped as `name`) stands for."""
    items: list[Item] = []
    _expand(name, data, None, 0, items)
    return items


def _expand(name: str, data: bytes, container: str | None, depth: int, items: list) -> None:
    if len(items) >= MAX_ITEMS:
        if len(items) == MAX_ITEMS:
            items.append(Item(name, PackageError(name, f"quá nhiều tệp lồng nhau (tối đa "
                                                       f"{MAX_ITEMS}); phần còn lại bỏ qua"),
                              container))
        return
    kind = _container(name, data)
    if kind is None:
        items.append(Item(name, data, container))
        return
    if depth >= mail.MAX_DEPTH:
        items.append(Item(name, PackageError(name, "tệp lồng trong nhau quá nhiều lớp"),
                          container))
        return
    try:
        found = _open(kind, name, data)
    except PackageError as error:
        items.append(Item(name, PackageError(name, error.reason), container))
        return
    except Exception as error:  # a bug of ours: this file is refused, the batch goes on
        items.append(Item(name, PackageError(name, unexpected_reason(name, error)), container))
        return
    own_text = kind in ("eml", "msg")  # a report may be pasted in it: read last, if needed
    if not found and not own_text:
        if container is None:
            items.append(Item(name, PackageError(name, _EMPTY[kind])))
        else:
            items.append(Item(name, b"", container, _EMPTY[kind]))
        return
    for n, (inner, payload) in enumerate(found, start=1):
        full = f"{name}{SEPARATOR}{safe_name(inner, n)}"
        if isinstance(payload, PackageError):
            items.append(Item(full, PackageError(full, payload.reason), container or name))
        else:
            _expand(full, payload, container or name, depth + 1, items)
    if own_text:
        items.append(Item(f"{name}{SEPARATOR}{BODY_NAME}", data, container or name, body=True,
                          alone=not found))
