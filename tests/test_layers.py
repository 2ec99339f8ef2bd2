"""The design card's layering, checked on the source with the AST: every import (top level or
inside a function, absolute or relative, resolved to its full name) and, in the front ends,
every SQL string and database call.

- core/ imports neither Qt nor SQLite nor the Office libraries, nor anything above it;
- only ui/ imports Qt; nothing imports ui/ (but the command line, which starts the app);
- ui/ and cli/ reach data only through the workspace: no storage/, exchange/, sqlite3 or
  sqlite_utils, no SQL of their own, no database connection (`.db`, `.execute`, `.query`);
- exchange/ (files in) and export/ (files out) do not import each other: what both need is in
  office/.
"""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ttdn_desktop"
QT = ("PySide6", "shiboken6")
SQLITE = ("sqlite3", "sqlite_utils")
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|ALTER|DROP|PRAGMA|BEGIN|"
                 r"COMMIT|ROLLBACK|WITH|VACUUM|ATTACH)\b")
DATABASE_CALLS = {"execute", "executemany", "executescript", "query", "cursor"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports_in(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module `source` (the text of `module`) imports, relative imports resolved
    (`from . import x` in ttdn_desktop.ui.y gives ttdn_desktop.ui.x)."""
    package = module if is_package else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module
            names.add(prefix)
            names.update(f"{prefix}.{alias.name}" for alias in node.names)
    return names


def _imports(path: Path) -> set[str]:
    return _imports_in(path.read_text(encoding="utf-8"), _module_name(path),
                       path.name == "__init__.py")


def _under(name: str, *roots: str) -> bool:
    return any(name == root or name.startswith(root + ".") for root in roots)


def _modules(sub=""):
    return sorted((PACKAGE / sub).rglob("*.py"))


def _front_ends():
    return _modules("ui") + _modules("cli")


def front_end_problems(source: str, module: str) -> list[str]:
    """What a front-end module does that only the workspace may do."""
    problems = [f"imports {n}: add a Workspace method instead"
                for n in sorted(_imports_in(source, module))
                if _under(n, *SQLITE, "ttdn_desktop.storage", "ttdn_desktop.exchange")]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                SQL.match(node.value):
            problems.append(f"line {node.lineno}: SQL {node.value[:40]!r}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in DATABASE_CALLS:
            problems.append(f"line {node.lineno}: calls .{node.func.attr}()")
        if isinstance(node, ast.Attribute) and node.attr in ("db", "conn") and not (
                isinstance(node.value, ast.Name) and node.value.id == "args"):  # --db PATH
            problems.append(f"line {node.lineno}: reaches the database connection "
                            f"(.{node.attr})")
    return problems


def test_relative_imports_are_resolved():
    found = _imports_in("from ..storage import reports\nfrom . import notice\n"
                        "def f():\n    from ...ttdn_desktop import workspace\n",
                        "ttdn_desktop.ui.probe")
    assert {"ttdn_desktop.storage.reports", "ttdn_desktop.ui.notice"} <= found
    assert _module_name(PACKAGE / "ui" / "__init__.py") == "ttdn_desktop.ui"


@pytest.mark.parametrize("path", _modules("core"), ids=lambda p: p.name)
def test_core_imports_neither_qt_nor_sqlite(path):
    bad = {n for n in _imports(path)
           if _under(n, *QT, *SQLITE, "docx", "openpyxl", "ttdn_desktop.storage",
                     "ttdn_desktop.exchange", "ttdn_desktop.export", "ttdn_desktop.office",
                     "ttdn_desktop.ui", "ttdn_desktop.workspace")}
    assert not bad, f"{path.name} imports {bad}"


def test_only_the_ui_imports_qt_and_nothing_imports_the_ui():
    for path in _modules():
        inside_ui = "ui" in path.relative_to(PACKAGE).parts
        names = _imports(path)
        if not inside_ui:
            assert not any(_under(n, *QT) for n in names), path
            ui = {n for n in names if _under(n, "ttdn_desktop.ui")}
            # the one exception: the command line starts the app
            assert not ui or (path == PACKAGE / "cli" / "__init__.py" and ui <= {
                "ttdn_desktop.ui.app", "ttdn_desktop.ui.app.run_app"}), (path, ui)


@pytest.mark.parametrize("path", _front_ends(), ids=lambda p: p.name)
def test_front_ends_reach_data_only_through_the_workspace(path):
    problems = front_end_problems(path.read_text(encoding="utf-8"), _module_name(path))
    assert not problems, f"{path.name}: " + "; ".join(problems)


def test_the_front_end_check_catches_what_it_should():
    """The check above, on a module that does everything it forbids."""
    source = ("from ..storage.reports import load_content\n"
              "import sqlite3\n"
              "def f(workspace):\n"
              "    from .. import exchange\n"
              "    return workspace.db.execute('SELECT 1 FROM reports')\n")
    problems = " | ".join(front_end_problems(source, "ttdn_desktop.ui.probe"))
    for expected in ("ttdn_desktop.storage.reports", "sqlite3", "ttdn_desktop.exchange",
                     "SQL", ".execute()", "(.db)"):
        assert expected in problems, (expected, problems)


def test_the_command_line_writes_reports_through_the_workspace():
    """`ttdn export` asks the workspace's merge door for the Word report and the workbook, as
    the window does, instead of repeating how they are built."""
    for path in _modules():
        if _module_name(path).startswith("ttdn_desktop.cli"):
            bad = {n for n in _imports(path) if _under(n, "ttdn_desktop.export")}
            assert not bad, f"{path.name} imports {bad}"


def test_exchange_and_export_do_not_import_each_other():
    """What both need (zip safety, workbook helpers) lives in the neutral office/ package."""
    for sub, other in (("exchange", "ttdn_desktop.export"), ("export", "ttdn_desktop.exchange")):
        for path in _modules(sub):
            bad = {n for n in _imports(path) if _under(n, other)}
            assert not bad, f"{path.name} imports {bad}"


def test_the_app_starts_without_loading_office_libraries():
    """python-docx and openpyxl cost a quarter of a second to import; the window must not wait
    for them (they load when an export or import needs them)."""
    code = ("import sys; import ttdn_desktop.ui.main_window; "
            "print(sorted(m for m in ('docx', 'openpyxl') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.strip() == "[]", done.stderr
