"""A DTD in any XML part of an Office or OpenDocument file is refused whatever the part's
encoding (issue 22, point 10): a DOCTYPE with an external entity in a UTF-16 document.xml
passed a byte search for «<!DOCTYPE» and the report was imported."""

import io
import re
import zipfile

import pytest
from openpyxl import Workbook

from ttdn_desktop.core import rules
from ttdn_desktop.office import safezip

from .helpers import count
from .sheetfiles import cell, fods, row, sheet
from .test_word_rtf_odt import ODT_CONTENT, odt
from .wordfiles import numbered_report

ENCODINGS = {  # name: (the declaration's encoding, the bytes as written, a byte order mark)
    "utf-16 with BOM": ("UTF-16", "utf-16-le", b"\xff\xfe"),
    "utf-16-le": ("UTF-16", "utf-16-le", b""),
    "utf-16-be": ("UTF-16", "utf-16-be", b""),
    "utf-16-be with BOM": ("UTF-16", "utf-16-be", b"\xfe\xff"),
    "utf-32-le": ("UTF-32", "utf-32-le", b""),
    "utf-32-be with BOM": ("UTF-32", "utf-32-be", b"\x00\x00\xfe\xff"),
    "utf-8 with BOM": ("UTF-8", "utf-8", b"\xef\xbb\xbf"),
    "utf-7 declared": ("UTF-7", "utf-7", b""),
}
DTD = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'


def hostile(xml: bytes | str, encoding: str, dtd: str = DTD) -> bytes:
    """The part re-encoded, a DTD with an external entity after its declaration."""
    text = xml.decode("utf-8") if isinstance(xml, bytes) else xml
    declared, codec, bom = ENCODINGS[encoding]
    body = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    text = f'<?xml version="1.0" encoding="{declared}" standalone="yes"?>\n{dtd}{body}'
    if codec == "utf-7":  # «<» and «!» as base64, a byte search sees neither
        return text.encode("utf-7").replace(b"<!DOCTYPE", b"+ADwAIQ-DOCTYPE") \
            .replace(b"<!ENTITY", b"+ADwAIQ-ENTITY")
    return bom + text.encode(codec)


def rezip(data: bytes, part: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            value = old.read(item.filename)
            new.writestr(item, change(value) if item.filename == part else value)
    return out.getvalue()


def _xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Chỉ tiêu", "Số liệu"])
    workbook.active.append(["Số cuộc họp báo", 3])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


FODS = fods(sheet("Số liệu", 2, row(cell("Số cuộc họp báo"), cell(3))))
FILES = {  # file name: (a good file, the part made hostile or None for a flat file)
    "bao-cao.docx": (numbered_report, "word/document.xml"),
    "bao-cao.odt": (odt, "content.xml"),
    "bao-cao.fodt": (lambda: ODT_CONTENT.replace(
        "<office:document-content", '<office:document office:mimetype='
        '"application/vnd.oasis.opendocument.text"').replace(
        "</office:document-content>", "</office:document>").encode(), None),
    "so-lieu.xlsx": (_xlsx, "xl/worksheets/sheet1.xml"),
    "so-lieu.ods": (lambda: odt(FODS.replace("<office:document ", "<office:document-content ")
                                .replace("</office:document>", "</office:document-content>"),
                                mimetype="application/vnd.oasis.opendocument.spreadsheet"),
                    "content.xml"),
    "so-lieu.fods": (lambda: FODS.encode(), None),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_the_check_decodes_before_it_looks(encoding):
    good = '<?xml version="1.0" encoding="UTF-8"?><x>&lt;!DOCTYPE as text&lt;/x></x>'
    assert safezip.forbidden_xml(hostile("<x/>", encoding))
    assert not safezip.forbidden_xml(good.encode())
    assert not safezip.forbidden_xml("\ufeff<x>Báo cáo</x>".encode("utf-16-le"))


@pytest.mark.parametrize("encoding", ["utf-16 with BOM", "utf-16-be", "utf-32-le", "utf-7 declared"])
@pytest.mark.parametrize("name", FILES)
def test_a_dtd_is_refused_in_every_encoding_and_format(workspace, tmp_path, name, encoding):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    make, part = FILES[name]
    data = make()
    data = rezip(data, part, lambda xml: hostile(xml, encoding)) if part else \
        hostile(data, encoding)
    path = tmp_path / name
    path.write_bytes(data)
    [result] = workspace.imports.run([path])
    assert result.outcome == rules.REJECTED, (result.outcome, result.detail)
    assert "bị cấm" in result.detail, result.detail
    assert count(workspace.db, "reports") == 0


@pytest.mark.parametrize("name", FILES)
def test_the_good_files_here_are_read(workspace, tmp_path, name):
    """The hostile files above differ from these only by their DTD and encoding."""
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    make, _ = FILES[name]
    path = tmp_path / name
    path.write_bytes(make())
    [result] = workspace.imports.run([path])
    assert "bị cấm" not in result.detail, result.detail


@pytest.mark.parametrize("name", ["bao-cao.docx", "bao-cao.odt", "bao-cao.fodt"])
def test_a_utf16_report_without_a_dtd_is_read(workspace, tmp_path, name):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    make, part = FILES[name]
    data = make()
    change = lambda xml: hostile(xml, "utf-16 with BOM", dtd="")  # noqa: E731
    path = tmp_path / name
    path.write_bytes(rezip(data, part, change) if part else change(data))
    [result] = workspace.imports.run([path])
    assert result.outcome == rules.WORD, (result.outcome, result.detail)
