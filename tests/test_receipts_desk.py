"""The receipt desk: a receipt from the outbox's record; reprint with the portal's code."""

from __future__ import annotations

from pathlib import Path

import pytest
from printing_helpers import TrayPrinter, pdf_text

from kiosk.config import Config
from kiosk.context import build
from kiosk.core.mode import Mode
from kiosk.receipts.desk import ReissueRefused
from kiosk.vault import Vault
from printing.settings import PrinterSettings


def test_reissue_prints_the_portal_code_once_the_queued_application_is_sent(
        tmp_path: Path, sandbox_url: str) -> None:
    """A receipt printed offline (local ref) is reprinted with the real code once sent."""
    config = Config(printer=PrinterSettings(backend="pdf-folder", paper="a4"))
    context = build(config.with_portal_url(sandbox_url), Mode.REAL, home=tmp_path / "home",
                    vault=Vault.in_memory_key(), threads=False)
    try:
        service, desk = context.printing, context.receipts
        tray = TrayPrinter(paper=False)
        service.backend = tray
        procedure = context.catalogue.procedures[0]
        record = context.submissions.submit(procedure, dict(procedure.example)).record
        assert record is not None
        queued = desk.for_record(record)
        assert queued.queued and queued.status_url == f"{sandbox_url}/tra-cuu/{record.ref}"
        assert not service.print_receipt(queued).ok  # out of paper: kept with the local ref
        with pytest.raises(ReissueRefused, match="chưa gửi được"):
            desk.reissue(record.ref)
        sent = context.submissions.send_now(record.ref, timeout_s=10)
        assert sent.code
        tray.paper = True
        reissued = desk.reissue(record.ref.lower())  # typed by a volunteer
        assert reissued.outcome.ok and reissued.code == sent.code and len(tray.jobs) == 1
        text = pdf_text(tray.jobs[0])
        assert f"Mã hồ sơ: {sent.code}" in text and "Nguyễn Thị Lan" in text
        assert service.reprint_list() == []  # the queued copy is replaced, not printed too
        with pytest.raises(ReissueRefused, match="Không tìm thấy"):
            desk.reissue("NOPE-0000")
        with pytest.raises(ReissueRefused, match="Không tìm thấy"):
            desk.reissue("DEMO01-AAAA-AAAAA")
    finally:
        context.close()
