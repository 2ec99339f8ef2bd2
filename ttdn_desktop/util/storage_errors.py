"""What a failed read or write of the disk or the database means for the user, in Vietnamese:
what happened and what to do, never «(OSError)». Used wherever such an error can reach a user."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3

from ttdn_desktop.core.errors import TTDNError


class StorageError(TTDNError):
    """The disk or the database failed; never the fault of a file being imported."""


class DatabaseBusy(StorageError):
    pass


class DatabaseReadOnly(StorageError):
    """The database file or its folder may not be written to."""


class DatabaseDamaged(StorageError):
    """The database file fails its check: it is not written to or backed up until restored."""

    def __init__(self, message: str, path):
        super().__init__(message)
        self.path = path


class DatabaseMissing(StorageError):
    """The database file is gone while what shows it existed (its old copy kept aside by a
    restore, its backups) is still there: it is not replaced by a new, empty one."""


_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG)

# The system's own words for an OSError (strerror) are English, or the language Windows was
# installed in: these are said in Vietnamese, anything else by its code (for the log's reader).
_REASONS = {
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EACCES: "không có quyền",
    errno.EPERM: "không được phép",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EEXIST: "ở đó đã có một tệp hoặc thư mục cùng tên",
    errno.EISDIR: "đó là một thư mục",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.ENOSPC: "ổ đĩa đầy",
    errno.EFBIG: "tệp quá lớn",
    errno.EIO: "ổ đĩa báo lỗi khi đọc hoặc ghi",
    errno.EBUSY: "tệp đang bận",
    errno.EMFILE: "chương trình đang mở quá nhiều tệp",
    errno.ENFILE: "máy đang mở quá nhiều tệp",
    errno.ENAMETOOLONG: "tên quá dài",
    errno.EINVAL: "tên hoặc đường dẫn không hợp lệ",
    errno.ENOTEMPTY: "thư mục không trống",
    errno.ENETUNREACH: "máy không có mạng tới đó",
    errno.EHOSTUNREACH: "không tới được máy đó qua mạng",
    errno.ECONNRESET: "kết nối bị cắt ngang",
    errno.ECONNABORTED: "kết nối bị cắt ngang",
    errno.EPIPE: "kết nối bị cắt ngang",
    errno.ETIMEDOUT: "quá thời gian chờ",
}
_WINDOWS_REASONS = {  # winerror: a file another program holds open, a drive gone
    32: "tệp đang mở trong một chương trình khác",
    33: "một phần của tệp đang bị chương trình khác khóa",
    21: "ổ đĩa chưa sẵn sàng",
    53: "không tìm thấy đường dẫn mạng",
}


def os_reason(error: OSError) -> str:
    """Why `error` happened, in a few Vietnamese words, for a sentence that names the file (or
    the server: a network's errors are OSErrors too)."""
    winerror = getattr(error, "winerror", None)
    if winerror in _WINDOWS_REASONS:
        return _WINDOWS_REASONS[winerror]
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    if error.errno:
        return f"mã lỗi {errno.errorcode.get(error.errno, error.errno)}"
    return f"mã lỗi {type(error).__name__}"


def os_error_message(error: OSError, path=None) -> str:
    """One sentence for an OSError met while writing or reading `path`."""
    where = f"«{path}»" if path else (f"«{error.filename}»" if error.filename else "tệp")
    folder = os.path.dirname(os.path.abspath(str(path or error.filename or ".")))
    if error.errno in _FULL:
        return (f"Không ghi được {where}: ổ đĩa đầy (hoặc hết hạn mức dung lượng). Hãy xóa bớt "
                "tệp hoặc chọn ổ đĩa khác rồi thử lại; không có gì bị ghi dở.")
    if isinstance(error, IsADirectoryError):
        return f"Không ghi được: {where} là một thư mục. Hãy chọn hoặc gõ tên một tệp."
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM,
                                                             errno.EROFS):
        return (f"Không có quyền ghi vào thư mục «{folder}» (thư mục hoặc ổ đĩa chỉ cho đọc). "
                "Hãy chọn thư mục khác, ví dụ thư mục Tài liệu của bạn.")
    if isinstance(error, FileNotFoundError) or error.errno == errno.ENOTDIR:
        return (f"Không ghi được {where}: thư mục «{folder}» không tồn tại hoặc không phải thư "
                "mục. Hãy chọn thư mục khác.")
    if error.errno == errno.ENAMETOOLONG:
        return f"Không ghi được {where}: tên tệp quá dài. Hãy đặt tên ngắn hơn."
    if isinstance(error, FileExistsError):  # the name taken: often a folder to be made
        taken = f"ở chỗ của «{error.filename}»" if error.filename and \
            str(error.filename) != str(path) else "ở đó"
        return (f"Không ghi được {where}: {taken} đã có một tệp hoặc thư mục cùng tên. Hãy đổi "
                "tên hoặc chuyển nó đi rồi thử lại.")
    return (f"Không đọc hoặc ghi được {where} ({os_reason(error)}). Hãy thử lại hoặc chọn chỗ "
            "khác.")


def database_error_message(error: sqlite3.Error, path=None) -> str:
    """One sentence for an SQLite error on the database at `path`."""
    where = f"«{path}»" if path else ""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return busy_message(path)
    if "readonly" in text or "read-only" in text:
        return (f"Không ghi được vào cơ sở dữ liệu {where}: tệp hoặc thư mục chứa nó chỉ cho "
                "đọc (không có quyền ghi). Hãy chép tệp sang thư mục bạn có quyền ghi rồi mở từ "
                "đó, hoặc nhờ quản trị máy cấp quyền ghi.")
    if "full" in text or ("disk i/o" in text and _nearly_full(path)):
        return (f"Không ghi được vào cơ sở dữ liệu {where}: ổ đĩa đầy. Hãy xóa bớt tệp trên ổ "
                "đĩa rồi thử lại; phần đã lưu trước đó không bị mất.")
    if is_damage(error):
        return (f"Cơ sở dữ liệu {where} bị hỏng. Hãy mở lại TTĐN Desktop để khôi phục từ bản "
                "sao lưu (hoặc dùng lệnh «ttdn restore»).")
    if "unable to open" in text:
        return (f"Không mở được cơ sở dữ liệu {where}: thư mục không tồn tại hoặc không có quyền "
                "truy cập.")
    if "disk i/o" in text:
        return (f"Lỗi đọc/ghi đĩa với cơ sở dữ liệu {where} (ổ đĩa hỏng, đã rút ra, hoặc mất "
                "kết nối mạng). Hãy kiểm tra ổ đĩa rồi thử lại.")
    return f"Lỗi cơ sở dữ liệu {where}: {error}."


def is_damage(error: BaseException) -> bool:
    """SQLite says the file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB): the one test of it, for
    the open-time check, the message and the full check requested after work met it."""
    text = str(error).lower()
    return isinstance(error, sqlite3.DatabaseError) and (
        "malformed" in text or "not a database" in text or "corrupt" in text)


def is_busy(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def _seconds(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or float(value).is_integer() else \
        f"{value:.1f}".replace(".", ",")


def waiting_message(path, waited: float, limit: float) -> str:
    """Said while a write waits for another program writing to the database."""
    so_far = f"đã chờ {int(waited)} giây, " if waited >= 1 else ""
    return (f"Đang chờ: một chương trình khác (một cửa sổ TTĐN Desktop hay lệnh ttdn khác) "
            f"đang ghi vào cơ sở dữ liệu «{path}» ({so_far}chờ tối đa {_seconds(limit)} "
            "giây)…")


def busy_message(path=None, seconds: float | None = None) -> str:
    where = f"«{path}» " if path else ""
    waited = f"sau {_seconds(seconds)} giây chờ" if seconds else "sau nhiều giây chờ"
    return (f"Cơ sở dữ liệu {where}đang bận: một chương trình khác (một cửa sổ TTĐN Desktop "
            f"hay lệnh ttdn khác) đang ghi vào nó và chưa xong {waited}. Hãy thử lại sau ít "
            "phút; không có gì bị thay đổi.")


def _nearly_full(path) -> bool:
    """SQLite reports a full disk as an I/O error when its -shm file cannot grow."""
    if not path:
        return False
    try:
        return shutil.disk_usage(os.path.dirname(os.path.abspath(str(path)))).free < (1 << 20)
    except OSError:
        return False


def storage_message(error: BaseException, db_path=None) -> str | None:
    """The sentence for a storage error, or None if `error` is not one."""
    if isinstance(error, TTDNError):
        return error.message
    if isinstance(error, sqlite3.Error):
        return database_error_message(error, db_path)
    if isinstance(error, OSError):
        return os_error_message(error)
    return None


def as_storage_error(error: BaseException, db_path=None) -> StorageError:
    message = storage_message(error, db_path) or str(error)
    if isinstance(error, sqlite3.Error) and "locked" in str(error).lower():
        return DatabaseBusy(message)
    return StorageError(message)
