#!/usr/bin/env python3
"""Import of a 30-page report saved by LibreOffice as Word 97–2003 (.doc) and as .docx, from
one source (bench_word_import's report: letterhead table, automatic numbering, a quarter of
the paragraphs in a TCVN3 font, a statistics table with merged header cells).

Printed: the time to read the body and to import the whole report from each file, the ratio
.doc / .docx, the peak of memory Python allocated while importing the .doc (tracemalloc) and
the process's peak resident size. Goals: under 1 s for the .doc, under 300 MB.

    .venv/bin/python bench/bench_doc_import.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_word_import import build_html  # noqa: E402
from common import best_of  # noqa: E402

from ttdn_desktop.exchange.docx_import import import_word_report, read_word_body  # noqa: E402
from ttdn_desktop.workspace import load_forms  # noqa: E402


def libreoffice(source: str, folder: Path) -> tuple[bytes, bytes, int | None]:
    """The .doc and the .docx LibreOffice writes from the HTML, and the page count."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed: the bench reads files that LibreOffice wrote")
    (folder / "report.html").write_text(source, encoding="utf-8")
    profile = f"-env:UserInstallation=file:///tmp/lo-issue-21-bench-{uuid.uuid4().hex}"
    for target in ("doc:MS Word 97", "docx:MS Word 2007 XML"):
        subprocess.run([soffice, "--headless", profile, "--convert-to", target, "--outdir",
                        str(folder), str(folder / "report.html")],
                       capture_output=True, timeout=600, check=True)
    subprocess.run([soffice, "--headless", profile, "--convert-to", "pdf", "--outdir",
                    str(folder), str(folder / "report.doc")], capture_output=True, timeout=600)
    shutil.rmtree(profile.split("file://", 1)[1], ignore_errors=True)
    pages = None
    if shutil.which("pdfinfo") and (folder / "report.pdf").exists():
        info = subprocess.run(["pdfinfo", str(folder / "report.pdf")], capture_output=True,
                              text=True).stdout
        pages = next((int(line.split()[-1]) for line in info.splitlines()
                      if line.startswith("Pages:")), None)
    return (folder / "report.doc").read_bytes(), (folder / "report.docx").read_bytes(), pages


def main(repeat: int) -> None:
    form = load_forms().latest()
    source, _ = build_html(form)
    with tempfile.TemporaryDirectory(prefix="issue-21-bench-") as temp:
        doc, docx, pages = libreoffice(source, Path(temp))
    agencies = [("SNGV", "Sở Ngoại vụ")]

    start = time.perf_counter()
    report = import_word_report("bench.doc", doc, form, agencies)
    first = time.perf_counter() - start  # cold: as a user's first import in the process
    tracemalloc.start()
    import_word_report("bench.doc", doc, form, agencies)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    body_doc = best_of(repeat, lambda: read_word_body("bench.doc", doc))
    body_docx = best_of(repeat, lambda: read_word_body("bench.docx", docx))
    import_doc = best_of(repeat, lambda: import_word_report("bench.doc", doc, form, agencies))
    import_docx = best_of(repeat, lambda: import_word_report("bench.docx", docx, form,
                                                             agencies))
    same = report.sections == import_word_report("bench.docx", docx, form, agencies).sections
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f".doc {len(doc) / 1024:.0f} KiB, .docx {len(docx) / 1024:.0f} KiB"
          + (f", {pages} pages" if pages else ""))
    print(f"{'read the body: .doc':<36} {body_doc * 1000:8.1f} ms")
    print(f"{'read the body: .docx':<36} {body_docx * 1000:8.1f} ms   "
          f".doc/.docx {body_doc / body_docx:4.2f}")
    print(f"{'import, first in the process: .doc':<36} {first * 1000:8.1f} ms")
    print(f"{'import: .doc':<36} {import_doc * 1000:8.1f} ms")
    print(f"{'import: .docx':<36} {import_docx * 1000:8.1f} ms   "
          f".doc/.docx {import_doc / import_docx:4.2f}")
    print(f"peak Python memory importing the .doc {peak / 2**20:.1f} MiB; process peak RSS "
          f"{rss:.0f} MiB")
    print(f"sections read from the .doc equal to the .docx's: {'yes' if same else 'NO'}; "
          f"{report.legacy_runs} legacy runs converted")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    main(parser.parse_args().repeat)
