"""Run the command line: ``python -m storymap --help``."""

import sys

from storymap.cli import main

sys.exit(main())
