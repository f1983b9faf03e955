"""Application codes (mã hồ sơ) in the shape of the official one-stop systems.

The national public-service portal and the provinces' one-stop systems number
an application as ``<receiving unit>-<YYMMDD>-<NNNN>``: the receiving unit's
identifier (mã định danh, as in QCVN 102:2016/BTTTT, written with dots such as
``H40.01.21``), the date received, and a four-digit sequence that restarts every
day for that unit. For example ``H99.01.01-261122-0007``: the 7th application
received by unit H99.01.01 on 22/11/2026.

The sandbox uses the fictional province ``H99`` (no real province has it), so a
simulator code can never be mistaken for a real one. Commune-level procedures
go to :data:`COMMUNE_UNIT`, province-level ones to :data:`PROVINCE_UNIT`.
Pure functions, safe from any thread.
"""

from __future__ import annotations

import re
from datetime import date

COMMUNE_UNIT = "H99.01.01"  # UBND xã (mô phỏng)
PROVINCE_UNIT = "H99.01"  # Trung tâm Phục vụ hành chính công tỉnh (mô phỏng)

CODE_PATTERN = re.compile(r"^(?P<unit>[A-Z]\d{2}(?:\.\d{2}){0,3})-(?P<day>\d{6})-(?P<seq>\d{4,})$")


def unit_for(level: str) -> str:
    """The receiving unit for a procedure's receiving level (``commune``/``province``)."""
    return PROVINCE_UNIT if level == "province" else COMMUNE_UNIT


def make_code(unit: str, received: date, sequence: int) -> str:
    """``H99.01.01-261122-0007``; the sequence widens past 9999 rather than wrap."""
    if sequence < 1:
        raise ValueError(f"daily sequence starts at 1, got {sequence}")
    return f"{unit}-{received:%y%m%d}-{sequence:04d}"


def is_code(text: str) -> bool:
    """Whether ``text`` has the shape of an application code."""
    return CODE_PATTERN.match(text) is not None
