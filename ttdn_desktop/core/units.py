"""Units as agencies write them, kept as data: the same unit in other words («cuốn», «tờ» are
«bản»), visits of named people («lượt giáo viên», «lượt cán bộ» are «lượt người»), and the
occasions a counter of occasions counts («14 hội nghị báo cáo viên» is in «cuộc» when the
indicator is about conferences). All folded (fold: no accents, lower case). Pure; sentence_figures,
table_figures and sheetmatch read figures with it."""

from __future__ import annotations

import re

from ttdn_desktop.core.text import fold

# another word for the form's unit
SAME = {"cuon": "ban", "to": "ban", "quyen": "ban", "tin bai": "tin bai", "tin": "tin bai",
        "bai viet": "bai", "phong su": "tin bai", "hoc vien": "luot nguoi",
        "luot nguoi": "luot nguoi", "dau sach": "dau an pham", "doan khach": "doan",
        "fanpage": "tai khoan", "trang": "tai khoan", "phong vien": "nguoi"}

# whom a «lượt …» counts: a visit of any of them is a «lượt người»
PEOPLE = tuple(fold(w) for w in (
    "người", "cán bộ", "công chức", "viên chức", "cán bộ, công chức", "cán bộ, chiến sĩ",
    "chiến sĩ", "đảng viên", "hội viên", "đoàn viên", "giáo viên", "giảng viên", "học viên",
    "học sinh", "sinh viên", "đại biểu", "phóng viên", "biên tập viên", "báo cáo viên",
    "tuyên truyền viên", "thanh niên", "người dân", "nhân dân", "doanh nhân", "nhà báo",
    "kiều bào", "lãnh đạo"))
VISITS = "luot nguoi"
_PEOPLE_KEYS = {" ".join(p.replace(",", " ").split()) for p in PEOPLE}

# units that count occasions, and occasions a report counts in their place; an occasion is
# an indicator's unit only where the indicator's label names it
OCCASION_UNITS = tuple(fold(w) for w in ("cuộc", "sự kiện", "lần", "buổi", "hoạt động"))
OCCASIONS = tuple(fold(w) for w in (
    "hội nghị", "hội thảo", "tọa đàm", "toạ đàm", "hội chợ", "triển lãm", "diễn đàn",
    "họp báo", "giao ban", "lễ hội", "cuộc thi", "hội diễn", "liên hoan", "chương trình",
    "giao lưu"))


def key(text: str) -> str:
    """A unit as written («Tin, bài», «Cuốn», «lượt cán bộ») as a folded key."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def written_forms(form_units) -> set[str]:
    """Every folded unit to look for after a number: the form's, their other words, visits
    of named people, and occasions."""
    return set(form_units) | set(SAME) | {f"luot {p}" for p in PEOPLE} | set(OCCASIONS)


def canonical(written: str) -> str:
    """The form's unit a written unit is: «cuốn» is «bản», «lượt giáo viên» «lượt người»;
    an occasion stays itself (which unit it is depends on the indicator)."""
    written = key(written)
    if written in SAME:
        return SAME[written]
    if written.startswith("luot ") and written[5:] in _PEOPLE_KEYS:
        return VISITS
    return written


def derived(written: str) -> bool:
    """A unit of a kind (visits of named people, an occasion), not a word for the form's
    unit: a figure in it needs the sentence to speak of the indicator's topic."""
    written = key(written)
    return written not in SAME and (canonical(written) == VISITS or written in OCCASIONS)


def counts_occasion(written: str, unit: str, label: str) -> bool:
    """Whether an indicator in `unit` whose label (with its head's, for «Trong đó: …») is
    `label` counts the occasion written: «hội nghị» for «Hội nghị báo cáo viên» in «cuộc»."""
    written = key(written)
    return written in OCCASIONS and key(unit) in OCCASION_UNITS and \
        re.search(rf"(?<![a-z]){re.escape(written)}(?![a-z])", key(label)) is not None


def same(written: str, unit: str, label: str = "") -> bool:
    """Whether a unit as written (a sheet's or a table's «Đơn vị tính» cell) is the
    indicator's: the same word, another word for it, a shorter one («lượt» for «lượt
    người»), visits of named people for «lượt người», an occasion its label names for a
    counter of occasions."""
    mine, theirs = canonical(unit), canonical(written)
    return theirs == mine or bool(theirs) and set(theirs.split()) <= set(mine.split()) or \
        counts_occasion(written, unit, label)
