"""``kiosk volunteers list|add|remove|admin-pin``: the technician manages the accounts.

* ``list``: each volunteer's id and name, one per line (tab between).
* ``add NAME``: a new volunteer; the PIN (4-8 digits) is asked twice on a
  terminal, or read as one line from standard input (``echo 1234 | kiosk
  volunteers add "Lê Văn Tâm"``): never on the command line, where other users
  of the PC could see it in the process list.
* ``remove NAME_OR_ID``: the account and its wrong tries go.
* ``admin-pin``: set the technician's PIN (read the same way).

The accounts live in ``KIOSK_HOME/volunteers.sqlite3``, names sealed with the
kiosk's key in the OS keyring (:mod:`kiosk.volunteers`). Exit 2 on a bad name
or PIN, saying what is expected.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING

from kiosk.core.errors import BadInput

if TYPE_CHECKING:
    from kiosk.volunteers import VolunteerBook


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("volunteers", help="volunteer accounts and the admin PIN")
    sub = parser.add_subparsers(dest="volunteers_command", metavar="ACTION", required=True)
    sub.add_parser("list", help="the volunteers: id and name").set_defaults(func=_list)
    add = sub.add_parser("add", help="a new volunteer (the PIN from the terminal or stdin)")
    add.add_argument("name", help='the name shown on the kiosk, e.g. "Lê Văn Tâm"')
    add.set_defaults(func=_add)
    remove = sub.add_parser("remove", help="remove a volunteer by name or id")
    remove.add_argument("who", metavar="NAME_OR_ID")
    remove.set_defaults(func=_remove)
    sub.add_parser("admin-pin", help="set the technician's PIN").set_defaults(func=_admin)


def _book() -> VolunteerBook:
    """The book in KIOSK_HOME (argon2 and the keyring load only when a command needs them)."""
    from kiosk.core.paths import DataDir, default_home
    from kiosk.outbox.keys import outbox_vault
    from kiosk.volunteers import VolunteerBook

    data = DataDir(default_home()).ensure()
    return VolunteerBook(data.volunteers_db, outbox_vault(data.outbox_db))


def _read_pin() -> str:
    from kiosk.volunteers import check_pin_format

    if sys.stdin.isatty():
        first = getpass.getpass("PIN (4-8 digits): ")
        if getpass.getpass("the same PIN again: ") != first:
            raise BadInput("the two PINs differ; nothing was changed")
    else:
        first = sys.stdin.readline()
    return check_pin_format(first)


def _list(_args: argparse.Namespace) -> int:
    book = _book()
    try:
        volunteers = book.volunteers()
        for volunteer in volunteers:
            print(f"{volunteer.id}\t{volunteer.name}")
        if not volunteers:
            print("no volunteers yet; add one with: kiosk volunteers add NAME", file=sys.stderr)
        if not book.has_admin_pin:
            print("no admin PIN yet; set it with: kiosk volunteers admin-pin", file=sys.stderr)
    finally:
        book.close()
    return 0


def _add(args: argparse.Namespace) -> int:
    pin = _read_pin()
    book = _book()
    try:
        volunteer = book.add(args.name, pin)
    finally:
        book.close()
    print(f"added {volunteer.id}\t{volunteer.name}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    book = _book()
    try:
        gone = book.remove(args.who)
    finally:
        book.close()
    print(f"removed {gone.id}\t{gone.name}")
    return 0


def _admin(_args: argparse.Namespace) -> int:
    pin = _read_pin()
    book = _book()
    try:
        book.set_admin_pin(pin)
    finally:
        book.close()
    print("the admin PIN is set")
    return 0
