"""Deployment checks for ``kiosk doctor``: each ok / warn / fail with a hint. Qt-free.

Every check is a function ``(DoctorInputs) -> CheckResult | list[CheckResult]``
listed, in the order they run, in :data:`CHECKS`: the machine
(:mod:`~kiosk.doctor.system`), what keeps applications
(:mod:`~kiosk.doctor.storage`), the network (:mod:`~kiosk.doctor.network`) and
printing (:mod:`~kiosk.doctor.printer`). A check that raises becomes a ``fail``
naming the exception, never a traceback.
"""

from __future__ import annotations

import logging

from kiosk.doctor import network, printer, storage, system
from kiosk.doctor.base import Check, CheckResult, DoctorInputs, Status, inputs

__all__ = ["CHECKS", "CheckResult", "DoctorInputs", "Status", "inputs", "run_checks"]

log = logging.getLogger(__name__)

CHECKS: tuple[Check, ...] = (
    system.check_configuration,
    system.check_data_folder,
    system.check_disk_space,
    system.check_autostart,
    storage.check_keyring,
    storage.check_outbox,
    network.check_portal,
    network.check_identity,
    network.check_heartbeat,
    network.check_clock,
    printer.check_receipt_font,
    printer.check_printer,
)


def run_checks(given: DoctorInputs, checks: tuple[Check, ...] = CHECKS) -> list[CheckResult]:
    results: list[CheckResult] = []
    for check in checks:
        try:
            found = check(given)
        except Exception as exc:  # noqa: BLE001 - a broken check is a failed check
            log.exception("doctor check %s crashed", check.__name__)
            found = CheckResult(
                check.__name__.removeprefix("check_"),
                Status.FAIL,
                f"the check itself failed: {type(exc).__name__}: {exc}",
            )
        results.extend(found if isinstance(found, list) else [found])
    return results
