"""The member list: add, rename, reorder and retire agencies (retired ones keep their history),
give each its kind (Loại) from the list of kinds edited beside it, and bring the list in from
an Excel sheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QStyledItemDelegate, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ttdn_desktop.core import trust
from ttdn_desktop.ui import filedialogs
from ttdn_desktop.ui.ops import agencies

CODE, NAME, KIND, EMAIL, STATE = range(5)
NO_KIND = "(chưa chọn)"
EMAIL_TIP = ("Địa chỉ thư điện tử của đơn vị: thư nhắc báo cáo gửi đến đây. Nhấp đúp để sửa.")
KIND_TIP = ("Loại đơn vị: nhấp đúp để chọn trong danh sách loại bên phải. Báo cáo tổng hợp "
            "nhóm các đơn vị theo loại.")


class _KindDelegate(QStyledItemDelegate):
    """The «Loại» cell is chosen from the list of kinds, never typed."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view

    def createEditor(self, parent, option, index):
        editor = QComboBox(parent)
        editor.addItem(NO_KIND, "")
        for kind in self.view.kinds:
            editor.addItem(kind, kind)
        return editor

    def setEditorData(self, editor, index) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data())))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class MembersView(QWidget):
    """Small edits of the member list are written at once (a row each); the other views hear
    of them through `ops.changed`."""

    def __init__(self, workspace, ops, parent=None):
        super().__init__(parent)
        self.workspace, self.ops = workspace, ops
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Mã", "Tên đơn vị", "Loại", "Thư điện tử",
                                              "Tình trạng"])
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemChanged.connect(self._on_edit)
        self.kinds: list[str] = []
        self.table.setItemDelegateForColumn(KIND, _KindDelegate(self))
        self.table.horizontalHeaderItem(KIND).setToolTip(KIND_TIP)
        self.table.horizontalHeaderItem(EMAIL).setToolTip(EMAIL_TIP)
        self.new_kind = QComboBox()
        self.new_kind.setToolTip("Loại của đơn vị mới")
        self.new_code = QLineEdit()
        self.new_code.setPlaceholderText("Mã, ví dụ XA12")
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("Tên đơn vị mới")
        self.new_name.returnPressed.connect(self.add)
        add = QPushButton("Thêm")
        add.clicked.connect(self.add)
        up = QPushButton("Lên")
        up.clicked.connect(lambda: self.move(-1))
        down = QPushButton("Xuống")
        down.clicked.connect(lambda: self.move(1))
        self.retire_button = QPushButton("Thôi / khôi phục thành viên")
        self.retire_button.clicked.connect(self.toggle_retired)
        from_excel = QPushButton("Nhập danh sách từ Excel…")
        from_excel.clicked.connect(self.choose_excel)
        to_excel = QPushButton("Xuất danh sách ra Excel…")
        to_excel.clicked.connect(self.choose_excel_out)
        self.message = QLabel()
        self.message.setWordWrap(True)
        adding = QHBoxLayout()
        adding.addWidget(self.new_code)
        adding.addWidget(self.new_name, 1)
        adding.addWidget(self.new_kind)
        adding.addWidget(add)
        tools = QHBoxLayout()
        for widget in (up, down, self.retire_button, from_excel, to_excel):
            tools.addWidget(widget)
        tools.addStretch(1)
        members = QVBoxLayout()
        members.addLayout(tools)
        members.addWidget(self.table, 1)
        members.addLayout(adding)
        body = QHBoxLayout()
        body.addLayout(members, 1)
        body.addWidget(self._kinds_panel())
        layout = QVBoxLayout(self)
        hint = QLabel("Sửa tên, địa chỉ thư ngay trong bảng, nhấp đúp ô «Loại» để chọn loại "
                      "đơn vị; tên cũ "
                      "được giữ trong lịch sử. Đơn vị thôi là thành viên vẫn giữ các báo cáo "
                      "đã nộp.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        self._loading = False
        self.reload()

    def _kinds_panel(self) -> QGroupBox:
        """The list of kinds: added, renamed in place (its members follow), moved, removed
        when no member has it."""
        box = QGroupBox("Loại đơn vị")
        box.setToolTip("Các loại để nhóm đơn vị thành viên (sở, ban, ngành; xã, phường…). "
                       "Nhấp đúp một loại để đổi tên.")
        self.kind_list = QListWidget()
        self.kind_list.itemChanged.connect(self._on_kind_renamed)
        self.kind_name = QLineEdit()
        self.kind_name.setPlaceholderText("Loại mới")
        self.kind_name.returnPressed.connect(self.add_kind)
        add = QPushButton("Thêm loại")
        add.clicked.connect(self.add_kind)
        up, down, remove = QPushButton("Lên"), QPushButton("Xuống"), QPushButton("Bỏ loại")
        up.clicked.connect(lambda: self.move_kind(-1))
        down.clicked.connect(lambda: self.move_kind(1))
        remove.clicked.connect(self.remove_kind)
        moves = QHBoxLayout()
        for button in (up, down, remove):
            moves.addWidget(button)
        adding = QHBoxLayout()
        adding.addWidget(self.kind_name, 1)
        adding.addWidget(add)
        layout = QVBoxLayout(box)
        layout.addWidget(self.kind_list, 1)
        layout.addLayout(moves)
        layout.addLayout(adding)
        box.setMaximumWidth(300)
        return box

    def reload(self, select: str | None = None) -> None:
        """Read in the worker, shown when it comes."""
        self.ops.run(agencies.members_and_kinds(),
                     on_done=lambda result: self._fill(*result, select),
                     on_error=self.message.setText)

    def _fill(self, rows, kinds, select: str | None) -> None:
        self._loading = True
        self.kinds = kinds
        chosen = self.new_kind.currentData()
        self.new_kind.clear()
        self.new_kind.addItem("Loại: " + NO_KIND, "")
        for kind in kinds:
            self.new_kind.addItem(kind, kind)
        self.new_kind.setCurrentIndex(max(0, self.new_kind.findData(chosen)))
        current = self.kind_list.currentItem().text() if self.kind_list.currentItem() else None
        self.kind_list.clear()
        for kind in kinds:
            item = QListWidgetItem(kind)
            item.setData(Qt.ItemDataRole.UserRole, kind)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.kind_list.addItem(item)
            if kind == current:
                self.kind_list.setCurrentItem(item)
        self.table.setRowCount(len(rows))
        for row, agency in enumerate(rows):
            code = QTableWidgetItem(agency["code"])
            code.setFlags(code.flags() & ~Qt.ItemFlag.ItemIsEditable)
            state = QTableWidgetItem("đã thôi" if agency["retired"] else "thành viên")
            state.setFlags(state.flags() & ~Qt.ItemFlag.ItemIsEditable)
            kind = QTableWidgetItem(agency["kind"] or NO_KIND)
            kind.setToolTip(KIND_TIP)
            if not agency["kind"]:
                kind.setForeground(QBrush(QColor("#6C757D")))
            email = QTableWidgetItem(agency["email"])
            email.setToolTip(EMAIL_TIP)
            for column, item in ((CODE, code), (NAME, QTableWidgetItem(agency["name"])),
                                 (KIND, kind), (EMAIL, email), (STATE, state)):
                item.setData(Qt.ItemDataRole.UserRole, agency["code"])
                self.table.setItem(row, column, item)
            if agency["code"] == select:
                self.table.selectRow(row)
        self.table.resizeColumnToContents(CODE)
        self.table.resizeColumnToContents(KIND)  # a kind on one line, not wrapped in two
        self.table.resizeColumnToContents(EMAIL)
        self._loading = False

    def codes(self) -> list[str]:
        return [self.table.item(r, CODE).text() for r in range(self.table.rowCount())]

    def _write(self, op, said, select: str | None = None) -> None:
        """An Op of ops.agencies; then said(result) is shown and the list read again (also
        after a refusal, which shows what is stored)."""
        def done(result) -> None:
            self.message.setText(said(result))
            self.reload(select)

        def refused(message: str) -> None:
            self.message.setText(message)
            self.reload(select)

        self.ops.run(op, on_done=done, on_error=refused, source=self)

    def _on_edit(self, item) -> None:
        if self._loading or item.column() not in (NAME, KIND, EMAIL):
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        change = {"name": item.text()} if item.column() == NAME else \
            {"email": item.text()} if item.column() == EMAIL else \
            {"kind": "" if item.text() == NO_KIND else item.text()}
        self._write(agencies.update_agency(code, **change), lambda _: f"Đã lưu {code}.", code)

    def add(self) -> None:
        code, name, order = self.new_code.text(), self.new_name.text(), len(self.codes()) + 1

        def said(result) -> str:
            agency, released = result
            self.new_code.clear()
            self.new_name.clear()
            taken = [r for r in released if r.ok]
            extra = f" Đã nhập {len(taken)} gói đang chờ đơn vị này." if taken else ""
            if len(taken) < len(released):
                extra += (f" {len(released) - len(taken)} gói vẫn bị giữ lại (xem «Khóa ký và "
                          "đối chiếu»).")
            keys = [r.fingerprint for r in taken if r.signature_state == trust.FIRST]
            if keys:  # seen first now: the package was held, its key not recorded then
                extra += (f" Khóa ký mới của đơn vị được ghi nhận: {keys[0]} — hãy gọi điện cho "
                          "đơn vị để đối chiếu dãy số này.")
            return f"Đã thêm {agency['name']}.{extra}"

        kind = self.new_kind.currentData() or ""
        # packages held for it are imported as it is added: reports change too
        self._write(agencies.add_agency(code, name, kind, order), said, code.strip().upper())

    # --- the list of kinds --------------------------------------------------------------------
    def add_kind(self) -> None:
        name = self.kind_name.text()

        def said(kind: str) -> str:
            self.kind_name.clear()
            return f"Đã thêm loại «{kind}»."
        self._write(agencies.add_kind(name), said)

    def _on_kind_renamed(self, item) -> None:
        if self._loading:
            return
        old, new = item.data(Qt.ItemDataRole.UserRole), item.text()
        if new != old:
            self._write(agencies.rename_kind(old, new),
                        lambda kind: f"Đã đổi tên loại «{old}» thành «{kind}».")

    def move_kind(self, step: int) -> None:
        row = self.kind_list.currentRow()
        names = list(self.kinds)
        if not 0 <= row < len(names) or not 0 <= row + step < len(names):
            return
        names[row], names[row + step] = names[row + step], names[row]
        # shown at once, written in the worker (a refusal reads the stored order back)
        self.kind_list.insertItem(row + step, self.kind_list.takeItem(row))
        self.kind_list.setCurrentRow(row + step)
        self._write(agencies.reorder_kinds(names), lambda _: "")

    def remove_kind(self) -> None:
        item = self.kind_list.currentItem()
        if item is None:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        self._write(agencies.remove_kind(name), lambda _: f"Đã bỏ loại «{name}».")

    def selected_code(self) -> str | None:
        row = self.table.currentRow()
        return self.table.item(row, CODE).text() if row >= 0 else None

    def move(self, step: int) -> None:
        code = self.selected_code()
        if code is None:
            return
        codes = self.codes()
        index = codes.index(code)
        target = index + step
        if not 0 <= target < len(codes):
            return
        codes[index], codes[target] = codes[target], codes[index]
        # shown at once, written in the worker (a refusal reads the stored order back)
        self._loading = True
        for column in range(self.table.columnCount()):
            upper, lower = self.table.takeItem(index, column), self.table.takeItem(target, column)
            self.table.setItem(index, column, lower)
            self.table.setItem(target, column, upper)
        self.table.selectRow(target)
        self._loading = False
        self._write(agencies.reorder_agencies(codes), lambda _: "", code)

    def toggle_retired(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        self._write(agencies.toggle_retired(code), lambda _: "", code)

    def choose_excel(self) -> None:
        path = filedialogs.open_file(self, "Danh sách đơn vị từ Excel", "Excel (*.xlsx)",
                                     self.workspace, "import")
        if path:
            self.import_excel(path)

    def import_excel(self, path: str) -> None:
        name = Path(path).name
        self._write(agencies.import_members(path),
                    lambda counts: f"{name}: thêm {counts[0]} đơn vị, đổi tên {counts[1]} đơn "
                                   f"vị, đổi loại {counts[2]} đơn vị, đổi địa chỉ thư {counts[3]} "
                                   "đơn vị.")

    def choose_excel_out(self) -> None:
        path = filedialogs.save_file(self, "Xuất danh sách đơn vị ra Excel", "DanhSachDonVi.xlsx",
                                     "Excel (*.xlsx)", self.workspace, "export")
        if path:
            self._write(agencies.write_members(path),
                        lambda count: f"Đã ghi {count} đơn vị vào {Path(path).name}.")
