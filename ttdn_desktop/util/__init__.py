"""Small helpers with no knowledge of reports: paths, atomic files."""
