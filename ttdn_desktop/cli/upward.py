"""`ttdn upward`: the consolidated report sent to the level above, and its request passed on."""

from __future__ import annotations

from pathlib import Path

from ttdn_desktop.cli.arguments import PERIOD_HELP, Parser, date_type, period_type
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.periods import format_date, parse_time
from ttdn_desktop.core.upward import CHANGED_LABEL
from ttdn_desktop.util.files import write_bytes_atomic


CURRENT_LABEL = "bản gửi lên vẫn là bản hiện hành"


def headline(status) -> str:
    """A period's UpwardStatus in a line: when it was sent upward, and whether that still holds."""
    label = status.period.label
    if status.sent is None:
        return f"{label}: chưa gửi lên cấp trên."
    sent_at = parse_time(status.sent.sent_at)
    when = sent_at.strftime("%H:%M %d/%m/%Y") if sent_at else status.sent.sent_at
    head = (f"{label}: đã gửi lên cấp trên lần {status.sent.revision} lúc {when} "
            f"({len(status.sent.sources)} báo cáo đơn vị)")
    return f"{head}; «{CHANGED_LABEL}»" if status.stale else f"{head}; {CURRENT_LABEL}."


def add_upward(commands) -> None:
    upward = commands.add_parser("upward", help="gửi báo cáo tổng hợp lên cấp trên; xem bản "
                                 "đã gửi còn hiện hành không; chuyển đề nghị của cấp trên xuống")
    upward_commands = upward.add_subparsers(dest="action", metavar="VIỆC", parser_class=Parser,
                                            required=True)
    identity = upward_commands.add_parser("identity", help="xem hoặc đặt mã, tên của Ban Chỉ "
                                          "đạo trong danh sách thành viên của cấp trên")
    identity.add_argument("--code", metavar="MÃ", help="mã (như cấp trên đặt, ví dụ QNINH)")
    identity.add_argument("--name", metavar="TÊN", help="tên (ví dụ «Tỉnh Quảng Ninh»)")
    up_export = upward_commands.add_parser("export", help="ghi gói báo cáo tổng hợp của kỳ để "
                                           "gửi cấp trên")
    up_export.add_argument("--period", type=period_type, metavar="KỲ", required=True, help=PERIOD_HELP)
    up_export.add_argument("--out", type=Path, required=True, metavar="TỆP", help="tệp ghi ra")
    up_status = upward_commands.add_parser("status", help="bản đã gửi lên còn hiện hành không, "
                                           "và điều gì đã thay đổi sau khi gửi")
    up_status.add_argument("--period", type=period_type, metavar="KỲ", required=True, help=PERIOD_HELP)
    forward = upward_commands.add_parser("forward", help="chuyển đề nghị báo cáo của cấp trên "
                                         "cho các đơn vị thành viên, với hạn gửi riêng (sớm hơn)")
    forward.add_argument("--period", type=period_type, metavar="KỲ", required=True, help=PERIOD_HELP)
    forward.add_argument("--deadline", type=date_type, metavar="NGÀY", required=True,
                         help="hạn gửi cho các đơn vị (phải trước hạn gửi lên cấp trên)")
    forward.add_argument("--out", type=Path, required=True, metavar="TỆP", help="tệp ghi ra")
    forward.add_argument("--agency", metavar="MÃ", help="chỉ gửi một đơn vị (mặc định: tất cả)")


def cmd_upward(workspace, args) -> int:
    if args.action == "identity":
        if args.code or args.name:
            if not (args.code and args.name):
                raise TTDNError("Hãy cho cả --code và --name.")
            code, name = workspace.upward.set_identity(args.code, args.name)
            print(f"Mã và tên ở cấp trên: {code}\t{name}")
            return 0
        identity = workspace.upward.identity()
        print(f"{identity[0]}\t{identity[1]}" if identity else
              "Chưa đặt: ttdn upward identity --code MÃ --name TÊN")
        return 0
    if args.action == "export":
        return _upward_export(workspace, args)
    if args.action == "status":
        status = workspace.upward.status(args.period)
        print(headline(status) + (":" if status.stale else ""))
        for change in status.changes:
            print(f"  - {change.text}")
        return 0
    data = workspace.files.forward_request_bytes(args.period, args.deadline, args.agency)
    write_bytes_atomic(args.out, data)
    request = workspace.upward.request(args.period)
    who = workspace.agencies.get(args.agency)["name"] if args.agency else "tất cả đơn vị thành viên"
    print(f"Đã ghi {args.out}: chuyển đề nghị của cấp trên cho {who}, hạn gửi "
          f"{format_date(args.deadline)} (hạn gửi lên cấp trên {format_date(request.deadline)}), "
          f"mẫu {request.form_id} phiên bản {request.form_version}.")
    return 0


def _upward_export(workspace, args) -> int:
    status = workspace.merge.consolidation(args.period)
    revision, report = workspace.files.upward_package(args.period, args.out)
    form, asked = workspace.upward.form(args.period)
    code, name = workspace.upward.identity(args.period)
    source = "theo đề nghị của cấp trên" if asked else \
        "mẫu mới nhất trong máy: chưa nhận đề nghị của cấp trên"
    print(f"Đã ghi {args.out}: báo cáo {args.period.phrase} gửi cấp trên, lần {revision}, "
          f"đơn vị {code} — {name}, mẫu {form.id} phiên bản {form.version} ({source}); "
          f"tổng hợp từ {len(report.sources)} báo cáo ({status.reported}/"
          f"{len(status.statuses)} đơn vị đã nộp).")
    for dropped in report.dropped:
        print(f"  cảnh báo: mẫu của cấp trên không có {dropped}: không gửi phần này")
    return 0
