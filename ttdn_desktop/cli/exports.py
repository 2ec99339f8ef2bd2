"""`ttdn export`, `form`, `package`, `request`: files written out for reading, filling in or
sending."""

from __future__ import annotations

import sys
from pathlib import Path

from ttdn_desktop.cli.arguments import PERIOD_HELP, date_type, period_type
from ttdn_desktop.core.docformat import layout_problems, missing_fields, missing_signer
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.merge import MISSING
from ttdn_desktop.core.periods import format_date
from ttdn_desktop.core.settings import LETTERHEAD
from ttdn_desktop.util.files import write_bytes_atomic


def add_export(commands) -> None:
    export = commands.add_parser("export", help="xuất báo cáo Word hoặc biểu số liệu Excel")
    export.add_argument("format", choices=["docx", "xlsx"], metavar="docx|xlsx",
                        help="docx: báo cáo Word; xlsx: biểu số liệu Excel")
    export.add_argument("--period", type=period_type, metavar="KỲ", required=True, help=PERIOD_HELP)
    export.add_argument("--out", type=Path, required=True, metavar="TỆP", help="tệp ghi ra")
    export.add_argument("--agency", metavar="MÃ", help="mã đơn vị: báo cáo của riêng đơn vị đó")
    export.add_argument("--allow-invalid", action="store_true",
                        help="vẫn xuất khi có số liệu gõ sai (không phải là số): bỏ các số đó ra")


def add_request(commands) -> None:
    request = commands.add_parser("request", help="gói đề nghị báo cáo gửi các đơn vị (kỳ, ngày "
                                  "chốt số liệu, hạn gửi, mẫu báo cáo)")
    request.add_argument("--period", type=period_type, metavar="KỲ", required=True, help=PERIOD_HELP)
    request.add_argument("--out", type=Path, required=True, metavar="TỆP", help="tệp ghi ra")
    request.add_argument("--agency", metavar="MÃ", help="chỉ gửi một đơn vị (mặc định: tất cả)")
    request.add_argument("--deadline", type=date_type, metavar="NGÀY", help="hạn gửi (YYYY-MM-DD); lưu làm hạn gửi "
                         "của kỳ")


def add_form(commands) -> None:
    form = commands.add_parser("form", help="mẫu Excel cho đơn vị không dùng ứng dụng "
                               "(điền rồi gửi lại, nhập bằng «ttdn import»)")
    form.add_argument("format", choices=["xlsx"], metavar="xlsx", help="mẫu Excel (.xlsx)")
    form.add_argument("--period", type=period_type, metavar="KỲ", required=True, help=PERIOD_HELP)
    form.add_argument("--agency", required=True, metavar="MÃ", help="mã đơn vị")
    form.add_argument("--out", type=Path, required=True, metavar="TỆP", help="tệp ghi ra")
    form.add_argument("--allow-invalid", action="store_true",
                      help="vẫn xuất khi có số liệu gõ sai (không phải là số): bỏ các số đó ra")


def add_package(commands) -> None:
    package = commands.add_parser("package", help="xuất gói báo cáo hiện hành của một đơn vị")
    package.add_argument("--period", type=period_type, metavar="KỲ", required=True, help=PERIOD_HELP)
    package.add_argument("--agency", required=True, metavar="MÃ", help="mã đơn vị")
    package.add_argument("--out", type=Path, required=True, metavar="TỆP", help="tệp ghi ra")
    package.add_argument("--allow-invalid", action="store_true",
                         help="vẫn xuất khi có số liệu gõ sai (không phải là số): bỏ các số đó ra")


def _refuse_invalid(workspace, args, agency_code: str | None) -> None:
    """Figures typed that are not numbers never leave the database: the export stops and names
    them, or with --allow-invalid goes on without them and says so."""
    lines = workspace.reports.invalid_cells(args.period, agency_code)
    if not lines:
        return
    listed = "\n".join(f"  ✗ {line}" for line in lines)
    if not args.allow_invalid:
        raise TTDNError(f"Chưa xuất: {len(lines)} ô số liệu gõ sai (không phải là số hợp lệ):\n"
                        f"{listed}\nSửa các ô đó trong ứng dụng, hoặc chạy lại với "
                        "--allow-invalid để xuất mà không có các số đó.")
    print(f"Lưu ý: {len(lines)} ô số liệu gõ sai được bỏ ra, không có trong tệp xuất:\n{listed}",
          file=sys.stderr)


def cmd_export(workspace, args) -> int:
    _refuse_invalid(workspace, args, args.agency)
    if args.format == "docx":
        consolidation = workspace.files.report_docx(args.period, args.out, args.agency)
        letterhead = workspace.setup.letterhead(args.agency)
        where = f" --agency {args.agency}" if args.agency else ""
        if missing_signer(letterhead):
            print(f"Lưu ý: chưa có người ký; dòng chức vụ và họ tên để trống trên bản in. Đặt "
                  f"bằng: ttdn settings{where} set signer_name \"Họ và tên\" (và signer_title).",
                  file=sys.stderr)
        for key in missing_fields(letterhead):
            print(f"Lưu ý: chưa có «{LETTERHEAD[key].label}»; chỗ đó để trống trên bản in. Đặt "
                  f"bằng: ttdn settings{where} set {key} \"…\".", file=sys.stderr)
        for problem in layout_problems(letterhead):
            print(f"Lưu ý: {problem}", file=sys.stderr)
    else:
        consolidation = workspace.files.stats_xlsx(args.period, args.out, args.agency)
    reported = sum(1 for s in consolidation.statuses if s.state != MISSING)
    print(f"Đã ghi {args.out} ({reported}/{len(consolidation.statuses)} đơn vị có báo cáo).")
    return 0


def cmd_request(workspace, args) -> int:
    data = workspace.files.request_bytes(args.period, args.agency, args.deadline)
    write_bytes_atomic(args.out, data)
    dates = workspace.periods.dates(args.period)
    who = workspace.agencies.get(args.agency)["name"] if args.agency else "tất cả đơn vị"
    print(f"Đã ghi {args.out}: đề nghị {who} báo cáo {args.period.phrase}, số liệu từ "
          f"{format_date(dates.data_from)} đến {format_date(dates.data_to)}, hạn gửi "
          f"{format_date(dates.deadline)}, mẫu {workspace.form.id} phiên bản "
          f"{workspace.form.version}.")
    return 0


def cmd_form(workspace, args) -> int:
    _refuse_invalid(workspace, args, args.agency)
    revision = workspace.files.form_xlsx(args.agency, args.period, args.out)
    print(f"Đã ghi {args.out} (mẫu Excel, lần gửi {revision}); đơn vị điền vào các ô màu vàng "
          "rồi gửi lại, nhập bằng «ttdn import».")
    return 0


def cmd_package(workspace, args) -> int:
    _refuse_invalid(workspace, args, args.agency)
    revision = workspace.files.write_package(args.agency, args.period, args.out)
    print(f"Đã ghi {args.out} (lần gửi {revision}).")
    return 0
