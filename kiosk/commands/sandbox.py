"""``kiosk sandbox [--host H] [--port P] [--data DIR]``: run the sandbox portal.

Prints exactly one line on stdout, ``kiosk sandbox listening on http://HOST:PORT``,
once connections are accepted (``--port 0``: the port actually picked), then
serves until SIGINT/SIGTERM (Ctrl+C or Ctrl+Break on Windows) and exits 0.
An address already in use exits 2. Requests are logged to stderr (method,
path, status, duration; never bodies). The main thread only waits; the server
runs on its own threads (:func:`kiosk.sandbox.server.start_sandbox`).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from kiosk.core.errors import BadInput
from kiosk.core.logs import RedactFilter

DEFAULT_PORT = 8765


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "sandbox",
        help="run the sandbox portal (a simulator for demos, training and tests)",
        description="The reference portal + identity provider metadata, on this machine.",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help="port (default: %(default)s; 0 = any free port)",
    )
    parser.add_argument(
        "--data", help="folder for the sandbox's SQLite store (default: a temp folder)"
    )
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from kiosk.sandbox.server import start_sandbox

    if not 0 <= args.port <= 65535:
        raise BadInput(f"--port {args.port}: must be from 0 to 65535")
    _log_requests_to_stderr()
    stop = threading.Event()
    _on_signals(stop)
    sandbox = start_sandbox(Path(args.data) if args.data else None, args.host, args.port)
    try:
        print(f"kiosk sandbox listening on {sandbox.url}", flush=True)
        while not stop.wait(0.5):  # a timed wait lets Ctrl+C through on Windows
            pass
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.stop()
    return 0


def _on_signals(stop: threading.Event) -> None:
    def handle(signum: int, frame: FrameType | None) -> None:
        stop.set()

    for name in ("SIGINT", "SIGTERM", "SIGBREAK"):  # SIGBREAK: Ctrl+Break on Windows
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, handle)


def _log_requests_to_stderr() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger("kiosk.sandbox")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
