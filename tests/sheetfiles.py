"""Agencies' own statistics sheets as LibreOffice Calc writes them: the tests write flat ODF
spreadsheets (.fods) with a title block, merged header cells, hidden rows, a «Tổng» row,
formulas and numbers typed as text, and LibreOffice saves them as .xlsx and .xls."""

from __future__ import annotations

import shutil
import struct
import subprocess
import uuid
from html import escape
from pathlib import Path

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet>"""
_TAIL = "</office:spreadsheet></office:body></office:document>"


def cell(value=None, span: int = 1, rows: int = 1, formula: str | None = None) -> str:
    """One cell: text (a str, kept as text even when it looks like a number), a number, or a
    formula with its computed value; `span` columns and `rows` rows merged."""
    merge = (f' table:number-columns-spanned="{span}"' if span > 1 else "") + \
        (f' table:number-rows-spanned="{rows}"' if rows > 1 else "")
    if value is None and formula is None:
        return f"<table:table-cell{merge}/>"
    if formula is not None:
        return (f'<table:table-cell{merge} table:formula="of:={escape(formula)}" '
                f'office:value-type="float" office:value="{value}"><text:p>{value}</text:p>'
                "</table:table-cell>")
    if isinstance(value, str):
        return (f'<table:table-cell{merge} office:value-type="string"><text:p>{escape(value)}'
                "</text:p></table:table-cell>")
    return (f'<table:table-cell{merge} office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>")


def covered(n: int = 1) -> str:
    return "<table:covered-table-cell/>" * n


def row(*cells: str, hidden: bool = False) -> str:
    visibility = ' table:visibility="collapse"' if hidden else ""
    return f"<table:table-row{visibility}>{''.join(cells)}</table:table-row>"


def sheet(name: str, columns: int, *rows: str) -> str:
    return (f'<table:table table:name="{escape(name)}"><table:table-column '
            f'table:number-columns-repeated="{columns}"/>{"".join(rows)}</table:table>')


def fods(*sheets: str) -> str:
    return _HEAD + "".join(sheets) + _TAIL


def statistics_sheet(extra_rows: int = 0) -> str:
    """The sheet of a department that keeps its own statistics: a title block over a table
    whose merged header «Kết quả» stands over «6 tháng đầu năm 2021 | 6 tháng đầu năm 2020»,
    a hidden row, numbers typed as text («1.250», «2 900»), a breakdown by language, a
    formula, and a «Tổng cộng» row."""
    rows = [
        row(cell("SỞ NGOẠI VỤ TỈNH QUẢNG NINH", span=6), covered(5)),
        row(cell("BIỂU SỐ LIỆU CÔNG TÁC THÔNG TIN ĐỐI NGOẠI 6 THÁNG ĐẦU NĂM 2021", span=6),
            covered(5)),
        row(cell("(Kèm theo Báo cáo số 12/BC-SNGV ngày 10/6/2021)", span=6), covered(5)),
        row(),
        row(cell("STT", rows=2), cell("Nội dung", rows=2), cell("Đơn vị tính", rows=2),
            cell("Kết quả", span=2), covered(), cell("Ghi chú", rows=2)),
        row(covered(3), cell("6 tháng đầu năm 2021"), cell("6 tháng đầu năm 2020"), covered()),
        row(cell("1"), cell("Tin, bài về thông tin đối ngoại trên báo chí, phát thanh, truyền "
                            "hình"), cell("tin, bài"), cell(245), cell(198), cell()),
        row(cell("2"), cell("Tin, bài đăng trên cổng thông tin điện tử"), cell("tin/bài"),
            cell("1.250"), cell("1.100"), cell()),
        row(cell("3"), cell("Số bản ấn phẩm, tài liệu phát hành"), cell("bản"),
            cell(3800), cell("2 900"), cell()),
        row(cell(), cell("- Tiếng Anh"), cell("bản"), cell(500), cell(400), cell()),
        row(cell(), cell("- Tiếng Nhật"), cell("bản"), cell(200), cell(100), cell()),
        row(cell(), cell("- Tiếng Việt"), cell("bản"), cell(3100, formula="[.D9]-[.D10]-[.D11]"),
            cell(2400), cell()),
        row(cell("4"), cell("Lớp tập huấn, bồi dưỡng nghiệp vụ thông tin đối ngoại"),
            cell("lớp"), cell(3), cell(2), cell("đã sửa"), hidden=True),
        row(cell("5"), cell("Đoàn phóng viên nước ngoài được đón tiếp"), cell("đoàn"),
            cell(4), cell(2), cell()),
        row(cell("6"), cell("Phóng viên nước ngoài được đón tiếp"), cell("người"),
            cell(14), cell(9), cell()),
        row(cell("7"), cell("Tình hình thời tiết"), cell("ngày mưa"), cell(40), cell(38),
            cell()),
    ]
    for n in range(extra_rows):
        rows.append(row(cell(str(8 + n)), cell(f"Hoạt động khác số {n + 1} của đơn vị"),
                        cell("hoạt động"), cell(n % 7 + 1), cell(n % 5), cell()))
    last = 16 + extra_rows
    extra = sum(n % 7 + 1 for n in range(extra_rows))
    extra_old = sum(n % 5 for n in range(extra_rows))
    rows.append(row(cell(), cell("Tổng cộng"), cell(), cell(4106 + extra, formula=f"SUM([.D7:.D9];[.D13:.D{last}])"),
                    cell(4647 + extra_old), cell()))
    return fods(sheet("Số liệu", 6, *rows))


_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub Encrypt(src As String, dst As String, filter As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), "_blank", 0, args())
  Dim out(1) As New com.sun.star.beans.PropertyValue
  out(0).Name = "FilterName"
  out(0).Value = filter
  out(1).Name = "Password"
  out(1).Value = "x"
  doc.storeToURL(ConvertToURL(dst), out())
  doc.close(True)
End Sub
</script:module>"""


def encrypted(target: Path, fods_text: str, filter_name: str = "MS Excel 97",
              suffix: str = ".xls") -> bytes | None:
    """The sheet saved by LibreOffice with the password «x», as a user sets one in the save
    dialog (the --convert-to filter options of LibreOffice 7.4 do not encrypt: a macro of a
    profile of its own stores with the Password property). None without LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profile = Path(f"/tmp/lo-issue-21-encrypt-{uuid.uuid4().hex}")
    source, out = target / "encrypt-me.fods", target / f"encrypted{suffix}"
    source.write_text(fods_text, encoding="utf-8")
    try:
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{profile}",
                        "--terminate_after_init"], capture_output=True, timeout=120,
                       check=False)
        module = profile / "user/basic/Standard/Module1.xba"
        if not module.exists():
            return None
        module.write_text(_MACRO, encoding="utf-8")
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{profile}",
                        f'macro:///Standard.Module1.Encrypt("{source}","{out}",'
                        f'"{filter_name}")'], capture_output=True, timeout=120, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return out.read_bytes() if out.exists() else None


def convert(target: Path, sources: dict[str, str | bytes], to: str) -> dict[str, bytes] | None:
    """Every source as LibreOffice saves it with filter `to` (e.g. 'xls:"MS Excel 97"'), by
    source name; None without LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    suffix = "." + to.split(":")[0]
    source_dir, out_dir = target / "src", target / f"out-{uuid.uuid4().hex[:8]}"
    source_dir.mkdir(parents=True, exist_ok=True)
    out_dir.mkdir()
    for name, text in sources.items():
        path = source_dir / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    profile = f"file:///tmp/lo-issue-21-sheets-{uuid.uuid4().hex}"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile}", "--convert-to",
                    to, "--outdir", str(out_dir)] + [str(source_dir / n) for n in sources],
                   capture_output=True, timeout=300, check=False)
    shutil.rmtree(profile.removeprefix("file://"), ignore_errors=True)
    return {name: (out_dir / (Path(name).stem + suffix)).read_bytes() for name in sources
            if (out_dir / (Path(name).stem + suffix)).exists()}


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A compound file (OLE, version 3) holding `streams` at its root, as Office lays out a
    document saved with a password (EncryptionInfo, EncryptedPackage). Each stream is padded
    to 4096 bytes so that none goes to the mini stream; at most 120 sectors in all."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    chains, sector = [], 2  # sector 0: the FAT, sector 1: the directory
    blobs = []
    for data in streams.values():
        data = data.ljust(4096, b"\0")
        count = -(-len(data) // 512)
        chains.append((sector, count, len(data)))
        blobs.append(data.ljust(count * 512, b"\0"))
        sector += count
    assert sector <= 128
    fat = [fat_sector, end] + [0] * (sector - 2)
    for first, count, _size in chains:
        for n in range(first, first + count):
            fat[n] = n + 1 if n < first + count - 1 else end
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", free, right, child) + b"\0" * 16 + b"\0" * 4
                + b"\0" * 16 + struct.pack("<II", start, size) + b"\0" * 4)

    names = list(streams)
    directory = entry("Root Entry", 5, free, 1 if names else free, end, 0)
    for n, (name, (first, _count, size)) in enumerate(zip(names, chains), start=1):
        directory += entry(name, 2, n + 1 if n < len(names) else free, free, first, size)
    directory = directory.ljust(512, b"\0")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    return header + struct.pack("<128I", *fat) + directory + b"".join(blobs)


def encrypted_ooxml() -> bytes:
    """An .xlsx or .docx saved with a password: the zip encrypted inside an OLE file."""
    return ole_file({"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00",
                     "EncryptedPackage": b"\x10\x27\x00\x00\x00\x00\x00\x00" + bytes(range(256))
                     * 4})
