"""The human status page behind the receipt's QR code: ``GET /tra-cuu/{code}``.

A resident (or a relative) scans the QR on the receipt with a phone and sees,
in Vietnamese, where the application stands and its history. Small, UTF-8,
no scripts, readable on a small screen. Everything interpolated is escaped.
:func:`page` is the frame the identity provider's simulated phone page
(:mod:`kiosk.sandbox.idp_pages`) shares. Pure functions; any request thread.
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from kiosk.core.text import Text
from kiosk.sandbox.store import HistoryEvent, Status, StoredApplication

TITLE = Text("Tra cứu hồ sơ {code}", "Application {code}")
SIMULATOR = Text(
    "Đây là cổng dịch vụ công thử nghiệm (mô phỏng), không phải cổng thật.",
    "This is a sandbox (simulated) public-service portal, not the real one.",
)
NOT_FOUND = Text(
    "Không tìm thấy hồ sơ có mã “{code}”. Ông/bà vui lòng kiểm tra lại mã trên giấy biên nhận.",
    "No application has the code “{code}”. Please check the code on the receipt.",
)
NOT_SENT = Text(
    "Hồ sơ có mã tạm “{ref}” chưa đến cổng dịch vụ công. Máy ở nhà văn hóa sẽ tự gửi khi có "
    "mạng; ông/bà vui lòng xem lại sau. Nếu đã lâu, xin hỏi tình nguyện viên ở nhà văn hóa.",
    "Application “{ref}” (the kiosk's temporary reference) has not reached the portal yet. "
    "The kiosk sends it when the network is back; please check again later, or ask a volunteer.",
)
CURRENT = Text("Trạng thái hiện tại", "Current status")
PROCEDURE = Text("Thủ tục", "Procedure")
RECEIVED = Text("Ngày tiếp nhận", "Received")
APPOINTMENT = Text("Ngày hẹn trả kết quả", "Appointment date")
HISTORY = Text("Quá trình xử lý", "History")
LOOKUP = Text("Tra cứu hồ sơ", "Look up an application")
CODE_LABEL = Text(
    "Mã hồ sơ (in trên giấy biên nhận, ví dụ H99.01.01-261122-0001)",
    "Application code (printed on the receipt, e.g. H99.01.01-261122-0001)",
)
SEARCH = Text("Tra cứu", "Look up")

STYLE = (
    "body{font-family:'Noto Sans','DejaVu Sans',Arial,sans-serif;font-size:20px;"
    "line-height:1.5;color:#111;background:#fff;margin:1em;max-width:40em}"
    "h1{font-size:1.4em}.status{font-size:1.3em;font-weight:bold;color:#064}"
    ".note{background:#fff3c4;padding:.5em;border-left:6px solid #a60}"
    "li{margin:.4em 0}label{display:block;margin:.5em 0}"
    "input,button{font-size:1em;padding:.5em;min-height:2.5em}input{width:100%}"
    "button{margin-top:.5em;min-width:8em}"
)


def page(title: str, body: str, *, note: Text = SIMULATOR) -> str:
    """A whole small page: ``note`` (it is a simulator) on top, then ``body`` (HTML)."""
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f'<body><p class="note">{escape(note("vi"))}</p>{body}</body></html>\n'
    )


def _day(value: date) -> str:
    return f"{value:%d/%m/%Y}"


def _moment(value: datetime) -> str:
    return f"{value:%H:%M} ngày {value:%d/%m/%Y}"


def status_page(app: StoredApplication, procedure_name: str, history: list[HistoryEvent]) -> str:
    current = history[-1].status if history else Status.RECEIVED
    steps = "".join(
        f"<li><b>{escape(_moment(e.at))}</b>: {escape(e.status.label('vi'))}. "
        f"{escape(e.status.note('vi'))}</li>"
        for e in history
    )
    title = TITLE("vi", code=app.code)
    body = (
        f"<h1>{escape(title)}</h1>"
        f'<p>{escape(CURRENT("vi"))}: <span class="status">{escape(current.label("vi"))}</span></p>'
        f"<p>{escape(PROCEDURE('vi'))}: {escape(procedure_name)}</p>"
        f"<p>{escape(RECEIVED('vi'))}: {escape(_moment(app.received_at))}<br>"
        f"{escape(APPOINTMENT('vi'))}: <b>{escape(_day(app.appointment_date))}</b></p>"
        f"<h2>{escape(HISTORY('vi'))}</h2><ol>{steps}</ol>"
    )
    return page(title, body)


def not_found_page(code: str) -> str:
    title = TITLE("vi", code=code)
    return page(title, f"<h1>{escape(title)}</h1><p>{escape(NOT_FOUND('vi', code=code))}</p>")


def lookup_page() -> str:
    """A form where a code can be typed in (``GET /tra-cuu?ma=CODE``)."""
    title = LOOKUP("vi")
    form = (
        '<form method="get" action="/tra-cuu">'
        f'<label for="ma">{escape(CODE_LABEL("vi"))}</label>'
        '<input id="ma" name="ma" required autocomplete="off" autocapitalize="characters">'
        f'<button type="submit">{escape(SEARCH("vi"))}</button></form>'
    )
    return page(title, f"<h1>{escape(title)}</h1>{form}")


def not_sent_page(ref: str) -> str:
    """For a local reference (mã tạm) the portal has not received (yet)."""
    title = TITLE("vi", code=ref)
    return page(title, f"<h1>{escape(title)}</h1><p>{escape(NOT_SENT('vi', ref=ref))}</p>")
