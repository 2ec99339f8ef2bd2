"""The pure core: no Qt, no SQLite, no files other than form definitions."""
