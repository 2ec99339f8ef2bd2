"""Settings: what the settings dialog shows and saves; what the window keeps of itself (its
session, the file pickers' folders, the notes given last)."""

from __future__ import annotations

from dataclasses import dataclass

from ttdn_desktop.core.docformat import DEFAULT_MARGINS_MM, Letterhead
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.role import Role
from ttdn_desktop.core.settings import FOLDER
from ttdn_desktop.ui.operations import Op


@dataclass(frozen=True)
class CurrentSettings:
    """What the settings dialog shows, read in one go."""
    role: Role | None
    own_agency: str | None
    agencies: list  # (code, name) of the members not retired
    letterhead: Letterhead
    margins: dict | None = None  # those of the letterhead's template (template_margins)


def template_margins(template: str) -> dict[str, float] | None:
    """The margins (mm) that apply where a margin setting is empty: the shipped template's, or
    those of the committee's own `template`; None if that file cannot be read (the export says
    why)."""
    if not template:
        return dict(DEFAULT_MARGINS_MM)
    from ttdn_desktop.export.template import template_margins_mm  # python-docx: when asked
    try:
        left, top, right, bottom = template_margins_mm(template)
    except TTDNError:
        return None
    return {"top": top, "bottom": bottom, "left": left, "right": right}


def margins_of(template: str) -> Op:
    """template_margins, read in the worker: a Word file (on a network drive, perhaps) that
    the settings form never waits on."""
    return Op(lambda _ws: template_margins(template))


def read_current(ws) -> CurrentSettings:
    letterhead = ws.setup.letterhead()
    return CurrentSettings(ws.setup.role, ws.setup.own_agency, ws.agencies.members(),
                           letterhead, template_margins(letterhead.template))


def current_settings() -> Op:
    return Op(read_current)


def save_settings(role: tuple | None, values: dict) -> Op:
    """`role`: (role, agency code, agency name) when it changed, else None."""
    def work(ws) -> None:
        if role is not None:
            ws.setup.set_role(*role)
        for key, value in values.items():
            ws.setup.set_letterhead(key, value)

    return Op(work)


def set_states(values: dict) -> Op:
    """The window's own state (its session, where the user left off): no view shows it."""
    return Op(lambda ws: ws.setup.set_states(values))


def remember_folder(folder: str, purpose: str) -> Op:
    return Op(lambda ws: ws.setup.set_state(FOLDER, folder, purpose))


def stored_folders(ws, purposes) -> dict[str, str]:
    """The last folder of each purpose as stored in the database."""
    return {purpose: ws.setup.state(FOLDER, purpose) for purpose in purposes}
