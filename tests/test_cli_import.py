"""What the command line says of an import: the codes it takes stay in what it prints, the
kinds it reads are the ones declared, and a long reason is printed whole."""

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core.periods import Period
from ttdn_desktop.demo import demo_signer
from ttdn_desktop.workspace import Workspace

from .helpers import package
from .test_ui_import_preview import _long_reasons

H1 = Period.parse("2021-H1")


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.sqlite3")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_keeps_period_codes(capsys, db, tmp_path, form):
    assert run(capsys, "--db", db, "demo", str(tmp_path / "in"), "--period", "2021-H1",
               "--agencies", "2")[0] == 0
    code, out, _ = run(capsys, "--db", db, "import", str(tmp_path / "in"))
    assert code == 0 and out.count(", kỳ 2021-H1 (") == 2, out
    other = tmp_path / "khac.ttdn"
    other.write_bytes(package(form, signer=demo_signer("SNGV")))
    code, out, _ = run(capsys, "--db", db, "import", str(other))
    assert ", kỳ 2021-H1 (" in out  # the line: the code; its reason, a sentence, in words
    assert "báo cáo khác cho kỳ 6 tháng đầu năm 2021" in out
    code, out, _ = run(capsys, "--db", db, "held")
    [row] = [line.split("\t") for line in out.splitlines() if line.startswith("khac.ttdn")]
    assert row[3] == "2021-H1"


def test_the_command_line_prints_a_long_reason_whole(capsys, db, tmp_path, forms):
    paths = _long_reasons(tmp_path)
    with Workspace(tmp_path / "other.sqlite3", forms) as workspace:
        reasons = [r.detail for r in workspace.imports.run(paths, dry_run=True)]
    assert all(len(reason) > 100 for reason in reasons)
    code, out, _ = run(capsys, "--db", db, "import", *map(str, paths))
    assert code == 1
    for reason in reasons:
        assert f"({reason})" in out, reason
