"""The reprint list: receipts that did not print, kept encrypted until a volunteer acts.

Receipts hold personal data, so each one is sealed with the kiosk's
:class:`~kiosk.vault.Vault` (any object with ``encrypt(plaintext, aad)`` /
``decrypt(blob, aad)``) and written as one file under
``KIOSK_HOME/receipts/reprint/``; the item id is the associated data, so a
file renamed onto another id does not open. Nothing here prints: the list
only grows when printing fails and shrinks when a volunteer reprints or
discards. Files are written atomically (temp file, then replace). Safe to call
from any one thread at a time (the print service serialises access).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from printing.backends.base import PrinterStatus
from printing.receipt import Receipt

log = logging.getLogger(__name__)
SUFFIX = ".receipt"


class Cipher(Protocol):
    def encrypt(self, plaintext: bytes, aad: bytes) -> bytes: ...

    def decrypt(self, blob: bytes, aad: bytes) -> bytes: ...


@dataclass(frozen=True)
class ReprintItem:
    id: str
    receipt: Receipt
    reason: PrinterStatus
    failed_at: datetime

    @property
    def reference(self) -> str:
        """What the volunteer sees first: the code, else the local reference."""
        return self.receipt.code or self.receipt.local_ref


class ReprintStore:
    def __init__(self, folder: Path, cipher: Cipher) -> None:
        self.folder = folder
        self.cipher = cipher

    def add(self, receipt: Receipt, reason: PrinterStatus, now: datetime | None = None) -> ReprintItem:
        item = ReprintItem(secrets.token_hex(8), receipt, reason, now or datetime.now(UTC))
        payload = json.dumps({
            "receipt": receipt.to_json().decode("utf-8"),
            "reason": reason.value,
            "failed_at": item.failed_at.isoformat(),
        }).encode("utf-8")
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(item.id)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(self.cipher.encrypt(payload, item.id.encode("ascii")))
        os.replace(tmp, path)
        return item

    def items(self) -> list[ReprintItem]:
        """Oldest first. Files that no longer open (another key) are skipped and logged."""
        if not self.folder.is_dir():
            return []
        found = [item for path in self.folder.glob(f"*{SUFFIX}") if (item := self._read(path))]
        return sorted(found, key=lambda i: i.failed_at)

    def get(self, item_id: str) -> ReprintItem | None:
        path = self._path(item_id)
        return self._read(path) if path.is_file() else None

    def remove(self, item_id: str) -> bool:
        try:
            self._path(item_id).unlink()
        except FileNotFoundError:
            return False
        return True

    def purge(self, retention_days: int, now: datetime | None = None) -> int:
        """Forget receipts kept longer than the outbox keeps personal data (by file time,
        so files that no longer open go too). Returns how many were removed."""
        if not self.folder.is_dir():
            return 0
        cutoff = (now or datetime.now(UTC)).timestamp() - retention_days * 86_400
        removed = 0
        for path in self.folder.glob(f"*{SUFFIX}"):
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def _path(self, item_id: str) -> Path:
        if not item_id.isalnum():
            raise ValueError(f"not a reprint id: {item_id!r}")
        return self.folder / f"{item_id}{SUFFIX}"

    def _read(self, path: Path) -> ReprintItem | None:
        item_id = path.name.removesuffix(SUFFIX)
        try:
            data = json.loads(self.cipher.decrypt(path.read_bytes(), item_id.encode("ascii")))
            return ReprintItem(
                id=item_id,
                receipt=Receipt.from_json(data["receipt"].encode("utf-8")),
                reason=PrinterStatus(data["reason"]),
                failed_at=datetime.fromisoformat(data["failed_at"]),
            )
        except Exception as exc:  # noqa: BLE001 - a bad file must not hide the others
            log.warning("reprint list: cannot open %s (%s)", path.name, type(exc).__name__)
            return None
