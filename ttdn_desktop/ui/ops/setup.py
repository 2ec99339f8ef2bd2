"""The window's start and its page: the database opened in the worker, the page state it is
built from, the day's chores once the page is up, the first-start setup, and the poll for
outside changes."""

from __future__ import annotations

from dataclasses import dataclass, field

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.settings import GEOMETRY, LAST_REPORT, LAST_SECTION, SESSION
from ttdn_desktop.ui.operations import Op
from ttdn_desktop.ui.ops.settings import stored_folders
from ttdn_desktop.workspace import Workspace
from ttdn_desktop.core.role import Role

PURPOSES = ("import", "export", "open", "key")  # the file pickers' (ui/folders.py)


@dataclass
class PageState:
    """What the window's page is built from, read in the worker (the UI thread runs no SQL):
    who we are, where the user left off, the window's geometry, what to warn about."""
    role: Role | None
    own_code: str | None = None
    own_name: str = ""
    last_report: str | None = None  # still there
    last_section: str | None = None
    session: dict | None = None     # what the window wrote last time (core.settings)
    geometry: str | None = None
    recovery: tuple | None = None   # (period code, saved at) of the report being edited
    warnings: list = field(default_factory=list)
    members: list = field(default_factory=list)  # the setup page's choice of agencies
    stored: dict = field(default_factory=dict)   # the settings the setup page starts from
    proposed: Role = Role.AGENCY                 # the role the setup page proposes
    folders: dict = field(default_factory=dict)  # the file pickers' last folders


def proposed_role(ws) -> Role:
    """A database that already holds a member list before anyone said who uses it was filled
    from the command line (`ttdn demo`, `ttdn agencies add`, `ttdn import`): the secretariat's.
    A member agency's copy gets its list only from a request package, read after set-up."""
    return Role.SECRETARIAT if ws.agencies.all(include_retired=False) else Role.AGENCY


def read_page_state(ws) -> PageState:
    role = ws.setup.role
    state = PageState(role, warnings=list(ws.warnings), session=ws.setup.state(SESSION),
                      geometry=ws.setup.state(GEOMETRY), folders=stored_folders(ws, PURPOSES))
    if role is None:
        state.members = ws.agencies.starters()
        state.stored = ws.setup.stored_letterhead()
        state.proposed = proposed_role(ws)
        return state
    if role == Role.AGENCY:
        state.own_code = ws.setup.own_agency
        if state.own_code:
            state.own_name = ws.agencies.get(state.own_code)["name"]
        last = ws.setup.state(LAST_REPORT)
        if last and ws.reports.get(last) is not None:
            state.last_report = last
            state.last_section = ws.setup.state(LAST_SECTION)
    report_id = state.session.get("report_id") if state.session else None
    report = ws.reports.get(report_id) if report_id else None
    if report is not None:
        state.recovery = (report["period_code"], ws.reports.revision(report_id).saved_at)
    return state


def page_state() -> Op:
    """Read again when the role or the agency changed."""
    return Op(read_page_state)


def worker_workspace(path, forms=None) -> Workspace:
    """The worker's own Workspace: the same database and forms, its own connection."""
    return Workspace(path, forms)


def start(ws):
    """Run by ops.open once the database is open: what the page is built from (the forms,
    the page state). The day's chores wait for the page (daily_chores)."""
    return ws.forms, read_page_state(ws)


def daily_chores() -> Op:
    """Run a moment after the page is up (ui/startup.py `after_page`), in the order asked
    after what the page read:
    - the day's backup: on the day's first start, a copy of the whole database (0.4 s for
      80 MB on an SSD, more on an office PC's disk) that the report no longer waits for;
    - the signing key, made at the first start (not at the first send), or read when made
      earlier (its cryptography, 15 ms): a damaged one is said, nothing made in its place.
    What fails is answered as sentences for the window; nothing of it stops the work."""
    def work(ws) -> list[str]:
        said = []
        try:
            ws.backups.daily()
        except TTDNError as error:  # the user knows backups are failing
            said.append(error.message)
        try:
            ws.keys.signer
        except TTDNError as error:
            said.append(error.message)
        return said

    return Op(work)


def read_request(path: str) -> Op:
    """A request package read for the first-start setup: nothing is stored."""
    return Op(lambda ws: ws.imports.read_request(path))


def set_up(role: Role, values: dict, code: str | None, name: str | None,
           request_path: str | None) -> Op:
    """The first-start choices written, then the request chosen imported: its results. The
    window builds its page afresh afterwards (everything it shows is new)."""
    def work(ws) -> list:
        ws.setup.first_start(role, values, code, name)
        return ws.imports.run([request_path]) if request_path else []

    return Op(work)


def data_version() -> Op:
    """SQLite's data_version on the worker's connection: moves when another one commits."""
    return Op(lambda ws: ws.data_version())
