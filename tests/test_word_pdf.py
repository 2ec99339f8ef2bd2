"""PDF reports as the world makes them, read as the same reports saved as .docx: LibreOffice's
PDF export of every test report, our own Word export printed to PDF, the same PDF signed as a
document-management system signs it (no certificate needed to read it), and what is refused:
a scan (page images only), a PDF with a password to open, a damaged PDF."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.exchange.docx_import import import_word_report, read_word_body

from .ci_tools import require
from .lofiles import SOURCES, convert_all

AGENCIES = [("SNGV", "Sở Ngoại vụ"), ("CAT", "Công an tỉnh")]
PDF = "pdf:writer_pdf_Export"


def to_pdf(target: Path, files: dict[str, bytes], to: str = PDF) -> dict[str, bytes]:
    """Files as LibreOffice exports them to PDF (or another filter), by name."""
    target.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (target / name).write_bytes(data)
    suffix = "." + to.split(":")[0]
    _soffice(["--convert-to", to, "--outdir", str(target / "out")]
             + [str(target / name) for name in files], target)
    return {name: (target / "out" / (Path(name).stem + suffix)).read_bytes() for name in files
            if (target / "out" / (Path(name).stem + suffix)).exists()}


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """{"docx"|"pdf": {source name: bytes}}: every source as LibreOffice saves it as .docx,
    and as it exports it to PDF. The PDF is exported from the source saved as .odt, as a
    writer saves a document and then exports it: LibreOffice 7.4 exporting the HTML sources
    straight to PDF loses a document's first paragraph (page 1 comes out blank)."""
    docx = convert_all(tmp_path_factory.mktemp("docx"))
    if docx is None:
        require("soffice")
    odt = convert_all(tmp_path_factory.mktemp("odt"), to="odt")
    pdf = to_pdf(tmp_path_factory.mktemp("pdf"),
                 {Path(name).stem + ".odt": data for name, data in odt.items()})
    return {"docx": docx, "pdf": {name: pdf[Path(name).stem + ".odt"] for name in odt
                                  if Path(name).stem + ".odt" in pdf}}


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


def _soffice(args: list[str], cwd: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        require("soffice")
    profile = f"file:///tmp/lo-issue-21-pdf-{uuid.uuid4().hex}"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile}"] + args,
                   cwd=cwd, capture_output=True, timeout=300, check=False)
    shutil.rmtree(profile.removeprefix("file://"), ignore_errors=True)


# --- (1) LibreOffice's PDF of every test report --------------------------------------------
@pytest.mark.parametrize("source", sorted(SOURCES))
def test_pdf_reads_as_the_same_report_saved_as_docx(saved, form, source):
    """Heading matches, section texts, text set aside and figures proposed, all equal.
    The one thing a PDF cannot carry is which numbers Word typed by itself: an automatic
    «a.» reads as typed text, and that is how it shows in the .docx reading too."""
    assert source in saved["pdf"], f"LibreOffice did not save {source} as PDF"
    docx = read(saved["docx"][source], "bao-cao.docx", form)
    pdf = read(saved["pdf"][source], "bao-cao.pdf", form)
    if docx[0] == "refused":
        assert pdf == docx
        return
    assert pdf == docx


def test_the_content_decides_not_the_name(saved, form):
    data = saved["pdf"]["title_alone.html"]
    expected = read(data, "bao-cao.pdf", form)
    assert expected[0] != "refused"
    for name in ("bao-cao.doc", "bao-cao.docx", "bao-cao"):
        assert read(data, name, form) == expected


def test_letterhead_is_one_table_and_the_signature_block_no_body(saved):
    blocks = read_word_body("bao-cao.pdf", saved["pdf"]["title_alone.html"]).blocks
    first = blocks[0]
    assert first.rows[0] == ["UBND TỈNH QUẢNG NINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert [row[1] for row in first.rows[1:]] == ["Độc lập - Tự do - Hạnh phúc",
                                                   "Quảng Ninh, ngày 10 tháng 6 năm 2021"]
    last = blocks[-1]
    assert last.rows[0][0].startswith("Nơi nhận:") and "GIÁM ĐỐC" in last.rows[0][1]
