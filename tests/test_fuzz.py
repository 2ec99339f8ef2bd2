"""A bounded, seeded fuzz run over every kind of file the import takes (tests/fuzzing.py):
no mutant raises past the importer, hangs, is refused without a named reason, or changes the
database when refused. bench/bench_fuzz.py runs the same over 100,000 mutants."""

import random
import time

import pytest

from ttdn_desktop.exchange import importer
from ttdn_desktop.workspace import Workspace

from . import fuzzing

# Mutants per kind: thousands of the cheap kinds; the Office kinds go through openpyxl and
# python-docx at 15-40 ms each, so fewer of them keep this test near a minute.
COUNTS = {"package": 3000, "eml": 3000, "msg": 3000, "xlsx": 1500, "docx": 2000}


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    workspace = Workspace(folder / "fuzz.sqlite3")
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    workspace.agencies.add("CAT", "Công an tỉnh")
    seeds = fuzzing.seeds(workspace, workspace.form, folder)
    yield fuzzing.Campaign(workspace, folder, hang_seconds=30), seeds
    workspace.close()


@pytest.mark.parametrize("kind", fuzzing.KINDS)
def test_fuzzed_files_are_refused_with_a_reason_and_change_nothing(campaign, kind):
    run, seeds = campaign
    rng = random.Random(f"ttdn-fuzz-{kind}")
    before = dict(run.counts)
    for _ in range(COUNTS[kind]):
        name, data = rng.choice(seeds[kind])
        run.run(kind, name, fuzzing.mutate(rng, kind, data))
    found = {k: run.counts[k] - before[k] for k in run.counts if k != "mutants"}
    examples = [(what, detail) for what, k, detail, _ in run.examples if k == kind][:5]
    assert found == {"crashes": 0, "hangs": 0, "catch_alls": 0, "changed_when_rejected": 0,
                     "stray_output": 0}, \
        examples


def test_the_fuzzer_finds_what_it_looks_for(campaign, tmp_path, monkeypatch):
    """A fuzz test that cannot fail is no test: a catch-all, a crash and a hang are noticed."""
    run, seeds = campaign
    counts = dict(run.counts)

    def broken(*args, **kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr(importer, "import_package_bytes", broken)
    run.run("package", "a.ttdn", seeds["package"][0][1])
    assert run.counts["catch_alls"] == counts["catch_alls"] + 1
    monkeypatch.setattr(run.workspace.imports, "run", broken)
    run.run("package", "a.ttdn", seeds["package"][0][1])
    assert run.counts["crashes"] == counts["crashes"] + 1

    def slow(*args, **kwargs):
        time.sleep(5)

    monkeypatch.setattr(run, "hang_seconds", 0.2)
    monkeypatch.setattr(run.workspace.imports, "run", slow)
    run.run("package", "a.ttdn", seeds["package"][0][1])
    assert run.counts["hangs"] == counts["hangs"] + 1
    run.counts.update(counts)  # leave the counts as the real runs left them
