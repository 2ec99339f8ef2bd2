"""The design card's layering, checked on the source: a test that fails when someone imports
Qt or SQLite into the core, or imports the UI from below."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ttdn_desktop"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(sub=""):
    return sorted((PACKAGE / sub).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("core"), ids=lambda p: p.name)
def test_core_imports_neither_qt_nor_sqlite(path):
    bad = {n for n in _imports(path)
           if n.split(".")[0] in {"PySide6", "sqlite3", "sqlite_utils", "docx", "openpyxl"}
           or n.startswith(("ttdn_desktop.storage", "ttdn_desktop.exchange",
                            "ttdn_desktop.export", "ttdn_desktop.ui", "ttdn_desktop.workspace"))}
    assert not bad, f"{path.name} imports {bad}"


def test_only_the_ui_imports_qt_and_nothing_imports_the_ui():
    for path in _modules():
        inside_ui = "ui" in path.relative_to(PACKAGE).parts
        names = _imports(path)
        if not inside_ui:
            assert not any(n.startswith("PySide6") for n in names), path
            ui = {n for n in names if n.startswith("ttdn_desktop.ui")}
            # the one exception: the command line starts the app
            assert not ui or path.name == "cli.py", (path, ui)


def test_the_app_starts_without_loading_office_libraries():
    """python-docx and openpyxl cost a quarter of a second to import; the window must not wait
    for them (they load when an export or import needs them)."""
    import subprocess
    import sys
    code = ("import sys; import ttdn_desktop.ui.main_window; "
            "print(sorted(m for m in ('docx', 'openpyxl') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env={**__import__("os").environ,
                                            "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.strip() == "[]", done.stderr


def test_exchange_and_export_do_not_import_each_other():
    """What both need (zip safety, workbook helpers) lives in the neutral office/ package."""
    for sub, other in (("exchange", "ttdn_desktop.export"), ("export", "ttdn_desktop.exchange")):
        for path in _modules(sub):
            bad = {n for n in _imports(path) if n.startswith(other)}
            assert not bad, f"{path.name} imports {bad}"
