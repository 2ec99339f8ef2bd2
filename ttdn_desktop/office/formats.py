"""What a file is, told by its first bytes and named in the words a secretary knows («tệp RTF»,
«tệp nén .rar», «tệp ảnh JPEG»), never by internals (a zip's parts, a magic number).

Names lie (a .doc that is a .docx, BAOCAO~1.TTD, an attachment with no name at all), so every
refusal that says what a file is asks this module."""

from __future__ import annotations

import io
import zipfile

import olefile

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ARCHIVE_REFUSAL = ("không hỗ trợ tệp nén {suffix}; đề nghị gửi tệp .zip hoặc chính tệp báo "
                   "cáo")
# first bytes -> (what it is, the refusal's own advice or None)
_MAGIC = (
    (b"Rar!\x1a\x07", "tệp nén .rar", ARCHIVE_REFUSAL.format(suffix=".rar")),
    (b"7z\xbc\xaf\x27\x1c", "tệp nén .7z", ARCHIVE_REFUSAL.format(suffix=".7z")),
    (b"\x1f\x8b", "tệp nén .gz", ARCHIVE_REFUSAL.format(suffix=".gz")),
    (b"BZh", "tệp nén .bz2", ARCHIVE_REFUSAL.format(suffix=".bz2")),
    (b"\xfd7zXZ\x00", "tệp nén .xz", ARCHIVE_REFUSAL.format(suffix=".xz")),
    (b"\xff\xd8\xff", "tệp ảnh JPEG", None),
    (b"\x89PNG\r\n\x1a\n", "tệp ảnh PNG", None),
    (b"GIF8", "tệp ảnh GIF", None),
    (b"II*\x00", "tệp ảnh TIFF", None),
    (b"MM\x00*", "tệp ảnh TIFF", None),
    (b"BM", "tệp ảnh BMP", None),
    (b"%PDF", "tệp PDF", None),
    (b"MZ", "tệp chương trình (.exe)", "tệp chương trình không bao giờ được nhập"),
)
IMAGE_ADVICE = ("ảnh chụp hay quét văn bản không đọc được chữ; đề nghị đơn vị gửi chính tệp "
                "Word (.docx, .doc) hoặc bản PDF xuất từ Word")


def ole_streams(data: bytes) -> set[str] | None:
    """The root streams of an OLE file (lower case), None if it is none or unreadable."""
    if not data.startswith(OLE):
        return None
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return {entry[0].lower() for entry in ole.listdir()}
    except Exception:  # olefile raises OSError and its own kinds on a damaged file
        return None


def is_xls(data: bytes) -> bool:
    streams = ole_streams(data)
    return streams is not None and bool(streams & {"workbook", "book"})


def is_encrypted_office(data: bytes) -> bool:
    """An .xlsx or .docx saved with a password: an OLE file holding the encrypted package."""
    streams = ole_streams(data)
    return streams is not None and "encryptedpackage" in streams


def is_word_ole(data: bytes) -> bool:
    """An OLE compound file holding a Word document (its WordDocument stream)."""
    if not data.startswith(OLE):
        return False
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:
        return False
    try:
        return ole.exists("WordDocument")
    finally:
        ole.close()


def _ole_kind(data: bytes) -> str:
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("EncryptedPackage"):
                return "tệp Office được đặt mật khẩu"
            if ole.exists("WordDocument"):
                return "tệp Word 97–2003 (.doc)"
            if ole.exists("Workbook") or ole.exists("Book"):
                return "tệp Excel 97–2003 (.xls)"
            if ole.exists("PowerPoint Document"):
                return "tệp PowerPoint (.ppt)"
            if ole.exists("__properties_version1.0"):
                return "thư Outlook (.msg)"
    except Exception:  # olefile raises OSError and its own kinds on a damaged file
        return "tệp Office định dạng cũ bị hỏng"
    return "tệp Office định dạng cũ"


def archive_mimetype(archive) -> bytes:
    """The first bytes of a zip's `mimetype` member, stripped; b"" if it has none. Read by
    content, stored or deflated, first member or not: the OpenDocument spec wants it stored
    first, some tools deflate it, and LibreOffice opens those too. Only its head is inflated:
    a hostile member can unpack to gigabytes before any size check has looked at it."""
    if "mimetype" not in archive.NameToInfo:
        return b""
    with archive.open("mimetype") as member:
        return member.read(100).strip()


def zip_mimetype(data: bytes) -> bytes:
    """The media type a zip declares in its `mimetype` member (an OpenDocument file, a .ttdn
    package), b"" for any other file or a damaged zip."""
    if not data.startswith(b"PK"):
        return b""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive_mimetype(archive)
    except Exception:  # a damaged or encrypted zip: whatever the zip module raised, no type
        return b""


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive_mimetype(archive)
    except Exception:  # a damaged zip: said as such, whatever the zip module raised
        return "tệp nén bị hỏng hoặc tải về chưa hết"
    if any(n.startswith("word/") for n in names):
        return "tệp Word (.docx)"
    if any(n.startswith("xl/") for n in names):
        return "tệp Excel (.xlsx)"
    if any(n.startswith("ppt/") for n in names):
        return "tệp PowerPoint (.pptx)"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return "tệp OpenDocument (.odt)"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return "bảng tính OpenDocument (.ods)"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return "tệp OpenDocument"
    return "tệp nén .zip"


def _text_kind(data: bytes) -> str | None:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{\\rtf"):
        return "tệp RTF"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:300]:
        return "trang web (HTML)"
    if head.startswith(b"<?xml"):
        if b"office:document" in head and b"application/vnd.oasis.opendocument.text" in head:
            return "tệp OpenDocument (.fodt)"  # flat: LibreOffice's one-file XML
        return "tệp XML"
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "tệp văn bản thuần (.txt)"


def name_of(data: bytes) -> str:
    """What `data` is, in words: «tệp RTF», «tệp nén .rar», «tệp Word 97–2003 (.doc)»…"""
    if not data:
        return "tệp rỗng (0 byte)"
    if data.startswith(OLE[:4]):  # the rest of the signature may be what is damaged
        return _ole_kind(data)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    for magic, name, _advice in _MAGIC:
        if data.startswith(magic):
            return name
    return _text_kind(data) or "tệp không rõ định dạng"


# What a report read from a file is, in the labels of an import (the preview, the command
# line, the signature state kept with the revision): never «báo cáo Word» for a PDF
_AS_REPORT = {
    "tệp Word (.docx)": "báo cáo Word",
    "tệp Word 97–2003 (.doc)": "báo cáo Word 97–2003",
    "tệp RTF": "báo cáo RTF",
    "tệp OpenDocument (.odt)": "báo cáo OpenDocument",
    "tệp OpenDocument (.fodt)": "báo cáo OpenDocument",
    "tệp PDF": "báo cáo PDF",
    "tệp Excel (.xlsx)": "bảng tính Excel của đơn vị",
    "tệp Excel 97–2003 (.xls)": "bảng tính Excel của đơn vị",
    "bảng tính OpenDocument (.ods)": "bảng tính OpenDocument của đơn vị",
}
MAIL_TEXT = "báo cáo dán trong thư"


def report_words(data: bytes) -> str:
    """A report read from `data`, in words: «báo cáo PDF», «báo cáo RTF», «bảng tính Excel
    của đơn vị»… («báo cáo» where the kind has no words of its own)."""
    return _AS_REPORT.get(name_of(data), "báo cáo")


def archive_refusal(data: bytes) -> str | None:
    """The reason for an archive the app does not open (.rar, .7z…): sent by an agency that
    meant to send its report, so refused wherever it is found, in a mail too."""
    for magic, _name, advice in _MAGIC:
        if data.startswith(magic) and advice and advice.startswith("không hỗ trợ tệp nén"):
            return advice
    return None


def refusal(data: bytes) -> str | None:
    """The whole reason for a file no reader takes, where its kind has advice of its own (an
    archive the app cannot open, an image, a program); None otherwise."""
    for magic, name, advice in _MAGIC:
        if data.startswith(magic) and advice:
            return advice
        if data.startswith(magic) and name.startswith("tệp ảnh"):
            return f"đây là {name}: {IMAGE_ADVICE}"
    return None
