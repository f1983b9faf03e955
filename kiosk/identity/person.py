"""Who the resident is, as a login or their card's QR code says, and what that fills in.

:class:`Identity` is plain data; :meth:`Identity.prefill` turns it into the
answers the procedure files ask for with ``prefill = "..."``
(:class:`forms.model.Prefill`), in the forms' canonical shapes. Pure; any thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from forms.model import IdentityLevel, Prefill


class Source(StrEnum):
    VNEID = "vneid"  # an OpenID Connect login approved on the resident's phone
    CARD = "card"  # the QR code printed on the resident's CCCD card, scanned at the kiosk


@dataclass(frozen=True)
class Identity:
    source: Source
    id_number: str = ""  # the 12-digit personal identification number (số định danh / CCCD)
    full_name: str = ""
    birth_date: date | None = None
    gender: str | None = None  # "male" / "female", as the forms store it
    address: dict[str, str] | None = None  # the forms' address answer, when it could be placed
    phone: str = ""
    level: IdentityLevel | None = None  # the login's assurance level (None: not a login)
    subject: str = ""  # the provider's ``sub``: never shown, never stored

    def prefill(self) -> dict[Prefill, Any]:
        """The answers this identity fills, by the claim each question asks for."""
        values: dict[Prefill, Any] = {
            Prefill.FULL_NAME: self.full_name,
            Prefill.CCCD: self.id_number,
            Prefill.BIRTH_DATE: self.birth_date.isoformat() if self.birth_date else None,
            Prefill.GENDER: self.gender,
            Prefill.PHONE: self.phone,
            Prefill.ADDRESS: self.address,
        }
        return {key: value for key, value in values.items() if value}

    def meets(self, needed: IdentityLevel) -> bool:
        """Whether this login is strong enough for a procedure that needs ``needed``."""
        order = [IdentityLevel.NONE, IdentityLevel.LEVEL1, IdentityLevel.LEVEL2]
        have = self.level or IdentityLevel.NONE
        return order.index(have) >= order.index(needed)

    @property
    def first_name(self) -> str:
        """How the kiosk greets the resident ("Bác Lan"): the last word of the full name."""
        words = self.full_name.split()
        return words[-1] if words else ""
