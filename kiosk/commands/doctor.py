"""``kiosk doctor [--json] [--portal URL]``: deployment checks, exit 1 on any fail.

The checks themselves are listed in :mod:`kiosk.doctor`. ``--json`` prints
``{"checks": [{"name", "status", "detail", "hint"}]}``. A malformed ``--portal`` is
bad input (exit 2) before any check runs.
"""

from __future__ import annotations

import argparse
import json

from kiosk.config import checked_option
from kiosk.core.paths import default_home


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("doctor", help="check this kiosk's set-up")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--portal", help="portal URL (overrides the configuration)")
    parser.add_argument("--config", help="configuration file (default: KIOSK_CONFIG)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.doctor import Status, inputs, run_checks

    marks = {Status.OK: "ok  ", Status.WARN: "WARN", Status.FAIL: "FAIL"}
    portal = checked_option("--portal", args.portal) if args.portal else None  # exit 2
    results = run_checks(inputs(args.config, portal, default_home()))
    if args.json:
        print(json.dumps({"checks": [r.as_json() for r in results]}, ensure_ascii=False))
    else:
        for r in results:
            print(f"[{marks[r.status]}] {r.name}: {r.detail}")
            if r.hint and r.status is not Status.OK:
                print(f"       → {r.hint}")
    return 1 if any(r.status is Status.FAIL for r in results) else 0
