"""Reports saved by LibreOffice as OpenDocument text (.odt) and RTF read exactly as the same
reports saved as .docx: the same headings matched, the same text in each section, the same
figures proposed. The .docx reading is checked on its own in test_word_libreoffice."""

import io
import zipfile

import pytest

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.exchange.docx_import import import_word_report
from ttdn_desktop.office.formats import name_of, report_words

from .ci_tools import require
from .lofiles import SOURCES, convert_all

AGENCIES = [("SNGV", "Sở Ngoại vụ"), ("CAT", "Công an tỉnh")]
FORMATS = {"odt": "odt", "rtf": "rtf:Rich Text Format"}


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """{format: {source name: bytes}}: every source as LibreOffice saves it in each format."""
    out = {}
    for suffix, to in {"docx": "docx:MS Word 2007 XML", **FORMATS}.items():
        files = convert_all(tmp_path_factory.mktemp(suffix), to=to)
        if files is None:
            require("soffice")
        out[suffix] = files
    return out


def placement(report):
    return (report.agency_guess, report.period_guess,
            [(m.heading, m.section_id) for m in report.matches],
            report.sections, [(h, lines) for h, lines in report.other if lines],
            sorted((p.key, p.value) for p in report.proposals))


def read(data: bytes, name: str, form):
    try:
        return placement(import_word_report(name, data, form, AGENCIES))
    except PackageError as error:
        return ("refused", error.reason.split(":")[0])


@pytest.mark.parametrize("suffix", sorted(FORMATS))
@pytest.mark.parametrize("source", sorted(SOURCES))
def test_read_as_the_same_report_saved_as_docx(saved, form, source, suffix):
    assert source in saved[suffix], f"LibreOffice did not save {source} as .{suffix}"
    docx = read(saved["docx"][source], "bao-cao.docx", form)
    other = read(saved[suffix][source], f"bao-cao.{suffix}", form)
    if docx[0] == "refused":  # a source with no report in it is refused alike
        assert other[0] == "refused"
        return
    assert other == docx


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_the_content_decides_not_the_name(saved, form, suffix):
    """A report saved as .odt or .rtf and sent under another name (.doc, .docx, none)."""
    data = saved[suffix]["title_alone.html"]
    expected = read(data, f"bao-cao.{suffix}", form)
    assert expected[0] != "refused"
    for name in ("bao-cao.doc", "bao-cao.docx"):
        assert read(data, name, form) == expected


def _deflated(data: bytes) -> bytes:
    """The same zip with every member deflated, `mimetype` too (still first), as some tools
    other than LibreOffice write an .odt though the spec wants that member stored."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, old.read(item.filename),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_an_odt_whose_mimetype_is_deflated_is_read(saved, form):
    """Told by what its `mimetype` member says, not by where the stored bytes lie: before, it
    was refused as «đây không phải tệp Word (.docx)»."""
    data = _deflated(saved["odt"]["title_alone.html"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.infolist()[0].filename == "mimetype"
        assert archive.infolist()[0].compress_type == zipfile.ZIP_DEFLATED
    assert name_of(data) == "tệp OpenDocument (.odt)"
    assert report_words(data) == "báo cáo OpenDocument"
    expected = read(saved["odt"]["title_alone.html"], "bao-cao.odt", form)
    assert expected[0] != "refused"
    for name in ("bao-cao.odt", "bao-cao.docx"):
        assert read(data, name, form) == expected
