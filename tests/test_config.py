"""Configuration: defaults, every section, and errors that name the file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import config
from kiosk.cli import main
from kiosk.core.errors import ConfigError


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "kiosk.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_demo() -> None:
    cfg = config.load(None)
    assert cfg.demo
    assert cfg.kiosk.idle_timeout_s == 120


def test_example_is_a_valid_configuration_equal_to_the_defaults(tmp_path: Path) -> None:
    cfg = config.load(write(tmp_path, config.EXAMPLE))
    assert not cfg.demo
    defaults = config.Config()
    for section in ("kiosk", "portal", "identity", "printer", "outbox"):
        assert getattr(cfg, section) == getattr(defaults, section)


def test_values_are_read_into_typed_sections(tmp_path: Path) -> None:
    cfg = config.load(
        write(
            tmp_path,
            """
            [kiosk]
            id = "HN-TX-01"
            name = "Nhà văn hóa thôn Đông"
            idle_timeout_s = 90
            [portal]
            url = "https://dichvucong.example.gov.vn"
            connect_timeout_s = 3
            [printer]
            backend = "cups"
            paper = "80mm"
            """,
        )
    )
    assert cfg.kiosk.name == "Nhà văn hóa thôn Đông"
    assert cfg.kiosk.idle_timeout_s == 90
    assert cfg.portal.connect_timeout_s == 3.0 and isinstance(cfg.portal.connect_timeout_s, float)
    assert cfg.printer.paper == "80mm"
    assert cfg.with_portal_url("http://127.0.0.1:1").portal.url == "http://127.0.0.1:1"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[kiosk]\nidle_timeout = 5\n", "[kiosk.idle_timeout]: unknown key"),
        ("[printers]\nname = 'x'\n", "[printers]: unknown section"),
        ("[kiosk]\nidle_timeout_s = '120'\n", "[kiosk.idle_timeout_s]: must be a whole number"),
        ("[kiosk]\ntraining = 1\n", "[kiosk.training]: must be true or false"),
        ("[portal]\nread_timeout_s = true\n", "[portal.read_timeout_s]: must be a number"),
        ("[printer]\npaper = 'letter'\n", "[printer.paper]: must be one of"),
        ("[kiosk]\nidle_warning_s = 5\n", "[kiosk.idle_warning_s]: must be from 30 to 600"),
        ("[kiosk]\nidle_timeout_s = 3000000\n", "[kiosk.idle_timeout_s]: must be from 30 to"),
        ("[outbox]\nprobe_interval_s = nan\n", "[outbox.probe_interval_s]: must be from"),
        ("[portal]\nurl = 'http://[::1'\n", "[portal.url]: is not a valid address"),
        ("[printer]\nescpos = 'usb:zz'\n", "[printer.escpos]: 'usb:zz': expected usb:0x"),
        ("a = " + "[" * 2000 + "]" * 2000 + "\n", "nested too deeply"),
        ("[outbox]\nretention_days = " + "9" * 5000 + "\n", "thousands of digits"),
        ("[portal]\nurl = 'ftp://x'\n", "[portal.url]: must start with https://"),
        ("kiosk = 3\n", "[kiosk]: must be a table"),
        ("[kiosk\n", "not valid TOML"),
        ("[kiosk]\nvolunteer_pin = '12a4'\n", "[kiosk.volunteer_pin]: must be 4 to 8 digits"),
    ],
)
def test_bad_configuration_names_file_and_key(tmp_path: Path, text: str, fragment: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        config.load(path)
    message = str(error.value)
    assert message.startswith(str(path))
    assert fragment in message


def test_non_utf8_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[kiosk]\nname = 'Nh\xe0'\n".encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        config.load(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        config.load(tmp_path / "nope.toml")


def test_env_variable_and_flag_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_CONFIG", "/from/env.toml")
    assert config.config_path(None) == Path("/from/env.toml")
    assert config.config_path("/from/flag.toml") == Path("/from/flag.toml")
    monkeypatch.delenv("KIOSK_CONFIG")
    assert config.config_path(None) is None


def test_cli_bad_config_exits_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "[kiosk]\nlanguage = 'fr'\n")
    assert main(["config", "check", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert "[kiosk.language]" in err and "Traceback" not in err


def test_upper_case_schemes_are_taken_in_lower_case(tmp_path: Path) -> None:
    cfg = config.load(write(tmp_path, "[portal]\nurl = 'HTTPS://dvc.example.vn'\n"
                                      "[identity]\nissuer = 'Http://127.0.0.1:9'\n"))
    assert cfg.portal.url == "https://dvc.example.vn"
    assert cfg.identity.issuer == "http://127.0.0.1:9"
    assert config.load_for_command(None, "HTTP://x.vn:8080/p").portal.url == "http://x.vn:8080/p"


def test_cli_config_init_writes_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sub" / "kiosk.toml"
    assert main(["config", "init", "--out", str(out)]) == 0
    assert config.load(out).kiosk.id == "DEMO-01"
    assert main(["config", "init", "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
