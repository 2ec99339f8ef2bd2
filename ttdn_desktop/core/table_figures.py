"""Figures in a table of a report: which column holds the period's own values, which row is
which indicator."""

from __future__ import annotations

import re

from ttdn_desktop.core import figure_text
from ttdn_desktop.core import units as units_data
from ttdn_desktop.core.figure_text import APPROXIMATE, COLUMN, OTHER_UNIT, RANGE, UNCLEAR
from ttdn_desktop.core.forms import TOTAL, Form, Section
from ttdn_desktop.core.proposals import Proposal
from ttdn_desktop.core.sentence_figures import topic_label
from ttdn_desktop.core.text import fold
from ttdn_desktop.core.words import label_words


_NOT_THIS_PERIOD = ("cung ky", "nam truoc", "ky truoc", "so sanh", "ke hoach", "ghi chu",
                    "don vi", "stt", "tang giam", "ty le %", "%")


# a table's column headers, never an indicator's label («Nội dung» is no «… có nội dung …»)
_HEADER_WORDS = {"tt", "stt", "so tt", "noi dung", "chi tieu", "ten chi tieu", "don vi",
                 "don vi tinh", "dvt", "so luong", "so lieu", "ket qua", "ghi chu",
                 "noi dung cong viec", "linh vuc", "hoat dong"}


def value_column(header: list[str], period=None) -> int | None:
    """The column of the report's own period, from the column headers (merged header rows
    joined: "Kết quả 2021", "Kết quả 2020"): the period's year or "kỳ này" first; never last
    year's, a comparison or a plan."""
    best, best_score = None, 0
    for n, text in enumerate(header):
        label = fold(text)
        if n == 0 or not label.strip():
            continue
        years = [int(y) for y in re.findall(r"\b(20[0-9][0-9])\b", label)]
        if any(k in label for k in _NOT_THIS_PERIOD):
            continue
        if period is not None and years and period.year not in years:
            continue  # another year's column
        score = 0
        if period is not None and period.year in years:
            score += 3
        score += 2 if any(k in label for k in ("ky nay", "trong ky", "nam nay", "ky bao cao",
                                               "thang nay", "quy nay")) else 0
        score += 1 if any(k in label for k in ("thuc hien", "ket qua", "so luong", "so lieu",
                                               "tong so")) else 0
        if years and period is None:
            latest = max(int(y) for h in header for y in re.findall(r"\b(20[0-9][0-9])\b", fold(h)))
            score += 1 if max(years) == latest else -9
        if score > best_score:
            best, best_score = n, score
        elif score == best_score and score > 0 and header[best] != text:
            best = None   # two columns alike («Số lượng | Số lượng»): which one is unsure
    return best


def _is_number_cell(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9\.,\s\u00a0\u202f%]+", text)) and \
        bool(re.search(r"[0-9]", text))


def figures_table(rows: list[list[str]]) -> bool:
    """A table of figures (a row per indicator: «Chỉ tiêu | Đơn vị | Kết quả …», the header
    rows merged or not): from its first row with a figure on, most rows give a label, then
    numbers, and nothing beside them longer than a unit or a short note. A table of results
    («Báo chí | Đăng 245 tin, bài …») gives sentences beside its labels, no bare numbers."""
    valued = []
    for row in rows:
        texts = [c.strip() for c in row if c.strip()]
        label = next((n for n, t in enumerate(texts) if not _is_number_cell(t)), None)
        labelled = label is not None
        numbers = labelled and any(_is_number_cell(t) for t in texts[label + 1:])
        short = labelled and all(len(t) <= 40 for n, t in enumerate(texts)
                                 if n != label and not _is_number_cell(t))
        valued.append((labelled, numbers and short))
    first = next((n for n, (_, ok) in enumerate(valued) if ok), None)
    if first is None:
        return False
    rest = [ok for labelled, ok in valued[first:] if labelled]
    return sum(rest) >= 2 and 2 * sum(rest) >= len(rest)


def table_proposals(form: Form, rows: list[list[str]], period=None,
                    section: Section | None = None) -> list[Proposal]:
    """Figures from a table whose rows name indicators (or breakdown members, under their
    indicator): the value from the column of the report's own period, chosen by its header."""
    proposals: list[Proposal] = []
    first_data = next((n for n, row in enumerate(rows)
                       if any(c.strip() and not _is_number_cell(c) for c in row)
                       and (any(_is_number_cell(c) for c in row[1:]) or (n and any(
                           _indicator_by_label(form, c)[0] for c in row if c.strip()
                           and fold(c).strip(" .:") not in _HEADER_WORDS)))),
                      None)  # an indicator's row without a figure (its parts follow) too
    if first_data is None:
        return []
    header = [" ".join(dict.fromkeys(rows[r][c] for r in range(first_data)
                                     if c < len(rows[r]) and rows[r][c].strip()))
              for c in range(max(len(r) for r in rows))]
    column = value_column(header, period) if first_data else None
    if column is None:
        # no header names this period: the one column of figures that names no other period
        # nor a comparison; several such columns (or none named, several figures on a row)
        # leave it unsure, and the row's figure is named, never taken (-2); none, -1
        numbered = {n for row in rows[first_data:] for n, c in enumerate(row)
                    if n and _is_number_cell(c)}
        usable = [n for n in sorted(numbered) if n < len(header) and not any(
            k in fold(header[n]) for k in _NOT_THIS_PERIOD)
            and not re.search(r"\b20[0-9][0-9]\b", header[n])]
        if not first_data or not any(header):
            usable = sorted(numbered)
        column = usable[0] if len(usable) == 1 else -2 if usable else -1
    # «Ước thực hiện 6 tháng»: the period's column gives estimates, named, never stored
    estimate = figure_text.estimate_column(header[column]) \
        if column is not None and 0 <= column < len(header) else ""
    notes = [n for n, h in enumerate(header) if "ghi chu" in fold(h)]
    unit_column = next((n for n, h in enumerate(header)
                        if re.search(r"\b(?:don vi tinh|dvt|don vi)\b", fold(h))), None)
    current, current_valued, parts = None, False, 0
    for row in rows[first_data:]:
        texts = [c.strip() for c in row]
        labels = [t for n, t in enumerate(texts)
                  if t and not _is_number_cell(t) and n != column and n not in notes]
        if not labels:
            continue
        label = max(labels, key=len)
        if column == -1:
            continue
        cell = texts[column] if 0 <= column < len(texts) else ""
        if not cell.strip():
            # the period's cell empty and a note that says roughly how many: named
            cell = next((texts[n] for n in notes if n < len(texts)
                         and figure_text.cell_figure(texts[n])[1]), "")
            if cell and not figure_text.cell_figure(cell)[1].startswith(
                    (APPROXIMATE, RANGE, UNCLEAR)):
                cell = ""
        member_of = _member(current, label) if current is not None else None
        if member_of is not None:
            key, score = (current.id, member_of), 0.9
        else:
            indicator, score = _indicator_by_label(form, label)
            # its label merged down over rows that each name a member beside it
            named = next((m for m in (_member(indicator, t) for t in labels if t != label)
                          if m), None) if indicator is not None else None
            if indicator is not None:
                current, current_valued, parts = indicator, False, 0
                key = (indicator.id, named or TOTAL)
            elif current is not None and not current_valued and parts and \
                    re.fullmatch(r"(?:tong|tong cong|tong so|cong)\b.*", fold(label).strip()):
                key = (current.id, TOTAL)  # the total of the part rows above, none of ours
            else:
                parts += 1
                continue
        indicator = form.indicator(key[0])
        if column == -2:
            figures = [t for n, t in enumerate(texts) if n and _is_number_cell(t)]
            if figures:
                proposals.append(Proposal(key, None, f"Bảng: {label}", score, "table",
                                          not_exact=COLUMN, phrase=" | ".join(figures)))
            continue
        value, why = figure_text.cell_figure(cell, indicator.kind == "rate")
        if value is None and not why:
            continue
        if estimate and not why:
            why = estimate
        written = texts[unit_column] if unit_column is not None and \
            unit_column < len(texts) else ""
        if not why and indicator.kind == "count" and written and \
                not units_data.same(written, indicator.unit, topic_label(form, indicator)):
            why = f"{OTHER_UNIT}: «{written}», chỉ tiêu tính bằng «{indicator.unit}»"
            cell = f"{cell} {written}"
        if key == (current.id, TOTAL):
            current_valued = True
        proposals.append(Proposal(key, value, f"Bảng: {label}", score, "table",
                                  not_exact=why, phrase=cell if why else ""))
    return proposals


def _member(indicator, label: str):
    if indicator.breakdown is None:
        return None
    text = fold(label).strip(" -–+•:")
    text = re.sub(r"^trong do:?\s*", "", text)
    return next((m.id for m in indicator.breakdown.members if fold(m.label) == text), None)


def _indicator_by_label(form: Form, label: str):
    words = label_words(label)
    best, best_score = None, 0.0
    for indicator in form.indicators:
        wanted = label_words(indicator.label)
        if not wanted or not words:
            continue
        common = words & wanted
        score = 0.7 * len(common) / len(wanted) + 0.3 * len(common) / len(words)
        if score > best_score:
            best, best_score = indicator, score
    return (best, round(best_score, 2)) if best_score >= 0.6 else (None, best_score)
