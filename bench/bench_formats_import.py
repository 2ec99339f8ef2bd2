#!/usr/bin/env python3
"""Import of a 30-page report saved by LibreOffice as .docx, Word 97–2003 .doc, OpenDocument
.odt and RTF, from one source (bench_word_import's report: letterhead table, automatic
numbering, a quarter of the paragraphs in a TCVN3 font, a statistics table with merged header
cells).

Printed: for each format the time to read the body and to import the whole report, the ratio
to the .docx, the peak of memory Python allocated while importing (tracemalloc), whether the
sections read equal the .docx's, and the process's peak resident size. Goals: under 1 s for
.doc, .odt and .rtf, under 300 MB.

    .venv/bin/python bench/bench_formats_import.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_word_import import build_html, saved_as  # noqa: E402
from common import best_of  # noqa: E402

from ttdn_desktop.exchange.docx_import import import_word_report, read_word_body  # noqa: E402
from ttdn_desktop.workspace import load_forms  # noqa: E402


FORMATS = {"docx": "docx:MS Word 2007 XML", "doc": "doc:MS Word 97", "odt": "odt",
           "rtf": "rtf:Rich Text Format"}


def main(repeat: int) -> None:
    form = load_forms().latest()
    source, _ = build_html(form)
    with tempfile.TemporaryDirectory(prefix="issue-21-bench-") as temp:
        files, pages = saved_as(source, Path(temp), FORMATS)
    agencies = [("SNGV", "Sở Ngoại vụ")]
    print(", ".join(f".{s} {len(d) / 1024:.0f} KiB" for s, d in files.items())
          + (f"; {pages} pages" if pages else ""))
    docx = import_word_report("bench.docx", files["docx"], form, agencies)
    base_body = best_of(repeat, lambda: read_word_body("bench.docx", files["docx"]))
    base_import = best_of(repeat, lambda: import_word_report("bench.docx", files["docx"], form,
                                                             agencies))
    print(f"{'format':<6} {'first':>8} {'body':>8} {'import':>8} {'/docx':>6} {'peak':>9}  "
          "sections as .docx")
    for suffix, data in files.items():
        name = f"bench.{suffix}"
        start = time.perf_counter()
        report = import_word_report(name, data, form, agencies)
        first = time.perf_counter() - start  # cold: as a user's first import in the process
        tracemalloc.start()
        import_word_report(name, data, form, agencies)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        body = base_body if suffix == "docx" else \
            best_of(repeat, lambda: read_word_body(name, data))
        whole = base_import if suffix == "docx" else \
            best_of(repeat, lambda: import_word_report(name, data, form, agencies))
        same = "yes" if report.sections == docx.sections else "NO"
        print(f".{suffix:<5} {first * 1000:6.0f}ms {body * 1000:6.0f}ms {whole * 1000:6.0f}ms "
              f"{whole / base_import:6.2f} {peak / 2**20:7.1f}MiB  {same}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS {rss:.0f} MiB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    main(parser.parse_args().repeat)
