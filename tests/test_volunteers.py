"""Volunteer accounts: names sealed, PINs argon2id, wrong tries on disk across restarts."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from kiosk.core.errors import BadInput
from kiosk.vault import Vault
from kiosk.volunteers import (
    ADMIN,
    FIRST_WAIT_S,
    MAX_TRIES,
    PinResult,
    VolunteerBook,
)
from tests.outbox_helpers import ROOT, cli_env, kiosk

FAST = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)  # tests only: quick


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def book(path: Path, vault: Vault, clock: Clock) -> VolunteerBook:
    return VolunteerBook(path, vault, clock=clock, hasher=FAST)


def test_names_are_sealed_and_pins_hashed(tmp_path: Path) -> None:
    vault, db = Vault.in_memory_key(), tmp_path / "volunteers.sqlite3"
    accounts = book(db, vault, Clock())
    tam = accounts.add("  Lê   Văn Tâm ", "4821")
    assert tam.name == "Lê Văn Tâm"
    assert [v.name for v in accounts.volunteers()] == ["Lê Văn Tâm"]
    accounts.close()
    raw = db.read_bytes()
    assert "Tâm".encode() not in raw and b"4821" not in raw
    hashes = [r[0] for r in sqlite3.connect(db).execute("SELECT pin_hash FROM accounts")]
    assert all(h.startswith("$argon2id$") for h in hashes)
    # With the default hasher too (what the kiosk uses): memory-hard argon2id.
    assert PasswordHasher().hash("4821").startswith("$argon2id$v=19$m=65536")


def test_one_account_per_name_and_plain_messages(tmp_path: Path) -> None:
    accounts = book(tmp_path / "v.sqlite3", Vault.in_memory_key(), Clock())
    accounts.add("Lê Văn Tâm", "4821")
    with pytest.raises(BadInput, match="already a volunteer called"):
        accounts.add("lê văn tâm", "1111")
    for pin in ("12", "123456789", "12a4", "١٢٣٤"):
        with pytest.raises(BadInput, match="4 to 8 digits"):
            accounts.add("Trần Thị Mai", pin)
    with pytest.raises(BadInput, match="needs a name"):
        accounts.add("   ", "1234")
    with pytest.raises(BadInput, match="kiosk volunteers list"):
        accounts.remove("Không Ai")
    assert accounts.remove("Lê Văn Tâm").name == "Lê Văn Tâm" and accounts.volunteers() == []


def test_wrong_tries_survive_a_restart_and_the_wait_doubles(tmp_path: Path) -> None:
    vault, db, clock = Vault.in_memory_key(), tmp_path / "v.sqlite3", Clock()
    first = book(db, vault, clock)
    mai = first.add("Trần Thị Mai", "2580")
    for left in range(MAX_TRIES - 1, MAX_TRIES - 5, -1):
        verdict = first.check(mai.id, "0000")
        assert verdict.result is PinResult.WRONG and verdict.tries_left == left
    first.close()
    again = book(db, vault, clock)  # the kiosk restarted: the count is still there
    locked = again.check(mai.id, "0000")
    assert locked.result is PinResult.WAIT and locked.seconds_left == FIRST_WAIT_S
    assert again.check(mai.id, "2580").result is PinResult.WAIT  # even the right PIN waits
    clock.now += FIRST_WAIT_S + 1
    for _ in range(MAX_TRIES):
        verdict = again.check(mai.id, "1111")
    assert verdict.result is PinResult.WAIT and verdict.seconds_left == 2 * FIRST_WAIT_S
    clock.now += 2 * FIRST_WAIT_S + 1
    assert again.check(mai.id, "2580").result is PinResult.OPEN  # the right PIN resets
    for _ in range(MAX_TRIES):
        verdict = again.check(mai.id, "1111")
    assert verdict.seconds_left == FIRST_WAIT_S


def test_each_volunteer_and_the_admin_have_their_own_count(tmp_path: Path) -> None:
    accounts = book(tmp_path / "v.sqlite3", Vault.in_memory_key(), Clock())
    mai, tam = accounts.add("Trần Thị Mai", "2580"), accounts.add("Lê Văn Tâm", "4821")
    for _ in range(MAX_TRIES):
        accounts.check(mai.id, "0000")
    assert accounts.check(mai.id, "2580").result is PinResult.WAIT
    assert accounts.check(tam.id, "4821").result is PinResult.OPEN
    assert not accounts.has_admin_pin
    accounts.set_admin_pin("97531")
    assert accounts.has_admin_pin and accounts.check(ADMIN, "97531").result is PinResult.OPEN
    assert accounts.check(ADMIN, "4821").result is PinResult.WRONG
    assert [v.name for v in accounts.volunteers()] == ["Trần Thị Mai", "Lê Văn Tâm"]


def test_the_technician_manages_accounts_from_the_command_line(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    added = kiosk_in(env, "1234\n", "volunteers", "add", "Lê Văn Tâm")
    assert added.returncode == 0, added.stderr
    assert "Lê Văn Tâm" in added.stdout and "1234" not in added.stdout + added.stderr
    listed = kiosk(env, "volunteers", "list")
    assert listed.returncode == 0 and listed.stdout.split("\t")[1].strip() == "Lê Văn Tâm"
    assert "no admin PIN yet" in listed.stderr
    bad = kiosk_in(env, "12\n", "volunteers", "add", "Trần Thị Mai")
    assert bad.returncode == 2 and "4 to 8 digits" in bad.stderr and "Traceback" not in bad.stderr
    assert kiosk_in(env, "97531\n", "volunteers", "admin-pin").returncode == 0
    assert "no admin PIN" not in kiosk(env, "volunteers", "list").stderr
    removed = kiosk(env, "volunteers", "remove", "Lê Văn Tâm")
    assert removed.returncode == 0 and kiosk(env, "volunteers", "list").stdout == ""
    raw = (tmp_path / "home" / "volunteers.sqlite3").read_bytes()
    assert "Tâm".encode() not in raw


def kiosk_in(env: dict[str, str], stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, env=env,
                          input=stdin, capture_output=True, text=True, encoding="utf-8",
                          timeout=60)
