"""A fuzz campaign over every kind of file the import takes: packages, Excel forms, Word
reports, .eml and .msg mail (tests/fuzzing.py makes the mutants and checks each).

    python bench/bench_fuzz.py [--count 100000] [--seed 1]

Prints, per kind and in all: mutants, crashes (an exception past the importer), hangs (over
10 s), catch-alls (a refusal without a named reason), rejected files that changed the
database, the slowest file, and the memory peak of the process. Examples of anything found
are written beside the database for a test to be made of them.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hang", type=float, default=10.0, help="seconds that count as a hang")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ttdn-fuzz-"))
    os.environ.setdefault("XDG_DATA_HOME", str(folder / "data"))  # the crash log, not the user's

    from tests import fuzzing
    from ttdn_desktop.workspace import Workspace
    workspace = Workspace(folder / "fuzz.sqlite3")
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    workspace.agencies.add("CAT", "Công an tỉnh")
    seeds = fuzzing.seeds(workspace, workspace.form, folder)
    campaign = fuzzing.Campaign(workspace, folder, hang_seconds=args.hang)
    per_kind = args.count // len(fuzzing.KINDS)
    print(f"fuzz: {per_kind * len(fuzzing.KINDS)} mutants ({per_kind} of each kind), seed "
          f"{args.seed}, files in {folder}", flush=True)
    start = time.perf_counter()
    import random
    for k, kind in enumerate(fuzzing.KINDS):
        rng = random.Random(args.seed * 1000 + k)
        before = dict(campaign.counts)
        slowest_before, campaign.slowest = campaign.slowest, 0.0
        kind_start = time.perf_counter()
        for _ in range(per_kind):
            name, data = rng.choice(seeds[kind])
            campaign.run(kind, name, fuzzing.mutate(rng, kind, data))
        found = {key: campaign.counts[key] - before[key] for key in campaign.counts}
        elapsed = time.perf_counter() - kind_start
        print(f"{kind:8s} mutants={found['mutants']} crashes={found['crashes']} "
              f"hangs={found['hangs']} catch_alls={found['catch_alls']} "
              f"changed_when_rejected={found['changed_when_rejected']} "
              f"stray_output={found['stray_output']} slowest={campaign.slowest:.2f}s "
              f"mean={elapsed / per_kind * 1000:.1f}ms",
              flush=True)
        campaign.slowest = max(campaign.slowest, slowest_before)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    counts = campaign.counts
    print(f"all      mutants={counts['mutants']} crashes={counts['crashes']} "
          f"hangs={counts['hangs']} catch_alls={counts['catch_alls']} "
          f"changed_when_rejected={counts['changed_when_rejected']} "
          f"stray_output={counts['stray_output']} slowest={campaign.slowest:.2f}s "
          f"memory_peak={peak:.0f}MiB "
          f"time={time.perf_counter() - start:.0f}s")
    for n, (what, kind, detail, data) in enumerate(campaign.examples):
        path = folder / f"found-{n}-{what}-{kind}.bin"
        path.write_bytes(data)
        print(f"  {what} {kind}: {str(detail)[:200]} → {path}")
    workspace.close()
    return 1 if any(counts[k] for k in ("crashes", "hangs", "catch_alls",
                                         "changed_when_rejected", "stray_output")) else 0


if __name__ == "__main__":
    sys.exit(main())
