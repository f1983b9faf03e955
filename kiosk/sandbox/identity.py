"""The demo identity provider's metadata (OpenID Connect discovery).

``GET /.well-known/openid-configuration`` names the endpoints a VNeID-style
login uses: device authorization (QR login, RFC 8628), CIBA backchannel
authentication (push to the resident's phone), token, JWKS, revocation and
userinfo, all on this server. The endpoints themselves come with the login
issue; until then they answer 501 with a JSON message (:data:`ENDPOINTS`).
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


def metadata(issuer: str) -> dict[str, Any]:
    """Discovery document for the issuer at ``issuer`` (no trailing slash)."""
    return {
        "issuer": issuer,
        **{name: issuer + path for name, path in ENDPOINTS.items()},
        "grant_types_supported": [
            "urn:ietf:params:oauth:grant-type:device_code",
            "urn:openid:params:grant-type:ciba",
            "refresh_token",
        ],
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["none"],
        "backchannel_token_delivery_modes_supported": ["poll"],
        "backchannel_user_code_parameter_supported": False,
        "scopes_supported": ["openid", "profile", "phone", "address"],
        "claims_supported": ["sub", "name", "birthdate", "gender", "phone_number", "address"],
        "simulator": True,
    }
