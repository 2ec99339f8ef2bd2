"""The member list: add, rename, reorder and retire agencies (retired ones keep their history),
and bring the list in from an Excel sheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from ttdn_desktop.core.errors import PackageError, TTDNError
from ttdn_desktop.ui import filedialogs
from ttdn_desktop.ui.operations import AGENCIES, REPORTS, Changes

CODE, NAME, KIND, STATE = range(4)


class MembersView(QWidget):
    """Small edits of the member list are written at once (a row each); the other views hear
    of them through `ops.changed`."""

    def __init__(self, workspace, ops, parent=None):
        super().__init__(parent)
        self.workspace, self.ops = workspace, ops
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Mã", "Tên đơn vị", "Loại", "Tình trạng"])
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemChanged.connect(self._on_edit)
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
        self.message = QLabel()
        self.message.setWordWrap(True)
        adding = QHBoxLayout()
        adding.addWidget(self.new_code)
        adding.addWidget(self.new_name, 1)
        adding.addWidget(add)
        tools = QHBoxLayout()
        for widget in (up, down, self.retire_button, from_excel):
            tools.addWidget(widget)
        tools.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Sửa tên hay loại ngay trong bảng; tên cũ được giữ trong lịch "
                                "sử. Đơn vị thôi là thành viên vẫn giữ các báo cáo đã nộp."))
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addLayout(adding)
        layout.addWidget(self.message)
        self._loading = False
        self.reload()

    def reload(self, select: str | None = None) -> None:
        """Read in the worker, shown when it comes."""
        self.ops.run(lambda ws: ws.agencies(), on_done=lambda rows: self._fill(rows, select),
                     on_error=self.message.setText)

    def _fill(self, rows, select: str | None) -> None:
        self._loading = True
        self.table.setRowCount(len(rows))
        for row, agency in enumerate(rows):
            code = QTableWidgetItem(agency["code"])
            code.setFlags(code.flags() & ~Qt.ItemFlag.ItemIsEditable)
            state = QTableWidgetItem("đã thôi" if agency["retired"] else "thành viên")
            state.setFlags(state.flags() & ~Qt.ItemFlag.ItemIsEditable)
            for column, item in ((CODE, code), (NAME, QTableWidgetItem(agency["name"])),
                                 (KIND, QTableWidgetItem(agency["kind"])), (STATE, state)):
                item.setData(Qt.ItemDataRole.UserRole, agency["code"])
                self.table.setItem(row, column, item)
            if agency["code"] == select:
                self.table.selectRow(row)
        self.table.resizeColumnToContents(CODE)
        self._loading = False

    def codes(self) -> list[str]:
        return [self.table.item(r, CODE).text() for r in range(self.table.rowCount())]

    def _write(self, work, said, select: str | None = None, also=lambda result: ()) -> None:
        """work(ws) in the worker; then said(result) is shown and the list read again (also
        after a refusal, which shows what is stored)."""
        def done(result) -> None:
            self.message.setText(said(result))
            self.reload(select)

        def refused(message: str) -> None:
            self.message.setText(message)
            self.reload(select)

        self.ops.run(work, on_done=done, on_error=refused, source=self,
                     changes=lambda result: Changes.of(AGENCIES, *also(result)))

    def _on_edit(self, item) -> None:
        if self._loading or item.column() not in (NAME, KIND):
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        change = {"name": item.text()} if item.column() == NAME else {"kind": item.text()}
        self._write(lambda ws: ws.update_agency(code, **change), lambda _: f"Đã lưu {code}.",
                    code)

    def add(self) -> None:
        code, name, order = self.new_code.text(), self.new_name.text(), len(self.codes()) + 1

        def said(result) -> str:
            agency, released = result
            self.new_code.clear()
            self.new_name.clear()
            extra = f" Đã nhập {len(released)} gói đang chờ đơn vị này." if released else ""
            return f"Đã thêm {agency['name']}.{extra}"

        # packages held for it are imported as it is added: reports change too
        self._write(lambda ws: ws.add_agency(code, name, sort_order=order), said,
                    code.strip().upper(), also=lambda result: (REPORTS,) if result[1] else ())

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
        self._write(lambda ws: ws.reorder_agencies(codes), lambda _: "", code)

    def toggle_retired(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        self._write(lambda ws: ws.update_agency(code, retired=not ws.agency(code)["retired"]),
                    lambda _: "", code)

    def choose_excel(self) -> None:
        path = filedialogs.open_file(self, "Danh sách đơn vị từ Excel", "Excel (*.xlsx)",
                                     self.workspace, "import")
        if path:
            self.import_excel(path)

    def import_excel(self, path: str) -> None:
        name = Path(path).name

        def work(ws):
            try:
                return ws.import_members(ws.read_members_file(path))
            except PackageError as error:
                raise TTDNError(f"{error.file_name}: {error.reason}. Danh sách không thay "
                                "đổi.") from None
            except TTDNError as error:
                raise TTDNError(f"{name}: {error.message} Danh sách không thay đổi.") from None

        self._write(work, lambda counts: f"{name}: thêm {counts[0]} đơn vị, đổi tên "
                                         f"{counts[1]} đơn vị.", also=lambda _: (REPORTS,))
