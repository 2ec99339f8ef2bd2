"""A stand-in for core.drafting (written on branch i24-draft) while it is not merged here: the
tests of what a section shows need a draft, not its wording. With the real module present the
stand-in is never used. As a plugin (`pytest -p tests.draft_standin`) it serves every test."""

import sys
import types


def draft_sections(merged, templates=None, grouping="members", kinds=None):
    return {m.section.id: f"Dự thảo ({grouping}): {len(m.contributions)} đơn vị báo cáo."
            for m in merged.sections if m.contributions}


def install(monkeypatch=None) -> None:
    try:
        import ttdn_desktop.core.drafting  # noqa: F401  the real one, once merged
    except ImportError:
        module = types.ModuleType("ttdn_desktop.core.drafting")
        module.draft_sections = draft_sections
        if monkeypatch is None:
            sys.modules[module.__name__] = module
        else:
            monkeypatch.setitem(sys.modules, module.__name__, module)


def pytest_configure(config):
    install()
