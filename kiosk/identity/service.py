"""The kiosk's login service: the configured provider, its two ways of login, their limits.

Built once with the application context when ``[identity] issuer`` is set (in
demo and training mode: the embedded sandbox's provider). ``provider()``
fetches the discovery document (blocking: the identify screen asks on a
worker) and says which ways the provider offers; :meth:`device_login` and
:meth:`ciba_login` make one login each. Thread-safe.
"""

from __future__ import annotations

import time

from kiosk.config import IdentitySection
from kiosk.core.errors import BadInput
from kiosk.core.text import Text
from kiosk.identity.client_key import ClientKey
from kiosk.identity.login import CibaLogin, Clock, DeviceLogin, RequestLimit
from kiosk.identity.oidc import OidcClient, ProviderInfo

TOO_MANY = Text(
    "Số định danh này đã được gửi yêu cầu nhiều lần. Bác chờ 10 phút rồi thử lại, "
    "hoặc đăng nhập bằng mã QR.",
    "This ID number has had several requests already. Please wait 10 minutes and try "
    "again, or log in with the QR code.",
)


class TooManyRequests(BadInput):
    resident_message = TOO_MANY


class IdentityService:
    def __init__(self, settings: IdentitySection, key: ClientKey | None = None,
                 clock: Clock = time.monotonic) -> None:
        self.settings = settings
        self.client = OidcClient(settings, key)
        self.clock = clock
        self.limit = RequestLimit(clock=clock)

    def provider(self) -> ProviderInfo:
        """Worker thread: what the provider offers (its discovery document, cached)."""
        return self.client.provider()

    def device_login(self) -> DeviceLogin:
        return DeviceLogin(self.client, self.settings.claims, self.clock)

    def ciba_login(self, id_number: str) -> CibaLogin:
        """A login approved on the phone of ``id_number``; :class:`TooManyRequests` after
        three for that number within ten minutes."""
        if not self.limit.allow(id_number):
            raise TooManyRequests("too many backchannel requests for one ID number")
        return CibaLogin(self.client, self.settings.claims, id_number, self.clock)

    def close(self) -> None:
        self.client.close()
