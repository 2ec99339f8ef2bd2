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
from dataclasses import dataclass, fields

from ttdn_desktop.core.docformat import SETTING_HELP, Letterhead
from ttdn_desktop.core.role import Role

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
# The letterhead: one setting per field of core.docformat.Letterhead, its meaning there.
LETTERHEAD = {f.name: Setting(f.name, SETTING_HELP[f.name], f.default)
              for f in fields(Letterhead)}
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

DECLARED = (ROLE, OWN_AGENCY, UPWARD_CODE, UPWARD_NAME, *LETTERHEAD.values(), AGENCY_LETTERHEAD,
            MAIL_PIN, MAIL_FETCH,
            SESSION, GEOMETRY, LAST_REPORT, LAST_SECTION, FOLDER, MISMATCH_NOTE,
            REPORT_MISMATCH_NOTE, VERSION_SETTING, SECRETARIAT_MAIL, UPWARD_MAIL, MAIL_SEND)

