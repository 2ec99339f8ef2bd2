#!/usr/bin/env python3
"""Import of a 30-page report as PDF beside the same report as .docx (issue 21).

The report is the one bench_word_import writes (letterhead table, title, parts and items
numbered by Word's lists, figures in sentences, the statistics table with a merged header),
typed in Unicode throughout; LibreOffice saves it as .docx, and as .odt which it exports to
PDF (not timed). Each file is imported in a process of its own, so that its peak memory (the
process's max RSS, the interpreter and the app's modules included) is its own. Printed: the
time of the first import in the process and the best of --repeat, the PDF/.docx ratio, max
RSS, how many body sentences reached their section and the figures proposed (summed by
indicator). Goals: PDF about 2 s, under 300 MB.

    .venv/bin/python bench/bench_pdf_import.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_word_import import build_html, libreoffice  # noqa: E402
from common import best_of  # noqa: E402


def to_pdf(folder: Path) -> Path:
    """The report exported to PDF by LibreOffice, from its .odt as a writer exports a saved
    document (the .docx LibreOffice writes from this HTML has the letterhead's columns shrunk to
    their longest word, a letterhead no agency sends)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    profile = f"-env:UserInstallation=file:///tmp/lo-issue-21-bench-{uuid.uuid4().hex}"
    for to, source in (("odt", folder / "report.html"), ("pdf", folder / "odt" / "report.odt")):
        subprocess.run([soffice, "--headless", profile, "--convert-to", to, "--outdir",
                        str(folder / to), str(source)], capture_output=True, timeout=600,
                       check=True)
    shutil.rmtree(profile.split("file://", 1)[1], ignore_errors=True)
    return folder / "pdf" / "report.pdf"


def unicode_report(form) -> tuple[str, int]:
    """bench_word_import's report with its TCVN3 paragraphs typed in Unicode: on a PC without
    the .VnTime font, LibreOffice draws TCVN3 text in another font, so its PDF shows the
    TCVN3 bytes as the letters they are in Latin-1, and no reader can read them back."""
    import bench_word_import
    legacy = bench_word_import.tcvn3
    bench_word_import.tcvn3 = lambda text: text
    try:
        source, sentences = build_html(form)
    finally:
        bench_word_import.tcvn3 = legacy
    return source.replace("<span style=\"font-family:'.VnTime'\">", "<span>"), sentences


def measure(path: Path, repeat: int) -> dict:
    """Import `path` in this (fresh) process: times, max RSS, what was placed."""
    from ttdn_desktop.core.proposals import sum_proposals
    from ttdn_desktop.exchange.docx_import import import_word_report
    from ttdn_desktop.workspace import load_forms
    form = load_forms().latest()
    data = path.read_bytes()
    agencies = [("SNGV", "Sở Ngoại vụ")]
    start = time.perf_counter()
    report = import_word_report(path.name, data, form, agencies)
    first = time.perf_counter() - start
    best = best_of(repeat, lambda: import_word_report(path.name, data, form, agencies))
    placed = sum(len([s for s in line.split(". ") if "kết quả được đánh giá cao" in s])
                 for lines in report.sections.values() for line in lines)
    return {"first": first, "best": best, "placed": placed,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "matched": sum(1 for m in report.matches if m.section_id),
            "headings": len(report.matches), "figures": len(report.proposals),
            "figure_set": sorted(f"{k}={v}" for k, v in sum_proposals(report.proposals).items())}


def main(repeat: int, keep: Path | None) -> None:
    from ttdn_desktop.workspace import load_forms
    form = load_forms().latest()
    source, sentences = unicode_report(form)
    with tempfile.TemporaryDirectory(prefix="issue-21-bench-") as temp:
        folder = keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        docx, _ = libreoffice(source, folder)
        pdf = to_pdf(folder)
        results = {}
        for name, path in (("report.docx", folder / "report.docx"), ("report.pdf", pdf)):
            done = subprocess.run([sys.executable, __file__, "--one", str(path),
                                   "--repeat", str(repeat)], capture_output=True, text=True,
                                  check=True)
            results[name] = json.loads(done.stdout)
        size = pdf.stat().st_size
        import pypdfium2
        pages = len(pypdfium2.PdfDocument(str(pdf)))
    print(f"report: {pages} pages, {sentences} body sentences; {len(docx) / 1024:.0f} KiB "
          f".docx, {size / 1024:.0f} KiB PDF")
    for name, r in results.items():
        print(f"{name:<12} first {r['first'] * 1000:7.0f} ms  best {r['best'] * 1000:7.0f} ms  "
              f"max RSS {r['rss_mb']:5.0f} MB  headings {r['matched']}/{r['headings']}  "
              f"sentences in their section {r['placed']}/{sentences} "
              f"({r['placed'] / sentences:.0%})  figures {len(r['figure_set'])}")
    docx_r, pdf_r = results["report.docx"], results["report.pdf"]
    print(f"PDF / .docx: {pdf_r['best'] / docx_r['best']:.1f}x (best), "
          f"{pdf_r['first'] / docx_r['first']:.1f}x (first); the same figures proposed (summed): "
          f"{pdf_r['figure_set'] == docx_r['figure_set']}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--keep", type=Path, help="write the files to this folder and keep them")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.repeat)))
    else:
        main(args.repeat, args.keep)
