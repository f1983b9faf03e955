"""``kiosk submit --procedure CODE --answers FILE.json [--portal URL] [--no-send]``.

The same path as the GUI: the answers are validated (exit 2, one line per
field), saved to the outbox in ``KIOSK_HOME`` (encrypted, key in the OS
keyring) and, unless ``--no-send``, sent once at once. Prints one JSON line
``{"ref", "code", "status"}``. When the portal cannot be reached the
application stays queued (``kiosk outbox sync`` sends it later): the line is
printed with ``"status": "queued"`` and the exit code is 1. Without a
configuration and without ``--portal`` there is no portal to send to: exit 2
(``--no-send`` still saves).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kiosk.config import load_for_command
from kiosk.core.errors import BadInput, OperationFailed
from kiosk.outbox.records import OutboxRecord, RecordStatus

NO_PORTAL = (
    "no portal to send to: give --portal URL, or set [portal] url in the configuration "
    "(--config FILE or KIOSK_CONFIG); --no-send only saves to the outbox"
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "submit", help="validate answers, save them to the outbox and send them"
    )
    parser.add_argument("--procedure", required=True, help="procedure code or slug")
    parser.add_argument("--answers", required=True, help="JSON file (kiosk forms example CODE)")
    parser.add_argument("--portal", help="portal URL (overrides the configuration)")
    parser.add_argument("--config", help="configuration file (default: KIOSK_CONFIG)")
    parser.add_argument("--no-send", action="store_true", help="only save to the outbox")
    parser.add_argument("--volunteer", help="the volunteer who helped (kept encrypted)")
    parser.add_argument(
        "--timeout", type=float, default=None, help="seconds to wait for the portal"
    )
    parser.set_defaults(func=run)


def read_answers(path: Path) -> dict[str, Any]:
    """The answers file as a JSON object; :class:`BadInput` naming the file otherwise."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BadInput(f"{path}: file not found") from None
    except OSError as exc:
        raise BadInput(f"{path}: cannot read the file ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(
            f"{path}: not UTF-8 text (bad byte at position {exc.start}); save it as UTF-8"
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    if not isinstance(data, dict):
        raise BadInput(
            f"{path}: must be a JSON object of answers keyed by question id, "
            f"not a {type(data).__name__}"
        )
    return data


def result_line(record: OutboxRecord) -> str:
    return json.dumps(
        {"ref": record.ref, "code": record.code, "status": record.status.value},
        ensure_ascii=False,
    )


def run(args: argparse.Namespace) -> int:
    from forms.loader import load_catalogue
    from kiosk.context import build_for_command
    from kiosk.submission import InvalidAnswers, SubmissionOutcome, check_answers

    config = load_for_command(args.config, args.portal)
    if not args.no_send and not config.portal.url:
        raise BadInput(NO_PORTAL)
    answers = read_answers(Path(args.answers))
    # Bad input is exit 2 before anything needs the keyring or the outbox.
    catalogue = load_catalogue()
    procedure = catalogue.get(args.procedure)
    check_answers(procedure, answers)
    context = build_for_command(config, catalogue)
    try:
        result = context.submissions.submit(
            procedure, answers, volunteer=args.volunteer,
            send_within_s=None if args.no_send else args.timeout or config.portal.read_timeout_s,
        )
    finally:
        context.close()
    if result.outcome is SubmissionOutcome.INVALID:
        raise InvalidAnswers(procedure.code, result.field_errors)
    if result.record is None:
        raise OperationFailed(f"{procedure.code}: not saved ({result.detail})")
    print(result_line(result.record), flush=True)
    return _report(result.record, args.no_send)


def _report(record: OutboxRecord, no_send: bool) -> int:
    if record.status is RecordStatus.SENT or no_send:
        return 0
    if record.status is RecordStatus.REJECTED:
        reasons = "; ".join(
            f"{e.field}: {e.message}" if e.field else e.message for e in record.errors
        )
        print(f"kiosk: the portal refused {record.ref}: {reasons or record.last_error}",
              file=sys.stderr)
        return 1
    print(
        f"kiosk: the portal could not be reached ({record.last_error}); {record.ref} is saved "
        "in the outbox and will be sent by `kiosk outbox sync` or the running kiosk",
        file=sys.stderr,
    )
    return 1
