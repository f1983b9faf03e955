"""One login as the screens drive it, against the sandbox provider over real HTTP.

RFC 8628 timing: the default interval, ``slow_down`` adding 5 s for the rest of
the login, network failures retried later and later, the code's own clock
ending it; the claims mapping of ``[identity.claims]``.
"""

from __future__ import annotations

from pathlib import Path

from sandbox_helpers import approve_login

from forms.model import IdentityLevel
from kiosk.config import ClaimNames, IdentitySection
from kiosk.identity.claims import identity_from_claims
from kiosk.identity.login import LoginStatus, RequestLimit
from kiosk.identity.oidc import DeviceGrant
from kiosk.identity.service import IdentityService
from kiosk.sandbox.server import start_sandbox


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _service(url: str, clock: Clock | None = None) -> IdentityService:
    settings = IdentitySection(issuer=url, client_id="kiosk", auth="none")
    return IdentityService(settings, None, clock=clock or Clock())


def test_slow_down_adds_five_seconds_for_the_rest_of_the_login(sandbox_url: str) -> None:
    login = _service(sandbox_url).device_login()
    assert login.start().next_poll_s == 5
    assert login.poll().status is LoginStatus.WAITING
    hurried = login.poll()  # at once, sooner than asked: the provider says slow_down
    assert hurried.status is LoginStatus.WAITING and hurried.next_poll_s == 10
    assert isinstance(login.grant, DeviceGrant)
    approve_login(sandbox_url, user_code=login.grant.user_code)
    done = login.poll()
    assert done.status in (LoginStatus.DONE, LoginStatus.WAITING)  # slow_down again is fair


def test_the_codes_own_clock_ends_it_without_asking(sandbox_url: str) -> None:
    clock = Clock()
    login = _service(sandbox_url, clock).device_login()
    assert login.start().seconds_left == 600
    clock.now += 601
    assert login.poll().status is LoginStatus.EXPIRED


def test_an_unreachable_provider_is_retried_later_and_later(tmp_path: Path) -> None:
    running = start_sandbox(tmp_path / "s")
    login = _service(running.url).device_login()
    login.start()
    running.stop()
    waits = [login.poll() for _ in range(4)]
    assert all(w.status is LoginStatus.RETRYING and w.problem for w in waits)
    assert [w.next_poll_s for w in waits] == [5, 10, 20, 40]


def test_claim_names_are_configuration() -> None:
    vneid = ClaimNames(id_number="SoDinhDanh", full_name="HoVaTen",
                       birth_date="NgayThangNamSinh", gender="GioiTinh",
                       address="NoiThuongTru", phone="SoDienThoai", level="MucDinhDanh")
    claims = {"sub": "x", "SoDinhDanh": "001190012345", "HoVaTen": "nguyễn  thị lan",
              "NgayThangNamSinh": "15031990", "GioiTinh": "Nữ", "SoDienThoai": "+84912345678",
              "NoiThuongTru": "Số 12, ngõ 34 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội",
              "MucDinhDanh": "2"}
    person = identity_from_claims(claims, vneid)
    assert person.full_name == "Nguyễn Thị Lan" and person.gender == "female"
    assert person.phone == "0912345678" and person.level is IdentityLevel.LEVEL2
    assert person.birth_date is not None and person.birth_date.isoformat() == "1990-03-15"
    assert person.address is not None and person.address["province_code"] == "01"
    unreadable = identity_from_claims({"sub": "y", "cccd_number": "12", "gender": "?",
                                       "birthdate": "someday"}, ClaimNames())
    assert (unreadable.id_number, unreadable.gender, unreadable.birth_date) == ("", None, None)
    assert unreadable.prefill() == {}  # nothing unreadable fills an answer


def test_three_requests_per_number_then_the_window_moves_on() -> None:
    clock = Clock()
    limit = RequestLimit(clock=clock)
    assert all(limit.allow("001190012345") for _ in range(3))
    assert not limit.allow("001190012345")
    clock.now += 601
    assert limit.allow("001190012345")
