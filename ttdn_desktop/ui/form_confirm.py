"""Asking before a form that came in a request is installed. A request bringing a form this
database does not have, from a sender whose key is not the one recorded (a first contact, or no
signature), is refused by the import (its result's `form_offer`); here the user sees the sender's
key, checks its digits by phone, and installs the form for this database only, or not."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ttdn_desktop.core.text import shown
from ttdn_desktop.ui.ops import imports

TITLE = "Cài mẫu báo cáo mới?"


def offers(results) -> list:
    return [r for r in results if getattr(r, "form_offer", "") and r.payload is not None]


def confirm_new_forms(parent, ops, results, on_installed, on_error) -> None:
    """One question per request refused for its form, in turn (window-modal, not blocking);
    an accepted one is imported again in the worker, its result to `on_installed(result)`."""
    waiting = offers(results)
    if waiting:
        _ask(parent, ops, waiting, on_installed, on_error)


def question_text(result) -> tuple[str, str]:
    """(the question, what to check before answering) for one refused request."""
    question = (f"Gói «{shown(result.file_name, 160)}» mang {result.form_offer}, chưa có trong "
                "cơ sở dữ liệu này. Cài mẫu này?")
    if result.fingerprint:
        check = ("Gói được ký bằng một khóa chưa được ghi nhận. Dãy số của khóa nơi gửi:\n\n"
                 f"{result.fingerprint}\n\nHãy gọi điện cho cơ quan thường trực, đọc dãy số này "
                 "và chỉ cài khi họ xác nhận đúng là khóa của họ.")
    else:
        check = ("Gói không có chữ ký: không biết chắc ai đã gửi. Chỉ cài khi cơ quan thường "
                 "trực xác nhận đã gửi gói này.")
    return question, check + ("\n\nMẫu chỉ dùng cho cơ sở dữ liệu này; các cơ sở dữ liệu khác "
                              "trên máy không dùng nó.")


def _ask(parent, ops, waiting: list, on_installed, on_error) -> None:
    result, rest = waiting[0], waiting[1:]
    question, check = question_text(result)
    box = QMessageBox(QMessageBox.Icon.Question, TITLE, question, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(check)
    box.install_button = box.addButton("Cài mẫu cho cơ sở dữ liệu này",
                                       QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Không cài", QMessageBox.ButtonRole.RejectRole)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered() -> None:
        if box.clickedButton() is box.install_button:
            ops.run(imports.accept_form_request(result.file_name, result.payload),
                    label="Đang cài mẫu…", on_done=on_installed, on_error=on_error,
                    source=parent)
        if rest:
            _ask(parent, ops, rest, on_installed, on_error)

    box.finished.connect(answered)
    parent.form_confirmation = box  # the open question (tests answer it)
    box.open()
