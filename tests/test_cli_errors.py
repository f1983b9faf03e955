"""Bad input on every command: exit 2 with a message naming the file, key or argument,
never a traceback; an unexpected error is one line naming its type and the log file;
a closed stdout ends quietly (exit 141)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from outbox_helpers import cli_env

ROOT = Path(__file__).resolve().parents[1]


def _files(folder: Path) -> None:
    (folder / "deep.toml").write_text("a = " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    (folder / "deep-tables.toml").write_text("a = " + "{b = " * 3000 + "1" + "}" * 3000,
                                             encoding="utf-8")
    (folder / "big.toml").write_text("[outbox]\nretention_days = " + "9" * 5000 + "\n",
                                     encoding="utf-8")
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "big.json").write_text('{"a": ' + "9" * 5000 + "}", encoding="utf-8")
    (folder / "not.json").write_text("{nope", encoding="utf-8")
    (folder / "ok.json").write_text("{}", encoding="utf-8")
    (folder / "sub").mkdir()


ANSWERS = ["submit", "--procedure", "1.001193", "--answers"]
# (arguments, what the message must name); {d} is a folder holding the files above.
BAD_INPUT = [
    (["no-such-command"], "invalid choice"),
    (["sandbox", "--port", "99999"], "--port"),
    (["sandbox", "--port", "9" * 5000], "--port"),
    (["sandbox", "--port", "0", "--data", "{d}/ok.json"], "--data"),
    ([*ANSWERS, "{d}/missing.json", "--no-send"], "{d}/missing.json"),
    ([*ANSWERS, "{d}/not.json", "--no-send"], "{d}/not.json"),
    ([*ANSWERS, "{d}/sub", "--no-send"], "{d}/sub"),
    ([*ANSWERS, "{d}/deep.json", "--no-send"], "{d}/deep.json"),
    ([*ANSWERS, "{d}/big.json", "--no-send"], "{d}/big.json"),
    (["submit", "--procedure", "nope", "--answers", "{d}/ok.json", "--no-send"], "nope"),
    ([*ANSWERS, "{d}/ok.json", "--timeout", "nan"], "--timeout"),
    ([*ANSWERS, "{d}/ok.json", "--timeout", "-1"], "--timeout"),
    ([*ANSWERS, "{d}/ok.json", "--portal", "ftp://x"], "--portal ftp://x"),
    ([*ANSWERS, "{d}/ok.json", "--portal", "http://"], "--portal http://"),
    ([*ANSWERS, "{d}/ok.json", "--config", "{d}/deep.toml"], "{d}/deep.toml"),
    (["outbox", "list", "--status", "lost"], "--status"),
    (["outbox", "list", "--portal", "http://[::1"], "--portal"),
    (["outbox", "list", "--config", "{d}/big.toml"], "{d}/big.toml"),
    (["outbox", "show", "nope"], "nope"),
    (["outbox", "show", "X" * 5000], "X" * 5000),
    (["outbox", "sync", "--portal", "http://127.0.0.1:1", "--timeout", "inf"], "--timeout"),
    (["outbox", "sync", "--portal", "http://x:99999"], "--portal"),
    (["outbox", "retry", "nope", "--portal", "http://127.0.0.1:1"], "nope"),
    (["forms", "check", "{d}/deep.toml"], "nested too deeply"),
    (["forms", "check", "{d}/big.toml"], "thousands of digits"),
    (["forms", "check", "{d}"], "{d}"),
    (["forms", "check", "{d}/missing"], "{d}/missing"),
    (["forms", "example", "nope"], "nope"),
    (["receipt", "--sample", "--format", "letter", "--out", "{d}/r.pdf"], "--format"),
    (["receipt", "--sample", "--out", "{d}/sub"], "{d}/sub"),
    (["printers", "--config", "{d}/deep.toml"], "{d}/deep.toml"),
    (["print", "--test", "--config", "{d}/big.toml"], "{d}/big.toml"),
    (["print", "--reprint", "x"], "--config"),
    (["identity", "test", "--issuer", "example.com"], "--issuer example.com"),
    (["identity", "test", "--issuer", "http://a b", "--auth", "none"], "--issuer"),
    (["identity", "test", "--timeout", "-5"], "--timeout"),
    (["identity", "test", "--config", "{d}/deep-tables.toml"], "{d}/deep-tables.toml"),
    (["identity", "lost"], "invalid choice"),
    (["doctor", "--portal", "http://[::1"], "--portal"),
    (["doctor", "--portal", "ftp://x"], "--portal ftp://x"),
    (["config", "check", "--config", "{d}/deep.toml"], "nested too deeply"),
    (["config", "check", "--config", "{d}/deep-tables.toml"], "nested too deeply"),
    (["config", "check", "--config", "{d}/big.toml"], "thousands of digits"),
    (["config", "check", "--config", "{d}/sub"], "{d}/sub"),
    (["config", "check"], "--config"),
    (["config", "init", "--out", "{d}/sub"], "{d}/sub"),
    (["run", "--smoke", "--config", "{d}/deep.toml"], "{d}/deep.toml"),
    (["run", "--smoke", "--config", "{d}/missing.toml"], "{d}/missing.toml"),
    (["tour", "--out", "{d}/ok.json"], "--out"),
    (["tour", "--out", "{d}/t", "--lang", "fr"], "--lang"),
    (["tour", "--out", "{d}/t", "--procedure", "nope"], "nope"),
    (["audit", "--out", "{d}/ok.json"], "--out"),
]


def _run(env: dict[str, str], args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          **kwargs)  # type: ignore[call-overload]


@pytest.mark.parametrize(("args", "named"), BAD_INPUT)
def test_bad_input_exits_2_naming_it(tmp_path: Path, args: list[str], named: str) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    _files(folder)
    env = {**cli_env(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    run = _run(env, [a.replace("{d}", str(folder)) for a in args])
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode == 2, (run.returncode, run.stderr)
    # `forms check` lists its problems on stdout, one a line, and the count on stderr.
    assert named.replace("{d}", str(folder)) in run.stdout + run.stderr, run.stderr


def test_a_broken_configuration_in_the_environment(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    _files(folder)
    env = {**cli_env(tmp_path), "KIOSK_CONFIG": str(folder / "deep.toml")}
    for args in (["outbox", "list"], ["printers"], ["config", "check"]):
        run = _run(env, args)
        assert run.returncode == 2 and "Traceback" not in run.stderr
        assert str(folder / "deep.toml") in run.stderr


@pytest.mark.parametrize("args", [["outbox", "list"], ["outbox", "list", "--json"],
                                  ["forms", "list", "--json"], ["config", "init"]])
def test_a_closed_stdout_ends_quietly(tmp_path: Path, args: list[str]) -> None:
    """``kiosk outbox list | head -1``: the reader went away before the output was written."""
    process = subprocess.Popen([sys.executable, "-m", "kiosk", *args], cwd=ROOT,
                               env=cli_env(tmp_path), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read().decode("utf-8", "replace")
    assert process.wait(timeout=60) == 141, err
    assert err == ""


def test_an_unexpected_error_is_one_line_naming_the_log(tmp_path: Path) -> None:
    """The traceback goes to KIOSK_HOME/logs/kiosk.log, redacted like every log line."""
    code = ("import sys, forms.loader\n"
            "def boom(*a, **k): raise ValueError('resident 001203012345 phone 0912345678')\n"
            "forms.loader.load_catalogue = boom\n"
            "from kiosk.cli import main\n"
            "sys.exit(main(['forms', 'list']))\n")
    env = cli_env(tmp_path)
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, encoding="utf-8", timeout=60)
    log_file = Path(env["KIOSK_HOME"]) / "logs" / "kiosk.log"
    assert run.returncode == 1
    assert run.stderr == f"kiosk: unexpected error (ValueError); details are in {log_file}\n"
    text = log_file.read_text(encoding="utf-8")
    assert "Traceback" in text and "boom" in text and "[redacted]" in text
    assert "001203012345" not in text and "0912345678" not in text


def test_commands_log_to_the_data_folder(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    assert _run(env, ["outbox", "list"]).returncode == 0
    assert (Path(env["KIOSK_HOME"]) / "logs" / "kiosk.log").is_file()
