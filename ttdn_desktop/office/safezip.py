"""Reading untrusted zip files (packages, .docx, .xlsx) into memory, never onto disk.

Every cap is checked before anything is decompressed, and again while reading, because the
sizes a zip declares can lie.
"""

from __future__ import annotations

import codecs
import io
import re
import struct
import traceback
import zipfile
import zlib
from xml.parsers.expat import ExpatError
from dataclasses import dataclass

from lxml import etree

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.text import shown
from ttdn_desktop.office.formats import name_of, refusal

MiB = 1024 * 1024

# What the zip and zlib modules raise on a damaged file (found by fuzzing: a flipped byte can
# give a negative seek, an unknown zip version, or a file name that is not UTF-8).
CORRUPT = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
           NotImplementedError, UnicodeDecodeError, struct.error)


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 20 * MiB
    max_members: int = 64
    max_member_bytes: int = 20 * MiB
    max_total_bytes: int = 60 * MiB
    max_ratio: int = 200  # uncompressed / compressed, for members over `ratio_floor` bytes
    ratio_floor: int = 1 * MiB


PACKAGE_LIMITS = Limits(max_members=16)
XLSX_LIMITS = Limits(max_file_bytes=20 * MiB, max_members=300, max_member_bytes=50 * MiB,
                     max_total_bytes=100 * MiB)
DOCX_LIMITS = Limits(max_file_bytes=30 * MiB, max_members=500, max_member_bytes=60 * MiB,
                     max_total_bytes=150 * MiB)


def _mb(size: int) -> str:
    return f"{size / MiB:.1f}".replace(".", ",") + " MB"


def describe_foreign(data: bytes) -> str:
    """A reason for a file that is not a zip at all, naming what it is in words a secretary
    knows («tệp RTF», «tệp nén .rar»), never how it failed to open."""
    advice = refusal(data)
    if advice:
        return advice
    if data.startswith(b"PK"):
        return "tệp bị hỏng hoặc tải về chưa hết (không đọc được cấu trúc tệp nén)"
    kind = name_of(data)
    if kind.startswith("tệp rỗng"):
        return kind
    return f"đây là {kind}, không phải gói báo cáo TTĐN"


def describe_office(names: set[str]) -> str | None:
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("word/") for n in names):
        return "đây là một tệp Word (.docx) bị đổi tên, không phải gói báo cáo TTĐN"
    if any(n.startswith("xl/") for n in names):
        return "đây là một tệp Excel (.xlsx) bị đổi tên, không phải gói báo cáo TTĐN"
    return "đây là một tệp Office bị đổi tên, không phải gói báo cáo TTĐN"


def _unsafe_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return (name.startswith(("/", "\\")) or "\\" in name or "\x00" in name
            or (len(name) > 1 and name[1] == ":") or ".." in parts)


def open_zip(file_name: str, data: bytes, limits: Limits,
             office: bool = False) -> zipfile.ZipFile:
    """Open `data` as a zip after the size and structure checks. Unless `office` (a .docx or
    .xlsx is expected), an Office file is refused first, naming what it is."""
    if not data:
        raise PackageError(file_name, "tệp rỗng (0 byte)")
    if len(data) > limits.max_file_bytes:
        raise PackageError(file_name, f"tệp quá lớn ({_mb(len(data))}; tối đa "
                                      f"{_mb(limits.max_file_bytes)})")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except CORRUPT:
        raise PackageError(file_name, describe_foreign(data)) from None
    if not office:
        foreign = describe_office({info.filename for info in infos})
        if foreign:
            raise PackageError(file_name, foreign)
    if len(infos) > limits.max_members:
        raise PackageError(file_name, f"tệp nén chứa quá nhiều thành phần ({len(infos)}; tối đa "
                                      f"{limits.max_members})")
    total = 0
    for info in infos:
        part = shown(info.filename)
        if _unsafe_name(info.filename):
            raise PackageError(file_name, f"tệp nén chứa tên không an toàn «{part}» (đường dẫn "
                                          "tuyệt đối hoặc «..»)")
        if info.file_size > limits.max_member_bytes:
            raise PackageError(file_name, f"thành phần «{part}» quá lớn khi giải nén "
                                          f"({_mb(info.file_size)})")
        if info.file_size > limits.ratio_floor and \
                info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise PackageError(file_name, f"thành phần «{part}» có tỷ lệ nén bất thường (nghi là "
                                          "tệp nén độc hại «zip bomb»)")
        total += info.file_size
    if total > limits.max_total_bytes:
        raise PackageError(file_name, f"tổng dung lượng khi giải nén quá lớn ({_mb(total)}; "
                                      f"tối đa {_mb(limits.max_total_bytes)})")
    return archive


def read_member(file_name: str, archive: zipfile.ZipFile, name: str, limits: Limits) -> bytes:
    """One member's bytes, reading at most the cap whatever the header claims."""
    try:
        with archive.open(name) as handle:
            data = handle.read(limits.max_member_bytes + 1)
    except KeyError:
        raise PackageError(file_name, f"thiếu thành phần «{shown(name)}»") from None
    except CORRUPT + (RuntimeError,):
        # RuntimeError: an encrypted member; the others: bad CRC, truncated or garbled data.
        raise PackageError(file_name, f"thành phần «{shown(name)}» bị hỏng hoặc được mã hóa "
                                      "(tệp có thể tải về chưa hết)") from None
    if len(data) > limits.max_member_bytes:
        raise PackageError(file_name, f"thành phần «{shown(name)}» quá lớn khi giải nén")
    return data


# How an XML parser tells a document's encoding (XML 1.0, appendix F): a byte order mark, else
# the first four bytes of «<?xml», else the encoding its declaration names; UTF-8 if none.
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\xef\xbb\xbf", "utf-8"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))
_FIRST_BYTES = ((b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
                (b"\x00<\x00?", "utf-16-be"), (b"<\x00?\x00", "utf-16-le"),
                (b"\x4c\x6f\xa7\x94", "cp500"))  # the last: EBCDIC
_DECLARED = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z][A-Za-z0-9._:-]{0,39})[\"']")
FORBIDDEN_XML = "chứa khai báo XML bị cấm (DTD, thực thể ngoài hoặc «XML bomb»): không nhận"


def xml_encoding(data: bytes) -> str:
    """The encoding an XML parser reads `data` in, as it tells it."""
    for start, name in _BOMS + _FIRST_BYTES:
        if data.startswith(start):
            return name
    declared = _DECLARED.match(data[:200])
    return declared.group(1).decode("ascii") if declared else "utf-8"


def xml_head(data: bytes, size: int = 2000) -> bytes:
    """The first `size` characters of an XML document in UTF-8, whatever its encoding (a
    UTF-16 flat OpenDocument file is told by its head like a UTF-8 one)."""
    encoding = xml_encoding(data)
    try:
        if codecs.lookup(encoding).name == "utf-8":
            return data[:size]
        return data[:size * 4].decode(encoding, "replace")[:size].encode("utf-8")
    except LookupError:
        return b""


def forbidden_xml(data: bytes) -> str | None:
    """Why an XML part is refused before any parser sees it, None if it is not: Office and
    OpenDocument parts never carry a DTD, and one that does is an entity expansion ("XML
    bomb") or an external entity waiting to be resolved. Looked for in the text as the parser
    would decode it: a byte search for «<!DOCTYPE» misses it in UTF-16, UTF-32 or UTF-7."""
    encoding = xml_encoding(data)
    try:
        utf8 = codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return f"dùng bảng mã ký tự «{shown(encoding, 40)}» không được hỗ trợ: không nhận"
    # the bytes as they are too: a parser may read a part labelled UTF-16 whose bytes are
    # UTF-8 as UTF-8
    found = b"<!DOCTYPE" in data or b"<!ENTITY" in data
    if not utf8 and not found:
        text = data.decode(encoding, "replace")
        found = "<!DOCTYPE" in text or "<!ENTITY" in text
    return FORBIDDEN_XML if found else None


def check_xml_parts(file_name: str, archive: zipfile.ZipFile, limits: Limits) -> None:
    """Every XML part of a zipped Office or OpenDocument file through `forbidden_xml`."""
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        reason = forbidden_xml(read_member(file_name, archive, info.filename, limits))
        if reason:
            raise PackageError(file_name, f"thành phần «{shown(info.filename)}» {reason}")


def bad_xml(file_name: str, data: bytes, limits: Limits, what: str) -> PackageError:
    """The reason for an XML error an Office library raised: the part that is not well-formed,
    with line and column. Looked for only once a library has failed, so a good file is parsed
    once."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    archive = zipfile.ZipFile(io.BytesIO(data))  # opened and checked before, by open_office
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels")):
            continue
        try:
            etree.fromstring(read_member(file_name, archive, info.filename, limits), parser)
        except etree.XMLSyntaxError as error:
            line, column = error.position
            return PackageError(file_name, f"{what} bị hỏng: thành phần «{shown(info.filename)}» "
                                           f"không phải XML hợp lệ (dòng {line}, cột {column})")
    return PackageError(file_name, f"{what} bị hỏng: một thành phần không phải XML hợp lệ")


# What the XML parsers under openpyxl and python-docx raise on a part that is not well-formed:
# lxml's XMLSyntaxError and ElementTree's ParseError are SyntaxErrors; expat has its own.
XML_ERRORS = (SyntaxError, ExpatError)


# What Office libraries (openpyxl, python-docx, lxml) raise inside themselves on parts that are
# well-formed XML but not what the format says: a part of the wrong content type, a reference
# to a style or shared string that is not there, an index too large for C.
LIBRARY_FAULTS = (AttributeError, KeyError, IndexError, ValueError, TypeError, OverflowError)
_LIBRARIES = ("openpyxl", "docx", "lxml", "et_xmlfile", "xml")
_FAULT_REASONS = {
    AttributeError: "có thành phần không đúng loại khai báo trong [Content_Types].xml",
    TypeError: "có thành phần không đúng loại khai báo trong [Content_Types].xml",
    KeyError: "có tham chiếu tới thành phần không có trong tệp",
    IndexError: "có ô hay đoạn trỏ tới chuỗi, kiểu định dạng hay đánh số không có trong tệp",
    ValueError: "có giá trị sai dạng trong một thành phần XML",
    OverflowError: "có con số lớn quá mức trong một thành phần XML",
}


def library_fault(file_name: str, error: BaseException, what: str) -> PackageError | None:
    """A reason for `error` if an Office library raised it on the file's content (a frame of
    the library's below our last one), None if it is ours and must go on as the bug it is."""
    if not isinstance(error, LIBRARY_FAULTS):
        return None
    frames = [frame.filename.replace("\\", "/").split("/")
              for frame in traceback.extract_tb(error.__traceback__)]
    ours = [n for n, parts in enumerate(frames) if "ttdn_desktop" in parts]
    below = frames[ours[-1] + 1:] if ours else frames
    if not any(p in _LIBRARIES for parts in below for p in parts[-4:-1]):
        return None
    reason = next(text for kind, text in _FAULT_REASONS.items() if isinstance(error, kind))
    return PackageError(file_name, f"{what} bị hỏng: {reason}")


WORD = ("word/document.xml", "word/vbaProject.bin", "Word (.docx)", ".docm",
        "Word Document (.docx)")
EXCEL = ("xl/workbook.xml", "xl/vbaProject.bin", "Excel (.xlsx)", ".xlsm",
         "Excel Workbook (.xlsx)")


def open_office(file_name: str, data: bytes, limits: Limits, kind) -> zipfile.ZipFile:
    """An Office file (`kind`: WORD or EXCEL) after every check made before a parser sees it:
    sizes, its main part, no macros, no DTD."""
    main_part, macro_part, name, macro_suffix, save_as = kind
    archive = open_zip(file_name, data, limits, office=True)
    names = set(archive.namelist())
    if main_part not in names:
        raise PackageError(file_name, f"đây không phải tệp {name}")
    types = read_member(file_name, archive, "[Content_Types].xml", limits) \
        if "[Content_Types].xml" in names else b""
    if macro_part in names or b"macroEnabled" in types:
        raise PackageError(file_name, f"tệp có macro ({macro_suffix}) không được nhận; hãy lưu "
                                      f"lại dưới dạng «{save_as}»")
    check_xml_parts(file_name, archive, limits)
    return archive
