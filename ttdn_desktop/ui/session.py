"""The window's session: where the user is (written as it changes, «clean» on closing), the
window's geometry, and what to say when the last session did not end properly."""

from __future__ import annotations

import os
from datetime import datetime

from PySide6.QtCore import QByteArray

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.settings import GEOMETRY, LAST_REPORT, LAST_SECTION, SESSION
from ttdn_desktop.ui.ops.settings import set_states
from ttdn_desktop.ui.screen_fit import clamp_to_screen


class Session:
    def __init__(self, window, previous: dict | None):
        self.window = window
        self.previous = previous  # what the window wrote last time
        self.recovery_message = ""
        self._last_storage_problem = None

    def write(self, clean: bool, geometry: bool = False) -> None:
        """Where the user is; `clean` on closing, with the window's geometry."""
        view = self.window.agency_view
        state = {"clean": clean, "pid": os.getpid(),
                 "at": datetime.now().isoformat(timespec="seconds"),
                 "report_id": view.report_id if view else None,
                 "section": view.section_key if view else None}
        values = {SESSION: state}
        if view and view.report_id:
            values.update({LAST_REPORT: view.report_id, LAST_SECTION: view.section_key or ""})
        if geometry:
            values[GEOMETRY] = self._saved_geometry()
        self.window.ops.run(set_states(values), on_error=self.storage_problem)

    def storage_problem(self, message: str) -> None:
        """Read-only, busy or damaged storage: said once, never a traceback."""
        if message != self._last_storage_problem:
            self._last_storage_problem = message
            self.window.notify(message, "error")

    def offer_recovery(self, recovery: tuple | None) -> None:
        """The app was not closed properly last time: say what was being edited, offer to go
        back to it. Its text is in the database already, up to the last automatic save.
        `recovery`: (period code, saved at) of that report, read in the worker."""
        previous = self.previous
        view = self.window.agency_view
        if not previous or previous.get("clean") or view is None or not previous.get("report_id"):
            return
        if recovery is None:  # the report is no longer there
            return
        form = self.window.workspace.form
        period_code, saved_at = recovery
        section = previous.get("section") or ""
        where = ""
        if section.startswith("s:") and form.section(section[2:]):
            where = f" mục «{form.section(section[2:]).numbered_heading}» của"
        elif section.startswith("g:"):
            where = " phần số liệu của"
        saved = datetime.fromisoformat(saved_at).strftime("%H:%M:%S ngày %d/%m/%Y")
        self.recovery_message = (
            f"Lần trước TTĐN Desktop đã đóng đột ngột khi bạn đang soạn{where} báo cáo "
            f"{Period.parse(period_code).label}. Mọi thứ đã được lưu tự động đến {saved}.")
        view.notice.show_message(self.recovery_message, "warning", [
            ("Mở lại chỗ đang soạn",
             lambda: view.open_report(previous["report_id"], section or None, at_end=True)),
        ])

    def restore_geometry(self, raw: str | None) -> None:
        if raw:
            w = self.window
            # Qt's record, then the size the window had: Qt takes a title bar's height off a
            # window as tall as the screen when it brings it back (all of it at 125 %)
            blob, _, size = raw.partition("|")
            w.restoreGeometry(QByteArray.fromBase64(blob.encode("ascii")))
            if not (w.isMaximized() or w.isFullScreen()):
                width, _, height = size.partition("x")
                if width.isdigit() and height.isdigit():
                    w.resize(int(width), int(height))
                clamp_to_screen(w)  # saved on a larger screen than this one

    def _saved_geometry(self) -> str:
        w = self.window
        size = w.normalGeometry().size()
        return (bytes(w.saveGeometry().toBase64()).decode("ascii")
                + f"|{size.width()}x{size.height()}")
