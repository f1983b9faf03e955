"""``kiosk identity keygen`` and ``kiosk identity test``: the technician's side of the login.

* ``keygen [--force]``: the kiosk's key pair for ``private_key_jwt``. The
  private key goes to the OS keyring (never a file); the public key is printed
  as a JWKS for the technician to register the kiosk with the province's
  identity provider. An existing key is kept (and printed again) unless
  ``--force``.
* ``test [--issuer URL] [--client-id ID] [--auth private_key_jwt|none]``: a real
  QR login in the terminal: discovery, the QR drawn as text with the
  verification address and the user code written out beside it, waiting for
  the phone, then the validated claims (the ID number masked). Exit 0 when the
  login went through, 1 with the reason otherwise.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from dataclasses import replace

from kiosk.config import checked_option, load_for_command
from kiosk.core.errors import BadInput, OperationFailed


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("identity", help="the VNeID-style login: key pair, test")
    sub = parser.add_subparsers(dest="identity_command", metavar="ACTION", required=True)
    keygen = sub.add_parser("keygen", help="make the kiosk's key pair; print the public JWK")
    keygen.add_argument("--force", action="store_true", help="replace an existing key")
    keygen.set_defaults(func=_keygen)
    test = sub.add_parser("test", help="log in once in the terminal (QR code as text)")
    test.add_argument("--issuer", help="the identity provider (default: [identity] issuer)")
    test.add_argument("--client-id", help="this kiosk's client id (default: [identity])")
    test.add_argument("--auth", choices=("private_key_jwt", "none"),
                      help="client authentication (default: [identity] auth)")
    test.add_argument("--config", help="configuration file (default: KIOSK_CONFIG)")
    test.add_argument("--timeout", type=float, default=None,
                      help="give up after S seconds (default: when the code expires)")
    test.set_defaults(func=_test)


def _keygen(args: argparse.Namespace) -> int:
    from kiosk.identity.client_key import (
        ClientKey,
        ClientKeyMissing,
        load_client_key,
        save_client_key,
    )

    try:
        key = None if args.force else load_client_key()
    except ClientKeyMissing:
        key = None
    if key is None:
        key = ClientKey.generate()
        save_client_key(key)
        print("kiosk: a new key pair; the private key is in the OS keyring", file=sys.stderr)
    else:
        print("kiosk: the key pair already exists (--force replaces it)", file=sys.stderr)
    print(json.dumps({"keys": [key.public_jwk()]}, indent=2))
    return 0


def _test(args: argparse.Namespace) -> int:
    from kiosk.identity.client_key import load_client_key
    from kiosk.identity.login import LoginStatus
    from kiosk.identity.oidc import DeviceGrant
    from kiosk.identity.service import IdentityService

    issuer = checked_option("--issuer", args.issuer) if args.issuer else None  # exit 2 first
    config = load_for_command(args.config, None)
    settings = config.identity
    if issuer:
        settings = replace(settings, issuer=issuer)
    if args.client_id:
        settings = replace(settings, client_id=args.client_id)
    if args.auth:
        settings = replace(settings, auth=args.auth)
    if not settings.issuer:
        raise BadInput("no identity provider: give --issuer URL or set [identity] issuer")
    key = load_client_key() if settings.auth == "private_key_jwt" else None
    service = IdentityService(settings, key)
    try:
        provider = service.provider()
        print(f"issuer {provider.issuer}: device flow {'yes' if provider.device_flow else 'no'}, "
              f"CIBA (poll) {'yes' if provider.ciba else 'no'}")
        login = service.device_login()
        state = login.start()
        grant = login.grant
        assert isinstance(grant, DeviceGrant)
        _show_code(grant.verification_uri_complete, grant.verification_uri, grant.user_code)
        deadline = None if args.timeout is None else time.monotonic() + args.timeout
        while not state.over:
            if deadline is not None and time.monotonic() + state.next_poll_s > deadline:
                raise OperationFailed(f"no answer from the phone within {args.timeout:g} s")
            time.sleep(state.next_poll_s)
            state = login.poll()
            if state.status is LoginStatus.RETRYING:
                print("kiosk: the provider does not answer; trying again", file=sys.stderr)
        if state.status is not LoginStatus.DONE or state.identity is None:
            raise OperationFailed(f"the login did not go through: {state.status.value}")
        _show_identity(state.identity)
        login.end()
    finally:
        service.close()
    return 0


def _show_code(complete: str, uri: str, user_code: str) -> None:
    import qrcode

    code = qrcode.QRCode(border=2)
    code.add_data(complete)
    drawn = io.StringIO()
    code.print_ascii(out=drawn, invert=True)
    lines = drawn.getvalue().splitlines()
    beside = ["Scan with the VNeID app, or open:", uri, "", "and type the code:", user_code]
    for i, line in enumerate(lines):
        extra = beside[i - 2] if 2 <= i < 2 + len(beside) else ""
        print(f"{line}   {extra}".rstrip())
    print(f"(the address in the QR code: {complete})", flush=True)


def _show_identity(person: object) -> None:
    from kiosk.identity.person import Identity
    from kiosk.receipts.wording import mask_id

    assert isinstance(person, Identity)
    rows = {
        "ID number": mask_id(person.id_number) or "-",
        "name": person.full_name or "-",
        "birth date": person.birth_date.isoformat() if person.birth_date else "-",
        "gender": person.gender or "-",
        "phone": (person.phone[:3] + "****" + person.phone[-3:]) if person.phone else "-",
        "address": "placed" if person.address else "not placed (the resident chooses it)",
        "identity level": person.level.value if person.level else "-",
    }
    print("logged in; the claims the kiosk read:")
    for name, value in rows.items():
        print(f"  {name:<15} {value}")
