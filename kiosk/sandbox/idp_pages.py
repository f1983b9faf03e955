"""The simulated phone's page: ``/oidc/device``, the device flow's verification_uri.

Scanning the kiosk's QR code (``verification_uri_complete``) with any phone in
a demo opens this small Vietnamese page: it says it is a simulator, shows the
user code, and lets one of the fictional citizens approve or decline (a form
POST back to ``/oidc/device``, answered through the same checks and guessing
defence as ``POST /_sandbox/approve``). It never says whether a code exists
before the form is sent. Pure functions (HTML text); any request thread.
"""

from __future__ import annotations

import re
from html import escape

from kiosk.core.text import Text
from kiosk.sandbox.citizens import CITIZENS, default_approver
from kiosk.sandbox.pages import page

PHONE_NOTE = Text(
    "Đây là điện thoại mô phỏng của nhà cung cấp định danh thử nghiệm, không phải VNeID thật. "
    "Mọi công dân ở đây đều là hư cấu.",
    "This is the sandbox identity provider's simulated phone, not the real VNeID. "
    "Every citizen here is fictional.",
)
TITLE = Text("Đăng nhập trên điện thoại (mô phỏng)", "Log in on the phone (simulated)")
CODE_LABEL = Text("Mã đăng nhập hiện trên máy kiosk", "The login code on the kiosk's screen")
WHO_LABEL = Text("Đăng nhập với tư cách", "Log in as")
LEVEL = Text("mức {level}", "level {level}")
APPROVE = Text("Đồng ý đăng nhập", "Approve the login")
DENY = Text("Từ chối", "Decline")
APPROVED = Text(
    "Đã đồng ý. Máy kiosk sẽ tiếp tục trong giây lát.",
    "Approved. The kiosk will go on in a moment.",
)
DENIED = Text("Đã từ chối đăng nhập.", "The login was declined.")
_NOT_DIGITS = re.compile(r"\D+")


def device_page(user_code: str) -> str:
    """The approve-or-decline form, the code filled in when the address carried one."""
    digits = _NOT_DIGITS.sub("", user_code)[:9]
    shown = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}" if len(digits) == 9 else ""
    chosen = default_approver().number
    options = "".join(
        f'<option value="{escape(c.number)}"{" selected" if c.number == chosen else ""}>'
        f"{escape(c.name)} ({escape(LEVEL('vi', level=c.level))})</option>"
        for c in CITIZENS
    )
    title = TITLE("vi")
    form = (
        '<form method="post" action="/oidc/device">'
        f'<label for="user_code">{escape(CODE_LABEL("vi"))}</label>'
        f'<input id="user_code" name="user_code" value="{escape(shown)}" required '
        'inputmode="numeric" autocomplete="off">'
        f'<label for="citizen">{escape(WHO_LABEL("vi"))}</label>'
        f'<select id="citizen" name="citizen">{options}</select>'
        f'<button type="submit" name="answer" value="approve">{escape(APPROVE("vi"))}</button> '
        f'<button type="submit" name="answer" value="deny">{escape(DENY("vi"))}</button>'
        "</form>"
    )
    return page(title, f"<h1>{escape(title)}</h1>{form}", note=PHONE_NOTE)


def answered_page(denied: bool) -> str:
    return result_page(DENIED if denied else APPROVED)


def result_page(message: Text) -> str:
    """What the phone shows after the form: done, or why not (a control's message)."""
    title = TITLE("vi")
    return page(title, f"<h1>{escape(title)}</h1><p>{escape(message('vi'))}</p>", note=PHONE_NOTE)
