"""CUPS: printer state reasons, and a real cupsd with the cups-pdf printer receiving the job."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from printing_helpers import decode_qr, pdf_images, pdf_text

from kiosk.vault import Vault
from printing.backends.base import PrinterStatus
from printing.backends.cups import CupsBackend, parse_options, state_from_attributes
from printing.sample import sample_receipt
from printing.service import PrintService


@pytest.mark.parametrize(("reasons", "state", "status"), [
    ("none", "3", PrinterStatus.READY),
    ("none", "4", PrinterStatus.BUSY),
    ("media-empty-error", "5", PrinterStatus.OUT_OF_PAPER),
    ("media-needed-report,media-empty-error", "3", PrinterStatus.OUT_OF_PAPER),
    ("media-jam-error", "5", PrinterStatus.JAMMED),
    ("offline-report", "3", PrinterStatus.OFFLINE),
    ("paused", "5", PrinterStatus.OFFLINE),
    ("none", "5", PrinterStatus.OFFLINE),
    ("cover-open-error", "5", PrinterStatus.ERROR),
    ("toner-low-warning", "3", PrinterStatus.READY),
    ("media-empty-warning", "3", PrinterStatus.READY),
])
def test_state_reasons_map_to_what_the_resident_is_told(reasons: str, state: str,
                                                        status: PrinterStatus) -> None:
    got = state_from_attributes("P", {"printer-state": state, "printer-state-reasons": reasons})
    assert got.status is status
    if reasons != "none":
        assert got.reasons == tuple(reasons.split(","))


def test_lpoptions_output_is_parsed_with_quotes() -> None:
    text = ("copies=1 printer-info=KioskPDF printer-make-and-model='Generic CUPS-PDF Printer "
            "(w/ options)' printer-state=3 printer-state-reasons=none printer-location")
    attrs = parse_options(text)
    assert attrs["printer-make-and-model"] == "Generic CUPS-PDF Printer (w/ options)"
    assert attrs["printer-state"] == "3" and attrs["printer-location"] == ""


def test_missing_printer_is_reported_missing(cups_printer: tuple[str, Path]) -> None:
    state = CupsBackend("NoSuchPrinter").state()
    assert state.status is PrinterStatus.MISSING
    outcome = CupsBackend("NoSuchPrinter").print_pdf(b"%PDF-1.4", "t")
    assert outcome.status is PrinterStatus.MISSING


def _queue() -> str:
    """Jobs still pending on this run's own queue (other runs print to theirs)."""
    name = os.environ["KIOSK_TEST_CUPS_PRINTER"]
    return subprocess.run(["lpstat", "-o", name], capture_output=True, text=True).stdout.strip()


def _own_files(out: Path) -> set[Path]:
    """What cups-pdf wrote for this run's own queue: runs share its output folder."""
    name = os.environ["KIOSK_TEST_CUPS_PRINTER"]
    listed = subprocess.run(["lpstat", "-W", "all", "-o", name],
                            capture_output=True, text=True).stdout
    numbers = {line.split()[0].rsplit("-", 1)[-1] for line in listed.splitlines() if line}
    return {p for n in numbers for p in out.glob(f"*job_{n}.pdf")}


def _wait_for_empty_queue(timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while _queue() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _queue(), "jobs of earlier tests are still printing"


def _wait_for_output(out: Path, job_id: str, timeout_s: float = 20.0) -> Path:
    number = job_id.rsplit("-", 1)[-1]
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = [p for p in out.glob(f"*job_{number}.pdf") if p.stat().st_size > 0]
        if found and not _queue():
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"cups-pdf wrote no file for job {job_id} in {out}")


def _differing_share(a: Image.Image, b: Image.Image) -> float:
    a, b = a.convert("L"), b.convert("L").resize(a.size)
    diff = ImageChops.difference(a, b).point(lambda v: 255 if v > 96 else 0)
    return diff.histogram()[255] / (a.width * a.height)


def test_real_cups_prints_the_receipt(cups_printer: tuple[str, Path], tmp_path: Path) -> None:
    """cups-pdf re-makes the PDF through PostScript (Ghostscript), which keeps the glyphs but
    drops the Unicode map of letters outside Latin-1: so the ASCII fields are compared as
    text, the QR code is decoded, and the page is compared with the original as a picture
    (same layout, nothing lost, moved or scaled; too coarse to see a single accent)."""
    name, out = cups_printer
    backend = CupsBackend(name)
    assert backend.state().status.can_print
    assert name in [p.name for p in backend.printers()]
    service = PrintService(backend, receipts=tmp_path, cipher=Vault.in_memory_key(), paper="a4")
    receipt = sample_receipt()
    outcome = service.print_receipt(receipt)
    assert outcome.ok and outcome.job_id and outcome.job_id.startswith(name)
    printed = _wait_for_output(out, outcome.job_id).read_bytes()
    text = pdf_text(printed)
    for expected in (receipt.code or "", "********2345", "0912345678", "1900 1234",
                     receipt.status_url, "Nguy", "Nhung", "1.001193"):
        assert expected in text
    [page] = pdf_images(printed, dpi=100)
    assert decode_qr(page) == [receipt.status_url]
    [original] = pdf_images(service.render(receipt), dpi=100)
    assert _differing_share(original, page) < 0.01
    assert service.reprint_list() == []


def test_a_stopped_printer_gets_no_job_and_the_receipt_waits_for_a_volunteer(
        cups_printer: tuple[str, Path], tmp_path: Path) -> None:
    name, out = cups_printer
    service = PrintService(CupsBackend(name), receipts=tmp_path, cipher=Vault.in_memory_key())
    _wait_for_empty_queue()
    before = _own_files(out)
    subprocess.run(["cupsdisable", name], check=True)
    try:
        outcome = service.print_receipt(sample_receipt())
        assert outcome.status is PrinterStatus.OFFLINE
        assert outcome.message("vi").startswith("Máy in chưa bật hoặc chưa kết nối")
        assert _queue() == ""  # no job was left waiting to come out later
    finally:
        subprocess.run(["cupsenable", name], check=True)
    [item] = service.reprint_list()
    again = service.reprint(item.id)
    assert again.ok and again.job_id
    _wait_for_output(out, again.job_id)
    assert len(_own_files(out) - before) == 1  # printed exactly once


def test_a_job_waiting_on_a_printer_that_stops_is_cancelled(
        cups_printer: tuple[str, Path], tmp_path: Path) -> None:
    """Paper runs out while our job waits: the job is cancelled, never printed later."""
    name, out = cups_printer
    _wait_for_empty_queue()
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(PrintService(CupsBackend(name), receipts=tmp_path,
                                 cipher=Vault.in_memory_key()).render(sample_receipt()))
    held = subprocess.run(["lp", "-d", name, "-H", "hold", "-t", "held", str(pdf)],
                          capture_output=True, text=True, check=True).stdout
    job_id = held.split()[3]
    before = _own_files(out)
    subprocess.run(["cupsdisable", name], check=True)
    try:
        outcome = CupsBackend(name, watch_s=5).watch(job_id, name)
        assert outcome.status is PrinterStatus.OFFLINE and "cancelled" in outcome.detail
        assert _queue() == ""
    finally:
        subprocess.run(["cupsenable", name], check=True)
    time.sleep(0.5)
    assert _own_files(out) == before
