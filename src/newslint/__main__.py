"""``python -m newslint`` runs the command line."""

import sys

from newslint.cli import main

sys.exit(main())
