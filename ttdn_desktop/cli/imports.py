"""`ttdn import`, `held`, `unplaced`: files coming in, the packages held back, and the parts
of Word reports no section took."""

from __future__ import annotations

import sys
import time
from pathlib import Path, PurePath, PurePosixPath

from ttdn_desktop.cli.arguments import PERIOD_HELP, period_type
from ttdn_desktop.core import filekinds
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.rules import LABELS, SAME, SIGNATURE, WORD
from ttdn_desktop.core.text import shown


def add_import(commands) -> None:
    what = (f"nhập {filekinds.listed('hay')} (gói báo cáo hay gói đề nghị, mẫu đã điền, thư "
            "và tệp nén chứa chúng), hoặc thư mục chứa chúng")
    imp = commands.add_parser("import", help=what, description=what)
    imp.add_argument("files", nargs="+", metavar="TỆP", type=Path,
                     help="các tệp hay thư mục cần nhập")
    imp.add_argument("--dry-run", action="store_true", help="chỉ cho biết sẽ xảy ra gì, không nhập")
    imp.add_argument("--agency", metavar="MÃ", help="báo cáo (Word, PDF, RTF…): mã đơn vị (mặc định: đoán từ tiêu đề văn bản)")
    imp.add_argument("--period", type=period_type, metavar="KỲ", help="báo cáo (Word, PDF, RTF…): kỳ báo cáo (mặc định: đoán từ "
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


def add_held(commands) -> None:
    held = commands.add_parser("held", help="các gói đang được giữ lại (xung đột, đơn vị lạ, "
                               "chữ ký)")
    held.add_argument("--period", type=period_type, metavar="KỲ", help=PERIOD_HELP)
    held.add_argument("--accept", type=int, metavar="SỐ", help="nhận gói số SỐ đang bị giữ vì "
                      "chữ ký (không có chữ ký hoặc ký bằng khóa lạ) sau khi đã gọi điện kiểm tra "
                      "với đơn vị gửi; không ghi nhận khóa nào")


def add_unplaced(commands) -> None:
    unplaced = commands.add_parser("unplaced", help="phần của báo cáo Word chưa xếp được vào mục "
                                   "nào, lưu kèm báo cáo của đơn vị; xếp vào một mục")
    unplaced.add_argument("--period", type=period_type, metavar="KỲ", required=True, help=PERIOD_HELP)
    unplaced.add_argument("--agency", required=True, metavar="MÃ", help="mã đơn vị")
    unplaced.add_argument("--place", nargs=2, metavar=("SỐ", "MÃ_MỤC"),
                          help="đưa phần số SỐ vào cuối mục MÃ_MỤC (thành lần sửa mới)")


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
    """A report written in Word (cli/word_report.py, loaded when one comes)."""
    from ttdn_desktop.cli.word_report import import_word
    return import_word(workspace, path, args, data)


def cmd_held(workspace, args) -> int:
    if args.accept is not None:
        result = workspace.held.accept(args.accept)
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
