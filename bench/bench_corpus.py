#!/usr/bin/env python3
"""The corpus of tests/corpus.py (reports as provincial agencies write them) made in every
format the world uses (LibreOffice's .docx, .doc, .odt, .rtf, .pdf; a scan; the .docx in a
Gmail, Outlook and Thunderbird mail), imported through the real path, and measured: sentences
in the right section, figures `--accept-figures` would store wrongly, crashes, refusals and
refusals that do not say plainly which format they refuse. `-v` lists every sentence misplaced,
every figure wrong or not proposed, every refusal. Needs LibreOffice and poppler.

    .venv/bin/python bench/bench_corpus.py [-v]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpusrun import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
