"""`ttdn mail send`, `ttdn mail outbox`, `ttdn mail remind`, `ttdn mail address`: mail out.

The agency's report (or, `--upward`, the committee's report to the level above) is put in the
outbox with its revision sealed, then handed to the mail server; without a network it waits
there and `ttdn mail outbox send` (or the window, by itself) tries again. The secretariat's
reminders are shown unless `--send` is given. Registered in the `ttdn mail` group that
cli.mail_fetch.mail_group makes."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from ttdn_desktop.cli.mail_fetch import mail_group
from ttdn_desktop.cli.arguments import PERIOD_HELP, period_type
from ttdn_desktop.core.periods import format_date, format_stamp


def _server_options(parser) -> None:
    parser.add_argument("--server", metavar="MÁY", help="máy chủ gửi thư (SMTP), như "
                        "mail.tinh.gov.vn; nhớ cho lần sau")
    parser.add_argument("--port", type=int, metavar="CỔNG", help="587 (STARTTLS, mặc định) hoặc "
                        "465 (TLS)")
    parser.add_argument("--user", metavar="TÊN", help="tài khoản đăng nhập máy chủ thư")
    parser.add_argument("--from", dest="sender", metavar="ĐỊA_CHỈ", help="địa chỉ người gửi "
                        "(mặc định: tài khoản, nếu là một địa chỉ thư)")
    parser.add_argument("--cafile", type=Path, metavar="PEM", help="chứng chỉ của cơ quan cấp "
                        "chứng chỉ riêng của cơ quan (tệp PEM)")
    parser.add_argument("--tls", action="store_true", default=None, help="TLS ngay từ đầu (như "
                        "cổng 465) ở một cổng khác")


def add_parsers(commands) -> None:
    mail = mail_group(commands)
    send = mail.add_parser("send", help="gửi gói báo cáo của đơn vị qua thư đến cơ quan thường "
                           "trực (hay --upward: báo cáo tổng hợp lên cấp trên)")
    send.add_argument("--period", type=period_type, required=True, metavar="KỲ", help=PERIOD_HELP)
    send.add_argument("--to", metavar="ĐỊA_CHỈ", help="địa chỉ nhận (mặc định: địa chỉ trong gói "
                      "đề nghị đã ký, hay lần trước); nhớ cho lần sau")
    send.add_argument("--with-word", action="store_true", help="gửi kèm bản Word của báo cáo")
    send.add_argument("--upward", action="store_true", help="báo cáo tổng hợp gửi lên cấp trên")
    send.add_argument("--queue-only", action="store_true", help="chỉ đưa vào hộp thư đi, chưa "
                      "gửi")
    _server_options(send)
    send.set_defaults(run=cmd_mail_send)

    outbox = mail.add_parser("outbox", help="hộp thư đi: thư đang chờ gửi (và «send»: gửi lại)")
    outbox.add_argument("action", nargs="?", choices=["send"], metavar="send",
                        help="gửi lại mọi thư đang chờ")
    outbox.add_argument("--sent", action="store_true", help="cả các thư đã gửi gần đây")
    outbox.set_defaults(run=cmd_mail_outbox)

    remind = mail.add_parser("remind", help="nhắc các đơn vị chưa nộp, nộp muộn hay cần bổ sung "
                             "(mặc định chỉ liệt kê; --send để gửi)")
    remind.add_argument("--period", type=period_type, required=True, metavar="KỲ", help=PERIOD_HELP)
    remind.add_argument("--agency", action="append", metavar="MÃ", help="chỉ nhắc đơn vị này "
                        "(lặp lại được)")
    remind.add_argument("--send", action="store_true", help="gửi thư nhắc (không có: chỉ xem)")
    _server_options(remind)
    remind.set_defaults(run=cmd_mail_remind)

    address = mail.add_parser("address", help="địa chỉ thư của cơ quan thường trực (ghi trong "
                              "gói đề nghị; ở đơn vị: nơi nhận báo cáo), hay --upward: của cấp "
                              "trên")
    address.add_argument("email", nargs="?", metavar="ĐỊA_CHỈ", help="bỏ trống để xem")
    address.add_argument("--upward", action="store_true", help="địa chỉ nhận báo cáo của cấp "
                         "trên (báo cáo tổng hợp)")
    address.set_defaults(run=cmd_mail_address)


def _ask(account: str) -> str | None:
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(f"Mật khẩu của {account}: ") or None


def _remember(workspace, args) -> None:
    given = {"host": args.server, "port": args.port, "user": args.user,
             "sender": args.sender, "cafile": str(args.cafile) if args.cafile else None,
             "implicit": args.tls}
    if any(value is not None for value in given.values()):
        workspace.outbox.remember_server(**given)


def _send_waiting(workspace) -> int:
    """Try the outbox; a line per mail; 0 when nothing is left waiting."""
    outcomes = workspace.outbox.send_waiting(ask=_ask)
    for outcome in outcomes:
        mail = outcome.mail
        if outcome.sent:
            print(f"Đã gửi: {mail.subject} → {mail.recipient}")
        else:
            print(f"Chưa gửi: {mail.subject} → {mail.recipient}\n    {outcome.error}",
                  file=sys.stderr)
    left = workspace.outbox.waiting()
    if left:
        print(f"Hộp thư đi còn {len(left)} thư chờ gửi (ttdn mail outbox send để gửi lại).",
              file=sys.stderr)
    return 1 if left else 0


def cmd_mail_send(workspace, args) -> int:
    _remember(workspace, args)
    mail, replaced = workspace.outbox.queue_report(args.period, args.to, args.with_word,
                                                   args.upward)
    print(f"Đã đưa vào hộp thư đi: {mail.subject} → {mail.recipient} (SHA-256 của gói "
          f"{mail.sha256[:16]}…)")
    for old in replaced:
        print(f"    thay thư chưa gửi của lần gửi {old.revision} (đưa vào lúc "
              f"{format_stamp(old.queued_at)})")
    if args.queue_only:
        return 0
    return _send_waiting(workspace)


def cmd_mail_outbox(workspace, args) -> int:
    if args.action == "send":
        if not workspace.outbox.waiting():
            print("Hộp thư đi trống: không có thư nào chờ gửi.")
            return 0
        return _send_waiting(workspace)
    waiting = workspace.outbox.waiting()
    print("Số\tĐưa vào\tNgười nhận\tTiêu đề\tLần thử\tTình trạng")
    for mail in waiting:
        state = ("dừng, chờ người dùng: " if mail.stopped else "chờ gửi") + \
            (f" — {mail.error}" if mail.error and not mail.stopped else mail.error)
        print(f"{mail.id}\t{format_stamp(mail.queued_at)}\t{mail.recipient}\t{mail.subject}\t"
              f"{mail.attempts}\t{state}")
    if args.sent:
        for mail in workspace.outbox.sent():
            print(f"{mail.id}\t{format_stamp(mail.queued_at)}\t{mail.recipient}\t{mail.subject}\t"
                  f"{mail.attempts}\tđã gửi {format_stamp(mail.sent_at)}")
    if not waiting:
        print("Hộp thư đi trống: không có thư nào chờ gửi.")
    return 0


def cmd_mail_remind(workspace, args) -> int:
    _remember(workspace, args)
    outbox = workspace.outbox
    chosen = [r for r in outbox.reminder_list(args.period)
              if not args.agency or r.code in {a.upper() for a in args.agency}]
    dates = workspace.periods.dates(args.period)
    print(f"{args.period.label}, hạn gửi {format_date(dates.deadline)}: {len(chosen)} đơn vị "
          "cần nhắc.")
    print("Mã\tĐơn vị\tTình trạng\tĐịa chỉ thư\tNhắc lần trước")
    for reminder in chosen:
        print(f"{reminder.code}\t{reminder.name}\t{reminder.reason}\t"
              f"{reminder.email or '(chưa có địa chỉ thư: không nhắc được)'}\t"
              f"{format_stamp(reminder.last_reminded)}")
    if not args.send:
        print("Chưa gửi thư nào: thêm --send để gửi các thư nhắc trên.")
        return 0
    codes = [r.code for r in chosen if r.email]
    if not codes:
        print("Không có đơn vị nào có địa chỉ thư để nhắc.", file=sys.stderr)
        return 1
    queued = outbox.queue_reminders(args.period, codes)
    print(f"Đã đưa {len(queued)} thư nhắc vào hộp thư đi; đang gửi (cách nhau vài giây).")
    return _send_waiting(workspace)


def cmd_mail_address(workspace, args) -> int:
    whose = "cấp trên" if args.upward else "cơ quan thường trực"
    if args.email is not None:
        workspace.outbox.set_recipient(args.email, args.upward)
    print(f"Địa chỉ thư của {whose}: {workspace.outbox.recipient(args.upward) or '(chưa có)'}")
    return 0
