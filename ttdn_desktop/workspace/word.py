"""Reports written in Word (or an agency's own statistics sheet): read and matched, brought in
as the agency's next revision, and the parts that matched no section placed later."""

from __future__ import annotations

import uuid
from pathlib import Path

from ttdn_desktop.core import trust
from ttdn_desktop.core.errors import PackageError, TTDNError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.rules import NEW, NEWER, SAME
from ttdn_desktop.core.text import format_number, nfc
from ttdn_desktop.core.validation import breakdown_problems
from ttdn_desktop.core.wordmatch import heading_key, heading_lines
from ttdn_desktop.core.losses import losses
from ttdn_desktop.core.proposals import competing, sum_proposals
from ttdn_desktop.exchange import importer
from ttdn_desktop.exchange import source_files
from ttdn_desktop.exchange import import_result
from ttdn_desktop.exchange.docx_import import DOCX_LIMITS, is_docx_name
from ttdn_desktop.exchange.package import build_package
from ttdn_desktop.exchange.sheet_import import SHEET_SUFFIXES, is_agency_sheet, read_report
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.storage import wordimport as word_store


class Word:
    def __init__(self, ws):
        self._ws = ws

    @staticmethod
    def is_word_file(name: str) -> bool:
        return is_docx_name(name) or name.lower().endswith(".xls")

    @staticmethod
    def is_agency_sheet(path) -> bool:
        """An Excel workbook that is not the app's form: its figures are confirmed as a Word
        report's are."""
        path = Path(path)
        if path.suffix and not path.name.lower().endswith(SHEET_SUFFIXES):
            return False  # a name with no suffix: told by its content
        try:
            return is_agency_sheet(path.name, source_files.read_file_bytes(path, 30 << 20))
        except PackageError:
            return False

    def read(self, path, data: bytes | None = None, period: Period | None = None):
        """Read and match a report written in Word (a WordReport), or an agency's own
        statistics sheet (a SheetReport: figures only, read in `period`'s column when given);
        nothing is stored. `data`: the file's bytes when they came in an e-mail rather than
        from `path`. Headings this agency's earlier imports were confirmed with are placed the
        same way."""
        name = nfc(Path(path).name) if data is None else str(path)
        if data is None:
            data = source_files.read_file_bytes(Path(path), DOCX_LIMITS.max_file_bytes)
        return read_report(name, data, self._ws.form,
                           [(a["code"], a["name"]) for a in self._ws.agencies.all()],
                           remembered=self.placements, period=period)

    def placements(self, agency_code: str) -> dict[str, str]:
        """{heading key: section id} confirmed in this agency's earlier Word imports."""
        return word_store.placements_for(self._ws.db, agency_code, self._ws.form.id)

    def content(self, report, placements: dict[int, str] | None = None,
                accepted=()) -> ReportContent:
        """What a Word report brings: its sections, the set-aside parts the user placed (by
        index), the figures the user accepted."""
        self._one_figure_each(report.file_name, accepted)
        sections = {sid: list(lines) for sid, lines in report.sections.items()}
        for index, section_id in (placements or {}).items():
            heading, lines = report.other[index]
            sections.setdefault(section_id, []).extend(heading_lines(heading) + lines)
        return ReportContent({sid: "\n".join(lines) for sid, lines in sections.items()},
                             sum_proposals(list(accepted)))

    def _sheet_content(self, agency_code: str, period: Period, accepted) -> ReportContent:
        """What a statistics sheet brings: the agency's current report (text, notes) with the
        accepted figures put in; nothing else of it changes."""
        self._one_figure_each("", accepted)
        db = self._ws.db
        existing = report_store.report_for(db, agency_code, period, self._ws.form.id)
        current = report_store.load_content(db, existing["id"]) if existing else \
            ReportContent()
        figures = dict(current.figures)
        figures.update(sum_proposals(list(accepted)))
        return ReportContent(dict(current.sections), figures, dict(current.notes),
                             dict(current.last_year))

    def _one_figure_each(self, file_name: str, accepted) -> None:
        """Figures of two sentences accepted for one indicator: refused, naming them (the front
        ends let one be chosen first); adding them was a guess stored as a fact."""
        rivals = competing(list(accepted))
        if rivals:
            named = "; ".join(f"«{self._ws.form.figure_label(key)}» ("
                              + ", ".join(format_number(p.value) for p in found) + ")"
                              for key, found in rivals.items())
            raise TTDNError(f"{file_name + ': ' if file_name else ''}chưa nhập gì — mỗi chỉ "
                            f"tiêu chỉ nhận một số, mà đã đánh dấu số của nhiều câu khác nhau "
                            f"cho {named}; hãy chọn một số (nếu chỉ tiêu là tổng của chúng, "
                            "nhập tay số tổng).")

    def losses(self, report, agency_code: str, period: Period,
               placements: dict[int, str] | None = None, accepted=()) -> list:
        """The sections (and figures) of the agency's current revision that importing this
        Word report would empty or shorten (core.wordmatch.Loss); [] for a first report."""
        db = self._ws.db
        existing = report_store.report_for(db, agency_code, period, self._ws.form.id)
        if existing is None:
            return []
        current = report_store.load_content(db, existing["id"])
        brought = self._sheet_content(agency_code, period, accepted) \
            if getattr(report, "figures_only", False) else \
            self.content(report, placements, accepted)
        return losses(self._ws.form, current, brought)

    def import_report(self, report, agency_code: str, period: Period,
                      placements: dict[int, str] | None = None, accepted=(),
                      allow_losses: bool = False, replace_signed: bool = False):
        """Bring a read Word report in as the agency's next revision, by the same rules as a
        package: `placements` puts set-aside parts (by index) into sections; `accepted` are
        the figure proposals the user confirmed. Refused (TTDNError, nothing changed) when it
        would empty or shorten a section of the current revision, unless `allow_losses`, or
        replace a signed one (keys.signed_replacement), unless `replace_signed`.
        Parts left unplaced are kept with the new revision; the placements are remembered
        for the agency's next report."""
        ws, db, form = self._ws, self._ws.db, self._ws.form
        agency = ws.agencies.get(agency_code)
        if getattr(report, "figures_only", False):
            if not accepted:  # a sheet brings figures only: with none confirmed, nothing
                raise TTDNError(f"{report.file_name}: chưa nhập gì — chưa nhận số liệu nào "
                                "của bảng tính (hãy đánh dấu những số đúng)")
            content = self._sheet_content(agency["code"], period, accepted)
        else:
            content = self.content(report, placements, accepted)
        existing = report_store.report_for(db, agency["code"], period, form.id)
        if existing is not None and report_store.load_content(
                db, existing["id"]).sha256() == content.sha256():
            return import_result.ImportResult(report.file_name, SAME, "nội dung giống hệt bản hiện "
                                         "hành", agency["code"], agency["name"], period.code)
        signed = ws.keys.signed_replacement(agency["code"], period)
        if signed and not replace_signed:
            raise TTDNError(f"{report.file_name}: không nhập, vì {signed}. Nếu đã gọi điện và "
                            "đơn vị xác nhận gửi bản này, hãy xác nhận thay bản có chữ ký.")
        found = self.losses(report, agency["code"], period, placements, accepted)
        if found and not allow_losses:
            raise TTDNError(
                f"{report.file_name}: không nhập, vì bản này ít hơn báo cáo hiện hành của "
                f"{agency['name']} ({period.label}): " + "; ".join(x.describe() for x in found)
                + ". Nếu đúng là muốn thay, hãy xác nhận thay bằng bản ít hơn.")
        if existing is None:
            report_id, revision, supersedes = str(uuid.uuid4()), 1, None
        else:
            # the agency's numbering: a revision the secretariat made (a kept part placed)
            # carries the agency's number of the one it was made from
            current = report_store.current_revision(db, existing["id"]).as_sent
            report_id, revision, supersedes = existing["id"], current + 1, current
        # built only to go through the import rules: not signed, it was not made here
        data = build_package(form=form, agency_code=agency["code"],
                             agency_name=agency["name"], period=period, report_id=report_id,
                             revision=revision, supersedes=supersedes, content=content,
                             created_at=report.saved_at)  # not now: the import is not the sending
        chosen = placements or {}
        remembered = [(heading_key(m.heading), m.heading, m.section_id) for m in report.matches
                      if m.section_id]
        remembered += [(heading_key(report.other[n][0]), report.other[n][0], sid)
                       for n, sid in chosen.items() if not report.other[n][0].startswith("(")]
        left = [(heading, "\n".join(lines)) for n, (heading, lines) in enumerate(report.other)
                if n not in chosen and lines]
        with db.atomic():
            result = importer.import_package_bytes(db, ws.forms, report.file_name,
                                                   data, trust.WORD, ws.imports.target(),
                                                   kind=report.kind)
            if result.outcome in (NEW, NEWER):
                # a total accepted beside parts that do not add up to it: stored as read,
                # and named (the review window marks it too)
                touched = {p.key[0] for p in accepted}
                result.warnings += [problem.message for problem in
                                    breakdown_problems(form, content.figures)
                                    if problem.indicator in touched]
                word_store.remember_placements(db, agency["code"], form.id, remembered)
                stored = report_store.report_for(db, agency["code"], period, form.id)
                kept = word_store.keep_unplaced(db, stored["id"], stored["current_revision"],
                                                report.file_name, left)
                if kept:
                    result.warnings.append(
                        f"{kept} phần chưa xếp được vào mục nào đã được lưu kèm báo cáo (lần "
                        f"{stored['current_revision']}) để xếp sau: xem «Phần chưa xếp» khi "
                        "xem báo cáo của đơn vị")
            if result.ok:  # a report fetched by mail and held: taken in now
                self._ws.mailbox.settle(report.file_name)
            return result

    def unplaced(self, agency_code: str, period: Period) -> list[dict]:
        """Text of Word imports kept with this agency's report because it matched no section
        (not yet placed), each with the file and revision it came with."""
        db = self._ws.db
        existing = report_store.report_for(db, agency_code, period, self._ws.form.id)
        return [] if existing is None else word_store.list_unplaced(db, existing["id"])

    def place(self, part_id: int, section_id: str):
        """Put a kept part at the end of a section of the agency's report, as its next
        revision (by the same rules as an import); the part is marked placed."""
        ws, db, form = self._ws, self._ws.db, self._ws.form
        part = word_store.unplaced(db, part_id)
        if part is None or part["placed_at"]:
            raise TTDNError("Phần này không còn (đã được xếp vào mục khác).")
        if form.section(section_id) is None:
            raise TTDNError(f"Mẫu báo cáo không có mục «{section_id}».")
        row = report_store.get_report(db, part["report_id"])
        agency = ws.agencies.get(row["agency_code"])
        period = Period.parse(row["period_code"])
        existing = report_store.report_for(db, agency["code"], period, form.id)
        content = report_store.load_content(db, existing["id"])
        text = "\n".join(x for x in [content.sections.get(section_id, "")]
                         + heading_lines(part["heading"]) + [part["text"]] if x)
        sections = dict(content.sections)
        sections[section_id] = text
        # numbered as the import rules number the agency's revisions (its own numbers)
        sent = report_store.current_revision(db, existing["id"])
        data = build_package(form=form, agency_code=agency["code"],
                             agency_name=agency["name"], period=period,
                             report_id=existing["id"], revision=sent.as_sent + 1,
                             supersedes=sent.as_sent,
                             content=ReportContent(sections, dict(content.figures),
                                                   dict(content.notes)))
        with db.atomic():
            result = importer.import_package_bytes(
                db, ws.forms, part["file_name"], data, trust.WORD, ws.imports.target(),
                kind="phần chưa xếp, được xếp vào mục sau khi nhập")
            if result.outcome in (NEW, NEWER):
                made = report_store.get_report(db, existing["id"])["current_revision"]
                # the secretariat's edit, not a sending of the agency: its sending stays
                report_store.keep_sending_of(
                    db, existing["id"], made, sent,
                    f"{part['file_name']} (phần chưa xếp, cơ quan thường trực xếp vào mục)")
                word_store.mark_placed(db, part_id, section_id, made)
                result.detail = (f"lần {sent.as_sent} của đơn vị, cơ quan thường trực xếp "
                                 "phần chưa xếp vào mục")
        return result
