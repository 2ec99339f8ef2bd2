#!/usr/bin/env python3
"""Set-up and run in one step, on a fresh machine with only Python 3.11 or newer.

    python3 scripts/dev.py app [ttdn arguments]   install if needed, then start the app
    python3 scripts/dev.py test [pytest arguments] install if needed, then run the tests
    python3 scripts/dev.py lock                    after changing a dependency: new lock files

The first run makes a virtual environment in .venv and installs into it exactly what
requirements/dev.lock pins, each file checked against its SHA-256 (pip --require-hashes), then
the project itself (editable); later runs reinstall only when pyproject.toml or the lock has
changed. The lock files are universal (Windows, macOS, Linux; Python 3.11 and newer) and made by
uv from pyproject.toml and requirements/*.in: add a dependency to pyproject.toml, then run the
lock command and commit the .lock files with it.
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
LOCKS = ROOT / "requirements"
# (lock file, extra of the project, input file): what each lock is made from
LOCK_FILES = (("dev.lock", "test", "dev.in"), ("packaging.lock", None, "packaging.in"))
UV = "uv>=0.9,<1"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _pip(python: Path, *args: str) -> None:
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", *args], check=True)


def ensure_installed() -> Path:
    if sys.version_info < (3, 11):
        sys.exit("TTĐN Desktop cần Python 3.11 trở lên.")
    python = venv_python()
    if not python.exists():
        print("Đang tạo môi trường ảo .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + (ROOT / "setup.py").read_bytes()
                            + (LOCKS / "dev.lock").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Đang cài đặt TTĐN Desktop và các thư viện (theo requirements/dev.lock) …",
              flush=True)
        _pip(python, "--require-hashes", "-r", str(LOCKS / "dev.lock"))
        # the project itself: no dependencies (all came from the lock), built with the locked
        # setuptools rather than whatever an isolated build would download
        _pip(python, "--no-deps", "--no-build-isolation", "-e", str(ROOT))
        STAMP.write_text(wanted)
    return python


def lock() -> int:
    """Make requirements/*.lock again from pyproject.toml and requirements/*.in."""
    python = venv_python()
    if not python.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    _pip(python, UV)
    uv = VENV / ("Scripts/uv.exe" if os.name == "nt" else "bin/uv")
    for lock_file, extra, source in LOCK_FILES:
        command = [str(uv), "pip", "compile", "--quiet", "--universal", "--generate-hashes",
                   "--python-version", "3.11", "--no-header", "pyproject.toml",
                   f"requirements/{source}", "-o", f"requirements/{lock_file}"]
        if extra:
            command[4:4] = ["--extra", extra]
        subprocess.run(command, cwd=ROOT, check=True)
        print(f"requirements/{lock_file}")
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("app", "test", "lock"):
        print(__doc__)
        return 2
    if argv[0] == "lock":
        return lock()
    python = ensure_installed()
    command, rest = argv[0], argv[1:]
    if command == "app":
        return subprocess.call([str(python), "-m", "ttdn_desktop", *rest])
    return subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
