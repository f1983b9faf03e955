"""Helpers for the outbox area's tests (area 3): run ``kiosk`` commands in subprocesses.

Subprocesses get their own ``KIOSK_HOME`` and a file keyring in a private
folder (``keyrings.alt`` plaintext, allowed only through the test-only
``KIOSK_ALLOW_INSECURE_KEYRING``), so the outbox key is shared between the
commands of one test and nothing touches the machine's real keyring.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# Fictional people only: the privacy test looks for these in the outbox file.
PERSONAL_NAMES = ("Nguyễn Thị Lan", "Trần Minh An", "Trần Văn Hùng")
PERSONAL_NUMBERS = ("001195012345", "0912345678")


def cli_env(tmp_path: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("KIOSK_CONFIG", "PYTHON_KEYRING"))
    }
    env.update(
        KIOSK_HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        KIOSK_ALLOW_INSECURE_KEYRING="1",
        PYTHONUNBUFFERED="1",
        PYTHONIOENCODING="utf-8",
    )
    return env


def kiosk(env: dict[str, str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def example_answers(code: str = "1.001193") -> dict[str, Any]:
    from forms.loader import load_catalogue

    return dict(load_catalogue().get(code).example)


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


ENQUEUE_SCRIPT = """
import json, sys
from kiosk.context import build_for_command
from kiosk.config import Config
context = build_for_command(Config())
answers = json.loads(sys.argv[2])
refs = [context.submissions.submit(sys.argv[1], answers, again=True).record.ref
        for _ in range(int(sys.argv[3]))]
context.close()
print(json.dumps(refs))
"""


def enqueue_many(env: dict[str, str], count: int, code: str = "1.001193") -> list[str]:
    """Save ``count`` applications in the subprocess's outbox (one process, no sending)."""
    run = subprocess.run(
        [sys.executable, "-c", ENQUEUE_SCRIPT, code, json.dumps(example_answers(code)), str(count)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    refs: list[str] = json.loads(run.stdout)
    return refs


def outbox_list(env: dict[str, str]) -> list[dict[str, Any]]:
    run = kiosk(env, "outbox", "list", "--json")
    assert run.returncode == 0, run.stderr
    records: list[dict[str, Any]] = json.loads(run.stdout)
    return records
