import sys

from ttdn_desktop.cli import main

sys.exit(main())
