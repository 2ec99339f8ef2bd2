"""The words of a heading or a label that say something: syllable by syllable, with their marks
when the text has marks, folded when typed without, the words that say nothing left out."""

from __future__ import annotations

import functools
import re

from ttdn_desktop.core.text import fold

# Words that say nothing about which section a heading is (with their marks: "chí" of báo chí
# is not "chỉ" of chỉ đạo).
STOP = set("""và của các cho về trên với trong theo tại là một những đã được việc công tác
    tỉnh năm tháng kỳ kết quả thông tin đối ngoại ttđn""".split())
STOP_STRONG = set("""và của các cho về trên với trong theo tại là một những đã được việc công tác
    hoạt động thực hiện""".split())
FOLDED_STOP = {fold(w) for w in STOP_STRONG}


# Words are compared syllable by syllable; «báo cáo» (a report, «báo cáo viên») shares its
# first with «báo chí» (the press) and is one word
_REPORT = re.compile(r"(?<!\w)(báo|bao)\s+(cáo|cao)(?!\w)", re.IGNORECASE)


def _syllables(text: str) -> list[str]:
    return re.findall(r"\w+", _REPORT.sub(r"\1\2", text.lower()))


def folded_syllables(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", _REPORT.sub(r"\1\2", fold(text)))


@functools.lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """Words with their marks when the text has marks; folded when typed without."""
    if text.isascii():
        return frozenset(w for w in folded_syllables(text) if w not in FOLDED_STOP)
    return frozenset(w for w in _syllables(text) if w not in STOP_STRONG)


@functools.lru_cache(maxsize=4096)
def folded_content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in folded_syllables(text) if w not in FOLDED_STOP)


def label_words(text: str) -> set[str]:
    return content_words(text) - STOP
