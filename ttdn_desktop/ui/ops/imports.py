"""Files brought in: packages, Word and Excel reports, mails; previewed, applied, confirmed."""

from __future__ import annotations

from ttdn_desktop.core.periods import Period
from ttdn_desktop.ui.operations import Op


def agency_import(paths) -> Op:
    """An agency imports the request packages it gets (they set dates and create its
    report): (the results, what to say if the folders given held no file to read)."""
    def work(ws, report):
        results = ws.imports.run(paths, waiting=report.say)
        return results, "" if results else ws.imports.nothing_to_import(paths)

    return Op(work, progress=True)


def preview(paths) -> Op:
    """(the files to import, the results of a dry run, what to say if there are none): a
    folder stands for the importable files in it (read here, off the UI thread)."""
    def work(ws, report):
        files = [str(p) for p in ws.imports.importable(paths)]
        if not files:  # only folders, none with a file to read
            return files, [], ws.imports.nothing_to_import(paths)
        return files, ws.imports.run(files, dry_run=True, waiting=report.say), ""

    return Op(work, progress=True)


def apply(paths) -> Op:
    """The previewed files imported, the database backed up first: the results."""
    return Op(lambda ws, report: ws.imports.run(paths, backup=True, progress=report,
                                                 waiting=report.say), progress=True)


def accept_form_request(file_name: str, payload: bytes) -> Op:
    """A request refused for the new form it brings, imported again with it."""
    return Op(lambda ws: ws.imports.accept_form_request(file_name, payload))


def read_word(name: str, data) -> Op:
    """(the report read, the members as (code, name)) for its confirmation window."""
    return Op(lambda ws: (ws.word.read(name, data),
                          [(a["code"], a["name"]) for a in ws.agencies.all(include_retired=False)]))


def read_sheet_period(name: str, data, period: Period) -> Op:
    """A statistics sheet read again for another period's column."""
    return Op(lambda ws: ws.word.read(name, data, period))


def word_losses(report, code: str, period: Period, placements, accepted) -> Op:
    return Op(lambda ws: ws.word.losses(report, code, period, placements, accepted))


def signed_replacement(code: str, period: Period) -> Op:
    return Op(lambda ws: ws.keys.signed_replacement(code, period))


def import_word(report, code: str, period: Period, placements, accepted, allow_losses: bool,
                replace_signed: bool) -> Op:
    return Op(lambda ws: ws.word.import_report(report, code, period, placements, accepted,
                                        allow_losses=allow_losses,
                                        replace_signed=replace_signed))
