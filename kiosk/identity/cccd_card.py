"""The QR code printed on the chip-based CCCD card, as a USB scanner types it.

The scanner acts as a keyboard: the code's text arrives in whichever text field
has the focus, often followed by Enter. Its fields are separated by ``|``::

    001190012345|012345678|Nguyễn Thị Lan|05091990|Nữ|Số 12, ..., Thành phố Hà Nội|10052021

the 12-digit number, the old 9-digit ID number (may be empty; some cards leave
the field out altogether: 6 fields), full name, birth date ``ddmmyyyy``, gender
("Nam" / "Nữ"), permanent address and issue date ``ddmmyyyy``.

:func:`looks_like_card` tells a scan from typing (an ID-number question or the
identify page checks it), :func:`read_card` reads one into a :class:`CardScan`
or raises :class:`CardUnreadable`, and :meth:`CardScan.identity` gives the
:class:`~kiosk.identity.person.Identity` that fills in the forms. Anything partial
or inconsistent is refused rather than half-read; the resident scans again.

Pure and Qt-free; any thread. The card's content is personal data: it is never
logged, never put in an exception's message, and a :class:`CardScan`'s ``repr``
hides it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from forms import validators
from kiosk.core.errors import BadInput
from kiosk.core.text import Text
from kiosk.identity.address_text import address_answer
from kiosk.identity.person import Identity, Source

CARD_UNREADABLE = Text(
    "Chưa đọc được mã QR trên thẻ. Bác đưa mặt sau của thẻ căn cước lại gần máy quét "
    "một lần nữa.",
    "The QR code on the card could not be read. Please hold the back of your citizen ID "
    "card close to the scanner once more.",
)
CARD_INCONSISTENT = Text(
    "Thông tin đọc được từ thẻ chưa khớp nhau. Bác quét lại mặt sau của thẻ căn cước một "
    "lần nữa; nếu vẫn không được, bác nhờ cán bộ giúp.",
    "The details read from the card do not agree with each other. Please scan the back of "
    "your citizen ID card once more; if that does not work, please ask a staff member.",
)

_SEPARATOR = "|"
_FIELDS_WITH_OLD_ID = 7
_FIELDS_WITHOUT_OLD_ID = 6
_SCAN_LIMIT = 1000  # characters: a card's code holds far fewer
_ADDRESS_LIMIT = 300
_EARLIEST_BIRTH = date(1900, 1, 1)

_NUMBER = re.compile(r"[0-9]{12}")
_OLD_NUMBER = re.compile(r"(?:[0-9]{9})?")
_DATE = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{4})")
_LOOKS_LIKE_CARD = re.compile(r"\s*[0-9]{12}\|")
_GENDERS = {"nam": "male", "nữ": "female", "nu": "female"}


class CardUnreadable(BadInput):
    """A scan that is partial, malformed or inconsistent.

    ``text`` (also ``resident_message``) tells the resident what to do; ``reason``
    names what was wrong ("fields", "number", "old_id", "name", "birth_date",
    "issued", "gender", "address", "consistency"). ``str()`` never holds the
    scanned content: it may reach a log.
    """

    def __init__(self, reason: str, text: Text = CARD_UNREADABLE) -> None:
        self.reason = reason
        self.text = text
        self.resident_message = text
        super().__init__(f"the CCCD card's QR code could not be used ({reason})")


@dataclass(frozen=True, repr=False)
class CardScan:
    """What a card's QR code says, checked and in canonical form."""

    id_number: str  # 12 digits
    old_id: str  # the old 9-digit ID number, "" when absent
    full_name: str  # NFC, spaces collapsed, words capitalised (forms.validators.person_name)
    birth_date: date
    gender: str  # "male" / "female", as the forms store it
    address: str  # the permanent address as printed: NFC, trimmed
    issued: date

    def __repr__(self) -> str:
        return "CardScan(<personal data hidden>)"

    def identity(self) -> Identity:
        """The identity this card proves, its address placed when it can be."""
        return Identity(
            source=Source.CARD,
            id_number=self.id_number,
            full_name=self.full_name,
            birth_date=self.birth_date,
            gender=self.gender,
            address=address_answer(self.address),
            level=None,
        )


def looks_like_card(text: str) -> bool:
    """Whether a text field's content is a card scan rather than typing:
    12 digits then ``|``, and at least five ``|`` in all."""
    if not isinstance(text, str):
        return False
    return bool(_LOOKS_LIKE_CARD.match(text)) and text.count(_SEPARATOR) >= 5


def read_card(text: str, *, today: date | None = None) -> CardScan:
    """The card's fields, checked, from what the scanner typed.

    Surrounding whitespace, a trailing Enter (CR / LF) and decomposed (NFD) text
    are tolerated. Raises :class:`CardUnreadable` for anything partial or
    malformed: a wrong number of fields, a number that is not 12 digits or does
    not agree with the birth date and gender, an old number neither empty nor 9
    digits, an empty or implausible name, an impossible date, a birth date
    before 1900 or after ``today``, an issue date before the birth date or after
    ``today``, a gender other than Nam / Nữ, an empty address.
    """
    today = today or date.today()
    if not isinstance(text, str) or len(text) > _SCAN_LIMIT:
        raise CardUnreadable("fields")
    fields = [field.strip() for field in unicodedata.normalize("NFC", text).strip().split("|")]
    if len(fields) == _FIELDS_WITHOUT_OLD_ID:
        fields.insert(1, "")
    if len(fields) != _FIELDS_WITH_OLD_ID:
        raise CardUnreadable("fields")
    number, old_id, name, born, gender, address, issued = fields
    if not _NUMBER.fullmatch(number):
        raise CardUnreadable("number")
    if not _OLD_NUMBER.fullmatch(old_id):
        raise CardUnreadable("old_id")
    birth_date = _date(born, "birth_date")
    if not _EARLIEST_BIRTH <= birth_date <= today:
        raise CardUnreadable("birth_date")
    issue_date = _date(issued, "issued")
    if not birth_date <= issue_date <= today:
        raise CardUnreadable("issued")
    full_name = _name(name)
    sex = _gender(gender)
    return CardScan(
        id_number=_number(number, birth_date, sex),
        old_id=old_id,
        full_name=full_name,
        birth_date=birth_date,
        gender=sex,
        address=_address(address),
        issued=issue_date,
    )


def _date(field: str, reason: str) -> date:
    found = _DATE.fullmatch(field)
    if found is None:
        raise CardUnreadable(reason)
    day, month, year = (int(group) for group in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise CardUnreadable(reason) from None


def _gender(field: str) -> str:
    gender = _GENDERS.get(field.lower())
    if gender is None:
        raise CardUnreadable("gender")
    return gender


def _number(number: str, birth_date: date, gender: str) -> str:
    """The number, which must name a province and agree with the birth date and gender."""
    if not validators.cccd(number).ok:
        raise CardUnreadable("number")
    checked = validators.cccd(number, birth_date=birth_date, gender=gender)
    if checked.value is None:
        raise CardUnreadable("consistency", CARD_INCONSISTENT)
    return checked.value


def _name(field: str) -> str:
    """The name as the forms keep it; at least a family and a given name."""
    checked = validators.person_name(field)
    if checked.value is None or len(checked.value.split()) < 2:
        raise CardUnreadable("name")
    return checked.value


def _address(field: str) -> str:
    checked = validators.text(field, max_length=_ADDRESS_LIMIT)
    if not checked.value:
        raise CardUnreadable("address")
    return checked.value
