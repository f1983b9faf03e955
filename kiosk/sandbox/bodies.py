"""Request bodies read defensively: JSON objects within limits, and a submission's sizes.

:func:`load_object` is how every JSON endpoint reads its body. It answers None
for what is not a UTF-8 JSON object (the caller's 400 ``malformed_json``) and
raises :class:`~kiosk.sandbox.replies.Refusal` with a 400 naming the problem
for JSON that would be dangerous or ambiguous to act on: nested deeper than
:data:`MAX_DEPTH` (checked on the text before parsing, so no recursion limit is
ever reached), a key twice in one object, a lone surrogate ``\\u`` escape (text
that cannot be stored or answered as UTF-8). ``NaN`` and ``Infinity`` are not
JSON. :func:`submission_problems` gives the 422 ``errors`` for envelope fields
and answers over their sizes. Pure functions; any request thread.
"""

from __future__ import annotations

import json
import re
from typing import Any

from kiosk.core.text import Text
from kiosk.sandbox.messages import (
    ANSWER_ID_TOO_LONG,
    ANSWER_TOO_LONG,
    BAD_TEXT,
    BAD_VALUE,
    DUPLICATE_KEY,
    FIELD_TOO_LONG,
    TOO_DEEP,
    TOO_MANY_ANSWERS,
)
from kiosk.sandbox.replies import Refusal, error_reply

MAX_DEPTH = 16  # nesting levels of arrays and objects; a submission needs 3
FIELD_LIMITS = {"procedure": 64, "kiosk_id": 64, "local_ref": 64, "submitted_at": 40}  # chars
MAX_ANSWERS = 100  # answers in one submission (a procedure asks about twenty questions)
MAX_ANSWER_ID = 100  # characters of an answer's question id
MAX_ANSWER_TEXT = 2000  # characters of any text inside one answer (forms allow 200 or so)
MAX_ANSWER_ITEMS = 100  # list items or object members inside one answer

# A JSON string (skipped whole; possessive, so a long one costs no backtracking) or a bracket.
_TOKENS = re.compile(r'"(?:[^"\\]++|\\.)*+"|[\[\]{}]')


def load_object(body: bytes) -> dict[str, Any] | None:
    """The body as a JSON object; None if it is not one; :class:`Refusal` if it is unsafe."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    _check_depth(text)
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except RecursionError:  # cannot happen after _check_depth; never a 500 all the same
        raise _too_deep() from None
    except ValueError:  # not JSON, NaN/Infinity, an integer of thousands of digits
        return None
    if not isinstance(data, dict):
        return None
    _check_text(data)
    return data


def _check_depth(text: str) -> None:
    depth = 0
    for token in _TOKENS.finditer(text):
        opening = text[token.start()]
        if opening in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep()
        elif opening in "]}":
            depth -= 1


def _too_deep() -> Refusal:
    return Refusal(error_reply(400, "too_deep", TOO_DEEP, limit=MAX_DEPTH))


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        twice = ""
        for key, _ in pairs:
            if key in seen:
                twice = key
                break
            seen.add(key)
        shown = twice[:80].encode("utf-8", "backslashreplace").decode("utf-8")
        raise Refusal(error_reply(400, "duplicate_key", DUPLICATE_KEY, key=shown))
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _check_text(data: Any) -> None:
    """Every key and string is valid Unicode (no lone surrogate); iterative, no recursion."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str) and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise Refusal(error_reply(400, "invalid_text", BAD_TEXT)) from None


# -- a submission's sizes ----------------------------------------------------------------


def field_problem(name: str, message: Text, **values: Any) -> dict[str, str]:
    """One entry of a 422 body's ``errors``."""
    return {
        "field": name,
        "message": message("vi", field=name, **values),
        "message_en": message("en", field=name, **values),
    }


def submission_problems(body: dict[str, Any]) -> list[dict[str, str]]:
    """Envelope fields (strings already) and answers over their sizes: the 422 ``errors``."""
    problems = [
        field_problem(name, FIELD_TOO_LONG, limit=limit)
        for name, limit in FIELD_LIMITS.items()
        if len(body[name]) > limit
    ]
    answers = body.get("answers")
    if not isinstance(answers, dict):
        return problems  # the catalogue's check says so
    if len(answers) > MAX_ANSWERS:
        return [*problems, field_problem("answers", TOO_MANY_ANSWERS, limit=MAX_ANSWERS)]
    if any(len(key) > MAX_ANSWER_ID for key in answers):  # no question has such an id
        return [*problems, field_problem("answers", ANSWER_ID_TOO_LONG, limit=MAX_ANSWER_ID)]
    problems += [
        field_problem(key, ANSWER_TOO_LONG, limit=MAX_ANSWER_TEXT, items=MAX_ANSWER_ITEMS)
        for key, value in answers.items()
        if not _answer_fits(value)
    ]
    return problems


def _answer_fits(answer: Any) -> bool:
    pending, items = [answer], 0
    while pending:
        value = pending.pop()
        if isinstance(value, str) and len(value) > MAX_ANSWER_TEXT:
            return False
        if isinstance(value, dict | list):
            members = [*value.keys(), *value.values()] if isinstance(value, dict) else value
            items += len(value)
            if items > MAX_ANSWER_ITEMS:
                return False
            pending.extend(members)
    return True


# -- a heartbeat: every field optional, each of its type and size -------------------------

_TEXT, _NUMBER, _COUNT = "text", "number", "count"
HEARTBEAT_FIELDS: dict[str, tuple[str, int, bool]] = {  # name: (kind, size limit, null allowed)
    "kiosk_id": (_TEXT, 64, False),
    "version": (_TEXT, 64, False),
    "outbox_depth": (_COUNT, 0, False),
    "oldest_queued_s": (_NUMBER, 0, True),
    "printer": (_TEXT, 200, True),
    "last_error": (_TEXT, 500, True),
}


def heartbeat_problems(body: dict[str, Any]) -> list[dict[str, str]]:
    """The fields of a heartbeat of the wrong type or size: the 422 ``errors``."""
    return [
        field_problem(name, BAD_VALUE)
        for name, (kind, limit, nullable) in HEARTBEAT_FIELDS.items()
        if name in body and not _fits(body[name], kind, limit, nullable)
    ]


def _fits(value: Any, kind: str, limit: int, nullable: bool) -> bool:
    if value is None:
        return nullable
    if kind == _TEXT:
        return isinstance(value, str) and len(value) <= limit
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return value >= 0 and (kind == _NUMBER or isinstance(value, int))
