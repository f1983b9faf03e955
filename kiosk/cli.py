"""The ``kiosk`` command line (also ``python -m kiosk``): the composition root.

Each command lives in its own module exposing ``register(subparsers)``, which
adds a sub-parser whose ``func`` default takes the parsed ``argparse.Namespace``
and returns an exit code. Core commands are in ``kiosk.commands``; commands that
need Qt (``run``, ``tour``, ``audit``) are in ``ui.commands`` and are imported
only here, the one place allowed to wire the GUI in.

Exit codes (../shared/CONTRACT.md): 0 done; 1 a check or operation failed;
2 bad input or configuration, with a message naming the file, key or field.
No traceback ever reaches the user: unexpected errors are logged and summarised.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import sys
from collections.abc import Sequence

from kiosk import __version__
from kiosk.core.errors import KioskError

CORE_COMMANDS = (
    "sandbox",
    "submit",
    "outbox",
    "forms",
    "receipt",
    "printers",
    "doctor",
    "report",
    "identity",
    "config",
)
GUI_COMMANDS = ("run", "tour", "audit")
# Commands registered by another command's module.
REGISTERED_BY = {"print": "printers"}

log = logging.getLogger("kiosk.cli")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``only``, just that command's module is imported (faster start)."""
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Cultural-house kiosk: guided public-service submissions.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in CORE_COMMANDS:
        if only in (None, name):
            _register(subparsers, f"kiosk.commands.{name}")
    for name in GUI_COMMANDS:
        if only in (None, name):
            _register(subparsers, f"ui.commands.{name}")
    return parser


def _named_command(argv: Sequence[str] | None) -> str | None:
    """The command named on the line, if it is a known one (``kiosk run`` starts faster
    when the other commands' modules, and what they import, are not loaded)."""
    args = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in args if not a.startswith("-")), None)
    first = REGISTERED_BY.get(first or "", first)
    return first if first in CORE_COMMANDS + GUI_COMMANDS else None


def _register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], module: str) -> None:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return  # command not built yet in this checkout
    mod.register(subparsers)


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_stdio()
    parser = build_parser(_named_command(argv))
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        result: int = args.func(args)
        return result
    except KioskError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - last resort: a message, never a traceback
        log.exception("unexpected error in %s", args.command)
        print(
            f"kiosk: unexpected error ({type(exc).__name__}); details are in the log",
            file=sys.stderr,
        )
        return 1


def _utf8_stdio() -> None:
    """Vietnamese must print readably on a Windows console too."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")
