"""Reading an agency's report written freely in Word (.docx, or .doc of Word 97–2003) into the
form.

The body is read as Word shows it (docx_body: tracked changes, fields, content controls, text
boxes, automatic numbering, Strict OOXML; doc_body for the binary .doc, told by content). The
letterhead (the first table, or the short lines before the title) gives the agency; the title
block, in any of its common shapes ("BÁO CÁO" alone, "BÁO CÁO" + line break + subject, one line
"BÁO CÁO KẾT QUẢ …", or none at all), gives the period. Headings are found by their numbering
(typed or automatic: I., 1., a), A./B./C., «Phần thứ …», Party-style I- / 1-), by outline levels
and heading styles, as short bold lines, in tables (word_layout: the whole report in one table
is read as its paragraphs) and run in at the start of a paragraph («1. Kết quả: Trong kỳ, …»),
and matched to the form's sections by their words, the form's aliases and keywords, what the
user confirmed for this agency before, and failing those by the text under them. Points a), b)
and items of a section without sub-sections stay in their section; headings told alike are peers
(an agency's own outline). Text under a heading goes to its section, paragraphs and lists kept;
a heading that covers two of the form's sections shares its paragraphs by what each speaks of;
what matches nothing is set aside, never dropped. A heading placed with less than «chắc chắn»,
or covering several sections, needs the user's confirmation (SectionMatch.needs_confirmation),
and so do the figures read under it. The recipients and signature block are not content. Numbers
in tables (the period's own column) and sentences (by unit and by the section they stand in)
become figure proposals, each with where it came from, applied only when accepted; a figure that
is no exact value of the period (about, a range, a change, another period's, a plan) is named
with why and never applied. Legacy fonts (TCVN3, VNI) are converted on the way.

What is read is a word_report.WordReport; word_outline.OutlineReader walks the headings.
"""

from __future__ import annotations

import re

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.forms import Form
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.richtext import escape
from ttdn_desktop.core.text import fold
from ttdn_desktop.core.guesses import guess_agency, guess_period
from ttdn_desktop.core.proposals import Proposal, combine_proposals
from ttdn_desktop.core.sentence_figures import figure_proposals
from ttdn_desktop.core.table_figures import table_proposals
from ttdn_desktop.core.wordmatch import (LIKELY, SURE, bold_heading, keyword_hits,
                                         match_by_heading_and_text, match_by_text,
                                         numbered_heading)
from ttdn_desktop.exchange import mail_body
from ttdn_desktop.exchange.doc_body import not_word_reason, read_doc_body
from ttdn_desktop.exchange.docx_body import Para, Table, read_body
from ttdn_desktop.exchange.mail_body import NOT_A_REPORT, MailReport, propose_agency, read_mail_body
from ttdn_desktop.exchange.word_layout import (DATE_LINE, LEVEL_OF_FORMAT, PART, capitals,
                                               heading_of, signature_table, signs_off,
                                               unwrap)
from ttdn_desktop.exchange.odt_body import is_odt, read_odt_body
from ttdn_desktop.exchange.pdf_body import is_pdf, read_pdf_body
from ttdn_desktop.exchange.rtf_body import is_rtf, read_rtf_body
from ttdn_desktop.exchange.unpack import WORD_SUFFIXES
from ttdn_desktop.exchange.word_outline import OutlineReader
from ttdn_desktop.exchange.word_report import NO_SECTION, SectionMatch, WordReport
from ttdn_desktop.office.safezip import DOCX_LIMITS, open_office
from ttdn_desktop.office.safezip import WORD as WORD_FILE

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_word_body(file_name: str, data: bytes):
    """The body (docx_body.Body) of a report from a word processor, told by its content
    whatever its name says: .docx, Word 97–2003 .doc, OpenDocument text (.odt, .fodt), RTF or
    PDF (a .docx named .doc and a .doc named .docx both read). PackageError with the reason."""
    if is_pdf(data):
        return read_pdf_body(file_name, data, DOCX_LIMITS)
    if data.startswith(_OLE):  # Word 97–2003, or an encrypted .docx (an OLE file too)
        return read_doc_body(file_name, data)
    if is_rtf(data):
        return read_rtf_body(file_name, data, DOCX_LIMITS)
    if is_odt(data):
        return read_odt_body(file_name, data, DOCX_LIMITS)
    if not data.startswith(b"PK"):
        reason = not_word_reason(data)
        if reason:
            raise PackageError(file_name, reason)
    archive = open_office(file_name, data, DOCX_LIMITS, WORD_FILE)
    return read_body(file_name, archive, DOCX_LIMITS)


_NATIONAL = ("cong hoa xa hoi chu nghia viet nam", "dang cong san viet nam")
_SUBJECT_WORDS = ("ket qua", "ve ", "cong tac", "tinh hinh", "so ket", "tong ket", "thong tin",
                  "trien khai", "phuong huong")


def import_word_report(file_name: str, data: bytes, form: Form,
                       agencies: list[tuple[str, str]],
                       remembered=None) -> WordReport:
    """Read a Word report against the form. `remembered(agency code)` gives the headings this
    agency's earlier imports were confirmed with ({heading key: section id})."""
    if mail_body.is_mail_text(data):  # a report pasted into a mail, no file attached
        return read_mail_report(file_name, data, form, agencies, remembered)
    return report_from_body(file_name, read_word_body(file_name, data), form, agencies,
                            remembered)


def read_mail_report(file_name: str, data: bytes, form, agencies, remembered=None):
    """A report pasted into a mail's text, read against the form (a WordReport
    with `mail`: a MailReport). PackageError: «nội dung thư không phải báo cáo»."""
    body, sender, subject = read_mail_body(file_name, data)
    hint = guess_period(subject)
    try:
        report = report_from_body(file_name, body, form, agencies, remembered, hint)
    except PackageError as error:
        if error.reason == NO_SECTION:
            raise PackageError(file_name, NOT_A_REPORT) from None
        raise
    report.mail = MailReport(sender, subject)
    if report.agency_guess is None:  # no letterhead pasted: the sender proposes
        report.agency_guess = propose_agency(sender, agencies)
        report.mail.agency_from_sender = report.agency_guess is not None
    report.mail.period_from_subject = hint is not None and report.period_guess is hint
    return report


def report_from_body(file_name: str, body, form: Form, agencies: list[tuple[str, str]],
                     remembered=None, period_hint: Period | None = None) -> WordReport:
    """A report's body (docx_body.Body, from whatever format) read against the form.
    `period_hint`: the period said outside the text (a mail's subject), if the text says
    none; its tables' figures are then read in that period's column."""
    letterhead: list[str] = []
    subject: list[str] = []
    title = ""
    state = "start"           # start -> subject -> body -> end
    blocks = unwrap(body.blocks, form)
    # the agency first (the letterhead), so that what it confirmed before can be used
    agency_guess = guess_agency(_letterhead_lines(blocks), agencies)
    known = (remembered(agency_guess[0]) if remembered and agency_guess else None) or {}
    reader = OutlineReader(form, known)
    for n, block in enumerate(blocks):
        if isinstance(block, Table):
            flat = fold(" ".join(" ".join(r) for r in block.rows))
            if state == "start" and (any(m in flat for m in _NATIONAL) or n == 0):
                letterhead.extend(line for row in block.rows for cell in row
                                  for line in cell.splitlines())
                continue
            if "noi nhan" in flat:
                # rows above the signature's are a table of the report's own, run into it
                # where nothing stands between them (RTF has no end of a table)
                first = next(n for n, row in enumerate(block.rows)
                             if "noi nhan" in fold(" ".join(row)))
                if first and state != "start":
                    reader.table(Table(block.rows[:first], block.cells[:first]),
                                 state == "body")
                state = "end"
                continue
            if signature_table(block):
                state = "end"
                continue
            if state in ("start", "subject"):
                state = "body"
            reader.table(block, state == "body")
            continue
        para = block
        if not re.search(r"\w", para.shown):
            continue  # empty lines and drawn rules
        folded = fold(para.text[:80]).strip()  # only its start is looked at
        run_in = _run_in(para, reader)
        heading = (heading_of(para) or _colon_heading(para, reader)) if run_in is None else None
        seen = heading or (run_in[:2] if run_in else None)
        if state == "start":
            if folded.startswith("bao cao") and len(para.text) <= 300 and \
                    (seen is None or seen[0] is None):
                first, _, rest = para.text.partition("\n")
                title = para.text
                state = "subject"
                after = first.strip()[len("BÁO CÁO"):].strip(" :-–")
                subject.extend(x for x in ([after] if after else []) + rest.split("\n")
                               if x.strip())
                continue
            if seen is None or not _starts_body(reader, seen):
                if _is_body_text(para) or PART.match(para.text):
                    state = "body"
                else:
                    letterhead.append(para.text)
                    continue
            state = "body"
        elif state == "subject":
            if (seen is None or (seen[0] is None and not para.outline)) and \
                    len(subject) < 3 and len(para.text) <= 300 and \
                    _is_subject(para, subject) and not _names_section(reader, para, seen):
                subject.append(para.text)
                continue
            if folded.startswith("kinh gui"):
                continue
            state = "body"
        if state == "end":
            continue
        if folded.startswith("noi nhan") or (folded.startswith("phu luc") and
                                              len(para.text) < 80) or signs_off(blocks, n):
            state = "end"
            continue
        if DATE_LINE.match(para.text):
            continue  # the place and date above the signature: never content
        if PART.match(para.text):
            reader.part_break(para.text)
            continue
        if heading is not None:
            reader.heading(*heading, caps=capitals(para.text),
                           kind="colon" if para.text.rstrip().endswith(":") else "bold")
            continue
        if run_in is not None:
            reader.heading(run_in[0], run_in[1], kind="run-in")
            if reader.parts[-1].fallback is not None:
                # a point of the section being read: its paragraph stays whole
                reader.parts.pop()
            else:
                reader.add_line(run_in[2], run_in[3])
                continue
        line = ("- " + re.sub(r"^\s*[-–+•]\s*", "", para.markup)) if para.listed and \
            not (para.number and para.num_format != "bullet") else para.markup
        if para.number and para.num_format not in ("bullet", "none"):
            line = f"{escape(para.number)} {para.markup}"
        reader.add_line(line, para.text)

    report = WordReport(file_name, agency_guess or guess_agency(letterhead, agencies), None,
                        legacy_runs=body.legacy_runs, strict=body.strict,
                        title=" ".join(subject) or title)
    intro = next((" ".join(p.lines[:2]) for p in reader.parts if p.intro), "")
    report.period_guess = guess_period(" ".join(subject)) or guess_period(title) or \
        guess_period(intro) or guess_period(" ".join(letterhead)) or period_hint
    report.saved_at = body.saved_at
    placed = _assemble(report, reader, form)
    found: list[tuple[Proposal, tuple[int, ...]]] = []
    for rows, section_id, part in reader.tables:
        where = placed.get((part, -1), (section_id, None))
        for proposal in table_proposals(form, rows, report.period_guess,
                                        form.section(where[0]) if where[0] else None):
            found.append((proposal, () if where[1] is None else (where[1],)))
    for sentence, part, line in reader.sentences:
        section_id, match = placed.get((part, line), (None, None))
        for proposal in figure_proposals(form, sentence,
                                         form.section(section_id) if section_id else None,
                                         report.period_guess):
            found.append((proposal, () if match is None else (match,)))
    report.proposals = combine_proposals([p for p, _ in found])
    report.proposal_matches = [_read_in(proposal, found) for proposal in report.proposals]
    if not any(m.section_id for m in report.matches):
        raise PackageError(file_name, NO_SECTION)
    return report


def _read_in(proposal: Proposal, found) -> tuple[int, ...]:
    """The matches a combined proposal was read under: those of every proposal of the same
    figure whose sentence or table row it shows."""
    out: set[int] = set()
    for raw, matches in found:
        if raw.key == proposal.key and raw.value == proposal.value and \
                raw.source in proposal.source:
            out.update(matches)
    return tuple(sorted(out))


def _assemble(report: WordReport, reader: OutlineReader, form: Form) -> dict:
    """Parts into sections: matched ones to their section; a vague heading to the section
    its text speaks of; a sub-point to the section it stands in; the rest set aside. A merged
    heading's paragraphs each go to the section of those it covers that they speak of. Gives
    {(part, line): (section id, match index)} (line -1: the part as a whole)."""
    placed: dict[tuple[int, int], tuple[str | None, int | None]] = {}
    for number, part in enumerate(reader.parts):
        section_id, score, how = part.section_id, part.score, part.how
        if part.division and not part.lines:
            continue  # «PHẦN THỨ HAI» and its section's heading next
        if section_id is None and not part.intro and part.fallback is None and part.lines:
            section, text_score = match_by_heading_and_text(form, part.heading,
                                                            " ".join(part.lines))
            if section is not None:
                section_id, score, how = section.id, text_score, "nội dung"
            elif part.under is not None:
                # a point of «II. KẾT QUẢ THỰC HIỆN» that names none of its sections: the one
                # its text clearly speaks of, asked; text of none of them («Tình hình thời
                # tiết») stays unplaced
                section, text_score = match_by_text(form, " ".join(part.lines),
                                                    form.children(part.under), least=2)
                if section is not None:
                    section_id, score, how = section.id, text_score, "nội dung"
        if section_id is not None:
            # a merged heading's sections in the order it names them, as it is shown
            section_id, *also = _named_order(form, part.heading, (section_id,) + part.also)
            match = len(report.matches)
            report.matches.append(SectionMatch(part.heading, section_id, score, how,
                                               tuple(also)))
            heading = [bold_heading(part.heading)] if (part.keep_heading or
                                                       how == "nội dung") and \
                not part.also else []
            targets = _split(form, (section_id, *also), part.lines)
            placed[(number, -1)] = (section_id, match)
            if heading:
                report.pieces.append((match, section_id, heading))
            for line_number, (target, line) in enumerate(zip(targets, part.lines)):
                placed[(number, line_number)] = (target, match)
                report.pieces.append((match, target, [line]))
            if part.also:
                report.matches[match].split = {
                    sid: targets.count(sid) for sid in (section_id, *also)}
        elif part.fallback is not None:
            placed[(number, -1)] = (part.fallback, None)
            for line_number in range(len(part.lines)):
                placed[(number, line_number)] = (part.fallback, None)
            report.pieces.append((None, part.fallback,
                                  [bold_heading(part.heading)] + part.lines))
        else:
            if not part.intro:
                report.matches.append(SectionMatch(part.heading, None, score, how))
            if part.lines or not part.intro:
                report.other.append((part.heading, part.lines))
    report.rebuild()
    return placed


def _named_order(form: Form, heading: str, targets: tuple[str, ...]) -> tuple[str, ...]:
    """The sections a merged heading covers in the order it names them («Những hạn chế và
    nguyên nhân»: the limitations first), each where its first keyword stands."""
    lowered = heading.lower()

    def where(section_id: str) -> int:
        found = [lowered.find(k.lower()) for k in form.section(section_id).keywords]
        return min((n for n in found if n >= 0), default=len(lowered))
    return tuple(sorted(targets, key=where))


# a paragraph that opens with its cause («Do địa bàn rộng…», «Nguyên nhân: …»)
_CAUSE = re.compile(r"^[\W_]*(?:(?:một phần|chủ yếu|phần lớn)\s+)?(?:là\s+)?"
                    r"(?:do|vì|bởi|nguyên nhân)(?!\w)", re.IGNORECASE)


# … and one that tells what is still lacking («còn mỏng», «chưa chặt chẽ», «thiếu»)
_SHORTFALL = re.compile(r"(?<!\w)(?:còn|chưa|thiếu)(?!\w)", re.IGNORECASE)


def _split(form: Form, targets: tuple[str, ...], lines: list[str]) -> list[str]:
    """The section each paragraph under a heading goes to: the one of `targets` whose
    keywords it uses most; a cause to the section of causes, what is still lacking to the
    limitations' (not among causes already begun); one that says none of these stays with
    the paragraph before, the first in the order the heading names them."""
    if len(targets) == 1:
        return [targets[0]] * len(lines)
    named = {sid: fold(form.section(sid).heading) for sid in targets}
    causes = next((sid for sid, h in named.items() if "nguyen nhan" in h), None)
    limits = next((sid for sid, h in named.items() if "han che" in h), None)
    out, last = [], targets[0]
    for line in lines:
        hits = [(keyword_hits(form.section(sid), line), -n, sid)
                for n, sid in enumerate(targets)]
        best = max(hits)
        if causes and _CAUSE.match(line):
            last = causes
        elif limits and last != causes and _SHORTFALL.search(line):
            last = limits
        elif best[0] and sum(1 for h in hits if h[0] == best[0]) == 1:
            last = best[2]
        out.append(last)
    return out


def _colon_heading(para: Para, reader: OutlineReader):
    """«- Về tập huấn:» in bold on its own line, naming a section: a heading. One that names
    none («Cụ thể như sau:») stays the text it introduces."""
    text = para.text.strip()
    if not para.bold or not text.endswith(":") or len(text.split()) > 12 or "\n" in text:
        return None
    title = re.sub(r"^[-–+•]\s*", "", text).rstrip(": ").strip()
    numbered = numbered_heading(title)
    bare = re.sub(r"^về\s+", "", numbered[2] if numbered else title, flags=re.IGNORECASE)
    section, score, _ = reader._match(bare, None)
    return (None, title) if section is not None and score >= LIKELY else None


_RUN_IN_WORDS = 15


def _run_in(para: Para, reader: OutlineReader):
    """(level, heading, rest as mark-up, rest as text) of a paragraph that opens with its
    heading («1. Kết quả: Trong kỳ, …», «**a) Báo in.** Mở chuyên mục …»); None otherwise.
    A bold opening that is numbered or names a section, or a numbered one ending in «:»
    that names a section."""
    text = para.text
    if "\n" in text.strip() or para.num_format == "bullet" or len(text.split()) < 5 or \
            para.bold or para.outline is not None:
        return None
    auto = bool(para.number) and para.num_format not in ("bullet", "none")
    prefix = f"{para.number} " if auto else ""
    # «**Báo chí:** …», or «***Báo chí:*** *…*» in an italic style
    bold = re.match(r"\s*\*\*(\*?)(.+?)\1\*\*(?!\*)", para.markup)
    lead = rest_markup = None
    if bold:
        lead = bold.group(2).replace("\\*", "*")
        if not text.startswith(lead):
            return None
        after = text[len(lead):].lstrip()
        if not lead.rstrip().endswith((":", ".", "-", "–")) and not after[:1].isupper():
            return None  # «**Đài tỉnh** phát 30 phóng sự»: bold words of a sentence
        rest_markup, rest = para.markup[bold.end():], text[len(lead):]
    elif auto or numbered_heading(text):
        colon = text.find(":")
        marked = para.markup.find(":")
        if colon < 0 or marked < 0 or colon > 150:
            return None
        lead, rest = text[:colon + 1], text[colon + 1:]
        rest_markup = para.markup[marked + 1:]
    else:
        return None
    lead = lead.strip()
    rest, rest_markup = rest.strip(" :.-–"), rest_markup.strip().lstrip(":.-– ")
    title = (prefix + lead).strip().rstrip(":.-– ").strip()
    if len(lead.split()) > _RUN_IN_WORDS or title.endswith((",", ";")) or capitals(rest) or \
            not (len(rest.split()) >= 5 or rest.endswith((".", ";"))):
        return None
    numbered = numbered_heading(title)
    level = (para.outline if para.outline is not None and para.outline <= 3 else None) or \
        (LEVEL_OF_FORMAT.get(para.num_format) if auto else None) or \
        (numbered[0] if numbered else None)
    section, score, _ = reader._match(title, level)
    if section is None and not (bold and (auto or numbered)):
        return None
    if section is not None and section.id == reader.current:
        return None  # an item of the section being read («2. Phát hành ấn phẩm: 3.000 …»)
    return level, title, rest_markup, rest


def _letterhead_lines(blocks) -> list[str]:
    lines = []
    for block in blocks[:12]:
        if isinstance(block, Table):
            lines.extend(line for row in block.rows for cell in row for line in
                         cell.splitlines())
        elif len(block.text) <= 120:
            lines.extend(block.text.splitlines())
    return lines


def _starts_body(reader: OutlineReader, heading) -> bool:
    level, title = heading
    if level == 1:
        return True
    section, score, _ = reader._match(title, level)
    return section is not None and score >= LIKELY


def _is_body_text(para: Para) -> bool:
    """A paragraph that is the report's own text, never letterhead: long, or a sentence."""
    words = len(para.text.split())
    return len(para.text) > 160 or words > 25 or (para.text.endswith((":", ".")) and words > 8)


def _is_subject(para: Para, subject: list[str]) -> bool:
    folded = fold(para.text)
    if folded.startswith(("thuc hien", "can cu", "kinh gui", "theo ")) or \
            PART.match(para.text):
        return False
    if para.text.endswith(".") and len(para.text.split()) > 8:
        return False  # a sentence of the report
    return para.bold or guess_period(para.text) is not None or \
        folded.startswith(_SUBJECT_WORDS) or (bool(subject) and len(para.text) < 120)


def _names_section(reader: OutlineReader, para: Para, seen) -> bool:
    """A heading line after the title that surely names a section and no period: the report
    has begun («CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO» in bold, unnumbered), it is no subject line."""
    if seen is None or guess_period(para.text) is not None:
        return False
    section, score, _ = reader._match(seen[1], seen[0])
    return section is not None and score >= SURE


def is_docx_name(name: str) -> bool:
    return name.lower().endswith(WORD_SUFFIXES)
