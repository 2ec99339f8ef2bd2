"""Lines, table grids and the cells of ruled tables rebuilt from where a PDF draws its
characters and lines (pdf_page); pdf_body makes paragraphs of them.

A line is the characters on one baseline, in order along it. A line falls into segments
where a gap is wider than a word space and no space is drawn in it: two cells side by side
(the letterhead's agency and national motto) or a tab stop. A ruled table is a connected net of
horizontal and vertical lines; its grid is the distinct positions of those lines, and two
neighbouring grid cells with no line between them are one merged cell, whose text the grid
repeats as a .docx table's does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ttdn_desktop.exchange.pdf_page import Char

# a list marker set apart from its text by a tab: «I.», «1.», «a)», «-», «•»
MARKER = re.compile(r"^(?:[IVXLC]{1,6}[.\-]|[0-9]{1,3}(?:\.[0-9]{1,3})*[.)\-]|[a-zđ][.)]|"
                    r"[-–+•*▪●◦○■□\uf0b7\uf0a7\uf0d8]|\(?[0-9a-z]{1,3}\))$")
_TOL = 2.5   # points: two rules this close are one (a double border), a cell's edge


@dataclass
class Line:
    y: float
    size: float
    segments: list[list[Char]] = field(default_factory=list)

    @property
    def chars(self) -> list[Char]:
        """The characters of the line, a space between its segments."""
        return _joined(self.segments)

    @property
    def left(self) -> float:
        return self.segments[0][0].left

    @property
    def right(self) -> float:
        return self.segments[-1][-1].right

    @property
    def text(self) -> str:
        return " ".join(seg_text(s) for s in self.segments)

    @property
    def bold(self) -> bool:
        return all(c.bold for s in self.segments for c in s if c.text != " ")


def seg_text(segment: list[Char]) -> str:
    return "".join(c.text for c in segment)


def make_lines(chars: list[Char]) -> list[Line]:
    """Characters into lines, top of the page first."""
    groups: list[list[Char]] = []
    base = 0.0
    for char in sorted(chars, key=lambda c: -c.y):
        if groups and base - char.y <= 0.4 * max(char.size, 1.0):
            groups[-1].append(char)
        else:
            groups.append([char])
            base = char.y
    # cells side by side whose baselines differ a little (a smaller font in one of them) are
    # one line of two segments, as on the same baseline
    merged: list[list[Char]] = []
    for group in groups:
        if merged and _side_by_side(merged[-1], group):
            merged[-1] = merged[-1] + group
        else:
            merged.append(group)
    lines = []
    for group in merged:
        sizes = sorted(c.size for c in group if c.text != " ")
        size = sizes[len(sizes) // 2] if sizes else group[0].size
        ys = sorted(c.y for c in group if c.text != " ") or [group[0].y]
        y = ys[len(ys) // 2]
        # a footnote's number raised after a word is no part of the text («số 111.¹»)
        group = [c for c in group if not (c.text.isdigit() and c.size < 0.8 * size and
                                          c.y > y + 0.2 * size)]
        group.sort(key=lambda c: c.x)
        segments = _segments(group)
        if segments:
            lines.append(Line(y, size, segments))
    return lines


def _joined(segments: list[list[Char]]) -> list[Char]:
    out: list[Char] = []
    for segment in segments:
        if out:
            tail = out[-1]
            out.append(Char(" ", tail.right, tail.right, segment[0].left, tail.y, tail.size,
                            tail.bold and segment[0].bold, tail.italic and segment[0].italic))
        out.extend(segment)
    return out


def _side_by_side(above: list[Char], below: list[Char]) -> bool:
    size = max(max(c.size for c in above), max(c.size for c in below))
    if above[0].y - below[0].y > 0.9 * size:
        return False
    a = (min(c.left for c in above), max(c.right for c in above))
    b = (min(c.left for c in below), max(c.right for c in below))
    return b[0] > a[1] + size or a[0] > b[1] + size


def _segments(chars: list[Char]) -> list[list[Char]]:
    segments: list[list[Char]] = []
    current: list[Char] = []
    last = None            # the last visible character
    spaced = False         # a space was drawn since it
    reach = 0.0            # the right edge of the last character, a space included
    space_run = 0          # the text object the last space was drawn in
    for char in chars:
        if char.text == " ":
            spaced = last is not None
            reach = max(reach, char.right)
            space_run = char.run
            continue
        if last is not None:
            size = max(last.size, char.size, 1.0)
            gap = char.left - (reach if spaced else last.right)
            # a wide gap with no space drawn in it (cells side by side), or after a space
            # that ends another text object (the space a cell's wrapped line ends with), or
            # a very wide one (a tab stop), or a narrower one where another text object
            # starts (narrow cells side by side). A space is not always drawn between words:
            # LibreOffice leaves it out after a letter from a fallback font, so a word's gap
            # alone is no cell's.
            if (gap > 0.75 * size and (not spaced or char.run != space_run)) or \
                    (gap > 0.3 * size and not spaced and char.run != last.run) or \
                    gap > 2.5 * size:
                segments.append(current)
                current = []
            elif spaced or gap > 0.12 * size:   # a word space not drawn (see above)
                current.append(Char(" ", last.right, last.right, char.left, char.y, char.size,
                                    last.bold and char.bold, last.italic and char.italic))
        current.append(char)
        last, spaced, reach = char, False, char.right
    if current:
        segments.append(current)
    if len(segments) >= 3:
        # gaps all alike: the words of a justified line of a PDF that draws no spaces,
        # spread evenly over the width, not cells (whose gaps follow their columns)
        gaps = [b[0].left - a[-1].right for a, b in zip(segments, segments[1:])]
        if max(gaps) - min(gaps) <= 0.15 * max(gaps) + 0.5:
            segments = [_joined(segments)]
    # a list marker set apart by a tab is part of its line, not a column of its own
    merged: list[list[Char]] = []
    for segment in segments:
        if len(merged) == 1 and MARKER.match(seg_text(merged[0])) and \
                segment[0].left - merged[0][-1].right < 8 * segment[0].size:
            tail = merged[0][-1]
            merged[0] = merged[0] + [Char(" ", tail.right, tail.right, segment[0].left, tail.y,
                                          tail.size, tail.bold and segment[0].bold,
                                          False)] + segment
        else:
            merged.append(segment)
    return merged


# --- ruled tables ---------------------------------------------------------------------------
@dataclass
class RuledTable:
    xs: list[float]              # column edges, left to right
    ys: list[float]              # row edges, top to bottom (PDF y decreasing)
    owner: dict[tuple[int, int], tuple[int, int]]   # grid cell -> the merged cell it is part of

    @property
    def top(self) -> float:
        return self.ys[0]

    def contains(self, char: Char) -> bool:
        middle = (char.left + char.right) / 2
        return self.xs[0] - 1 <= middle <= self.xs[-1] + 1 and \
            self.ys[-1] - 1 <= char.y <= self.ys[0] + 1

    def cell_of(self, char: Char) -> tuple[int, int]:
        middle = (char.left + char.right) / 2
        col = _index(self.xs, middle)
        row = _index([-y for y in self.ys], -(char.y + 0.25 * char.size))
        return self.owner[(row, col)]


def _index(edges: list[float], value: float) -> int:
    for n in range(len(edges) - 1):
        if value < edges[n + 1]:
            return n
    return len(edges) - 2


def _cluster(values: list[float]) -> list[float]:
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= _TOL:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(v) / len(v) for v in out]


def ruled_tables(rules) -> list[RuledTable]:
    """The tables a page's ruling lines frame (at least two rows of lines and two columns)."""
    if len(rules) > 4000:
        return []   # a drawing, not a table: its text is read as lines
    hs = [(min(x0, x1), max(x0, x1), y0) for x0, y0, x1, y1 in rules if abs(y1 - y0) < 0.01]
    vs = [(x0, min(y0, y1), max(y0, y1)) for x0, y0, x1, y1 in rules if abs(y1 - y0) >= 0.01]
    parent = list(range(len(hs) + len(vs)))

    def find(n):
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n
    for i, (hx0, hx1, hy) in enumerate(hs):
        for j, (vx, vy0, vy1) in enumerate(vs):
            if hx0 - _TOL <= vx <= hx1 + _TOL and vy0 - _TOL <= hy <= vy1 + _TOL:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    tables = []
    for h_rules, v_rules in groups.values():
        ys = sorted(_cluster([h[2] for h in h_rules]), reverse=True)
        for part in _stacked(ys, v_rules):
            xs = _cluster([v[0] for v in v_rules if any(
                v[1] - 1 <= (a + b) / 2 <= v[2] + 1 for a, b in zip(part, part[1:]))])
            if len(xs) < 2 or xs[-1] - xs[0] < 20 or part[0] - part[-1] < 8:
                continue
            tables.append(RuledTable(xs, part, _merged_cells(xs, part, h_rules, v_rules)))
    return tables


def _stacked(ys: list[float], v_rules) -> list[list[float]]:
    """Row edges of the tables drawn one on another (a heading boxed in a cell just above a
    table touches it): rows whose outer borders stand elsewhere belong to another table."""
    parts: list[list[float]] = []
    extent = None
    for top, bottom in zip(ys, ys[1:]):
        middle = (top + bottom) / 2
        xs = [v[0] for v in v_rules if v[1] - 1 <= middle <= v[2] + 1]
        here = (min(xs), max(xs)) if xs else None
        if parts and here is not None and extent is not None and \
                abs(here[0] - extent[0]) <= 2 * _TOL and abs(here[1] - extent[1]) <= 2 * _TOL:
            parts[-1].append(bottom)
        else:
            parts.append([top, bottom])
        extent = here
    return parts


def _merged_cells(xs, ys, h_rules, v_rules) -> dict:
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(rows) for c in range(cols)}

    def find(cell):
        while parent[cell] != cell:
            cell = parent[cell]
        return cell

    def join(a, b):
        a, b = find(a), find(b)
        if a != b:
            parent[max(a, b)] = min(a, b)
    for r in range(rows):
        middle = (ys[r] + ys[r + 1]) / 2
        for c in range(1, cols):
            if not any(abs(vx - xs[c]) <= _TOL and vy0 - 1 <= middle <= vy1 + 1
                       for vx, vy0, vy1 in v_rules):
                join((r, c - 1), (r, c))
    for c in range(cols):
        middle = (xs[c] + xs[c + 1]) / 2
        for r in range(1, rows):
            if not any(abs(hy - ys[r]) <= _TOL and hx0 - 1 <= middle <= hx1 + 1
                       for hx0, hx1, hy in h_rules):
                join((r - 1, c), (r, c))
    return {cell: find(cell) for cell in parent}


# --- tables without rules: cells side by side ---------------------------------------------
def columns_of(lines: list[Line]) -> list[tuple[float, float]]:
    spans = sorted((s[0].left, s[-1].right) for line in lines for s in line.segments)
    columns: list[list[float]] = []
    for left, right in spans:
        if columns and left <= columns[-1][1] + 1:
            columns[-1][1] = max(columns[-1][1], right)
        else:
            columns.append([left, right])
    return [(a, b) for a, b in columns]


def _aligned(line: Line, columns) -> bool:
    """A one-segment line that stands in one column of a grid, aligned as its cells are."""
    if len(line.segments) != 1:
        return False
    left, right, size = line.left, line.right, line.size
    inside = [c for c in columns if left < c[1] and right > c[0]]
    if len(inside) != 1:
        return False
    c_left, c_right = inside[0]
    return abs(left - c_left) <= 0.6 * size or abs(right - c_right) <= 0.6 * size or \
        abs((left + right) / 2 - (c_left + c_right) / 2) <= size


def _seed(lines: list[Line], n: int) -> int:
    """How many lines from n start a grid: 1 for a line of two segments, 2 for two lines side
    by side on nearly the same height (cells set at different heights, as a signature block's
    «Nơi nhận:» and «GIÁM ĐỐC» when the title is centred in its cell), else 0."""
    line = lines[n]
    if len(line.segments) >= 2:
        return 1
    if n + 1 < len(lines):
        other = lines[n + 1]
        size = max(line.size, other.size)
        if len(other.segments) == 1 and line.y - other.y < 1.6 * size and \
                (other.left > line.right + size or line.left > other.right + size) and \
                not _title(line) and not _title(other):
            return 2
    return 0


def _title(line: Line) -> bool:
    """The report's title line, which stands under the letterhead, never in it."""
    return bool(re.match(r"^\W*(BÁO CÁO|KÍNH GỬI|Kính gửi)\b", line.text))


def grids(lines: list[Line]) -> list[tuple[int, int]]:
    """(first, end) index ranges of lines that are the rows of a table without rules: lines
    of two or more segments or lines side by side, with the one-segment lines aligned with
    their columns."""
    found = []
    n = 0
    while n < len(lines):
        seed = _seed(lines, n)
        if not seed:
            n += 1
            continue
        first, end = n, n + seed
        # lines above in a column of their own but the first: the motto's first line set
        # higher than the agency's in a letterhead whose cells are centred
        while first > (found[-1][1] if found else 0):
            line, below = lines[first - 1], lines[first]
            columns = columns_of(lines[first:end])
            if line.y - below.y > 3.2 * max(line.size, below.size) or _title(line) or \
                    not _aligned(line, columns) or line.left < columns[0][1]:
                break
            first -= 1
        while end < len(lines):
            line, above = lines[end], lines[end - 1]
            if above.y - line.y > 3.2 * max(line.size, above.size):
                break
            block = lines[first:end]
            columns = columns_of(block)
            if len(line.segments) >= 2:
                if len(columns_of(block + [line])) < 2:
                    break
            elif _title(line) or not _aligned(line, columns):
                break
            end += 1
        # a line alone is no table: a loosely justified line of a PDF that draws no spaces
        # has gaps as wide as a cell's
        if end - first >= 2 and len(columns_of(lines[first:end])) >= 2:
            found.append((first, end))
        n = end
    return found


def around_boxes(lines: list[Line], tables: list[RuledTable]) -> None:
    """Text that flows around a box (a framed note, a boxed figure) is one line on either side
    of it, not two cells: segments split by a gap a box stands in are joined again."""
    for line in lines:
        if len(line.segments) < 2:
            continue
        joined = [line.segments[0]]
        for segment in line.segments[1:]:
            gap = (joined[-1][-1].right, segment[0].left)
            boxed = any(t.xs[0] < gap[1] and t.xs[-1] > gap[0] and
                        t.ys[-1] - line.size <= line.y <= t.ys[0] + line.size for t in tables)
            if boxed:
                tail = joined[-1][-1]
                joined[-1] = joined[-1] + [Char(" ", tail.right, tail.right, segment[0].left,
                                                tail.y, tail.size, False, False)] + segment
            else:
                joined.append(segment)
        line.segments = joined
