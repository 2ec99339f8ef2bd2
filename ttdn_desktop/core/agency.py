"""A member of the provincial steering committee, as storage lists it and the merge reads it.

Kept apart from the merge: listing the members (storage/agencies.py) has no need of the merge's
rules and validation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    retired: bool = False
