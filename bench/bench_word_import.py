#!/usr/bin/env python3
"""Import of a 30-page report written by LibreOffice: the letterhead in a table, the title
"BÁO CÁO" + line break + subject, parts and items numbered automatically (Word's list
numbering, resolved from numbering.xml), points a) in their items, a quarter of the paragraphs
in a TCVN3 font, figures in sentences (some with "3 800" and a non-breaking space) and a
statistics table whose header is merged ("Kết quả" over "2021 | 2020").

The HTML is written here and converted once by LibreOffice (not timed). Baseline, in the same
process: python-docx opening the same file and reading every body paragraph's text, so the
ratio shows what reading the body as Word shows it, recognising headings, matching sections,
converting legacy runs and finding figures cost. Printed too: the pages (LibreOffice's PDF),
how many of the body's sentences reached their own section, and the figures found.

    .venv/bin/python bench/bench_word_import.py [--repeat 3]
"""

from __future__ import annotations

import argparse
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
sys.path.insert(0, str(ROOT / "bench"))

from common import best_of  # noqa: E402

from tests.lofiles import LETTERHEAD, SIGNATURE, html  # noqa: E402
from tests.wordfiles import tcvn3  # noqa: E402
from ttdn_desktop.core.proposals import sum_proposals  # noqa: E402
from ttdn_desktop.exchange.docx_import import import_word_report  # noqa: E402
from ttdn_desktop.workspace import load_forms  # noqa: E402

SENTENCE = ("Trong kỳ, đơn vị đã phối hợp với các cơ quan liên quan triển khai {topic}, quảng bá "
            "hình ảnh địa phương là điểm đến an toàn, thân thiện và hấp dẫn đối với nhà đầu tư, "
            "du khách quốc tế; kết quả được đánh giá cao.")
TOPICS = {"bao_chi": "đăng 245 tin, bài trên báo chí", "an_pham": "in 3\u00a0800 bản tài liệu",
          "tap_huan": "cử 11 lượt cán bộ tham dự lớp bồi dưỡng",
          "dau_tranh": "đăng 40 bài viết phản bác", "quang_ba": "tổ chức 3 sự kiện quảng bá"}


def build_html(form) -> tuple[str, int]:
    """The report as HTML, and how many body sentences it has (each belongs to its section)."""
    parts = [LETTERHEAD, '<p align="center"><b>BÁO CÁO<br>Kết quả công tác thông tin đối ngoại '
             "năm 2021, phương hướng, nhiệm vụ năm 2022</b></p>"]
    sentences, count = 0, 0
    tops = [s for s in form.prose_sections if s.level == 1]
    for n, top in enumerate(tops, start=1):
        parts.append(f'<ol type="I" start="{n}"><li><b>{top.heading}</b></li></ol>')
        children = form.children(top.id)
        for m, section in enumerate(children or [top], start=1):
            if children:
                parts.append(f'<ol start="{m}"><li><b>{section.heading}</b></li></ol>')
            for k in range(15):
                if k == 4:
                    parts.append("<p><b>a) Một số kết quả nổi bật</b></p>")
                text = " ".join([SENTENCE.format(topic=TOPICS.get(section.id,
                                                                  "công tác thông tin"))] * 2)
                if count % 4 == 0:
                    parts.append(f"<p><span style=\"font-family:'.VnTime'\">{tcvn3(text)}"
                                 "</span></p>")
                else:
                    parts.append(f"<p>{text}</p>")
                count += 1
                sentences += 2
    parts.append(SIGNATURE)
    parts.append("<p><b>Phụ lục</b></p><table border='1'><tr><td rowspan='2'>Chỉ tiêu</td>"
                 "<td rowspan='2'>Đơn vị tính</td><td colspan='2'>Kết quả</td></tr>"
                 "<tr><td>2021</td><td>2020</td></tr>")
    for row, indicator in enumerate(form.indicators, start=1):
        parts.append(f"<tr><td>{indicator.label}</td><td>{indicator.unit}</td>"
                     f"<td>{row * 10}</td><td>{row * 7}</td></tr>")
    parts.append("</table>")
    return html(*parts), sentences


def saved_as(source: str, folder: Path, targets: dict[str, str]
             ) -> tuple[dict[str, bytes], int | None]:
    """The HTML as LibreOffice saves it in each of `targets` ({suffix: filter}), and the page
    count (from the PDF of the first)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed: the bench reads files that LibreOffice wrote")
    (folder / "report.html").write_text(source, encoding="utf-8")
    profile = f"-env:UserInstallation=file:///tmp/lo-bench-{uuid.uuid4().hex}"
    for target in targets.values():
        subprocess.run([soffice, "--headless", profile, "--convert-to", target, "--outdir",
                        str(folder), str(folder / "report.html")],
                       capture_output=True, timeout=600, check=True)
    first = next(iter(targets))
    subprocess.run([soffice, "--headless", profile, "--convert-to", "pdf", "--outdir",
                    str(folder), str(folder / f"report.{first}")], capture_output=True,
                   timeout=600)
    shutil.rmtree(profile.split("file://", 1)[1], ignore_errors=True)
    pages = None
    if shutil.which("pdfinfo") and (folder / "report.pdf").exists():
        info = subprocess.run(["pdfinfo", str(folder / "report.pdf")], capture_output=True,
                              text=True).stdout
        pages = next((int(line.split()[-1]) for line in info.splitlines()
                      if line.startswith("Pages:")), None)
    return {suffix: (folder / f"report.{suffix}").read_bytes() for suffix in targets}, pages


def libreoffice(source: str, folder: Path) -> tuple[bytes, int | None]:
    """The .docx LibreOffice writes from the HTML, and its page count (from its PDF)."""
    files, pages = saved_as(source, folder, {"docx": "docx:MS Word 2007 XML"})
    return files["docx"], pages


def main(repeat: int) -> None:
    from docx import Document
    form = load_forms().latest()
    source, sentences = build_html(form)
    with tempfile.TemporaryDirectory(prefix="issue-10-bench-") as temp:
        data, pages = libreoffice(source, Path(temp))
    agencies = [("SNGV", "Sở Ngoại vụ")]
    words = len(" ".join(p.text for p in Document(io.BytesIO(data)).paragraphs).split())
    base = best_of(repeat, lambda: [p.text for p in Document(io.BytesIO(data)).paragraphs])
    start = time.perf_counter()
    report = import_word_report("bench.docx", data, form, agencies)
    first = time.perf_counter() - start  # cold: nothing cached yet, as a user's first import
    elapsed = best_of(repeat, lambda: import_word_report("bench.docx", data, form, agencies))
    matched = sum(1 for m in report.matches if m.section_id)
    placed = sum(len([s for s in line.split(". ") if "kết quả được đánh giá cao" in s])
                 for lines in report.sections.values() for line in lines)
    figures = sum_proposals(report.proposals)
    print(f"document (LibreOffice): {len(data) / 1024:.0f} KiB, {words} words"
          + (f", {pages} pages" if pages else ""))
    print(f"{'baseline: python-docx reads every paragraph':<46} {base * 1000:8.1f} ms")
    print(f"{'import, first in the process (cold caches)':<46} {first * 1000:8.1f} ms  "
          f"{first / base:4.1f}x baseline")
    print(f"{'import: body, headings, sections, legacy, figures':<46} {elapsed * 1000:8.1f} ms  "
          f"{elapsed / base:4.1f}x baseline")
    print(f"headings matched {matched}/{len(report.matches)}; sentences in their section "
          f"{placed}/{sentences} ({placed / sentences:.0%}); {len(report.other)} parts set "
          f"aside; {report.legacy_runs} legacy runs converted")
    print(f"figures proposed {len(report.proposals)}; period {report.period_guess.code}; "
          f"table column 2021: Số bản ấn phẩm = {figures.get(('ban_an_pham', ''))} "
          f"(2020's would be {6 * 7})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    main(parser.parse_args().repeat)
