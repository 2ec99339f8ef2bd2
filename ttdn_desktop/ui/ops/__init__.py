"""The operations of the window, one module per domain (as Anki's qt/aqt/operations/): each
function takes what the work needs and returns an `Op` (ui/operations.py), the work for the
worker thread. Views run them (`ops.run(op, …)`) and hear what changed through `ops.changed`,
as the database told it (storage/changes.py); no view calls the workspace itself.

These are the only place of ui/ that calls the Workspace."""
