"""The secretariat's review of an agency's revision, stored as these words.

Apart from the merge, whose states they join, so that an agency's start, which reads the
review of its own report, does not load the merge."""

NEEDS_CHANGES = "needs_changes"
ACCEPTED = "accepted"
REVIEW_STATES = (ACCEPTED, NEEDS_CHANGES)
