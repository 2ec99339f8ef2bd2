#!/usr/bin/env python3
"""What signatures cost: building the packages of N agencies signed and unsigned, and the
secretariat's import preview (read, verify, weigh against the pinned keys, decide) of the batch
signed and unsigned, with the keys already pinned. Baseline, in the same process: the same work
without signatures.

    .venv/bin/python bench/bench_signing.py [--agencies 200]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import best_of  # noqa: E402

from ttdn_desktop.core.periods import Period  # noqa: E402
from ttdn_desktop.demo import (demo_agencies, demo_content, demo_signer,  # noqa: E402
                               report_id_for)
from ttdn_desktop.exchange.package import build_package  # noqa: E402
from ttdn_desktop.workspace import Workspace  # noqa: E402
from ttdn_desktop.core.role import Role

PERIOD = Period.parse("2021-H1")


def build_all(workspace, agencies, signed: bool) -> list[bytes]:
    return [build_package(form=workspace.form, agency_code=code, agency_name=name,
                          period=PERIOD, report_id=report_id_for(code, PERIOD), revision=1,
                          supersedes=None, content=contents[code],
                          signer=signers[code] if signed else None)
            for code, name in agencies]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=200)
    args = parser.parse_args()
    global contents, signers
    with tempfile.TemporaryDirectory(prefix="ttdn-bench-signing-") as folder:
        folder = Path(folder)
        agencies = demo_agencies(args.agencies)
        databases = {}
        for signed in (False, True):  # one secretariat each, so neither sees the other's pins
            workspace = Workspace(folder / f"ban-{int(signed)}" / "ttdn.sqlite3")
            workspace.setup.first_start(Role.SECRETARIAT, {})
            for order, (code, name) in enumerate(agencies, start=1):
                workspace.agencies.add(code, name, sort_order=order)
            databases[signed] = workspace
        workspace = databases[False]
        contents = {code: demo_content(workspace.form, code, name, PERIOD)
                    for code, name in agencies}
        signers = {code: demo_signer(code) for code, _ in agencies}
        build_plain = best_of(3, lambda: build_all(workspace, agencies, False))
        build_signed = best_of(3, lambda: build_all(workspace, agencies, True))
        previews = {}
        for signed, db in databases.items():
            out = folder / ("ky" if signed else "khong-ky")
            out.mkdir()
            for (code, _), data in zip(agencies, build_all(db, agencies, signed)):
                (out / f"{code}.ttdn").write_bytes(data)
            paths = sorted(out.iterdir())
            db.imports.run(paths)  # the first period: stored (and, signed, every key pinned)
            # the batch again: read, verified, weighed against its pinned key, found the same
            previews[signed] = best_of(3, lambda: db.imports.run(paths, dry_run=True))
            db.close()
        preview_plain, preview_signed = previews[False], previews[True]
    n = args.agencies
    print(f"build {n} packages: unsigned {build_plain * 1000:.0f} ms, signed "
          f"{build_signed * 1000:.0f} ms (x{build_signed / build_plain:.2f}; "
          f"{(build_signed - build_plain) / n * 1e6:.0f} µs per signature)")
    print(f"preview {n} packages: unsigned {preview_plain * 1000:.0f} ms, signed and pinned "
          f"{preview_signed * 1000:.0f} ms (x{preview_signed / preview_plain:.2f})")


if __name__ == "__main__":
    main()
