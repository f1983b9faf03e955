"""Volunteer accounts and the technician's admin PIN (Qt-free).

Each volunteer has a name and a PIN of 4 to 8 digits; the technician adds and
removes them (``kiosk volunteers``). Stored in ``KIOSK_HOME/volunteers.sqlite3``:

* the name sealed with the kiosk's key (:class:`kiosk.vault.Vault`, AES-GCM,
  bound to the account's id) — a volunteer's name is personal data;
* the PIN as an argon2id hash (argon2-cffi; memory-hard, so a copied file does
  not give the PINs away), never the PIN;
* the wrong tries **on disk**, per account: after :data:`MAX_TRIES` wrong PINs
  in a row the account waits :data:`FIRST_WAIT_S` (5 minutes), and each later
  lock-out doubles the wait (10, 20 minutes…, at most :data:`LONGEST_WAIT_S`).
  A restart does not reset it; the right PIN does. The wait is on the wall
  clock (it must survive a restart), in UTC seconds.

The admin PIN (the technician's: leaving kiosk mode, managing accounts) is an
account of its own with the role ``admin`` and no name.

Threads: an argon2 check takes tens of milliseconds and a few tens of MB of
memory by design: call :meth:`VolunteerBook.check` off the GUI thread. One
book per process; SQLite serialises writers between processes.
"""

from __future__ import annotations

import math
import secrets
import sqlite3
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kiosk.core.errors import BadInput, OperationFailed
from kiosk.vault import Vault, VaultError

MAX_TRIES = 5
FIRST_WAIT_S = 300.0
LONGEST_WAIT_S = 24 * 3600.0
NAME_MAX = 60
ADMIN = "admin"
VOLUNTEER = "volunteer"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    id TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    name BLOB,
    name_key TEXT,
    pin_hash TEXT NOT NULL,
    wrong INTEGER NOT NULL DEFAULT 0,
    lockouts INTEGER NOT NULL DEFAULT 0,
    locked_until REAL,
    created REAL NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS one_name ON accounts (name_key);
"""


class PinResult(StrEnum):
    OPEN = "open"  # the right PIN
    WRONG = "wrong"  # try again (``tries_left``)
    WAIT = "wait"  # locked out: ``seconds_left`` before the next try


@dataclass(frozen=True)
class Verdict:
    result: PinResult
    tries_left: int = MAX_TRIES
    seconds_left: int = 0


@dataclass(frozen=True)
class Volunteer:
    id: str
    name: str


def check_pin_format(pin: str) -> str:
    """The PIN, or :class:`BadInput` saying what a PIN must be."""
    pin = pin.strip()
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        raise BadInput("a PIN is 4 to 8 digits")
    return pin


def _name_of(name: str) -> str:
    name = " ".join(unicodedata.normalize("NFC", name).split())
    if not name:
        raise BadInput("a volunteer needs a name")
    if len(name) > NAME_MAX:
        raise BadInput(f"a name of at most {NAME_MAX} letters")
    return name


class VolunteerBook:
    """The accounts in ``path``; names sealed with ``vault``."""

    def __init__(self, path: Path, vault: Vault, *, clock: Callable[[], float] = time.time,
                 hasher: PasswordHasher | None = None) -> None:
        self.path, self.vault, self.clock = path, vault, clock
        self.hasher = hasher or PasswordHasher()  # argon2id, the library's current defaults
        try:
            self.db = sqlite3.connect(path, isolation_level=None, timeout=10.0)
            self.db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise OperationFailed(f"volunteers: cannot open {path}: {exc}") from None

    def close(self) -> None:
        self.db.close()

    # -- accounts ---------------------------------------------------------------------
    def add(self, name: str, pin: str) -> Volunteer:
        name, pin = _name_of(name), check_pin_format(pin)
        account = secrets.token_hex(8)
        sealed = self.vault.encrypt(name.encode("utf-8"), _aad(account))
        try:
            self.db.execute(
                "INSERT INTO accounts (id, role, name, name_key, pin_hash, created)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (account, VOLUNTEER, sealed, self._name_key(name), self.hasher.hash(pin),
                 self.clock()))
        except sqlite3.IntegrityError:
            raise BadInput(f"there is already a volunteer called {name}") from None
        return Volunteer(account, name)

    def remove(self, who: str) -> Volunteer:
        """Remove the volunteer whose id or name is ``who``."""
        found = self.find(who)
        self.db.execute("DELETE FROM accounts WHERE id = ?", (found.id,))
        return found

    def find(self, who: str) -> Volunteer:
        wanted = " ".join(unicodedata.normalize("NFC", who).split()).casefold()
        for volunteer in self.volunteers():
            if wanted and wanted in (volunteer.id, volunteer.name.casefold()):
                return volunteer
        raise BadInput(f"no volunteer {who!r}; `kiosk volunteers list` shows them")

    def volunteers(self) -> list[Volunteer]:
        rows = self.db.execute(
            "SELECT id, name FROM accounts WHERE role = ? ORDER BY created", (VOLUNTEER,))
        found = []
        for account, sealed in rows.fetchall():
            try:
                name = self.vault.decrypt(sealed, _aad(account)).decode("utf-8")
            except VaultError:
                name = "?"  # sealed with another key: still listed, to be removed
            found.append(Volunteer(account, name))
        return found

    def set_admin_pin(self, pin: str) -> None:
        pin = check_pin_format(pin)
        self.db.execute("DELETE FROM accounts WHERE role = ?", (ADMIN,))
        self.db.execute(
            "INSERT INTO accounts (id, role, pin_hash, created) VALUES (?, ?, ?, ?)",
            (ADMIN, ADMIN, self.hasher.hash(pin), self.clock()))

    @property
    def has_admin_pin(self) -> bool:
        row = self.db.execute("SELECT 1 FROM accounts WHERE id = ?", (ADMIN,)).fetchone()
        return row is not None

    # -- PINs -------------------------------------------------------------------------
    def check(self, account: str, typed: str) -> Verdict:
        """``typed`` against ``account``'s PIN (a volunteer's id, or :data:`ADMIN`), the
        wrong tries counted on disk. Blocks for the argon2 check: off the GUI thread."""
        row = self.db.execute(
            "SELECT pin_hash, wrong, lockouts, locked_until FROM accounts WHERE id = ?",
            (account,)).fetchone()
        if row is None:
            raise BadInput(f"no account {account!r}")
        pin_hash, wrong, lockouts, locked_until = row
        now = self.clock()
        if locked_until is not None and now < locked_until:
            return Verdict(PinResult.WAIT, 0, math.ceil(locked_until - now))
        if self._matches(pin_hash, typed.strip()):
            self.db.execute(
                "UPDATE accounts SET wrong = 0, lockouts = 0, locked_until = NULL WHERE id = ?",
                (account,))
            return Verdict(PinResult.OPEN)
        wrong += 1
        if wrong < MAX_TRIES:
            self.db.execute("UPDATE accounts SET wrong = ? WHERE id = ?", (wrong, account))
            return Verdict(PinResult.WRONG, MAX_TRIES - wrong)
        wait = min(FIRST_WAIT_S * 2 ** lockouts, LONGEST_WAIT_S)
        self.db.execute(
            "UPDATE accounts SET wrong = 0, lockouts = ?, locked_until = ? WHERE id = ?",
            (lockouts + 1, now + wait, account))
        return Verdict(PinResult.WAIT, 0, math.ceil(wait))

    def _matches(self, pin_hash: str, typed: str) -> bool:
        try:
            return bool(self.hasher.verify(pin_hash, typed))
        except (VerificationError, InvalidHashError):
            return False

    def _name_key(self, name: str) -> str:
        """A keyed digest of the name folded to lower case: one account per name, and
        the file does not show who the volunteers are."""
        return self.vault.digest(name.casefold().encode("utf-8"))


def _aad(account: str) -> bytes:
    return f"volunteer:{account}".encode()
