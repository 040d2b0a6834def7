"""``python -m acctverify`` runs the command line."""

import sys

from acctverify.cli import main

sys.exit(main())
