"""Whether another program still runs, for the files it leaves beside the database (a lock, a
temp file, a restore journal) that name it by its process id."""

from __future__ import annotations

import os


def process_alive(pid: int) -> bool | None:
    """True or False where the system can tell cheaply (POSIX: a signal 0); None elsewhere
    (Windows), each caller saying what an unknown means for its file."""
    if os.name != "posix":
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # there, but another user's
    return True
