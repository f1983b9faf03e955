"""``python -m kiosk``: the same as the ``kiosk`` console script."""

from kiosk.cli import main

raise SystemExit(main())
