"""``kiosk install-autostart [--config F]`` and ``kiosk uninstall-autostart``.

The kiosk starts, supervised, when the PC's user logs in: a systemd user unit
on Linux, a Startup-folder script on Windows (:mod:`kiosk.autostart`). The
command says which file it wrote and, where systemd could not be reached (no
user session yet), the one command to run in that session.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.core.errors import BadInput


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    install = subparsers.add_parser("install-autostart",
                                    help="start the kiosk (supervised) at log-in")
    install.add_argument("--config", help="the configuration the kiosk runs with")
    install.set_defaults(func=_install)
    uninstall = subparsers.add_parser("uninstall-autostart", help="stop starting it at log-in")
    uninstall.set_defaults(func=_uninstall)


def _install(args: argparse.Namespace) -> int:
    from kiosk.autostart import install
    from kiosk.core.paths import home_from_env

    config = Path(args.config).resolve() if args.config else None
    if config is not None and not config.is_file():
        raise BadInput(f"{config}: no such configuration file")
    done = install(config, home_from_env())
    print(f"wrote {done.path}")
    if done.next_step:
        print(f"kiosk: {done.next_step}", file=sys.stderr)
    return 0


def _uninstall(_args: argparse.Namespace) -> int:
    from kiosk.autostart import uninstall

    gone = uninstall()
    print(f"removed {gone}" if gone is not None else "nothing to remove: no autostart installed")
    return 0
