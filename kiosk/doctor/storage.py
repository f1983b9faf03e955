"""``kiosk doctor`` checks of what keeps applications: the keyring and the outbox database."""

from __future__ import annotations

import os

from kiosk.core.errors import KioskError
from kiosk.core.paths import DataDir
from kiosk.doctor.base import CheckResult, DoctorInputs, Status
from kiosk.outbox.store import Outbox
from kiosk.vault import ALLOW_INSECURE_ENV, SERVICE, Vault, VaultUnavailable


def check_keyring(given: DoctorInputs) -> CheckResult:
    try:
        vault = Vault.from_keyring()
    except VaultUnavailable as exc:
        return CheckResult(
            "keyring",
            Status.FAIL,
            str(exc),
            "Linux: apt-get install gnome-keyring and log in to a desktop session that "
            "unlocks it; Windows: the Credential Manager must be available to this user. "
            "Without it the kiosk refuses to save applications.",
        )
    if os.environ.get(ALLOW_INSECURE_ENV) == "1":
        return CheckResult(
            "keyring",
            Status.WARN,
            f"{ALLOW_INSECURE_ENV}=1 lets a plaintext keyring hold the key",
            f"{ALLOW_INSECURE_ENV} is for the test suite only: unset it on a kiosk.",
        )
    return CheckResult("keyring", Status.OK, f"key {SERVICE}/{vault.key_id} available")


def check_outbox(given: DoctorInputs) -> list[CheckResult]:
    data = DataDir(given.home)
    try:
        # Listing and counting read clear columns only: a throwaway key is enough here.
        outbox = Outbox(data.outbox_db, Vault.in_memory_key())
    except KioskError as exc:
        return [CheckResult("outbox database", Status.FAIL, str(exc), "check the data folder")]
    try:
        moved = outbox.moved_aside
        counts = outbox.counts()
    finally:
        outbox.close()
    results = []
    if moved is not None:
        results.append(
            CheckResult(
                "outbox database",
                Status.WARN,
                f"a damaged outbox file was moved aside to {moved}; a fresh one is in use",
                "keep the damaged file for support (applications in it may need re-entering); "
                "delete it once dealt with to clear this warning",
            )
        )
    else:
        results.append(CheckResult("outbox database", Status.OK, f"{data.outbox_db}: ok"))
    detail = f"{counts.queued} queued, {counts.sending} sending, {counts.sent} sent, " \
        f"{counts.rejected} rejected"
    if counts.rejected:
        results.append(
            CheckResult(
                "outbox records",
                Status.WARN,
                detail,
                "rejected applications wait for a volunteer: `kiosk outbox list --status "
                "rejected`, then `kiosk outbox show REF` and `kiosk outbox retry REF`",
            )
        )
    else:
        results.append(CheckResult("outbox records", Status.OK, detail))
    return results
