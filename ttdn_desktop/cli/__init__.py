"""The `ttdn` command line: the same operations as the app, over the same workspace.

Exit status: 0 done; 1 done with problems (a file rejected or in conflict) or an error;
2 a wrong command line; 141 (128 + SIGPIPE) the reader of its output went away (`| head -1`).

One module a group of commands, as the workspace's doors are grouped; each holds its commands'
arguments (`add_…`) and their work (`cmd_…`). `ttdn gui` (and `ttdn` alone) builds the same
parser, so what the commands' modules import at their top is paid before the window opens:
the few modules the first paint does not load anyway are imported in the command that needs
them (measured, imported after the app's start-up modules: workspace 71 ms, demo 47 ms,
export.docx_report 89 ms, export.xlsx_stats 113 ms, core.merge.prose_check 28 ms, core.wordmatch
and core.proposals for a Word report 6-8 ms each; the app itself, ui.app, only for `gui`).
"""

from __future__ import annotations

import argparse
import os
import sys

from ttdn_desktop import APP_NAME, __version__
from ttdn_desktop.cli import (agencies, demo, draft, exports, imports, keys, mail_fetch,
                              mail_send, reports, settings, upward)
from ttdn_desktop.cli.arguments import Parser
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.util.crashlog import unexpected_message
from ttdn_desktop.util.storage_errors import DatabaseReadOnly


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="ttdn", description=f"{APP_NAME} {__version__}: soạn và tổng hợp báo "
                    "cáo công tác thông tin đối ngoại. Không có lệnh: mở ứng dụng.")
    parser.add_argument("--db", metavar="PATH", help="tệp cơ sở dữ liệu (mặc định: biến TTDN_DB "
                        "hoặc thư mục dữ liệu của người dùng)")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                        help="hiện số phiên bản")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=Parser)

    gui = commands.add_parser("gui", help="mở ứng dụng")
    gui.add_argument("--smoke", action="store_true",
                     help="mở, vẽ cửa sổ chính rồi thoát (kiểm tra cài đặt)")
    for add in LISTED:
        add(commands)
    _describe(parser)
    return parser


# The order `ttdn --help` lists the commands in.
LISTED = (agencies.add_agencies, settings.add_period, demo.add_demo, imports.add_import,
          reports.add_status, imports.add_held, keys.add_keys, exports.add_export,
          exports.add_request, reports.add_search, reports.add_review, exports.add_form,
          settings.add_forms, settings.add_settings, settings.add_restore, upward.add_upward,
          reports.add_figures, reports.add_check_prose, imports.add_unplaced,
          exports.add_package, draft.add_parsers,
          lambda commands: mail_fetch.add_parsers(commands, import_word=imports._import_word),
          mail_send.add_parsers)


def _describe(parser: argparse.ArgumentParser) -> None:
    """A command's own --help opens with what the command does, the line its parent lists."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            said = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                sub.description = sub.description or said.get(name)
                _describe(sub)


PIPE_CLOSED = 141  # what a shell reports for a tool stopped by SIGPIPE (cat, grep: 128 + 13)


def main(argv: list[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # here, where a closed pipe is caught, not at the interpreter's exit
        return code
    except BrokenPipeError:
        return _pipe_closed()


def _pipe_closed() -> int:
    """The program reading our output stopped (`ttdn status | head -1`): no disk failed and
    nothing is left to say, so we stop quietly as other command-line tools do. What is still
    buffered for stdout goes nowhere, instead of failing again when Python exits."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return PIPE_CLOSED


def _main(argv: list[str] | None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    args = build_parser().parse_args(argv)
    if args.command in (None, "gui"):
        from ttdn_desktop.ui.app import run_app  # only the app needs Qt
        return run_app(args.db, smoke=getattr(args, "smoke", False))
    if args.command == "restore":
        return _guarded(lambda: settings.cmd_restore(args))
    return _guarded(lambda: _run(args))


# Commands that only read: they still work on a database the user may not write to.
READING = {"status", "held", "search", "export", "figures", "check-prose", "draft"}


def _run(args) -> int:
    from ttdn_desktop.workspace import Workspace
    # «held --accept SỐ» writes: it imports the package
    reading = args.command in READING and getattr(args, "accept", None) is None
    try:
        workspace = Workspace(args.db, reading=reading)
    except DatabaseReadOnly:
        if not reading:
            raise
        workspace = Workspace(args.db, read_only=True)
    with workspace:
        for problem in workspace.forms.problems + workspace.warnings:
            print(f"cảnh báo: {problem}", file=sys.stderr)
        try:
            return COMMANDS[args.command](workspace, args)
        except (TTDNError, BrokenPipeError):
            raise
        except Exception as error:  # a busy, read-only or full database said as such
            raise TTDNError(workspace.explain(error)) from None


def _guarded(run) -> int:
    try:
        return run()
    except TTDNError as error:
        print(f"ttdn: {error.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("ttdn: đã dừng.", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise  # not an error of ours: main() stops quietly
    except Exception as error:  # the user gets a sentence; the traceback goes to the log
        print(f"ttdn: {unexpected_message(error)}", file=sys.stderr)
        return 1


COMMANDS = {
    "upward": upward.cmd_upward,
    "figures": reports.cmd_figures,
    "agencies": agencies.cmd_agencies,
    "period": settings.cmd_period,
    "demo": demo.cmd_demo,
    "import": imports.cmd_import,
    "status": reports.cmd_status,
    "held": imports.cmd_held,
    "keys": keys.cmd_keys,
    "export": exports.cmd_export,
    "package": exports.cmd_package,
    "form": exports.cmd_form,
    "forms": settings.cmd_forms,
    "request": exports.cmd_request,
    "search": reports.cmd_search,
    "review": reports.cmd_review,
    "settings": settings.cmd_settings,
    "unplaced": imports.cmd_unplaced,
    "check-prose": reports.cmd_check_prose,
    "draft": draft.cmd_draft,
    "mail": lambda workspace, args: args.run(workspace, args),  # the mail modules set `run`
}
