"""The import preview: every file dropped or picked, with what importing it would do (new,
newer revision, no change, conflict, rejected and why) and the state of its signature, before
anything is applied."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ttdn_desktop.core import rules, trust
from ttdn_desktop.ui.wrapping import keep_rows_fitted

HEADERS = ("Tệp", "Đơn vị", "Kỳ", "Sẽ xảy ra", "Chữ ký", "Chi tiết")
WILL_COLUMN, SIGNATURE_COLUMN, DETAIL_COLUMN = 3, 4, 5
# The widest each other column grows, as a share of the table's width (its text wraps beyond):
# the reason keeps about a third, at any window size or scaling. The period («6 tháng đầu năm
# 2021», at most a few words) is never capped: at 125 % a share broke it after «năm»
SHARES = {0: 0.16, 1: 0.13, WILL_COLUMN: 0.12, SIGNATURE_COLUMN: 0.17}
COLOURS = {rules.NEW: "#D1E7DD", rules.NEWER: "#D1E7DD", rules.SAME: "#E9ECEF",
           rules.OLDER: "#E9ECEF", rules.CONFLICT: "#F1AEB5", rules.UNKNOWN_AGENCY: "#FFF3CD",
           rules.REJECTED: "#F8D7DA", rules.SKIPPED: "#E9ECEF", rules.REQUEST: "#E7F1FF",
           rules.WORD: "#FFF3CD", rules.SIGNATURE: "#F1AEB5"}
SIGNATURE_COLOURS = {trust.VERIFIED: "#D1E7DD", trust.OWN: "#D1E7DD", trust.FIRST: "#E7F1FF",
                     trust.UNSIGNED: "#E9ECEF", trust.DEMO: "#FFF3CD", **{state: "#F1AEB5" for state in trust.WARNING}}
WILL = {rules.NEW: "nhập mới", rules.NEWER: "thay bằng bản mới hơn", rules.SAME: "không đổi (đã có)",
        rules.OLDER: "lưu vào lịch sử", rules.CONFLICT: "giữ lại: xung đột",
        rules.UNKNOWN_AGENCY: "giữ lại: đơn vị chưa có", rules.REJECTED: "từ chối",
        rules.SKIPPED: "bỏ qua", rules.REQUEST: "nhận đề nghị báo cáo",
        rules.WORD: "xác nhận riêng", rules.SIGNATURE: "giữ lại: chữ ký"}


def reports_counted(results, short: bool = False) -> str:
    """The reports to confirm, counted by format: «1 báo cáo PDF», «3 báo cáo (2 báo cáo
    Word, 1 bảng tính Excel của đơn vị)» (`short`, for a button: «3 báo cáo»)."""
    kinds: dict[str, int] = {}
    for result in results:
        kinds[result.kind] = kinds.get(result.kind, 0) + 1
    if len(kinds) == 1:
        [(kind, count)] = kinds.items()
        return f"{count} {kind}"
    if short:
        return f"{len(results)} báo cáo"
    return f"{len(results)} báo cáo (" + ", ".join(f"{n} {k}" for k, n in kinds.items()) + ")"



class ImportPreview(QWidget):
    apply_requested = Signal(list)   # the paths to import
    cancelled = Signal()
    word_requested = Signal(list)    # (file name, bytes) of the Word reports to confirm

    def __init__(self, parent=None):
        super().__init__(parent)
        self.paths: list = []
        self.results: list = []
        self.confirmed: set[int] = set()  # rows of Word reports imported from their own window
        self.natural: dict[int, int] = {}  # each capped column's width for its whole text
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        keep_rows_fitted(self.table)  # a reason is read whole in its row, never cut with "…"
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DETAIL_COLUMN, QHeaderView.ResizeMode.Stretch)
        # the reason copied whole: right-click on a row, or Ctrl+C
        self.copy_action = QAction("Sao chép lý do", self.table)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(self.copy_reasons)
        self.table.addAction(self.copy_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.viewport().installEventFilter(self)
        self.apply_button = QPushButton()
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(lambda: self.apply_requested.emit(list(self.paths)))
        cancel = QPushButton("Hủy")
        cancel.clicked.connect(self.cancelled.emit)
        self.word_button = QPushButton()
        self.word_button.clicked.connect(lambda: self.word_requested.emit(self.word_items()))
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("Trước khi nhập, cơ sở dữ liệu được sao lưu tự động."), 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.word_button)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def show_results(self, paths, results) -> None:
        self.paths, self.results = list(paths), list(results)
        self.confirmed = set()
        self._show_title()
        self.table.setRowCount(len(results))
        for row, result in enumerate(results):
            will = WILL[result.outcome]
            if result.outcome == rules.WORD:
                will = f"{result.kind}: {will}"
            values = (result.file_name, result.agency_name, result.period_label, will,
                      trust.brief(result.signature_state, result.fingerprint),
                      result.detail + "".join(f"\n⚠ {w}" for w in result.warnings))
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column == WILL_COLUMN:
                    item.setBackground(QBrush(QColor(COLOURS[result.outcome])))
                if column == SIGNATURE_COLUMN and result.signature_state:
                    item.setBackground(QBrush(QColor(
                        SIGNATURE_COLOURS.get(result.signature_state, "#FFFFFF"))))
                    item.setToolTip(result.signature)
                elif text:
                    item.setToolTip(text)  # a long name or reason, whole, on hovering
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.natural = {column: self.table.columnWidth(column) for column in SHARES}
        self.fit_columns()
        self.table.resizeRowsToContents()
        count = rules.tally(r.outcome for r in results)
        # a request refused for its new form is asked about once «Nhập» is pressed
        asked = sum(1 for r in self.results if r.form_offer)
        self.apply_button.setText(f"Nhập {count['applied'] + count['held'] + asked} tệp")
        self.apply_button.setEnabled(bool(count["applied"] or count["held"] or asked))
        self._show_word_button()

    def _show_title(self) -> None:
        results = self.results
        count = rules.tally(r.outcome for r in results)
        parts = [f"{count['applied']} sẽ được nhập", f"{count['held']} được giữ lại để xem xét"]
        waiting = [r for row, r in enumerate(results)
                   if r.outcome == rules.WORD and row not in self.confirmed]
        if waiting:
            parts.append(f"{reports_counted(waiting)} cần xác nhận riêng")
        parts += [f"{count['rejected']} bị từ chối", f"{count['unchanged']} không thay đổi gì"]
        keys = self.new_keys()
        note = (f"<br/>{len(keys)} khóa ký mới sẽ được ghi nhận (cột «Chữ ký»): sau khi nhập, "
                "hãy gọi điện cho nơi gửi để đối chiếu dãy số." if keys else "")
        done = (f"{len(self.confirmed)} báo cáo đã nhập sau khi xác nhận; các tệp khác chưa "
                "được nhập." if self.confirmed else "Chưa có gì được nhập.")
        self.title.setText(f"<b>{len(results)} tệp</b>: {', '.join(parts)}. {done}{note}")

    def _show_word_button(self) -> None:
        words = self.word_results()
        self.word_button.setText(f"Xác nhận {reports_counted(words, short=True)}…" if words
                                 else "")
        self.word_button.setVisible(bool(words))

    def mark_confirmed(self, file_name: str) -> None:
        """A Word report confirmed and imported in its own window: its row says so and it is
        not offered again (the preview said «Chưa có gì được nhập» still, and offered it)."""
        for row, result in enumerate(self.results):
            if result.outcome == rules.WORD and result.file_name == file_name \
                    and row not in self.confirmed:
                self.confirmed.add(row)
                item = self.table.item(row, WILL_COLUMN)
                item.setText("đã nhập sau khi xác nhận")
                item.setBackground(QBrush(QColor(COLOURS[rules.NEW])))
                break
        self._show_title()
        self._show_word_button()

    def fit_columns(self) -> None:
        width = self.table.viewport().width()
        for column, natural in self.natural.items():
            self.table.setColumnWidth(column, min(natural, int(width * SHARES[column])))

    def eventFilter(self, watched, event) -> bool:
        # the rows' own width, once it is known: a page of a stack is sized late, when shown
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return False

    def copy_reasons(self) -> None:
        """The reason of the row chosen; of several, one line each with its file's name."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        texts = [self.table.item(row, DETAIL_COLUMN).text() for row in rows]
        if len(texts) > 1:
            texts = [f"{self.table.item(row, 0).text()}: {text}" for row, text in zip(rows, texts)]
        if texts:
            QGuiApplication.clipboard().setText("\n".join(texts))

    def word_results(self) -> list:
        """The reports to confirm of the batch (Word, PDF, RTF, an agency's sheet, a mail's
        text…), dropped directly or attached to an e-mail, not yet confirmed here."""
        return [r for row, r in enumerate(self.results)
                if r.outcome == rules.WORD and r.payload is not None and row not in self.confirmed]

    def word_items(self) -> list[tuple[str, bytes]]:
        return [(r.file_name, r.payload) for r in self.word_results()]

    def new_keys(self) -> list:
        """The files whose signing key would be recorded for the first time."""
        return [r for r in self.results if r.signature_state == trust.FIRST
                and r.outcome in rules.STORED]  # a package held records no key
