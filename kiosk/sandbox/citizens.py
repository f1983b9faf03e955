"""The sandbox identity provider's fictional citizens, and the claims it tells about them.

Everyone here is made up, so ``GET /_sandbox/citizens`` may list them in full.
Each CCCD number is consistent with its holder (the old province code of the
address's province, the century/gender digit, the birth year) and each address
uses the post-July-2025 province and commune codes of :mod:`forms.address`, so
the kiosk can fill its address question from userinfo. "Nguyễn Thị Lan" is the
resident of the project's sample receipt; she approves device logins unless a
test names someone else. Immutable; read from any request thread.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from forms import address
from kiosk.sandbox.identity import SCOPE_CLAIMS


@dataclass(frozen=True)
class Citizen:
    number: str  # the 12-digit CCCD (personal identification) number
    subject: str  # the provider's ``sub``: stable and opaque, never the CCCD number
    name: str  # NFC
    birthdate: date
    gender: str  # "male" / "female"
    phone: str
    province_code: str  # post-2025
    ward_code: str  # post-2025
    street: str
    level: int  # identity level (mức định danh điện tử): 1 or 2

    def address_claim(self) -> dict[str, str]:
        """``{"province_code", "ward_code", "street_address", "formatted"}``."""
        ward = address.ward(self.ward_code)
        province = address.province(self.province_code)
        parts = [self.street, ward.name if ward else "", province.name if province else ""]
        return {
            "province_code": self.province_code,
            "ward_code": self.ward_code,
            "street_address": self.street,
            "formatted": ", ".join(part for part in parts if part),
        }

    def claims(self, scopes: Collection[str]) -> dict[str, Any]:
        """The userinfo claims the granted ``scopes`` release (``sub`` and level always)."""
        every: dict[str, Any] = {
            "sub": self.subject,
            "identity_level": self.level,
            "name": self.name,
            "birthdate": self.birthdate.isoformat(),
            "gender": self.gender,
            "phone_number": self.phone,
            "address": self.address_claim(),
            "cccd_number": self.number,
        }
        released = {claim for scope in ("openid", *scopes) for claim in SCOPE_CLAIMS.get(scope, ())}
        return {name: value for name, value in every.items() if name in released}

    def listing(self) -> dict[str, Any]:
        """What ``GET /_sandbox/citizens`` shows (fictional data: all of it)."""
        return {
            "cccd_number": self.number,
            "name": self.name,
            "identity_level": self.level,
            "birthdate": self.birthdate.isoformat(),
            "gender": self.gender,
            "phone_number": self.phone,
            "address": self.address_claim(),
        }


CITIZENS: tuple[Citizen, ...] = (
    Citizen(
        number="001190012345",
        subject="vn-sim-5f3a9c1e7b2d4f60",
        name="Nguyễn Thị Lan",
        birthdate=date(1990, 3, 15),
        gender="female",
        phone="0912345678",
        province_code="01",  # Thành phố Hà Nội
        ward_code="00004",  # Phường Ba Đình
        street="Số 12, ngõ 34 phố Đội Cấn",
        level=2,
    ),
    Citizen(
        number="046053001357",
        subject="vn-sim-a81d06e4c39b7f25",
        name="Lê Văn Bảy",
        birthdate=date(1953, 6, 2),
        gender="male",
        phone="0935246810",
        province_code="46",  # Thành phố Huế
        ward_code="19786",  # Phường Thuận Hóa
        street="Số 7, kiệt 15 đường Nguyễn Huệ",
        level=2,
    ),
    Citizen(
        number="079201004567",
        subject="vn-sim-3c7e52b90fa14d86",
        name="Phạm Minh Đức",
        birthdate=date(2001, 11, 20),
        gender="male",
        phone="0987654321",
        province_code="79",  # Thành phố Hồ Chí Minh
        ward_code="26743",  # Phường Bến Thành
        street="Số 45 đường Lê Lợi",
        level=1,
    ),
    Citizen(
        number="040168003456",
        subject="vn-sim-d94b17a6e0c25f38",
        name="Đặng Thị Hoa",
        birthdate=date(1968, 9, 9),
        gender="female",
        phone="0388123456",
        province_code="40",  # Nghệ An
        ward_code="17662",  # Xã Đô Lương
        street="Xóm 5",
        level=1,
    ),
    Citizen(
        number="048303007890",
        subject="vn-sim-67f0c8d2b51e9a43",
        name="Võ Thị Thu Hà",
        birthdate=date(2003, 5, 1),
        gender="female",
        phone="0905111222",
        province_code="48",  # Thành phố Đà Nẵng
        ward_code="20242",  # Phường Hải Châu
        street="Số 78 đường Bạch Đằng",
        level=2,
    ),
)

_BY_NUMBER = {citizen.number: citizen for citizen in CITIZENS}
_SEPARATORS = re.compile(r"[\s.\-]+")


def find(number: str) -> Citizen | None:
    """The citizen with this CCCD number (spaces, dots and dashes tolerated)."""
    return _BY_NUMBER.get(_SEPARATORS.sub("", number))


def default_approver() -> Citizen:
    """Who approves a device login when no one is named: the first level-2 citizen."""
    return next(citizen for citizen in CITIZENS if citizen.level == 2)
