"""The level above: its request, our identity on its member list, and the period's report sent
up to it: what it is built from, and whether it is still what was sent (the package and the
request passed on are written by ws.files)."""

from __future__ import annotations

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.forms import Form
from ttdn_desktop.core.merge import Consolidation
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.settings import UPWARD_CODE, UPWARD_NAME
from ttdn_desktop.core.text import nfc
from ttdn_desktop.core.upward import (Source, UpwardReport, UpwardStatus, changes_since,
                                      upward_report)
from ttdn_desktop.storage import agencies as agency_store
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.storage import upward as upward_store
from ttdn_desktop.storage.consolidated import edited_since
from ttdn_desktop.storage.settings import get_setting, set_setting


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
