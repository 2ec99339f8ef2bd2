"""`ttdn import` of a report written in Word: what matched, what did not, the figures found,
then imported as the agency's next revision. Loaded when such a report comes
(cli/imports.py): core.wordmatch and core.proposals cost 6-8 ms each, which `ttdn gui`, building
the same parser, would pay before the window opens."""

from __future__ import annotations

from pathlib import PurePath

from ttdn_desktop.core.errors import PackageError, TTDNError
from ttdn_desktop.core.proposals import competing, to_ask
from ttdn_desktop.core.text import format_number, shown
from ttdn_desktop.core.wordmatch import confidence_label
from ttdn_desktop.util.crashlog import log_exception


def import_word(workspace, path: PurePath, args, data: bytes | None = None) -> int:
    """A report written in Word: what matched, what did not, the figures found; then imported
    as the agency's next revision (not with --dry-run). `data`: the report's bytes when it was
    found in a mail or an archive (`path` then only names it: "thư.eml › báo cáo.docx")."""
    try:
        report = workspace.word.read(path, data, period=args.period)
    except PackageError as error:
        print(f"{error.file_name}: bị từ chối ({error.reason})")
        return 1
    except Exception as error:  # a bug of ours: this file is named, the batch goes on
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
              f"{workspace.agencies.get(code_proposed)['name']} ({code_proposed}). Chưa nhập gì: đơn "
              f"vị chỉ đoán theo người gửi; nếu đúng, chạy lại với --agency {code_proposed}.")
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
        print(f"  không nhận: {workspace.form.figure_label(key)} — {len(found)} số của các câu "
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
    for warning in getattr(report, "warnings", []):
        print(f"  cần xem: {warning}")
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
    name = form.section(match.section_id).numbered_heading
    if not match.also:
        return (f"«{shown(match.heading)}» khớp {confidence_label(match.score)} với {name}; "
                f"đề xuất: đưa vào {name}")
    covered = ", ".join(form.section(sid).numbered_heading for sid in match.targets())
    split = "; ".join(f"{count} đoạn vào {form.section(sid).numbered_heading}"
                      for sid, count in match.split.items() if count)
    return (f"«{shown(match.heading)}» gộp nhiều mục của mẫu ({covered}); đề xuất: mỗi đoạn "
            f"vào mục mà nó nói đến — {split}")
