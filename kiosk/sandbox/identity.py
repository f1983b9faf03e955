"""The demo identity provider's metadata (OpenID Connect discovery) and protocol names.

``GET /.well-known/openid-configuration`` names the endpoints a VNeID-style
login uses: device authorization (QR login, RFC 8628), CIBA backchannel
authentication in poll mode (push to the resident's phone), token, JWKS,
revocation (RFC 7009) and userinfo, all on this server. The document advertises
exactly what :mod:`kiosk.sandbox.idp` implements: client authentication
``none``, RS256 id_tokens, no refresh tokens, no authorization-code flow.
Immutable; read from any request thread.
"""

from __future__ import annotations

from typing import Any

PREFIX = "/oidc"
ENDPOINTS = {
    "device_authorization_endpoint": f"{PREFIX}/device_authorization",
    "backchannel_authentication_endpoint": f"{PREFIX}/backchannel",
    "token_endpoint": f"{PREFIX}/token",
    "jwks_uri": f"{PREFIX}/jwks",
    "revocation_endpoint": f"{PREFIX}/revoke",
    "userinfo_endpoint": f"{PREFIX}/userinfo",
}
DEVICE_PAGE = f"{PREFIX}/device"  # the verification_uri (the simulated phone's page)

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
CIBA_GRANT = "urn:openid:params:grant-type:ciba"
SIGNING_ALG = "RS256"

# Scope -> the userinfo claims it releases (``sub`` and ``identity_level`` always).
SCOPE_CLAIMS: dict[str, tuple[str, ...]] = {
    "openid": ("sub", "identity_level"),
    "profile": ("name", "birthdate", "gender"),
    "phone": ("phone_number",),
    "address": ("address",),
    "cccd": ("cccd_number",),
}
ID_TOKEN_CLAIMS = ("iss", "sub", "aud", "azp", "iat", "exp", "auth_time", "nonce")


def metadata(issuer: str) -> dict[str, Any]:
    """Discovery document for the issuer at ``issuer`` (no trailing slash)."""
    user_claims = [claim for claims in SCOPE_CLAIMS.values() for claim in claims]
    return {
        "issuer": issuer,
        **{name: issuer + path for name, path in ENDPOINTS.items()},
        "grant_types_supported": [DEVICE_GRANT, CIBA_GRANT],
        # Required by OpenID Connect Discovery; no redirect-based flow here, so none.
        "response_types_supported": [],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": [SIGNING_ALG],
        "token_endpoint_auth_methods_supported": ["none"],
        "revocation_endpoint_auth_methods_supported": ["none"],
        "backchannel_token_delivery_modes_supported": ["poll"],
        "backchannel_user_code_parameter_supported": False,
        "scopes_supported": list(SCOPE_CLAIMS),
        "claims_supported": list(dict.fromkeys([*ID_TOKEN_CLAIMS, *user_claims])),
        "claim_types_supported": ["normal"],
        "request_parameter_supported": False,
        "claims_parameter_supported": False,
        "simulator": True,
    }
