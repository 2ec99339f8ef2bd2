"""Unexpected errors go to a log file, so the user sees a sentence and support sees the details."""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

from ttdn_desktop import __version__
from ttdn_desktop.util.paths import data_dir


def log_path() -> Path:
    return data_dir() / "logs" / "loi.log"


def log_exception(error: BaseException) -> Path:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now().isoformat(timespec='seconds')} "
                      f"TTĐN Desktop {__version__}\n")
            log.write("".join(traceback.format_exception(error)))
    except OSError:
        pass
    return path


def unexpected_message(error: BaseException) -> str:
    path = log_exception(error)
    return (f"Đã xảy ra lỗi không mong đợi ({type(error).__name__}). Dữ liệu đã lưu không bị "
            f"ảnh hưởng. Chi tiết kỹ thuật được ghi vào «{path}»; hãy gửi tệp này cho bộ phận "
            "hỗ trợ.")
