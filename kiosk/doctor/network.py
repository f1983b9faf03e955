"""``kiosk doctor`` check of the network: does the portal answer?"""

from __future__ import annotations

from kiosk.doctor.base import CheckResult, DoctorInputs, Status
from kiosk.portal import PortalUnreachable, make_portal


def check_portal(given: DoctorInputs) -> CheckResult:
    portal = make_portal(given.config)
    if portal is None:
        return CheckResult(
            "portal reachable",
            Status.FAIL if given.config_file else Status.WARN,
            "no portal url configured",
            "set [portal] url in the configuration, or pass --portal URL",
        )
    try:
        portal.ensure_reachable(timeout=given.config.portal.connect_timeout_s)
    except PortalUnreachable as exc:
        return CheckResult(
            "portal reachable",
            Status.FAIL,
            str(exc),
            "check the network cable or Wi-Fi, and [portal] url; applications stay queued "
            "and are sent when the portal answers",
        )
    finally:
        portal.close()
    return CheckResult("portal reachable", Status.OK, f"{portal.base_url}/health: ok")
