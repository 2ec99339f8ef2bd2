"""TTĐN Desktop: drafting and merging periodic reports on external-information work.

Layers, from the bottom up (only `ui` imports Qt; nothing imports `ui`):

- `core`: forms, periods, report content, validation, merge rules, Vietnamese text. Pure Python.
- `storage`: the SQLite database (plain SQL), migrations, revisions.
- `exchange`: .ttdn packages and the import rules.
- `export`: Word and Excel outputs.
- `workspace`: the operations the command line and the UI share.
- `cli`, `ui`: the two front ends.
"""

__version__ = "0.1.0"
APP_NAME = "TTĐN Desktop"

import logging as _logging

# A library stays quiet unless the program using it sets logging up: what goes wrong reaches
# the user as a sentence and the crash log as a traceback, never as stray text on stderr.
_logging.getLogger(__name__).addHandler(_logging.NullHandler())
