"""«Nhận thư»: the secretariat's mailbox read over IMAP, what it holds shown in the import
preview as dropped mail would be.

The database work (what is known, the import) runs in the operations' worker; the network on
a thread of its own (Mailbox.download touches no database), so a slow server never holds up
the window's saves. The dialog shows where the fetch is and can stop it: nothing is imported
until the preview's «Nhập», and a fetch stopped or cut off imports nothing."""

from __future__ import annotations

import html
import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QProgressBar, QPushButton, QSpinBox,
                               QVBoxLayout)

from ttdn_desktop.core.periods import format_date
from ttdn_desktop.ui.date_input import DateInput
from ttdn_desktop.ui.ops import mailbox
from ttdn_desktop.ui import filedialogs
from ttdn_desktop.util.crashlog import unexpected_message


class _Bridge(QObject):
    """Signals from the network thread, delivered on the window's thread."""
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class MailFetchDialog(QDialog):
    fetched = Signal(object)  # the mail downloaded (Fetched), to be previewed

    def __init__(self, view, last: dict, since, store: str | None):
        super().__init__(view)
        self.view, self.ops = view, view.ops
        self.setWindowTitle("Nhận thư từ hộp thư của cơ quan")
        self.server = QLineEdit(last.get("host", ""))
        self.server.setPlaceholderText("ví dụ mail.tinh.gov.vn")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(int(last.get("port") or 993))
        self.starttls = QCheckBox("STARTTLS (cổng 143)")
        self.starttls.setChecked(bool(last.get("starttls")) or self.port.value() == 143)
        self.port.valueChanged.connect(lambda port: port in (143, 993) and
                                       self.starttls.setChecked(port == 143))
        self.user = QLineEdit(last.get("user", ""))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("để trống nếu đã lưu trong kho mật khẩu")
        self.keep = QCheckBox(f"Lưu mật khẩu vào {store}" if store else
                              "Máy này không có kho mật khẩu: mật khẩu không được lưu")
        self.keep.setChecked(bool(store))
        self.keep.setEnabled(bool(store))
        self.folder = QLineEdit(last.get("folder") or "INBOX")
        self.since = DateInput(since)
        self.cafile = QLineEdit(last.get("cafile") or "")
        self.cafile.setPlaceholderText("chứng chỉ riêng của cơ quan (.pem), nếu có")
        pick = QPushButton("Chọn…")
        pick.clicked.connect(self._pick_cafile)
        cafile_row = QHBoxLayout()
        cafile_row.addWidget(self.cafile, 1)
        cafile_row.addWidget(pick)
        port_row = QHBoxLayout()
        port_row.addWidget(self.port)
        port_row.addWidget(self.starttls, 1)
        self.again = QCheckBox("Xét lại cả thư đã nhận lần trước")
        form = QFormLayout()
        form.addRow("Máy chủ thư", self.server)
        form.addRow("Cổng", port_row)
        form.addRow("Tài khoản", self.user)
        form.addRow("Mật khẩu", self.password)
        form.addRow("", self.keep)
        form.addRow("Thư mục", self.folder)
        form.addRow("Thư từ ngày", self.since)
        form.addRow("Tệp chứng chỉ", cafile_row)
        form.addRow("", self.again)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.trust_button = QPushButton("Tin chứng chỉ này")
        self.trust_button.setVisible(False)
        self.trust_button.clicked.connect(self._trust)
        self.bar = QProgressBar()
        self.bar.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton("Nhận thư",
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.stop_button = self.buttons.addButton("Dừng", QDialogButtonBox.ButtonRole.ActionRole)
        self.stop_button.setVisible(False)
        close = self.buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.trust_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self.bridge = _Bridge()
        self.bridge.progressed.connect(self._progressed)
        self.bridge.succeeded.connect(self._succeeded)
        self.bridge.failed.connect(self._failed)
        self.cancel = threading.Event()
        self.thread: threading.Thread | None = None
        self.untrusted = None
        self.resize(560, self.sizeHint().height())

    def _pick_cafile(self) -> None:
        path = filedialogs.open_file(self, "Chọn chứng chỉ của cơ quan cấp chứng chỉ",
                                     "Chứng chỉ (*.pem *.crt *.cer);;Mọi tệp (*)",
                                     self.view.workspace)
        if path:
            self.cafile.setText(path)

    def say(self, text: str, kind: str = "info") -> None:
        colour = {"error": "#842029", "warning": "#664d03"}.get(kind, "#333")
        self.message.setText(f'<span style="color:{colour}">{text}</span>')
        # the fields keep their height: the dialog grows with what it says
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    # --- the fetch ----------------------------------------------------------------------------
    def start(self) -> None:
        server, user = self.server.text().strip(), self.user.text().strip()
        since = self.since.date()
        if not server or not user:
            self.say("Hãy điền máy chủ thư và tài khoản.", "error")
            return
        if since is None:
            self.say("Hãy gõ ngày bắt đầu, ví dụ 01/06/2021.", "error")
            return
        self.trust_button.setVisible(False)
        self._busy(True)
        self.say(html.escape(f"Đang chuẩn bị nhận thư của {user}@{server}…"))
        values = (server, self.port.value(), user, self.folder.text().strip() or "INBOX",
                  self.cafile.text().strip() or None, self.starttls.isChecked())
        again = self.again.isChecked()
        self.ops.run(mailbox.fetch_plan(values, since, again),
                     on_done=self._download, on_error=self._not_started)

    def _not_started(self, message: str) -> None:
        self._busy(False)
        self.say(html.escape(message), "error")

    def _download(self, plan) -> None:
        """The network, on a thread of its own: the store's password or the one typed."""
        typed = self.password.text()
        keep = self.keep.isChecked() and bool(typed)
        self.cancel.clear()
        self.plan = plan

        def work() -> None:
            try:
                fetched = mailbox.download(plan, typed, keep, self.bridge.progressed.emit,
                                        self.cancel.is_set)
                if fetched is None:
                    self.bridge.failed.emit(("password", "Hãy gõ mật khẩu của hộp thư (chưa có "
                                                         "trong kho mật khẩu của máy này)."))
                    return
                self.bridge.succeeded.emit(fetched)
            except Exception as error:  # a MailError's words, or a sentence for a bug
                self.bridge.failed.emit(error)

        self.thread = threading.Thread(target=work, name="nhan-thu", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.cancel.set()
        self.stop_button.setEnabled(False)
        self.say("Đang dừng…")

    def _progressed(self, done: int, total: int, sentence: str) -> None:
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(done)
        if sentence:
            self.say(html.escape(sentence))

    def _busy(self, busy: bool) -> None:
        self.start_button.setEnabled(not busy)
        self.stop_button.setVisible(busy)
        self.stop_button.setEnabled(busy)
        self.bar.setVisible(busy)
        if busy:
            self.bar.setRange(0, 0)

    def _failed(self, error) -> None:
        self._busy(False)
        if isinstance(error, tuple):
            self.say(html.escape(error[1]), "warning")
            self.password.setFocus()
            return
        fingerprint = getattr(error, "fingerprint", None)
        message = getattr(error, "message", None)
        if message is None:
            message = unexpected_message(error)
        if fingerprint:  # an untrusted certificate: the user may trust that one
            self.untrusted = error
            self.trust_button.setVisible(True)
            changed = "khác với chứng chỉ đã chọn tin" if error.changed else \
                "không được tin cậy"
            message = (f"Máy chủ thư {error.server} đưa ra chứng chỉ {changed} ({error.reason})"
                       f"; chưa kết nối. Dấu vân tay SHA-256 của chứng chỉ:\n{fingerprint}\n"
                       "Chỉ bấm «Tin chứng chỉ này» sau khi đã gọi điện cho bộ phận quản lý máy "
                       "chủ thư và đối chiếu đúng dãy số trên.")
        self.say(html.escape(message).replace("\n", "<br/>"), "error")
        if not fingerprint and type(error).__name__ == "LoginRefused":
            self.password.clear()
            self.password.setFocus()

    def _trust(self) -> None:
        error = self.untrusted
        self.ops.run(mailbox.trust_certificate(error.host, error.port, error.fingerprint),
                     on_done=lambda _pin: self.start(),
                     on_error=lambda message: self.say(html.escape(message), "error"))

    def _succeeded(self, fetched) -> None:
        self._busy(False)
        account = fetched.account
        self.ops.run(mailbox.remember_account(account))
        if not fetched.mails:
            if fetched.duplicates or fetched.passed_over:  # remembered: not looked at again
                self.ops.run(mailbox.remember_fetched(fetched))
            self.say(html.escape(
                f"Không có thư mới có báo cáo: {fetched.found} thư từ ngày "
                f"{format_date(fetched.since)}, {fetched.known} thư đã nhận lần trước"
                + (f", {len(fetched.passed_over)} thư không có báo cáo (bỏ qua)"
                   if fetched.passed_over else "") + "."))
            return
        self.fetched.emit(fetched)
        self.accept()


class MailPreview:
    """The mail downloaded, shown in the secretariat's import preview; «Nhập» imports it and
    remembers it in one transaction."""

    def __init__(self, view, fetched):
        self.view, self.fetched = view, fetched
        self.names = [mail.name for mail in fetched.mails]

    def show(self) -> None:
        view = self.view
        fetched = self.fetched
        view.ops.run(mailbox.preview_fetched(fetched), label="Đang đọc thư đã nhận…",
                     on_done=self._shown,
                     on_error=lambda message: view.notice.show_message(message, "error"))

    def _shown(self, results) -> None:
        self.view.mail_preview = self
        self.view._show_preview(self.names, results, "")
        said = []
        if self.fetched.duplicates:
            said.append(f"{len(self.fetched.duplicates)} thư trùng (cùng Message-ID với thư đã "
                        "nhận) không được nhập lại")
        if self.fetched.passed_over:
            said.append(f"{len(self.fetched.passed_over)} thư không có tệp đính kèm nào có thể "
                        "là báo cáo, tiêu đề không nói đến báo cáo: bỏ qua, không tải về")
        if said:
            self.view.notice.show_message(html.escape("; ".join(said) + "."), "info")

    def apply(self) -> None:
        view = self.view
        fetched = self.fetched
        confirmed = [view.preview.results[row].file_name for row in view.preview.confirmed]
        view.mail_preview = None
        # confirmed: Word reports imported from their own window before «Nhập»
        view.ops.run(mailbox.import_fetched(fetched, confirmed), label="Đang nhập thư…",
                     on_done=self._imported,
                     on_error=lambda message: view.notice.show_message(message, "error"),
                     source=view)

    def _imported(self, done) -> None:
        results, waiting = done
        view = self.view
        view._imported(results)
        if waiting:  # reports held until confirmed: named, with the way to confirm them
            view.notice.show_message(
                view.notice.label.text() + f"<br/><b>{len(waiting)} báo cáo nhận qua thư đang chờ "
                "xác nhận</b> đơn vị, kỳ (được giữ lại, không mất).", "warning",
                [("Xác nhận…", lambda: view.confirm_word_reports(waiting))])


def open_mail_fetch(view) -> None:
    """The dialog, filled with what was used last (read in the worker)."""
    def opened(found) -> None:
        last, since, store = found
        dialog = MailFetchDialog(view, last, since, store)
        dialog.fetched.connect(lambda fetched: MailPreview(view, fetched).show())
        view.mail_dialog = dialog
        dialog.open()

    view.ops.run(mailbox.fetch_defaults(),
                 on_done=opened,
                 on_error=lambda message: view.notice.show_message(message, "error"))
