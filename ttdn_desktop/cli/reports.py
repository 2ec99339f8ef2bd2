"""`ttdn status`, `search`, `review`, `figures`, `check-prose`: reading the period's reports."""

from __future__ import annotations

import sys

from ttdn_desktop.cli.arguments import PERIOD_HELP, period_type
from ttdn_desktop.cli.upward import headline
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.merge import MISSING, UNDATED
from ttdn_desktop.core.periods import format_date
from ttdn_desktop.core.review import ACCEPTED, NEEDS_CHANGES
from ttdn_desktop.core.text import format_number


def add_status(commands) -> None:
    status = commands.add_parser("status", help="tình hình nộp báo cáo của các đơn vị trong kỳ")
    status.add_argument("--period", type=period_type, metavar="KỲ", required=True, help=PERIOD_HELP)


def add_search(commands) -> None:
    search = commands.add_parser("search", help="tìm trong mọi báo cáo (gõ không dấu: tìm cả chữ có dấu; gõ có dấu: đúng dấu)")
    search.add_argument("text", metavar="CHỮ_CẦN_TÌM", help="một hay vài từ, có dấu hoặc không")
    search.add_argument("--period", type=period_type, metavar="KỲ", help=PERIOD_HELP)


def add_review(commands) -> None:
    review = commands.add_parser("review", help="duyệt báo cáo của một đơn vị")
    review.add_argument("--period", type=period_type, metavar="KỲ", required=True, help=PERIOD_HELP)
    review.add_argument("--agency", required=True, metavar="MÃ", help="mã đơn vị")
    decision = review.add_mutually_exclusive_group(required=True)
    decision.add_argument("--accept", action="store_true", help="chấp nhận")
    decision.add_argument("--needs-changes", metavar="GHI_CHÚ", help="cần bổ sung, kèm ghi chú")


def add_figures(commands) -> None:
    figures = commands.add_parser("figures", help="số liệu tổng hợp của kỳ, chi tiết theo đơn vị "
                                  "(và theo đơn vị cấp dưới nếu gói gửi lên có)")
    figures.add_argument("--period", type=period_type, metavar="KỲ", required=True, help=PERIOD_HELP)
    figures.add_argument("--indicator", metavar="MÃ_CHỈ_TIÊU", help="chỉ một chỉ tiêu")
    figures.add_argument("--detail", action="store_true", help="kèm số của từng đơn vị")


def add_check_prose(commands) -> None:
    prose = commands.add_parser("check-prose", help="số trong văn bản của đơn vị khác với số liệu "
                                "của chính đơn vị (mã, tên, mục, chỉ tiêu, số trong văn bản, số "
                                "liệu, câu); mã thoát 1 khi có chỗ khác")
    prose.add_argument("--period", type=period_type, metavar="KỲ", required=True, help=PERIOD_HELP)


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
        print(headline(upward) + (" (chi tiết: ttdn upward status)" if upward.stale else ""))
    return 0


def cmd_search(workspace, args) -> int:
    from ttdn_desktop.workspace import reports as report_door  # not for `ttdn gui` (cli/)
    shown = report_door.SEARCH_SHOWN
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
    state = ACCEPTED if args.accept else NEEDS_CHANGES
    workspace.reports.set_review(args.agency, args.period, state, args.needs_changes or "")
    name = workspace.agencies.get(args.agency)["name"]
    print(f"{name}: {'đã duyệt' if args.accept else 'cần bổ sung'}.")
    return 0


def cmd_figures(workspace, args) -> int:
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
