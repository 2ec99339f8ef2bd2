"""Tệp › In: the preview, the print dialog, a PDF. The report's data are read in the worker
after the pending saves (what prints is what was typed); laid out and painted there too,
except the preview, which Qt paints on the UI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication

from ttdn_desktop.ui import filedialogs
from ttdn_desktop.ui import printing as layout
from ttdn_desktop.ui.ops import printing
from ttdn_desktop.ui.screen_fit import fit_size


def a4_printer(job):
    return layout.a4_printer(job.letterhead, margins=job.margins)


def _paint_waiting(job, printer) -> None:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        job.paint(printer)
    finally:
        QApplication.restoreOverrideCursor()


class PrintActions:
    def __init__(self, window):
        self.window = window
        self.printing: list[tuple] = []  # printers (and jobs) in use: kept until done
        self.preview_dialog = None
        self.print_dialog = None

    def print_job(self, then) -> None:
        """The print job of what is open (a ReportPrint), read in the worker after the pending
        saves (operations run in order: what prints is what was typed), given to `then`."""
        w = self.window
        period, code, _ = w.exports.export_target()

        w.ops.run(printing.print_job(period, code), on_done=then,
                  on_error=lambda message: w.notify(message, "error"))

    def _keep_until_closed(self, dialog, *objects) -> None:
        """A print dialog opened with open() paints on its printer after this method returns:
        the printer (and the job) must live until the dialog itself is gone."""
        entry = (dialog, *objects)
        self.printing.append(entry)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: self.printing.remove(entry)
                                 if entry in self.printing else None)

    def _before(self, then) -> None:
        """The checks every output goes through (ui/export_actions.py), then `then()`."""
        exports = self.window.exports
        if exports.need_report():
            exports.check_figures("in", lambda: exports.when_ready("in", then))

    def print_preview(self) -> None:
        self._before(lambda: self._prepare_print(self._open_preview))

    def print_report(self) -> None:
        self._before(lambda: self._prepare_print(self._open_print_dialog))

    def choose_pdf_path(self) -> None:
        self._before(self._choose_pdf_path)

    def _prepare_print(self, then) -> None:
        """then(job, printer) once the job is read (a committee template that cannot be read
        is said by print_job)."""
        self.print_job(lambda job: then(job, a4_printer(job)))

    def _open_preview(self, job, printer) -> None:
        dialog = QPrintPreviewDialog(printer, self.window)
        dialog.setWindowTitle("Xem trước khi in")
        # The preview is the one part painted on the UI thread: QPrintPreviewDialog asks for
        # its pages through paintRequested, on its own preview printer, and shows them as soon
        # as the slot returns. Its data were read in the worker (print_job); a wait cursor
        # while it lays out (60 agencies: about 0.3 s). A document laid out in the worker and
        # moved here was tried: its layout keeps timers of the thread that made it, and drawing
        # it once that thread's event dispatcher was gone crashed (segmentation fault).
        dialog.paintRequested.connect(lambda preview: _paint_waiting(job, preview))
        self._keep_until_closed(dialog, printer, job)
        fit_size(dialog, 1000, 800)
        dialog.open()
        self.preview_dialog = dialog

    def _open_print_dialog(self, job, printer) -> None:
        # «In ra tệp (PDF)» proposes the document's name: the one «In ra tệp PDF…» proposes
        printer.setDocName(self.window.exports.suggested(""))
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle("In báo cáo")

        def chosen(result: int) -> None:
            if result == QPrintDialog.DialogCode.Accepted:
                self._paint(job, printer)

        dialog.finished.connect(chosen)
        self._keep_until_closed(dialog, printer, job)
        # PySide6 binds only QPrintDialog.open(receiver, member): open() with no arguments
        # raises TypeError. Window-modal show() is what open() does.
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        self.print_dialog = dialog

    def _paint(self, job, printer) -> None:
        """Laid out and painted in the worker thread (Qt paints on a QPrinter outside the GUI
        thread; QTextDocument is reentrant): 60 agencies take about 2 s, the window stays
        live with a progress dialog. The printer is kept until the job is done."""
        w = self.window
        self.printing.append((job, printer))

        def done(pages) -> None:
            self.printing.remove((job, printer))
            if printer.outputFileName():
                w.notify(f"Đã in {pages} trang ra tệp «{printer.outputFileName()}».", "success")
            else:
                w.notify(f"Đã gửi {pages} trang tới máy in «{printer.printerName()}».",
                         "success")

        def failed(message: str) -> None:
            self.printing.remove((job, printer))
            w.notify(message, "error")

        w.ops.run(printing.paint(job, printer), label="Đang in…", on_done=done,
                  on_error=failed)

    def _choose_pdf_path(self) -> None:
        w = self.window
        path = filedialogs.save_file(w, "In ra tệp PDF", w.exports.suggested(".pdf"),
                                     "PDF (*.pdf)", w.workspace)
        if path:
            self.print_pdf(path)

    def print_pdf(self, path: str) -> None:
        """Read, laid out and written in the worker thread, after the pending saves."""
        w = self.window
        period, code, _ = w.exports.export_target()
        w.ops.run(printing.print_pdf(period, code, path), label="Đang in ra tệp PDF…",
                  on_done=lambda pages: w.exports.exported(
                      path, f"Đã in {pages} trang ra tệp PDF: {Path(path).name}."),
                  on_error=lambda message: w.notify(message, "error"))
