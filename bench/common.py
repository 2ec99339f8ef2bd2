"""What the bench scripts share."""

from __future__ import annotations

import time


def best_of(repeat: int, function) -> float:
    """The shortest of `repeat` runs, in seconds: the least disturbed by the rest of the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def demo_consolidation(folder, agencies: int):
    """A database in `folder` with `agencies` demo reports for 2021-H1 imported; returns
    (the consolidated period, the letterhead)."""
    from pathlib import Path

    from ttdn_desktop.cli import main as ttdn
    from ttdn_desktop.core.periods import Period
    from ttdn_desktop.workspace import Workspace
    folder = Path(folder)
    db = folder / "bench.sqlite3"
    ttdn(["--db", str(db), "demo", str(folder / "in"), "--agencies", str(agencies)])
    with Workspace(db) as workspace:
        workspace.imports.run(sorted((folder / "in").glob("*.ttdn")))
        return workspace.merge.consolidation(Period.parse("2021-H1")), workspace.setup.letterhead()
