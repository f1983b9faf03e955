"""Addresses are checked before anything runs or is saved: the portal and the identity
provider (``--portal``, ``--issuer``, ``[portal] url``, ``[identity] issuer``), the CA
bundle, the ESC/POS printer, the PDF folder of a real kiosk."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from outbox_helpers import cli_env, example_answers, kiosk, write_json

BAD_URLS = [
    ("ftp://x", "must start with https://"),
    ("example.com", "must start with https://"),
    ("http://", "no valid host name"),
    ("http://[::1", "not a valid address"),
    ("http://x:99999", "not a valid address"),
    ("http://x:0", "port 0"),
    ("http://x:abc", "not a valid address"),
    ("http://dich vu.vn", "a space"),
    ("https://a<b>.vn", "no valid host name"),
]


def _config(tmp_path: Path, env: dict[str, str], text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    env["KIOSK_CONFIG"] = str(path)
    return path


def _bad_input(run: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert run.returncode == 2, (run.returncode, run.stderr)
    assert "Traceback" not in run.stderr
    for fragment in fragments:
        assert fragment in run.stderr, run.stderr


@pytest.mark.parametrize(("url", "why"), BAD_URLS)
def test_a_malformed_portal_option_saves_nothing(tmp_path: Path, url: str, why: str) -> None:
    env = cli_env(tmp_path)
    answers = write_json(tmp_path / "a.json", example_answers())
    _bad_input(kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(answers),
                     "--portal", url), f"--portal {url}", why)
    _bad_input(kiosk(env, "outbox", "sync", "--portal", url), "--portal")
    _bad_input(kiosk(env, "doctor", "--portal", url), f"--portal {url}", why)
    listing = kiosk(env, "outbox", "list", "--json")
    assert listing.returncode == 0 and json.loads(listing.stdout) == []  # nothing saved


@pytest.mark.parametrize(("url", "why"), BAD_URLS[:4])
def test_a_malformed_issuer_option(tmp_path: Path, url: str, why: str) -> None:
    run = kiosk(cli_env(tmp_path), "identity", "test", "--issuer", url, "--auth", "none")
    _bad_input(run, f"--issuer {url}", why)


@pytest.mark.parametrize("key", ["portal.url", "identity.issuer"])
@pytest.mark.parametrize(("url", "why"), BAD_URLS)
def test_a_malformed_address_in_the_file(tmp_path: Path, key: str, url: str, why: str) -> None:
    env = cli_env(tmp_path)
    section, _, name = key.partition(".")
    path = _config(tmp_path, env, f'[{section}]\n{name} = "{url}"\n')
    _bad_input(kiosk(env, "config", "check"), str(path), f"[{key}]", why)


def test_the_scheme_is_case_insensitive(tmp_path: Path, sandbox_process) -> None:  # type: ignore[no-untyped-def]
    env = cli_env(tmp_path)
    upper = sandbox_process.url.replace("http://", "HTTP://")
    answers = write_json(tmp_path / "a.json", example_answers())
    run = kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(answers),
                "--portal", upper)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["status"] == "sent"
    _config(tmp_path, env, f'[portal]\nurl = "{upper}"\n[identity]\nissuer = "{upper}"\n')
    assert kiosk(env, "config", "check").returncode == 0
    doctor = kiosk(env, "doctor", "--json")
    checks = {c["name"]: c for c in json.loads(doctor.stdout)["checks"]}
    assert checks["portal reachable"]["status"] == "ok", checks["portal reachable"]


def test_a_missing_ca_bundle(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    path = _config(tmp_path, env, f'[portal]\nca_bundle = "{(tmp_path / "no.pem").as_posix()}"\n')
    _bad_input(kiosk(env, "config", "check"), str(path), "[portal.ca_bundle]", "no such file")
    (tmp_path / "no.pem").write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    assert kiosk(env, "config", "check").returncode == 0


@pytest.mark.parametrize("spec", ["usb:zz", "usb:0x0416", "usb:0x10000:0x1", "bluetooth:x",
                                  "network:", "network:a b", "network:10.0.0.9:99999",
                                  "network:10.0.0.9:port", "serial:", "win32raw:"])
def test_a_malformed_escpos_address(tmp_path: Path, spec: str) -> None:
    env = cli_env(tmp_path)
    path = _config(tmp_path, env, f'[printer]\nbackend = "escpos"\nescpos = "{spec}"\n')
    _bad_input(kiosk(env, "config", "check"), str(path), "[printer.escpos]", "expected"
               if "99999" not in spec and "port" not in spec else "port")
    _bad_input(kiosk(env, "print", "--test"), "[printer.escpos]")


@pytest.mark.parametrize("spec", ["usb:0x0416:0x5011", "network:192.168.1.50",
                                  "network:192.168.1.50:9100", "network:[fe80::1]:9100",
                                  "serial:COM3", "serial:/dev/ttyUSB0", "file:/dev/usb/lp0",
                                  "win32raw:POS-80"])
def test_a_good_escpos_address(tmp_path: Path, spec: str) -> None:
    env = cli_env(tmp_path)
    _config(tmp_path, env, f'[printer]\nbackend = "escpos"\nescpos = "{spec}"\n')
    run = kiosk(env, "config", "check")
    assert run.returncode == 0, run.stderr


def test_a_real_kiosk_saving_receipts_as_files_names_the_folder(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    path = _config(tmp_path, env, '[printer]\nbackend = "pdf-folder"\n')
    _bad_input(kiosk(env, "config", "check"), str(path), "[printer.folder]", "plain PDF")
    _config(tmp_path, env, '[kiosk]\ntraining = true\n[printer]\nbackend = "pdf-folder"\n')
    assert kiosk(env, "config", "check").returncode == 0  # fictional data
    _config(tmp_path, env, f'[printer]\nbackend = "pdf-folder"\nfolder = '
                           f'"{(tmp_path / "out").as_posix()}"\n')
    assert kiosk(env, "config", "check").returncode == 0
