"""A member of the provincial steering committee, as storage lists it and the merge reads it.

Kept apart from the merge so that listing the members (every start does) does not load the
merge, its rules and its validation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    retired: bool = False
