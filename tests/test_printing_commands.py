"""``kiosk receipt --sample``, ``kiosk printers``, ``kiosk print --test`` as a technician runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from printing_helpers import page_sizes, pdf_text

ROOT = Path(__file__).resolve().parents[1]


def kiosk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=60)


@pytest.mark.parametrize("paper", ["a4", "58mm"])
def test_receipt_sample_writes_a_pdf(tmp_path: Path, paper: str) -> None:
    out = tmp_path / "r.pdf"
    run = kiosk("receipt", "--sample", "--format", paper, "--out", str(out))
    assert run.returncode == 0, run.stderr
    pdf = out.read_bytes()
    assert "Nguyễn Thị Hồng Nhung" in pdf_text(pdf) and len(page_sizes(pdf)) == 1


def test_receipt_without_sample_is_bad_input(tmp_path: Path) -> None:
    run = kiosk("receipt", "--out", str(tmp_path / "r.pdf"))
    assert run.returncode == 2 and "--sample" in run.stderr and "Traceback" not in run.stderr


def _env(tmp_path: Path, config: str) -> dict[str, str]:
    import os

    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(config, encoding="utf-8")
    return dict(os.environ, KIOSK_CONFIG=str(cfg), KIOSK_HOME=str(tmp_path / "home"))


def test_printers_and_test_page_with_the_pdf_folder(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    env = _env(tmp_path, f'[printer]\nbackend = "pdf-folder"\nfolder = "{folder.as_posix()}"\n')
    listing = kiosk("printers", "--json", env=env)
    assert listing.returncode == 0, listing.stderr
    rows = json.loads(listing.stdout)
    assert rows == [{"name": str(folder), "backend": "pdf-folder", "description": "PDF folder",
                     "default": True, "status": "ready", "reasons": []}]
    test = kiosk("print", "--test", env=env)
    assert test.returncode == 0, test.stderr
    [page] = list(folder.glob("*.pdf"))
    assert "TRANG IN THỬ" in pdf_text(page.read_bytes())


@pytest.mark.parametrize("config", ['[printer]\nbackend = "cups"\n', None],
                         ids=["cups", "auto-no-config"])
def test_print_test_to_a_missing_printer_fails_naming_the_real_ones(
        tmp_path: Path, cups_printer: tuple[str, Path], config: str | None) -> None:
    """Not "sent" to the PDF folder in the named printer's stead (``auto``, demo)."""
    name, _ = cups_printer
    env = _env(tmp_path, config or "")
    if config is None:
        env.pop("KIOSK_CONFIG")
    run = kiosk("print", "--test", "--printer", "NoSuchPrinter", env=env)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "sent" not in run.stdout and "Traceback" not in run.stderr
    assert "--printer NoSuchPrinter: no such printer" in run.stderr and name in run.stderr
    assert not list((tmp_path / "home").rglob("*.pdf"))


def test_print_test_to_a_named_printer_that_exists(tmp_path: Path,
                                                   cups_printer: tuple[str, Path]) -> None:
    name, _ = cups_printer
    env = _env(tmp_path, "")
    env.pop("KIOSK_CONFIG")
    run = kiosk("print", "--test", "--printer", name, env=env)
    assert run.returncode == 0 and "sent (auto)" in run.stdout, run.stderr


def test_printers_lists_the_cups_printer(tmp_path: Path, cups_printer: tuple[str, Path]) -> None:
    name, _ = cups_printer
    run = kiosk("printers", env=_env(tmp_path, '[printer]\nbackend = "cups"\n'))
    assert run.returncode == 0 and name in run.stdout
    assert "ready" in run.stdout or "busy" in run.stdout  # other tests' jobs may still print


def _doctor_printer_check(env: dict[str, str]) -> dict[str, str]:
    run = kiosk("doctor", "--json", env=env)
    checks = {c["name"]: c for c in json.loads(run.stdout)["checks"]}
    assert checks["receipt font"]["status"] == "ok"
    return checks["printer"]


def test_doctor_warns_when_receipts_only_go_to_a_folder(tmp_path: Path) -> None:
    folder = (tmp_path / "receipts").as_posix()
    check = _doctor_printer_check(
        _env(tmp_path, f'[printer]\nbackend = "pdf-folder"\nfolder = "{folder}"\n'))
    assert check["status"] == "warn" and "PDF" in check["hint"]


def test_doctor_fails_on_a_missing_cups_printer(tmp_path: Path,
                                                cups_printer: tuple[str, Path]) -> None:
    check = _doctor_printer_check(
        _env(tmp_path, '[printer]\nbackend = "cups"\nname = "NoSuchPrinter"\n'))
    assert check["status"] == "fail" and "missing" in check["detail"] and check["hint"]


def test_volunteer_reprint_path_from_the_command_line(tmp_path: Path, sandbox_process) -> None:  # type: ignore[no-untyped-def]
    """Sent application → its receipt fails on an unreachable printer → listed → reprinted."""
    import socket

    from outbox_helpers import cli_env, example_answers, write_json
    from outbox_helpers import kiosk as kiosk_in

    with socket.socket() as probe:  # a loopback port nobody listens on: the printer is off
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = cli_env(tmp_path)
    broken = tmp_path / "broken.toml"
    broken.write_text(f'[portal]\nurl = "{sandbox_process.url}"\n[printer]\nbackend = "escpos"\n'
                      f'paper = "80mm"\nescpos = "network:127.0.0.1:{port}"\n', encoding="utf-8")
    env["KIOSK_CONFIG"] = str(broken)
    answers = write_json(tmp_path / "a.json", example_answers())
    submitted = kiosk_in(env, "submit", "--procedure", "1.001193", "--answers", str(answers))
    assert submitted.returncode == 0, submitted.stderr
    record = json.loads(submitted.stdout)
    assert record["code"]

    failed = kiosk_in(env, "print", "--ref", record["ref"])
    assert failed.returncode == 1 and "missing" in failed.stderr and "Traceback" not in failed.stderr
    listing = kiosk_in(env, "print", "--reprint-list")
    assert listing.returncode == 0 and record["code"] in listing.stdout
    assert "Nguyễn" not in listing.stdout  # references only
    item_id = listing.stdout.split()[0]

    folder = tmp_path / "out"
    working = tmp_path / "working.toml"
    working.write_text(f'[printer]\nbackend = "pdf-folder"\nfolder = "{folder.as_posix()}"\n',
                       encoding="utf-8")
    env["KIOSK_CONFIG"] = str(working)
    reprinted = kiosk_in(env, "print", "--reprint", item_id)
    assert reprinted.returncode == 0, reprinted.stderr
    [pdf] = list(folder.glob("*.pdf"))
    assert f"Mã hồ sơ: {record['code']}" in pdf_text(pdf.read_bytes())
    assert "no receipts" in kiosk_in(env, "print", "--reprint-list").stdout
