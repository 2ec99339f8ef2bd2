#!/usr/bin/env python3
"""The drafted consolidated report beside the pasted one (issue 24): characters, and printed
pages of the Word report (LibreOffice's PDF), on the demo with last year's period imported
(`ttdn demo` and `ttdn import`, both years), and characters on reports whose texts vary as
real ones do (the Word-import corpora; the demo reworded agency by agency). Goal on the demo:
the draft a quarter of the pasted report or less.

    .venv/bin/python bench/bench_draft.py [--agencies 60] [--no-pages] [--keep DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.draftcorpus import corpus_reports, varied_demo  # noqa: E402
from ttdn_desktop.cli import main as ttdn  # noqa: E402
from ttdn_desktop.core.drafting import draft_sections  # noqa: E402
from ttdn_desktop.core.merge import Contribution, attributed_lines, consolidate  # noqa: E402
from ttdn_desktop.core.periods import Period  # noqa: E402
from ttdn_desktop.core.richtext import plain_text  # noqa: E402
from ttdn_desktop.workspace import Workspace  # noqa: E402

PERIOD = Period.parse("2021-H1")


def pasted_chars(merged) -> int:
    """What the pasted report prints of its sections: each agency named before its text."""
    return sum(len(line) + 1 for m in merged.sections for agency, text in m.contributions
               for line in attributed_lines(agency.name, plain_text(text)))


def drafted_chars(drafted: dict[str, str]) -> int:
    return sum(len(plain_text(text)) + 1 for text in drafted.values() if text)


def with_draft(merged, drafted):
    """The consolidation with each section showing its draft (as the secretariat's text)."""
    sections = [dataclasses.replace(m, edited=drafted[m.section.id]) for m in merged.sections]
    return dataclasses.replace(merged, sections=sections)


def pages(merged, letterhead, folder: Path, name: str) -> int:
    from ttdn_desktop.export.docx_report import write_report_docx
    docx = folder / f"{name}.docx"
    write_report_docx(merged, docx, letterhead)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    profile = folder / f"lo-{uuid.uuid4().hex}"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{profile}",
                    "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                   capture_output=True, timeout=900, check=True)
    shutil.rmtree(profile, ignore_errors=True)
    info = subprocess.run(["pdfinfo", str(folder / f"{name}.pdf")], capture_output=True,
                          text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines()
                    if line.startswith("Pages:")))


def demo(folder: Path, agencies: int, count_pages: bool) -> None:
    db = folder / "bench.sqlite3"
    for period in (PERIOD, PERIOD.same_period_last_year()):
        with contextlib.redirect_stdout(io.StringIO()):   # a line per package imported
            ttdn(["--db", str(db), "demo", str(folder / period.code), "--period", period.code,
                  "--agencies", str(agencies)])
            assert ttdn(["--db", str(db), "import", str(folder / period.code)]) == 0
    with Workspace(db) as workspace:
        merged = workspace.consolidation(PERIOD)
        letterhead = workspace.letterhead()
        kinds = {a["code"]: a["kind"] for a in workspace.agencies()}
    start = time.perf_counter()
    drafted = draft_sections(merged)
    took = time.perf_counter() - start
    by_kind = draft_sections(merged, grouping="kinds", kinds=kinds)
    pasted, written = pasted_chars(merged), drafted_chars(drafted)
    print(f"\nDemo, {agencies} agencies, {PERIOD.code} with {PERIOD.same_period_last_year().code}"
          f" imported ({merged.reported} reports):")
    print(f"  pasted sections : {pasted:>9,} characters")
    print(f"  drafted         : {written:>9,} characters  ({written / pasted:.1%} of pasted;"
          f" by «Loại»: {drafted_chars(by_kind):,}); drafted in {took:.2f} s")
    if count_pages:
        pasted_pages = pages(merged, letterhead, folder, "pasted")
        drafted_pages = pages(with_draft(merged, drafted), letterhead, folder, "drafted")
        print(f"  Word report     : {pasted_pages} pages pasted, {drafted_pages} pages drafted "
              f"(annex included in both; PDFs in {folder})")


def varying(agencies: int) -> None:
    from ttdn_desktop.core.forms import FormLibrary
    form = FormLibrary.from_dirs([ROOT / "forms"]).latest()
    for label, reports in (("Word-import corpora (31 reports, all different)",
                            corpus_reports(form)),
                           (f"demo reworded agency by agency ({agencies} agencies)",
                            varied_demo(form, agencies, PERIOD))):
        merged = consolidate(form, PERIOD, [a for a, _ in reports],
                             {a.code: Contribution(a, 1, None, None, c) for a, c in reports})
        drafted = draft_sections(merged)
        pasted, written = pasted_chars(merged), drafted_chars(drafted)
        print(f"\n{label}:\n  pasted {pasted:,} characters, drafted {written:,} "
              f"({written / pasted:.1%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=60)
    parser.add_argument("--no-pages", action="store_true", help="skip the LibreOffice PDFs")
    parser.add_argument("--keep", type=Path, help="write into this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-draft-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        demo(folder, args.agencies, not args.no_pages)
        varying(args.agencies)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
