"""What an import says of each file (ImportResult), and where a batch goes (Target)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.rules import LABELS, NOT_DONE, SIGNATURE, SKIPPED, WORD, Outcome
from ttdn_desktop.core.text import shown


@dataclass
class ImportResult:
    file_name: str
    outcome: Outcome
    detail: str
    agency_code: str = ""
    agency_name: str = ""
    period: str = ""  # the code ("2021-H1"): what the command line takes and prints
    revision: int | None = None
    warnings: list[str] = field(default_factory=list)
    payload: bytes | None = field(default=None, repr=False)  # a Word report, kept to confirm
    # a request refused until the user confirms the new form it brings (payload: the request);
    # the words that name the form
    form_offer: str = ""
    signature: str = ""  # the file's signature state, in words ("" where none applies)
    signature_state: str = ""  # core.trust state
    fingerprint: str = ""  # the short form of the key that signed, if any
    container: str | None = field(default=None, repr=False)  # the mail or archive it came in
    report: object = field(default=None, repr=False)  # a Word report: what was read (WordReport)

    @property
    def ok(self) -> bool:
        return self.outcome not in NOT_DONE

    @property
    def received(self) -> bool:
        """Taken in (or found already there): not refused, held, waiting or passed over."""
        return self.ok and self.outcome != SKIPPED

    @property
    def kind(self) -> str:
        """What a report to confirm was read from, in words: «báo cáo PDF», «bảng tính Excel
        của đơn vị», «báo cáo dán trong thư»…"""
        return getattr(self.report, "kind", "") or "báo cáo"

    @property
    def label(self) -> str:
        return f"{self.kind}: cần xác nhận" if self.outcome == WORD else LABELS[self.outcome]

    @property
    def period_label(self) -> str:
        """The period as the window names it: "6 tháng đầu năm 2021"."""
        return Period.parse(self.period).label if self.period else ""

    def line(self, codes: bool = False) -> str:
        """One line for the window (the period in words) or, with `codes`, for the command line
        and logs (the period as its code, what the command line takes)."""
        period = self.period if codes or not self.period else Period.parse(self.period).phrase
        who = f" — {shown(self.agency_name)}, kỳ {period}" if self.agency_name else ""
        text = f"{shown(self.file_name, 240)}: {self.label}{who}"
        if self.detail:
            text += f" ({self.detail})"
        if self.signature and self.outcome != SIGNATURE:
            text += f"\n    chữ ký: {self.signature}"
        for warning in self.warnings:
            text += f"\n    cảnh báo: {warning}"
        return text


@dataclass
class Target:
    """Where a batch goes: the agency this database belongs to (for requests), this
    installation's key, and whether the user confirmed installing a new form that comes in a
    request not signed with the recorded key of its sender."""
    own_agency: str | None = None
    own_fingerprint: str | None = None  # this installation's key
    accept_form: bool = False
