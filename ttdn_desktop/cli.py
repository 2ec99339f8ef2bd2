"""The `ttdn` command line: the same operations as the app, over the same workspace.

Exit status: 0 done; 1 done with problems (a file rejected or in conflict) or an error;
2 a wrong command line; 141 (128 + SIGPIPE) the reader of its output went away (`| head -1`).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path, PurePath, PurePosixPath

from ttdn_desktop import APP_NAME, __version__, cli_draft
from ttdn_desktop.core import filekinds
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.merge import MISSING, UNDATED
from ttdn_desktop.core.settings import LETTERHEAD
from ttdn_desktop.core.periods import Period, format_date, parse_date

# argparse speaks English; its few messages a user meets are said again in Vietnamese.
_ARGPARSE_MESSAGES = [
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (r"unrecognized arguments: (.*)", r"tham số không nhận ra: \1"),
    (r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)",
     r"\1: «\2» không có; chọn một trong: \3"),
    (r"argument (\S+): expected one argument", r"\1 cần một giá trị"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"\1: giá trị \3 không hợp lệ"),
]


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "tham số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")

    def format_usage(self):
        return super().format_usage().replace("usage:", "cách dùng:", 1)

    def format_help(self):
        return super().format_help().replace("usage:", "cách dùng:", 1)

    def error(self, message):
        for pattern, replacement in _ARGPARSE_MESSAGES:
            message = re.sub(pattern, replacement, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"ttdn: lỗi dòng lệnh: {message}\n")


CODE_HELP = "mã đơn vị, như trong «ttdn agencies»"
PERIOD_HELP = ("kỳ báo cáo: 2021-Q1 … 2021-Q4 (quý), 2021-H1 (6 tháng đầu năm), 2021-H2 (6 tháng "
               "cuối năm), 2021-9M (9 tháng), 2021-Y (năm)")


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except TTDNError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def _date(text: str):
    try:
        return parse_date(text)
    except TTDNError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ttdn", description=f"{APP_NAME} {__version__}: soạn và tổng hợp báo "
                     "cáo công tác thông tin đối ngoại. Không có lệnh: mở ứng dụng.")
    parser.add_argument("--db", metavar="PATH", help="tệp cơ sở dữ liệu (mặc định: biến TTDN_DB "
                        "hoặc thư mục dữ liệu của người dùng)")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                        help="hiện số phiên bản")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)

    gui = commands.add_parser("gui", help="mở ứng dụng")
    gui.add_argument("--smoke", action="store_true",
                     help="mở, vẽ cửa sổ chính rồi thoát (kiểm tra cài đặt)")

    agencies = commands.add_parser("agencies", help="danh sách đơn vị thành viên")
    agency_commands = agencies.add_subparsers(dest="action", metavar="VIỆC", parser_class=_Parser)
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
                                         parser_class=_Parser)
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

    periods = commands.add_parser("period", help="xem hoặc đặt ngày chốt số liệu, hạn gửi của kỳ")
    periods.add_argument("period", metavar="KỲ", type=_period, help=PERIOD_HELP)
    periods.add_argument("--from", dest="data_from", type=_date, metavar="NGÀY", help="chốt số liệu từ ngày")
    periods.add_argument("--to", dest="data_to", type=_date, metavar="NGÀY", help="chốt số liệu đến ngày")
    periods.add_argument("--deadline", type=_date, metavar="NGÀY", help="hạn gửi báo cáo")

    demo = commands.add_parser("demo", help="tạo gói báo cáo mẫu của các đơn vị để dùng thử")
    demo.add_argument("out_dir", metavar="THƯ_MỤC", type=Path, help="thư mục ghi các gói mẫu")
    demo.add_argument("--period", type=_period, metavar="KỲ", default=Period(2021, "H1"),
                      help="kỳ của các gói mẫu (mặc định 2021-H1); " + PERIOD_HELP)
    demo.add_argument("--agencies", type=int, default=8, metavar="N", help="số đơn vị (mặc định 8)")
    demo.add_argument("--communes", action="store_true", help="chỉ các xã, phường (đơn vị "
                      "thành viên của tỉnh từ 01/7/2025)")
    demo.add_argument("--revision", type=int, default=1, metavar="LẦN",
                      help="lần gửi (2, 3…: các đơn vị gửi lại bản mới)")

    what = (f"nhập {filekinds.listed('hay')} (gói báo cáo hay gói đề nghị, mẫu đã điền, thư "
            "và tệp nén chứa chúng), hoặc thư mục chứa chúng")
    imp = commands.add_parser("import", help=what, description=what)
    imp.add_argument("files", nargs="+", metavar="TỆP", type=Path,
                     help="các tệp hay thư mục cần nhập")
    imp.add_argument("--dry-run", action="store_true", help="chỉ cho biết sẽ xảy ra gì, không nhập")
    imp.add_argument("--agency", metavar="MÃ", help="báo cáo (Word, PDF, RTF…): mã đơn vị (mặc định: đoán từ tiêu đề văn bản)")
    imp.add_argument("--period", type=_period, metavar="KỲ", help="báo cáo (Word, PDF, RTF…): kỳ báo cáo (mặc định: đoán từ "
                     "trích yếu)")
    imp.add_argument("--accept-figures", action="store_true",
                     help="báo cáo (Word, PDF, RTF…) hay bảng số liệu Excel của đơn vị: nhận các số liệu "
                          "tìm thấy (liệt kê những gì đã nhận)")
    imp.add_argument("--accept-placement", action="store_true",
                     help="báo cáo (Word, PDF, RTF…): xếp các đề mục cần xác nhận (khớp chưa chắc chắn, hay "
                          "gộp nhiều mục của mẫu) theo cách đã đề xuất")
    imp.add_argument("--accept-form", action="store_true",
                     help="gói đề nghị mang mẫu báo cáo mới mà không ký bằng khóa đã ghi nhận "
                          "của nơi gửi: cài mẫu đó cho cơ sở dữ liệu này (sau khi đã gọi điện "
                          "đối chiếu dãy số khóa)")
    imp.add_argument("--allow-shorter", action="store_true",
                     help="báo cáo (Word, PDF, RTF…): vẫn nhập khi bản này làm trống hoặc ngắn đi mục nào "
                          "đó, hoặc bớt số liệu, so với báo cáo hiện hành của đơn vị")
    imp.add_argument("--replace-signed", action="store_true",
                     help="báo cáo Word (hay tệp khác không có chữ ký): vẫn nhập khi nó thay "
                          "báo cáo hiện hành có chữ ký của đơn vị (sau khi đã gọi điện để đơn "
                          "vị xác nhận gửi bản này)")

    status = commands.add_parser("status", help="tình hình nộp báo cáo của các đơn vị trong kỳ")
    status.add_argument("--period", type=_period, metavar="KỲ", required=True, help=PERIOD_HELP)

    held = commands.add_parser("held", help="các gói đang được giữ lại (xung đột, đơn vị lạ, "
                               "chữ ký)")
    held.add_argument("--period", type=_period, metavar="KỲ", help=PERIOD_HELP)
    held.add_argument("--accept", type=int, metavar="SỐ", help="nhận gói số SỐ đang bị giữ vì "
                      "chữ ký (không có chữ ký hoặc ký bằng khóa lạ) sau khi đã gọi điện kiểm tra "
                      "với đơn vị gửi; không ghi nhận khóa nào")

    keys = commands.add_parser("keys", help="khóa ký: khóa của máy này, khóa đã ghi nhận của các "
                               "đơn vị (không có VIỆC: xem tất cả)")
    key_commands = keys.add_subparsers(dest="action", metavar="VIỆC", parser_class=_Parser)
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

    export = commands.add_parser("export", help="xuất báo cáo Word hoặc biểu số liệu Excel")
    export.add_argument("format", choices=["docx", "xlsx"], metavar="docx|xlsx",
                        help="docx: báo cáo Word; xlsx: biểu số liệu Excel")
    export.add_argument("--period", type=_period, metavar="KỲ", required=True, help=PERIOD_HELP)
    export.add_argument("--out", type=Path, required=True, metavar="TỆP", help="tệp ghi ra")
    export.add_argument("--agency", metavar="MÃ", help="mã đơn vị: báo cáo của riêng đơn vị đó")
    export.add_argument("--allow-invalid", action="store_true",
                        help="vẫn xuất khi có số liệu gõ sai (không phải là số): bỏ các số đó ra")

    request = commands.add_parser("request", help="gói đề nghị báo cáo gửi các đơn vị (kỳ, ngày "
                                  "chốt số liệu, hạn gửi, mẫu báo cáo)")
    request.add_argument("--period", type=_period, metavar="KỲ", required=True, help=PERIOD_HELP)
    request.add_argument("--out", type=Path, required=True, metavar="TỆP", help="tệp ghi ra")
    request.add_argument("--agency", metavar="MÃ", help="chỉ gửi một đơn vị (mặc định: tất cả)")
    request.add_argument("--deadline", type=_date, metavar="NGÀY", help="hạn gửi (YYYY-MM-DD); lưu làm hạn gửi "
                         "của kỳ")

    search = commands.add_parser("search", help="tìm trong mọi báo cáo (gõ không dấu: tìm cả chữ có dấu; gõ có dấu: đúng dấu)")
    search.add_argument("text", metavar="CHỮ_CẦN_TÌM", help="một hay vài từ, có dấu hoặc không")
    search.add_argument("--period", type=_period, metavar="KỲ", help=PERIOD_HELP)

    review = commands.add_parser("review", help="duyệt báo cáo của một đơn vị")
    review.add_argument("--period", type=_period, metavar="KỲ", required=True, help=PERIOD_HELP)
    review.add_argument("--agency", required=True, metavar="MÃ", help="mã đơn vị")
    decision = review.add_mutually_exclusive_group(required=True)
    decision.add_argument("--accept", action="store_true", help="chấp nhận")
    decision.add_argument("--needs-changes", metavar="GHI_CHÚ", help="cần bổ sung, kèm ghi chú")

    form = commands.add_parser("form", help="mẫu Excel cho đơn vị không dùng ứng dụng "
                               "(điền rồi gửi lại, nhập bằng «ttdn import»)")
    form.add_argument("format", choices=["xlsx"], metavar="xlsx", help="mẫu Excel (.xlsx)")
    form.add_argument("--period", type=_period, metavar="KỲ", required=True, help=PERIOD_HELP)
    form.add_argument("--agency", required=True, metavar="MÃ", help="mã đơn vị")
    form.add_argument("--out", type=Path, required=True, metavar="TỆP", help="tệp ghi ra")
    form.add_argument("--allow-invalid", action="store_true",
                      help="vẫn xuất khi có số liệu gõ sai (không phải là số): bỏ các số đó ra")

    forms = commands.add_parser("forms", help="các mẫu báo cáo cơ sở dữ liệu này dùng; thêm "
                                "mẫu riêng của tỉnh (chỉ cho cơ sở dữ liệu này)")
    forms.add_argument("--add", type=Path, metavar="TỆP", help="tệp định nghĩa mẫu (.toml) cần "
                       "thêm vào cơ sở dữ liệu này")

    settings = commands.add_parser("settings", help="thể thức và thông tin ban hành báo cáo "
                                   "(tiêu đề, số, ký hiệu, người ký, nơi nhận…)")
    settings.add_argument("--agency", metavar="MÃ", help="thiết lập riêng cho báo cáo của một đơn vị thành viên")
    settings_commands = settings.add_subparsers(dest="action", metavar="VIỆC",
                                                parser_class=_Parser)
    set_one = settings_commands.add_parser("set", help="đặt một thiết lập")
    set_one.add_argument("key", metavar="KHÓA", help="một trong: " + ", ".join(LETTERHEAD)
                         + " (ý nghĩa: «ttdn settings»)")
    set_one.add_argument("value", metavar="GIÁ_TRỊ", help="giá trị mới (\"\" để bỏ trống)")
    set_one.add_argument("--agency", dest="set_agency", help=argparse.SUPPRESS)

    restore = commands.add_parser("restore", help="xem các bản sao lưu (mới nhất trước) hoặc khôi "
                                  "phục cơ sở dữ liệu từ một bản; tệp đang có được giữ lại bên "
                                  "cạnh")
    restore.add_argument("backup", nargs="?", metavar="BẢN_SAO_LƯU",
                         help="số thứ tự trong danh sách (1 = mới nhất) hoặc đường dẫn tệp")

    upward = commands.add_parser("upward", help="gửi báo cáo tổng hợp lên cấp trên; xem bản "
                                 "đã gửi còn hiện hành không; chuyển đề nghị của cấp trên xuống")
    upward_commands = upward.add_subparsers(dest="action", metavar="VIỆC", parser_class=_Parser,
                                            required=True)
    identity = upward_commands.add_parser("identity", help="xem hoặc đặt mã, tên của Ban Chỉ "
                                          "đạo trong danh sách thành viên của cấp trên")
    identity.add_argument("--code", metavar="MÃ", help="mã (như cấp trên đặt, ví dụ QNINH)")
    identity.add_argument("--name", metavar="TÊN", help="tên (ví dụ «Tỉnh Quảng Ninh»)")
    up_export = upward_commands.add_parser("export", help="ghi gói báo cáo tổng hợp của kỳ để "
                                           "gửi cấp trên")
    up_export.add_argument("--period", type=_period, metavar="KỲ", required=True, help=PERIOD_HELP)
    up_export.add_argument("--out", type=Path, required=True, metavar="TỆP", help="tệp ghi ra")
    up_status = upward_commands.add_parser("status", help="bản đã gửi lên còn hiện hành không, "
                                           "và điều gì đã thay đổi sau khi gửi")
    up_status.add_argument("--period", type=_period, metavar="KỲ", required=True, help=PERIOD_HELP)
    forward = upward_commands.add_parser("forward", help="chuyển đề nghị báo cáo của cấp trên "
                                         "cho các đơn vị thành viên, với hạn gửi riêng (sớm hơn)")
    forward.add_argument("--period", type=_period, metavar="KỲ", required=True, help=PERIOD_HELP)
    forward.add_argument("--deadline", type=_date, metavar="NGÀY", required=True,
                         help="hạn gửi cho các đơn vị (phải trước hạn gửi lên cấp trên)")
    forward.add_argument("--out", type=Path, required=True, metavar="TỆP", help="tệp ghi ra")
    forward.add_argument("--agency", metavar="MÃ", help="chỉ gửi một đơn vị (mặc định: tất cả)")

    figures = commands.add_parser("figures", help="số liệu tổng hợp của kỳ, chi tiết theo đơn vị "
                                  "(và theo đơn vị cấp dưới nếu gói gửi lên có)")
    figures.add_argument("--period", type=_period, metavar="KỲ", required=True, help=PERIOD_HELP)
    figures.add_argument("--indicator", metavar="MÃ_CHỈ_TIÊU", help="chỉ một chỉ tiêu")
    figures.add_argument("--detail", action="store_true", help="kèm số của từng đơn vị")

    prose = commands.add_parser("check-prose", help="số trong văn bản của đơn vị khác với số liệu "
                                "của chính đơn vị (mã, tên, mục, chỉ tiêu, số trong văn bản, số "
                                "liệu, câu); mã thoát 1 khi có chỗ khác")
    prose.add_argument("--period", type=_period, metavar="KỲ", required=True, help=PERIOD_HELP)

    unplaced = commands.add_parser("unplaced", help="phần của báo cáo Word chưa xếp được vào mục "
                                   "nào, lưu kèm báo cáo của đơn vị; xếp vào một mục")
    unplaced.add_argument("--period", type=_period, metavar="KỲ", required=True, help=PERIOD_HELP)
    unplaced.add_argument("--agency", required=True, metavar="MÃ", help="mã đơn vị")
    unplaced.add_argument("--place", nargs=2, metavar=("SỐ", "MÃ_MỤC"),
                          help="đưa phần số SỐ vào cuối mục MÃ_MỤC (thành lần sửa mới)")

    package = commands.add_parser("package", help="xuất gói báo cáo hiện hành của một đơn vị")
    package.add_argument("--period", type=_period, metavar="KỲ", required=True, help=PERIOD_HELP)
    package.add_argument("--agency", required=True, metavar="MÃ", help="mã đơn vị")
    package.add_argument("--out", type=Path, required=True, metavar="TỆP", help="tệp ghi ra")
    package.add_argument("--allow-invalid", action="store_true",
                         help="vẫn xuất khi có số liệu gõ sai (không phải là số): bỏ các số đó ra")
    cli_draft.add_parsers(commands)
    from ttdn_desktop import cli_mail_fetch
    cli_mail_fetch.add_parsers(commands, import_word=_import_word)
    from ttdn_desktop import cli_mail_send
    cli_mail_send.add_parsers(commands)
    _describe(parser)
    return parser


def _describe(parser: argparse.ArgumentParser) -> None:
    """A command's own --help opens with what the command does, the line its parent lists."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            said = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                sub.description = sub.description or said.get(name)
                _describe(sub)


PIPE_CLOSED = 141  # what a shell reports for a tool stopped by SIGPIPE (cat, grep: 128 + 13)


def main(argv: list[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # here, where a closed pipe is caught, not at the interpreter's exit
        return code
    except BrokenPipeError:
        return _pipe_closed()


def _pipe_closed() -> int:
    """The program reading our output stopped (`ttdn status | head -1`): no disk failed and
    nothing is left to say, so we stop quietly as other command-line tools do. What is still
    buffered for stdout goes nowhere, instead of failing again when Python exits."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return PIPE_CLOSED


def _main(argv: list[str] | None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    args = build_parser().parse_args(argv)
    if args.command in (None, "gui"):
        from ttdn_desktop.ui.app import run_app  # only the app needs Qt
        return run_app(args.db, smoke=getattr(args, "smoke", False))
    if args.command == "restore":
        return _guarded(lambda: cmd_restore(args))
    return _guarded(lambda: _run(args))


# Commands that only read: they still work on a database the user may not write to.
READING = {"status", "held", "search", "export", "figures", "check-prose", "draft"}


def _run(args) -> int:
    from ttdn_desktop.util.storage_errors import DatabaseReadOnly
    from ttdn_desktop.workspace import Workspace
    # «held --accept SỐ» writes: it imports the package
    reading = args.command in READING and getattr(args, "accept", None) is None
    try:
        workspace = Workspace(args.db, reading=reading)
    except DatabaseReadOnly:
        if not reading:
            raise
        workspace = Workspace(args.db, read_only=True)
    with workspace:
        for problem in workspace.forms.problems + workspace.warnings:
            print(f"cảnh báo: {problem}", file=sys.stderr)
        try:
            return COMMANDS[args.command](workspace, args)
        except (TTDNError, BrokenPipeError):
            raise
        except Exception as error:  # a busy, read-only or full database said as such
            raise TTDNError(workspace.explain(error)) from None


def _guarded(run) -> int:
    try:
        return run()
    except TTDNError as error:
        print(f"ttdn: {error.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("ttdn: đã dừng.", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise  # not an error of ours: main() stops quietly
    except Exception as error:  # the user gets a sentence; the traceback goes to the log
        from ttdn_desktop.util.crashlog import unexpected_message
        print(f"ttdn: {unexpected_message(error)}", file=sys.stderr)
        return 1


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


def cmd_demo(workspace, args) -> int:
    from ttdn_desktop.core.docformat import SETTING_LABELS
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
              ", ".join(f"«{SETTING_LABELS[key]}»" for key in filled) + ".")
    return 0


def cmd_import(workspace, args) -> int:
    words = [p for p in args.files if p.is_file() and (workspace.word.is_word_file(p.name) or
                                                        workspace.word.is_agency_sheet(p))]
    others = [p for p in args.files if p not in words]
    if (args.agency or args.period) and not _one_report(workspace, words, others):
        return 1
    code = 0
    for path in words:
        code = max(code, _import_word(workspace, path, args))
    if not others:
        return code
    has_data = workspace.reports.exist()
    with _Waiting() as waiting:
        results = workspace.imports.run(others, dry_run=args.dry_run, backup=has_data,
                                         accept_form=args.accept_form, waiting=waiting)
    if not results:
        raise TTDNError(workspace.imports.nothing_to_import(others))
    finished = []
    for result in results:
        if _found_word(result):  # a report found in a mail or a zip: finished as a bare file
            finished.append(_import_word(workspace, PurePosixPath(result.file_name), args,
                                         result.payload))
        else:
            print(result.line(codes=True))
    rest = [r for r in results if not _found_word(r)]
    print(import_summary(rest, args.dry_run, finished))
    if any(r.form_offer for r in rest):
        print("Mẫu báo cáo mới chưa được cài. Nếu nơi gửi xác nhận đúng dãy số khóa, chạy lại "
              "với --accept-form để cài mẫu cho riêng cơ sở dữ liệu này.")
    bad = [r for r in rest if not r.ok]
    taken = any(r.received for r in rest) or finished.count(0)
    return 1 if bad or code or any(finished) or not taken else 0


class _Waiting:
    """Said on stderr while an import waits for another program writing to the database: at
    once, then how long so far (a terminal: the line rewritten each second; a file or a pipe:
    a line every five seconds), so a wait is never mistaken for a hang."""
    EVERY = 5.0

    def __init__(self):
        self.tty = sys.stderr.isatty()
        self.last: str | None = None
        self.said_at = 0.0

    def __call__(self, sentence: str) -> None:
        import time
        if sentence == self.last:
            return
        now = time.monotonic()
        if self.tty:
            print(f"\r{sentence}", end="", file=sys.stderr, flush=True)
        elif self.last is None or now - self.said_at >= self.EVERY - 0.5:  # on the second
            print(sentence, file=sys.stderr, flush=True)
            self.said_at = now
        self.last = sentence

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self.tty and self.last is not None:
            print(file=sys.stderr, flush=True)  # the next line starts on a line of its own


def _found_word(result) -> bool:
    from ttdn_desktop.core.rules import WORD
    return result.outcome == WORD and result.payload is not None


def _one_report(workspace, words: list[Path], others: list[Path]) -> bool:
    """--agency and --period name the agency and period of one report: with several (Word
    files given, reports found in mails and archives), whose would they be? Said, and
    nothing imported."""
    found = [p.name for p in words]
    if others:
        found += [r.file_name for r in workspace.imports.run(others, dry_run=True)
                  if _found_word(r)]
    if len(found) <= 1:
        return True
    from ttdn_desktop.core.text import shown
    print(f"--agency và --period chỉ dùng được khi nhập đúng một báo cáo (Word, PDF, RTF, "
          f"OpenDocument, bảng tính của đơn vị, báo cáo dán trong thư); tìm thấy "
          f"{len(found)}: " + "; ".join(f"«{shown(n, 160)}»" for n in found) + ". Không nhập "
          "gì. Hãy nhập từng báo cáo một (lưu riêng tệp đính kèm ra), hoặc bỏ --agency, "
          "--period để mỗi báo cáo lấy đơn vị, kỳ từ chính văn bản của nó.")
    return False


def import_summary(results, dry_run: bool = False, words=()) -> str:
    """One line: what was received, passed over and needs a look; "received" only for files
    actually taken in. `words`: the exit codes of the Word reports found in mails and
    archives, finished one by one (0: imported, or shown in a dry run)."""
    from ttdn_desktop.core.rules import SAME
    bad = sum(1 for r in results if not r.ok) + sum(1 for c in words if c)
    skipped = sum(1 for r in results if r.ok and not r.received)
    same = sum(1 for r in results if r.outcome == SAME)  # found there: nothing taken in
    total = len(results) + len(words)
    received = total - bad - skipped - same
    parts = [f"{received} được nhận"] if received or not same else []
    if same:
        parts.append(f"{same} đã có từ trước, không thay đổi gì")
    summary = f"{total} tệp: {', '.join(parts)}"
    if skipped:
        summary += f", {skipped} bỏ qua"
    summary += f", {bad} cần xem lại."
    if dry_run:
        summary += " (Chạy thử: chưa nhập gì.)"
    return summary


def _import_word(workspace, path: PurePath, args, data: bytes | None = None) -> int:
    """A report written in Word: what matched, what did not, the figures found; then imported
    as the agency's next revision (not with --dry-run). `data`: the report's bytes when it was
    found in a mail or an archive (`path` then only names it: "thư.eml › báo cáo.docx")."""
    from ttdn_desktop.core.errors import PackageError
    from ttdn_desktop.core.text import format_number, shown
    from ttdn_desktop.core.wordmatch import confidence_label, to_ask
    try:
        report = workspace.word.read(path, data, period=args.period)
    except PackageError as error:
        print(f"{error.file_name}: bị từ chối ({error.reason})")
        return 1
    except Exception as error:  # a bug of ours: this file is named, the batch goes on
        from ttdn_desktop.util.crashlog import log_exception
        log_exception(error)
        print(f"{path.name}: bị từ chối (không đọc được tệp (lỗi {type(error).__name__}; chi "
              "tiết đã ghi vào nhật ký lỗi))")
        return 1
    agency = args.agency or (report.agency_guess[0] if report.agency_guess else None)
    period = args.period or report.period_guess
    pasted = getattr(report, "mail", None)  # a report pasted into a mail's text
    if pasted is not None and pasted.agency_from_sender and not args.agency:
        code_proposed = report.agency_guess[0]
        print(f"{path.name}: báo cáo dán trong nội dung thư (không có tệp đính kèm); người gửi "
              f"{shown(pasted.sender)} — đề xuất đơn vị: "
              f"{workspace.agencies.get(code_proposed)['name']} ({code_proposed}). Chưa nhập "
              f"gì: đơn vị chỉ đoán theo người gửi; nếu đúng, chạy lại với --agency {code_proposed}.")
        return 1
    if agency is None or period is None:
        missing = " và ".join(w for w, v in (("đơn vị (--agency)", agency),
                                            ("kỳ (--period)", period)) if v is None)
        print(f"{path.name}: không nhận ra {missing} trong văn bản; hãy chỉ rõ.")
        return 1
    name = workspace.agencies.get(agency)["name"]
    guessed = [w for w, given in (("đơn vị", args.agency), ("kỳ", args.period)) if not given]
    note = f" (đoán {', '.join(guessed)} từ văn bản)" if guessed else ""
    if pasted is not None and pasted.period_from_subject and not args.period:
        note = note.replace("kỳ từ văn bản", "kỳ từ tiêu đề thư")
    print(f"{path.name}: {name}, {period.label}{note}")
    form = workspace.form
    asked = report.to_confirm()
    for n, match in enumerate(report.matches):
        target = " và ".join(form.section(sid).numbered_heading for sid in match.targets()) \
            or "chưa xếp được"
        score = format_number(match.score, 2)
        how = f"; {match.how}" if match.section_id and match.how != "đề mục" else ""
        print(f"  «{shown(match.heading)}» → {target} ({confidence_label(match.score)}, "
              f"{score}{how})")
    for n in asked:
        print(f"  cần xác nhận: {_placement(form, report.matches[n])}")
    for heading, lines in report.other:
        if lines:
            print(f"  phần chưa xếp: «{shown(heading)}» ({len(lines)} đoạn) — không vào mục "
                  "nào; lưu kèm báo cáo để xếp sau (ứng dụng: xem báo cáo của đơn vị › Phần chưa xếp; "
                  "dòng lệnh: ttdn unplaced)")
    held = set(report.held_proposals())
    # figures of several sentences for one indicator: never added, never one picked for the
    # user; left out and named (the window lets one be chosen)
    from ttdn_desktop.core.wordmatch import competing
    rivals = competing([p for n, p in enumerate(report.proposals)
                        if p.exact and (args.accept_placement or n not in held)])
    for number, proposal in enumerate(report.proposals):
        indicator = form.indicator(proposal.key[0])
        member = indicator.breakdown.member(proposal.key[1]) if proposal.key[1] else None
        label = indicator.label + (f" – {member.label}" if member else "")
        if not proposal.exact:   # never taken, --accept-figures or not: named, with why
            print(f"  không lấy: {label} — «{shown(proposal.phrase, 60)}» "
                  f"({proposal.not_exact}) — «{shown(proposal.source, 100)}»")
            continue
        verb = "nhận" if args.accept_figures and (args.accept_placement or number not in held) \
            and proposal.key not in rivals else "đề xuất"
        waiting = " (dưới đề mục cần xác nhận)" if number in held else ""
        print(f"  {verb}: {label} = {format_number(proposal.value)} {indicator.unit}{waiting} "
              f"— «{shown(proposal.source, 100)}»")
    for key, found in rivals.items():
        print(f"  không nhận: {workspace.word.figure_label(key)} — {len(found)} số của các câu "
              "khác nhau (" + ", ".join(format_number(p.value) for p in found) + "): không cộng "
              "lại, không tự chọn một; hỏi đơn vị rồi nhập tay số đúng vào báo cáo của đơn vị")
    unknown = [p for p in report.proposals if to_ask(p)]
    if unknown:
        print(f"  Lưu ý: {len(unknown)} số liệu đơn vị chỉ nêu ước lượng, khoảng hay viết "
              "không rõ, không được nhận (xem «không lấy» ở trên); hỏi lại đơn vị số chính "
              "xác rồi nhập tay vào báo cáo của đơn vị.")
    if report.legacy_runs:
        print(f"  {report.legacy_runs} đoạn viết bằng mã chữ cũ (TCVN3/VNI) đã chuyển sang "
              "Unicode")
    sheet = getattr(report, "figures_only", False)
    for note in getattr(report, "notes", []):
        print(f"  cần xem: {note}")
    if sheet and not args.accept_figures:
        # a statistics sheet brings nothing but figures: none are stored unconfirmed
        print(f"  {path.name}: chưa nhập gì — bảng tính chỉ có số liệu; kiểm tra các số đề "
              "xuất ở trên (lấy từ ô nào) rồi chạy lại với --accept-figures để nhận")
        return 1
    # a figure read under a heading to confirm is never stored before the heading is
    accepted = [p for n, p in enumerate(report.proposals) if p.exact and (
        args.accept_placement or n not in held) and p.key not in rivals] \
        if args.accept_figures else []
    losses = workspace.word.losses(report, agency, period, accepted=accepted)
    for loss in losses:
        print(f"  ít hơn bản hiện hành: {loss.describe()}")
    signed = workspace.keys.signed_replacement(agency, period)
    if signed:
        print(f"  thay bản có chữ ký: {signed}")
    if args.dry_run:
        print("  (Chạy thử: chưa nhập gì.)")
        return 0
    if signed and not args.replace_signed:
        print(f"  {path.name}: không nhập — {signed}; nếu đã gọi điện và đơn vị xác nhận gửi "
              "bản này, chạy lại với --replace-signed")
        return 1
    if asked and not args.accept_placement:
        print(f"  {path.name}: không nhập — {len(asked)} đề mục cần xác nhận (xem trên); nếu "
              "đúng như đề xuất, chạy lại với --accept-placement (hoặc nhập bằng cửa sổ để "
              "chọn mục khác)")
        return 1
    if losses and not args.allow_shorter:
        print(f"  {path.name}: không nhập — bản này ít hơn báo cáo hiện hành của đơn vị (xem "
              "trên); nếu đúng là muốn thay, chạy lại với --allow-shorter")
        return 1
    try:
        result = workspace.word.import_report(report, agency, period, accepted=accepted,
                                       allow_losses=args.allow_shorter,
                                       replace_signed=args.replace_signed)
    except TTDNError as error:
        print(f"  {error.message}")
        return 1
    print(f"  {result.line(codes=True)}")
    return 0 if result.ok else 1


def _placement(form, match) -> str:
    """What a heading to confirm is, and where its text would go."""
    from ttdn_desktop.core.text import shown
    from ttdn_desktop.core.wordmatch import confidence_label
    name = form.section(match.section_id).numbered_heading
    if not match.also:
        return (f"«{shown(match.heading)}» khớp {confidence_label(match.score)} với {name}; "
                f"đề xuất: đưa vào {name}")
    covered = ", ".join(form.section(sid).numbered_heading for sid in match.targets())
    split = "; ".join(f"{count} đoạn vào {form.section(sid).numbered_heading}"
                      for sid, count in match.split.items() if count)
    return (f"«{shown(match.heading)}» gộp nhiều mục của mẫu ({covered}); đề xuất: mỗi đoạn "
            f"vào mục mà nó nói đến — {split}")


def cmd_status(workspace, args) -> int:
    consolidation = workspace.merge.consolidation(args.period)
    counts = consolidation.status_counts()
    late = sum(1 for s in consolidation.statuses if s.late)
    undated = f", {counts[UNDATED]} không rõ ngày gửi" if counts[UNDATED] else ""
    print(f"{args.period.label} — hạn gửi {format_date(consolidation.deadline)}: "
          f"{consolidation.reported}/{len(consolidation.statuses)} đơn vị đã nộp "
          f"({late} nộp muộn{undated}), {counts[MISSING]} chưa nộp.")
    print("Mã\tĐơn vị\tTình trạng\tLần\tNgày gửi\tNgày nhận\tSố liệu\tChữ ký")
    signatures = workspace.keys.signature_states(args.period)
    for status in consolidation.statuses:
        signed = signatures.get(status.agency.code, {}).get("brief", "") if status.revision \
            else ""
        sent, received = (t.strftime("%d/%m/%Y %H:%M") if t else ""
                          for t in (status.sent_at, status.received_at))
        sent = sent or ("không rõ" if status.revision else "")
        revision = str(status.revision) if status.revision else ""
        figures = f"{round(status.figures_complete * 100)}%" if status.revision else ""
        print(f"{status.agency.code}\t{status.agency.name}\t{status.label}\t{revision}\t"
              f"{sent}\t{received}\t{figures}\t{signed}")
    upward = workspace.upward.status(args.period, consolidation)
    if upward.sent is not None:  # a committee that reports upward: is what it sent current?
        print(upward.headline() + (" (chi tiết: ttdn upward status)" if upward.stale else ""))
    return 0


def cmd_held(workspace, args) -> int:
    from ttdn_desktop.core.rules import LABELS, SIGNATURE
    if args.accept is not None:
        result = workspace.keys.accept_held(args.accept)
        print(result.line(codes=True))
        return 0 if result.ok else 1
    rows = workspace.imports.held(args.period)
    for row in rows:
        revision = f"lần {row['revision']}" if row["revision"] else ""  # a report by mail: none
        print(f"{row['file_name']}\t{row['agency_code']}\t{row['agency_name']}\t"
              f"{row['period_code']}\t{revision}\t{LABELS[row['reason']]}: "
              f"{row['detail']}\tsố {row['id']}")
    if not rows:
        print("Không có gói nào đang được giữ lại.")
    elif any(r["reason"] == SIGNATURE for r in rows):
        print("Gói bị giữ vì chữ ký: gọi điện cho đơn vị gửi; nếu đơn vị đổi máy hay cài lại, "
              "nhận khóa mới bằng «ttdn keys accept MÃ»; nếu đúng là gói của đơn vị dù không có "
              "chữ ký, nhận riêng gói đó bằng «ttdn held --accept SỐ». Khóa đã ghi nhận cho "
              "đơn vị khác chỉ nhận khi hai đơn vị xác nhận dùng chung một máy ký: «ttdn keys "
              "accept MÃ --fingerprint \"DẤU VÂN TAY\"».")
    return 0


def cmd_unplaced(workspace, args) -> int:
    """Text of Word imports that matched no section, kept with the agency's report."""
    if args.place:
        number, section_id = args.place
        if not number.isascii() or not number.isdigit():
            raise TTDNError(f"«{number}» không phải số của một phần chưa xếp.")
        result = workspace.word.place(int(number), section_id)
        print(result.line(codes=True))
        return 0 if result.ok else 1
    parts = workspace.word.unplaced(args.agency, args.period)
    for part in parts:
        text = " ".join(part["text"].split())
        print(f"{part['id']}\t«{part['heading']}»\t{part['file_name']} (lần {part['revision']})"
              f"\t{text[:120]}{'…' if len(text) > 120 else ''}")
    if not parts:
        print("Không có phần nào chưa xếp.")
    return 0


def _key_line(key: dict) -> str:
    confirmed = "đã gọi điện xác nhận" if key.get("confirmed_at") else "chưa xác nhận"
    state = "" if key["state"] == "active" else f"\t{key['state_label']}"
    party = "thuong-truc" if key["party"] == "secretariat" else key["party"]
    return (f"{party}\t{key['party_name']}\t{key['short']}\t{confirmed}\t"
            f"ghi nhận {key['pinned_at'][:10]}{state}")


def _passphrase(prompt: str) -> str:
    """From TTDN_KEY_PASSPHRASE (scripts), else asked without echo."""
    import getpass
    import os
    given = os.environ.get("TTDN_KEY_PASSPHRASE")
    if given is not None:
        return given
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        raise TTDNError("Chưa nhập mật khẩu: không làm gì.") from None


def _new_passphrase() -> str:
    first = _passphrase("Đặt mật khẩu cho tệp khóa (ít nhất 8 ký tự): ")
    import os
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
        held = workspace.keys.held()
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
        print(f"Đã thu hồi khóa {key['short']} của {workspace.keys.party_name(key['party'])}: "
              "gói ký bằng khóa này sẽ bị giữ lại; khóa mới sẽ được ghi nhận ở gói có chữ ký kế tiếp.")
        return 0
    key, results = workspace.keys.accept(args.party, args.fingerprint)
    shared = f", dùng chung với {', '.join(key['shared_with'])}" if key["shared_with"] else ""
    print(f"Đã nhận khóa mới {key['short']} của {workspace.keys.party_name(key['party'])}{shared} "
          "(khóa cũ giữ trong lịch sử).")
    for result in results:
        print(f"  gói đang giữ: {result.line(codes=True)}")
    return 0 if all(r.ok for r in results) else 1


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
        from ttdn_desktop.core.docformat import (SETTING_LABELS, layout_problems,
                                                 missing_fields, missing_signer)
        consolidation = workspace.merge.write_docx(args.period, args.out, args.agency)
        letterhead = workspace.setup.letterhead(args.agency)
        where = f" --agency {args.agency}" if args.agency else ""
        if missing_signer(letterhead):
            print(f"Lưu ý: chưa có người ký; dòng chức vụ và họ tên để trống trên bản in. Đặt "
                  f"bằng: ttdn settings{where} set signer_name \"Họ và tên\" (và signer_title).",
                  file=sys.stderr)
        for key in missing_fields(letterhead):
            print(f"Lưu ý: chưa có «{SETTING_LABELS[key]}»; chỗ đó để trống trên bản in. Đặt "
                  f"bằng: ttdn settings{where} set {key} \"…\".", file=sys.stderr)
        for problem in layout_problems(letterhead):
            print(f"Lưu ý: {problem}", file=sys.stderr)
    else:
        consolidation = workspace.merge.write_xlsx(args.period, args.out, args.agency)
    reported = sum(1 for s in consolidation.statuses if s.state != MISSING)
    print(f"Đã ghi {args.out} ({reported}/{len(consolidation.statuses)} đơn vị có báo cáo).")
    return 0


def cmd_settings(workspace, args) -> int:
    from dataclasses import asdict

    from ttdn_desktop.core.docformat import MULTILINE_KEYS, check_setting, layout_problems
    agency = args.agency or getattr(args, "set_agency", None)
    if args.action == "set":
        value = args.value.replace(";", "\n") if args.key in MULTILINE_KEYS else args.value
        whose = f" (đơn vị {agency.upper()})" if agency else ""
        if args.key == "layout":  # the code and the signing capacity follow the layout
            before = workspace.setup.letterhead(agency)
            after = workspace.setup.switch_layout(check_setting("layout", value), agency)
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
    values = asdict(workspace.setup.letterhead(agency))
    for setting in LETTERHEAD.values():  # as declared (core.settings): key, value, meaning
        print(f"{setting.key}\t{values[setting.key].replace(chr(10), '; ')}\t# {setting.meaning}")
    return 0


def cmd_request(workspace, args) -> int:
    from ttdn_desktop.util.files import write_bytes_atomic
    data = workspace.periods.request_bytes(args.period, args.agency, args.deadline)
    write_bytes_atomic(args.out, data)
    dates = workspace.periods.dates(args.period)
    who = workspace.agencies.get(args.agency)["name"] if args.agency else "tất cả đơn vị"
    print(f"Đã ghi {args.out}: đề nghị {who} báo cáo {args.period.phrase}, số liệu từ "
          f"{format_date(dates.data_from)} đến {format_date(dates.data_to)}, hạn gửi "
          f"{format_date(dates.deadline)}, mẫu {workspace.form.id} phiên bản "
          f"{workspace.form.version}.")
    return 0


def cmd_search(workspace, args) -> int:
    from ttdn_desktop import workspace as workspace_module
    shown = workspace_module.SEARCH_SHOWN
    hits = workspace.reports.search(args.text, args.period)
    form = workspace.form
    for hit in hits[:shown]:
        section = form.section(hit.section_id)
        heading = section.numbered_heading if section else hit.section_id
        print(f"{hit.agency_name}\t{hit.period_code}\t{heading}\t{hit.snippet}")
    if not hits:
        print(f"Không tìm thấy «{args.text}».")
    elif len(hits) > shown:
        print(f"Chỉ hiện {shown} kết quả đầu tiên; còn nữa: thêm từ hoặc --period để thu hẹp.",
              file=sys.stderr)
    return 0


def cmd_review(workspace, args) -> int:
    from ttdn_desktop.core.merge import ACCEPTED, NEEDS_CHANGES
    state = ACCEPTED if args.accept else NEEDS_CHANGES
    workspace.reports.set_review(args.agency, args.period, state, args.needs_changes or "")
    name = workspace.agencies.get(args.agency)["name"]
    print(f"{name}: {'đã duyệt' if args.accept else 'cần bổ sung'}.")
    return 0


def cmd_form(workspace, args) -> int:
    _refuse_invalid(workspace, args, args.agency)
    revision = workspace.reports.write_form_xlsx(args.agency, args.period, args.out)
    print(f"Đã ghi {args.out} (mẫu Excel, lần gửi {revision}); đơn vị điền vào các ô màu vàng "
          "rồi gửi lại, nhập bằng «ttdn import».")
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
    from ttdn_desktop.workspace import list_backups, restore_backup, resolve_db_path, settle_restore
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


def cmd_package(workspace, args) -> int:
    _refuse_invalid(workspace, args, args.agency)
    revision = workspace.reports.write_package(args.agency, args.period, args.out)
    print(f"Đã ghi {args.out} (lần gửi {revision}).")
    return 0


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
        print(status.headline() + (":" if status.stale else ""))
        for change in status.changes:
            print(f"  - {change.text}")
        return 0
    data = workspace.upward.forward_request_bytes(args.period, args.deadline, args.agency)
    from ttdn_desktop.util.files import write_bytes_atomic
    write_bytes_atomic(args.out, data)
    request = workspace.upward.request(args.period)
    who = workspace.agencies.get(args.agency)["name"] if args.agency else "tất cả đơn vị thành viên"
    print(f"Đã ghi {args.out}: chuyển đề nghị của cấp trên cho {who}, hạn gửi "
          f"{format_date(args.deadline)} (hạn gửi lên cấp trên {format_date(request.deadline)}), "
          f"mẫu {request.form_id} phiên bản {request.form_version}.")
    return 0


def _upward_export(workspace, args) -> int:
    status = workspace.merge.consolidation(args.period)
    revision, report = workspace.upward.export(args.period, args.out)
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


def cmd_figures(workspace, args) -> int:
    from ttdn_desktop.core.text import format_number
    merged = workspace.merge.consolidation(args.period)
    indicators = merged.form.indicators
    if args.indicator:
        indicators = [i for i in indicators if i.id == args.indicator]
        if not indicators:
            raise TTDNError(f"Mẫu {merged.form.id} không có chỉ tiêu «{args.indicator}».")
    names = {s.agency.code: s.agency.name for s in merged.statuses}
    for indicator in indicators:
        decimals = 2 if indicator.kind == "rate" else 0
        for key in indicator.keys:
            member = indicator.breakdown.member(key[1]) if key[1] else None
            if key not in merged.totals:
                continue
            label = f"{indicator.id}/{key[1]}" if key[1] else indicator.id
            title = indicator.label + (f" – {member.label}" if member else "")
            print(f"{label}\t{format_number(merged.totals[key], decimals)}\t{title}")
            if not (args.detail or args.indicator):
                continue
            for code, value in merged.per_agency.get(key, {}).items():
                print(f"  {code}\t{format_number(value, decimals)}\t{names.get(code, code)}")
                for sub in merged.sub_members.get(code, []):
                    if key in sub.figures:
                        print(f"    {sub.code}\t{format_number(sub.figures[key], decimals)}"
                              f"\t{sub.name}")
    return 0



def cmd_check_prose(workspace, args) -> int:
    """One line a sentence whose figure the agency's own statistics contradict (or leave
    empty: «chưa có số liệu», listed, never counted as a disagreement)."""
    from ttdn_desktop.core.prose_check import NOT_FILLED
    from ttdn_desktop.core.text import format_number
    found = workspace.merge.prose_check(args.period)
    for finding in found:
        stored = format_number(finding.stored) if finding.disagrees else NOT_FILLED
        print(f"{finding.agency.code}\t{finding.agency.name}\t{finding.section_id}\t"
              f"{finding.key_label}\t{format_number(finding.stated)}\t{stored}\t"
              f"«{finding.sentence}»")
    disagreeing = [f for f in found if f.disagrees]
    if disagreeing:
        agencies = len({f.agency.code for f in disagreeing})
        print(f"{len(disagreeing)} chỗ số trong văn bản khác số liệu của chính đơn vị "
              f"({agencies} đơn vị).", file=sys.stderr)
    elif not found:
        print(f"Không có số nào trong văn bản {args.period.label} khác với số liệu của đơn vị.")
    return 1 if disagreeing else 0


COMMANDS = {
    "upward": cmd_upward,
    "figures": cmd_figures,
    "agencies": cmd_agencies,
    "period": cmd_period,
    "demo": cmd_demo,
    "import": cmd_import,
    "status": cmd_status,
    "held": cmd_held,
    "keys": cmd_keys,
    "export": cmd_export,
    "package": cmd_package,
    "form": cmd_form,
    "forms": cmd_forms,
    "request": cmd_request,
    "search": cmd_search,
    "review": cmd_review,
    "settings": cmd_settings,
    "unplaced": cmd_unplaced,
    "check-prose": cmd_check_prose,
    "draft": cli_draft.cmd_draft,
    "mail": lambda workspace, args: args.run(workspace, args),  # cli_mail_*.py set `run`
}

if __name__ == "__main__":
    sys.exit(main())
