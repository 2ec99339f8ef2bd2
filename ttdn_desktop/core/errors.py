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
