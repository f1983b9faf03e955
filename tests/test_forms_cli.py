"""``kiosk forms list / check / example`` as a technician runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from forms import engine, loader
from kiosk.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_list_json_has_code_and_both_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forms", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"code", "name_vi", "name_en"} <= set(rows[0])
    assert "1.001193" in {r["code"] for r in rows}
    assert any(r["name_vi"] == "Đăng ký khai sinh" for r in rows)


def test_list_plain_is_readable_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forms", "list"]) == 0
    out = capsys.readouterr().out
    assert "Đăng ký tạm trú" in out and "1.004194" in out


def test_check_the_shipped_definitions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forms", "check"]) == 0
    assert capsys.readouterr().out.count(": ok (") == len(loader.load_catalogue())


def test_check_a_broken_file_prints_each_problem_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (loader.DEFAULT_FOLDER / "certified_copy.toml").read_text(encoding="utf-8")
    broken = tmp_path / "x.toml"
    broken.write_text(
        text.replace('type = "number"', 'type = "dat"', 1).replace('level = "commune"', "level = 3"),
        encoding="utf-8",
    )
    assert main(["forms", "check", str(broken)]) == 2
    captured = capsys.readouterr()
    assert f'{broken}: questions[4].type: unknown type "dat" (known: text, name' in captured.out
    assert f"{broken}: level: " in captured.out
    assert "2 problem(s)" in captured.err


def test_check_a_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forms", "check", str(tmp_path / "none.toml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_example_prints_answers_that_validate(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forms", "example", "1.004873"]) == 0
    answers = json.loads(capsys.readouterr().out)
    procedure = loader.load_catalogue().get("1.004873")
    assert answers["full_name"] == "Hoàng Thị Thu"
    assert engine.validate_answers(procedure, answers).ok


def test_example_unknown_code_as_a_process_exits_2_with_the_known_codes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "forms", "example", "9.999999"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 2
    assert "9.999999" in done.stderr and "1.001193" in done.stderr
    assert "Traceback" not in done.stderr
