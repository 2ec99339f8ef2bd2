"""Who has reported: every member agency of the period with its state, revision, dates and how
complete its figures are; counts and the days left at the top. Filter by text (with or without
accents) and by state; sort by any column, names in Vietnamese order. A double click opens the
review of a row's report; its context menu has the other things done for one agency."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QMenu, QPushButton, QTableView, QVBoxLayout, QWidget)

from ttdn_desktop.core.merge import (CONFLICT, LATE, MISSING, ON_TIME, STATE_LABELS, UNDATED,
                                     Consolidation)
from ttdn_desktop.core.review import ACCEPTED, NEEDS_CHANGES
from ttdn_desktop.core import trust
from ttdn_desktop.core.periods import format_date, format_stamp
from ttdn_desktop.core.text import SEARCH_RULE, find_text, vn_sort_key

HEADERS = ("STT", "Mã", "Đơn vị", "Tình trạng", "Lần gửi", "Ngày gửi", "Ngày nhận", "Số liệu",
           "Chữ ký", "Đã nhắc")
SIGNATURE_COLUMN = 8
REMINDED_COLUMN = 9
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_ROLE = Qt.ItemDataRole.UserRole + 3
COLOURS = {MISSING: "#F8D7DA", LATE: "#FFE5B4", ON_TIME: "#E7F1FF", UNDATED: "#FFE5B4",
           NEEDS_CHANGES: "#FFF3CD",
           ACCEPTED: "#D1E7DD", CONFLICT: "#F1AEB5"}


class _Proxy(QSortFilterProxyModel):
    def __init__(self):
        super().__init__()
        self.text = ""
        self.state = ""
        self.setSortRole(SORT_ROLE)

    def filterAcceptsRow(self, row, parent) -> bool:
        model = self.sourceModel()
        if self.state and model.item(row, 3).data(STATE_ROLE) != self.state:
            return False
        if self.text:
            haystack = model.item(row, 1).text() + " " + model.item(row, 2).text()
            return all(find_text(haystack, word) for word in self.text.split())
        return True

    def lessThan(self, left, right) -> bool:
        return left.data(SORT_ROLE) < right.data(SORT_ROLE)


def _reminded(reminders: list[dict]) -> tuple[str, str]:
    """The «Đã nhắc» cell: when last, and how many times (its text, its sort key)."""
    if not reminders:
        return "", ""
    last = reminders[-1]["reminded_at"]
    times = f" ({len(reminders)} lần)" if len(reminders) > 1 else ""
    # the day; the hour and address in its tooltip. A reminder still in the outbox is not
    # one the member got: said so, never shown as done
    waiting = "" if reminders[-1]["sent_at"] else "thư chờ gửi, "
    return waiting + format_stamp(last)[:10] + times, last


OPEN_HINT = "Nhấp đúp một dòng để mở cửa sổ duyệt báo cáo; nhấp chuột phải để xem các việc khác."


class Dashboard(QWidget):
    open_agency = Signal(str)  # agency code, on double click (or Duyệt in its menu)
    request_agency = Signal(str)  # «Đề nghị đơn vị này báo cáo…»
    keys_agency = Signal(str)  # «Khóa ký của đơn vị…»
    edit_member = Signal(str)  # «Sửa trong danh sách thành viên»
    remind_requested = Signal()  # «Nhắc đơn vị…» (issue 25)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.deadline = QLabel()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Lọc theo mã hoặc tên đơn vị (gõ không dấu: tìm cả chữ có dấu)…")
        self.filter.setToolTip(SEARCH_RULE)
        self.filter.textChanged.connect(self._refilter)
        self.state = QComboBox()
        self.state.addItem("Mọi tình trạng", "")
        for key, label in STATE_LABELS.items():
            self.state.addItem(label, key)
        self.state.currentIndexChanged.connect(self._refilter)
        self.model = QStandardItemModel(0, len(HEADERS))
        self.model.setHorizontalHeaderLabels(HEADERS)
        self.proxy = _Proxy()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # a line of text a row, as a spreadsheet has: the style's 30 pixels showed 6 of 31
        # members at 1366×768 and 125 % (issue 20)
        rows = self.table.verticalHeader()
        rows.setMinimumSectionSize(self.table.fontMetrics().height() + 4)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.setToolTip(OPEN_HINT)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_menu)
        # beside the filter, not a line of its own: at 125 % every line is a member less shown
        self.hint = QLabel("Nhấp đúp một dòng để duyệt · chuột phải: các việc khác")
        self.hint.setToolTip(OPEN_HINT)
        self.hint.setStyleSheet("color:#555")
        filters = QHBoxLayout()
        filters.addWidget(self.filter, 1)
        filters.addWidget(self.state)
        filters.addWidget(self.hint)
        remind = QPushButton("Nhắc đơn vị…")
        remind.setToolTip("Gửi thư nhắc các đơn vị chưa nộp, nộp muộn hoặc cần bổ sung (xem "
                          "danh sách trước khi gửi)")
        remind.clicked.connect(self.remind_requested)
        filters.addWidget(remind)
        # the counts and the deadline on one line: the table below takes the height
        counts = QHBoxLayout()
        counts.addWidget(self.summary, 1)
        counts.addWidget(self.deadline)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(counts)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

    def show_consolidation(self, merged: Consolidation, today: date | None = None,
                           signatures: dict[str, dict] | None = None,
                           held_for_signature: int = 0,
                           reminded: dict[str, list[dict]] | None = None) -> None:
        """`signatures`: how each agency's current revision was signed (Workspace.
        signature_states), by agency code; `held_for_signature`: packages waiting for a
        decision on their signature."""
        today = today or date.today()
        signatures = signatures or {}
        reminded = reminded or {}
        counts = merged.status_counts()
        total = len(merged.statuses)
        late = sum(1 for s in merged.statuses if s.late)
        items = [f"đã nộp <b>{merged.reported}/{total}</b>", f"nộp muộn {late}"]
        if counts[UNDATED]:
            items.append(f"không rõ ngày gửi {counts[UNDATED]}")
        items += [f"chưa nộp {counts[MISSING]}", f"cần bổ sung {counts[NEEDS_CHANGES]}",
                  f"đã duyệt {counts[ACCEPTED]}", f"xung đột {counts[CONFLICT]}"]
        if held_for_signature:
            items.append(f"<b style='color:#B02A37'>giữ lại vì chữ ký {held_for_signature}</b>")
        # a line breaks between counts, never inside one (at 125 %: «đã / duyệt 0»)
        whole = "<span style='white-space:nowrap'>{}</span>".format
        self.summary.setText(f"{whole(f'<b>{merged.period.label}</b>')} — "
                             + " · ".join(whole(item) for item in items))
        if merged.deadline:
            days = (merged.deadline - today).days
            # Past the deadline, only the agencies still missing are overdue: a period every
            # member has reported is closed, not «quá hạn 1987 ngày».
            when = (f"còn {days} ngày" if days > 0 else "hôm nay là hạn cuối" if days == 0
                    else f"đã quá hạn {-days} ngày, còn {counts[MISSING]} đơn vị chưa nộp"
                    if counts[MISSING] else "đã qua hạn, mọi đơn vị đã nộp")
            self.deadline.setText(f"Hạn gửi {format_date(merged.deadline)} — {when}")
        self.model.removeRows(0, self.model.rowCount())
        for number, status in enumerate(merged.statuses, start=1):
            received = status.received_at or status.sent_at
            signature = signatures.get(status.agency.code) if status.revision else None
            values = [
                (str(number), number),
                (status.agency.code, vn_sort_key(status.agency.code)),
                (status.agency.name, vn_sort_key(status.agency.name)),
                (status.label + (" (muộn)" if status.late and status.state != LATE else ""),
                 list(STATE_LABELS).index(status.state)),
                (str(status.shown_revision or ""), status.shown_revision or 0),
                (status.sent_at.strftime("%d/%m/%Y %H:%M") if status.sent_at
                 else "không rõ" if status.revision else "",
                 status.sent_at.isoformat() if status.sent_at else ""),
                (status.received_at.strftime("%d/%m/%Y %H:%M") if status.received_at else "",
                 received.isoformat() if received else ""),
                (f"{round(status.figures_complete * 100)}%" if status.revision else "",
                 status.figures_complete if status.revision else -1),
                (signature["brief"] if signature else "", signature["brief"] if signature else ""),
                _reminded(reminded.get(status.agency.code, [])),
            ]
            row = []
            for text, key in values:
                item = QStandardItem(text)
                item.setData(key, SORT_ROLE)
                item.setData(status.agency.code, CODE_ROLE)
                row.append(item)
            row[3].setData(status.state, STATE_ROLE)
            row[3].setBackground(QBrush(QColor(COLOURS[status.state])))
            if status.comment:
                row[3].setToolTip(status.comment)
            if reminded.get(status.agency.code):
                row[REMINDED_COLUMN].setToolTip("\n".join(
                    f"{format_stamp(r['reminded_at'])} → {r['recipient']} ({r['reason']})"
                    + ("" if r["sent_at"] else ", thư còn chờ gửi")
                    for r in reminded[status.agency.code]))
            if signature:
                row[SIGNATURE_COLUMN].setToolTip(signature["label"])
                if signature["state"] in trust.WARNING:
                    row[SIGNATURE_COLUMN].setBackground(QBrush(QColor("#F1AEB5")))
            self.model.appendRow(row)
        self.table.resizeColumnsToContents()
        # the signature's words in full are in its tooltip: at 1366×768 and 125 % a demo's
        # «gói mẫu (khóa mẫu công khai…)» left the stretched «Đơn vị» three letters wide
        self.table.setColumnWidth(SIGNATURE_COLUMN,
                                  min(self.table.columnWidth(SIGNATURE_COLUMN),
                                      self.table.fontMetrics().horizontalAdvance("x" * 28)))
        # once the header has laid out its stretched «Đơn vị» (deferred to the event loop): it
        # does not repaint the titles that column pushed right, which stayed blank until the
        # window was resized
        QTimer.singleShot(0, self.table.horizontalHeader().viewport().update)

    def _refilter(self) -> None:
        if hasattr(self.proxy, "beginFilterChange"):  # Qt 6.10 and later
            self.proxy.beginFilterChange()
            self._set_filter()
            self.proxy.endFilterChange()
        else:
            self._set_filter()
            self.proxy.invalidateFilter()

    def _set_filter(self) -> None:
        self.proxy.text = self.filter.text()
        self.proxy.state = self.state.currentData()

    def _on_double_click(self, index) -> None:
        self.open_agency.emit(index.data(CODE_ROLE))

    def menu_for(self, row: int) -> QMenu:
        """The context menu of a row (of the table as shown): what is done for one agency."""
        code = self.proxy.index(row, 1).data(CODE_ROLE)
        name = self.proxy.index(row, 2).data()
        reported = self.proxy.index(row, 3).data(STATE_ROLE) != MISSING
        menu = QMenu(self)
        review = menu.addAction("Duyệt báo cáo…", lambda: self.open_agency.emit(code))
        review.setEnabled(reported)
        review.setToolTip("Cũng mở bằng cách nhấp đúp vào dòng")
        font = review.font()
        font.setBold(True)
        review.setFont(font)
        menu.setDefaultAction(review)
        if not reported:
            review.setText(f"Duyệt báo cáo… ({name} chưa nộp)")
        menu.addAction(f"Đề nghị {name} báo cáo…", lambda: self.request_agency.emit(code))
        menu.addSeparator()
        menu.addAction("Khóa ký của đơn vị…", lambda: self.keys_agency.emit(code))
        menu.addAction("Sửa trong danh sách thành viên", lambda: self.edit_member.emit(code))
        return menu

    def _show_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        menu = self.menu_for(index.row())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.viewport().mapToGlobal(pos))
