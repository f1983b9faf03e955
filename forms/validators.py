"""Field validators for the resident's answers, Qt-free and total.

Each validator takes whatever was typed (or read from an answers file) and
returns a :class:`Checked`: either the canonical value (see ``forms.model``)
or a plain-language :class:`~kiosk.core.text.Text` that says what to do. No input,
however odd, raises: the GUI keeps what the resident typed and shows the
message beside it. Any thread may call these (pure functions).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from kiosk.core.text import Text

T = TypeVar("T")


@dataclass(frozen=True)
class Checked(Generic[T]):
    """The outcome of one validator: a value, or a message (never both)."""

    value: T | None
    error: Text | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _fail(message: Text) -> Checked[Any]:
    return Checked(None, message)


# --- messages ----------------------------------------------------------------

WRONG_TYPE = Text(
    "Câu trả lời này không đúng dạng. Bác nhập lại giúp.",
    "This answer is not in the expected form. Please enter it again.",
)
REQUIRED = Text(
    "Bác chưa trả lời câu này. Bác điền vào ô bên dưới rồi bấm Tiếp tục.",
    "Please answer this question, then press Continue.",
)
CHOOSE_ONE = Text(
    "Bác chưa chọn. Bác chọn một trong các ô bên dưới rồi bấm Tiếp tục.",
    "Please choose one of the options below, then press Continue.",
)
CCCD_DIGITS = Text(
    "Số CCCD gồm 12 chữ số. Bác kiểm tra lại trên thẻ.",
    "A citizen ID (CCCD) number has 12 digits. Please check it against the card.",
)
CCCD_PROVINCE = Text(
    "Ba số đầu của CCCD là mã tỉnh nơi đăng ký khai sinh, nhưng mã {code} không có. "
    "Bác kiểm tra lại trên thẻ.",
    "The first three digits of a CCCD number are a province code, but {code} is not one. "
    "Please check it against the card.",
)
CCCD_CENTURY = Text(
    "Số CCCD không khớp với năm sinh {year}. Bác kiểm tra lại số thẻ hoặc ngày sinh.",
    "This CCCD number does not match the birth year {year}. "
    "Please check the card number or the date of birth.",
)
CCCD_GENDER = Text(
    "Số CCCD không khớp với giới tính đã chọn. Bác kiểm tra lại số thẻ hoặc giới tính.",
    "This CCCD number does not match the gender chosen. "
    "Please check the card number or the gender.",
)
PHONE_DIGITS = Text(
    "Số điện thoại di động gồm 10 chữ số, bắt đầu bằng số 0 (ví dụ 0912 345 678).",
    "A mobile number has 10 digits and starts with 0 (for example 0912 345 678).",
)
PHONE_PREFIX = Text(
    "Số {prefix}… không phải đầu số di động. Đầu số di động là 03, 05, 07, 08 hoặc 09.",
    "{prefix}… is not a mobile prefix. Mobile numbers start with 03, 05, 07, 08 or 09.",
)
DATE_FORMAT = Text(
    "Bác nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/09/1958.",
    "Please enter the date as day/month/year, for example 05/09/1958.",
)
DATE_INCOMPLETE = Text(
    "Bác nhập đủ ngày, tháng và năm, ví dụ 05/09/1958.",
    "Please enter the day, the month and the year, for example 05/09/1958.",
)
DATE_YEAR_DIGITS = Text(
    "Năm cần đủ 4 chữ số, ví dụ 1958 chứ không phải 58.",
    "The year needs 4 digits, for example 1958 rather than 58.",
)
DATE_INVALID = Text(
    "Ngày {value} không có trên lịch. Bác kiểm tra lại ngày và tháng.",
    "{value} is not a real date. Please check the day and the month.",
)
DATE_TOO_OLD = Text(
    "Năm phải từ 1900 trở đi. Bác kiểm tra lại năm.",
    "The year must be 1900 or later. Please check the year.",
)
DATE_FUTURE = Text(
    "Ngày này chưa tới. Bác nhập ngày đã qua hoặc hôm nay.",
    "This date has not come yet. Please enter today or a past date.",
)
NAME_DIGITS = Text(
    "Họ và tên không có chữ số. Bác chỉ nhập chữ cái, ví dụ Nguyễn Thị Lan.",
    "A name has no digits. Please enter letters only, for example Nguyễn Thị Lan.",
)
NAME_LETTERS = Text(
    "Họ và tên chỉ gồm chữ cái tiếng Việt và dấu cách, ví dụ Nguyễn Thị Lan.",
    "A name has only Vietnamese letters and spaces, for example Nguyễn Thị Lan.",
)
NAME_TOO_LONG = Text(
    "Họ và tên dài quá {limit} ký tự. Bác kiểm tra lại.",
    "The name is longer than {limit} characters. Please check it.",
)
NUMBER_FORMAT = Text(
    "Bác nhập một số, chỉ gồm chữ số, ví dụ 2.",
    "Please enter a number using digits only, for example 2.",
)
NUMBER_RANGE = Text(
    "Bác nhập một số từ {minimum} đến {maximum}.",
    "Please enter a number from {minimum} to {maximum}.",
)
TEXT_TOO_LONG = Text(
    "Câu trả lời dài quá {limit} ký tự. Bác viết ngắn lại.",
    "The answer is longer than {limit} characters. Please shorten it.",
)
TEXT_CONTROL = Text(
    "Câu trả lời có ký tự lạ. Bác xóa đi rồi nhập lại.",
    "The answer contains an unusual character. Please delete it and type again.",
)

# --- CCCD (căn cước công dân) ---------------------------------------------------

# The 63 pre-2025 province codes: the first three digits of every CCCD number
# (the birth-registration province, kept after the July 2025 merger).
OLD_PROVINCE_CODES = frozenset(
    f"{n:03d}"
    for n in (
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33,
        34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64,
        66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94,
        95, 96,
    )
)  # fmt: skip

_SEPARATORS = re.compile(r"[\s.\-]+")
_DIGITS = re.compile(r"[0-9]+")

MALE_VALUES = frozenset({"male", "nam"})
FEMALE_VALUES = frozenset({"female", "nu", "nữ"})


def cccd(raw: Any, *, birth_date: date | None = None, gender: str | None = None) -> Checked[str]:
    """12 digits (spaces, dots, dashes tolerated); digit 4 = century and gender.

    Digit 4: 0/1 = born 1900-1999 male/female, 2/3 = 2000-2099, 4/5, 6/7, 8/9 the
    next centuries. Digits 5-6 are the last two digits of the birth year. There
    is no check digit.
    """
    if not isinstance(raw, str):
        return _fail(WRONG_TYPE)
    digits = _SEPARATORS.sub("", raw)
    if len(digits) != 12 or not _DIGITS.fullmatch(digits):
        return _fail(CCCD_DIGITS)
    if digits[:3] not in OLD_PROVINCE_CODES:
        return _fail(CCCD_PROVINCE.filled(code=digits[:3]))
    marker = int(digits[3])
    if birth_date is not None:
        century = 1900 + 100 * (marker // 2)
        year_ok = century <= birth_date.year < century + 100
        if not year_ok or digits[4:6] != f"{birth_date.year % 100:02d}":
            return _fail(CCCD_CENTURY.filled(year=str(birth_date.year)))
    if gender is not None:
        female = marker % 2 == 1
        if (gender in MALE_VALUES and female) or (gender in FEMALE_VALUES and not female):
            return _fail(CCCD_GENDER)
    return Checked(digits)


# --- phone --------------------------------------------------------------------

MOBILE_PREFIXES = frozenset({"3", "5", "7", "8", "9"})


def phone(raw: Any) -> Checked[str]:
    """A Vietnamese mobile number: 10 digits from 0; +84 / 84 become 0."""
    if not isinstance(raw, str):
        return _fail(WRONG_TYPE)
    digits = re.sub(r"[\s.\-()]+", "", raw)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if len(digits) != 10 or not _DIGITS.fullmatch(digits) or digits[0] != "0":
        return _fail(PHONE_DIGITS)
    if digits[1] not in MOBILE_PREFIXES:
        return _fail(PHONE_PREFIX.filled(prefix=digits[:2]))
    return Checked(digits)


# --- dates --------------------------------------------------------------------

_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_PARTS = re.compile(r"(\d*)[/.\-](\d*)[/.\-](\d*)")


def parse_date(raw: Any, *, past_only: bool = False, today: date | None = None) -> Checked[date]:
    """dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or ISO yyyy-mm-dd."""
    if isinstance(raw, date):
        raw = raw.isoformat()
    if not isinstance(raw, str):
        return _fail(WRONG_TYPE)
    text = re.sub(r"\s+", "", raw)
    iso = _ISO.fullmatch(text)
    dmy = _DMY.fullmatch(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif dmy:
        day, month, year = (int(g) for g in dmy.groups())
    else:
        return _fail(_format_problem(text))
    try:
        value = date(year, month, day)
    except ValueError:
        return _fail(DATE_INVALID.filled(value=f"{day:02d}/{month:02d}/{year:04d}"))
    if year < 1900:
        return _fail(DATE_TOO_OLD)
    if past_only and value > (today or date.today()):
        return _fail(DATE_FUTURE)
    return Checked(value)


def _format_problem(text: str) -> Text:
    """The most helpful message for a date that does not parse."""
    parts = _PARTS.fullmatch(text)
    if parts is None:
        return DATE_FORMAT
    day, month, year = parts.groups()
    if not day or not month or not year:
        return DATE_INCOMPLETE
    if len(year) < 4 and len(day) <= 2 and len(month) <= 2:
        return DATE_YEAR_DIGITS
    return DATE_FORMAT


def iso_date(raw: Any, *, past_only: bool = False, today: date | None = None) -> Checked[str]:
    """Like :func:`parse_date`, canonical as an ISO string (the stored form)."""
    checked = parse_date(raw, past_only=past_only, today=today)
    return Checked(checked.value.isoformat()) if checked.value else Checked(None, checked.error)


# --- names --------------------------------------------------------------------

NAME_LIMIT = 100


def _is_name_letter(char: str) -> bool:
    if not unicodedata.category(char).startswith("L"):
        return False
    return "LATIN" in unicodedata.name(char, "")


def _case(char: str, upper: bool) -> str:
    """Change case only where it maps one letter to one letter (idempotent)."""
    changed = char.upper() if upper else char.lower()
    return changed if len(changed) == 1 else char


def _capitalise(word: str) -> str:
    return _case(word[0], True) + "".join(_case(c, False) for c in word[1:])


def person_name(raw: Any) -> Checked[str]:
    """Vietnamese letters with diacritics, NFC, spaces collapsed, words capitalised.

    Apostrophes and hyphens inside a word are kept (ethnic-minority names such as
    "H'Hen Niê").
    """
    if not isinstance(raw, str):
        return _fail(WRONG_TYPE)
    words = unicodedata.normalize("NFC", raw).split()
    if not words:
        return _fail(REQUIRED)
    for word in words:
        for char in word:
            if char.isdigit():
                return _fail(NAME_DIGITS)
            if not (_is_name_letter(char) or char in "'-"):
                return _fail(NAME_LETTERS)
        if not any(_is_name_letter(c) for c in word):
            return _fail(NAME_LETTERS)
    value = unicodedata.normalize("NFC", " ".join(_capitalise(w) for w in words))
    if len(value) > NAME_LIMIT:
        return _fail(NAME_TOO_LONG.filled(limit=str(NAME_LIMIT)))
    return Checked(value)


# --- numbers and free text ----------------------------------------------------

_INTEGER = re.compile(r"-?[0-9]{1,9}")


def number(raw: Any, *, minimum: int | None = None, maximum: int | None = None) -> Checked[int]:
    """A whole number typed with digits, within ``minimum``..``maximum``."""
    if isinstance(raw, bool):
        return _fail(WRONG_TYPE)
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and _INTEGER.fullmatch(re.sub(r"\s+", "", raw)):
        value = int(re.sub(r"\s+", "", raw))
    else:
        return _fail(NUMBER_FORMAT)
    low = minimum if minimum is not None else -(10**9)
    high = maximum if maximum is not None else 10**9
    if not low <= value <= high:
        return _fail(NUMBER_RANGE.filled(minimum=str(low), maximum=str(high)))
    return Checked(value)


def text(raw: Any, *, max_length: int = 200) -> Checked[str]:
    """Free text: NFC, trimmed, no control characters, at most ``max_length``."""
    if not isinstance(raw, str):
        return _fail(WRONG_TYPE)
    value = unicodedata.normalize("NFC", raw).strip()
    if any(unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") for c in value):
        return _fail(TEXT_CONTROL)
    if len(value) > max_length:
        return _fail(TEXT_TOO_LONG.filled(limit=str(max_length)))
    return Checked(value)


def is_blank(raw: Any) -> bool:
    """Nothing was given: None, an empty or whitespace string, an empty list."""
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    return isinstance(raw, (list, tuple, dict)) and not raw
