"""The identity provider's claims → an :class:`~kiosk.identity.person.Identity`.

Which claim holds which fact is configuration (``[identity.claims]``,
:class:`kiosk.config.ClaimNames`); a dotted name reaches into a nested claim
(``"address.formatted"``). Each fact is read leniently in the shapes providers
use and kept only when it passes the forms' own checks, so a claim the kiosk
cannot read fills nothing rather than something wrong: the resident then
answers that question. Pure; any thread.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from forms import validators
from forms.engine import check_address
from forms.model import IdentityLevel
from kiosk.config import ClaimNames
from kiosk.core.text import nfc
from kiosk.identity.address_text import address_answer
from kiosk.identity.person import Identity, Source

_LEVELS = {"1": IdentityLevel.LEVEL1, "2": IdentityLevel.LEVEL2}
_GENDERS = {"male": "male", "nam": "male", "m": "male", "female": "female", "nu": "female",
            "nữ": "female", "f": "female"}


def identity_from_claims(claims: Mapping[str, Any], names: ClaimNames) -> Identity:
    def get(name: str) -> Any:
        return _lookup(claims, name)

    return Identity(
        source=Source.VNEID,
        id_number=_id_number(get(names.id_number)),
        full_name=_name(get(names.full_name)),
        birth_date=_birth_date(get(names.birth_date)),
        gender=_gender(get(names.gender)),
        address=_address(get(names.address)),
        phone=_phone(get(names.phone)),
        level=_level(get(names.level)),
        subject=str(claims.get("sub", "")),
    )


def _lookup(claims: Mapping[str, Any], name: str) -> Any:
    value: Any = claims
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _id_number(value: Any) -> str:
    digits = re.sub(r"\D", "", str(value or ""))
    return digits if len(digits) == 12 else ""


def _name(value: Any) -> str:
    return validators.person_name(value).value or "" if isinstance(value, str) else ""


def _birth_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    if re.fullmatch(r"\d{8}", text):  # ddmmyyyy, as on the card and in VNeID's claims
        text = f"{text[:2]}/{text[2:4]}/{text[4:]}"
    return validators.parse_date(text[:10] if "T" in text else text, past_only=True).value


def _gender(value: Any) -> str | None:
    return _GENDERS.get(nfc(str(value)).strip().lower()) if value is not None else None


def _phone(value: Any) -> str:
    digits = re.sub(r"\D", "", str(value or ""))
    if digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return validators.phone(digits).value or "" if digits else ""


def _level(value: Any) -> IdentityLevel | None:
    text = re.sub(r"\D", "", str(value)) if value is not None else ""
    return _LEVELS.get(text)


def _address(value: Any) -> dict[str, str] | None:
    """An address claim: the form's own shape with codes, an OpenID Connect address object
    (its ``formatted`` text), or a plain string."""
    if isinstance(value, Mapping):
        if value.get("province_code") and value.get("ward_code"):
            street = value.get("street") or value.get("street_address") or ""
            checked = check_address({"province_code": str(value["province_code"]),
                                     "ward_code": str(value["ward_code"]), "street": str(street)})
            return checked.value
        value = value.get("formatted")
    return address_answer(value) if isinstance(value, str) else None
