"""What an import would take away from an agency's current report: sections it would empty or
shorten, figures it would drop."""

from __future__ import annotations

from dataclasses import dataclass

from ttdn_desktop.core.forms import Form
from ttdn_desktop.core.richtext import plain_text


@dataclass(frozen=True)
class Loss:
    section_id: str          # "" for the figures
    label: str               # "II.1. Thông tin…" or "Số liệu"
    before: int              # characters of text (figures: how many) in the current revision
    after: int               # … in what the import would bring

    @property
    def emptied(self) -> bool:
        return self.after == 0

    def describe(self) -> str:
        if not self.section_id:
            return (f"số liệu: {self.before} chỉ tiêu → {self.after}" if self.after else
                    f"số liệu: {self.before} chỉ tiêu sẽ bị xóa hết")
        if self.emptied:
            return f"«{self.label}» sẽ bị xóa trống (hiện có {self.before} ký tự)"
        return f"«{self.label}» ngắn đi: {self.before} → {self.after} ký tự"


def losses(form: Form, before, after) -> list[Loss]:
    """The sections an import would empty or shorten, and figures it would drop, comparing
    the agency's current content with what the import brings (both ReportContent)."""
    out = []
    for section in form.prose_sections:
        old = len(plain_text(before.sections.get(section.id, "")).strip())
        new = len(plain_text(after.sections.get(section.id, "")).strip())
        if old and new < old:
            out.append(Loss(section.id, section.numbered_heading, old, new))
    old_figures = {k for k, v in before.figures.items() if v not in (None, "")}
    new_figures = {k for k, v in after.figures.items() if v not in (None, "")}
    if old_figures - new_figures:
        out.append(Loss("", "Số liệu", len(old_figures), len(new_figures & old_figures)))
    return out
