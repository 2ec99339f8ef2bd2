#!/usr/bin/env python3
"""The time of one autosave of one section in a big report (issues 13 and 14): 200 sections
holding 30 pages of text in all, and 200 sections of a page each. The baseline, in the same
process and the same database: the same save re-indexing the whole report for search, as every
autosave did before (storage.search.index_report in place of index_sections).

    .venv/bin/python bench/bench_autosave_index.py [--sections 200] [--pages 30] [--saves 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ttdn_desktop.core.periods import Period  # noqa: E402
from ttdn_desktop.core.report import ReportContent  # noqa: E402
from ttdn_desktop.storage import reports as report_store  # noqa: E402
from ttdn_desktop.storage.search import index_report, index_sections  # noqa: E402
from ttdn_desktop.workspace import Workspace  # noqa: E402

PARAGRAPH = ("Trong kỳ, Sở đã phối hợp tổ chức các hoạt động thông tin đối ngoại, cung cấp thông "
             "tin cho phóng viên nước ngoài, phát hành ấn phẩm giới thiệu tiềm năng của tỉnh bằng "
             "tiếng Anh, tiếng Trung và tiếng Nhật; tổ chức hội nghị báo cáo viên về công tác đối "
             "ngoại, tập huấn cho cán bộ cơ sở về kỹ năng phát ngôn và xử lý thông tin xấu độc "
             "trên mạng xã hội.")
PARAGRAPHS_A_PAGE = 7  # about 500 words


def whole_report_reindex(db, report_id, section_ids):
    """How every autosave indexed before: the whole report, whatever was saved."""
    index_report(db, report_id)


def one_save_each(workspace, report_id, sections: dict[str, str], saves: int) -> tuple:
    """Median seconds of one autosave of the middle section, now and with the baseline,
    alternating so both see the same machine."""
    section_id = sorted(sections)[len(sections) // 2]
    times = {"now": [], "baseline": []}
    for n in range(saves):
        for label in ("now", "baseline"):
            report_store.index_sections = (index_sections if label == "now"
                                           else whole_report_reindex)
            text = f"{sections[section_id]}\nSửa lần {n} ({label})."
            start = time.perf_counter()
            report_store.save_draft(workspace.db, report_id, {section_id: text})
            times[label].append(time.perf_counter() - start)
    report_store.index_sections = index_sections
    return statistics.median(times["now"]), statistics.median(times["baseline"])


def run(folder: Path, name: str, sections: int, paragraphs: int, saves: int) -> None:
    with Workspace(folder / f"{name.strip()}.sqlite3") as workspace:
        workspace.agencies.add("SNGV", "Sở Ngoại vụ")
        report_id = workspace.reports.new("SNGV", Period.parse("2021-H1"))
        texts, left = {}, paragraphs
        for n in range(sections):
            count = left // (sections - n)
            left -= count
            texts[f"muc_{n:03d}"] = "\n".join(f"{n}.{k}. {PARAGRAPH}" for k in range(count)) \
                or f"Mục {n}."
        report_store.save_content(workspace.db, report_id, ReportContent(texts))
        now, baseline = one_save_each(workspace, report_id, texts, saves)
        assert [h.section_id for h in workspace.reports.search("sua lan")] == [sorted(texts)[sections // 2]]
    pages = paragraphs / PARAGRAPHS_A_PAGE
    print(f"{name}: {sections} sections, {pages:.0f} pages: one autosave {now * 1000:.1f} ms "
          f"(whole-report reindex baseline {baseline * 1000:.1f} ms), ratio {now / baseline:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, default=200)
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--saves", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ttdn-bench-autosave-") as folder:
        run(Path(folder), "spread", args.sections, args.pages * PARAGRAPHS_A_PAGE, args.saves)
        run(Path(folder), "large ", args.sections, args.sections * PARAGRAPHS_A_PAGE, args.saves)


if __name__ == "__main__":
    main()
