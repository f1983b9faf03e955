"""PrintService: failures kept (encrypted) for reprint, never reprinted alone, replaced once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from printing_helpers import TrayPrinter, pdf_text

from kiosk.core.errors import BadInput
from kiosk.vault import Vault
from printing.backends.auto import AutoBackend
from printing.backends.base import PrinterState, PrinterStatus
from printing.backends.pdf_folder import PdfFolderBackend
from printing.sample import sample_receipt
from printing.service import PrintService, make_backend
from printing.settings import PrinterSettings


def _service(tmp_path: Path, backend: object, vault: Vault | None = None) -> PrintService:
    return PrintService(backend, receipts=tmp_path / "receipts",  # type: ignore[arg-type]
                        cipher=vault or Vault.in_memory_key(), paper="80mm")


def test_out_of_paper_keeps_the_receipt_and_tells_the_resident(tmp_path: Path) -> None:
    tray = TrayPrinter(paper=False)
    service = _service(tmp_path, tray)
    outcome = service.print_receipt(sample_receipt())
    assert outcome.status is PrinterStatus.OUT_OF_PAPER and not outcome.ok
    assert outcome.message("vi").startswith(
        "Máy in đang hết giấy – bác nhờ tình nguyện viên hỗ trợ")
    assert outcome.message("en").startswith("The printer is out of paper")
    items = service.reprint_list()
    assert [i.id for i in items] == [outcome.reprint_id]
    assert items[0].receipt == sample_receipt() and items[0].reason is PrinterStatus.OUT_OF_PAPER
    assert tray.jobs == []


def test_the_reprint_list_is_encrypted_at_rest(tmp_path: Path) -> None:
    service = _service(tmp_path, TrayPrinter(paper=False))
    service.print_receipt(sample_receipt())
    files = list((tmp_path / "receipts" / "reprint").iterdir())
    assert len(files) == 1
    raw = files[0].read_bytes()
    for secret in ("Nguyễn Thị Hồng Nhung", "0912345678", "2345", "Đội Cấn"):
        assert secret.encode("utf-8") not in raw
    # Another kiosk key cannot open it (and the list does not break on it).
    assert _service(tmp_path, TrayPrinter(), Vault.in_memory_key()).reprint_list() == []


def test_nothing_reprints_by_itself_and_a_volunteer_reprints_once(tmp_path: Path) -> None:
    tray = TrayPrinter(paper=False)
    service = _service(tmp_path, tray)
    kept = service.print_receipt(sample_receipt(code=None))
    tray.paper = True  # the volunteer refills the paper
    # The next resident's receipt prints; the backlog does not come out with it.
    assert service.print_receipt(sample_receipt()).ok
    assert len(tray.jobs) == 1
    assert [i.id for i in service.reprint_list()] == [kept.reprint_id]
    assert kept.reprint_id is not None
    again = service.reprint(kept.reprint_id)
    assert again.ok and len(tray.jobs) == 2
    assert "Mã tham chiếu: DEMO-01-7K3P" in pdf_text(tray.jobs[1])
    assert service.reprint_list() == []
    assert not service.reprint(kept.reprint_id).ok  # gone: a second tap prints nothing
    assert len(tray.jobs) == 2


def test_a_failed_reprint_stays_on_the_list(tmp_path: Path) -> None:
    tray = TrayPrinter(paper=False)
    service = _service(tmp_path, tray)
    kept = service.print_receipt(sample_receipt())
    assert kept.reprint_id is not None
    assert service.reprint(kept.reprint_id).status is PrinterStatus.OUT_OF_PAPER
    assert [i.id for i in service.reprint_list()] == [kept.reprint_id]
    assert service.discard(kept.reprint_id) and service.reprint_list() == []


def test_pdf_folder_backend_saves_the_receipt(tmp_path: Path) -> None:
    service = _service(tmp_path, PdfFolderBackend(tmp_path / "out"))
    outcome = service.print_receipt(sample_receipt())
    assert outcome.ok and outcome.saved_to and not outcome.on_paper
    # The folder the technician chose: the file is the job; the resident is told so.
    assert outcome.message("vi").startswith("Biên nhận đã được lưu thành tệp trên máy, không in")
    assert service.reprint_list() == []
    saved = Path(outcome.saved_to)
    assert saved.parent == tmp_path / "out" and "Nguyễn Thị Hồng Nhung" in pdf_text(saved.read_bytes())
    assert "Nhung" not in saved.name  # file names carry the code, never the name
    path = service.save_pdf(sample_receipt())
    assert path.parent == tmp_path / "receipts" and path.read_bytes().startswith(b"%PDF")


def test_backend_choice_from_config(tmp_path: Path) -> None:
    folder = make_backend(PrinterSettings(backend="pdf-folder", folder=str(tmp_path / "f")), tmp_path)
    assert isinstance(folder, PdfFolderBackend) and folder.folder == tmp_path / "f"
    tray = TrayPrinter()
    assert make_backend(PrinterSettings(backend="qt"), tmp_path, gui_backend=tray) is tray
    with pytest.raises(BadInput, match="qt"):
        make_backend(PrinterSettings(backend="qt"), tmp_path)


def test_auto_uses_the_printer_that_is_there_at_each_job(tmp_path: Path) -> None:
    tray = TrayPrinter()
    unplugged = TrayPrinter()
    unplugged.state = lambda: PrinterState(PrinterStatus.MISSING, "", ("no-printer",))  # type: ignore[method-assign]
    auto = AutoBackend([unplugged, tray], fallback=None)
    assert auto.print_pdf(b"%PDF", "t").ok and tray.jobs == [b"%PDF"]
    nothing = AutoBackend([unplugged], fallback=None)
    assert nothing.print_pdf(b"%PDF", "t").status is PrinterStatus.MISSING
    folder = AutoBackend([unplugged], fallback=PdfFolderBackend(tmp_path / "f"))
    assert folder.print_pdf(b"%PDF", "t").saved_to
    real = make_backend(PrinterSettings(backend="auto"), tmp_path, gui_backend=tray,
                        fallback_to_folder=False)
    assert isinstance(real, AutoBackend) and real.candidates[-1] is tray and real.fallback is None


def test_a_real_kiosk_without_a_printer_keeps_receipts_encrypted(tmp_path: Path) -> None:
    unplugged = TrayPrinter()
    unplugged.state = lambda: PrinterState(PrinterStatus.MISSING, "", ("no-printer",))  # type: ignore[method-assign]
    service = _service(tmp_path, AutoBackend([unplugged], fallback=None))
    outcome = service.print_receipt(sample_receipt(watermark=None))
    assert outcome.status is PrinterStatus.MISSING
    assert outcome.message("vi").startswith("Không tìm thấy máy in – bác nhờ tình nguyện viên")
    assert len(service.reprint_list()) == 1
    assert not list(tmp_path.rglob("*.pdf"))  # no plain-text copy anywhere


def test_kept_receipts_are_forgotten_after_the_retention_time(tmp_path: Path) -> None:
    import os
    import time

    vault = Vault.in_memory_key()
    service = _service(tmp_path, TrayPrinter(paper=False), vault)
    old = service.print_receipt(sample_receipt())
    fresh = service.print_receipt(sample_receipt(code=None))
    month_ago = time.time() - 31 * 86_400
    os.utime(tmp_path / "receipts" / "reprint" / f"{old.reprint_id}.receipt",
             (month_ago, month_ago))
    again = PrintService(TrayPrinter(), receipts=tmp_path / "receipts", cipher=vault,
                         retention_days=30)
    assert [i.id for i in again.reprint_list()] == [fresh.reprint_id]


def test_two_quick_reprint_taps_print_once(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    tray = TrayPrinter(paper=False)
    service = _service(tmp_path, tray)
    kept = service.print_receipt(sample_receipt())
    tray.paper = True
    assert kept.reprint_id is not None
    with ThreadPoolExecutor(4) as pool:
        outcomes = list(pool.map(service.reprint, [kept.reprint_id] * 4))
    assert sum(o.ok for o in outcomes) == 1 and len(tray.jobs) == 1


def test_a_receipt_with_its_code_replaces_the_kept_queued_one(tmp_path: Path) -> None:
    tray = TrayPrinter(paper=False)
    service = _service(tmp_path, tray)
    queued = sample_receipt(code=None)
    other = replace(sample_receipt(code=None), local_ref="DEMO-01-9QCX")
    service.print_receipt(queued)
    service.print_receipt(other)
    tray.paper = True
    assert service.print_replacing(sample_receipt()).ok
    assert len(tray.jobs) == 1
    assert [i.receipt.local_ref for i in service.reprint_list()] == ["DEMO-01-9QCX"]


def test_a_receipt_saved_only_because_no_printer_was_found_waits_for_a_volunteer(
        tmp_path: Path) -> None:
    """'Tình nguyện viên sẽ in giúp bác' is true: the receipt is in the reprint list."""
    auto = AutoBackend([], PdfFolderBackend(tmp_path / "out"))  # no printer: the folder
    service = _service(tmp_path, auto)
    outcome = service.print_receipt(sample_receipt())
    assert outcome.saved_to and not outcome.on_paper
    assert outcome.message("vi") == "Đã lưu biên nhận. Tình nguyện viên sẽ in giúp bác."
    [item] = service.reprint_list()
    assert item.id == outcome.reprint_id and item.reason is PrinterStatus.MISSING
    again = service.reprint(item.id)  # still no printer: saved again, still in the list
    assert again.saved_to and [i.id for i in service.reprint_list()] == [item.id]
