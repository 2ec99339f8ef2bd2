"""`ttdn draft`: the consolidated report's sections as they show (the draft, the agencies'
texts pasted under their names, or the secretariat's edited text), each heading then its text;
with --check, one line a figure an agency's text states that its own statistics contradict."""

from __future__ import annotations


from ttdn_desktop.cli.arguments import PERIOD_HELP, period_type
from ttdn_desktop.core.richtext import parse_blocks


def add_parsers(commands) -> None:
    draft = commands.add_parser(
        "draft", help="bản tổng hợp của kỳ như mỗi mục đang hiện (dự thảo, ghép nguyên văn hoặc "
        "đã sửa); --check: số trong văn bản khác số liệu của chính đơn vị (mã đơn vị, mục, chỉ "
        "tiêu, số trong văn bản, số liệu), mã thoát 1 khi có")
    draft.add_argument("--period", type=period_type, metavar="KỲ", required=True, help=PERIOD_HELP)
    draft.add_argument("--section", metavar="MÃ_MỤC", help="chỉ một mục")
    draft.add_argument("--check", action="store_true",
                       help="liệt kê chỗ số trong văn bản khác số liệu, không in văn bản")


def cmd_draft(workspace, args) -> int:
    if args.check:
        return _check(workspace, args)
    for n, merge in enumerate(workspace.drafts.sections(args.period, args.section)):
        if n:
            print()
        print(merge.section.numbered_heading)
        for block in parse_blocks(merge.shown):
            print(("- " if block.kind == "bullet" else "") + block.text)
    return 0


def _check(workspace, args) -> int:
    """No header, tab-separated: agency, section, indicator (indicator/member), the value in
    the text, the value in the statistics; exit 1 when any is listed."""
    if args.section is not None:
        workspace.drafts.sections(args.period, args.section)  # an unknown section is said
    found = [f for f in workspace.drafts.disagreements(args.period)
             if args.section in (None, f.section_id)]
    for finding in found:
        print(f"{finding.agency.code}\t{finding.section_id}\t{finding.key_label}\t"
              f"{_digits(finding.stated)}\t{_digits(finding.stored)}")
    return 1 if found else 0


def _digits(value) -> str:
    """3800, never 3.800 nor 3800.0: for a script to compare."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)
