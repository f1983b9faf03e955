"""Which key sealed the outbox's records, and who may make a new one: only the outbox.

The database keeps the key's fingerprint (``meta.key_fingerprint``, see
:attr:`kiosk.vault.Vault.fingerprint`) beside the records it sealed. While any
record holds sealed data, a missing key is never replaced and a different key is
never used: :func:`outbox_vault` raises :class:`~kiosk.vault.KeyMissing` or
:class:`~kiosk.vault.KeyMismatch` with a technician's way out (restore the key,
or ``kiosk outbox retire --unreadable``), and the kiosk refuses to start. Only
when nothing is sealed may a key be made (the first start; after a retire).

A file from before fingerprints (schema 1) is given its key's fingerprint the
first time a key opens one of its newest sealed records.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kiosk.outbox.rows import HAS_SEALED
from kiosk.vault import DEFAULT_KEY_ID, SERVICE, KeyMismatch, KeyMissing, Vault, VaultError

FINGERPRINT_KEY = "key_fingerprint"
_SAMPLE = 20  # newest sealed records tried when the file has no fingerprint yet


@dataclass(frozen=True)
class KeyState:
    fingerprint: str | None  # of the key that sealed the records (None: not recorded)
    sealed: int  # records holding sealed data (answers, volunteer or the portal's reasons)
    unsent: int  # of which not sent: applications that exist nowhere else


def read_state(conn: sqlite3.Connection) -> KeyState:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (FINGERPRINT_KEY,)).fetchone()
    sealed, unsent = conn.execute(
        f"SELECT COUNT(*), COALESCE(SUM(status != 'sent'), 0) FROM records WHERE {HAS_SEALED}"
    ).fetchone()
    return KeyState(row[0] if row else None, int(sealed), int(unsent))


def opens_some(conn: sqlite3.Connection, vault: Vault) -> bool:
    """Does ``vault`` open any of the newest sealed cells? (files without a fingerprint)"""
    rows = conn.execute(
        "SELECT ref, CAST(answers AS BLOB), CAST(volunteer AS BLOB), CAST(errors AS BLOB)"
        f" FROM records WHERE {HAS_SEALED} ORDER BY created_at DESC LIMIT ?", (_SAMPLE,)
    ).fetchall()
    for ref, *cells in rows:
        for what, blob in zip(("answers", "volunteer", "errors"), cells, strict=True):
            if blob is None:
                continue
            try:
                vault.decrypt(blob, f"{ref}|{what}".encode())
            except VaultError:
                continue
            return True
    return False


def check_or_adopt(conn: sqlite3.Connection, vault: Vault, path: Path) -> None:
    """Inside a write transaction: ``vault`` is the records' key, or becomes it when nothing
    is sealed (or, in a file without a fingerprint, when it opens its records). Otherwise
    :class:`KeyMismatch` and the caller's transaction is rolled back."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (FINGERPRINT_KEY,)).fetchone()
    stored = row[0] if row else None
    if stored == vault.fingerprint:
        return
    state = read_state(conn)
    if state.sealed and (stored is not None or not opens_some(conn, vault)):
        raise KeyMismatch(mismatch_message(path, vault.key_id, state))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                 (FINGERPRINT_KEY, vault.fingerprint))


def vault_for(conn: sqlite3.Connection, path: Path, key_id: str = DEFAULT_KEY_ID, *,
              may_create: bool = True) -> Vault:
    """The keyring's key for this outbox. It is made only when ``may_create`` and no
    record is sealed; a missing or different key otherwise raises, with the way out."""
    state = read_state(conn)
    try:
        vault = Vault.from_keyring(
            key_id, create=may_create and state.sealed == 0,
            expect=state.fingerprint if state.sealed else None,
        )
    except KeyMissing:
        if not state.sealed:
            raise
        raise KeyMissing(missing_message(path, key_id, state)) from None
    except KeyMismatch:
        raise KeyMismatch(mismatch_message(path, key_id, state)) from None
    if state.sealed and state.fingerprint is None and not opens_some(conn, vault):
        raise KeyMismatch(mismatch_message(path, key_id, state))
    return vault


def outbox_vault(path: Path, key_id: str = DEFAULT_KEY_ID) -> Vault:
    """The kiosk's vault for the outbox at ``path``, a key made on the very first start.

    Runs under the database's write lock, so two processes starting at once on a new
    ``KIOSK_HOME`` cannot each make a key.
    """
    from kiosk.outbox import db
    from kiosk.outbox.reading import utc_now

    conn = db.connect(path, utc_now)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            vault = vault_for(conn, path, key_id)
            check_or_adopt(conn, vault, path)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
    return vault


WAY_OUT = (
    "The kiosk will not make a new key while they exist. Restore the key (from a backup "
    "of this user's keyring: Credential Manager on Windows, the login keyring on Linux); "
    "or, if it is lost for good, `kiosk outbox retire --unreadable` lists what cannot be "
    "read and, with --yes, retires it so that a new key can be made."
)


def missing_message(path: Path, key_id: str, state: KeyState) -> str:
    return (f"the outbox key {SERVICE}/{key_id} is missing from the keyring, but "
            f"{_records(path, state)} are sealed with it. {WAY_OUT}")


def mismatch_message(path: Path, key_id: str, state: KeyState) -> str:
    return (f"the keyring's key {SERVICE}/{key_id} is not the one that sealed "
            f"{_records(path, state)}. {WAY_OUT}")


def _records(path: Path, state: KeyState) -> str:
    return f"{state.sealed} records in {path} ({state.unsent} of them not yet sent)"
