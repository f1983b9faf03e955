"""Local references (mã tạm) printed on receipts and typed back by volunteers.

A reference is the kiosk prefix (its id, letters and digits only), then eight
random characters and one check character, grouped for reading aloud::

    DEMO01-7K3P-9QCXH

The alphabet has 29 symbols (a prime) and leaves out look-alikes: 0/O, 1/I/L,
S/5 and U/V. The check character is the position-weighted sum modulo 29, so a
single mistyped character or two swapped neighbours are always caught.
"""

from __future__ import annotations

import random
import re
import unicodedata

from kiosk.core.errors import BadInput

ALPHABET = "23456789ABCDEFGHJKMNPQRTVWXYZ"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
BODY_LENGTH = 8
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015._/]+")


def kiosk_prefix(kiosk_id: str) -> str:
    """``"DEMO-01"`` → ``"DEMO01"``: letters and digits of the kiosk id, upper case."""
    plain = unicodedata.normalize("NFKD", kiosk_id).encode("ascii", "ignore").decode()
    prefix = "".join(c for c in plain.upper() if c.isalnum())
    return prefix[:12] or "KIOSK"


def check_character(body: str) -> str:
    total = sum((i + 1) * _VALUE[c] for i, c in enumerate(body))
    return ALPHABET[total % len(ALPHABET)]


def new_ref(kiosk_id: str, rng: random.Random | random.SystemRandom) -> str:
    body = "".join(rng.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return _format(kiosk_prefix(kiosk_id), body + check_character(body))


def normalise(typed: str) -> str:
    """A typed reference in its printed form; :class:`BadInput` when it is not one.

    Tolerates lower case, spaces, any dash and missing dashes.
    """
    plain = compact(typed)
    tail = plain[-(BODY_LENGTH + 1) :]
    prefix = plain[: -(BODY_LENGTH + 1)]
    if len(plain) <= BODY_LENGTH + 1 or not prefix.isalnum():
        raise BadInput(f"{typed!r}: not a local reference (like DEMO01-7K3P-9QCXH)")
    bad = sorted({c for c in tail if c not in _VALUE})
    if bad:
        raise BadInput(f"{typed!r}: characters {''.join(bad)} never appear in a local reference")
    if check_character(tail[:BODY_LENGTH]) != tail[-1]:
        raise BadInput(f"{typed!r}: a character is mistyped (the check character does not match)")
    return _format(prefix, tail)


def compact(typed: str) -> str:
    """A typed code with its separators gone and in upper case (``h99.01-0007`` → ``H99010007``)."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", typed)).upper()


def is_valid(typed: str) -> bool:
    try:
        normalise(typed)
    except BadInput:
        return False
    return True


def _format(prefix: str, tail: str) -> str:
    return f"{prefix}-{tail[:4]}-{tail[4:]}"
