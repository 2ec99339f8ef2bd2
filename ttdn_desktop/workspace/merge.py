"""The period's merged report: the agencies' contributions, the secretariat's own text and
order per section, the prose check (the Word report and the workbook written from it: ws.files)."""

from __future__ import annotations

from ttdn_desktop.core.agency import Agency
from ttdn_desktop.core.merge import EDITED, Consolidation, Contribution, consolidate
from ttdn_desktop.core.periods import Period, parse_time
from ttdn_desktop.core.rules import CONFLICT
from ttdn_desktop.storage import agencies as agency_store
from ttdn_desktop.storage import held as held_store
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.storage.consolidated import (edited_records, merge_orders,
                                               save_consolidated_section, set_merge_order)
from ttdn_desktop.storage.periods import period_dates
from ttdn_desktop.storage.reviews import reviews_in_period
from ttdn_desktop.storage.sub_members import received_members


class Merge:
    def __init__(self, ws):
        self._ws = ws

    def contributions(self, period: Period, form_id: str, texts: bool = True,
                      members: list[Agency] | None = None) -> dict[str, Contribution]:
        """`texts`=False: figures only; `members`: the member list, when the caller has it."""
        db = self._ws.db
        by_code = {a.code: a for a in (members or agency_store.member_list(db))}
        result = {}
        for report, info, content in report_store.current_in_period(db, period, form_id,
                                                                    texts):
            result[report["agency_code"]] = Contribution(
                by_code[report["agency_code"]], info.revision,
                parse_time(info.sent_at), parse_time(info.received_at), content,
                received_members(db, report["id"], info.revision),
                info.as_sent)
        return result

    def consolidation(self, period: Period, agency_code: str | None = None) -> Consolidation:
        """The merged report of a period, or one agency's report in the same shape."""
        db, form = self._ws.db, self._ws.form
        members = agency_store.member_list(db)
        contributions = self.contributions(period, form.id, members=members)
        # last year's reports give last year's totals, nothing of their text
        last_year = self.contributions(period.same_period_last_year(), form.id, texts=False,
                                       members=members)
        records = edited_records(db, period, form.id)
        edited = {section: text for section, (text, _) in records.items()}
        based_on = {section: seen for section, (_, seen) in records.items()}
        reviews = reviews_in_period(db, period, form.id)
        conflicts = {row["agency_code"] for row in held_store.list_held(
            db, reason=CONFLICT, period_code=period.code)}
        orders = merge_orders(db, period, form.id)
        if agency_code:
            agency_code = self._ws.agencies.get(agency_code)["code"]
            members = [a for a in members if a.code == agency_code]
            contributions = {k: v for k, v in contributions.items() if k == agency_code}
            last_year = {k: v for k, v in last_year.items() if k == agency_code}
            edited, based_on, orders = {}, {}, {}
        previous = consolidate(form, period.same_period_last_year(), members, last_year)
        merged = consolidate(form, period, members, contributions,
                             period_dates(db, period).deadline, edited, previous.totals,
                             reviews, conflicts, orders, based_on, previous.per_agency)
        return merged if agency_code else self._ws.drafts.apply(merged)

    def save_section(self, period: Period, section_id: str, text: str) -> None:
        """The secretariat's own text for a section, remembering which revision of each
        agency it was made from, so a newer one arriving later is flagged."""
        form_id = self._ws.form.id
        seen = {code: c.revision for code, c in self.contributions(period, form_id).items()}
        with self._ws.db.atomic():
            save_consolidated_section(self._ws.db, period, form_id, section_id, text, seen)
            self._ws.drafts.choose(period, section_id, EDITED)

    def acknowledge(self, period: Period, section_id: str) -> None:
        """The newer revisions have been read and folded in by hand: stop flagging them."""
        records = edited_records(self._ws.db, period, self._ws.form.id)
        if section_id in records:
            self.save_section(period, section_id, records[section_id][0])

    def set_order(self, period: Period, section_id: str, order: list[str],
                  excluded: set[str]) -> None:
        set_merge_order(self._ws.db, period, self._ws.form.id, section_id, order, excluded)

    def prose_check(self, period: Period, merged: Consolidation | None = None) -> list:
        """Figures the agencies' texts state that their own statistics contradict or leave
        empty (core.prose_check); `merged`: the period's consolidation, when the caller has it."""
        from ttdn_desktop.core.prose_check import check
        return check(merged if merged is not None else self.consolidation(period))
