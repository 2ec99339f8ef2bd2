"""Window sizes that respect the screen: office PCs still run 1366×768 or 1280×720, where a window
opened at a fixed 1280×800 hides its own bottom (the setup page's «Bắt đầu» button, dialog buttons)
until the user finds out he must resize it."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# room for the window manager's title bar and borders, which the available geometry does not
# subtract (the frame is only known once the window is shown)
FRAME_WIDTH = 16
FRAME_HEIGHT = 40


def available(widget: QWidget) -> QRect:
    """The free area (without task bars) of the screen the widget is on or will open on."""
    screen = None
    parent = widget.parentWidget()
    if parent is not None and parent.window().isVisible():
        screen = parent.window().screen()
    if screen is None:
        screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_size(widget: QWidget, width: int, height: int) -> None:
    """Resize to the wanted size, or smaller so the whole window, frame included, is on screen."""
    area = available(widget)
    widget.resize(max(200, min(width, area.width() - FRAME_WIDTH)),
                  max(150, min(height, area.height() - FRAME_HEIGHT)))


def clamp_to_screen(widget: QWidget) -> None:
    """After restoring a saved geometry (perhaps from a larger screen): shrink and move the window
    so all of it is on the screen it opens on. Shown (as the app restores it, once the database
    is open), its frame is known and allowed for exactly: a fixed allowance took 16×40 off a
    window the user had sized to fit the screen, at every start (at 125 %, 20×50 pixels)."""
    area = available(widget)
    inner, outer = widget.geometry(), widget.frameGeometry()
    if widget.isVisible():
        width = min(inner.width(), area.width() - (outer.width() - inner.width()))
        height = min(inner.height(), area.height() - (outer.height() - inner.height()))
    else:  # not shown yet: the frame is unknown
        width = min(inner.width(), area.width() - FRAME_WIDTH)
        height = min(inner.height(), area.height() - FRAME_HEIGHT)
    if (width, height) != (inner.width(), inner.height()):
        widget.resize(max(200, width), max(150, height))
    outer = widget.frameGeometry()
    x = min(max(outer.x(), area.left()), area.right() + 1 - outer.width())
    y = min(max(outer.y(), area.top()), area.bottom() + 1 - outer.height())
    if (x, y) != (outer.x(), outer.y()):
        widget.move(x, y)
