"""``kiosk printers [--json]`` and ``kiosk print --test [--printer NAME]``.

``printers`` lists what the configured backend sees (CUPS printers with their
state and reasons, the ESC/POS printer, or the PDF folder); the Qt backend's
list is shown by the GUI. ``print --test`` prints a test page with Vietnamese
letters and a QR code; exit 1 when the printer cannot print, naming why.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace

from kiosk import config
from kiosk.errors import BadInput, OperationFailed
from kiosk.paths import DataDir, default_home
from printing.backends.base import PrinterBackend
from printing.service import make_backend, print_test_page


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = subparsers.add_parser("printers", help="the printers the kiosk sees")
    listing.add_argument("--config", help="configuration file (default: KIOSK_CONFIG)")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(func=_printers)
    test = subparsers.add_parser("print", help="print a test page")
    test.add_argument("--test", action="store_true", required=True, help="print a test page")
    test.add_argument("--printer", help="printer name (default: the configured one)")
    test.add_argument("--config", help="configuration file (default: KIOSK_CONFIG)")
    test.set_defaults(func=_print_test)


def _backend(args: argparse.Namespace) -> tuple[PrinterBackend, str]:
    cfg = config.load(config.config_path(args.config))
    printer = cfg.printer
    if getattr(args, "printer", None):
        printer = replace(printer, name=args.printer)
    if printer.backend == "qt":
        raise BadInput("[printer] backend = \"qt\": the Qt printers are listed and tested "
                       "from the kiosk's volunteer screen; use backend \"cups\" here")
    receipts = DataDir(default_home()).receipts
    return make_backend(printer, receipts), printer.paper


def _printers(args: argparse.Namespace) -> int:
    backend, _ = _backend(args)
    found = backend.printers()
    if args.json:
        rows = [{"name": p.name, "backend": backend.name, "description": p.description,
                 "default": p.default,
                 "status": p.state.status.value if p.state else None,
                 "reasons": list(p.state.reasons) if p.state else []} for p in found]
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not found:
        print(f"no printers seen by the {backend.name} backend / không thấy máy in nào")
        return 0
    for p in found:
        mark = "*" if p.default else " "
        status = p.state.status.value if p.state else "?"
        reasons = ",".join(p.state.reasons) if p.state and p.state.reasons else ""
        print(f"{mark} {p.name}  [{backend.name}]  {status} {reasons}".rstrip())
    return 0


def _print_test(args: argparse.Namespace) -> int:
    backend, paper = _backend(args)
    outcome = print_test_page(backend, paper)
    if not outcome.ok:
        raise OperationFailed(f"test page not printed ({backend.name}: {outcome.status.value}; "
                              f"{outcome.detail}): {outcome.message('en')}")
    where = outcome.saved_to or outcome.job_id or outcome.detail
    print(f"test page sent ({backend.name}): {where}")
    return 0
