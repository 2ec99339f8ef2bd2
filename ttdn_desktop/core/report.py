"""The content of one report revision: section texts, figures, figure notes, and the figures
of the same period last year typed by hand where no report of last year holds them.

Figures are keyed by (indicator id, breakdown member id), the member "" being the total, so
content never depends on the order in which a form lists its indicators.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from ttdn_desktop.core.text import clean_line, clean_text, shown, trim_text

FigureKey = tuple[str, str]


def _canonical_value(value):
    if isinstance(value, bool):
        raise ValueError("giá trị đúng/sai không phải là số")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (int, float)):
        return value
    raise ValueError(f"«{shown(value, 30)}» không phải là số")


@dataclass
class ReportContent:
    """What an agency's report says: its sections' text, figures and notes."""
    sections: dict[str, str] = field(default_factory=dict)
    figures: dict[FigureKey, int | float] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    # "Cùng kỳ năm trước" typed by the agency (its first year with the app has no report of
    # last year to take it from); empty in content made before it could be typed
    last_year: dict[FigureKey, int | float] = field(default_factory=dict)

    def normalized(self) -> "ReportContent":
        """NFC text without trailing blanks; empty sections, notes and figures dropped."""
        sections = {k: trim_text(clean_text(v)) for k, v in self.sections.items()}
        notes = {k: clean_line(v) for k, v in self.notes.items()}
        figures = {(i, m): _canonical_value(v) for (i, m), v in self.figures.items()
                   if v is not None and v != ""}
        last_year = {(i, m): _canonical_value(v) for (i, m), v in self.last_year.items()
                     if v is not None and v != ""}
        return ReportContent({k: v for k, v in sections.items() if v}, figures,
                             {k: v for k, v in notes.items() if v}, last_year)

    def to_dict(self) -> dict:
        content = self.normalized()
        data = {
            "sections": dict(sorted(content.sections.items())),
            "figures": [{"indicator": i, "member": m, "value": v}
                        for (i, m), v in sorted(content.figures.items())],
            "notes": dict(sorted(content.notes.items())),
        }
        if content.last_year:  # absent otherwise: earlier content keeps its bytes and hash
            data["last_year"] = [{"indicator": i, "member": m, "value": v}
                                 for (i, m), v in sorted(content.last_year.items())]
        return data

    def to_json_bytes(self) -> bytes:
        """One canonical serialisation, so equal content always has equal bytes and hash."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True,
                          separators=(",", ":")).encode("utf-8")

    def sha256(self) -> str:
        return hashlib.sha256(self.to_json_bytes()).hexdigest()

    @classmethod
    def from_dict(cls, data) -> "ReportContent":
        """Read content written by to_dict. Raises ValueError with a Vietnamese reason."""
        if not isinstance(data, dict):
            raise ValueError("nội dung không phải là một bảng dữ liệu")
        sections = data.get("sections", {})
        notes = data.get("notes", {})
        figures = data.get("figures", [])
        if not isinstance(sections, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in sections.items()):
            raise ValueError("phần «sections» phải gồm các cặp mã mục – văn bản")
        if not isinstance(notes, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in notes.items()):
            raise ValueError("phần «notes» phải gồm các cặp mã chỉ tiêu – ghi chú")
        values = _figures_from(figures, "figures", "số liệu")
        last_year = _figures_from(data.get("last_year", []), "last_year",
                                  "số liệu cùng kỳ năm trước")
        return cls(dict(sections), values, dict(notes), last_year).normalized()


def _figures_from(rows, part: str, what: str) -> dict[FigureKey, int | float]:
    if not isinstance(rows, list):
        raise ValueError(f"phần «{part}» phải là một danh sách")
    values: dict[FigureKey, int | float] = {}
    for n, row in enumerate(rows):
        if not isinstance(row, dict) or not isinstance(row.get("indicator"), str) \
                or not isinstance(row.get("member", ""), str):
            raise ValueError(f"{what} thứ {n + 1} không đúng dạng")
        key = (row["indicator"], row.get("member", ""))
        if key in values:
            raise ValueError(f"{what} «{shown(key[0])}/{shown(key[1])}» xuất hiện hai lần")
        try:
            values[key] = _canonical_value(row.get("value"))
        except ValueError as error:
            raise ValueError(f"{what} «{shown(key[0])}/{shown(key[1])}»: {error}") from None
    return values
