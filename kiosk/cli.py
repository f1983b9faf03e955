"""The ``kiosk`` command line (also ``python -m kiosk``): the composition root.

:data:`COMMANDS` lists every command's module, in the order ``kiosk --help``
shows them; each exposes ``register(subparsers)``, which adds a sub-parser
whose ``func`` default takes the parsed ``argparse.Namespace`` and returns an
exit code. Core commands are in ``kiosk.commands``; the ones that need Qt
(``run``, ``tour``, ``audit``) are in ``ui.commands``, and this module is the
one place of the application allowed to wire the GUI in (an import-linter
contract in ``pyproject.toml`` names it as the exception). Command modules
import only what parsing needs at the top; the rest loads when the command
runs, so ``kiosk run`` starts without the others' dependencies.

Exit codes (../shared/CONTRACT.md): 0 done; 1 a check or operation failed;
2 bad input or configuration, with a message naming the file, key or field.
No traceback ever reaches the user: unexpected errors are logged and summarised.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from kiosk import __version__
from kiosk.commands import (
    config,
    doctor,
    forms,
    identity,
    outbox,
    printers,
    receipt,
    sandbox,
    submit,
)
from kiosk.core.errors import KioskError
from ui.commands import audit, run, tour

COMMANDS: tuple[ModuleType, ...] = (
    sandbox, submit, outbox, forms, receipt, printers, identity, doctor, config, run, tour,
    audit,
)

log = logging.getLogger("kiosk.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Cultural-house kiosk: guided public-service submissions.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_stdio()
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return func(args)
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
