"""Errors that reach users. Every message is a Vietnamese sentence, never a traceback."""


class TTDNError(Exception):
    """An error whose text can be shown to a user as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class FormError(TTDNError):
    """A form definition file is wrong; `problems` lists each mistake."""

    def __init__(self, path, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"Tệp định nghĩa mẫu báo cáo «{self.path}» có lỗi:\n{lines}")


class PeriodError(TTDNError):
    pass


class PackageError(TTDNError):
    """A file offered for import is not usable; names the file and the reason."""

    MAX_REASON = 1500  # a last guard: the parts of a reason that repeat file content are cut

    def __init__(self, file_name: str, reason: str):
        self.file_name = file_name
        self.reason = reason if len(reason) <= self.MAX_REASON else \
            reason[:self.MAX_REASON] + "…"
        super().__init__(f"{file_name}: {self.reason}")


# tomllib's reasons (Python 3.11, tomllib/_parser.py), said in Vietnamese; one not here is
# said as a syntax error at its place, its English left out
_TOML_REASONS = {
    "Invalid value": "giá trị không hợp lệ",
    "Unterminated string": "chuỗi chưa có dấu ngoặc kép đóng",
    "Unclosed array": "danh sách chưa có dấu «]» đóng",
    "Unclosed inline table": "bảng viết trên một dòng chưa có dấu «}» đóng",
    "Invalid statement": "dòng không phải một phép gán hay tên bảng",
    "Cannot overwrite a value": "một khóa được gán hai lần",
    "Expected '=' after a key in a key/value pair": "thiếu dấu «=» sau tên khóa",
    "Expected ']' at the end of a table declaration": "thiếu dấu «]» sau tên bảng",
    "Expected ']]' at the end of an array declaration": "thiếu «]]» sau tên danh sách bảng",
    "Invalid initial character for a key part": "tên khóa bắt đầu bằng ký tự không được dùng",
    "Invalid date or datetime": "ngày giờ không hợp lệ",
    "Invalid hex value": "mã \\u… không hợp lệ",
}


def toml_syntax(error: ValueError) -> str:
    """A tomllib.TOMLDecodeError as «sai cú pháp TOML ở dòng 3, cột 5: thiếu dấu «=» sau tên
    khóa»: where, and why when the reason is one of the usual ones."""
    text = str(error)
    reason, _, place = text.rpartition(" (at ")
    if not reason:
        return "sai cú pháp TOML"
    place = place.rstrip(")")
    if place == "end of document":
        where = " ở cuối tệp"
    elif place.startswith("line "):
        line, _, column = place[len("line "):].partition(", column ")
        where = f" ở dòng {line}, cột {column}"
    else:
        where = ""
    why = _TOML_REASONS.get(reason)
    return f"sai cú pháp TOML{where}" + (f": {why}" if why else "")
