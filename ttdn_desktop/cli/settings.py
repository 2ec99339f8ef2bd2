"""`ttdn period`, `settings`, `forms`, `restore`: how this database is set up (the
period's dates, the letterhead, the forms it uses) and its backups."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from ttdn_desktop.cli.arguments import PERIOD_HELP, Parser, date_type, period_type
from ttdn_desktop.core.docformat import layout_problems
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.periods import format_date
from ttdn_desktop.core.settings import DECLARED, LETTERHEAD, SETTINGS, letterhead_setting


def add_period(commands) -> None:
    periods = commands.add_parser("period", help="xem hoặc đặt ngày chốt số liệu, hạn gửi của kỳ")
    periods.add_argument("period", metavar="KỲ", type=period_type, help=PERIOD_HELP)
    periods.add_argument("--from", dest="data_from", type=date_type, metavar="NGÀY", help="chốt số liệu từ ngày")
    periods.add_argument("--to", dest="data_to", type=date_type, metavar="NGÀY", help="chốt số liệu đến ngày")
    periods.add_argument("--deadline", type=date_type, metavar="NGÀY", help="hạn gửi báo cáo")


def add_forms(commands) -> None:
    forms = commands.add_parser("forms", help="các mẫu báo cáo cơ sở dữ liệu này dùng; thêm "
                                "mẫu riêng của tỉnh (chỉ cho cơ sở dữ liệu này)")
    forms.add_argument("--add", type=Path, metavar="TỆP", help="tệp định nghĩa mẫu (.toml) cần "
                       "thêm vào cơ sở dữ liệu này")


def add_settings(commands) -> None:
    settings = commands.add_parser("settings", help="thể thức và thông tin ban hành báo cáo "
                                   "(tiêu đề, số, ký hiệu, người ký, nơi nhận…)")
    settings.add_argument("--agency", metavar="MÃ", help="thiết lập riêng cho báo cáo của một đơn vị thành viên")
    settings_commands = settings.add_subparsers(dest="action", metavar="VIỆC",
                                                parser_class=Parser)
    set_one = settings_commands.add_parser("set", help="đặt một thiết lập")
    set_one.add_argument("key", metavar="KHÓA", help="một trong: " + ", ".join(LETTERHEAD)
                         + " (ý nghĩa: «ttdn settings»)")
    set_one.add_argument("value", metavar="GIÁ_TRỊ", help="giá trị mới (\"\" để bỏ trống)")
    set_one.add_argument("--agency", dest="set_agency", help=argparse.SUPPRESS)


def add_restore(commands) -> None:
    restore = commands.add_parser("restore", help="xem các bản sao lưu (mới nhất trước) hoặc khôi "
                                  "phục cơ sở dữ liệu từ một bản; tệp đang có được giữ lại bên "
                                  "cạnh")
    restore.add_argument("backup", nargs="?", metavar="BẢN_SAO_LƯU",
                         help="số thứ tự trong danh sách (1 = mới nhất) hoặc đường dẫn tệp")


def cmd_period(workspace, args) -> int:
    if args.data_from or args.data_to or args.deadline:
        dates = workspace.periods.set_dates(args.period, args.data_from, args.data_to,
                                           args.deadline)
    else:
        dates = workspace.periods.dates(args.period)
    source = "" if dates.stored else " (mặc định)"
    print(f"{args.period.code}\t{args.period.label}")
    print(f"Chốt số liệu\ttừ {format_date(dates.data_from)} đến {format_date(dates.data_to)}"
          f"{source}")
    print(f"Hạn gửi\t{format_date(dates.deadline)}{source}")
    return 0


def _shown(value) -> str:
    """A value on one line: lines joined by «; », a record as JSON, nothing as nothing."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return json.dumps({k: v for k, v in value.items() if k != "version"}, ensure_ascii=False)
    return str(value).replace("\n", "; ")


def _listed_elsewhere(key: str) -> bool:
    """One of the other settings `ttdn settings` lists (a family's member included)."""
    return any(key == s.key or ("{}" in s.key and key.startswith(s.prefix()))
               for s in DECLARED if s.place == SETTINGS and s not in LETTERHEAD.values())


def cmd_settings(workspace, args) -> int:
    agency = args.agency or getattr(args, "set_agency", None)
    if args.action == "set":
        if args.key not in LETTERHEAD and _listed_elsewhere(args.key):
            raise TTDNError(f"«{args.key}» không đặt bằng «ttdn settings set»: đặt trong cửa sổ "
                            "(Công cụ › Thiết lập…, Tên gọi ở cấp trên…) hoặc bằng lệnh của việc "
                            f"đó. Lệnh này đặt thông tin in trên báo cáo: {', '.join(LETTERHEAD)}.")
        setting = letterhead_setting(args.key)
        value = args.value.replace(";", "\n") if setting.multiline else args.value
        whose = f" (đơn vị {agency.upper()})" if agency else ""
        if setting is LETTERHEAD["layout"]:  # the code and the signing capacity follow it
            before = workspace.setup.letterhead(agency)
            after = workspace.setup.switch_layout(setting.check(value), agency)
            print(f"layout = {after.layout}{whose}")
            for key in ("code", "signing_capacity"):
                if getattr(before, key) != getattr(after, key):
                    print(f"{key} = {getattr(after, key).replace(chr(10), '; ')} (đổi theo "
                          "thể thức)")
        else:
            stored = workspace.setup.set_letterhead(args.key, value, agency)
            print(f"{args.key} = {stored.replace(chr(10), '; ')}{whose}")
        for problem in layout_problems(workspace.setup.letterhead(agency)):
            print(f"Lưu ý: {problem}", file=sys.stderr)
        return 0
    # as declared (core.settings): key, value, meaning; the letterhead first (with --agency,
    # that agency's own, and only it), then every other setting the user chose
    values = asdict(workspace.setup.letterhead(agency))
    listed = [(key, values[key], setting) for key, setting in LETTERHEAD.items()]
    if not agency:
        listed += workspace.setup.chosen()
    for key, value, setting in listed:
        print(f"{key}\t{_shown(value)}\t# {setting.meaning}")
    return 0


def cmd_forms(workspace, args) -> int:
    if args.add is not None:
        form = workspace.setup.add_form(args.add)
        print(f"Đã thêm mẫu «{form.id}» phiên bản {form.version} vào cơ sở dữ liệu này "
              f"(«{workspace.path}»); các cơ sở dữ liệu khác không dùng nó.")
        return 0
    for form, where in workspace.setup.form_list():
        print(f"{form.id}\tphiên bản {form.version}\t{form.name}\t{where}")
    return 0


def cmd_restore(args) -> int:
    """Without a backup: list them, newest first. With one: restore it (the database need not
    open: this is how a damaged one is replaced)."""
    from ttdn_desktop.workspace.backups import (list_backups, resolve_db_path, restore_backup,
                                                settle_restore)
    path = resolve_db_path(args.db)
    settled = settle_restore(path)
    if settled:
        print(f"Lưu ý: {settled}", file=sys.stderr)
    found = list_backups(path)
    if args.backup is None:
        if not found:
            print(f"Chưa có bản sao lưu nào của «{path}».")
            return 1
        print(f"Các bản sao lưu của «{path}» (mới nhất trước):")
        for number, item in enumerate(found, start=1):
            print(f"{number}\t{item.label()}\t{item.path}")
        print("Khôi phục: ttdn restore SỐ_THỨ_TỰ")
        return 0
    if args.backup.isdigit():
        number = int(args.backup)
        if not 1 <= number <= len(found):
            raise TTDNError(f"Không có bản sao lưu số {number}; có {len(found)} bản (xem bằng "
                            "«ttdn restore»).")
        chosen = found[number - 1].path
    else:
        chosen = Path(args.backup)
        if not chosen.is_file():
            raise TTDNError(f"Không tìm thấy bản sao lưu «{chosen}».")
    kept = restore_backup(path, chosen)
    aside = f" Tệp cũ được giữ lại là «{kept.name}»." if kept else ""
    print(f"Đã khôi phục «{path}» từ «{chosen.name}».{aside}")
    return 0
