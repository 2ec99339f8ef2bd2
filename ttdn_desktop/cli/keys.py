"""`ttdn keys`: this machine's signing key and the keys pinned for the agencies."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from ttdn_desktop.cli.arguments import Parser
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.trust import SECRETARIAT


def add_keys(commands) -> None:
    keys = commands.add_parser("keys", help="khóa ký: khóa của máy này, khóa đã ghi nhận của các "
                               "đơn vị (không có VIỆC: xem tất cả)")
    key_commands = keys.add_subparsers(dest="action", metavar="VIỆC", parser_class=Parser)
    key_list = key_commands.add_parser("list", help="các khóa đã ghi nhận")
    key_list.add_argument("--history", action="store_true",
                          help="cả các khóa đã thay hoặc đã thu hồi")
    key_commands.add_parser("show", help="khóa ký của máy này và dấu vân tay của nó")
    key_export = key_commands.add_parser("export", help="xuất khóa ký của máy này ra tệp, khóa "
                                         "bằng mật khẩu (để chuyển sang máy mới; mật khẩu hỏi "
                                         "khi chạy, hoặc lấy từ biến TTDN_KEY_PASSPHRASE)")
    key_export.add_argument("file", metavar="TỆP", type=Path, help="tệp ghi ra")
    key_import = key_commands.add_parser("import", help="dùng khóa ký đã xuất từ máy cũ (khóa "
                                         "đang dùng được giữ lại bên cạnh)")
    key_import.add_argument("file", metavar="TỆP", type=Path,
                            help="tệp khóa đã xuất từ máy cũ")
    party_help = "mã đơn vị, hoặc «thuong-truc» cho cơ quan gửi đề nghị báo cáo"
    key_confirm = key_commands.add_parser("confirm", help="ghi nhận đã gọi điện đối chiếu dấu "
                                          "vân tay với đơn vị")
    key_confirm.add_argument("party", metavar="MÃ", help=party_help)
    key_accept = key_commands.add_parser("accept", help="nhận khóa mới của đơn vị (cài lại, máy "
                                         "mới): khóa cũ vào lịch sử, các gói đang giữ được nhập")
    key_accept.add_argument("party", metavar="MÃ", help=party_help)
    key_accept.add_argument("--fingerprint", metavar="DẤU_VÂN_TAY",
                            help="khóa nào, khi các gói đang giữ được ký bằng nhiều khóa; "
                                 "bắt buộc khi khóa đã ghi nhận cho đơn vị khác (hai đơn vị "
                                 "dùng chung một máy ký, đã gọi điện xác nhận)")
    key_revoke = key_commands.add_parser("revoke", help="thu hồi khóa của đơn vị (máy bị mất "
                                         "hoặc lộ khóa): gói ký bằng khóa đó sẽ bị giữ lại")
    key_revoke.add_argument("party", metavar="MÃ", help=party_help)


def _key_line(key: dict) -> str:
    confirmed = "đã gọi điện xác nhận" if key.get("confirmed_at") else "chưa xác nhận"
    state = "" if key["state"] == "active" else f"\t{key['state_label']}"
    party = "thuong-truc" if key["party"] == SECRETARIAT else key["party"]
    return (f"{party}\t{key['party_name']}\t{key['short']}\t{confirmed}\t"
            f"ghi nhận {key['pinned_at'][:10]}{state}")


def _passphrase(prompt: str) -> str:
    """From TTDN_KEY_PASSPHRASE (scripts), else asked without echo."""
    given = os.environ.get("TTDN_KEY_PASSPHRASE")
    if given is not None:
        return given
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        raise TTDNError("Chưa nhập mật khẩu: không làm gì.") from None


def _new_passphrase() -> str:
    first = _passphrase("Đặt mật khẩu cho tệp khóa (ít nhất 8 ký tự): ")
    if os.environ.get("TTDN_KEY_PASSPHRASE") is None and \
            _passphrase("Nhập lại mật khẩu: ") != first:
        raise TTDNError("Hai lần nhập mật khẩu không giống nhau: chưa xuất khóa.")
    return first


def cmd_keys(workspace, args) -> int:
    action = args.action
    if action in (None, "show"):
        own = workspace.keys.own()
        print(f"Khóa ký của máy này: {own['short']}")
        print(f"  (dấu vân tay đầy đủ {own['fingerprint']}; tệp {own['path']})")
        if action == "show":
            return 0
    if action in (None, "list"):
        keys = workspace.keys.pinned(history=getattr(args, "history", False))
        print("Khóa đã ghi nhận:" if keys else "Chưa ghi nhận khóa ký nào của đơn vị khác.")
        for key in keys:
            print("  " + _key_line(key))
        held = workspace.held.for_signature()
        if held:
            print(f"{len(held)} gói đang bị giữ lại vì chữ ký (xem «ttdn held»).")
        return 0
    if action == "export":
        path = workspace.keys.export(args.file, _new_passphrase())
        print(f"Đã xuất khóa ký ({workspace.keys.own()['short']}) ra {path}, khóa bằng mật khẩu. "
              "Ai có tệp này và mật khẩu có thể ký thay đơn vị: cất giữ cẩn thận, không gửi "
              "qua thư, không ghi mật khẩu cạnh tệp.")
        return 0
    if action == "import":
        passphrase = _passphrase("Mật khẩu của tệp khóa: ") \
            if workspace.keys.file_sealed(args.file) else None
        own, kept = workspace.keys.restore(args.file, passphrase)
        print(f"Máy này từ nay ký bằng khóa {own['short']}.")
        if kept:
            print(f"Khóa cũ được giữ lại ở {kept}.")
        return 0
    if action == "confirm":
        key = workspace.keys.confirm(args.party)
        print(f"Đã ghi nhận: dấu vân tay {key['short']} đã được xác nhận với "
              f"{workspace.keys.party_name(key['party'])}.")
        return 0
    if action == "revoke":
        key = workspace.keys.revoke(args.party)
        print(f"Đã thu hồi khóa {key['short']} của {workspace.keys.party_name(key['party'])}: gói ký "
              "bằng khóa này sẽ bị giữ lại; khóa mới sẽ được ghi nhận ở gói có chữ ký kế tiếp.")
        return 0
    key, results = workspace.held.accept_key(args.party, args.fingerprint)
    shared = f", dùng chung với {', '.join(key['shared_with'])}" if key["shared_with"] else ""
    print(f"Đã nhận khóa mới {key['short']} của {workspace.keys.party_name(key['party'])}{shared} "
          "(khóa cũ giữ trong lịch sử).")
    for result in results:
        print(f"  gói đang giữ: {result.line(codes=True)}")
    return 0 if all(r.ok for r in results) else 1
