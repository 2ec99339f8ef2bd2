"""The wheel installs anywhere: built from a copy of the sources, installed (not editable) into a
fresh virtual environment with its dependencies from requirements/dev.lock (hash-checked), and
run from there, away from the checkout: the forms and the Word template must come with it.

Slow (a fresh environment with Qt in it: about half a minute from pip's cache), so one
environment serves both tests: the installed wheel runs what the issue asks (import, demo,
import of the demo packages, both exports, the window's smoke start); then the one-folder app
is built from that same wheel with PyInstaller (requirements/packaging.lock,
packaging/ttdn.spec) and does it all again, since what users install is the frozen build (a
module loaded by name, like PyNaCl's cffi backend, is missing only there)."""

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .ci_tools import needs, require
from .pdffiles import SMALL_REPORT, drawn
from .sheetfiles import convert, statistics_sheet

ROOT = Path(__file__).resolve().parent.parent


def _sources(target: Path) -> Path:
    """What git would check out (no .venv, no build leftovers), copied to `target`."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True, check=True)
    for name in filter(None, listed.stdout.decode("utf-8").split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def _run(args, **kwargs):
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600,
                          **kwargs)
    assert done.returncode == 0, f"{args}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The wheel built from a copy of the sources and installed into a fresh venv:
    (its python, its scripts folder, its folder, the sources, an environment to run in)."""
    require("git")
    tmp_path = tmp_path_factory.mktemp("wheel")
    wheels = tmp_path / "wheels"
    source = _sources(tmp_path / "src")
    python = Path(sys.executable)
    # the build backend from the lock is what the dev environment has: no download, no isolation
    _run([python, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
          "-w", wheels, source])
    [wheel] = wheels.glob("ttdn_desktop-*.whl")

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    fresh = bin_dir / ("python.exe" if os.name == "nt" else "python")
    _run([fresh, "-m", "pip", "install", "--quiet", "--require-hashes", "-r",
          ROOT / "requirements" / "dev.lock"])
    _run([fresh, "-m", "pip", "install", "--quiet", "--no-deps", wheel])
    _run([fresh, "-m", "pip", "check"])
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TTDN_DB")}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"))
    return fresh, bin_dir, env_dir, source, env


def test_wheel_in_a_fresh_venv_runs_demo_import_exports_and_the_window(installed, tmp_path):
    fresh, bin_dir, env_dir, _source, env = installed
    work = tmp_path / "run"  # away from the checkout: nothing found by accident
    work.mkdir()
    where = _run([fresh, "-c", "import ttdn_desktop, ttdn_desktop.util.paths as p; "
                               "print(ttdn_desktop.__file__); print(p.bundled('forms')); "
                               "print(p.resources_dir())"], cwd=work, env=env).stdout.split()
    site = str(env_dir)
    assert all(line.startswith(site) for line in where), where  # the installed copy, its data
    _round_trip(bin_dir / ("ttdn.exe" if os.name == "nt" else "ttdn"), work / "wheel", env)


@(needs("objdump") if sys.platform.startswith("linux") else pytest.mark.needs())
def test_one_folder_build_from_the_wheel_runs_the_same(installed, tmp_path):
    """packaging/README.md's build, from the wheel just installed."""
    fresh, _bin_dir, _env_dir, source, env = installed
    work = tmp_path / "run"
    work.mkdir()
    _run([fresh, "-m", "pip", "install", "--quiet", "--require-hashes", "-r",
          ROOT / "requirements" / "packaging.lock"])
    _run([fresh, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
          "--distpath", tmp_path / "dist", "--workpath", tmp_path / "build",
          source / "packaging" / "ttdn.spec"], cwd=work, env=env)
    frozen = tmp_path / "dist" / "TTDN Desktop" / ("ttdn.exe" if os.name == "nt" else "ttdn")
    _round_trip(frozen, work / "frozen", env)


def _round_trip(ttdn: Path, work: Path, env: dict) -> None:
    """What a secretariat does first with an installed copy: demo packages, their import,
    both exports, a PDF report read, and the window's smoke start."""
    work.mkdir()
    db = work / "btg.sqlite3"
    _run([ttdn, "--db", db, "demo", work / "goi", "--agencies", "3"], cwd=work, env=env)
    imported = _run([ttdn, "--db", db, "import", work / "goi"], cwd=work, env=env).stdout
    assert imported.count("đã nhập") == 3, imported
    for kind in ("docx", "xlsx"):
        out = work / f"tong-hop.{kind}"
        _run([ttdn, "--db", db, "export", kind, "--period", "2021-H1", "--out", out],
             cwd=work, env=env)
        assert out.stat().st_size > 5000
    # a PDF report: PDFium's native library must have come along (a frozen build without
    # it fails here, not on the secretariat's first PDF)
    report = work / "bao-cao.pdf"
    report.write_bytes(drawn(SMALL_REPORT))
    read = _run([ttdn, "--db", db, "import", report, "--agency", "SNGV", "--period", "2021-H1",
                 "--dry-run"], cwd=work, env=env).stdout
    assert "«I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO» →" in read, read
    _run([ttdn, "--db", db, "gui", "--smoke"], cwd=work, env=env)
    # the mail password's store: keyring's backends are found by its metadata's entry points,
    # which a frozen build without that metadata lacks (exit 1 here only says no store runs)
    stores = subprocess.run([str(ttdn), "--db", str(db), "mail", "store"], cwd=work, env=env,
                            capture_output=True, text=True, timeout=120).stdout
    assert "SecretService" in stores and "Windows" in stores, stores
    # an agency's own Excel 97–2003 sheet: xlrd (pure Python, found by the analysis) reads it
    sheets = convert(work / "lo", {"so-lieu.fods": statistics_sheet()}, "xls:MS Excel 97")
    if sheets:
        xls = work / "so-lieu.xls"
        xls.write_bytes(sheets["so-lieu.fods"])
        code = _run([ttdn, "--db", db, "agencies"], cwd=work, env=env).stdout.split()[0]
        done = _run([ttdn, "--db", db, "import", xls, "--agency", code, "--period", "2021-H1",
                     "--accept-figures"], cwd=work, env=env).stdout
        assert "nhận: Số bản ấn phẩm, tài liệu phát hành = 3.800 bản" in done, done
