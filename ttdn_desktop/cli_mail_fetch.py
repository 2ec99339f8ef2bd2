"""`ttdn mail fetch`, `ttdn mail trust`, `ttdn mail store`: the secretariat's mailbox, read.

The `ttdn mail …` group is made once by mail_group(commands), which every mail module calls
(fetching here, sending in its own module): each subcommand sets its function with
`set_defaults(run=…)`, and cli.py dispatches "mail" to `args.run(workspace, args)`.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from ttdn_desktop.core.errors import TTDNError

SERVER_HELP = "máy chủ thư (như mail.tinh.gov.vn); mặc định: lần trước"


def mail_group(commands):
    """The subcommands of `ttdn mail`, made on first call."""
    if "mail" not in commands.choices:
        mail = commands.add_parser("mail", help="thư điện tử: nhận báo cáo từ hộp thư, gửi báo "
                                   "cáo, nhắc đơn vị")
        mail.set_defaults(mail_commands=mail.add_subparsers(
            dest="mail_command", metavar="LỆNH", required=True))
    return commands.choices["mail"].get_default("mail_commands")


def _since(text: str):
    from ttdn_desktop.core.periods import parse_date
    try:
        return parse_date(text)
    except TTDNError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def add_parsers(commands) -> None:
    mail = mail_group(commands)
    fetch = mail.add_parser("fetch", help="nhận thư từ hộp thư của cơ quan (IMAP, chỉ đọc): "
                            "các tệp đính kèm được nhập như tệp kéo thả vào cửa sổ")
    fetch.add_argument("--server", metavar="MÁY", help=SERVER_HELP)
    fetch.add_argument("--port", type=int, metavar="CỔNG",
                       help="993 (TLS, mặc định) hoặc 143 (STARTTLS)")
    fetch.add_argument("--user", metavar="TÊN", help="tài khoản hộp thư; mặc định: lần trước")
    fetch.add_argument("--folder", metavar="THƯ MỤC", help="thư mục trên máy chủ (mặc định "
                       "INBOX hay lần trước)")
    fetch.add_argument("--since", type=_since, metavar="NGÀY", help="thư từ ngày DD/MM/YYYY "
                       "(mặc định: ngày gửi đề nghị báo cáo của kỳ gần nhất, hay 30 ngày trước)")
    fetch.add_argument("--cafile", type=Path, metavar="PEM", help="chứng chỉ của cơ quan cấp "
                       "chứng chỉ riêng của cơ quan (tệp PEM)")
    fetch.add_argument("--dry-run", action="store_true", help="chỉ cho biết sẽ nhập gì; không "
                       "nhập, không ghi nhớ thư đã nhận")
    fetch.add_argument("--again", action="store_true", help="xét lại cả thư đã nhận lần trước")
    fetch.set_defaults(run=cmd_mail_fetch)

    trust = mail.add_parser("trust", help="tin một chứng chỉ của máy chủ thư (sau khi đã đối "
                            "chiếu dấu vân tay SHA-256 với người quản lý máy chủ)")
    trust.add_argument("server", metavar="MÁY:CỔNG")
    trust.add_argument("fingerprint", nargs="?", metavar="SHA256",
                       help="dấu vân tay như lời báo lỗi đã nêu; bỏ trống cùng --forget")
    trust.add_argument("--forget", action="store_true", help="thôi tin chứng chỉ đã chọn")
    trust.set_defaults(run=cmd_mail_trust)

    store = mail.add_parser("store", help="kho mật khẩu của hệ điều hành dùng cho thư; lưu "
                            "hay xóa mật khẩu của một hộp thư")
    store.add_argument("--server", metavar="MÁY")
    store.add_argument("--user", metavar="TÊN")
    store.add_argument("--forget", action="store_true", help="xóa mật khẩu đã lưu")
    store.set_defaults(run=cmd_mail_store)


def _host_port(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise TTDNError(f"«{text}»: hãy viết máy chủ và cổng, như mail.tinh.gov.vn:993.")
    return host, int(port)


def cmd_mail_trust(workspace, args) -> int:
    host, port = _host_port(args.server)
    if args.forget:
        workspace.mailbox.forget_certificate(host, port)
        print(f"Đã thôi tin chứng chỉ đã chọn của {host}:{port}.")
        return 0
    if not args.fingerprint:
        raise TTDNError("Thiếu dấu vân tay SHA-256 của chứng chỉ (lời báo lỗi khi kết nối đã "
                        "nêu nó).")
    pinned = workspace.mailbox.trust_certificate(host, port, args.fingerprint)
    print(f"Đã tin chứng chỉ của {host}:{port}: {pinned}. Nếu máy chủ đổi chứng chỉ, ứng dụng "
          "sẽ báo và không kết nối cho đến khi chọn tin lại.")
    return 0


def cmd_mail_store(workspace, args) -> int:
    mailbox = workspace.mailbox
    name = mailbox.store_name()
    if args.server and args.user:
        if args.forget:
            had = mailbox.forget_password(args.server, args.user)
            print(f"{args.user}@{args.server}: " + ("đã xóa mật khẩu khỏi kho." if had else
                                                      "kho không có mật khẩu nào."))
            return 0
        typed = getpass.getpass(f"Mật khẩu của {args.user}@{args.server}: ")
        if not typed:
            raise TTDNError("Chưa gõ mật khẩu; không lưu gì.")
        print(f"Đã lưu mật khẩu vào {mailbox.remember_password(args.server, args.user, typed)}.")
        return 0
    print(f"Kho mật khẩu: {name or 'không có (dùng biến TTDN_MAIL_PASSWORD hay gõ mỗi lần)'}")
    print(f"Các loại kho biết dùng: {', '.join(mailbox.known_stores())}")
    return 0 if name else 1


def _ask(account: str) -> str | None:
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(f"Mật khẩu của {account}: ") or None


def cmd_mail_fetch(workspace, args) -> int:
    raise TTDNError("chưa làm")
