"""Trợ giúp: the guide, where the error log is, about. On before the database is open;
imported when first asked for (ui/menus.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from ttdn_desktop import APP_NAME, __version__
from ttdn_desktop.ui.guide import GuideWindow
from ttdn_desktop.util.crashlog import log_dir, log_path, native_log_path


def show_guide(window) -> None:
    if getattr(window, "guide", None) is None:
        window.guide = GuideWindow(window)
    window.guide.show()
    window.guide.raise_()
    window.guide.activateWindow()


def about(window) -> None:
    QMessageBox.about(window, APP_NAME, f"<b>{APP_NAME}</b> {__version__}<br/>Soạn và tổng hợp "
                      "báo cáo công tác thông tin đối ngoại.<br/>Cơ sở dữ liệu: "
                      f"{window.workspace.path}<br/>Nhật ký lỗi: {log_path()}")


def show_log(window) -> None:
    """Where the log is, so a user can send it to support."""
    box = QMessageBox(QMessageBox.Icon.Information, "Nhật ký lỗi",
                      f"Các lỗi không mong đợi được ghi vào tệp nhật ký<br/><b>{log_path()}</b>"
                      f"<br/><br/>Lỗi nghiêm trọng làm chương trình đóng đột ngột được ghi vào "
                      f"<br/>{native_log_path()}<br/><br/>Khi cần hỗ trợ, hãy gửi kèm các tệp "
                      "này.", QMessageBox.StandardButton.Close, window)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    folder = box.addButton("Mở thư mục nhật ký", QMessageBox.ButtonRole.ActionRole)
    folder.clicked.connect(
        lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir()))))
    box.button(QMessageBox.StandardButton.Close).setText("Đóng")
    box.open()
    window.log_box = box
