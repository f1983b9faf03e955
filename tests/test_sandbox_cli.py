"""``kiosk sandbox`` as its own process: the ready line, clean stops, port in use."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from sandbox_helpers import (
    ROOT,
    SandboxProcess,
    sandbox_command,
    set_faults,
    start_sandbox_process,
)
from test_sandbox_api import body, submit


def test_prints_one_line_with_the_real_port_and_serves(sandbox_process: SandboxProcess) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:[1-9]\d*", sandbox_process.url)
    assert requests.get(f"{sandbox_process.url}/health", timeout=10).json()["status"] == "ok"
    assert (sandbox_process.data_dir / "sandbox.sqlite3").is_file()


def test_sigterm_stops_it_cleanly_with_nothing_more_on_stdout(tmp_path: Path) -> None:
    running = start_sandbox_process(tmp_path / "data")
    response = submit(running.url, body())
    assert response.status_code == 201
    assert running.stop() == 0
    assert running.rest_of_stdout == ""  # exactly one line on stdout
    log = running.log_file.read_text(encoding="utf-8")
    assert "POST /api/v1/applications 201" in log
    for value in body()["answers"].values():
        if isinstance(value, str) and len(value) > 3:
            assert value not in log  # never a body in the log


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX-only")
def test_ctrl_c_stops_it_cleanly(tmp_path: Path) -> None:
    running = start_sandbox_process(tmp_path / "data")
    running.process.send_signal(signal.SIGINT)
    assert running.process.wait(timeout=10) == 0


def test_a_port_in_use_is_exit_2_with_a_clear_message(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run(
            sandbox_command("--port", str(port), "--data", str(tmp_path)),
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )
    assert run.returncode == 2
    assert run.stdout == ""
    assert f"--port {port}" in run.stderr
    assert "already in use" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_bad_port_number_is_exit_2(tmp_path: Path) -> None:
    run = subprocess.run(
        sandbox_command("--port", "70000", "--data", str(tmp_path)),
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert run.returncode == 2
    assert "--port 70000" in run.stderr
    assert "Traceback" not in run.stderr


def test_faults_reach_the_process(sandbox_process: SandboxProcess) -> None:
    set_faults(sandbox_process.url, down=True)
    assert submit(sandbox_process.url, body()).status_code == 503
    set_faults(sandbox_process.url)
    assert submit(sandbox_process.url, body()).status_code == 201


def test_data_that_is_a_file_is_exit_2_naming_it(tmp_path: Path) -> None:
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x", encoding="utf-8")
    run = subprocess.run(
        sandbox_command("--port", "0", "--data", str(a_file)),
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert run.returncode == 2
    assert f"--data {a_file}" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_store_that_is_not_a_database_is_exit_2_naming_it(tmp_path: Path) -> None:
    (tmp_path / "sandbox.sqlite3").write_bytes(b"this is not SQLite" * 100)
    run = subprocess.run(
        sandbox_command("--port", "0", "--data", str(tmp_path)),
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert run.returncode == 2
    assert "sandbox.sqlite3" in run.stderr
    assert "Traceback" not in run.stderr
