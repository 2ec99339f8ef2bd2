"""Unexpected errors go to a log file, so the user sees a sentence and support sees the details.

The log is a rotating file in the data folder (logs/loi.log, 1 MB, three old copies kept);
native crashes (a segmentation fault in Qt) are written by faulthandler to logs/native.log
beside it, since such a crash leaves Python no chance to log anything itself."""

from __future__ import annotations

import errno
import faulthandler
import logging
import sqlite3
import sys
import traceback
from pathlib import Path

from ttdn_desktop import __version__
from ttdn_desktop.util.paths import data_dir
from ttdn_desktop.util.storage_errors import StorageError, storage_message

LOGGER_NAME = "ttdn"
LOG_FILE = "loi.log"
NATIVE_FILE = "native.log"
MAX_BYTES = 1 << 20
BACKUPS = 3

log = logging.getLogger(LOGGER_NAME)
_native_handle = None


def log_dir() -> Path:
    return data_dir() / "logs"


def log_path() -> Path:
    return log_dir() / LOG_FILE


def native_log_path() -> Path:
    return log_dir() / NATIVE_FILE


class _LogFile(logging.Handler):
    """loi.log as the logger sees it: the file's handler is made when a first record comes
    (_file_handler), so that starting the app neither opens the file nor imports
    logging.handlers (with socket and pickle, 15 ms): most sessions log nothing."""

    def emit(self, record: logging.LogRecord) -> None:
        handler = _file_handler()
        if handler is not None:
            handler.handle(record)
        elif record.levelno >= logging.WARNING:  # no file can be written: stderr, as before
            logging.lastResort.handle(record)


_file: logging.Handler | None = None  # the rotating file, once made
_stand_in = _LogFile()


def _attach() -> None:
    if _stand_in not in log.handlers:
        log.addHandler(_stand_in)
    log.setLevel(logging.INFO)


def _file_handler() -> logging.Handler | None:
    """The rotating loi.log in the data folder (made again when the data folder changed:
    tests, portable mode), or None when it cannot be written."""
    global _file
    import logging.handlers  # once something is logged (_LogFile)
    if _file is not None:
        if Path(_file.baseFilename) == log_path():
            return _file
        _file.close()
        _file = None
    try:
        log_dir().mkdir(parents=True, exist_ok=True)
        _file = logging.handlers.RotatingFileHandler(
            log_path(), maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    except OSError:
        return None
    _file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return _file


def setup_logging() -> Path:
    """The rotating log in the data folder, and faulthandler writing native crashes beside it.
    Safe to call more than once."""
    global _native_handle
    _attach()
    try:
        if _native_handle is None or _native_handle.name != str(native_log_path()):
            log_dir().mkdir(parents=True, exist_ok=True)
            handle = open(native_log_path(), "a", encoding="utf-8")
            handle.write(f"--- TTĐN Desktop {__version__} started\n")
            handle.flush()
            faulthandler.enable(handle, all_threads=True)
            if _native_handle is not None:
                _native_handle.close()
            _native_handle = handle
    except OSError:
        faulthandler.enable(all_threads=True)  # stderr, at least
    return log_path()


def details(error: BaseException) -> str:
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


def log_exception(error: BaseException, where: str = "") -> Path:
    """Record `error` with its traceback in the log; returns the log's path."""
    handler = _file_handler()
    _attach()
    message = f"Lỗi không mong đợi{' ' + where if where else ''} (TTĐN Desktop {__version__})"
    if handler is None:
        print(message, details(error), sep="\n", file=sys.stderr)
    else:
        log.error("%s\n%s", message, details(error).rstrip())
        handler.flush()
    return log_path()


def unexpected_message(error: BaseException) -> str:
    path = log_exception(error)
    storage = storage_sentence(error)
    if storage:  # a busy, read-only or full database or disk: what to do, not "unexpected"
        return storage
    return (f"Đã xảy ra lỗi không mong đợi ({type(error).__name__}). Dữ liệu đã lưu không bị "
            f"ảnh hưởng. Chi tiết kỹ thuật được ghi vào «{path}»; hãy gửi tệp này cho bộ phận "
            "hỗ trợ.")


def storage_sentence(error: BaseException) -> str | None:
    """The Vietnamese sentence for a database or disk failure (busy, read-only, full,
    damaged), or None for any other error."""
    known = (errno.ENOSPC, errno.EACCES, errno.EPERM, errno.EROFS, errno.EFBIG,
             getattr(errno, "EDQUOT", -1))
    if isinstance(error, (sqlite3.Error, StorageError)) or (
            isinstance(error, OSError) and error.errno in known):
        return storage_message(error)
    return None
