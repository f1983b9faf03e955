"""``kiosk printers [--json]`` and ``kiosk print --test | --reprint-list | --reprint ID | --ref REF``.

``printers`` lists what the configured backend sees (CUPS printers with their
state and reasons, the ESC/POS printer, or the PDF folder); the Qt backend's
list is shown by the GUI. ``print --test`` prints a test page with Vietnamese
letters and a QR code; exit 1 when the printer cannot print, naming why.
``--printer NAME`` must be one of the system printers seen (exit 1 listing them):
a named printer is never replaced by the PDF folder.
The volunteer's reprint list is also reachable here (it is read with the
kiosk's key from the OS keyring): ``--reprint-list`` shows references only,
``--reprint ID`` prints one kept receipt, ``--ref REF`` reprints an application's
receipt with the code the portal has since given it.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from typing import TYPE_CHECKING

from kiosk import config
from kiosk.config import load_for_command
from kiosk.core.errors import BadInput, OperationFailed
from kiosk.core.paths import DataDir, default_home

if TYPE_CHECKING:
    from printing.backends.base import PrinterBackend, PrintOutcome
    from printing.reprints import ReprintItem


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = subparsers.add_parser("printers", help="the printers the kiosk sees")
    listing.add_argument("--config", help="configuration file (default: KIOSK_CONFIG)")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(func=_printers)
    test = subparsers.add_parser("print", help="a test page; the reprint list")
    what = test.add_mutually_exclusive_group(required=True)
    what.add_argument("--test", action="store_true", help="print a test page")
    what.add_argument("--reprint-list", action="store_true",
                      help="receipts that did not print (references only)")
    what.add_argument("--reprint", metavar="ID", help="print one receipt of the reprint list")
    what.add_argument("--ref", metavar="REF",
                      help="reprint an application's receipt with its portal code")
    test.add_argument("--printer", help="printer name (default: the configured one)")
    test.add_argument("--config", help="configuration file (default: KIOSK_CONFIG)")
    test.set_defaults(func=_print)


def _backend(args: argparse.Namespace) -> tuple[PrinterBackend, str]:
    from printing.service import make_backend

    cfg = config.load(config.config_path(args.config))
    printer = cfg.printer
    named = getattr(args, "printer", None)
    if named:
        printer = replace(printer, name=named)
    if printer.backend == "qt":
        raise BadInput("[printer] backend = \"qt\": the Qt printers are listed and tested "
                       "from the kiosk's volunteer screen; use backend \"cups\" here")
    receipts = DataDir(default_home()).receipts
    # A printer asked for by name is that printer: never a PDF file in its stead.
    backend = make_backend(printer, receipts, fallback_to_folder=not named)
    if named:
        check_named(backend, named)
    return backend, printer.paper


def check_named(backend: PrinterBackend, name: str) -> None:
    """``--printer NAME`` must be a printer the backend sees; exit 1 naming those it does."""
    if backend.name not in ("cups", "auto"):
        raise BadInput(f"--printer {name}: names a system printer, but [printer] backend is "
                       f"{backend.name!r}")
    seen = [p.name for p in backend.printers()]
    if name not in seen:
        raise OperationFailed(f"--printer {name}: no such printer; the printers here: "
                              f"{', '.join(seen) or 'none (is CUPS running?)'}")


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


def _print(args: argparse.Namespace) -> int:
    from kiosk.context import build_for_command
    from printing.backends.unavailable import UnavailableBackend
    from printing.service import print_test_page

    if args.test:
        backend, paper = _backend(args)
        _done("test page", backend.name, print_test_page(backend, paper))
        return 0
    cfg = load_for_command(args.config, None)
    if cfg.demo:
        raise BadInput("the reprint list belongs to a configured kiosk: give --config FILE "
                       "or KIOSK_CONFIG (a demo's data is thrown away when it stops)")
    if args.printer:
        cfg = replace(cfg, printer=replace(cfg.printer, name=args.printer))
    context = build_for_command(cfg)
    try:
        service = context.printing
        if isinstance(service.backend, UnavailableBackend):
            raise BadInput(service.backend.reason)  # the [printer] key to fix
        if args.printer:
            check_named(service.backend, args.printer)
        if args.reprint_list:
            _show_reprints(service.reprint_list())
        elif args.reprint:
            _done(f"receipt {args.reprint}", service.backend.name, service.reprint(args.reprint))
        else:
            reissued = context.receipts.reissue(args.ref)
            _done(f"receipt of {reissued.ref} ({reissued.code})", service.backend.name,
                  reissued.outcome)
    finally:
        context.close()
    return 0


def _show_reprints(items: list[ReprintItem]) -> None:
    if not items:
        print("no receipts are waiting to be reprinted / không có biên nhận nào chờ in lại")
    for item in items:
        when = item.failed_at.strftime("%Y-%m-%d %H:%M")
        print(f"{item.id}  {item.reference:<24} {item.receipt.procedure_code:<10} "
              f"{item.reason.value:<13} {when}")


def _done(what: str, backend: str, outcome: PrintOutcome) -> None:
    if not outcome.ok:
        raise OperationFailed(f"{what} not printed ({backend}: {outcome.status.value}; "
                              f"{outcome.detail}): {outcome.message('en')}")
    where = outcome.saved_to or outcome.job_id or outcome.detail
    print(f"{what} sent ({backend}): {where}")
