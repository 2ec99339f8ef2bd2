"""A year of daily editing on one agency database: each day the app starts (daily backup, old
history thinned), the official types for a sitting (autosave every few seconds) in a few
sections and changes a figure now and then; each quarter the report is sent (sealed) and a new
period begins. Prints the database size, the history rows and the backups kept, against a
baseline run in the same process with the old history trigger (one row per autosave) and no
thinning.

    .venv/bin/python bench/bench_storage_year.py [--days 365] [--saves 120]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ttdn_desktop.core.periods import Period  # noqa: E402
from ttdn_desktop.storage import reports as report_store  # noqa: E402
from ttdn_desktop.workspace import Workspace  # noqa: E402

SECTIONS = ["an_pham", "han_che", "phuong_huong"]
WORDS = ("thông tin đối ngoại tuyên truyền hợp tác quốc tế hội nghị bản tin phóng sự kiều bào "
         "biên giới du lịch đầu tư xúc tiến").split()

OLD_TRIGGER = """CREATE TRIGGER section_texts_keep_update BEFORE UPDATE ON section_texts
    WHEN OLD.text IS NOT NEW.text OR OLD.saved_at IS NOT NEW.saved_at
    BEGIN
      INSERT INTO section_texts_history (report_id, revision, section_id, text, saved_at,
                                         replaced_at, change)
      VALUES (OLD.report_id, OLD.revision, OLD.section_id, OLD.text, OLD.saved_at,
              strftime('%Y-%m-%dT%H:%M:%f', 'now'), 'update');
    END"""


def simulate(folder: Path, days: int, saves: int, coalesce: bool) -> dict:
    rng = random.Random(14)
    db_path = folder / "donvi.sqlite3"
    clock = [datetime(2025, 1, 1, 8, 0)]
    original_now = report_store.now
    report_store.now = lambda: clock[0].isoformat(timespec="seconds")
    try:
        with Workspace(db_path) as workspace:
            # Sizes are measured here, not speed: no fsync per autosave keeps the run short.
            workspace.db.execute("PRAGMA synchronous = OFF")
            if not coalesce:
                workspace.db.execute("DROP TRIGGER section_texts_keep_update")
                workspace.db.execute(OLD_TRIGGER)
            workspace.agencies.add("SNGV", "Sở Ngoại vụ")
            form = workspace.form
            indicators = [i.id for i in form.indicators][:5]
            report_id, period = None, None
            texts: dict[str, str] = {}
            start = time.perf_counter()
            for day in range(days):
                clock[0] = datetime(2025, 1, 1, 8, 0) + timedelta(days=day)
                if coalesce:
                    workspace.backups.daily(clock[0])
                quarter = Period(clock[0].year, f"Q{(clock[0].month - 1) // 3 + 1}")
                if quarter != period:
                    if report_id is not None:
                        workspace.files.write_package("SNGV", period, folder / "goi.ttdn")
                    period = quarter
                    report_id = workspace.reports.new("SNGV", period)
                    texts = {s: "" for s in SECTIONS}
                section = SECTIONS[day % len(SECTIONS)]
                for _ in range(saves):
                    clock[0] += timedelta(seconds=5)
                    texts[section] += " ".join(rng.choices(WORDS, k=3)) + " "
                    if rng.random() < 0.05:
                        texts[section] += "\n"
                    report_store.save_draft(workspace.db, report_id, {section: texts[section]})
                if day % 7 == 0:
                    report_store.save_draft(
                        workspace.db, report_id,
                        figures={(i, ""): rng.randrange(1, 500) for i in indicators}, notes={})
            elapsed = time.perf_counter() - start
            db = workspace.db
            history = db.execute("SELECT count(*) FROM section_texts_history").fetchone()[0]
            figures_history = db.execute("SELECT count(*) FROM figures_history").fetchone()[0]
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        report_store.now = original_now
    from ttdn_desktop.storage import database
    database._CHECKED.clear()  # as at the app's start: the database is checked when opened
    start = time.perf_counter()
    Workspace(db_path).close()
    opening = time.perf_counter() - start
    backups = list((folder / "sao-luu").glob("*.sqlite3")) if (folder / "sao-luu").exists() \
        else []
    return {"db": db_path.stat().st_size, "history": history, "figures_history": figures_history,
            "backups": len(backups), "backup_bytes": sum(p.stat().st_size for p in backups),
            "seconds": elapsed, "opening": opening}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--saves", type=int, default=120, help="autosaves per day's sitting")
    args = parser.parse_args(argv)
    mb = 1024 * 1024
    with tempfile.TemporaryDirectory(prefix="ttdn-bench-year-") as tmp:
        new = simulate(Path(tmp) / "new", args.days, args.saves, coalesce=True)
    with tempfile.TemporaryDirectory(prefix="ttdn-bench-year-") as tmp:
        old = simulate(Path(tmp) / "old", args.days, args.saves, coalesce=False)
    saves = args.days * args.saves
    print(f"{args.days} days, {saves} autosaves, a package each quarter")
    print(f"coalesced: database {new['db'] / mb:.1f} MB, {new['history']} text history rows, "
          f"{new['figures_history']} figure history rows; backups kept {new['backups']} "
          f"({new['backup_bytes'] / mb:.1f} MB); {new['seconds']:.1f} s; opening with "
          f"quick_check {new['opening'] * 1000:.0f} ms")
    print(f"baseline : database {old['db'] / mb:.1f} MB, {old['history']} text history rows "
          f"(one per autosave, no thinning); {old['seconds']:.1f} s; opening "
          f"{old['opening'] * 1000:.0f} ms")
    print(f"ratio    : database {new['db'] / old['db']:.3f} of the baseline, history rows "
          f"{new['history'] / max(1, old['history']):.4f}; a year of daily backups unthinned "
          f"would be {args.days} files (~{args.days * new['db'] / mb:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
