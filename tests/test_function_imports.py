"""Start-up is kept fast by a few deliberate boundaries, each said once where it is, not by
imports scattered through function bodies:
- what the first paint imports (ui/app.py puts off the error reporter and the restore dialog,
  ui/errors.py its dialog until an error comes, ui/instance.py the hand-over, ui/menus.py the
  help);
- what comes once the database is open (ui/main_window.py: ui/ops/setup.py in the worker, then
  ui/startup.py, which imports the page of the role and the menus' parts when first asked
  for; the agency's figure tables with the first shown (ui/agency_view.py); ui/mail_out.py
  the mail dialogs, ui/secretariat_view.py «Nhận thư»);
- the workspace's doors, each built on first use (workspace/__init__.py `_Door`, no import
  statement), and the few reads the window's doors make only in a rarer case (core.drafting
  and core.prose_check for the secretariat's merge, a key file restored, the form a request
  brought, uuid when a report is made);
- the file readers' libraries, loaded when a file of their kind comes (exchange/importer.py by
  kind, PDFium in exchange/pdf_page.py, openpyxl and xlrd in exchange/sheet_import.py,
  python-docx for a committee's own template in ui/printing.py and ui/ops/settings.py), the
  log's rotating handler once something is logged (util/crashlog.py), ctypes on Windows only
  (storage/database.py), html's entities for a mail notice (ui/mail_out.py);
- the command line's heavy modules, in the commands that need them (cli/: `ttdn gui` builds
  the same parser before the window opens).
Everything else imports at the top of its module. This keeps the imports inside function
bodies in ttdn_desktop/ at LIMIT or under (issue 23: 208 of them before, 68 when the branches
of the issue were merged, 40 after, 39 once the doors were built by `_Door`)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "ttdn_desktop"
LIMIT = 40


def function_imports(source: str) -> int:
    """Import statements inside function bodies (nested functions included), each once."""
    inside = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inside.update(id(n) for n in ast.walk(node)
                          if isinstance(n, (ast.Import, ast.ImportFrom)))
    return len(inside)


def counts() -> dict[str, int]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        n = function_imports(path.read_text(encoding="utf-8"))
        if n:
            found[path.relative_to(PACKAGE).as_posix()] = n
    return found


def test_at_most_forty_imports_inside_function_bodies():
    found = counts()
    assert sum(found.values()) <= LIMIT, (
        f"{sum(found.values())} imports inside function bodies (at most {LIMIT}): import at the "
        f"top of the module, or behind one of the boundaries named in this test's docstring; "
        f"{dict(sorted(found.items(), key=lambda item: -item[1]))}")


# The tests' own modules that import inside functions, and why: ci_tools.py runs under the
# machine's python3 before the project is installed (.ci/run), so pytest is imported only by
# the helpers the tests call; screen_probe.py is a program of its own that sets the screen's
# environment before anything of Qt or the app is imported.
TESTS_IMPORTING_LATE = {"ci_tools.py": 3, "screen_probe.py": 17}


def test_the_tests_import_at_the_top_of_their_modules():
    """A test reads from its module's head what it works with (issue 23: no imports in the
    middle of a file); their bodies held 431 before, 20 of them in these two modules."""
    found = {path.name: function_imports(path.read_text(encoding="utf-8"))
             for path in sorted(Path(__file__).resolve().parent.glob("*.py"))}
    found = {name: n for name, n in found.items() if n}
    assert found == TESTS_IMPORTING_LATE


def test_the_count_sees_every_import_inside_a_function_once():
    source = (
        "import os\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from x import y\n"
        "def f():\n"
        "    import json\n"
        "    def g():\n"
        "        from a import b\n"
        "class C:\n"
        "    import re\n"
        "    async def m(self):\n"
        "        import io, sys\n")
    assert function_imports(source) == 3


def test_reading_packages_and_word_files_loads_no_sheet_or_pdf_library():
    """The boundaries of the file readers: PDFium loads when a PDF is opened (pdf_page.pdfium),
    openpyxl and xlrd when a sheet is read (sheet_import.import_sheet_report), so the importer
    and the Word reader, imported at their tops by what uses them, load none of them."""
    code = ("import sys; import ttdn_desktop.exchange.importer, ttdn_desktop.exchange.docx_import, "
            "ttdn_desktop.exchange.sheet_import; print(sorted(m for m in "
            "('openpyxl', 'xlrd', 'pypdfium2') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.stdout.strip() == "[]", done.stderr
