"""``kiosk config init [--out FILE]`` (written 0600: it may hold the volunteers' PIN) and
``kiosk config check [--config FILE]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk import config
from kiosk.core.errors import BadInput
from kiosk.core.paths import write_private


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("config", help="the configuration file")
    sub = parser.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    init = sub.add_parser("init", help="write a commented example configuration")
    init.add_argument("--out", help="file to write (default: print it)")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    init.set_defaults(func=_init)
    check = sub.add_parser("check", help="read a configuration and report problems")
    check.add_argument("--config", help="the file (default: KIOSK_CONFIG)")
    check.set_defaults(func=_check)


def _init(args: argparse.Namespace) -> int:
    if not args.out:
        sys.stdout.write(config.EXAMPLE)
        return 0
    out = Path(args.out)
    if out.exists() and not args.force:
        raise BadInput(f"{out}: already exists; add --force to overwrite it")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_private(out, config.EXAMPLE.encode("utf-8"))
    except OSError as exc:
        raise BadInput(f"{out}: cannot write ({exc.strerror})") from None
    print(f"wrote {out}")
    return 0


def _check(args: argparse.Namespace) -> int:
    path = config.config_path(args.config)
    if path is None:
        raise BadInput("no configuration given (--config FILE or KIOSK_CONFIG); demo mode")
    config.load(path)
    print(f"{path}: ok")
    return 0
