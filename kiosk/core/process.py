"""How to start this program again as a child process (pure, any platform).

``kiosk_argv("audit", "--out", "x")`` is the command line of ``kiosk audit --out x``
run by the same Python (or by the packaged executable when frozen), never
through a shell, so it works alike on Windows and Linux.
"""

from __future__ import annotations

import sys


def kiosk_argv(*args: str) -> list[str]:
    """The argument vector that runs ``kiosk`` with ``args`` in a child process."""
    if getattr(sys, "frozen", False):  # a packaged kiosk: the executable is the program
        return [sys.executable, *args]
    return [sys.executable, "-m", "kiosk", *args]
