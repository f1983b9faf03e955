"""``kiosk doctor`` checks of what keeps applications: the keyring and the outbox database.

Doctor only looks: it never makes a key (a key made while records are sealed
with a lost one would hide the loss), and reads the outbox's clear columns with
a throwaway key. What it says:

* ``keyring``: fail when no secure keyring is usable, when the outbox key is
  missing although records are sealed with it, or when the keyring holds another
  key (with the way out: restore it, or ``kiosk outbox retire --unreadable``);
* ``outbox database``: warn (fail when records were lost) while a damaged file
  moved aside is still there, with what was saved from it and what was lost;
* ``outbox journal``: warn about a ``-wal`` file that is not empty and has not
  been written for a few minutes (never delete it: it holds saved records);
* ``outbox records``: the counts; warn for rejected records, fail for unreadable ones.
"""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from kiosk.core.errors import KioskError
from kiosk.core.paths import DataDir
from kiosk.doctor.base import CheckResult, DoctorInputs, Status
from kiosk.outbox import keys
from kiosk.outbox.records import Counts
from kiosk.outbox.salvage import SalvageReport
from kiosk.outbox.store import Outbox, StorageFull
from kiosk.vault import (
    ALLOW_INSECURE_ENV,
    DEFAULT_KEY_ID,
    SERVICE,
    KeyMismatch,
    KeyMissing,
    Vault,
    VaultUnavailable,
    probe_keyring,
)

STALE_WAL_S = 300.0
NO_KEYRING_HINT = (
    "Linux: apt-get install gnome-keyring and log in to a desktop session that "
    "unlocks it; Windows: the Credential Manager must be available to this user. "
    "Without it the kiosk refuses to save applications."
)
KEY_HINT = (
    "Restore the key (a backup of this user's keyring), then run kiosk doctor again. If it "
    "is lost for good: `kiosk outbox retire --unreadable` lists the records that cannot be "
    "read and what is lost; `kiosk outbox retire --unreadable --yes` retires them and the "
    "kiosk makes a new key at its next start. Until then the kiosk refuses to start."
)


def check_keyring(given: DoctorInputs) -> CheckResult:
    try:
        detail = _key_detail(DataDir(given.home).outbox_db)
    except (KeyMissing, KeyMismatch) as exc:
        return CheckResult("keyring", Status.FAIL, str(exc), KEY_HINT)
    except VaultUnavailable as exc:
        return CheckResult("keyring", Status.FAIL, str(exc), NO_KEYRING_HINT)
    if os.environ.get(ALLOW_INSECURE_ENV) == "1":
        return CheckResult(
            "keyring",
            Status.WARN,
            f"{ALLOW_INSECURE_ENV}=1 lets a plaintext keyring hold the key",
            f"{ALLOW_INSECURE_ENV} is for the test suite only: unset it on a kiosk.",
        )
    return CheckResult("keyring", Status.OK, detail)


def _key_detail(db_path: Path) -> str:
    """The key's state, never making one; raises what the kiosk itself would at start."""
    if not db_path.exists():
        return f"the keyring works ({probe_keyring()}); the outbox key is made at first use"
    # Read-only: this neither changes the file nor merges its journal (the outbox check
    # looks at that next). A file that does not read so is the outbox check's business.
    try:
        conn = sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro", uri=True)
        conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    except sqlite3.Error:
        return f"the keyring works ({probe_keyring()})"
    try:
        keys.vault_for(conn, db_path, may_create=False)
    except KeyMissing:
        if keys.read_state(conn).sealed:
            raise
        return (f"the keyring works ({probe_keyring()}); no record is sealed yet, the outbox "
                "key is made at first use")
    except sqlite3.Error:
        return f"the keyring works ({probe_keyring()}); the outbox itself is checked below"
    finally:
        conn.close()
    return f"key {SERVICE}/{DEFAULT_KEY_ID} available, the one that sealed the outbox"


def check_outbox(given: DoctorInputs) -> list[CheckResult]:
    data = DataDir(given.home)
    journal = _stale_journal(data.outbox_db)  # before opening: opening merges the journal
    try:
        # Listing and counting read clear columns only: a throwaway key is enough here.
        outbox = Outbox(data.outbox_db, Vault.in_memory_key())
    except StorageFull as exc:
        return [CheckResult("outbox database", Status.FAIL, str(exc),
                            "free space on this disk (see the disk space check): until then "
                            "nothing can be saved or sent")]
    except KioskError as exc:
        return [CheckResult("outbox database", Status.FAIL, str(exc), "check the data folder")]
    try:
        moved = outbox.moved_aside
        report = outbox.salvage_report()
        counts = outbox.counts()
    finally:
        outbox.close()
    results = [_database(data.outbox_db, moved, report)]
    if journal is not None:
        results.append(_journal(data.outbox_db, journal))
    results.append(_records(counts))
    return results


def _database(path: Path, moved: Path | None, report: SalvageReport | None) -> CheckResult:
    if moved is None or report is None:
        return CheckResult("outbox database", Status.OK, f"{path}: ok")
    lost = report.lost or not report.lost_known
    detail = (f"a damaged outbox file was moved aside to {moved}; a fresh one is in use. "
              f"Saved from it: {report.saved} records"
              + (f" ({report.damaged} more without their answers: listed as unreadable)"
                 if report.damaged else "")
              + f"; lost: {report.lost_text}")
    hint = ("keep the damaged file for support; delete it once dealt with to clear this "
            + ("warning" if not lost else "failure")
            + ("" if not lost else ". Lost records cannot be listed: residents who applied "
               "around the time of the damage may have to apply again"))
    return CheckResult("outbox database", Status.FAIL if lost else Status.WARN, detail, hint)


def _stale_journal(path: Path) -> tuple[int, float] | None:
    """(size, modification time) of a ``-wal`` file not empty and idle for minutes."""
    wal = path.with_name(path.name + "-wal")
    try:
        stat = wal.stat()
    except OSError:
        return None
    if stat.st_size == 0 or time.time() - stat.st_mtime < STALE_WAL_S:
        return None
    return stat.st_size, stat.st_mtime


def _journal(path: Path, journal: tuple[int, float]) -> CheckResult:
    size, mtime = journal
    wal = path.with_name(path.name + "-wal")
    merged = not wal.exists() or wal.stat().st_size == 0
    when = datetime.fromtimestamp(mtime).astimezone().strftime("%Y-%m-%d %H:%M")
    detail = (f"{wal.name} held {size // 1024 or 1} KB not merged into the database, last "
              f"written {when}" + ("; this check merged it now" if merged else ""))
    return CheckResult(
        "outbox journal", Status.WARN, detail,
        "never delete the -wal file: it holds saved applications. A kiosk that stopped "
        "abruptly leaves it; the kiosk merges it when it next starts and goes idle. If the "
        "kiosk is running and this stays, look at its log",
    )


def _records(counts: Counts) -> CheckResult:
    detail = counts.describe()
    if counts.unreadable:
        return CheckResult(
            "outbox records", Status.FAIL, detail,
            f"{counts.unreadable} applications cannot be read and will never be sent: "
            "`kiosk outbox list --status unreadable` shows why; `kiosk outbox retire "
            "--unreadable` lists what is lost and, with --yes, retires them",
        )
    if counts.rejected:
        return CheckResult(
            "outbox records", Status.WARN, detail,
            "rejected applications wait for a volunteer: `kiosk outbox list --status "
            "rejected`, then `kiosk outbox show REF` and `kiosk outbox retry REF`",
        )
    return CheckResult("outbox records", Status.OK, detail)
