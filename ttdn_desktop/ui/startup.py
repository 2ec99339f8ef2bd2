"""What the window does once the database is open (ui/ops/setup.py opens it in the worker):
the window's parts made, the page of the role built (the first-start setup, the agency's or the
secretariat's view) and built again when the role or the agency changes (Thiết lập).
Loaded after the first paint (ui/main_window.py says where)."""

from __future__ import annotations

from ttdn_desktop.ui import folders, mail_out
from ttdn_desktop.core.role import Role
from ttdn_desktop.ui.ops.setup import PageState, daily_chores, page_state
from ttdn_desktop.ui.session import Session
from ttdn_desktop.ui.watcher import OutsideChanges
from ttdn_desktop.workspace import Workspace


def window_workspace(path, forms) -> Workspace:
    """The window's own Workspace, made from what ops.setup.start answered: it never
    connects by itself, its reads and writes run in the worker."""
    return Workspace(path, forms, connect=False)


def read_state(ops) -> PageState:
    """The page state of a workspace opened by the caller (tests, a script), read by the
    worker; the window waits for it, its first page being that state."""
    found = []
    ops.run(page_state(), on_done=found.append)
    ops.wait()
    return found[0]


def make_parts(window, state: PageState) -> None:
    """The window's parts the page needs, once the database is open; the others are made
    when an action first asks for them (action_part)."""
    window.pages = Pages(window)
    window.session = Session(window, state.session)
    # the command line or another program changed the database: every view follows
    window.outside = OutsideChanges(window.workspace, window.ops, window)
    folders.keep_folders(window.workspace, state.folders)


def after_page(window) -> None:
    """A moment after the page is up (ui/app.py): what the start leaves until the report can
    be typed in, the day's backup and the signing key (ops.setup.daily_chores); what failed
    is said in the window."""
    if window.ops is not None and not window.ops.closed:
        window.ops.run(daily_chores(), on_done=window.warn)


def action_part(name: str, window):
    """A part only the menus' actions need (window.commands, .imports, .exports, .prints),
    made when first asked for: their modules and dialogs cost 30-50 ms that the report
    waited for before it could be typed in."""
    if name == "commands":
        from ttdn_desktop.ui.commands import Commands
        return Commands(window)
    if name == "imports":
        from ttdn_desktop.ui.import_actions import ImportActions
        return ImportActions(window)
    if name == "exports":
        from ttdn_desktop.ui.export_actions import ExportActions
        return ExportActions(window)
    from ttdn_desktop.ui.print_actions import PrintActions
    return PrintActions(window)


def page_class(role: Role | None):
    """The view of a role, its module imported when it is first shown: an agency never loads
    the secretariat's view and its tabs (140 ms before the report can be typed in), nor the
    first-start setup once it is done (35 ms)."""
    if role is None:
        from ttdn_desktop.ui.setup_page import SetupPage
        return SetupPage
    if role == Role.AGENCY:
        from ttdn_desktop.ui.agency_view import AgencyView
        return AgencyView
    from ttdn_desktop.ui.secretariat_view import SecretariatView
    return SecretariatView


class Pages:
    def __init__(self, window):
        self.window = window

    def show(self, state: PageState) -> None:
        w = self.window
        role = state.role
        page = page_class(role)
        if role is None:
            setup = page(w.workspace, w.ops, members=state.members, stored=state.stored,
                         proposed=state.proposed)
            setup.finished.connect(lambda: self._after_setup(setup))
            w.stack.addWidget(setup)
            w.stack.setCurrentWidget(setup)
            w.menus.set_page_actions(None)
            return
        if role == Role.AGENCY:
            view = page(w.workspace, w.ops, (state.own_code, state.own_name))
            view.saved.connect(lambda when: w.saved_label.setText(f"Đã lưu lúc {when}"))
            view.word_count_changed.connect(
                lambda n: w.words_label.setText(f"{n} từ" if n >= 0 else ""))
            view.location_changed.connect(lambda: w.session.write(clean=False))
            view.location_changed.connect(w.update_title)
            view.location_changed.connect(w.report_opened)
            w.agency_view = view
            w.stack.addWidget(view)
            w.stack.setCurrentWidget(view)
            if state.last_report:
                view.open_report(state.last_report, state.last_section)
        else:
            view = page(w.workspace, w.ops)
            w.secretariat_view = view
            view.keys_requested.connect(w.open_keys)
            w.stack.addWidget(view)
            w.stack.setCurrentWidget(view)
            # its count of members, in the status bar, follows every refresh of the view
            w.statusBar().addWidget(view.status)
            view.status.show()
        w.menus.set_page_actions(Role.SECRETARIAT if w.secretariat_view is not None
                                 else Role.AGENCY)
        w.setAcceptDrops(True)
        w.update_title()
        mail_out.install(w)  # the outbox line, «Gửi qua thư», reminders

    def _read_state_then(self, then) -> None:
        """The page state read again in the worker (the role or the agency changed), then
        `then(state)` here."""
        self.window.ops.run(page_state(), on_done=then,
                            on_error=lambda message: self.window.notify(message, "error"))

    def _after_setup(self, setup) -> None:
        w = self.window

        def show(state) -> None:
            w.stack.removeWidget(setup)
            setup.deleteLater()
            self.show(state)
            if setup.imported_lines:
                w.notify("<br/>".join(setup.imported_lines), "success")
            w.imports.confirm_forms(setup.imported)

        self._read_state_then(show)

    def rebuild_view(self) -> None:
        """The role or the agency changed: the page for the new one, everything saved first."""
        w = self.window
        for view in (w.agency_view, w.secretariat_view):
            if view is None:
                continue
            if view is w.agency_view:
                view.save_now()
            else:
                view.merge.save_now()
            w.ops.wait()  # their results come back to the view before it goes
            # deleted later, after what changed the role has been told: a view gone must not
            # hear it, or the reads it would ask for would answer into deleted widgets
            w.ops.changed.disconnect(view.on_changes)
            w.stack.removeWidget(view)
            view.deleteLater()
            if view is w.secretariat_view:  # its count of members sits in the status bar
                w.statusBar().removeWidget(view.status)
                view.status.deleteLater()
        w.agency_view = w.secretariat_view = None
        w.statusBar().clearMessage()
        w.words_label.clear()  # of the report that was open: none on the new page yet
        w.saved_label.clear()
        self._read_state_then(self.show)
