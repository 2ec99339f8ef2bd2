"""What a piece of work can change, in the words the window's views listen for: each view
reloads what it shows when a kind it shows was changed. The database says which were
(storage/changes.py): no caller declares them."""

REPORTS = "reports"            # report texts, figures, revisions, signatures, held packages
AGENCIES = "agencies"          # the member list and its kinds
PERIODS = "periods"            # a period's dates and deadline, the level above's request
CONSOLIDATED = "consolidated"  # the secretariat's merged texts, their order, sent upward
REVIEWS = "reviews"            # review decisions
SETTINGS = "settings"          # letterhead and other settings the user chose
EVERYTHING = "everything"      # changed from outside (another program): reload all
