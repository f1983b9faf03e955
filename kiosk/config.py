"""The kiosk's configuration: one TOML file, typed sections, precise errors.

``--config FILE`` wins over ``KIOSK_CONFIG``; with neither the kiosk runs in
demo mode (embedded sandbox, throwaway data folder). Unknown keys, wrong types,
unreadable or non-UTF-8 files raise :class:`~kiosk.core.errors.ConfigError` naming
the file and the ``section.key``.
"""

from __future__ import annotations

import os
import tomllib
import types
import typing
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from kiosk.core.errors import BadInput, ConfigError
from kiosk.core.mode import Mode
from printing.settings import PrinterSettings


@dataclass(frozen=True)
class KioskSection:
    id: str = "DEMO-01"
    name: str = "Nhà văn hóa (demo)"
    commune: str = ""
    language: Literal["vi", "en"] = "vi"
    idle_timeout_s: int = 120
    idle_warning_s: int = 30
    hotline: str = "1900 1234"
    training: bool = False
    volunteer_pin: str = ""


@dataclass(frozen=True)
class PortalSection:
    url: str = ""
    ca_bundle: str = ""
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 20.0


@dataclass(frozen=True)
class ClaimNames:
    """Which claim of the identity provider (id_token or userinfo) holds each fact.

    The defaults are OpenID Connect's standard claims plus ``cccd_number`` and
    ``identity_level``; a real provider's own names (VNeID's ``SoDinhDanh``,
    ``HoVaTen``, ``NgayThangNamSinh``...) are set here, not in code.
    """

    id_number: str = "cccd_number"
    full_name: str = "name"
    birth_date: str = "birthdate"
    gender: str = "gender"
    address: str = "address"
    phone: str = "phone_number"
    level: str = "identity_level"


@dataclass(frozen=True)
class IdentitySection:
    issuer: str = ""  # empty: no login on a real kiosk (demo and training: the sandbox's)
    client_id: str = "kiosk"
    auth: Literal["private_key_jwt", "none"] = "private_key_jwt"
    scope: str = "openid profile phone address cccd"
    algorithm: str = "RS256"  # the id_token signing algorithm registered for this kiosk
    timeout_s: float = 10.0
    claims: ClaimNames = field(default_factory=ClaimNames)


@dataclass(frozen=True)
class OutboxSection:
    retention_days: int = 30
    probe_interval_s: float = 15.0
    backoff_base_s: float = 2.0
    backoff_max_s: float = 300.0


@dataclass(frozen=True)
class Config:
    """Everything the kiosk is configured with. ``source`` is the file, or None (demo)."""

    kiosk: KioskSection = field(default_factory=KioskSection)
    portal: PortalSection = field(default_factory=PortalSection)
    identity: IdentitySection = field(default_factory=IdentitySection)
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    outbox: OutboxSection = field(default_factory=OutboxSection)
    source: Path | None = None

    @property
    def demo(self) -> bool:
        return self.source is None

    def mode(self, *, demo: bool = False, training: bool = False) -> Mode:
        """The mode to run in, from ``--demo``/``--training`` and this configuration.

        Training (the flag or ``[kiosk] training``) wins; without a configuration
        file the kiosk is a demo.
        """
        if training or self.kiosk.training:
            return Mode.TRAINING
        if demo or self.demo:
            return Mode.DEMO
        return Mode.REAL

    def with_portal_url(self, url: str) -> Config:
        return replace(self, portal=replace(self.portal, url=url))


_SECTIONS: dict[str, type[Any]] = {
    "kiosk": KioskSection,
    "portal": PortalSection,
    "identity": IdentitySection,
    "printer": PrinterSettings,
    "outbox": OutboxSection,
}


def config_path(cli_value: str | None) -> Path | None:
    """The file to read: ``--config`` first, then ``KIOSK_CONFIG``, else None (demo)."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get("KIOSK_CONFIG")
    return Path(env) if env else None


def load(path: Path | None) -> Config:
    """Read and check a configuration file; ``None`` gives the demo configuration."""
    if path is None:
        return Config()
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(name, "file not found / không tìm thấy tệp cấu hình") from None
    except OSError as exc:
        raise ConfigError(name, f"cannot read the file ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            name, f"not UTF-8 text (bad byte at position {exc.start}); save it as UTF-8"
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(name, f"not valid TOML: {exc}") from None
    return _build(name, data, path)


def load_for_command(config_arg: str | None, portal_arg: str | None) -> Config:
    """The configuration a command runs with: the file (if any) and ``--portal`` over it."""
    config = load(config_path(config_arg))
    if portal_arg:
        if not portal_arg.startswith(("http://", "https://")):
            raise BadInput(f"--portal {portal_arg}: must start with https:// or http://")
        config = config.with_portal_url(portal_arg)
    return config


def _build(name: str, data: dict[str, Any], path: Path) -> Config:
    sections: dict[str, Any] = {}
    for key, value in data.items():
        cls = _SECTIONS.get(key)
        if cls is None:
            known = ", ".join(f"[{s}]" for s in _SECTIONS)
            raise ConfigError(name, f"unknown section (known: {known})", key)
        if not isinstance(value, dict):
            raise ConfigError(name, "must be a table, e.g. [" + key + "]", key)
        sections[key] = _build_section(name, key, cls, value)
    config = Config(source=path, **sections)
    _check_values(name, config)
    return config


def _build_section(name: str, section: str, cls: type[Any], values: dict[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    known = {f.name for f in fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        where = f"{section}.{key}"
        if key not in known:
            raise ConfigError(name, f"unknown key (known: {', '.join(sorted(known))})", where)
        if is_dataclass(hints[key]):  # a sub-table such as [identity.claims]
            if not isinstance(value, dict):
                raise ConfigError(name, f"must be a table, e.g. [{where}]", where)
            kwargs[key] = _build_section(name, where, hints[key], value)
        else:
            kwargs[key] = _coerce(name, where, hints[key], value)
    return cls(**kwargs)


def _coerce(name: str, where: str, hint: Any, value: Any) -> Any:
    origin = get_origin(hint)
    if origin is Literal:
        allowed = get_args(hint)
        if value not in allowed:
            choices = ", ".join(repr(a) for a in allowed)
            raise ConfigError(name, f"must be one of {choices}, not {value!r}", where)
        return value
    if origin in (types.UnionType, typing.Union):
        hint = next(a for a in get_args(hint) if a is not type(None))
    expected = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}
    if not _type_ok(hint, value):
        raise ConfigError(
            name, f"must be {expected.get(hint, hint)}, not {type(value).__name__} {value!r}", where
        )
    return float(value) if hint is float else value


def _type_ok(hint: Any, value: Any) -> bool:
    if hint is bool:
        return isinstance(value, bool)
    if isinstance(value, bool):  # TOML true is not a number here
        return False
    if hint is float:
        return isinstance(value, int | float)
    return isinstance(value, hint)


def _check_values(name: str, config: Config) -> None:
    if config.kiosk.idle_timeout_s < 30:
        raise ConfigError(name, "must be at least 30 seconds", "kiosk.idle_timeout_s")
    if config.kiosk.idle_warning_s < 30:
        raise ConfigError(
            name, "must be at least 30 seconds (residents need time)", "kiosk.idle_warning_s"
        )
    pin = config.kiosk.volunteer_pin
    if pin and not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        raise ConfigError(name, "must be 4 to 8 digits, or empty", "kiosk.volunteer_pin")
    if not config.kiosk.id.strip():
        raise ConfigError(name, "must not be empty", "kiosk.id")
    for key, url in (("portal.url", config.portal.url), ("identity.issuer", config.identity.issuer)):
        if url and not url.startswith(("http://", "https://")):
            raise ConfigError(name, f"must start with https:// (got {url!r})", key)
    if config.identity.timeout_s <= 0:
        raise ConfigError(name, "must be more than 0 seconds", "identity.timeout_s")
    if config.outbox.retention_days < 1:
        raise ConfigError(name, "must be at least 1 day", "outbox.retention_days")


EXAMPLE = """\
# Cấu hình ki-ốt nhà văn hóa / Cultural-house kiosk configuration (TOML, UTF-8).
# Every key is optional; the values shown are the defaults.

[kiosk]
id = "DEMO-01"                  # short code of this kiosk; prefixes local references
name = "Nhà văn hóa (demo)"     # the place, printed on receipts
commune = ""                    # the commune or ward (xã/phường)
language = "vi"                 # "vi" or "en": the language the welcome screen starts in
idle_timeout_s = 120            # seconds without a touch before "Bác còn ở đây không?"
idle_warning_s = 30             # countdown shown before the session is wiped (>= 30)
hotline = "1900 1234"           # printed on receipts and the confirmation screen
training = false                # weekend tech classes: fictional data, a visible mark
volunteer_pin = ""              # 4-8 digits that open the volunteers' panel (reprints);
                                #   empty: the panel stays closed on a real kiosk

[portal]
url = ""                        # the province gateway, e.g. "https://dichvucong.example.gov.vn"
ca_bundle = ""                  # a PEM file when the gateway uses a private CA
connect_timeout_s = 5.0
read_timeout_s = 20.0

[identity]
issuer = ""                     # the VNeID-style OpenID provider, e.g. "https://id.example.gov.vn";
                                #   empty: no login (residents answer every question themselves)
client_id = "kiosk"             # this kiosk's client id at the provider
auth = "private_key_jwt"        # or "none" for a provider that allows a public client;
                                #   the key pair: `kiosk identity keygen`
scope = "openid profile phone address cccd"
algorithm = "RS256"             # the id_token signing algorithm registered for this kiosk
timeout_s = 10.0

[identity.claims]               # which claim holds each fact (the provider's own names)
id_number = "cccd_number"       # VNeID: e.g. "SoDinhDanh"
full_name = "name"              # VNeID: e.g. "HoVaTen"
birth_date = "birthdate"        # VNeID: e.g. "NgayThangNamSinh"
gender = "gender"
address = "address"
phone = "phone_number"
level = "identity_level"

[printer]
backend = "auto"                # "auto", "qt", "cups", "escpos" or "pdf-folder"
name = ""                       # the system printer's name (empty: the default printer)
paper = "a4"                    # "a4", "a5", "80mm" or "58mm"
two_copies = false              # A4 only: one copy kept, one for the resident
escpos = ""                     # ESC/POS printer, e.g. "usb:0x0416:0x5011",
                                #   "network:192.168.1.50", "serial:COM3",
                                #   "win32raw:POS-80" (a Windows printer queue)
folder = ""                     # pdf-folder backend: where receipts are saved

[outbox]
retention_days = 30             # personal data of sent applications is purged after this
probe_interval_s = 15.0         # how often the portal's health is checked while offline
backoff_base_s = 2.0
backoff_max_s = 300.0
"""
