"""Logging that never holds names, ID numbers, phones or addresses.

Log *events* with codes, references and counts, not personal data. As a second
line of defence, :class:`RedactFilter` masks anything shaped like a CCCD or a
phone number before a record is written, and the file's formatter masks the
tracebacks too. On a terminal (no log folder, or one that cannot be written)
only warnings are shown, one line each, never a traceback.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path
from typing import Any

_DIGIT_RUNS = re.compile(r"(?<![\w.-])(?:\+84|0)?\d[\d .-]{7,}\d(?!\w)")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_FILE = "kiosk.log"


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


class _RedactedFile(logging.Formatter):
    """Tracebacks redacted too (exception messages may quote input); the message is
    already (:class:`RedactFilter`), the time must stay readable."""

    def format(self, record: logging.LogRecord) -> str:
        record.exc_text = None  # not another handler's unredacted copy
        return super().format(record)

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's API
        return redact(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging's API
        return redact(super().formatStack(stack_info))


class _OneLine(logging.Formatter):
    """A terminal line without the traceback (the technician reads the summary)."""

    def format(self, record: logging.LogRecord) -> str:
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        try:
            return super().format(record)
        finally:
            record.exc_info, record.exc_text, record.stack_info = saved


_installed: logging.Handler | None = None


def setup(log_dir: Path | None, level: int = logging.INFO) -> Path | None:
    """Log to a rotating file in ``log_dir``; with None, or when that folder cannot be
    written, warnings only, one line each, on stderr. Returns the log file or None."""
    global _installed
    logging.raiseExceptions = False  # a failing log write never prints a traceback
    root = logging.getLogger()
    root.setLevel(level)
    if _installed is not None:  # only ever replace our own handler
        root.removeHandler(_installed)
        _installed.close()
    handler: logging.Handler | None = None
    path = None
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            path = log_dir / LOG_FILE
            handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
            handler.setFormatter(_RedactedFile(FORMAT))
        except OSError:
            handler, path = None, None
    if handler is None:
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(_OneLine(FORMAT))
    handler.addFilter(RedactFilter())
    root.addHandler(handler)
    _installed = handler
    return path
