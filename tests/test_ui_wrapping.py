"""A report's headings are long and the list beside the editor is narrow: each heading is
painted whole, on as many lines as it needs, never cut short with "…"."""

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTreeWidgetItem

from ttdn_desktop.ui.wrapping import WrappingTree

HEADING = ("Công tác thông tin đối ngoại về chủ quyền biển, đảo và biên giới lãnh thổ "
           "của Tổ quốc trên địa bàn tỉnh")


def _ink_bands(image, rect) -> int:
    """How many separate bands of dark rows the rectangle holds: the lines of text painted."""
    bands, inside = 0, False
    for y in range(rect.top(), rect.bottom() + 1):
        dark = any(QColor(image.pixel(x, y)).lightness() < 128
                   for x in range(rect.left(), rect.right() + 1))
        if dark and not inside:
            bands += 1
        inside = dark
    return bands


def test_a_long_heading_is_painted_on_several_lines_in_a_narrow_list(qtbot):
    tree = WrappingTree()
    tree.setHeaderHidden(True)
    qtbot.addWidget(tree)
    item = QTreeWidgetItem([HEADING])
    tree.addTopLevelItem(item)
    tree.resize(220, 300)
    tree.show()
    qtbot.waitExposed(tree)
    qtbot.waitUntil(lambda: tree.visualItemRect(item).height() > 0)
    rect = tree.visualItemRect(item)
    line = tree.fontMetrics().height()
    assert rect.height() >= 3 * line  # room for the whole heading at this width
    image = tree.viewport().grab().toImage()
    # painted in those lines, not as one line ending in "…"
    assert _ink_bands(image, rect.adjusted(0, 0, 0, -1)) >= 3
