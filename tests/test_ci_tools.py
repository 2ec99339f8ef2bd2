"""CI cannot stay green while tests skip: a test whose tool is missing skips on a developer's
PC and fails under CI=true; another platform's skip stays a skip."""

import os
import subprocess
import sys
from dataclasses import replace

import pytest

from . import ci_tools

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SAMPLE = '''
import sys
import pytest
from tests.ci_tools import TOOLS, Tool, needs, other_platform

TOOLS["nothing"] = Tool("a tool no machine has", ("no-such-package",),
                        commands=("ttdn-no-such-command",))

@needs("nothing")
def test_needs_a_missing_tool():
    pass

def test_skips_by_hand():
    pytest.skip("something is not installed")

@other_platform(True, "a Windows-only path")
def test_other_platform():
    pass

def test_runs():
    pass
'''


def _run(tmp_path, ci: bool):
    (tmp_path / "test_sample.py").write_text(SAMPLE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    env["PYTHONPATH"] = ROOT
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "tests.conftest", "-q",
                           "-p", "no:cacheprovider", "--rootdir", str(tmp_path),
                           str(tmp_path / "test_sample.py")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    return done.stdout.strip().splitlines()[-1]


def test_missing_tools_skip_on_a_developers_pc(tmp_path):
    assert _run(tmp_path, ci=False).startswith("1 passed, 3 skipped")


def test_missing_tools_fail_under_ci(tmp_path):
    # the missing tool fails in set-up (an error), the hand-made skip fails in the call
    assert _run(tmp_path, ci=True).startswith("1 failed, 1 passed, 1 skipped, 1 error")


def test_require_says_what_is_missing(monkeypatch):
    monkeypatch.setitem(ci_tools.TOOLS, "soffice",
                        replace(ci_tools.TOOLS["soffice"], commands=("ttdn-no-such-command",)))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="LibreOffice"):
        ci_tools.require("soffice")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must have it.*LibreOffice"):
        ci_tools.require("soffice")


def test_every_tool_has_what_installs_it():
    for name, tool in ci_tools.TOOLS.items():
        assert tool.packages or callable(tool.check), name
    packages = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "ci_tools.py"),
                               "packages"], capture_output=True, text=True, check=True).stdout
    assert packages.strip() == " ".join(sorted(
        {p for n, t in ci_tools.TOOLS.items() if not ci_tools.present(n) for p in t.packages}))
