"""Who uses a database: one of the province's member agencies, drafting its own report, or the
secretariat, which requests, receives and merges them. Stored as the setting «app.mode» (its
key kept as the first release wrote it) with these exact values."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    AGENCY = "agency"
    SECRETARIAT = "secretariat"
