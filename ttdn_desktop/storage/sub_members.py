"""The members a committee's package carried with their own figures (table received_upward),
read with every contribution: apart from storage/upward.py (the province's own reports sent
upward, their sources), which the window of a member agency never reads."""

from __future__ import annotations

import json

from ttdn_desktop.core.merge import SubMember


def received_members(db, report_id: str, revision: int) -> list[SubMember] | None:
    """The sending committee's members with their figures, if its package carried them."""
    row = db.execute("SELECT members FROM received_upward WHERE report_id = ? AND revision = ?",
                     [report_id, revision]).fetchone()
    if row is None:
        return None
    return [SubMember(m["code"], m["name"],
                      {(f["indicator"], f["member"]): f["value"] for f in m["figures"]})
            for m in json.loads(row[0])]
