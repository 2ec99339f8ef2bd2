"""What the window writes out: the agency's package to send, the Word report, the Excel
workbook; and the letterhead they are printed with."""

from __future__ import annotations

from ttdn_desktop.core.periods import Period
from ttdn_desktop.ui.operations import Op


def write_package(code: str, period: Period, path: str) -> Op:
    """The package of the current revision, then sealed (it is being sent): its number."""
    return Op(lambda ws: ws.files.write_package(code, period, path))


def write_report_docx(period: Period, path: str, code: str | None) -> Op:
    """`code` None: the consolidated report."""
    return Op(lambda ws: ws.files.report_docx(period, path, code))


def write_stats_xlsx(period: Period, path: str, code: str | None) -> Op:
    return Op(lambda ws: ws.files.stats_xlsx(period, path, code))


def letterhead(code: str | None) -> Op:
    return Op(lambda ws: ws.setup.letterhead(code))


def set_letterhead(values: dict, whose: str | None) -> Op:
    """What the before-output dialog asked for (a missing signer), kept under `whose`
    settings (a member agency's report printed here), else ours."""
    def work(ws) -> None:
        for key, value in values.items():
            ws.setup.set_letterhead(key, value, whose)

    return Op(work)
