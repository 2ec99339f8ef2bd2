"""The tools CI must have, listed once.

`.ci/run` reads this list to install what is missing (``python3 tests/ci_tools.py packages``)
and to stop before the tests when something is still missing (``… check``). The tests read it
too: a test that needs a missing tool skips on a developer's PC, but fails under CI=true, so CI
cannot stay green while its checks against a real office suite, real fonts or a real full disk
are skipped. A skip for another platform (a Windows-only path) is declared with
`other_platform` and stays a skip everywhere.

Only the standard library at import: .ci/run runs this before the virtual environment exists.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field

OTHER_PLATFORM = "other platform: "


@dataclass(frozen=True)
class Tool:
    what: str                           # said in a skip or a failure
    packages: tuple[str, ...]           # Debian's packages that bring it
    commands: tuple[str, ...] = ()      # any one of them on PATH is enough
    fonts: tuple[str, ...] = ()         # families fc-list must know
    check: object = field(default=None, compare=False)  # or a function saying it is there


def _can_mount() -> bool:
    return os.name == "posix" and os.geteuid() == 0 and shutil.which("mount") is not None


# Fonts: Liberation is metric-compatible with Times New Roman; DejaVu, Carlito and Caladea are
# what LibreOffice's recommends bring to a user's PC, and printing must not depend on them.
TOOLS: dict[str, Tool] = {
    "soffice": Tool("LibreOffice (soffice)",
                    ("libreoffice-writer-nogui", "libreoffice-calc-nogui"),
                    commands=("soffice", "libreoffice")),
    "pdftotext": Tool("pdftotext (poppler-utils)", ("poppler-utils",), commands=("pdftotext",)),
    "pdftoppm": Tool("pdftoppm (poppler-utils)", ("poppler-utils",), commands=("pdftoppm",)),
    "pdftocairo": Tool("pdftocairo (poppler-utils)", ("poppler-utils",),
                       commands=("pdftocairo",)),
    "objdump": Tool("objdump (binutils), which PyInstaller needs on Linux", ("binutils",),
                    commands=("objdump",)),
    "iconv": Tool("glibc iconv", ("libc-bin",), commands=("iconv",)),
    "git": Tool("git", ("git",), commands=("git",)),
    "fonts": Tool("the fonts of a user's PC (Liberation, DejaVu, Carlito, Caladea)",
                  ("fontconfig", "fonts-liberation", "fonts-dejavu", "fonts-crosextra-carlito",
                   "fonts-crosextra-caladea"),
                  fonts=("Liberation Serif", "DejaVu Sans", "Carlito", "Caladea")),
    # issue 25: a real IMAP server on localhost (tests start it with their own dovecot.conf)
    "dovecot": Tool("Dovecot, the IMAP server (dovecot-imapd)", ("dovecot-imapd",),
                    check=lambda: os.path.exists("/usr/lib/dovecot/imap")
                    and shutil.which("dovecot", path=os.environ.get("PATH", "") +
                                     ":/usr/sbin") is not None),
    # the credential store as a Linux desktop has it: GNOME's Secret Service on a D-Bus session
    "secret-service": Tool("the Secret Service (gnome-keyring on dbus-run-session)",
                           ("gnome-keyring", "dbus-daemon"),
                           commands=("gnome-keyring-daemon",),
                           check=lambda: shutil.which("dbus-run-session") is not None),
    "tmpfs": Tool("root, to mount a tiny tmpfs (a full disk, a read-only folder)", (),
                  check=_can_mount),
}


def _font_families() -> set[str]:
    if shutil.which("fc-list") is None:
        return set()
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    return {name.strip() for line in listed.splitlines() for name in line.split(",")}


def present(name: str) -> bool:
    tool = TOOLS[name]
    if tool.commands and not any(shutil.which(c) for c in tool.commands):
        return False
    if tool.fonts and not set(tool.fonts) <= _font_families():
        return False
    return tool.check() if callable(tool.check) else True


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require(*names: str) -> None:
    """In a test or fixture: go on if every tool is there; else skip, or fail under CI."""
    import pytest

    missing = [TOOLS[n].what for n in names if not present(n)]
    if not missing:
        return
    reason = "missing: " + "; ".join(missing)
    if in_ci():
        pytest.fail(f"CI must have it ({reason}); .ci/run installs it from tests/ci_tools.py",
                    pytrace=False)
    pytest.skip(reason + " (.ci/run installs it)")


def needs(*names: str):
    """A test's decorator: `@needs("soffice", "pdftotext")` (conftest calls `require`)."""
    import pytest

    unknown = [n for n in names if n not in TOOLS]
    assert not unknown, f"not in tests/ci_tools.py: {unknown}"
    return pytest.mark.needs(*names)


def other_platform(condition: bool, reason: str):
    """A skip for another platform, which stays a skip in CI."""
    import pytest

    return pytest.mark.skipif(condition, reason=OTHER_PLATFORM + reason)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "packages":  # what apt-get must install for the missing tools
        wanted = {p for name, tool in TOOLS.items() if not present(name) for p in tool.packages}
        print(" ".join(sorted(wanted)))
        return 0
    if command == "check":
        missing = [f"{name}: {TOOLS[name].what}" for name in TOOLS if not present(name)]
        for line in missing:
            print(f"CI is missing {line}", file=sys.stderr)
        return 1 if missing else 0
    print("usage: ci_tools.py packages|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
