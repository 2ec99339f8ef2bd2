"""The statistics table as rows: moved to core.statrows, where the printed annex reads it too."""

from ttdn_desktop.core.statrows import StatRow, stat_rows

__all__ = ["StatRow", "stat_rows"]
