"""Tệp › Nhập: files picked or dropped on the window. The secretariat previews them in its
view; an agency imports the request packages it gets (they only set dates and create its
report)."""

from __future__ import annotations

import html

from ttdn_desktop.core import trust
from ttdn_desktop.core.rules import SIGNATURE, WORD
from ttdn_desktop.core.text import shown
from ttdn_desktop.ui import filedialogs, outlook_drop
from ttdn_desktop.ui.form_confirm import confirm_new_forms
from ttdn_desktop.ui.ops import imports


class ImportActions:
    def __init__(self, window):
        self.window = window

    def choose_import(self) -> None:
        w = self.window
        if w.secretariat_view is not None:
            w.secretariat_view.choose_files()
            return
        paths = filedialogs.open_files(w, "Nhập gói đề nghị báo cáo",
                                       "Gói TTĐN (*.ttdn);;Mọi tệp (*)", w.workspace)
        if paths:
            self.import_paths(paths)

    def choose_import_folder(self) -> None:
        w = self.window
        if w.secretariat_view is not None:
            w.secretariat_view.choose_folder()
            return
        folder = filedialogs.open_folder(w, "Chọn thư mục chứa gói đề nghị báo cáo",
                                         w.workspace)
        if folder:
            self.import_paths([folder])

    def choose_request(self) -> None:
        if self.window.secretariat_view is not None:
            self.window.secretariat_view.choose_request()

    @staticmethod
    def takes(mime) -> bool:
        """Files, or a message dragged out of Outlook (ui/outlook_drop.py)."""
        return mime.hasUrls() or outlook_drop.has_virtual_files(mime)

    def dropped(self, mime) -> list[str]:
        """The files dropped on the window (a message from Outlook saved to one first); what
        could not be had is said."""
        paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
        if not paths:
            paths, left = outlook_drop.saved(mime)
            if left:
                self.window.notify(
                    ("Chỉ nhận được thư đầu tiên kéo từ Outlook; chưa nhập: " if paths
                     else "Không nhận được nội dung thư kéo từ Outlook: ") +
                    ", ".join(f"«{html.escape(n)}»" for n in left) + ". Hãy kéo từng "
                    "thư một, hoặc lưu các thư ra một thư mục rồi kéo thư mục đó vào.",
                    "warning")
        return paths

    def import_paths(self, paths) -> None:
        """Dropped or picked files: the secretariat previews them; an agency imports the
        request packages it gets (they only set dates and create its report)."""
        w = self.window
        if w.secretariat_view is not None:
            w.secretariat_view.preview_files(paths)
            return
        if w.agency_view is None:
            return
        w.agency_view.save_now()
        w.ops.run(imports.agency_import(paths), label="Đang nhập…",
                  on_done=lambda found: self._agency_imported(*found),
                  on_error=lambda message: w.notify(message, "error"), source=w)

    def _agency_imported(self, results, nothing: str) -> None:
        w = self.window
        if not results:  # only folders given, none with a file to read
            w.notify(html.escape(nothing), "warning")
            return

        def said(result) -> str:
            if result.outcome != WORD:
                return result.line()
            # to be confirmed is the secretariat's: an agency's window has nothing to do it in
            return (f"{shown(result.file_name, 240)}: không nhập — máy của đơn vị chỉ nhập gói "
                    "đề nghị báo cáo (.ttdn) của cơ quan thường trực; báo cáo của đơn vị do cơ "
                    "quan thường trực nhập. Muốn đưa nội dung tệp này vào báo cáo của đơn vị "
                    "mình, hãy mở tệp rồi chép, dán vào từng mục.")

        lines = "<br/>".join(html.escape(said(r)).replace("\n", "<br/>") for r in results)
        # a warning (the secretariat's address changed, or not taken) is shown as one
        bad = any(not r.ok or r.outcome == WORD or r.warnings for r in results)
        # the secretariat's key, recorded from its first request, or a request held for its
        # signature: both are looked at in the keys window
        keys = any(r.signature_state in (trust.FIRST,) or r.outcome == SIGNATURE
                   for r in results)
        actions = [("Khóa ký và đối chiếu…", w.open_keys)] if keys else []
        w.notify(lines, "warning" if bad else "success", actions)
        self.confirm_forms(results)

    def confirm_forms(self, results) -> None:
        """A request refused for the new form it brings: asked, its sender's key shown."""
        w = self.window
        confirm_new_forms(w, w.ops, results,
                          lambda result: w.notify(html.escape(result.line()), "success"),
                          lambda message: w.notify(message, "error"))
