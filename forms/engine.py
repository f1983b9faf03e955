"""Answer validation and plain-words display for a procedure, Qt-free.

The same rules run everywhere an answer is checked: on each question page of
the GUI (:func:`validate_answer`), for a whole answer set in ``kiosk submit``,
the submission service and the sandbox portal (:func:`validate_answers`), and
when a definition's example is loaded. Pure functions; any thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from forms import address, validators
from forms.model import RESERVED_KEYS, Answers, Delivery, Procedure, Question, QuestionType
from forms.validators import is_blank
from kiosk.core.text import Text

YES = Text("Có", "Yes")
NO = Text("Không", "No")

CHOICE_UNKNOWN = Text(
    "Bác chọn một trong các ô trên màn hình.",
    "Please choose one of the options on the screen.",
)
YES_NO_UNKNOWN = Text("Bác chọn Có hoặc Không.", "Please choose Yes or No.")
ADDRESS_PROVINCE = Text(
    "Bác chọn tỉnh hoặc thành phố.", "Please choose the province or city."
)
ADDRESS_WARD = Text(
    "Bác chọn xã, phường hoặc đặc khu thuộc tỉnh đã chọn.",
    "Please choose a commune or ward in the province chosen.",
)
ADDRESS_STREET = Text(
    "Bác nhập số nhà, đường hoặc thôn, xóm, tổ dân phố.",
    "Please enter the house number and street, or the hamlet.",
)
PAPERS_UNKNOWN = Text(
    "Có giấy tờ không thuộc thủ tục này. Bác chọn lại trong danh sách.",
    "A paper is not part of this procedure. Please choose from the list.",
)
PAPERS_MISSING = Text(
    "Hồ sơ cần có: {papers}. Bác chuẩn bị đủ rồi đánh dấu vào ô.",
    "The application needs: {papers}. Please have them ready and tick them.",
)
UNKNOWN_FIELD = Text(
    "Thủ tục này không có câu hỏi này.", "This procedure has no such question."
)
DELIVERY_UNKNOWN = Text(
    "Bác chọn cách nhận kết quả.", "Please choose how to receive the result."
)
DECLARATION_NEEDED = Text(
    "Bác cần xác nhận lời cam đoan trước khi gửi hồ sơ.",
    "Please confirm the declaration before sending the application.",
)

DELIVERY_LABELS: Mapping[Delivery, Text] = {
    Delivery.COUNTER: Text("Nhận tại Bộ phận một cửa", "Collect at the one-stop counter"),
    Delivery.POST: Text("Gửi qua bưu điện về địa chỉ", "By public post to an address"),
    Delivery.ELECTRONIC: Text("Nhận bản điện tử", "Electronic copy"),
}


@dataclass(frozen=True)
class FieldError:
    field: str  # a question id or a reserved key
    message: Text


@dataclass
class Validation:
    clean: Answers = field(default_factory=dict)
    errors: list[FieldError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# --- one answer ------------------------------------------------------------------


def validate_answer(
    question: Question,
    raw: Any,
    answers_so_far: Mapping[str, Any] | None = None,
    *,
    today: date | None = None,
) -> tuple[Any, Text | None]:
    """Check one answer: ``(canonical value, None)`` or ``(None, message)``.

    A blank answer to an optional question is ``(None, None)``.
    """
    so_far = answers_so_far or {}
    if question.type is QuestionType.PAPERS:
        return _papers(question, [] if raw is None else raw)
    if is_blank(raw):
        if not question.required:
            return (None, None)
        choosing = question.type in (QuestionType.CHOICE, QuestionType.YES_NO)
        return (None, validators.CHOOSE_ONE if choosing else validators.REQUIRED)
    checked = _check(question, raw, so_far, today)
    return (checked.value, checked.error) if checked.error else (checked.value, None)


def _check(
    question: Question, raw: Any, so_far: Mapping[str, Any], today: date | None
) -> validators.Checked[Any]:
    kind = question.type
    if kind is QuestionType.TEXT:
        return validators.text(raw, max_length=question.max_length)
    if kind is QuestionType.NAME:
        return validators.person_name(raw)
    if kind is QuestionType.CCCD:
        return _cccd(question, raw, so_far)
    if kind is QuestionType.PHONE:
        return validators.phone(raw)
    if kind is QuestionType.DATE:
        return validators.iso_date(raw, past_only=question.past_only, today=today)
    if kind is QuestionType.NUMBER:
        return validators.number(raw, minimum=question.minimum, maximum=question.maximum)
    if kind is QuestionType.CHOICE:
        values = {c.value for c in question.choices}
        ok = isinstance(raw, str) and raw in values
        return validators.Checked(raw) if ok else validators.Checked(None, CHOICE_UNKNOWN)
    if kind is QuestionType.YES_NO:
        return yes_no(raw)
    return check_address(raw, required=question.required)


def _cccd(question: Question, raw: Any, so_far: Mapping[str, Any]) -> validators.Checked[str]:
    birth: date | None = None
    if question.birth_date_from:
        parsed = validators.parse_date(so_far.get(question.birth_date_from))
        birth = parsed.value
    gender = so_far.get(question.gender_from) if question.gender_from else None
    return validators.cccd(raw, birth_date=birth, gender=gender if isinstance(gender, str) else None)


_TRUE = frozenset({"yes", "true", "có", "co", "1"})
_FALSE = frozenset({"no", "false", "không", "khong", "0"})


def yes_no(raw: Any) -> validators.Checked[bool]:
    if isinstance(raw, bool):
        return validators.Checked(raw)
    if isinstance(raw, str):
        word = raw.strip().lower()
        if word in _TRUE:
            return validators.Checked(True)
        if word in _FALSE:
            return validators.Checked(False)
    return validators.Checked(None, YES_NO_UNKNOWN)


def check_address(raw: Any, *, required: bool = True) -> validators.Checked[dict[str, str]]:
    """``{"province_code", "ward_code", "street"}`` with post-2025 codes."""
    if not isinstance(raw, Mapping):
        return validators.Checked(None, validators.WRONG_TYPE)
    province = address.province(str(raw.get("province_code") or ""))
    if province is None:
        return validators.Checked(None, ADDRESS_PROVINCE)
    ward = address.ward(str(raw.get("ward_code") or ""))
    if ward is None or ward.province_code != province.code:
        return validators.Checked(None, ADDRESS_WARD)
    street = validators.text(raw.get("street") or "", max_length=200)
    if street.error:
        return validators.Checked(None, street.error)
    if required and not street.value:
        return validators.Checked(None, ADDRESS_STREET)
    value = {"province_code": province.code, "ward_code": ward.code, "street": street.value or ""}
    return validators.Checked(value)


def _papers(question: Question, raw: Any) -> tuple[Any, Text | None]:
    if not isinstance(raw, (list, tuple)) or not all(isinstance(p, str) for p in raw):
        return None, validators.WRONG_TYPE
    known = [p.id for p in question.papers]
    if any(p not in known for p in raw):
        return None, PAPERS_UNKNOWN
    missing = [p for p in question.papers if p.required and p.id not in raw]
    if missing:
        return None, Text(
            PAPERS_MISSING.vi.format(papers="; ".join(p.label("vi") for p in missing)),
            PAPERS_MISSING.en.format(papers="; ".join(p.label("en") for p in missing)),
        )
    return [p for p in known if p in raw], None


# --- a whole answer set -------------------------------------------------------


def validate_answers(
    procedure: Procedure, answers: Mapping[str, Any], *, today: date | None = None
) -> Validation:
    """Check every answer in order; only questions that apply are kept in ``clean``."""
    result = Validation()
    if not isinstance(answers, Mapping):
        result.errors.append(FieldError("answers", validators.WRONG_TYPE))
        return result
    known = {q.id for q in procedure.questions} | set(RESERVED_KEYS)
    for key in answers:
        if key not in known:
            result.errors.append(FieldError(str(key), UNKNOWN_FIELD))
    for question in procedure.questions:
        if not question.applies(result.clean):
            continue
        value, error = validate_answer(question, answers.get(question.id), result.clean, today=today)
        if error is not None:
            result.errors.append(FieldError(question.id, error))
        elif value is not None:
            result.clean[question.id] = value
    _reserved(procedure, answers, result)
    return result



def _reserved(procedure: Procedure, answers: Mapping[str, Any], result: Validation) -> None:
    delivery = answers.get("delivery")
    if delivery is None and len(procedure.deliveries) == 1:
        delivery = procedure.deliveries[0].value
    if delivery not in [d.value for d in procedure.deliveries]:
        result.errors.append(FieldError("delivery", DELIVERY_UNKNOWN))
    else:
        result.clean["delivery"] = delivery
        if delivery == Delivery.POST.value:
            checked = check_address(answers.get("delivery_address"))
            if checked.error:
                result.errors.append(FieldError("delivery_address", checked.error))
            else:
                result.clean["delivery_address"] = checked.value
    declared = yes_no(answers.get("declaration")).value
    if declared is not True:
        result.errors.append(FieldError("declaration", DECLARATION_NEEDED))
    else:
        result.clean["declaration"] = True


# --- plain words ------------------------------------------------------------------


def display_value(question: Question, value: Any, lang: str = "vi") -> str:
    """An answer as the resident reads it on the check-answers page and the receipt."""
    if is_blank(value):
        return address.NOT_PROVIDED(lang)
    kind = question.type
    if kind is QuestionType.DATE:
        parsed = validators.parse_date(value).value
        return parsed.strftime("%d/%m/%Y") if parsed else str(value)
    if kind is QuestionType.CHOICE:
        for choice in question.choices:
            if choice.value == value:
                return choice.label(lang)
        return str(value)
    if kind is QuestionType.YES_NO:
        return (YES if value is True else NO)(lang)
    if kind is QuestionType.ADDRESS:
        return address.describe(value if isinstance(value, Mapping) else None, lang)
    if kind is QuestionType.PAPERS:
        labels = {p.id: p.label(lang) for p in question.papers}
        return "; ".join(labels.get(p, str(p)) for p in value)
    if kind is QuestionType.PHONE and isinstance(value, str) and len(value) == 10:
        return f"{value[:4]} {value[4:7]} {value[7:]}"
    return str(value)


def display_delivery(value: Any, lang: str = "vi") -> str:
    try:
        return DELIVERY_LABELS[Delivery(value)](lang)
    except ValueError:
        return address.NOT_PROVIDED(lang)


def fee_of(procedure: Procedure, answers: Mapping[str, Any]) -> int:
    """What the application costs, in đồng: the base fee plus each per-answer fee times the
    number answered (extra copies); a number question not answered counts nothing."""
    total = procedure.fee_vnd
    for rule in procedure.fee_per_answer:
        count = answers.get(rule.question)
        if isinstance(count, int) and not isinstance(count, bool) and count > 0:
            total += count * rule.vnd
    return total


def vnd(amount: int) -> str:
    """16000 → "16.000" (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")
