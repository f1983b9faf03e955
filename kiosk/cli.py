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

Every command logs to ``KIOSK_HOME/logs/kiosk.log`` (redacted), or, when that
folder cannot be written, shows warnings on stderr, one line each. Files it
creates are the user's own (umask 077 on POSIX while it runs). A ``--timeout``
of any command must be a finite number of seconds above 0.

Exit codes (../shared/CONTRACT.md): 0 done; 1 a check or operation failed;
2 bad input or configuration, with a message naming the file, key or field;
130 interrupted (Ctrl+C); 141 the reader of stdout went away (``kiosk outbox list
| head -1``), as for any Unix tool ended by SIGPIPE: nothing more is printed.
No traceback ever reaches the user: an unexpected error is logged and summarised
in one line naming its type and the log file.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType

from kiosk import __version__
from kiosk.commands import (
    autostart,
    config,
    doctor,
    forms,
    identity,
    outbox,
    printers,
    receipt,
    sandbox,
    submit,
    volunteers,
)
from kiosk.core.errors import KioskError
from ui.commands import audit, run, tour

COMMANDS: tuple[ModuleType, ...] = (
    sandbox, submit, outbox, forms, receipt, printers, identity, volunteers, doctor, config,
    autostart, run, tour, audit,
)
CLOSED_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a tool whose reader left
MAX_TIMEOUT_S = 86_400.0

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
    try:
        with _private_files():
            return _main(argv)
    except BrokenPipeError:
        return _reader_gone()


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    timeout = getattr(args, "timeout", None)
    if isinstance(timeout, float) and not (0 < timeout <= MAX_TIMEOUT_S):  # nan too
        parser.error(f"argument --timeout: must be from 0 to {MAX_TIMEOUT_S:g} seconds, "
                     f"not {timeout:g}")
    log_file, no_log = _start_logging()
    try:
        code = func(args)
        sys.stdout.flush()  # a reader that went away is seen here, not at exit
        return code
    except BrokenPipeError:
        raise
    except KioskError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        if exc.exit_code == 1 and no_log and str(exc) not in no_log:
            print(f"kiosk: {no_log}", file=sys.stderr)  # e.g. a read-only data folder
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - last resort: a message, never a traceback
        return _unexpected(args.command, exc, log_file, no_log)


def _unexpected(command: str, exc: BaseException, log_file: Path | None, no_log: str) -> int:
    log.error("unexpected error in %s", command, exc_info=exc)
    where = f"details are in {log_file}" if log_file else f"no log was written: {no_log}"
    print(f"kiosk: unexpected error ({type(exc).__name__}); {where}", file=sys.stderr)
    return 1


def _start_logging() -> tuple[Path | None, str]:
    """Log to ``KIOSK_HOME/logs``; (the log file, or None and why not)."""
    from kiosk.core import logs
    from kiosk.core.paths import DataDir, default_home

    try:
        folder = DataDir(default_home()).ensure().logs
    except KioskError as exc:
        logs.setup(None)
        return None, str(exc)
    path = logs.setup(folder)
    return path, "" if path else f"{folder} cannot be written"


@contextlib.contextmanager
def _private_files() -> Iterator[None]:
    """Files and folders made while a command runs are its user's alone (POSIX)."""
    if os.name != "posix":
        yield
        return
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _reader_gone() -> int:
    """stdout's reader closed the pipe: stop quietly (Python's own final flush included)."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return CLOSED_PIPE


def _utf8_stdio() -> None:
    """Vietnamese must print readably on a Windows console too."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")
