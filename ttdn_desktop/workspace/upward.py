"""The level above: its request, our identity on its member list, and the period's report sent
up to it (what it was built from, and whether it is still what would be sent now)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.forms import Form
from ttdn_desktop.core.merge import Consolidation
from ttdn_desktop.core.periods import Period, format_date
from ttdn_desktop.core.settings import SECRETARIAT_MAIL, UPWARD_CODE, UPWARD_NAME
from ttdn_desktop.core.text import nfc
from ttdn_desktop.core.upward import (Source, UpwardReport, UpwardStatus, changes_since,
                                      upward_report)
from ttdn_desktop.storage import agencies as agency_store
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.storage import upward as upward_store
from ttdn_desktop.storage.consolidated import edited_since
from ttdn_desktop.storage.periods import set_period_dates
from ttdn_desktop.storage.settings import get_setting, set_setting
from ttdn_desktop.util.files import write_bytes_atomic


class Upward:
    def __init__(self, ws):
        self._ws = ws

    def request(self, period: Period):
        """The latest request received from above for the period (storage.upward.UpperRequest)."""
        return upward_store.upper_request(self._ws.db, period)

    def identity(self, period: Period | None = None) -> tuple[str, str] | None:
        """This committee's code and name on the upper level's member list: the settings, else
        the agency a request from above was addressed to."""
        db = self._ws.db
        code = get_setting(db, UPWARD_CODE)
        name = get_setting(db, UPWARD_NAME)
        if code and name:
            return code, name
        request = (self.request(period) if period else None) or \
            upward_store.any_upper_request(db)
        if request is not None and request.agency_code and request.agency_name:
            return request.agency_code, request.agency_name
        return None

    def set_identity(self, code: str, name: str) -> tuple[str, str]:
        code = agency_store.check_code(code)
        name = nfc(name).strip()
        if name:  # it goes out in every upward package's manifest, which refuses such a name
            name = agency_store.check_name(name, code)
        if not name:
            raise TTDNError("Hãy nhập tên của Ban Chỉ đạo như trong danh sách thành viên của "
                            "cấp trên.")
        db = self._ws.db
        with db.atomic():
            set_setting(db, UPWARD_CODE, code)
            set_setting(db, UPWARD_NAME, name)
        return code, name

    def form(self, period: Period) -> tuple[Form, bool]:
        """The form the level above asked for (its request), or our newest form when no
        request has come; the flag says whether a request decided it."""
        request = self.request(period)
        if request is None:
            return self._ws.form, False
        form = self._ws.forms.find(request.form_id, request.form_version)
        if form is None:  # the request's own copy of the form
            from ttdn_desktop.exchange.request import read_request
            form = read_request(request.file_name, request.package).form
        return form, True

    def sources(self, period: Period) -> list[Source]:
        """The agency revisions the consolidated report of the period is built from."""
        db = self._ws.db
        members = {a["code"]: a for a in self._ws.agencies.all()}
        sources = []
        for row in upward_store.current_revisions(db, period, self._ws.form.id):
            sha = row["content_sha256"] or report_store.load_content(
                db, row["report_id"], row["revision"]).sha256()
            member = members[row["agency_code"]]
            sources.append(Source(member["code"], member["name"], row["report_id"],
                                  row["revision"], sha))
        order = {a.code: n for n, a in enumerate(agency_store.member_list(db))}
        return sorted(sources, key=lambda s: order.get(s.agency_code, len(order)))

    def report(self, period: Period, form: Form | None = None,
               merged: Consolidation | None = None) -> UpwardReport:
        """`merged`: the period's consolidation when the caller has just made it."""
        return upward_report(merged or self._ws.merge.consolidation(period),
                             form or self.form(period)[0], self.sources(period))

    def status(self, period: Period, merged: Consolidation | None = None) -> UpwardStatus:
        db = self._ws.db
        sent = upward_store.last_sent(db, period)
        if sent is None:
            return UpwardStatus(period, None)
        form = self._ws.forms.find(sent.form_id, sent.form_version) or self.form(period)[0]
        now = self.report(period, form, merged)
        edited = edited_since(db, period, self._ws.form.id, sent.sent_at)
        return UpwardStatus(period, sent, changes_since(sent.sources, sent.content, now.sources,
                                                        now.content, form, edited))

    def export(self, period: Period, out: str | os.PathLike) -> tuple[int, UpwardReport]:
        """Write the period's report for the level above and record what it was built from.
        Sending again after a change makes the next revision of the same report; sending the
        same content again repeats its revision. Returns (revision, report)."""
        from ttdn_desktop.exchange.package import build_upward_package
        db = self._ws.db
        identity = self.identity(period)
        if identity is None:
            raise TTDNError("Chưa đặt mã và tên của Ban Chỉ đạo trong danh sách thành viên của "
                            "cấp trên (Công cụ › Gửi lên cấp trên, hoặc lệnh «ttdn upward "
                            "identity --code MÃ --name TÊN»).")
        code, name = identity
        form, _asked = self.form(period)
        report = self.report(period, form)
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
                                    signer=self._ws.keys.signer)
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
        from ttdn_desktop.exchange.request import build_request, read_request
        ws = self._ws
        request = self.request(period)
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
