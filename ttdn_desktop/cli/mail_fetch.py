"""`ttdn mail fetch`, `ttdn mail trust`, `ttdn mail store`: the secretariat's mailbox, read.

The `ttdn mail …` group is made once by mail_group(commands), which every mail module calls
(fetching here, sending in its own module): each subcommand sets its function with
`set_defaults(run=…)`, and cli.py dispatches "mail" to `args.run(workspace, args)`.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path, PurePosixPath

from ttdn_desktop.cli.arguments import date_type, period_type
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


def add_parsers(commands, import_word=None) -> None:
    """`import_word(workspace, path, args, data)`: the command line's confirmation of a Word
    report (cli.imports._import_word), handed in by cli/__init__.py."""
    mail = mail_group(commands)
    fetch = mail.add_parser("fetch", help="nhận thư từ hộp thư của cơ quan (IMAP, chỉ đọc): "
                            "các tệp đính kèm được nhập như tệp kéo thả vào cửa sổ")
    fetch.add_argument("--server", metavar="MÁY", help=SERVER_HELP)
    fetch.add_argument("--port", type=int, metavar="CỔNG",
                       help="993 (TLS, mặc định) hoặc 143 (STARTTLS)")
    fetch.add_argument("--starttls", action="store_true", default=None,
                       help="mở mã hóa bằng STARTTLS sau khi kết nối (mặc định chỉ với cổng "
                            "143; cổng khác: TLS ngay từ đầu)")
    fetch.add_argument("--user", metavar="TÊN", help="tài khoản hộp thư; mặc định: lần trước")
    fetch.add_argument("--folder", metavar="THƯ MỤC", help="thư mục trên máy chủ (mặc định "
                       "INBOX hay lần trước)")
    fetch.add_argument("--since", type=date_type, metavar="NGÀY", help="thư từ ngày DD/MM/YYYY "
                       "(mặc định: ngày gửi đề nghị báo cáo của kỳ gần nhất, hay 30 ngày trước)")
    fetch.add_argument("--cafile", type=Path, metavar="PEM", help="chứng chỉ của cơ quan cấp "
                       "chứng chỉ riêng của cơ quan (tệp PEM)")
    fetch.add_argument("--dry-run", action="store_true", help="chỉ cho biết sẽ nhập gì; không "
                       "nhập, không ghi nhớ thư đã nhận")
    fetch.add_argument("--again", action="store_true", help="xét lại cả thư đã nhận lần trước")
    fetch.set_defaults(run=cmd_mail_fetch)

    confirm = mail.add_parser("confirm", help="xác nhận đơn vị, kỳ của một báo cáo nhận qua "
                              "thư đang được giữ lại (số trong «ttdn held») rồi nhập")
    confirm.add_argument("number", type=int, metavar="SỐ", help="số của báo cáo đang giữ lại, "
                         "như lệnh nhận thư hay «ttdn held» đã nêu")
    confirm.add_argument("--agency", metavar="MÃ", help="mã đơn vị (mặc định: đề xuất)")
    confirm.add_argument("--period", type=period_type, metavar="KỲ", help="kỳ báo cáo (mặc định: "
                         "đề xuất)")
    confirm.add_argument("--dry-run", action="store_true", help="chỉ cho biết sẽ nhập gì")
    for flag, said in (("--accept-figures", "nhận các số liệu tìm thấy"),
                       ("--accept-placement", "xếp các đề mục cần xác nhận như đề xuất"),
                       ("--allow-shorter", "vẫn nhập khi bản này ít hơn báo cáo hiện hành"),
                       ("--replace-signed", "vẫn nhập khi thay báo cáo hiện hành có chữ ký")):
        confirm.add_argument(flag, action="store_true", help=said)
    confirm.set_defaults(run=cmd_mail_confirm, confirm_word=import_word)

    trust = mail.add_parser("trust", help="tin một chứng chỉ của máy chủ thư (sau khi đã đối "
                            "chiếu dấu vân tay SHA-256 với người quản lý máy chủ)")
    trust.add_argument("server", metavar="MÁY:CỔNG", help="máy chủ thư và cổng, như "
                       "mail.tinh.gov.vn:993")
    trust.add_argument("fingerprint", nargs="?", metavar="SHA256",
                       help="dấu vân tay như lời báo lỗi đã nêu; bỏ trống cùng --forget")
    trust.add_argument("--forget", action="store_true", help="thôi tin chứng chỉ đã chọn")
    trust.set_defaults(run=cmd_mail_trust)

    store = mail.add_parser("store", help="kho mật khẩu của hệ điều hành dùng cho thư; lưu "
                            "hay xóa mật khẩu của một hộp thư")
    store.add_argument("--server", metavar="MÁY", help="máy chủ thư của mật khẩu cần lưu hay "
                       "xóa (bỏ trống: chỉ cho biết kho nào được dùng)")
    store.add_argument("--user", metavar="TÊN", help="tài khoản hộp thư")
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
    mailbox = workspace.mailbox
    account = mailbox.account(args.server, args.port, args.user, args.folder, args.cafile,
                              args.starttls)
    progress = _Progress()
    fetched = mailbox.fetch(account, args.since, args.again, ask=_ask, progress=progress)
    progress.done()
    print(f"{account.user}@{account.server}, thư mục «{account.folder}», thư từ ngày "
          f"{args.since.strftime('%d/%m/%Y') if args.since else fetched.since.strftime('%d/%m/%Y')}"
          f": {fetched.found} thư, {fetched.known} đã nhận lần trước, "
          f"{len(fetched.duplicates)} trùng (cùng Message-ID với thư đã nhận), "
          f"{len(fetched.passed_over)} không có báo cáo, "
          f"{len(fetched.mails)} thư mới ({fetched.downloaded / 1e6:.1f} MB đã tải).")
    if fetched.passed_over:
        names = [mail.name for mail in fetched.passed_over]
        print(f"Bỏ qua {len(names)} thư không có tệp đính kèm nào có thể là báo cáo, tiêu đề "
              "không nói đến báo cáo (không tải về; --again để xét lại): "
              + "; ".join(names[:10]) + (f" và {len(names) - 10} thư khác" if len(names) > 10
                                         else "") + ".")
    if not fetched.mails and not fetched.duplicates and not fetched.passed_over:
        print("Không có thư mới.")
        return 0
    results = mailbox.import_fetched(fetched, dry_run=args.dry_run, backup=True)
    for result in results:
        print(result.line(codes=True))
    if not results:
        return 0
    bad = [r for r in results if not r.ok]
    taken = sum(1 for r in results if r.received)
    summary = f"{len(results)} tệp: {taken} được nhận, {len(bad)} cần xem lại (bị từ chối hay " \
              "giữ lại)."
    if args.dry_run:
        summary += " (Chạy thử: chưa nhập gì, chưa ghi nhớ thư nào.)"
    print(summary)
    return 1 if bad else 0


class _Progress:
    """Where the fetch is, on stderr: a terminal gets one line rewritten; a file a line now
    and then."""

    def __init__(self):
        self.tty = sys.stderr.isatty()
        self.last = ""

    def __call__(self, done: int, total: int, sentence: str) -> None:
        if not sentence or sentence == self.last:
            return
        self.last = sentence
        if self.tty:
            print(f"\r\033[K{sentence[:150]}", end="", file=sys.stderr, flush=True)
        elif total == 0 or done % 50 == 0:
            print(sentence, file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.tty and self.last:
            print(file=sys.stderr, flush=True)


def cmd_mail_confirm(workspace, args) -> int:
    """A report held from a fetch, confirmed as a Word file given to `ttdn import` is."""
    if args.confirm_word is None:
        raise TTDNError("Lệnh này cần cli.py (không chạy riêng được).")
    row, data = workspace.mailbox.held_report(args.number)
    code = args.confirm_word(workspace, PurePosixPath(row["file_name"]), args, data)
    if code == 0 and not args.dry_run:
        workspace.mailbox.settle(row["file_name"])
    return code
