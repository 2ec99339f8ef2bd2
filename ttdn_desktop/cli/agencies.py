"""`ttdn agencies`: the member agencies and their kinds."""

from __future__ import annotations

from ttdn_desktop.cli.arguments import CODE_HELP, Parser


def add_agencies(commands) -> None:
    agencies = commands.add_parser("agencies", help="danh sách đơn vị thành viên")
    agency_commands = agencies.add_subparsers(dest="action", metavar="VIỆC", parser_class=Parser)
    add = agency_commands.add_parser("add", help="thêm đơn vị")
    add.add_argument("code", metavar="MÃ", help=CODE_HELP)
    add.add_argument("name", metavar="TÊN", help="tên đầy đủ của đơn vị")
    add.add_argument("--kind", default="", metavar="LOẠI", help="loại đơn vị, một loại trong «ttdn agencies "
                     "kinds» (ví dụ «Sở, ban, ngành»)")
    add.add_argument("--order", type=int, metavar="SỐ", help="thứ tự trong danh sách")
    add.add_argument("--email", default="", metavar="ĐỊA_CHỈ", help="địa chỉ thư điện tử của đơn vị")
    set_email = agency_commands.add_parser("email", help="đặt địa chỉ thư của đơn vị (\"\" để bỏ)")
    set_email.add_argument("code", metavar="MÃ", help=CODE_HELP)
    set_email.add_argument("email", metavar="ĐỊA_CHỈ", help="như vanthu@sngv.quangninh.gov.vn")
    set_kind = agency_commands.add_parser("kind", help="đặt loại của đơn vị (\"\" để bỏ trống)")
    set_kind.add_argument("code", metavar="MÃ", help=CODE_HELP)
    set_kind.add_argument("kind", metavar="LOẠI", help="một loại trong «ttdn agencies kinds»")
    kinds = agency_commands.add_parser("kinds", help="danh sách loại đơn vị và các đơn vị "
                                       "mỗi loại; thêm, đổi tên, bỏ loại")
    kind_commands = kinds.add_subparsers(dest="kind_action", metavar="VIỆC",
                                         parser_class=Parser)
    kind_commands.add_parser("add", help="thêm loại").add_argument(
        "name", metavar="TÊN", help="tên loại, ví dụ «Xã, phường, đặc khu»")
    kind_rename = kind_commands.add_parser("rename", help="đổi tên loại (các đơn vị thuộc "
                                           "loại đó theo tên mới)")
    kind_rename.add_argument("old", metavar="TÊN_CŨ", help="tên loại đang có")
    kind_rename.add_argument("new", metavar="TÊN_MỚI", help="tên mới của loại")
    kind_commands.add_parser("remove", help="bỏ một loại không còn đơn vị nào").add_argument(
        "name", metavar="TÊN", help="tên loại")
    rename = agency_commands.add_parser("rename", help="đổi tên đơn vị")
    rename.add_argument("code", metavar="MÃ", help=CODE_HELP)
    rename.add_argument("name", metavar="TÊN", help="tên mới (tên cũ được giữ trong lịch sử)")
    retire = agency_commands.add_parser("retire", help="cho đơn vị thôi là thành viên "
                                        "(giữ nguyên lịch sử báo cáo)")
    retire.add_argument("code", metavar="MÃ", help=CODE_HELP)


def cmd_agencies(workspace, args) -> int:
    if args.action == "add":
        agency, released = workspace.agencies.add(args.code, args.name, args.kind, args.order,
                                                email=args.email)
        print(f"Đã thêm {agency['code']}\t{agency['name']}\t{agency['email']}".rstrip())
        for result in released:
            print(f"  gói đang chờ: {result.line(codes=True)}")
        return 0
    if args.action == "rename":
        agency = workspace.agencies.update(args.code, name=args.name)
        print(f"Đã đổi tên {agency['code']}\t{agency['name']}")
        return 0
    if args.action == "retire":
        agency = workspace.agencies.update(args.code, retired=True)
        print(f"{agency['code']}\t{agency['name']}: đã thôi là thành viên (lịch sử giữ nguyên)")
        return 0
    if args.action == "kind":
        agency = workspace.agencies.update(args.code, kind=args.kind)
        print(f"{agency['code']}\t{agency['name']}\t{agency['kind'] or '(chưa có loại)'}")
        return 0
    if args.action == "email":
        agency = workspace.agencies.update(args.code, email=args.email)
        print(f"{agency['code']}\t{agency['name']}\t{agency['email'] or '(chưa có địa chỉ thư)'}")
        return 0
    if args.action == "kinds":
        return _agency_kinds(workspace, args)
    for agency in workspace.agencies.all():
        retired = "\t(đã thôi)" if agency["retired"] else ""
        print(f"{agency['code']}\t{agency['name']}{retired}")
    return 0


def _agency_kinds(workspace, args) -> int:
    if args.kind_action == "add":
        print(f"Đã thêm loại «{workspace.agencies.add_kind(args.name)}».")
        return 0
    if args.kind_action == "rename":
        print(f"Đã đổi tên loại thành «{workspace.agencies.rename_kind(args.old, args.new)}».")
        return 0
    if args.kind_action == "remove":
        workspace.agencies.remove_kind(args.name)
        print(f"Đã bỏ loại «{args.name}».")
        return 0
    members: dict[str, list[str]] = {}
    for agency in workspace.agencies.all():
        members.setdefault(agency["kind"], []).append(agency["code"])
    for kind in workspace.agencies.kinds() + ([""] if "" in members else []):
        codes = members.get(kind, [])
        print(f"{kind or '(chưa có loại)'}\t{len(codes)} đơn vị\t{', '.join(codes)}".rstrip())
    return 0
