"""Entry point of the frozen app: the same `ttdn` command line, with the app by default."""

import sys

from ttdn_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
