"""``kiosk doctor`` check of the network: does the portal answer?"""

from __future__ import annotations

from kiosk.doctor.base import CheckResult, DoctorInputs, Status
from kiosk.portal import PortalUnreachable, make_portal


def check_portal(given: DoctorInputs) -> CheckResult:
    try:
        portal = make_portal(given.config)
    except ValueError as exc:  # the url is checked at load; this is the last line of defence
        return CheckResult("portal reachable", Status.FAIL, str(exc), "fix [portal] url")
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


def check_identity(given: DoctorInputs) -> CheckResult:
    """The VNeID-style provider: configured, the kiosk's key in the keyring, reachable."""
    from kiosk.identity.client_key import ClientKeyMissing, load_client_key
    from kiosk.identity.oidc import IdentityError, OidcClient

    settings = given.config.identity
    if not settings.issuer:
        status = Status.WARN if given.config_file else Status.OK
        return CheckResult("identity provider", status,
                           "no [identity] issuer: residents cannot log in with VNeID"
                           if given.config_file else "demo mode: `kiosk run` logs in through its embedded sandbox",
                           "set [identity] issuer and client_id; most procedures need a login")
    key = None
    if settings.auth == "private_key_jwt":
        try:
            key = load_client_key()
        except ClientKeyMissing as exc:
            return CheckResult("identity provider", Status.FAIL, str(exc),
                               "run `kiosk identity keygen` and register the printed public key")
        except IdentityError as exc:
            return CheckResult("identity provider", Status.FAIL, str(exc), "")
    client = OidcClient(settings, key)
    try:
        provider = client.provider()
    except IdentityError as exc:
        return CheckResult("identity provider", Status.FAIL, str(exc),
                           "check [identity] issuer and the network; `kiosk identity test` "
                           "tries a whole login")
    finally:
        client.close()
    ways = [name for name, offered in (("QR (device flow)", provider.device_flow),
                                       ("ID number (CIBA poll)", provider.ciba)) if offered]
    if not provider.device_flow:
        return CheckResult("identity provider", Status.FAIL,
                           f"{provider.issuer} offers no device flow", "ask the provider to "
                           "enable the device authorization grant for this kiosk")
    return CheckResult("identity provider", Status.OK,
                       f"{provider.issuer}: {', '.join(ways)}; auth {settings.auth}")


def check_heartbeat(given: DoctorInputs) -> CheckResult:
    """When the portal last accepted this kiosk's heartbeat (``KIOSK_HOME/heartbeat.json``,
    written by the running kiosk)."""
    from datetime import UTC, datetime

    from kiosk.heartbeat import STATE_FILE, read_state

    name = "heartbeat"
    interval = given.config.kiosk.heartbeat_s
    if interval <= 0:
        return CheckResult(name, Status.OK, "off ([kiosk] heartbeat_s = 0)")
    last = read_state(given.home / STATE_FILE)
    if last is None:
        return CheckResult(name, Status.WARN, "no heartbeat sent yet",
                           "start the kiosk (kiosk run); its first heartbeat goes a few "
                           "seconds after it starts")
    if last.accepted_at is None:
        return CheckResult(name, Status.WARN, f"never accepted; last try: {last.error}",
                           "check [portal] url and the network")
    age = (datetime.now(UTC) - last.accepted_at).total_seconds()
    detail = f"last accepted {age / 60:.0f} min ago ({last.accepted_at.isoformat()})"
    if last.error:
        detail += f"; last try failed: {last.error}"
    if age > 3 * interval:
        return CheckResult(name, Status.WARN, detail,
                           "the kiosk is not running, or the portal does not answer")
    return CheckResult(name, Status.OK, detail)


CLOCK_WARN_S = 60.0  # tokens allow about a minute of leeway
CLOCK_FAIL_S = 300.0  # logins refused, appointment dates and receipts wrong


def check_clock(given: DoctorInputs) -> CheckResult:
    """This PC's clock against the portal's ``Date`` header: tokens, receipts and
    appointment dates depend on it."""
    name = "clock"
    portal = make_portal(given.config)
    if portal is None:
        return CheckResult(name, Status.WARN, "no portal to compare with",
                           "set [portal] url; then doctor compares the clocks")
    try:
        skew = portal.clock_skew_s(timeout=given.config.portal.connect_timeout_s)
    except PortalUnreachable as exc:
        return CheckResult(name, Status.WARN, f"not compared: {exc}")
    finally:
        portal.close()
    where = "ahead of" if skew > 0 else "behind"
    detail = f"{abs(skew):.0f} s {where} the portal"
    hint = "set the PC's date and time (automatic time from the network, time zone UTC+7)"
    if abs(skew) > CLOCK_FAIL_S:
        return CheckResult(name, Status.FAIL, detail, hint)
    if abs(skew) > CLOCK_WARN_S:
        return CheckResult(name, Status.WARN, detail, hint)
    return CheckResult(name, Status.OK, detail)
