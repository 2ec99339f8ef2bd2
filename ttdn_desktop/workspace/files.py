"""The files the workspace writes: the Word report and the workbook of figures, an agency's
package and Excel form, the request packages, the package for the level above, the member list.

A door built on first use (ws.files), as ws.word and ws.imports: the writers of exchange/ and
export/ (python-docx, openpyxl, the package and its signature) are imported at the top here,
so the doors the window reads through at start (merge, reports, periods, upward, agencies)
load none of them."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.merge import Consolidation
from ttdn_desktop.core.periods import Period, format_date
from ttdn_desktop.core.settings import SECRETARIAT_MAIL
from ttdn_desktop.core.text import nfc
from ttdn_desktop.core.upward import UpwardReport
from ttdn_desktop.exchange.package import build_package, build_upward_package
from ttdn_desktop.exchange.request import build_request, read_request
from ttdn_desktop.exchange.xlsx_form import FormIdentity, stable_report_id, write_form_xlsx
from ttdn_desktop.export.docx_report import write_report_docx
from ttdn_desktop.export.members_xlsx import write_members_xlsx
from ttdn_desktop.export.xlsx_stats import write_stats_xlsx
from ttdn_desktop.storage import forms as form_store
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.storage import upward as upward_store
from ttdn_desktop.storage.periods import period_dates, set_period_dates
from ttdn_desktop.storage.settings import get_setting
from ttdn_desktop.util.files import write_bytes_atomic
from ttdn_desktop.workspace.reports import OutgoingPackage


class Files:
    def __init__(self, ws):
        self._ws = ws

    # --- the Word report and the workbook of figures (ws.merge's consolidation) ----------------
    def report_docx(self, period: Period, out, agency_code: str | None = None) -> Consolidation:
        """The Word report: the agency's own, or (without `agency_code`) the consolidated one.
        Returns the report written (what the caller says about it)."""
        merged = self._ws.merge.consolidation(period, agency_code)
        write_report_docx(merged, out, self._ws.setup.letterhead(agency_code),
                          attribute=agency_code is None)
        return merged

    def stats_xlsx(self, period: Period, out, agency_code: str | None = None) -> Consolidation:
        """The Excel workbook of the figures: the agency's own, or the consolidated ones.
        Returns the report written."""
        merged = self._ws.merge.consolidation(period, agency_code)
        dates = period_dates(self._ws.db, period)
        write_stats_xlsx(merged, out, (dates.data_from, dates.data_to))
        return merged

    # --- what an agency sends (ws.reports) -------------------------------------------------------
    def package(self, agency_code: str, period: Period) -> OutgoingPackage:
        """The package of the current revision, not yet sealed: call `mark_sent` once its file
        is safely written, so a failed write never leaves a revision sealed with no file."""
        ws = self._ws
        report = ws.reports.of(agency_code, period)
        info = report_store.current_revision(ws.db, report["id"])
        agency = ws.agencies.get(agency_code)
        content = report_store.load_content(ws.db, report["id"], info.revision)
        data = build_package(
            form=ws.forms.get(report["form_id"], info.form_version),
            agency_code=agency["code"], agency_name=agency["name"], period=period,
            report_id=report["id"], revision=info.revision, supersedes=info.supersedes,
            content=content, signer=ws.keys.signer)
        return OutgoingPackage(data, report["id"], info.revision, content)

    def write_package(self, agency_code: str, period: Period, out: str | os.PathLike) -> int:
        """Write the package file first, then seal: on failure nothing is sealed."""
        package = self.package(agency_code, period)
        write_bytes_atomic(out, package.data)
        self._ws.reports.mark_sent(package)
        return package.revision

    def form_xlsx(self, agency_code: str, period: Period, out) -> int:
        """The Excel form for an agency without the app, prefilled with its current report if
        there is one. Returns the revision the form will make."""
        ws = self._ws
        agency = ws.agencies.get(agency_code)
        report = report_store.report_for(ws.db, agency["code"], period, ws.form.id)
        prefill = None
        if report is None:
            report_id, revision, supersedes = stable_report_id(agency["code"], period,
                                                               ws.form.id), 1, None
        else:
            info = report_store.current_revision(ws.db, report["id"])
            report_id = report["id"]
            revision, supersedes = (info.revision + 1, info.revision) if info.sealed \
                else (info.revision, info.supersedes)
            prefill = report_store.load_content(ws.db, report["id"], info.revision)
        identity = FormIdentity(ws.form, agency["code"], agency["name"], period, report_id,
                                revision, supersedes)
        write_form_xlsx(identity, out, prefill, period_dates(ws.db, period).deadline)
        return revision

    # --- the requests and the report to the level above (ws.periods, ws.upward) -----------------
    def request_bytes(self, period: Period, agency_code: str | None = None,
                      deadline=None, data_from=None, data_to=None) -> bytes:
        """The request package for a period (all agencies, or one). Dates given here are also
        kept as the period's dates."""
        ws = self._ws
        if (data_from or data_to) and (data_from or ws.periods.dates(period).data_from) > \
                (data_to or ws.periods.dates(period).data_to):
            raise TTDNError("Ngày chốt số liệu «từ» phải trước ngày «đến».")
        if deadline is not None or data_from is not None or data_to is not None:
            ws.periods.set_dates(period, data_from=data_from, data_to=data_to, deadline=deadline)
        dates = ws.periods.dates(period)
        form = ws.form
        agency = ws.agencies.get(agency_code) if agency_code else None
        issuer = ws.setup.letterhead().issuing_body.replace("\n", " ")
        source = form_store.source(ws.db, form) or Path(form.path).read_bytes()
        return build_request(form=form, form_source=source, period=period,
                             data_from=dates.data_from, data_to=dates.data_to,
                             deadline=dates.deadline,
                             agency_code=agency["code"] if agency else None,
                             agency_name=agency["name"] if agency else None, issuer=issuer,
                             signer=ws.keys.signer, members=ws.agencies.members(),
                             mail=get_setting(ws.db, SECRETARIAT_MAIL))

    def upward_package(self, period: Period, out: str | os.PathLike) -> tuple[int, UpwardReport]:
        """Write the period's report for the level above and record what it was built from.
        Sending again after a change makes the next revision of the same report; sending the
        same content again repeats its revision. Returns (revision, report)."""
        ws, db = self._ws, self._ws.db
        identity = ws.upward.identity(period)
        if identity is None:
            raise TTDNError("Chưa đặt mã và tên của Ban Chỉ đạo trong danh sách thành viên của "
                            "cấp trên (Công cụ › Gửi lên cấp trên, hoặc lệnh «ttdn upward "
                            "identity --code MÃ --name TÊN»).")
        code, name = identity
        form, _asked = ws.upward.form(period)
        report = ws.upward.report(period, form)
        if not report.sources:
            raise TTDNError(f"Chưa có báo cáo nào của các đơn vị thành viên {period.phrase}: "
                            "không có gì để gửi lên cấp trên.")
        last = upward_store.last_sent(db, period)
        sha = report.content.sha256()
        if last is not None and last.agency_code == code and last.content_sha256 == sha and \
                (last.form_id, last.form_version) == form.key:
            report_id, revision, supersedes = last.report_id, last.revision, last.supersedes
        elif last is not None and last.agency_code == code:
            report_id, revision, supersedes = last.report_id, last.revision + 1, last.revision
        else:
            report_id, revision, supersedes = str(uuid.uuid4()), 1, None
        data = build_upward_package(form=form, agency_code=code, agency_name=name, period=period,
                                    report_id=report_id, revision=revision,
                                    supersedes=supersedes, report=report,
                                    signer=ws.keys.signer)
        with db.atomic():  # a file that could not be written is not recorded as sent
            upward_store.record_sent(
                db, period=period, form_id=form.id, form_version=form.version,
                report_id=report_id, revision=revision, supersedes=supersedes,
                agency_code=code, agency_name=name, content=report.content,
                sources=report.sources, file_name=nfc(Path(out).name))
            write_bytes_atomic(out, data)
        return revision, report

    def forward_request_bytes(self, period: Period, deadline, agency_code: str | None = None
                              ) -> bytes:
        """The request from above passed on to our own members, on the form it brought and
        with our own deadline, which must come before the one above (kept as the period's)."""
        ws = self._ws
        request = ws.upward.request(period)
        if request is None:
            raise TTDNError(f"Chưa nhận đề nghị báo cáo {period.phrase} nào của cấp trên: hãy "
                            "nhập gói đề nghị của cấp trên trước (Tệp › Nhập tệp, hoặc «ttdn "
                            "import»).")
        if deadline is None or deadline >= request.deadline:
            given = f" ({format_date(deadline)})" if deadline else ""
            raise TTDNError(f"Hạn gửi cho các đơn vị thành viên{given} phải trước hạn gửi lên "
                            f"cấp trên ({format_date(request.deadline)}), để còn thời gian tổng "
                            "hợp. Hãy chọn một ngày sớm hơn.")
        agency = ws.agencies.get(agency_code) if agency_code else None
        received = read_request(request.file_name, request.package)
        set_period_dates(ws.db, period, request.data_from, request.data_to, deadline)
        issuer = ws.setup.letterhead().issuing_body.replace("\n", " ")
        return build_request(form=received.form, form_source=received.form_source,
                             period=period, data_from=request.data_from,
                             data_to=request.data_to, deadline=deadline,
                             agency_code=agency["code"] if agency else None,
                             agency_name=agency["name"] if agency else None, issuer=issuer,
                             signer=ws.keys.signer, members=ws.agencies.members(),
                             mail=get_setting(ws.db, SECRETARIAT_MAIL))

    # --- the members (ws.agencies) ---------------------------------------------------------------
    def members_xlsx(self, out) -> int:
        """The member list (code, name, kind, address) as an Excel sheet; how many members."""
        rows = self._ws.agencies.all(include_retired=False)
        write_members_xlsx(rows, out)
        return len(rows)
