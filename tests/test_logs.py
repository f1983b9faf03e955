"""Logs never hold ID numbers or phone numbers, even by mistake."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.core import logs


def test_redact_masks_ids_and_phones_but_keeps_refs_and_counts() -> None:
    assert "001203012345" not in logs.redact("cccd 001203012345 sent")
    assert "0912 345 678" not in logs.redact("phone 0912 345 678")
    assert "+84912345678" not in logs.redact("phone +84912345678")
    assert logs.redact("sent 200 records in 3.5 s") == "sent 200 records in 3.5 s"
    assert logs.redact("code G12.34-251122-0001") == "code G12.34-251122-0001"


def test_file_log_is_redacted(tmp_path: Path) -> None:
    logs.setup(tmp_path)
    try:
        logging.getLogger("kiosk.test").info("looked up %s", "079185001234")
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = (tmp_path / "kiosk.log").read_text(encoding="utf-8")
        assert "looked up [redacted]" in text
        assert "079185001234" not in text
    finally:
        logs.setup(None)
