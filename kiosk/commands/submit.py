"""``kiosk submit --procedure CODE --answers FILE.json [--portal URL] [--no-send] [--again]``.

The same path as the GUI: the answers are validated (exit 2, one line per
field), saved to the outbox in ``KIOSK_HOME`` (encrypted, key in the OS
keyring) and, unless ``--no-send``, sent once at once. The moment the save is
durable, ``kiosk: saved REF`` goes to stderr (before the send: a run killed
while sending has still said what was saved). At the end it prints one JSON
line ``{"ref", "code", "status"}``. When the portal cannot be reached the
application stays queued (``kiosk outbox sync`` sends it later): the line is
printed with ``"status": "queued"`` and the exit code is 1; the same when
another sender (the running kiosk) holds the outbox: it sends it. Without a
configuration and without ``--portal`` there is no portal to send to: exit 2
(``--no-send`` still saves).

The same procedure and answers saved in the last 30 minutes are refused
(exit 1, naming the earlier reference and its time): a retry after a run that
seemed to fail must not make a second application. ``--again`` saves it anyway.

The answers file is read up to :data:`MAX_ANSWERS_BYTES`, at most
:data:`MAX_DEPTH` levels deep, numbers of at most :data:`MAX_DIGITS` digits:
anything else is bad input (exit 2), never a hang or a traceback. The
volunteer's name is best given in ``KIOSK_VOLUNTEER``: ``--volunteer NAME`` is
shown to every user of the computer in the process list.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.config import load_for_command
from kiosk.core.errors import BadInput, OperationFailed
from kiosk.outbox.records import OutboxRecord, RecordStatus

if TYPE_CHECKING:
    from forms.model import Procedure
    from kiosk.context import AppContext
    from kiosk.submission import SubmissionResult

NO_PORTAL = (
    "no portal to send to: give --portal URL, or set [portal] url in the configuration "
    "(--config FILE or KIOSK_CONFIG); --no-send only saves to the outbox"
)
VOLUNTEER_ENV = "KIOSK_VOLUNTEER"
MAX_ANSWERS_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_DIGITS = 100


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "submit", help="validate answers, save them to the outbox and send them"
    )
    parser.add_argument("--procedure", required=True, help="procedure code or slug")
    parser.add_argument("--answers", required=True, help="JSON file (kiosk forms example CODE)")
    parser.add_argument("--portal", help="portal URL (overrides the configuration)")
    parser.add_argument("--config", help="configuration file (default: KIOSK_CONFIG)")
    parser.add_argument("--no-send", action="store_true", help="only save to the outbox")
    parser.add_argument(
        "--volunteer",
        help=f"the volunteer who helped (kept encrypted). Shown in the process list to every "
        f"user of this computer: prefer the environment variable {VOLUNTEER_ENV}",
    )
    parser.add_argument(
        "--again", action="store_true",
        help="save it even if the same answers were saved in the last 30 minutes",
    )
    parser.add_argument(
        "--timeout", type=float, default=None, help="seconds to wait for the portal"
    )
    parser.set_defaults(func=run)


def read_answers(path: Path) -> dict[str, Any]:
    """The answers file as a JSON object; :class:`BadInput` naming the file otherwise."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_ANSWERS_BYTES + 1)
    except FileNotFoundError:
        raise BadInput(f"{path}: file not found") from None
    except OSError as exc:
        raise BadInput(f"{path}: cannot read the file ({exc.strerror})") from None
    if len(raw) > MAX_ANSWERS_BYTES:
        raise BadInput(f"{path}: the file is too big (more than {MAX_ANSWERS_BYTES // 1024} KB); "
                       "an answers file is a few KB (kiosk forms example CODE)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(
            f"{path}: not UTF-8 text (bad byte at position {exc.start}); save it as UTF-8"
        ) from None
    data = _parse_json(path, text)
    if not isinstance(data, dict):
        raise BadInput(
            f"{path}: must be a JSON object of answers keyed by question id, "
            f"not a {type(data).__name__}"
        )
    _check_depth(path, data)
    return data


def _parse_json(path: Path, text: str) -> Any:
    try:
        return json.loads(text, parse_int=_small_int, parse_float=_finite_float,
                          parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise BadInput(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise BadInput(f"{path}: the JSON is nested too deeply (answers are at most "
                       f"{MAX_DEPTH} levels deep)") from None
    except ValueError as exc:  # from the hooks below
        raise BadInput(f"{path}: {exc}") from None


def _small_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"a number has more than {MAX_DIGITS} digits; no answer is that long "
                         "(write long numbers, like ID numbers, as text in quotes)")
    return int(digits)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or len(text) > MAX_DIGITS:
        raise ValueError(f"the number {text[:20]}… cannot be an answer")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value an answer can have")


def _check_depth(path: Path, data: Any) -> None:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise BadInput(f"{path}: the JSON is nested too deeply (answers are at most "
                           f"{MAX_DEPTH} levels deep)")
        items = value.values() if isinstance(value, dict) else value if isinstance(
            value, list) else ()
        stack.extend((item, depth + 1) for item in items)


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
    volunteer = args.volunteer or os.environ.get(VOLUNTEER_ENV) or None
    context = build_for_command(config, catalogue)
    try:
        result, busy = _submit(context, procedure, answers, volunteer, args,
                               args.timeout or config.portal.read_timeout_s)
    finally:
        context.close()
    if result.outcome is SubmissionOutcome.INVALID:
        raise InvalidAnswers(procedure.code, result.field_errors)
    if result.outcome is SubmissionOutcome.DUPLICATE and result.earlier is not None:
        raise OperationFailed(duplicate_message(result.earlier))
    if result.record is None:
        raise OperationFailed(f"{procedure.code}: not saved ({result.detail})")
    print(result_line(result.record), flush=True)
    if busy and result.record.status is RecordStatus.QUEUED:
        print(f"kiosk: another sender (the running kiosk, or `kiosk outbox sync`) is at work on "
              f"this outbox; {result.record.ref} is saved and it will send it", file=sys.stderr)
        return 1
    return _report(result.record, args.no_send)


def _submit(context: AppContext, procedure: Procedure, answers: dict[str, Any], volunteer: str | None,
            args: argparse.Namespace, timeout_s: float) -> tuple[SubmissionResult, bool]:
    """Save (saying so on stderr at once), then send if this process can be the sender."""
    from kiosk.outbox.lock import SenderLock

    lock = SenderLock(context.outbox.path)
    sending = not args.no_send and lock.acquire()
    try:
        result = context.submissions.submit(
            procedure, answers, volunteer=volunteer, again=args.again, on_saved=_say_saved,
            send_within_s=timeout_s if sending else None,
        )
    finally:
        if sending:
            lock.release()
    return result, not args.no_send and not sending


def _say_saved(record: OutboxRecord) -> None:
    print(f"kiosk: saved {record.ref} (kept in the outbox; do not submit it again)",
          file=sys.stderr, flush=True)


def duplicate_message(earlier: OutboxRecord) -> str:
    when = earlier.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    code = f", code {earlier.code}" if earlier.code else ""
    return (f"the same application (procedure {earlier.procedure}, the same answers) was saved "
            f"as {earlier.ref} at {when} ({earlier.status.value}{code}); nothing new was saved. "
            "If it must really be submitted a second time, add --again")


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
