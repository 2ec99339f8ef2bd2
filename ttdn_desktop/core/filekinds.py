"""The kinds of file an import reads, declared once: the file dialog's filters, the drop hint
and the messages that name them are all made from this list (here in
core, pure, so that both front ends and exchange/ may read it). A new kind is one line here,
and its reader in exchange/unpack.py (tests/test_readable_kinds.py checks there is one)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from ttdn_desktop.core.text import shown


@dataclass(frozen=True)
class Kind:
    """A kind of file the app reads, with the extensions that name it."""
    name: str                     # as a sentence names it: "gói báo cáo"
    extensions: tuple[str, ...]   # the ones shown to users, lower case with the dot
    also: tuple[str, ...] = ()    # read too, never advertised (names cut or rarely seen)

    @property
    def title(self) -> str:
        """As a sentence names it: «gói báo cáo .ttdn», «thư điện tử .eml/.msg»."""
        return f"{self.name} {'/'.join(self.extensions)}"

    @property
    def patterns(self) -> str:
        return " ".join(f"*{ext}" for ext in self.extensions + self.also)


READABLE = (
    # .ttd: a package's name cut to 8.3 by an old mail program (BAOCAO~1.TTD)
    Kind("gói báo cáo", (".ttdn",), also=(".ttd",)),
    Kind("mẫu Excel", (".xlsx",), also=(".xlsm",)),
    # an agency's own statistics sheet (an .xlsx that is not our form too): figures confirmed
    Kind("bảng số liệu", (".xls", ".ods"), also=(".fods",)),
    Kind("tệp Word", (".docx", ".doc"), also=(".docm",)),   # .doc: Word 97–2003
    Kind("văn bản OpenDocument", (".odt",), also=(".fodt",)),
    Kind("tệp RTF", (".rtf",)),
    Kind("tệp PDF", (".pdf",)),   # with a text layer; a scan is refused saying so
    Kind("thư điện tử", (".eml", ".msg")),
    Kind("tệp nén", (".zip",)),
)

EXTENSIONS = tuple(ext for kind in READABLE for ext in kind.extensions + kind.also)


def is_readable(name: str) -> bool:
    """By the name alone (a dropped file is read whatever its name, since mail programs
    rename; a folder gives every file, so that what is not read is named)."""
    return PurePath(name).suffix.lower() in EXTENSIONS


def listed(last: str = "và") -> str:
    """Every kind in a sentence: «gói báo cáo .ttdn, mẫu Excel .xlsx, …, thư điện tử .eml/.msg
    và tệp nén .zip» (`last`: "và", or "hay" after a negation)."""
    titles = [kind.title for kind in READABLE]
    return f"{', '.join(titles[:-1])} {last} {titles[-1]}" if len(titles) > 1 else titles[0]


def nothing_in(folders, others=(), subfolders: int = 0) -> str:
    """What is said when the folders given hold no file of a readable kind: which folders
    (their paths), the kinds that are read, and what was there instead (`others`: the names
    of the files not read; `subfolders`: how many folders inside, which are not looked in)."""
    names = [shown(str(folder)) for folder in folders]
    where = ", ".join(f"«{name}»" for name in names[:3])
    if len(names) > 3:
        where += f" và {len(names) - 3} thư mục khác"
    said = f"Không có tệp nào để nhập trong thư mục {where}: chỉ nhập được {listed()}."
    others = list(others)
    if others:
        some = ", ".join(f"«{shown(name, 60)}»" for name in others[:3])
        more = f" và {len(others) - 3} tệp khác" if len(others) > 3 else ""
        said += f" Trong đó có {some}{more}, không thuộc các loại này."
    if not others and not subfolders:
        said += " Thư mục này trống." if len(names) == 1 else " Các thư mục này trống."
    if subfolders:
        said += (f" {subfolders} thư mục con bên trong không được đọc: hãy chọn chính thư mục "
                 "chứa các tệp.")
    return said
