"""A report's headings are long and the list beside the editor is narrow: each heading is
painted whole, on as many lines as it needs, never cut short with "…". Other long text wraps
whole too: the lines and fields asked for before an output each get the height they need, and
the dashboard's counts break between items, never inside one."""

from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTreeWidgetItem

from ttdn_desktop.core.periods import Period
from ttdn_desktop.ui.wrapping import WrappingTree

from .uihelpers import new_report

H1 = Period.parse("2021-H1")

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


def test_long_headings_wrap_in_the_section_tree(qtbot, agency_window):
    view = agency_window.agency_view
    new_report(view, H1)
    tree = view.tree
    top = tree.topLevelItem(0)
    longest = max((top.child(n) for n in range(top.childCount())), key=lambda i: len(i.text(0)))
    rect = tree.visualItemRect(longest)
    line = tree.fontMetrics().height()
    assert rect.height() >= 2 * line  # on two lines or more, not cut with "…"
    assert tree.fontMetrics().horizontalAdvance(longest.text(0)) > tree.viewport().width()


def test_before_output_shows_every_line_and_field_whole(qtbot, window):
    """No signer and no place: two wrapped explanations and four fields. Each gets at least
    the height it needs (the dialog was sized before the labels wrapped, and the signer's
    fields were squeezed until their text was cut)."""
    view = window.agency_view
    new_report(view, H1)
    window.workspace.setup.set_letterhead("signer_name", "")
    window.workspace.setup.set_letterhead("place", "")
    window.exports.when_ready("in", lambda: None)
    window.ops.wait()  # the letterhead is read in the worker
    dialog = window.exports.before_output
    qtbot.waitUntil(dialog.isVisible)
    QApplication.processEvents()
    fields = dialog.findChildren(QLineEdit)
    assert len(fields) == 4
    for field in fields:
        assert field.height() >= field.sizeHint().height(), field.placeholderText()
    for label in dialog.findChildren(QLabel):
        if label.wordWrap() and label.text():
            assert label.height() >= label.heightForWidth(label.width()), label.text()
    dialog.reject()


def _lines(label, width: int) -> list[str]:
    """The lines a word-wrapped rich-text label shows at `width`."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setHtml(label.text())
    document.setTextWidth(width)
    document.size()  # laid out now
    lines = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            lines.append(block.text()[line.textStart():line.textStart() + line.textLength()])
        block = block.next()
    return [line.strip() for line in lines if line.strip()]


def test_the_counts_break_between_items_never_inside_one(secretariat_window):
    """At 125 % the counts wrapped «… · đã / duyệt 0 · …»: a count is read whole on its line
    (found in the real window, issue 21)."""
    summary = secretariat_window.secretariat_view.dashboard.summary
    assert len(_lines(summary, 300)) > 2
    for width in (300, 420, 560, 700):
        lines = _lines(summary, width)
        for line in lines[:-1]:
            assert line.endswith(("·", "—")), lines
