"""Proving who a resident is with their own phone (VNeID-style OpenID Connect), Qt-free.

* :mod:`~kiosk.identity.person`: the typed :class:`~kiosk.identity.person.Identity`
  a login (or the CCCD card's QR code) yields, and the answers it fills in;
* :mod:`~kiosk.identity.claims`: the provider's claim names → an Identity
  (``[identity.claims]`` in the configuration);
* :mod:`~kiosk.identity.cccd_card`: the chip-based CCCD card's QR code;
* :mod:`~kiosk.identity.address_text`: an address written out → the form's address answer;
* :mod:`~kiosk.identity.client_key`: the kiosk's key pair for ``private_key_jwt``;
* :mod:`~kiosk.identity.oidc` and :mod:`~kiosk.identity.tokens`: the protocol
  (discovery, device flow, CIBA, token, userinfo, revocation) and token checks;
* :mod:`~kiosk.identity.login`: one login as the screens drive it, a poll at a time.

Tokens live in memory only; nothing here writes to disk or logs personal data.
"""
