#!/usr/bin/env python3
"""Set-up and run in one step, on a fresh machine with only Python 3.11 or newer.

    python3 scripts/dev.py app [ttdn arguments]   install if needed, then start the app
    python3 scripts/dev.py test [pytest arguments] install if needed, then run the tests

The first run makes a virtual environment in .venv and installs the project into it (editable,
with the test tools); later runs reinstall only when pyproject.toml has changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed-from"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_installed() -> Path:
    if sys.version_info < (3, 11):
        sys.exit("TTĐN Desktop cần Python 3.11 trở lên.")
    python = venv_python()
    if not python.exists():
        print("Đang tạo môi trường ảo .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Đang cài đặt TTĐN Desktop và các thư viện …", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
                       check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"],
                       check=True)
        STAMP.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("app", "test"):
        print(__doc__)
        return 2
    python = ensure_installed()
    command, rest = argv[0], argv[1:]
    if command == "app":
        return subprocess.call([str(python), "-m", "ttdn_desktop", *rest])
    return subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
