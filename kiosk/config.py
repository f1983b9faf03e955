"""The kiosk's configuration: one TOML file, typed sections, precise errors.

``--config FILE`` wins over ``KIOSK_CONFIG``; with neither the kiosk runs in
demo mode (embedded sandbox, throwaway data folder). Unknown keys, wrong types,
values out of their range (:data:`RANGES`), malformed addresses (portal, identity
provider, ESC/POS printer), a missing CA bundle, unreadable or non-UTF-8 files raise
:class:`~kiosk.core.errors.ConfigError` naming the file and the ``section.key``:
whatever passes :func:`load` can be run with.
"""

from __future__ import annotations

import os
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, Literal, get_args, get_origin
from urllib.parse import urlsplit

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
    heartbeat_s: int = 300


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
    data, problem = parse_toml(text)
    if data is None:
        raise ConfigError(name, problem)
    return _build(name, data, path)


def parse_toml(text: str) -> tuple[dict[str, Any] | None, str]:
    """The TOML document, or None and why not (also for what tomllib does not catch:
    nesting deep enough to exhaust the stack, integers of thousands of digits)."""
    try:
        return tomllib.loads(text), ""
    except tomllib.TOMLDecodeError as exc:
        return None, f"not valid TOML: {exc}"
    except RecursionError:
        return None, "not valid TOML: arrays or tables nested too deeply"
    except ValueError:  # "Exceeds the limit (4300 digits) for integer string conversion"
        return None, "not valid TOML: a number has thousands of digits"


def load_for_command(config_arg: str | None, portal_arg: str | None) -> Config:
    """The configuration a command runs with: the file (if any) and ``--portal`` over it.
    A malformed ``--portal`` is bad input (exit 2) before anything is read or saved."""
    portal = checked_option("--portal", portal_arg) if portal_arg else None
    config = load(config_path(config_arg))
    return config.with_portal_url(portal) if portal else config


def checked_url(url: str) -> str:
    """An http(s) address with a host and a valid port, its scheme in lower case;
    ``ValueError`` saying what is wrong otherwise."""
    if any(c.isspace() or not c.isprintable() for c in url):
        raise ValueError(f"has a space or a control character ({url!r})")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # "Invalid IPv6 URL", "Port out of range 0-65535"
        raise ValueError(f"is not a valid address ({url!r}: {exc})") from None
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"must start with https:// (or http://), not {url!r}")
    if not parts.hostname or _BAD_HOST.search(parts.hostname):
        raise ValueError(f"has no valid host name ({url!r})")
    if port == 0:
        raise ValueError(f"has port 0 ({url!r}); a port is 1 to 65535")
    return parts.scheme + url[len(parts.scheme):]


def checked_option(option: str, url: str) -> str:
    """``checked_url`` for a command-line option: :class:`BadInput` naming the option."""
    try:
        return checked_url(url)
    except ValueError as exc:
        raise BadInput(f"{option} {url}: {exc}") from None


_BAD_HOST = re.compile(r"[^\w.:%-]")  # letters (IDN too), digits, dots, dashes; IPv6

# Every numeric setting: (section.key, lowest, highest, unit). Checked at load; nan and
# inf fall outside every range. Qt's timers count int milliseconds (idle timeout).
RANGES: tuple[tuple[str, float, float, str], ...] = (
    ("kiosk.idle_timeout_s", 30, 3600, "seconds"),
    ("kiosk.idle_warning_s", 30, 600, "seconds (residents need time)"),
    ("kiosk.heartbeat_s", 0, 86400, "seconds (0: no heartbeat)"),
    ("portal.connect_timeout_s", 0.5, 120, "seconds"),
    ("portal.read_timeout_s", 1, 600, "seconds"),
    ("identity.timeout_s", 1, 120, "seconds"),
    ("outbox.retention_days", 1, 3650, "days"),
    ("outbox.probe_interval_s", 1, 3600, "seconds"),
    ("outbox.backoff_base_s", 0.01, 3600, "seconds"),
    ("outbox.backoff_max_s", 0.1, 86400, "seconds"),
)


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
    return _check_values(name, Config(source=path, **sections))


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


def _check_values(name: str, config: Config) -> Config:
    """Ranges and shapes the types cannot say; the addresses' schemes in lower case."""
    for key, low, high, unit in RANGES:
        section, _, field_name = key.partition(".")
        value = getattr(getattr(config, section), field_name)
        if not low <= value <= high:  # nan compares false: refused too
            raise ConfigError(name, f"must be from {low:g} to {high:g} {unit}, not {value!r}", key)
    if config.outbox.backoff_max_s < config.outbox.backoff_base_s:
        raise ConfigError(name, "must not be less than backoff_base_s", "outbox.backoff_max_s")
    pin = config.kiosk.volunteer_pin
    if pin and not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        raise ConfigError(name, "must be 4 to 8 digits, or empty", "kiosk.volunteer_pin")
    if not config.kiosk.id.strip():
        raise ConfigError(name, "must not be empty", "kiosk.id")
    urls = {}
    for key, url in (("portal.url", config.portal.url), ("identity.issuer", config.identity.issuer)):
        try:
            urls[key] = checked_url(url) if url else ""
        except ValueError as exc:
            raise ConfigError(name, str(exc), key) from None
    bundle = config.portal.ca_bundle
    if bundle and not Path(bundle).expanduser().is_file():
        raise ConfigError(name, f"no such file ({bundle}); give the PEM file of the portal's "
                                "certificate authority, or leave it empty", "portal.ca_bundle")
    _check_printer(name, config)
    return replace(config, portal=replace(config.portal, url=urls["portal.url"]),
                   identity=replace(config.identity, issuer=urls["identity.issuer"]))


def _check_printer(name: str, config: Config) -> None:
    from printing.backends.escpos import parse_address

    printer = config.printer
    if printer.escpos:
        try:
            parse_address(printer.escpos)
        except ValueError as exc:
            raise ConfigError(name, str(exc), "printer.escpos") from None
    if printer.backend == "pdf-folder" and not printer.folder and not config.kiosk.training:
        raise ConfigError(name, 'must be set with backend = "pdf-folder": receipts (with the '
                                "resident's name) are saved there as plain PDF files, so choose "
                                "that folder on purpose", "printer.folder")


EXAMPLE = """\
# Cấu hình ki-ốt nhà văn hóa / Cultural-house kiosk configuration (TOML, UTF-8).
# Every key is optional; the values shown are the defaults.

[kiosk]
id = "DEMO-01"                  # short code of this kiosk; prefixes local references
name = "Nhà văn hóa (demo)"     # the place, printed on receipts
commune = ""                    # the commune or ward (xã/phường)
language = "vi"                 # "vi" or "en": the language the welcome screen starts in
idle_timeout_s = 120            # 30-3600 s without a touch before "Bác còn ở đây không?"
idle_warning_s = 30             # 30-600 s: countdown shown before the session is wiped
hotline = "1900 1234"           # printed on receipts and the confirmation screen
training = false                # weekend tech classes: fictional data, a visible mark
volunteer_pin = ""              # 4-8 digits that open the volunteers' panel (reprints);
                                #   empty: the panel stays closed on a real kiosk
heartbeat_s = 300               # 0-86400 s between heartbeats to the portal (id, version,
                                #   outbox depth, printer state; no personal data); 0: none

[portal]
url = ""                        # the province gateway, e.g. "https://dichvucong.example.gov.vn"
ca_bundle = ""                  # a PEM file when the gateway uses a private CA (must exist)
connect_timeout_s = 5.0         # 0.5-120 s
read_timeout_s = 20.0           # 1-600 s

[identity]
issuer = ""                     # the VNeID-style OpenID provider, e.g. "https://id.example.gov.vn";
                                #   empty: no login (residents answer every question themselves)
client_id = "kiosk"             # this kiosk's client id at the provider
auth = "private_key_jwt"        # or "none" for a provider that allows a public client;
                                #   the key pair: `kiosk identity keygen`
scope = "openid profile phone address cccd"
algorithm = "RS256"             # the id_token signing algorithm registered for this kiosk
timeout_s = 10.0                # 1-120 s

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
folder = ""                     # pdf-folder backend: where receipts are saved as plain PDF
                                #   files (required with it, except in training)

[outbox]
retention_days = 30             # 1-3650: personal data of sent applications is purged after this
probe_interval_s = 15.0         # 1-3600 s: how often the portal's health is checked while offline
backoff_base_s = 2.0            # 0.01-3600 s: the first wait before sending again
backoff_max_s = 300.0           # 0.1-86400 s, not less than backoff_base_s
"""
