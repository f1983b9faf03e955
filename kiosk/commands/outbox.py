"""``kiosk outbox list [--json]`` · ``show REF`` · ``sync [--until-empty]`` · ``retry REF`` ·
``retire --unreadable [--yes]``.

* ``list``: every record, newest first, with no personal data (works without
  the keyring: nothing is decrypted).
* ``show REF``: one record (the reference may be typed loosely: lower case,
  spaces, no dashes); the portal's reasons for a rejection; ``--answers``
  adds the decrypted answers (personal data: for the volunteer at the kiosk).
* ``sync``: records interrupted mid-send are requeued (same idempotency key),
  every backoff is cut short, and every due record is sent once. With
  ``--until-empty`` it keeps going, waiting out backoffs, until nothing is
  queued (``--timeout S`` gives up with exit 1). Rejected records are left for
  a volunteer.
* ``retry REF``: after a volunteer dealt with the reason, a rejected record
  goes back to the queue (same key, same answers) and is sent once now; a
  queued record is sent at once instead of waiting out its backoff. This is
  for refusals outside the answers (a wrong portal address, a procedure not yet
  open, an authorisation problem): answers cannot be edited in the outbox, so
  wrong answers need a new application, and the rejected record stays listed.
* ``retire --unreadable``: lists the records that cannot be read (set aside as
  ``unreadable``; with the key lost or replaced, every record sealed with it) and
  what each loses; ``--yes`` retires them (:mod:`kiosk.outbox.retire`) so the
  kiosk can start again with a new key. Without ``--yes`` nothing changes (exit 1).

``sync`` and ``retry`` send, so they take the outbox's sender lock: while the
kiosk (or another sync) runs on the same ``KIOSK_HOME``, ``sync`` says so and
exits 1 without sending; ``retry`` puts the record back in the queue for it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING, Any

from kiosk.commands.submit import NO_PORTAL, result_line
from kiosk.config import load_for_command
from kiosk.core.errors import BadInput, OperationFailed
from kiosk.core.paths import DataDir, default_home
from kiosk.outbox.records import RecordStatus

if TYPE_CHECKING:
    from kiosk.context import AppContext


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("outbox", help="the offline outbox of applications")
    sub = parser.add_subparsers(dest="outbox_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="every record, without personal data")
    listing.add_argument("--json", action="store_true", help="a JSON array")
    listing.add_argument("--status", choices=[s.value for s in RecordStatus])
    show = sub.add_parser("show", help="one record")
    show.add_argument("ref")
    show.add_argument("--json", action="store_true")
    show.add_argument("--answers", action="store_true", help="include the decrypted answers")
    sync = sub.add_parser("sync", help="send what is queued")
    sync.add_argument("--until-empty", action="store_true", help="until nothing is queued")
    sync.add_argument("--timeout", type=float, default=None, help="give up after S seconds")
    retry = sub.add_parser("retry", help="put a rejected record back in the queue and send it")
    retry.add_argument("ref")
    retire = sub.add_parser("retire", help="give up on the records that cannot be read")
    retire.add_argument("--unreadable", action="store_true", required=True,
                        help="the records that cannot be read (the only kind retired)")
    retire.add_argument("--yes", action="store_true",
                        help="really retire them (without it: only list what would be lost)")
    for p in (listing, show, sync, retry, retire):
        p.add_argument("--portal", help="portal URL (overrides the configuration)")
        p.add_argument("--config", help="configuration file (default: KIOSK_CONFIG)")
    listing.set_defaults(func=_list)
    show.set_defaults(func=_show)
    sync.set_defaults(func=_sync)
    retry.set_defaults(func=_retry)
    retire.set_defaults(func=_retire)


def _context(args: argparse.Namespace, *, need_portal: bool) -> AppContext:
    from kiosk.context import build_for_command

    config = load_for_command(args.config, args.portal)
    if need_portal and not config.portal.url:
        raise BadInput(NO_PORTAL.replace("; --no-send only saves to the outbox", ""))
    return build_for_command(config)


def _list(args: argparse.Namespace) -> int:
    from kiosk.outbox.store import Outbox
    from kiosk.vault import Vault

    load_for_command(args.config, args.portal)  # a broken configuration is still reported
    # Listing reads clear columns only, so it works even when the keyring does not.
    outbox = Outbox(DataDir(default_home()).outbox_db, Vault.in_memory_key())
    try:
        status = RecordStatus(args.status) if args.status else None
        records = outbox.list(status)
    finally:
        outbox.close()
    if args.json:
        print(json.dumps([r.summary() for r in records], ensure_ascii=False))
        return 0
    if not records:
        print("the outbox is empty")
    for r in records:
        when = r.created_at.strftime("%Y-%m-%d %H:%M")
        line = f"{r.ref:<20} {r.status.value:<10} {r.code or '-':<24} {r.procedure:<12} {when}"
        print(f"{line}  {r.last_error}" if r.summary()["reason"] else line)
    return 0


def _show(args: argparse.Namespace) -> int:
    context = _context(args, need_portal=False)
    try:
        record = context.outbox.find(args.ref)
    finally:
        context.close()
    data: dict[str, Any] = record.summary()
    data["errors"] = [{"field": e.field, "message": e.message} for e in record.errors]
    if args.answers:
        data["answers"] = record.answers
        data["volunteer"] = record.volunteer
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    for key, value in data.items():
        if key in ("errors", "answers"):
            continue
        print(f"{key:<17} {'-' if value is None else value}")
    for e in record.errors:
        print(f"reason           {e.field + ': ' if e.field else ''}{e.message}")
    if args.answers:
        print("answers          " + json.dumps(record.answers, ensure_ascii=False, indent=2))
    return 0


def _sync(args: argparse.Namespace) -> int:
    from kiosk.outbox.lock import SenderLock
    from kiosk.outbox.sync import drain_due

    context = _context(args, need_portal=True)
    assert context.portal is not None
    outbox = context.outbox
    deadline = None if args.timeout is None else time.monotonic() + args.timeout
    sent = rejected = 0
    lock = SenderLock(outbox.path)
    try:
        lock.acquire_or_fail("this command sent nothing")
    except BaseException:
        context.close()
        raise
    try:
        outbox.requeue_interrupted()
        outbox.make_all_due()
        while True:
            result = drain_due(outbox, context.portal)
            sent, rejected = sent + result.sent, rejected + result.rejected
            counts = outbox.counts()
            if not args.until_empty or counts.pending == 0:
                break
            if deadline is not None and time.monotonic() >= deadline:
                raise OperationFailed(
                    f"gave up after {args.timeout:g} s: {counts.pending} still queued "
                    f"({sent} sent, {rejected} rejected in this run)"
                )
            _sleep_until_due(context, deadline)
    finally:
        lock.release()
        context.close()
    print(
        f"sent {sent}, rejected {rejected}; queued {counts.pending}, "
        f"waiting for a volunteer {counts.rejected}"
    )
    if counts.pending and not args.until_empty and result.portal_down:
        print("kiosk: the portal is not answering; the rest stays queued", file=sys.stderr)
        return 1
    return 0


def _sleep_until_due(context: AppContext, deadline: float | None) -> None:
    due = context.outbox.next_due()
    wait = 0.05 if due is None else (due - context.outbox.clock()).total_seconds()
    if deadline is not None:
        wait = min(wait, deadline - time.monotonic())
    time.sleep(min(max(wait, 0.01), 5.0))


def _retry(args: argparse.Namespace) -> int:
    from kiosk.outbox.lock import BUSY, SenderLock

    context = _context(args, need_portal=True)
    lock = SenderLock(context.outbox.path)
    held = False
    try:
        record = context.outbox.find(args.ref)
        record = context.outbox.retry(record.ref)
        held = lock.acquire()
        if held:
            record = context.submissions.send_now(record.ref,
                                                  context.config.portal.read_timeout_s)
    finally:
        if held:
            lock.release()
        context.close()
    print(result_line(record))
    if not held:
        print(f"kiosk: {BUSY}; {record.ref} is back in the queue and will be sent by it",
              file=sys.stderr)
    return 0 if record.status is RecordStatus.SENT else 1


def _retire(args: argparse.Namespace) -> int:
    from kiosk.outbox import retire
    from kiosk.outbox.store import Outbox
    from kiosk.vault import Vault

    load_for_command(args.config, args.portal)
    # Nothing is decrypted or sealed here: a throwaway key reads the clear columns.
    outbox = Outbox(DataDir(default_home()).outbox_db, Vault.in_memory_key())
    try:
        planned = retire.plan(outbox)
        if not planned.items:
            print("nothing to retire: every record in the outbox can be read")
            return 0
        why = planned.key_problem or "their sealed data cannot be opened or parsed"
        print(f"{len(planned.items)} records cannot be read ({why}):")
        for item in planned.items:
            r = item.record
            when = r.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            print(f"  {r.ref:<20} {r.status.value:<10} {r.procedure:<12} {when}  {item.loses}")
        lost = f"{planned.unsent} applications that never reached the portal are lost for good"
        if not args.yes:
            print(f"nothing was changed. Retiring them erases their sealed data: {lost} (the "
                  "residents must apply again). To do it: kiosk outbox retire --unreadable --yes")
            return 1
        done = retire.carry_out(outbox, planned)
    finally:
        outbox.close()
    print(f"retired {done} records: {lost}; they stay listed as retired "
          "(kiosk outbox list --status retired)")
    if planned.key_problem:
        print("nothing sealed with the lost key is left: the kiosk makes a new key when it "
              "next starts")
    return 0
