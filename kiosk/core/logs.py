"""Logging that never holds names, ID numbers, phones or addresses.

Log *events* with codes, references and counts, not personal data. As a second
line of defence, :class:`RedactFilter` masks anything shaped like a CCCD or a
phone number before a record is written.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

_DIGIT_RUNS = re.compile(r"(?<![\w.-])(?:\+84|0)?\d[\d .-]{7,}\d(?!\w)")


def redact(text: str) -> str:
    """Mask digit runs long enough to be an ID or a phone number."""

    def _mask(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group())
        return match.group() if len(digits) < 9 else "[redacted]"

    return _DIGIT_RUNS.sub(_mask, text)


class RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        return True


_installed: logging.Handler | None = None


def setup(log_dir: Path | None, level: int = logging.INFO) -> None:
    """Log to a rotating file in ``log_dir`` (or stderr warnings only when None)."""
    global _installed
    root = logging.getLogger()
    root.setLevel(level)
    if _installed is not None:  # only ever replace our own handler
        root.removeHandler(_installed)
        _installed.close()
    handler: logging.Handler
    if log_dir is None:
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
    else:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_dir / "kiosk.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    handler.addFilter(RedactFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    _installed = handler
