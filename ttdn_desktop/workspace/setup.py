"""Who uses this database (its role, its own agency), the letterhead, the forms it uses, and
what the window remembers (typed settings, core.settings)."""

from __future__ import annotations

from pathlib import Path

from ttdn_desktop.core import docformat
from ttdn_desktop.core import settings as declared
from ttdn_desktop.core.docformat import Letterhead
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.forms import Form, load_form
from ttdn_desktop.core.role import Role
from ttdn_desktop.core.text import nfc
from ttdn_desktop.storage import agencies as agency_store
from ttdn_desktop.storage import forms as form_store
from ttdn_desktop.storage.settings import (family, get_setting, get_settings, set_setting,
                                           stored_settings)


class Setup:
    def __init__(self, ws):
        self._ws = ws

    # --- who uses this database -----------------------------------------------------------------
    @property
    def role(self) -> Role | None:
        """A member agency drafting its own report, or the secretariat; None before the
        first-start setup."""
        stored = get_setting(self._ws.db, declared.ROLE)
        return Role(stored) if stored else None

    @property
    def own_agency(self) -> str | None:
        return get_setting(self._ws.db, declared.OWN_AGENCY) or None

    def first_start(self, role: Role, letterhead_values: dict[str, str],
                    agency_code: str | None = None, agency_name: str | None = None) -> None:
        """The first-start choices: who we are and our letterhead. An agency not yet on the
        member list is added."""
        checked = {key: declared.letterhead_setting(key).check(value)
                   for key, value in letterhead_values.items()}
        db = self._ws.db
        with db.atomic():
            self.set_role(role, agency_code, agency_name)
            for key, value in checked.items():
                set_setting(db, declared.LETTERHEAD[key], value)

    def set_role(self, role: Role, agency_code: str | None = None,
                 agency_name: str | None = None) -> None:
        """Who uses this database: a member agency (which one) or the secretariat. Changeable
        at any time (Công cụ › Thiết lập); reports already made stay where they are."""
        if role not in tuple(Role):
            raise ValueError(role)
        db, agencies = self._ws.db, self._ws.agencies
        if role == Role.AGENCY:
            if not agency_code or not agency_code.strip():
                raise TTDNError("Hãy chọn hoặc nhập đơn vị của bạn.")
            agency_code = agency_code.strip()
            if agency_store.get_agency(db, agency_code.upper()) is None:
                if not (agency_name or "").strip():
                    raise TTDNError("Hãy nhập tên đơn vị của bạn.")
                agencies.add(agency_code, agency_name)
            agency_code = agencies.get(agency_code)["code"]
        with db.atomic():
            set_setting(db, declared.ROLE, role)
            set_setting(db, declared.OWN_AGENCY, agency_code if role == Role.AGENCY else "")

    # --- the letterhead ----------------------------------------------------------------------------
    def letterhead(self, agency_code: str | None = None) -> Letterhead:
        """The issuing agency's letterhead; with `agency_code`, that member agency's (our own
        settings when it is our own agency)."""
        db = self._ws.db
        own = Letterhead(**get_settings(db, declared.LETTERHEAD.values()))
        if not agency_code or agency_code.upper() == (self.own_agency or "").upper():
            return own
        agency = self._ws.agencies.get(agency_code)
        overrides = family(db, declared.AGENCY_LETTERHEAD, agency["code"])
        return declared.letterhead_from(
            overrides, docformat.agency_letterhead(own, agency["code"], agency["name"]))

    def stored_letterhead(self) -> dict[str, str]:
        """The letterhead settings this database holds for itself (set by an earlier start,
        the command line, `ttdn demo`, a restored backup), each checked; a value that does not
        check is left out, as letterhead() leaves it out."""
        return declared.checked_letterhead(
            stored_settings(self._ws.db, declared.LETTERHEAD.values()))

    def set_letterhead(self, key: str, value: str, agency_code: str | None = None) -> str:
        """One letterhead setting (checked), ours or, with `agency_code`, that agency's own."""
        value = declared.letterhead_setting(key).check(value)
        if agency_code:
            set_setting(self._ws.db, declared.AGENCY_LETTERHEAD, value,
                        self._ws.agencies.get(agency_code)["code"], key)
        else:
            set_setting(self._ws.db, declared.LETTERHEAD[key], value)
        return value

    def switch_layout(self, layout: str, agency_code: str | None = None) -> Letterhead:
        """Changes the layout and, with it, the code's separator and the signing capacity
        (core.docformat.convert_layout), in one transaction. Returns the new letterhead."""
        converted = docformat.convert_layout(self.letterhead(agency_code), layout)
        with self._ws.db.atomic():
            for key in ("layout", "code", "signing_capacity"):
                self.set_letterhead(key, getattr(converted, key), agency_code)
        return self.letterhead(agency_code)

    def chosen(self) -> list[tuple[str, object, object]]:
        """Every other setting the user chose (core.settings, in the `settings` place): (key,
        typed value, its declaration), in declared order; a family's stored members each, as
        stored."""
        db, listed = self._ws.db, []
        chosen = [s for s in declared.DECLARED
                  if s.place == declared.SETTINGS and s not in declared.LETTERHEAD.values()]
        values = get_settings(db, [s for s in chosen if "{}" not in s.key])
        for setting in chosen:
            if "{}" in setting.key:
                prefix = setting.prefix()
                listed += [(prefix + rest, value, setting)
                           for rest, value in sorted(family(db, setting).items())]
            else:
                listed.append((setting.key, values[setting.key], setting))
        return listed

    # --- the forms -------------------------------------------------------------------------------
    def form_list(self) -> list[tuple[Form, str]]:
        """Every form version this database can use, each with where it comes from, in words."""
        kept = form_store.origins(self._ws.db)
        listed = []
        for form in self._ws.forms:
            row = kept.get(form.key)
            where = "kèm theo chương trình" if row is None else (
                f"trong cơ sở dữ liệu này: {form_store.ORIGINS.get(row['origin'], row['origin'])}"
                f" («{row['file_name']}», {row['installed_at'][:10]})")
            listed.append((form, where))
        return listed

    def add_form(self, path) -> Form:
        """A form file of the province's own, kept in this database (only: another database
        on the machine does not see it). A version already held is refused unless the same."""
        ws, db = self._ws, self._ws.db
        path = Path(path)
        form = load_form(path)
        known = ws.forms.find(form.id, form.version)
        if known is not None:
            where = "trong cơ sở dữ liệu này" if form_store.source(db, known) else \
                f"tệp «{known.path}»"
            raise TTDNError(f"«{nfc(path.name)}»: mẫu «{form.id}» phiên bản {form.version} đã "
                            f"có ({where}); muốn sửa mẫu thì lưu thành tệp mới với version lớn "
                            "hơn. Không thêm gì.")
        with db.atomic():
            form_store.install_form(db, form, path.read_bytes(), form_store.ADDED,
                                    nfc(path.name))
        stored, _problems = form_store.stored_forms(db)
        form = next(f for f in stored if f.key == form.key)
        ws.forms.add(form)
        return form

    # --- what the window remembers ---------------------------------------------------------------
    def state(self, setting, *parts: str):
        """A declared setting's typed value (core.settings); a family's member by its parts."""
        return get_setting(self._ws.db, setting, *parts)

    def set_state(self, setting, value, *parts: str) -> None:
        set_setting(self._ws.db, setting, value, *parts)

    def set_states(self, values: dict) -> None:
        """In one transaction; keyed by declaration (core.settings), a family's member by
        (declaration, part…)."""
        db = self._ws.db
        declarations = [s[0] if isinstance(s, tuple) else s for s in values]
        with db.atomic(quiet=all(s.place == declared.STATE for s in declarations)):
            for setting, value in values.items():
                setting, *parts = setting if isinstance(setting, tuple) else (setting,)
                set_setting(db, setting, value, *parts)
