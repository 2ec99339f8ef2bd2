"""The secretariat's review of an agency's revision, stored as these words.

Apart from the merge, whose states they join: storing and reading a review (storage/reviews.py)
has no need of the merge's rules."""

NEEDS_CHANGES = "needs_changes"
ACCEPTED = "accepted"
REVIEW_STATES = (ACCEPTED, NEEDS_CHANGES)
