"""`ttdn demo`: sample agencies' packages to try the app with."""

from __future__ import annotations

from pathlib import Path

from ttdn_desktop.cli.arguments import PERIOD_HELP, period_type
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.settings import LETTERHEAD


def add_demo(commands) -> None:
    demo = commands.add_parser("demo", help="tạo gói báo cáo mẫu của các đơn vị để dùng thử")
    demo.add_argument("out_dir", metavar="THƯ_MỤC", type=Path, help="thư mục ghi các gói mẫu")
    demo.add_argument("--period", type=period_type, metavar="KỲ", default=Period(2021, "H1"),
                      help="kỳ của các gói mẫu (mặc định 2021-H1); " + PERIOD_HELP)
    demo.add_argument("--agencies", type=int, default=8, metavar="N", help="số đơn vị (mặc định 8)")
    demo.add_argument("--communes", action="store_true", help="chỉ các xã, phường (đơn vị "
                      "thành viên của tỉnh từ 01/7/2025)")
    demo.add_argument("--revision", type=int, default=1, metavar="LẦN",
                      help="lần gửi (2, 3…: các đơn vị gửi lại bản mới)")


def cmd_demo(workspace, args) -> int:
    from ttdn_desktop.demo import DEMO_LETTERHEAD, demo_agencies, demo_kind, write_demo_packages
    if not 1 <= args.agencies <= 500:
        raise TTDNError("Số đơn vị mẫu phải từ 1 đến 500.")
    added = 0
    if not 1 <= args.revision <= 99:
        raise TTDNError("Lần gửi mẫu phải từ 1 đến 99.")
    for order, (code, name) in enumerate(demo_agencies(args.agencies, args.communes), start=1):
        if not workspace.agencies.has(code):
            workspace.agencies.add(code, name, demo_kind(code), order, new_kind=True)
            added += 1
    # the demo's province (seed 001): set here for trying the app, never a default of the core
    filled = [key for key, value in DEMO_LETTERHEAD.items()
              if not getattr(workspace.setup.letterhead(), key)
              and workspace.setup.set_letterhead(key, value)]
    paths = write_demo_packages(workspace.form, args.out_dir, args.period, args.agencies,
                                workspace.periods.dates(args.period).deadline,
                                args.communes, args.revision)
    print(f"Đã ghi {len(paths)} gói báo cáo mẫu {args.period.label} vào {args.out_dir}; "
          f"thêm {added} đơn vị vào danh sách thành viên.")
    if filled:  # said, so demo data is never mistaken for one's own settings
        print("Đã điền thiết lập mẫu (tỉnh Quảng Ninh) vào các mục còn trống: " +
              ", ".join(f"«{LETTERHEAD[key].label}»" for key in filled) + ".")
    return 0
