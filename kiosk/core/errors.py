"""Errors that the command line turns into a plain message and an exit code.

* :class:`BadInput` (exit 2): bad input or configuration. The message names the
  file, key or field so a technician can fix it.
* :class:`OperationFailed` (exit 1): a check or an operation failed (portal
  unreachable, printer offline...).
"""

from __future__ import annotations

from kiosk.core.text import Text


class KioskError(Exception):
    """Base class: ``str(error)`` is a complete, plain-language message for a technician.

    ``resident_message``, where set, is what a resident at the kiosk is told instead.
    """

    exit_code = 1
    resident_message: Text | None = None


class BadInput(KioskError):
    exit_code = 2


class OperationFailed(KioskError):
    exit_code = 1


class ConfigError(BadInput):
    """A configuration problem, always naming the file and, where known, the key."""

    def __init__(self, file: str, message: str, key: str | None = None) -> None:
        self.file = file
        self.key = key
        where = f"{file}: [{key}]" if key else file
        super().__init__(f"{where}: {message}")
