"""Every setting TTĐN Desktop keeps, declared once (as Picard declares its options): key, type,
default and meaning. Nothing else in the tree spells a key: values are read and written by
declaration (storage.settings.get_setting / set_setting, ws.setup.state / set_state).

Two places in the database, named by each declaration:
- `settings`: what the user chose (role, letterhead, the level above); history kept;
- `app_state`: what the app remembers for itself (window, editing session, last folders).

A family has "{}" in its key where its parts go (`folder.{}` for each file picker's purpose).
What a stored value means changes only by an upgrade step (storage.settings.UPGRADES) that
brings databases to VERSION, as Picard's config_upgrade does; the version itself is kept in
`app_state` (VERSION_SETTING)."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace

from ttdn_desktop.core.docformat import LAYOUTS, Letterhead
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.periods import parse_date
from ttdn_desktop.core.role import Role
from ttdn_desktop.core.text import clean_line, clean_text

SETTINGS = "settings"
STATE = "app_state"

VERSION = 1  # 1: the editing session is stored with its version


@dataclass(frozen=True)
class Setting:
    """Text; `default` when nothing is stored."""
    key: str
    meaning: str  # Vietnamese: `ttdn settings` shows it
    default: object = ""
    place: str = SETTINGS

    def key_for(self, *parts: str) -> str:
        if self.key.count("{}") != len(parts):
            raise ValueError(f"{self.key}: {len(parts)} phần")
        return self.key.format(*parts)

    def prefix(self, *parts: str) -> str:
        """The keys of a family whose first parts are `parts` start with this."""
        pieces = self.key.split("{}")
        return "".join(piece + part for piece, part in zip(pieces, parts)) + pieces[len(parts)]

    def encode(self, value) -> str:
        return str(value)

    def decode(self, raw: str | None):
        return self.default if raw is None else raw


@dataclass(frozen=True)
class Choice(Setting):
    """One of `choices`; anything else stored reads as the default."""
    choices: tuple = ()

    def encode(self, value) -> str:
        if value not in self.choices:
            raise ValueError(f"{self.key}: {value!r}")
        return str(value)  # an enum's value, as stored

    def decode(self, raw: str | None):
        return raw if raw in self.choices else self.default


@dataclass(frozen=True)
class Number(Setting):
    """A whole-number setting."""
    def encode(self, value) -> str:
        return str(int(value))

    def decode(self, raw: str | None):
        try:
            return int(raw) if raw is not None else self.default
        except ValueError:
            return self.default


@dataclass(frozen=True)
class Record(Setting):
    """A JSON object, stored with `version`; what does not read as one is the default."""
    version: int = 1

    def encode(self, value) -> str:
        return json.dumps({**value, "version": self.version}, ensure_ascii=False)

    def decode(self, raw: str | None):
        try:
            value = json.loads(raw) if raw else None
        except ValueError:
            return self.default
        # an older release writes it without its version: the same shape as version 1
        version = value.get("version", 1) if isinstance(value, dict) else None
        if not isinstance(version, int) or version > self.version:
            return self.default  # not ours, or written by a newer release
        return value


# The kinds of a letterhead field, each checked its own way (LetterheadField.check) and
# given its own input (ui/settings_form.py): one line, several lines, the layout (a choice),
# millimetres, a day, a file's path.
LINE, LINES, LAYOUT, MILLIMETRES, DAY, FILE = "line", "lines", "layout", "mm", "day", "file"
_MARGIN_RANGE = (5.0, 60.0)


@dataclass(frozen=True)
class LetterheadField(Setting):
    """One field of core.docformat.Letterhead, as a user types it: checked by its `kind`, and
    named to users by its `label`, never its key. A stored value that does not check reads as
    the default, as an older or foreign database may hold one."""
    label: str = ""
    kind: str = LINE

    @property
    def multiline(self) -> bool:
        """Its value may run over several lines (on the command line: joined by «;»)."""
        return self.kind == LINES

    def check(self, value: str) -> str:
        """The cleaned value, or TTDNError naming the field by its label and the reason."""
        if self.multiline:
            return "\n".join(clean_line(line) for line in clean_text(value).split("\n")
                             if line.strip())
        value = clean_line(value)
        if self.kind == LAYOUT and value not in LAYOUTS:
            raise TTDNError(f"«{self.label}» nhận «state» (nhà nước) hoặc «party» (Đảng), "
                            f"không phải «{value}».")
        if self.kind == MILLIMETRES and value:
            try:
                number = float(value.replace(",", "."))
            except ValueError:
                raise TTDNError(f"«{self.label}» phải là một số milimét, không phải "
                                f"«{value}».") from None
            if not _MARGIN_RANGE[0] <= number <= _MARGIN_RANGE[1]:
                raise TTDNError(f"«{self.label}» phải từ {_MARGIN_RANGE[0]:g} đến "
                                f"{_MARGIN_RANGE[1]:g} mm.")
            return f"{number:g}"
        if self.kind == DAY and value:
            try:
                return parse_date(value).isoformat()  # kept as ISO, shown as dd/mm/yyyy
            except TTDNError as error:
                raise TTDNError(f"«{self.label}»: {error.message}") from None
        return value

    def encode(self, value) -> str:
        return self.check(str(value))

    def decode(self, raw: str | None):
        try:
            return self.default if raw is None else self.check(raw)
        except TTDNError:
            return self.default


def _letterhead(**declared) -> dict:
    """{key: LetterheadField}, in Letterhead's order, each with its field's default."""
    assert list(declared) == [f.name for f in fields(Letterhead)]
    return {f.name: LetterheadField(f.name, declared[f.name][2], f.default,
                                    label=declared[f.name][1], kind=declared[f.name][0])
            for f in fields(Letterhead)}


def letterhead_setting(key: str) -> LetterheadField:
    """The letterhead field called `key`, or TTDNError listing the ones there are."""
    if key not in LETTERHEAD:
        raise TTDNError(f"Không có thiết lập «{key}». Các thiết lập: {', '.join(LETTERHEAD)}.")
    return LETTERHEAD[key]


def checked_letterhead(values: dict[str, str]) -> dict[str, str]:
    """The letterhead values (as stored or typed) that check, cleaned; unknown keys and values
    that do not check are left out."""
    checked = {}
    for key, setting in LETTERHEAD.items():
        if key in values:
            try:
                checked[key] = setting.check(values[key])
            except TTDNError:
                continue
    return checked


def letterhead_from(values: dict[str, str], base: Letterhead | None = None) -> Letterhead:
    """Letterhead values over a base: those that do not check leave the base's."""
    checked = checked_letterhead(values)
    return Letterhead(**checked) if base is None else replace(base, **checked)


# --- what the user chose (the `settings` table) -------------------------------------------
ROLE = Choice("app.mode", "ai dùng cơ sở dữ liệu này: agency (một đơn vị thành viên) hoặc "
              "secretariat (cơ quan thường trực); chưa có: chưa thiết lập lần đầu",
              default=None, choices=tuple(Role))
OWN_AGENCY = Setting("app.own_agency", "mã đơn vị của máy này (vai đơn vị thành viên)")
UPWARD_CODE = Setting("upward.code", "mã của Ban Chỉ đạo trong danh sách thành viên của cấp trên")
UPWARD_NAME = Setting("upward.name", "tên của Ban Chỉ đạo trong danh sách thành viên của cấp "
                      "trên")
# Mail out (issue 25): where the agency's report goes, and the server it is handed to.
SECRETARIAT_MAIL = Setting("mail.secretariat", "địa chỉ thư của cơ quan thường trực (từ gói đề "
                           "nghị ký đúng khóa đã ghi nhận, hoặc gõ tay)")
UPWARD_MAIL = Setting("mail.upward", "địa chỉ thư nhận báo cáo của cấp trên (từ gói đề nghị "
                      "ký đúng khóa đã ghi nhận, hoặc gõ tay)")
# how often the window tries the outbox again (the door sends, the window's timer asks it)
OUTBOX_RETRY_MINUTES = 5
MAIL_SEND = Record("mail.send", "máy chủ gửi thư: máy chủ, cổng, tài khoản, địa chỉ người gửi, "
                   "tệp chứng chỉ (mật khẩu không lưu ở đây)", default=None)
# The letterhead: one setting per field of core.docformat.Letterhead: (kind, label, meaning).
LETTERHEAD = _letterhead(
    layout=(LAYOUT, "Thể thức", "thể thức: state (Nghị định 30/2020, cơ quan nhà nước) hoặc "
            "party (Hướng dẫn 36-HD/VPTW, cơ quan Đảng)"),
    superior_body=(LINES, "Cơ quan chủ quản", "tên cơ quan, tổ chức chủ quản trực tiếp (dòng "
                   "trên cùng bên trái)"),
    issuing_body=(LINES, "Cơ quan ban hành", "tên cơ quan ban hành báo cáo (xuống dòng: dấu ;)"),
    number=(LINE, "Số văn bản", "số văn bản (để trống cho văn thư điền khi đăng ký)"),
    code=(LINE, "Ký hiệu", "ký hiệu văn bản, ví dụ BC-UBND (nhà nước) hoặc BC/BTGTU (Đảng)"),
    place=(LINE, "Địa danh", "địa danh ở dòng «…, ngày … tháng … năm …»"),
    issued_on=(DAY, "Ngày ban hành", "ngày ban hành, ví dụ 15/07/2021 (để trống: ngày xuất "
               "báo cáo)"),
    signing_capacity=(LINES, "Quyền hạn ký", "quyền hạn ký, ví dụ TM. ỦY BAN NHÂN DÂN, KT. "
                      "GIÁM ĐỐC, K/T TRƯỞNG BAN"),
    signer_title=(LINES, "Chức vụ người ký", "chức vụ người ký"),
    signer_name=(LINE, "Họ tên người ký", "họ và tên người ký"),
    recipients=(LINES, "Nơi nhận", "nơi nhận, mỗi nơi một dòng (trên dòng lệnh: ngăn cách bằng "
                "dấu ;); dòng cuối thường là «Lưu: VT, …»"),
    margin_top=(MILLIMETRES, "Lề trên (mm)", "lề trên (mm; để trống: theo mẫu Word, 20)"),
    margin_bottom=(MILLIMETRES, "Lề dưới (mm)", "lề dưới (mm; để trống: theo mẫu Word, 20)"),
    margin_left=(MILLIMETRES, "Lề trái (mm)", "lề trái (mm; để trống: theo mẫu Word, 30)"),
    margin_right=(MILLIMETRES, "Lề phải (mm)", "lề phải (mm; để trống: theo mẫu Word, 15)"),
    template=(FILE, "Mẫu Word riêng", "đường dẫn tệp mẫu Word (.docx) riêng; để trống: dùng "
              "mẫu kèm chương trình"),
    member_superior_body=(LINE, "Cơ quan chủ quản của đơn vị thành viên", "cơ quan chủ quản "
                          "ghi trên báo cáo riêng của đơn vị thành viên (thường là UBND TỈNH "
                          "…)"),
)
AGENCY_LETTERHEAD = Setting("agency.{}.{}", "thiết lập riêng cho báo cáo của một đơn vị thành "
                            "viên (mã đơn vị, khóa thông tin in)")
MAIL_PIN = Setting("mail.pin.{}", "chứng chỉ máy chủ thư người dùng đã chọn tin sau khi đối "
                   "chiếu (máy chủ:cổng; dấu vân tay SHA-256)")
MAIL_FETCH = Record("mail.fetch", "hộp thư nhận báo cáo: máy chủ, cổng, tài khoản, thư mục, "
                    "tệp chứng chỉ (mật khẩu không lưu ở đây)", default=None)

# --- what the app remembers (the `app_state` table) ---------------------------------------
SESSION = Record("session", "chỗ đang soạn (để mở lại sau khi ứng dụng đóng đột ngột)",
                 default=None, place=STATE)
GEOMETRY = Setting("window.geometry", "vị trí và kích thước cửa sổ (Qt, base64)", place=STATE)
LAST_REPORT = Setting("last_report", "báo cáo mở lần trước", place=STATE)
LAST_SECTION = Setting("last_section", "mục mở lần trước", place=STATE)
FOLDER = Setting("folder.{}", "thư mục chọn tệp lần trước, theo việc (import, export, open, "
                 "key)", place=STATE)
MISMATCH_NOTE = Setting("mismatch_note", "ghi chú giải thích lần trước cho số liệu thành phần "
                        "không cộng lại bằng tổng", place=STATE)
REPORT_MISMATCH_NOTE = Setting("mismatch_note:{}", "như trên, của một báo cáo (mã báo cáo)",
                               place=STATE)
VERSION_SETTING = Number("settings.version", "phiên bản cách lưu các thiết lập (các bước nâng "
                         "cấp đã chạy)", default=0, place=STATE)

# In the order `ttdn settings` lists them (the letterhead first there).
DECLARED = (ROLE, OWN_AGENCY, UPWARD_CODE, UPWARD_NAME, *LETTERHEAD.values(), AGENCY_LETTERHEAD,
            SECRETARIAT_MAIL, UPWARD_MAIL, MAIL_SEND, MAIL_FETCH, MAIL_PIN,
            SESSION, GEOMETRY, LAST_REPORT, LAST_SECTION, FOLDER, MISMATCH_NOTE,
            REPORT_MISMATCH_NOTE, VERSION_SETTING)

