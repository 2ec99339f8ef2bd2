"""Reports for measuring the drafted consolidated report on texts that vary as real ones do:
the Word-import corpora's reports (tests/corpus.py, tests/layoutcorpus.py: each agency's own
sentences, placed in their sections, with the figures it may store), and the demo's reports
reworded agency by agency as people reword a model text («Đã tổ chức 03 cuộc…», «trong kỳ»,
«TTĐN»). Shared by tests/test_drafting.py and bench/bench_draft.py."""

from __future__ import annotations

import random
import re

from ttdn_desktop.core.agency import Agency
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.demo import demo_agencies, demo_content

from . import corpus, layoutcorpus


def corpus_reports(form) -> list[tuple[Agency, ReportContent]]:
    """One agency per corpus report: its sentences in the sections they belong to."""
    sections = {s.id for s in form.prose_sections}
    out = []
    for n, (name, expected) in enumerate([*corpus.EXPECTED.items(),
                                          *layoutcorpus.EXPECTED.items()], start=1):
        texts = {section: "\n".join(lines) for section, lines in expected.items()
                 if section in sections and lines}
        figures = {key: value for key, value in corpus.FIGURES.get(name, {}).items()
                   if form.indicator(key[0]) is not None}
        label = name.rsplit(".", 1)[0].replace("_", " ")
        out.append((Agency(f"VB{n:02d}", f"Đơn vị {label}"), ReportContent(texts, figures)))
    return out


_WORDINGS = [
    (re.compile(r"^(Tổ chức|Ban hành|Phát hành|Phối hợp|Tham gia|Đón tiếp|Đăng|Duy trì)"),
     lambda m, rng: rng.choice(["Đã ", "Trong kỳ, đã ", ""]) + m.group(1).lower()
     if rng.random() < 0.6 else m.group(1)),
    (re.compile(r"(?<![\d.,])([1-9])(?= (?:cuộc|lớp|đoàn|sự kiện|chuyên mục))"),
     lambda m, rng: f"0{m.group(1)}" if rng.random() < 0.5 else m.group(1)),
    (re.compile(r"thông tin đối ngoại"),
     lambda m, rng: "TTĐN" if rng.random() < 0.15 else m.group()),
    (re.compile(r"\.$"),
     lambda m, rng: rng.choice([" trong kỳ báo cáo.", " theo kế hoạch.", ".", ".", "."])),
]


def reworded(text: str, rng: random.Random) -> str:
    lines = []
    for line in text.split("\n"):
        for pattern, change in _WORDINGS:
            line = pattern.sub(lambda m: change(m, rng), line)
        lines.append(line[:1].upper() + line[1:])
    return "\n".join(lines)


def varied_demo(form, count: int, period) -> list[tuple[Agency, ReportContent]]:
    """The demo's reports, each agency's text reworded its own way (the same figures)."""
    out = []
    for code, name in demo_agencies(count):
        content = demo_content(form, code, name, period)
        rng = random.Random(f"reworded/{code}/{period.code}")
        content.sections = {k: reworded(v, rng) for k, v in content.sections.items()}
        out.append((Agency(code, name), content))
    return out
