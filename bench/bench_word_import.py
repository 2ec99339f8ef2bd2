#!/usr/bin/env python3
"""Import time of a 30-page report written in Word: 18 numbered headings, about 16,000 words,
a quarter of the paragraphs in a TCVN3 font, a table of figures.

Baseline, in the same process: python-docx opening the same file and reading every paragraph's
text, so the ratio shows what recognising headings, matching sections, converting legacy runs
and finding figures cost. With LibreOffice installed, the document's page count is printed too.

    .venv/bin/python bench/bench_word_import.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import best_of  # noqa: E402
from docx import Document  # noqa: E402

from tests.wordfiles import add_run, letterhead, save, signature, tcvn3  # noqa: E402
from ttdn_desktop.exchange.docx_import import import_word_report  # noqa: E402
from ttdn_desktop.workspace import load_forms  # noqa: E402

SENTENCE = ("Trong kỳ, đơn vị đã phối hợp với các cơ quan báo chí đăng tải tin, bài về hoạt động "
            "đối ngoại, quảng bá hình ảnh địa phương là điểm đến an toàn, thân thiện và hấp dẫn "
            "đối với nhà đầu tư, du khách quốc tế; phát hành 1.200 bản tài liệu giới thiệu.")


def build(form) -> bytes:
    document = Document()
    letterhead(document, ["UBND TỈNH QUẢNG NINH", "SỞ NGOẠI VỤ"],
               ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])
    add_run(document.add_paragraph(), "BÁO CÁO", bold=True)
    add_run(document.add_paragraph(), "Kết quả công tác thông tin đối ngoại năm 2021", bold=True)
    count = 0
    for section in form.prose_sections:
        add_run(document.add_paragraph(), section.numbered_heading, bold=True)
        for n in range(10):
            paragraph = document.add_paragraph()
            text = " ".join([SENTENCE] * 2)
            if count % 4 == 0:
                add_run(paragraph, tcvn3(text), font=".VnTime", soft_hyphen_as_element=True)
            else:
                add_run(paragraph, text)
            count += 1
    signature(document)
    table = document.add_table(rows=len(form.indicators) + 1, cols=3)
    table.cell(0, 1).text, table.cell(0, 2).text = "Chỉ tiêu", "Kỳ này"
    for row, indicator in enumerate(form.indicators, start=1):
        table.cell(row, 1).text = indicator.label
        table.cell(row, 2).text = str(row * 10)
    return save(document)


def pages(data: bytes) -> int | None:
    if not shutil.which("soffice") or not shutil.which("pdfinfo"):
        return None
    with tempfile.TemporaryDirectory() as temp:
        path = Path(temp) / "report.docx"
        path.write_bytes(data)
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{temp}/lo",
                        "--convert-to", "pdf", "--outdir", temp, str(path)],
                       capture_output=True, timeout=300)
        info = subprocess.run(["pdfinfo", str(Path(temp) / "report.pdf")], capture_output=True,
                              text=True).stdout
        return next((int(line.split()[-1]) for line in info.splitlines()
                     if line.startswith("Pages:")), None)


def main(repeat: int) -> None:
    form = load_forms().latest()
    data = build(form)
    words = len(" ".join(p.text for p in Document(io.BytesIO(data)).paragraphs).split())
    page_count = pages(data)
    agencies = [("SNGV", "Sở Ngoại vụ")]
    base = best_of(repeat, lambda: [p.text for p in Document(io.BytesIO(data)).paragraphs])
    report = import_word_report("bench.docx", data, form, agencies)
    elapsed = best_of(repeat, lambda: import_word_report("bench.docx", data, form, agencies))
    matched = sum(1 for m in report.matches if m.section_id)
    print(f"document: {len(data) / 1024:.0f} KiB, {words} words"
          + (f", {page_count} pages (LibreOffice)" if page_count else ""))
    print(f"{'baseline: python-docx reads every paragraph':<46} {base * 1000:8.1f} ms")
    print(f"{'import: headings, sections, legacy, figures':<46} {elapsed * 1000:8.1f} ms  "
          f"{elapsed / base:4.1f}x baseline")
    print(f"matched {matched}/{len(report.matches)} headings, {report.legacy_runs} legacy runs "
          f"converted, {len(report.proposals)} figures proposed")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    main(parser.parse_args().repeat)
