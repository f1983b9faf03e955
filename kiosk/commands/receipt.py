"""``kiosk receipt --sample [--format a4|a5|80mm|58mm] --out FILE.pdf``: a sample receipt.

Renders the official receipt layout with a fictional resident, to check fonts,
paper and layout on a new machine (and for the tour and the benchmarks).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.core.errors import BadInput
from printing.settings import PAPERS


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("receipt", help="render a receipt (sample data)")
    parser.add_argument("--sample", action="store_true", help="use a fictional resident")
    parser.add_argument("--format", choices=PAPERS, default="a4", help="paper (default a4)")
    parser.add_argument("--out", required=True, help="the PDF file to write")
    parser.add_argument("--queued", action="store_true",
                        help="as printed while offline: local reference, no code yet")
    parser.add_argument("--two-copies", action="store_true", help="A4: two pages (liên 1, 2)")
    parser.set_defaults(func=_receipt)


def _receipt(args: argparse.Namespace) -> int:
    from printing.render import render_pdf
    from printing.sample import sample_receipt

    if not args.sample:
        raise BadInput("receipt: only --sample is supported here; real receipts are printed "
                       "by the kiosk (kiosk run)")
    receipt = sample_receipt(code=None) if args.queued else sample_receipt()
    pdf = render_pdf(receipt, args.format, two_copies=args.two_copies)
    out = Path(args.out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(pdf)
    except OSError as exc:
        raise BadInput(f"{out}: cannot write ({exc.strerror})") from None
    print(f"wrote {out} ({args.format}, {len(pdf)} bytes)")
    return 0
