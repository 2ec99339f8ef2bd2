"""What a merged section shows, chosen in the merge view: the draft, the agencies' texts pasted
under their names, or the secretariat's edited text (kept whichever is shown), with «Hoàn tác»
for the last switch; and how the period's draft groups what is particular to one agency."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from ttdn_desktop.core.merge import DRAFT, EDITED, PASTED

SOURCE_LABELS = {DRAFT: "Bản dự thảo", PASTED: "Nguyên văn các đơn vị",
                 EDITED: "Văn bản đã sửa"}
SOURCE_TIPS = {
    DRAFT: "Chương trình soạn từ số liệu và phần của các đơn vị: đoạn mở đầu theo số liệu, các "
           "đoạn giống nhau viết một lần. Được soạn lại mỗi khi nhận thêm báo cáo. Gõ vào để sửa.",
    PASTED: "Phần của từng đơn vị, nguyên văn, có tên đơn vị ở đầu, theo thứ tự bên trái. Gõ "
            "vào để sửa.",
    EDITED: "Văn bản cơ quan thường trực đã sửa: không bao giờ bị ghi đè; báo cáo mới đến thì "
            "mục được đánh dấu ⚑.",
}
GROUPING_LABELS = {"members": "theo thứ tự thành viên", "kinds": "theo loại đơn vị («Loại»)"}


class SourceChoice(QWidget):
    """«Mục này dùng: [Bản dự thảo ▾] [Hoàn tác]». `chosen(source)` when the user picks one."""

    chosen = Signal(str)
    undo = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.box = QComboBox()
        for source, label in SOURCE_LABELS.items():
            self.box.addItem(label, source)
            self.box.setItemData(self.box.count() - 1, SOURCE_TIPS[source],
                                 Qt.ItemDataRole.ToolTipRole)
        self.box.activated.connect(lambda index: self.chosen.emit(self.box.itemData(index)))
        self.undo_button = QPushButton("Hoàn tác")
        self.undo_button.clicked.connect(self.undo.emit)
        self.undo_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Mục này dùng:")
        label.setBuddy(self.box)
        layout.addWidget(label)
        layout.addWidget(self.box)
        layout.addWidget(self.undo_button)
        layout.addStretch(1)

    def show_merge(self, merge) -> None:
        """The section's source shown; the edited text offered only where one is kept."""
        self.box.blockSignals(True)
        self.box.setCurrentIndex(self.box.findData(merge.source))
        self.box.blockSignals(False)
        self.box.setToolTip(SOURCE_TIPS[merge.source])
        item = self.box.model().item(self.box.findData(EDITED))
        item.setEnabled(merge.edited is not None)
        item.setToolTip(SOURCE_TIPS[EDITED] if merge.edited is not None else
                        "Mục này chưa được sửa: gõ vào văn bản để sửa.")

    @property
    def source(self) -> str:
        return self.box.currentData()

    def offer_undo(self, label: str | None) -> None:
        """«Hoàn tác» shown with what it gives back (None: hidden)."""
        self.undo_button.setVisible(label is not None)
        if label is not None:
            self.undo_button.setToolTip(f"Dùng lại: {label}")


class GroupingChoice(QWidget):
    """«Dự thảo xếp: [theo thứ tự thành viên ▾]» for the period."""

    chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.box = QComboBox()
        for grouping, label in GROUPING_LABELS.items():
            self.box.addItem(label, grouping)
        self.box.setToolTip("Trong bản dự thảo, phần riêng của từng đơn vị xếp theo thứ tự "
                            "thành viên hay theo loại đơn vị (sở, ngành; xã, phường…) của danh "
                            "sách thành viên.")
        self.box.activated.connect(lambda index: self.chosen.emit(self.box.itemData(index)))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Dự thảo xếp:")
        label.setBuddy(self.box)
        layout.addWidget(label)
        layout.addWidget(self.box, 1)

    def show_grouping(self, grouping: str) -> None:
        self.box.blockSignals(True)
        self.box.setCurrentIndex(max(0, self.box.findData(grouping)))
        self.box.blockSignals(False)
