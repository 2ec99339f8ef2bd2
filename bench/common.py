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
