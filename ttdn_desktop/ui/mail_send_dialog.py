"""«Gửi qua thư»: where the report goes and through which server (issue 25, point 2). What was
given last time is filled in; the password is never shown from anywhere nor kept by us: left
empty, it comes from the system's credential store (or TTDN_MAIL_PASSWORD); typed, it is used
for this session, and put in the store only if the user ticks so."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from ttdn_desktop.ui import filedialogs


class MailSendDialog(QDialog):
    def __init__(self, server: dict, recipient: str | None, what: str, parent=None,
                 upward: bool = False):
        """`server`: the remembered settings (Outbox.server()); `what`: the mail in words;
        `recipient` None: no address asked (each reminder has its member's)."""
        super().__init__(parent)
        self.setWindowTitle("Gửi báo cáo lên cấp trên qua thư" if upward else "Gửi qua thư")
        self.setMinimumWidth(560)
        intro = QLabel(f"Gửi <b>{html.escape(what)}</b> qua thư điện tử. Thư vào <i>hộp thư "
                       "đi</i> trước; "
                       "không có mạng thì thư nằm chờ và ứng dụng tự gửi lại khi có mạng.")
        intro.setWordWrap(True)
        self.to = QLineEdit(recipient or "")
        self.to.setPlaceholderText("vanthu@btgdv.quangninh.gov.vn")
        self.host = QLineEdit(server.get("host", ""))
        self.host.setPlaceholderText("mail.quangninh.gov.vn")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(int(server.get("port") or 587))
        self.tls_first = QCheckBox("Mã hóa ngay từ đầu (cổng 465)")
        self.tls_first.setChecked(bool(server.get("implicit")) or self.port.value() == 465)
        self.port.valueChanged.connect(lambda port: self.tls_first.setChecked(port == 465))
        self.user = QLineEdit(server.get("user", ""))
        self.user.setPlaceholderText("tài khoản thư của đơn vị")
        self.sender = QLineEdit(server.get("sender", ""))
        self.sender.setPlaceholderText("như tài khoản, nếu tài khoản là một địa chỉ thư")
        self.cafile = QLineEdit(server.get("cafile", ""))
        self.cafile.setPlaceholderText("chỉ khi cơ quan có chứng chỉ riêng (tệp .pem)")
        choose = QPushButton("Chọn…")
        choose.clicked.connect(self._choose_cafile)
        cafile_row = QWidget()
        row = QHBoxLayout(cafile_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.cafile, 1)
        row.addWidget(choose)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("để trống: lấy từ kho mật khẩu của hệ điều hành")
        self.keep_password = QCheckBox("Lưu mật khẩu vào kho mật khẩu của hệ điều hành")
        self.with_word = QCheckBox("Gửi kèm bản Word của báo cáo")
        form = QFormLayout()
        if recipient is not None:  # None: the server only (the reminders' own addresses)
            form.addRow("Gửi đến:", self.to)
        form.addRow("Máy chủ thư:", self.host)
        ports = QWidget()
        port_row = QHBoxLayout(ports)
        port_row.setContentsMargins(0, 0, 0, 0)
        port_row.addWidget(self.port)
        port_row.addWidget(self.tls_first, 1)
        form.addRow("Cổng:", ports)
        form.addRow("Tài khoản:", self.user)
        form.addRow("Địa chỉ người gửi:", self.sender)
        form.addRow("Chứng chỉ riêng:", cafile_row)
        form.addRow("Mật khẩu:", self.password)
        form.addRow("", self.keep_password)
        if recipient is not None:
            form.addRow("", self.with_word)
        buttons = QDialogButtonBox()
        buttons.addButton("Gửi", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _choose_cafile(self) -> None:
        path = filedialogs.open_file(self, "Chứng chỉ của cơ quan cấp chứng chỉ riêng",
                                     "Chứng chỉ (*.pem *.crt *.cer);;Mọi tệp (*)")
        if path:
            self.cafile.setText(path)

    def settings(self) -> dict:
        """What to remember (Outbox.remember_server's keywords)."""
        return {"host": self.host.text().strip(), "port": self.port.value(),
                "user": self.user.text().strip(), "sender": self.sender.text().strip() or None,
                "cafile": self.cafile.text().strip() or None,
                "implicit": self.tls_first.isChecked()}
