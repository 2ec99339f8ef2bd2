"""An agency's own statistics sheet, read for its figures: which rows are the title block and
which the header, which column holds the labels, the units and this period's figures, which
row is which indicator of the form (by its label and its unit, never by its place), and what
must be said rather than taken: hidden rows, formulas never calculated, a «Tổng» row that does
not add up, two rows claiming one indicator, labels that match nothing.

Pure: it works on `Grid`s, the cells of a sheet as office readers (.xlsx, .xls) hand them over.
Every figure found is only proposed, with the cell it came from («'Số liệu'!D7»)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ttdn_desktop.core.forms import TOTAL, Form
from ttdn_desktop.core.text import fold, format_number, parse_number, shown
from ttdn_desktop.core import units
from ttdn_desktop.core.figure_text import estimate_column
from ttdn_desktop.core.proposals import Proposal
from ttdn_desktop.core.table_figures import value_column
from ttdn_desktop.core.words import label_words

SURE_LABEL = 0.6  # as table_figures' reading of a table: below this a label names no indicator
MAX_ROWS = 5_000  # a statistics sheet; past this it is something else (a list, a database)
MAX_COLUMNS = 60


@dataclass
class Grid:
    """One worksheet: cell values by (row, column), 1-based, as the file keeps them (text, int
    or float; a formula's calculated value). `merged`: (first row, first column, last row, last
    column) of each merged range, its value in its first cell only."""
    name: str
    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    unevaluated: set[tuple[int, int]] = field(default_factory=set)  # formulas with no value
    hidden: bool = False  # the sheet itself

    @property
    def rows(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    @property
    def columns(self) -> int:
        return max((c for _, c in self.cells), default=0)

    def address(self, row: int, column: int) -> str:
        sheet = self.name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", self.name) else \
            "'" + self.name.replace("'", "''") + "'"
        return f"{sheet}!{column_letter(column)}{row}"


def column_letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class SheetFigures:
    proposals: list[Proposal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)   # what was not taken, and why; checks
    title: list[str] = field(default_factory=list)   # the title block's lines
    column_note: str = ""                            # where this period's figures were read


def _text(value) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else ""


_GROUPED = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+")


def cell_number(value):
    """A cell's number, read exactly: a number cell as it is (3800.0 is 3800), a number typed
    as text as Vietnamese write it («3.800», «3 800», «1.250» are thousands, «99,5» has a
    decimal comma); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() else value
    text = _text(value)
    if not text or not re.search(r"[0-9]", text):
        return None
    if _GROUPED.fullmatch(text):
        text = re.sub(r"[ \u00a0\u202f]", "", text)
    elif " " in text:
        return None
    try:
        return parse_number(text)
    except ValueError:
        return None


def _is_label(value) -> bool:
    text = _text(value)
    return len(text) >= 2 and cell_number(text) is None and bool(re.search(r"[^\W\d_]{2}", text))


_TOTAL = re.compile(r"^(tong cong|tong so chung|tong so|tong|cong)\b[\s:.]*$")


def is_total(label: str) -> bool:
    return bool(_TOTAL.match(fold(label).strip(" -–+•*()0123456789.")))


def same_unit(written: str, unit: str, label: str = "") -> bool:
    """Whether a sheet's unit («tin, bài», «Cuốn», «lượt cán bộ») is the indicator's."""
    return units.same(written, unit, label)


def _label_score(words: set[str], label: str) -> float:
    wanted = label_words(label)
    if not wanted or not words:
        return 0.0
    common = words & wanted
    return 0.7 * len(common) / len(wanted) + 0.3 * len(common) / len(words)


def match_row(form: Form, label: str, unit: str):
    """(indicator, score, refused because of its unit) for a row's label and unit: the best
    label among the indicators whose unit is the row's (all of them when the row gives none)."""
    words = label_words(label)
    best, best_score, other = None, 0.0, None
    for indicator in form.indicators:
        score = _label_score(words, indicator.label)
        if score < SURE_LABEL:
            continue
        if unit and indicator.kind == "count" and not same_unit(unit, indicator.unit,
                                                                   indicator.label):
            if other is None or score > other[1]:
                other = (indicator, score)
            continue
        if score > best_score:
            best, best_score = indicator, score
    if best is None:
        return None, 0.0, other[0] if other else None
    if unit:
        best_score = min(1.0, best_score + 0.1)  # the unit agrees too
    return best, round(best_score, 2), None


def member_of(indicator, label: str):
    """The breakdown member a row under `indicator` names («- Tiếng Anh», «Trong đó: tiếng
    Anh»), or None."""
    if indicator is None or indicator.breakdown is None:
        return None
    text = re.sub(r"^trong do:?\s*", "", fold(label).strip(" -–+•:*"))
    return next((m.id for m in indicator.breakdown.members if fold(m.label) == text), None)


def _expanded(grid: Grid) -> dict[tuple[int, int], object]:
    """Cells with a merged range's value in every cell of it (for headers)."""
    cells = dict(grid.cells)
    for top, left, bottom, right in grid.merged:
        value = grid.cells.get((top, left))
        if value is None:
            continue
        for r in range(top, min(bottom, top + 50) + 1):
            for c in range(left, min(right, left + MAX_COLUMNS) + 1):
                cells.setdefault((r, c), value)
    return cells


def _first_data_row(grid: Grid, ncols: int) -> int | None:
    for r in range(1, min(grid.rows, MAX_ROWS) + 1):
        values = [grid.cells.get((r, c)) for c in range(1, ncols + 1)]
        labels = [c for c, v in enumerate(values, start=1) if _is_label(v)]
        numbers = [c for c, v in enumerate(values, start=1)
                   if (cell_number(v) is not None or (r, c) in grid.unevaluated)]
        if labels and any(n > min(labels) for n in numbers):
            return r
    return None


def _table_shape(grid: Grid):
    """(first data row, first header row, cells with merged values spread) or None."""
    ncols = min(grid.columns, MAX_COLUMNS)
    first = _first_data_row(grid, ncols)
    if first is None:
        return None
    expanded = _expanded(grid)
    header_top = first
    while header_top > 1:
        texts = {_text(expanded.get((header_top - 1, c))) for c in range(1, ncols + 1)} - {""}
        if len(texts) < 2:
            break
        header_top -= 1
    return first, header_top, expanded


def title_lines(grid: Grid) -> list[str]:
    """The lines of the title block above the table (agency, subject, period)."""
    shape = _table_shape(grid)
    if shape is None:
        return []
    _first, header_top, expanded = shape
    ncols = min(grid.columns, MAX_COLUMNS)
    lines: list[str] = []
    for r in range(1, header_top):
        texts = dict.fromkeys(_text(expanded.get((r, c))) for c in range(1, ncols + 1))
        lines.extend(t for t in texts if t)
    return lines


def read_grid(form: Form, grid: Grid, period=None) -> SheetFigures:
    """The figures of one sheet, proposed, and everything said about it."""
    found = SheetFigures()
    ncols = min(grid.columns, MAX_COLUMNS)
    shape = _table_shape(grid)
    if shape is None:
        return found
    first, header_top, expanded = shape
    found.title = title_lines(grid)
    header = [""] + [" ".join(dict.fromkeys(t for r in range(header_top, first)
                                            if (t := _text(expanded.get((r, c))))))
                     for c in range(1, ncols + 1)]
    folded = [fold(h) for h in header]
    data_rows = [r for r in range(first, min(grid.rows, MAX_ROWS) + 1)]
    unit_col = next((c for c in range(1, ncols + 1)
                     if re.search(r"\bdon vi tinh\b|\bdvt\b|^don vi$", folded[c])), None)
    skip = {c for c in range(1, ncols + 1)
            if re.search(r"\bstt\b|\bghi chu\b|\bso thu tu\b", folded[c])} | {unit_col}
    label_counts = {c: sum(1 for r in data_rows if _is_label(grid.cells.get((r, c))))
                    for c in range(1, ncols + 1) if c not in skip}
    if not label_counts or max(label_counts.values()) == 0:
        return found
    label_col = max(label_counts, key=lambda c: (label_counts[c], -c))
    # figures stand right of their label; numbers left of it are the rows' numbering
    numeric = [c for c in range(label_col + 1, ncols + 1) if c not in skip
               and c not in grid.hidden_columns
               and any(cell_number(grid.cells.get((r, c))) is not None
                       or (r, c) in grid.unevaluated for r in data_rows)]
    choice = [header[c] if c in numeric else "" for c in range(ncols + 1)]
    value_col = value_column(choice, period) if any(choice) else None
    if value_col is None:
        plain = [c for c in numeric if not re.search(r"\b20[0-9][0-9]\b", header[c]) and
                 not any(k in folded[c] for k in ("cung ky", "nam truoc", "ky truoc", "so sanh",
                                                  "ke hoach", "tang giam", "%"))]
        if len(plain) != 1:
            if numeric:
                found.warnings.append(
                    f"trang «{grid.name}»: không rõ cột nào là số liệu của kỳ báo cáo (các cột "
                    + ", ".join(f"{column_letter(c)} «{shown(header[c], 40) or 'không tên'}»"
                                for c in numeric) + "); không lấy số nào")
            return found
        value_col = plain[0]
    found.column_note = (f"trang «{grid.name}»: số liệu lấy ở cột {column_letter(value_col)} "
                         f"«{shown(header[value_col], 80) or 'không tên'}»")
    # «Ước thực hiện 6 tháng»: estimates, proposed as such (named, never stored), as in the
    # tables of a Word report
    estimate = estimate_column(header[value_col])
    _read_rows(form, grid, found, data_rows, label_col, unit_col, value_col, estimate)
    return found


@dataclass
class _Row:
    row: int
    label: str
    key: tuple[str, str]
    value: int | float
    confidence: float


def _read_rows(form: Form, grid: Grid, found: SheetFigures, rows: list[int], label_col: int,
               unit_col: int | None, value_col: int, estimate: str = "") -> None:
    taken: list[_Row] = []
    current = None          # the indicator whose breakdown members may follow
    parts: list[int | float] = []  # top-level figures since the header or the last total
    unknown: list[str] = []  # cells among them whose number cannot be known
    for r in rows:
        label = _text(grid.cells.get((r, label_col)))
        unit = _text(grid.cells.get((r, unit_col))) if unit_col else ""
        raw = grid.cells.get((r, value_col))
        where = grid.address(r, value_col)
        pending = (r, value_col) in grid.unevaluated
        value = cell_number(raw)
        if not label:
            if value is not None:
                found.warnings.append(f"ô {where} = {format_number(value)}: dòng {r} không có tên "
                                   "chỉ tiêu; không lấy")
            continue
        named = f"dòng {r} «{shown(label, 70)}»"
        if is_total(label):
            if pending:
                found.warnings.append(f"ô {where} có công thức chưa tính giá trị ({named}); không "
                                   "kiểm tra được tổng")
            elif value is not None and unknown:
                found.warnings.append(f"{named}: không kiểm tra được tổng ghi {format_number(value)}"
                                   f" vì ở trên có ô không đọc được số ({', '.join(unknown[:3])})"
                                   "; dòng tổng không được nhận")
            elif value is not None and parts:
                added = sum(parts)
                if added != value:
                    found.warnings.append(
                        f"{named}: tổng ghi {format_number(value)} nhưng các dòng trên cộng lại "
                        f"được {format_number(added)} (ô {where}); dòng tổng không được nhận, "
                        "hãy kiểm tra với đơn vị")
            parts, unknown, current = [], [], None
            continue
        member = member_of(current, label)
        if member is None:
            indicator, score, other_unit = match_row(form, label, unit)
            current = indicator
            if pending or (value is None and raw is not None and cell_number(raw) is None
                           and _text(raw) not in ("", "-", "–", "x", "X")) or \
                    isinstance(value, float):
                unknown.append(grid.address(r, value_col))
            elif value is not None:
                parts.append(value)
        else:
            indicator, score, other_unit = current, 0.9, None
        if pending:
            found.warnings.append(f"ô {where} có công thức chưa tính giá trị ({named}); không lấy "
                               "— đề nghị đơn vị mở tệp bằng Excel, lưu lại rồi gửi lại")
            continue
        if raw is None or isinstance(raw, str) and _text(raw) in ("", "-", "–", "x", "X"):
            continue
        if value is None:
            found.warnings.append(f"ô {where} ghi «{shown(_text(raw), 40)}» ({named}): không phải "
                               "một số chính xác; không lấy")
            continue
        if indicator is None:
            if other_unit is not None:
                found.warnings.append(f"{named}: giống chỉ tiêu «{other_unit.label}» nhưng đơn vị "
                                   f"tính «{shown(unit, 30)}» khác «{other_unit.unit}»; không "
                                   "lấy")
            else:
                found.warnings.append(f"{named} = {format_number(value)}: không khớp chỉ tiêu nào "
                                   "của mẫu; không lấy")
            continue
        if indicator.kind == "count" and (not isinstance(value, int) or value < 0):
            found.warnings.append(f"ô {where} ghi {shown(str(raw), 30)} ({named}): chỉ tiêu "
                               f"«{indicator.label}» là số nguyên không âm; không lấy")
            continue
        if r in grid.hidden_rows:
            found.warnings.append(f"{named} đang bị ẩn (ô {where} = {format_number(value)}): không "
                               "lấy số của dòng ẩn; nếu đúng, hãy nhập tay")
            continue
        taken.append(_Row(r, label, (indicator.id, member or TOTAL), value, score))
    by_key: dict[tuple[str, str], list[_Row]] = {}
    for item in taken:
        by_key.setdefault(item.key, []).append(item)
    for key, items in by_key.items():
        if len(items) > 1:
            indicator = form.indicator(key[0])
            rows_named = " và ".join(f"dòng {i.row} ({format_number(i.value)})" for i in items)
            found.warnings.append(f"{rows_named} cùng khớp chỉ tiêu «{indicator.label}»: không lấy "
                               "dòng nào, hãy kiểm tra rồi nhập tay")
            continue
        item = items[0]
        found.proposals.append(Proposal(
            key, item.value, f"ô {grid.address(item.row, value_col)}: {item.label}",
            item.confidence, "table", not_exact=estimate,
            phrase=format_number(item.value) if estimate else ""))
