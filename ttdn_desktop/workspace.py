"""The operations both front ends share: the command line and the Qt app call these, never the
storage or exchange modules in their own way."""

from __future__ import annotations

import os
from datetime import datetime

from ttdn_desktop.core.docformat import (Letterhead, agency_letterhead, check_setting,
                                         letterhead_from)
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.forms import Form, FormLibrary
from ttdn_desktop.core.merge import Agency, Consolidation, Contribution, consolidate
from ttdn_desktop.core.periods import Period
from ttdn_desktop.exchange import importer
from ttdn_desktop.exchange.package import build_package
from ttdn_desktop.storage import agencies as agency_store
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.storage.consolidated import edited_sections
from ttdn_desktop.storage.database import open_database, resolve_db_path
from ttdn_desktop.storage.periods import period_dates
from ttdn_desktop.storage.settings import all_settings, get_setting, set_setting

AGENCY = "agency"
SECRETARIAT = "secretariat"
from ttdn_desktop.util.files import write_bytes_atomic
from ttdn_desktop.util.paths import form_dirs


def load_forms() -> FormLibrary:
    return FormLibrary.from_dirs(form_dirs())


class Workspace:
    def __init__(self, db_path: str | os.PathLike | None = None,
                 forms: FormLibrary | None = None):
        self.path = resolve_db_path(db_path)
        self.db = open_database(self.path)
        self.forms = forms if forms is not None else load_forms()

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def form(self) -> Form:
        """The newest version of the default form."""
        return self.forms.latest()

    # --- agencies -------------------------------------------------------------------------
    def agencies(self, include_retired: bool = True) -> list[dict]:
        return agency_store.list_agencies(self.db, include_retired)

    def agency(self, code: str) -> dict:
        row = agency_store.get_agency(self.db, code.upper())
        if row is None:
            raise TTDNError(f"Không có đơn vị mã «{code}» trong danh sách thành viên. "
                            "Xem danh sách bằng lệnh «ttdn agencies».")
        return row

    def add_agency(self, code: str, name: str, kind: str = "",
                   sort_order: int | None = None) -> tuple[dict, list]:
        """Add a member; packages held for it are imported now. Returns (agency, results)."""
        agency = agency_store.add_agency(self.db, code, name, kind, sort_order)
        return agency, importer.release_held(self.db, self.forms, agency["code"])

    # --- reports --------------------------------------------------------------------------
    def new_report(self, agency_code: str, period: Period, form: Form | None = None) -> str:
        self.agency(agency_code)
        return report_store.create_report(self.db, agency_code.upper(), period, form or self.form)

    def report_for(self, agency_code: str, period: Period, form_id: str | None = None) -> dict:
        report = report_store.report_for(self.db, agency_code.upper(), period,
                                         form_id or self.form.id)
        if report is None:
            name = self.agency(agency_code)["name"]
            raise TTDNError(f"{name} chưa có báo cáo {period.label}.")
        return report

    def form_of(self, report: dict) -> Form:
        info = report_store.current_revision(self.db, report["id"])
        return self.forms.get(report["form_id"], info.form_version)

    def package_bytes(self, agency_code: str, period: Period) -> tuple[bytes, int]:
        """Seal the current revision (it is being sent) and build its package."""
        report = self.report_for(agency_code, period)
        info = report_store.seal_current(self.db, report["id"])
        agency = self.agency(agency_code)
        data = build_package(
            form=self.forms.get(report["form_id"], info.form_version),
            agency_code=agency["code"], agency_name=agency["name"], period=period,
            report_id=report["id"], revision=info.revision, supersedes=info.supersedes,
            content=report_store.load_content(self.db, report["id"], info.revision))
        return data, info.revision

    def write_package(self, agency_code: str, period: Period, out: str | os.PathLike) -> int:
        data, revision = self.package_bytes(agency_code, period)
        write_bytes_atomic(out, data)
        return revision

    def write_form_xlsx(self, agency_code: str, period: Period, out) -> int:
        """The Excel form for an agency without the app, prefilled with its current report if
        there is one. Returns the revision the form will make."""
        from ttdn_desktop.exchange.xlsx_form import FormIdentity, stable_report_id, write_form_xlsx
        agency = self.agency(agency_code)
        report = report_store.report_for(self.db, agency["code"], period, self.form.id)
        prefill = None
        if report is None:
            report_id, revision, supersedes = stable_report_id(agency["code"], period,
                                                               self.form.id), 1, None
        else:
            info = report_store.current_revision(self.db, report["id"])
            report_id = report["id"]
            revision, supersedes = (info.revision + 1, info.revision) if info.sealed \
                else (info.revision, info.supersedes)
            prefill = report_store.load_content(self.db, report["id"], info.revision)
        identity = FormIdentity(self.form, agency["code"], agency["name"], period, report_id,
                                revision, supersedes)
        write_form_xlsx(identity, out, prefill, period_dates(self.db, period).deadline)
        return revision

    def import_files(self, paths, dry_run: bool = False, progress=None):
        return importer.import_files(self.db, self.forms, importer.expand_paths(paths),
                                     dry_run=dry_run, progress=progress)

    # --- who uses this database -----------------------------------------------------------------
    @property
    def mode(self) -> str | None:
        """ "agency" (a member agency drafting its own report), "secretariat", or None before
        the first-start setup."""
        return get_setting(self.db, "app.mode")

    @property
    def own_agency(self) -> str | None:
        return get_setting(self.db, "app.own_agency") or None

    def set_up(self, mode: str, letterhead_values: dict[str, str],
               agency_code: str | None = None, agency_name: str | None = None) -> None:
        """The first-start choices: who we are and our letterhead. An agency not yet on the
        member list is added."""
        if mode not in (AGENCY, SECRETARIAT):
            raise ValueError(mode)
        checked = {key: check_setting(key, value) for key, value in letterhead_values.items()}
        if mode == AGENCY:
            if not agency_code:
                raise TTDNError("Hãy chọn hoặc nhập đơn vị của bạn.")
            if agency_store.get_agency(self.db, agency_code.upper()) is None:
                self.add_agency(agency_code, agency_name or "")
            agency_code = self.agency(agency_code)["code"]
        with self.db.atomic():
            for key, value in checked.items():
                set_setting(self.db, key, value)
            set_setting(self.db, "app.mode", mode)
            set_setting(self.db, "app.own_agency", agency_code or "")

    # --- letterhead settings -----------------------------------------------------------------
    def letterhead(self, agency_code: str | None = None) -> Letterhead:
        """The issuing agency's letterhead; with `agency_code`, that member agency's (our own
        settings when it is our own agency)."""
        values = all_settings(self.db)
        own = letterhead_from(values)
        if not agency_code or agency_code.upper() == (self.own_agency or "").upper():
            return own
        agency = self.agency(agency_code)
        prefix = f"agency.{agency['code']}."
        overrides = {k[len(prefix):]: v for k, v in values.items() if k.startswith(prefix)}
        return agency_letterhead(own, agency["code"], agency["name"], overrides)

    def set_letterhead_setting(self, key: str, value: str, agency_code: str | None = None) -> str:
        value = check_setting(key, value)
        prefix = f"agency.{self.agency(agency_code)['code']}." if agency_code else ""
        set_setting(self.db, prefix + key, value)
        return value

    # --- merge ------------------------------------------------------------------------------
    def contributions(self, period: Period, form_id: str) -> dict[str, Contribution]:
        members = {a["code"]: a for a in self.agencies()}
        result = {}
        for report in report_store.reports_in_period(self.db, period, form_id):
            info = report_store.current_revision(self.db, report["id"])
            member = members[report["agency_code"]]
            result[report["agency_code"]] = Contribution(
                Agency(member["code"], member["name"], bool(member["retired"])), info.revision,
                _parse_time(info.sent_at), _parse_time(info.received_at),
                report_store.load_content(self.db, report["id"], info.revision))
        return result

    def consolidation(self, period: Period, agency_code: str | None = None) -> Consolidation:
        """The merged report of a period, or one agency's report in the same shape."""
        form = self.form
        contributions = self.contributions(period, form.id)
        last_year = self.contributions(period.same_period_last_year(), form.id)
        members = agency_store.member_list(self.db)
        edited = edited_sections(self.db, period, form.id)
        if agency_code:
            agency_code = self.agency(agency_code)["code"]
            members = [a for a in members if a.code == agency_code]
            contributions = {k: v for k, v in contributions.items() if k == agency_code}
            last_year = {k: v for k, v in last_year.items() if k == agency_code}
            edited = {}
        previous = consolidate(form, period.same_period_last_year(), members, last_year)
        return consolidate(form, period, members, contributions,
                           period_dates(self.db, period).deadline, edited, previous.totals)


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        return None
