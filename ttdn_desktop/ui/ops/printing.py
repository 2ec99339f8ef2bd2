"""Printing, in the worker: the report's data read, laid out and painted there."""

from __future__ import annotations

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.ui.operations import Op
from ttdn_desktop.ui.printing import ReportPrint, print_to_pdf
from ttdn_desktop.util.storage_errors import os_reason


def _job(ws, period: Period, code: str | None) -> ReportPrint:
    # the committee's Word template, whose margins apply, is read here too
    return ReportPrint(ws.merge.consolidation(period, code), ws.setup.letterhead(code),
                       code is None)


def print_job(period: Period, code: str | None) -> Op:
    """The ReportPrint of a report, made in the worker: its data and its Word template are
    never read on the UI thread."""
    return Op(lambda ws: _job(ws, period, code))


def paint(job, printer) -> Op:
    """The pages printed; a printer that cannot be opened is said as a sentence."""
    def work(_ws) -> int:
        try:
            return job.paint(printer)
        except OSError as error:
            raise TTDNError(f"Không in được: {error}") from None

    return Op(work)


def print_pdf(period: Period, code: str | None, path: str) -> Op:
    """Read, laid out and written: the number of pages."""
    def work(ws) -> int:
        job = _job(ws, period, code)
        try:
            return print_to_pdf(job, path)
        except TTDNError as error:  # the disk's reason, naming the file (util.files)
            raise TTDNError(f"Không ghi được tệp PDF. {error.message}") from None
        except OSError as error:
            raise TTDNError(f"Không ghi được tệp PDF «{path}»: {os_reason(error)}.") from None

    return Op(work)
