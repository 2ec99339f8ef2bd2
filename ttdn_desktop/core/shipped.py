"""Where the data shipped with the app lies (forms/, resources/): here, at the bottom, since
pure modules read their defaults from it too (core.draft_templates); util.paths and the
front ends reach it through util.paths."""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def bundled(name: str) -> Path:
    """A folder of bundled data ("forms", "resources"): in PyInstaller's folder; in an installed
    wheel, inside the package (setup.py maps them there); in a checkout (or an editable
    install), at the top of the repository."""
    candidates = [PACKAGE_DIR / name, PACKAGE_DIR.parent / name]
    if hasattr(sys, "_MEIPASS"):
        candidates.insert(0, Path(sys._MEIPASS) / name)
    return next((path for path in candidates if path.is_dir()), candidates[-1])
