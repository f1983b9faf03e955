"""``kiosk submit`` on hostile input files: bounded reads, plain messages, exit 2, no traceback;
the volunteer's name out of the process list."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from outbox_helpers import cli_env, example_answers, kiosk, write_json

CLOSED = "http://127.0.0.1:9"


def _submit(env: dict[str, str], answers: Path, *extra: str, timeout: float = 60):  # type: ignore[no-untyped-def]
    return kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(answers),
                 "--portal", CLOSED, *extra, timeout=timeout)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero (POSIX)")
def test_an_endless_file_is_refused_as_too_big(tmp_path: Path) -> None:
    run = _submit(cli_env(tmp_path), Path("/dev/zero"), timeout=30)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "/dev/zero: the file is too big (more than 1024 KB)" in run.stderr


def test_a_big_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text('{"a": "' + "x" * (1024 * 1024) + '"}', encoding="utf-8")
    run = _submit(cli_env(tmp_path), big)
    assert run.returncode == 2 and "too big" in run.stderr and "Traceback" not in run.stderr


def test_deeply_nested_json_is_bad_input(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    deep = tmp_path / "deep.json"
    deep.write_text('{"a": ' + "[" * 200000 + "]" * 200000 + "}", encoding="utf-8")
    moderate = tmp_path / "moderate.json"
    moderate.write_text('{"a": ' + "[" * 100 + "]" * 100 + "}", encoding="utf-8")
    for path in (deep, moderate):
        run = _submit(env, path)
        assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
        assert f"{path.name}: the JSON is nested too deeply" in run.stderr


def test_huge_numbers_and_non_numbers_are_bad_input(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    cases = {
        "digits.json": '{"extra_copies": ' + "9" * 5000 + "}",
        "negative.json": '{"extra_copies": -' + "9" * 5000 + "}",
        "nan.json": '{"extra_copies": NaN}',
        "inf.json": '{"extra_copies": 1e999}',
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        run = _submit(env, path)
        assert run.returncode == 2 and "Traceback" not in run.stderr, (name, run.stderr)
        assert f"{name}: " in run.stderr
    digits = _submit(env, tmp_path / "digits.json")
    assert "more than 100 digits" in digits.stderr


def test_the_volunteer_can_be_given_without_showing_in_the_process_list(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    answers = write_json(tmp_path / "answers.json", example_answers())
    env["KIOSK_VOLUNTEER"] = "Phạm Văn Tình"
    run = kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(answers), "--no-send")
    assert run.returncode == 0, run.stderr
    ref = json.loads(run.stdout)["ref"]
    shown = json.loads(kiosk(env, "outbox", "show", ref, "--answers", "--json").stdout)
    assert shown["volunteer"] == "Phạm Văn Tình"
    flag = kiosk(env, "submit", "--procedure", "1.001193", "--answers", str(answers), "--no-send",
                 "--again", "--volunteer", "Chị Mai")  # still works for scripts; wins over env
    assert flag.returncode == 0, flag.stderr
    ref2 = json.loads(flag.stdout)["ref"]
    shown2 = json.loads(kiosk(env, "outbox", "show", ref2, "--answers", "--json").stdout)
    assert shown2["volunteer"] == "Chị Mai"
    helptext = kiosk(env, "submit", "--help").stdout
    assert "process list" in " ".join(helptext.split()) and "KIOSK_VOLUNTEER" in helptext
    assert os.environ.get("KIOSK_VOLUNTEER") is None  # nothing leaked into this process
