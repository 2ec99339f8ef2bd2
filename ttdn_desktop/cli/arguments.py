"""What every command's arguments share: a Vietnamese-speaking parser and the types of a period
and a date."""

from __future__ import annotations

import argparse
import re
import sys

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.periods import Period, parse_date

_ARGPARSE_MESSAGES = [
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (r"unrecognized arguments: (.*)", r"tham số không nhận ra: \1"),
    (r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)",
     r"\1: «\2» không có; chọn một trong: \3"),
    (r"argument (\S+): expected one argument", r"\1 cần một giá trị"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"\1: giá trị \3 không hợp lệ"),
]


class Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "tham số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")

    def format_usage(self):
        return super().format_usage().replace("usage:", "cách dùng:", 1)

    def format_help(self):
        return super().format_help().replace("usage:", "cách dùng:", 1)

    def error(self, message):
        for pattern, replacement in _ARGPARSE_MESSAGES:
            message = re.sub(pattern, replacement, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"ttdn: lỗi dòng lệnh: {message}\n")


CODE_HELP = "mã đơn vị, như trong «ttdn agencies»"
PERIOD_HELP = ("kỳ báo cáo: 2021-Q1 … 2021-Q4 (quý), 2021-H1 (6 tháng đầu năm), 2021-H2 (6 tháng "
               "cuối năm), 2021-9M (9 tháng), 2021-Y (năm)")


def period_type(text: str) -> Period:
    try:
        return Period.parse(text)
    except TTDNError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def date_type(text: str):
    try:
        return parse_date(text)
    except TTDNError as error:
        raise argparse.ArgumentTypeError(error.message) from None
