"""Signing keys: this installation's own (its fingerprint to read out on the phone, export to a
new PC, restore from an old one), the keys recorded for each sender (confirmed by phone, or
revoked), and the packages held because their signature did not fit. Every read and change
runs as an operation, off the UI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox,
                               QGroupBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QLineEdit, QMessageBox, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from ttdn_desktop.core.periods import Period
from ttdn_desktop.ui import filedialogs
from ttdn_desktop.ui.ops import keys as key_ops
from ttdn_desktop.ui.screen_fit import fit_size

KEY_FILTER = "Tệp khóa ký TTĐN (*.ttdnkey);;Mọi tệp (*)"
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _table(headers: tuple[str, ...], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[tuple], ids: list) -> None:
    table.setRowCount(len(rows))
    for r, (values, ident) in enumerate(zip(rows, ids)):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setData(ID_ROLE, ident)
            item.setToolTip(text)  # a long name or reason is cut off in the cell
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for column in range(table.columnCount()):  # no column pushes the others out of sight
        table.setColumnWidth(column, min(table.columnWidth(column), 300))
    table.resizeRowsToContents()


class KeysDialog(QDialog):
    """`agency`: opened by a member agency, whose concern is its own key (the secretariat
    checks it by phone) and, once a signed request has come, the secretariat's; the
    secretariat records every member's."""

    def __init__(self, workspace, ops, parent=None, select_party: str | None = None,
                 agency: bool = False):
        super().__init__(parent)
        self.workspace, self.ops = workspace, ops  # the workspace only for file dialogs
        self.agency = agency
        self.pinned: list[dict] = []
        self.held_rows: list[dict] = []
        self.wanted_party = select_party
        self.setWindowTitle("Khóa ký và đối chiếu")
        fit_size(self, *((760, 460) if agency else (900, 620)))
        self._full_height = self.height()

        own = QGroupBox("Khóa ký của đơn vị (máy này)" if agency else "Khóa ký của máy này")
        self.own_label = QLabel()
        self.own_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.own_label.setWordWrap(True)
        export = QPushButton("Xuất khóa ra tệp…")
        export.clicked.connect(self.export_key)
        restore = QPushButton("Dùng khóa từ máy cũ…")
        restore.clicked.connect(self.restore_key)
        own_buttons = QHBoxLayout()
        own_buttons.addStretch(1)
        own_buttons.addWidget(export)
        own_buttons.addWidget(restore)
        own_layout = QVBoxLayout(own)
        own_layout.addWidget(self.own_label)
        own_layout.addLayout(own_buttons)

        pinned = QGroupBox("Khóa của cơ quan thường trực" if agency
                           else "Khóa đã ghi nhận của nơi gửi gói đến")
        self.pinned_box = pinned
        self.keys = _table(("Nơi gửi", "Dấu vân tay (đọc qua điện thoại)", "Đối chiếu",
                            "Ghi nhận từ", "Tình trạng"), 3)
        self.keys.itemSelectionChanged.connect(self._update_buttons)
        self.history = QCheckBox("Hiện cả khóa đã thay hoặc đã thu hồi")
        self.history.toggled.connect(self.reload)
        self.confirm_button = QPushButton("Đã gọi điện, dãy số khớp")
        self.confirm_button.clicked.connect(self.confirm_key)
        self.revoke_button = QPushButton("Thu hồi khóa…")
        self.revoke_button.clicked.connect(self.revoke_key)
        key_buttons = QHBoxLayout()
        key_buttons.addWidget(self.history)
        key_buttons.addStretch(1)
        key_buttons.addWidget(self.confirm_button)
        key_buttons.addWidget(self.revoke_button)
        pinned_layout = QVBoxLayout(pinned)
        pinned_layout.addWidget(QLabel(
            "Khóa của cơ quan thường trực được ghi nhận ở gói đề nghị báo cáo có chữ ký đầu "
            "tiên. Muốn chắc chắn, hãy gọi điện cho cơ quan thường trực và nhờ đọc dãy số của "
            "họ: nếu trùng với dãy số ở đây, bấm «Đã gọi điện, dãy số khớp»." if agency else
            "Khóa của một đơn vị được ghi nhận ở gói có chữ ký đầu tiên của đơn vị. Hãy gọi điện "
            "cho đơn vị, nhờ họ mở «Công cụ › Khóa ký và đối chiếu» và đọc dãy số của họ: nếu "
            "trùng với dãy số ở đây, bấm «Đã gọi điện, dãy số khớp»."))
        pinned_layout.itemAt(0).widget().setWordWrap(True)
        pinned_layout.addWidget(self.keys, 1)
        pinned_layout.addLayout(key_buttons)

        self.held_box = QGroupBox("Gói bị giữ lại vì chữ ký")
        self.held = _table(("Tệp", "Nơi gửi", "Kỳ", "Lý do"), 3)
        self.held.itemSelectionChanged.connect(self._update_buttons)
        self.accept_key_button = QPushButton("Nhận khóa mới của nơi gửi…")
        self.accept_key_button.setToolTip("Khi đơn vị cài lại máy hay đổi máy: khóa cũ được giữ "
                                          "trong lịch sử, các gói ký bằng khóa mới được nhập")
        self.accept_key_button.clicked.connect(self.accept_key)
        self.accept_one_button = QPushButton("Nhận riêng gói này…")
        self.accept_one_button.setToolTip("Nhập gói này như nó đang là (không có chữ ký hoặc ký "
                                          "bằng khóa lạ) sau khi đã gọi điện kiểm tra; không ghi "
                                          "nhận khóa nào")
        self.accept_one_button.clicked.connect(self.accept_one)
        held_buttons = QHBoxLayout()
        held_buttons.addStretch(1)
        held_buttons.addWidget(self.accept_key_button)
        held_buttons.addWidget(self.accept_one_button)
        held_layout = QVBoxLayout(self.held_box)
        held_layout.addWidget(self.held, 1)
        held_layout.addLayout(held_buttons)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(own)
        layout.addWidget(pinned, 1)
        layout.addWidget(self.held_box, 1)
        layout.addWidget(close)
        self.reload()

    # --- what is shown ------------------------------------------------------------------------
    def reload(self) -> None:
        history = self.history.isChecked()
        self.ops.run(key_ops.keys(history),
                     on_done=lambda found: self._show(*found), source=self)

    def _show(self, own: dict, pinned: list[dict], held: list[dict]) -> None:
        who = ("Mỗi gói báo cáo đơn vị gửi đi được ký bằng khóa này. Khi nhận gói đầu tiên, cơ "
               "quan thường trực sẽ gọi điện nhờ bạn đọc dãy số này để đối chiếu."
               if self.agency else "Nơi nhận gói của bạn sẽ gọi điện đối chiếu dãy số này.")
        self.own_label.setText(
            f"Dấu vân tay: <span style='font-size:15pt; font-weight:bold; "
            f"font-family:monospace'>{own['short']}</span><br/><span style='color:#555'>{who} "
            f"Khóa nằm trong tệp «{Path(own['path']).name}» cạnh cơ sở dữ liệu và được sao lưu "
            "cùng nó; khi chuyển sang máy mới, hãy xuất khóa ra tệp rồi dùng lại ở máy mới để "
            "giữ nguyên danh tính.</span>")
        self.pinned = pinned
        _fill(self.keys, [(k["party_name"], k["short"],
                           "đã xác nhận" if k["confirmed_at"] else "chưa gọi điện",
                           k["first_file"], k["state_label"]) for k in self.pinned],
              [k["id"] for k in self.pinned])
        self.held_rows = held
        _fill(self.held, [(h["file_name"], h["agency_name"], Period.parse(h["period_code"]).label,
                           h["detail"])
                          for h in self.held_rows], [h["id"] for h in self.held_rows])
        for row, held in enumerate(self.held_rows):
            self.held.item(row, 3).setToolTip(held["detail"])
        self.held_box.setVisible(bool(self.held_rows))
        if self.agency:
            # an agency records no member's key: the box is there once the secretariat's is,
            # and the window no taller than its own key until then
            shown = bool(pinned) or self.history.isChecked()
            self.pinned_box.setVisible(shown)
            layout = self.layout()
            layout.activate()  # the boxes just hidden or shown count
            fitted = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() \
                else self.sizeHint().height()  # the fingerprint's text wraps to the width
            self.resize(self.width(), self._full_height if shown or self.held_rows else fitted)
        self.keys.clearSelection()  # the rows may have moved: nothing chosen by accident
        self.held.clearSelection()
        if self.wanted_party:
            self.select_party(self.wanted_party)
            self.wanted_party = None
        self._update_buttons()

    def select_party(self, party: str) -> None:
        for row, key in enumerate(self.pinned):
            if key["party"] == party:
                self.keys.selectRow(row)
                return

    def selected_key(self) -> dict | None:
        rows = self.keys.selectionModel().selectedRows()
        return self.pinned[rows[0].row()] if rows else None

    def selected_held(self) -> dict | None:
        rows = self.held.selectionModel().selectedRows()
        return self.held_rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        key = self.selected_key()
        active = key is not None and key["state"] == "active"
        self.confirm_button.setEnabled(active and not key["confirmed_at"])
        self.revoke_button.setEnabled(active)
        held = self.selected_held()
        self.accept_key_button.setEnabled(held is not None and bool(held["fingerprint"]))
        self.accept_one_button.setEnabled(held is not None)

    # --- actions ------------------------------------------------------------------------------
    @property
    def _sender(self) -> str:
        """Whose keys this window records: the members', or (an agency's) the secretariat's."""
        return "cơ quan thường trực" if self.agency else "đơn vị"

    def _run(self, op, on_done=None) -> None:
        """An Op of ops.keys; a refusal is told in a message box; the lists are shown again
        after it."""
        def done(result):
            self.reload()
            if on_done is not None:
                on_done(result)

        self.ops.run(op, on_done=done, source=self,
                     on_error=lambda message: QMessageBox.warning(self, self.windowTitle(),
                                                                  message))

    def ask_passphrase(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Password)
        return text if ok else None

    def export_key(self) -> None:
        path = filedialogs.save_file(self, "Xuất khóa ký ra tệp", "khoa-ky-ttdn.ttdnkey",
                                     KEY_FILTER, self.workspace, purpose="key")
        if not path:
            return
        title = "Mật khẩu cho tệp khóa"
        first = self.ask_passphrase(title, "Tệp khóa sẽ mang ra khỏi máy (USB), nên được khóa "
                                           "bằng mật khẩu.\nĐặt mật khẩu (ít nhất 8 ký tự):")
        if first is None:
            return
        if self.ask_passphrase(title, "Nhập lại mật khẩu:") != first:
            QMessageBox.warning(self, title, "Hai lần nhập mật khẩu không giống nhau: chưa xuất "
                                             "khóa.")
            return
        self._run(key_ops.export_key(path, first), lambda _done: QMessageBox.information(
            self, "Xuất khóa ký",
            f"Đã xuất khóa ký ra «{path}», khóa bằng mật khẩu.\n\nAi có tệp này và mật khẩu có "
            "thể ký gói báo cáo thay đơn vị của bạn: hãy cất trên USB hoặc nơi an toàn, không "
            "gửi qua thư điện tử, không ghi mật khẩu cạnh tệp. Ở máy mới, mở «Công cụ › Khóa ký "
            "và đối chiếu» và bấm «Dùng khóa từ máy cũ…»."))

    def restore_key(self) -> None:
        path = filedialogs.open_file(self, "Dùng khóa ký từ máy cũ", KEY_FILTER, self.workspace,
                                     purpose="key")
        if not path:
            return
        answer = QMessageBox.question(
            self, "Dùng khóa từ máy cũ",
            f"Từ nay máy này ký bằng khóa trong «{Path(path).name}»?\n\nKhóa đang dùng không bị "
            "xóa: nó được giữ lại trong một tệp bên cạnh.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ops.run(key_ops.key_file_sealed(path),
                     on_done=lambda sealed: self._restore_key(path, sealed),
                     on_error=lambda message: QMessageBox.warning(self, self.windowTitle(),
                                                                  message))

    def _restore_key(self, path: str, sealed: bool) -> None:
        passphrase = None
        if sealed:
            passphrase = self.ask_passphrase("Mật khẩu của tệp khóa",
                                             "Mật khẩu đã đặt khi xuất khóa ở máy cũ:")
            if passphrase is None:
                return

        def restored(done):
            own, kept = done
            where = f"\n\nKhóa cũ được giữ ở «{kept}»." if kept else ""
            QMessageBox.information(self, "Dùng khóa từ máy cũ",
                                    f"Máy này từ nay ký bằng khóa {own['short']}.{where}")

        self._run(key_ops.restore_key(path, passphrase), restored)

    def confirm_key(self) -> None:
        key = self.selected_key()
        if key is not None:
            self._run(key_ops.confirm_key(key["party"]))

    def revoke_key(self) -> None:
        key = self.selected_key()
        if key is None:
            return
        answer = QMessageBox.question(
            self, "Thu hồi khóa",
            f"Thu hồi khóa {key['short']} của {key['party_name']}?\n\nLàm việc này khi máy của "
            f"{self._sender} bị mất hoặc khóa bị lộ. Gói ký bằng khóa này sẽ bị giữ lại; khóa "
            f"mới của {self._sender} được ghi nhận ở gói có chữ ký kế tiếp (nhớ gọi điện đối "
            "chiếu). Khóa cũ vẫn được giữ trong lịch sử.")
        if answer == QMessageBox.StandardButton.Yes:
            self._run(key_ops.revoke_key(key["party"]))

    def accept_key(self) -> None:
        held = self.selected_held()
        if held is None or not held["fingerprint"]:
            return
        name = held["agency_name"] if held["report_id"] else "cơ quan gửi đề nghị báo cáo"
        owners = ", ".join(held.get("owners") or ())
        text = (f"Nhận khóa mới của {name}?\n\nDấu vân tay của khóa mới:\n\n    {held['short']}\n\n"
                f"Chỉ nhận sau khi đã gọi điện cho {self._sender} và họ đọc đúng dãy số này (ví "
                "dụ khi họ cài lại máy hoặc đổi máy). Khóa cũ được giữ trong lịch sử; các gói đang "
                "giữ lại ký bằng khóa mới sẽ được nhập.")
        if owners:  # one member posing as another, unless the two truly share one machine
            text = (f"Khóa {held['short']} đã được ghi nhận cho {owners}, không phải cho {name}."
                    f"\n\nChỉ nhận khóa này cho cả {name} khi đã gọi điện cho cả hai nơi và họ "
                    "xác nhận dùng chung một máy ký (ví dụ một văn phòng cho hai xã sáp nhập). "
                    "Nếu không, đây có thể là một đơn vị giả làm đơn vị khác: đừng nhận.\n\n"
                    f"Nhận khóa dùng chung này cho {name}?")
        answer = QMessageBox.question(self, "Nhận khóa mới", text)
        if answer != QMessageBox.StandardButton.Yes:
            return
        def accepted(done):
            _key, results = done
            lines = "\n".join(f"• {r.line()}" for r in results)
            QMessageBox.information(self, "Nhận khóa mới", f"Đã nhận khóa mới của {name}; khóa "
                                    f"cũ được giữ trong lịch sử.\n\n{lines}")

        self._run(key_ops.accept_key(held["party"], held["fingerprint"]), accepted)

    def accept_one(self) -> None:
        held = self.selected_held()
        if held is None:
            return
        answer = QMessageBox.question(
            self, "Nhận riêng gói này",
            f"Nhập gói «{held['file_name']}» dù chữ ký không khớp?\n\nLý do bị giữ: "
            f"{held['detail']}.\n\nChỉ nhận sau khi đã gọi điện cho nơi gửi và họ xác nhận đã gửi "
            "đúng gói này. Không khóa nào được ghi nhận.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._run(key_ops.accept_held(held["id"]),
                  lambda result: QMessageBox.information(self, "Nhận riêng gói này",
                                                         result.line()))
