"""What the sandbox portal's endpoints say, in Vietnamese (``message``) and English
(``message_en``). Immutable; read from any request thread."""

from __future__ import annotations

from kiosk.core.text import Text

NO_KEY = Text(
    "Thiếu tiêu đề Idempotency-Key (bắt buộc khi nộp hồ sơ).",
    "The Idempotency-Key header is required to submit an application.",
)
BAD_KEY = Text(
    "Idempotency-Key quá dài (tối đa {limit} ký tự).",
    "The Idempotency-Key is too long (at most {limit} characters).",
)
BAD_JSON = Text(
    "Nội dung yêu cầu không phải là JSON hợp lệ (UTF-8) dạng đối tượng.",
    "The request body is not a valid JSON object (UTF-8).",
)
CONFLICT = Text(
    "Idempotency-Key này đã được dùng cho một hồ sơ khác.",
    "This Idempotency-Key was already used for a different application.",
)
MISSING_FIELD = Text(
    "Thiếu trường “{field}” hoặc trường này không phải là chuỗi ký tự.",
    "The field “{field}” is missing or is not a string.",
)
BAD_TIMESTAMP = Text(
    "Trường “{field}” phải là thời điểm theo ISO 8601, ví dụ 2026-11-22T09:30:00+07:00.",
    "The field “{field}” must be an ISO 8601 time, e.g. 2026-11-22T09:30:00+07:00.",
)
UNKNOWN_CODE = Text("Không tìm thấy hồ sơ có mã “{code}”.", "No application has the code “{code}”.")
DOWN = Text(
    "Cổng dịch vụ công đang tạm ngừng (mô phỏng sự cố).",
    "The portal is down (simulated fault).",
)
FAILED = Text("Lỗi máy chủ (mô phỏng sự cố).", "Server error (simulated fault).")
BAD_FIELD = Text("Trường không hợp lệ: {problem}", "Invalid field: {problem}")
BAD_STATUS = Text(
    "Trạng thái “{value}” không hợp lệ; dùng một trong: {known}.",
    "Unknown status “{value}”; use one of: {known}.",
)


NO_ROUTE = Text("Không có địa chỉ này.", "No such address.")
NO_METHOD = Text("Phương thức không được hỗ trợ.", "Method not allowed.")

# The identity provider's sandbox controls (/_sandbox/approve, /_sandbox/logins/expire).
UNKNOWN_LOGIN = Text(
    "Không có yêu cầu đăng nhập nào đang chờ với mã này (sai mã hoặc đã hết hạn).",
    "No pending login has this code (wrong code, or it has expired).",
)
TOO_MANY_GUESSES = Text(
    "Nhập sai mã quá nhiều lần. Vui lòng đợi một phút rồi thử lại.",
    "Too many wrong codes. Please wait a minute and try again.",
)
ALREADY_ANSWERED = Text(
    "Yêu cầu đăng nhập này đã được trả lời.",
    "This login request has already been answered.",
)
UNKNOWN_CITIZEN = Text(
    "Không có công dân (mô phỏng) nào có số định danh này.",
    "No (fictional) citizen has this ID number.",
)
WRONG_CITIZEN = Text(
    "Yêu cầu đăng nhập này gửi tới điện thoại của một công dân khác.",
    "This login request was sent to another citizen's phone.",
)
ONE_LOGIN_FIELD = Text(
    "Cần đúng một trong hai trường “user_code” hoặc “auth_req_id” (chuỗi ký tự).",
    "Give exactly one of the fields “user_code” or “auth_req_id” (a string).",
)

# Bodies the portal refuses before reading them as a submission (kiosk/sandbox/bodies.py).
TOO_DEEP = Text(
    "Nội dung JSON lồng nhau quá sâu (tối đa {limit} cấp).",
    "The JSON body is nested too deeply (at most {limit} levels).",
)
DUPLICATE_KEY = Text(
    "Khóa “{key}” xuất hiện hai lần trong cùng một đối tượng JSON.",
    "The key “{key}” appears twice in one JSON object.",
)
BAD_TEXT = Text(
    "Nội dung có chuỗi ký tự không phải Unicode hợp lệ (mã \\u thay thế đứng lẻ).",
    "The body holds text that is not valid Unicode (a lone surrogate \\u escape).",
)
FIELD_TOO_LONG = Text(
    "Trường “{field}” quá dài (tối đa {limit} ký tự).",
    "The field “{field}” is too long (at most {limit} characters).",
)
TOO_MANY_ANSWERS = Text(
    "Hồ sơ có quá nhiều câu trả lời (tối đa {limit}).",
    "The application has too many answers (at most {limit}).",
)
ANSWER_TOO_LONG = Text(
    "Câu trả lời “{field}” quá dài (tối đa {limit} ký tự mỗi đoạn chữ, {items} phần tử).",
    "The answer “{field}” is too long (at most {limit} characters in each text, {items} items).",
)
ANSWER_ID_TOO_LONG = Text(
    "Mã câu hỏi của một câu trả lời quá dài (tối đa {limit} ký tự).",
    "An answer's question id is too long (at most {limit} characters).",
)
BAD_VALUE = Text(
    "Trường “{field}” không đúng kiểu hoặc vượt giới hạn.",
    "The field “{field}” has the wrong type or is out of range.",
)
BAD_KEY_TEXT = Text(
    "Idempotency-Key chỉ được gồm các ký tự ASCII in được.",
    "The Idempotency-Key may hold printable ASCII characters only.",
)

# The HTTP layer (kiosk/sandbox/handler.py): framing, sizes and time limits.
TOO_LARGE = Text("Nội dung yêu cầu quá lớn.", "The request body is too large.")
BAD_LENGTH = Text("Tiêu đề Content-Length không hợp lệ.", "The Content-Length header is invalid.")
LENGTH_REQUIRED = Text(
    "Cần tiêu đề Content-Length; cổng không nhận Transfer-Encoding (chunked).",
    "A Content-Length header is required; Transfer-Encoding (chunked) is not accepted.",
)
INCOMPLETE = Text("Nội dung yêu cầu bị cắt ngang.", "The request body ended early.")
REPEATED_HEADER = Text(
    "Tiêu đề {header} xuất hiện nhiều lần.", "The {header} header appears more than once."
)
BAD_TARGET = Text("Địa chỉ yêu cầu không hợp lệ.", "The request target is not a valid address.")
TIMED_OUT = Text(
    "Yêu cầu đến quá chậm; kết nối đã bị đóng.",
    "The request arrived too slowly; the connection is closed.",
)
BUSY = Text(
    "Cổng thử nghiệm đang có quá nhiều kết nối; vui lòng thử lại sau giây lát.",
    "The sandbox portal has too many connections; try again in a moment.",
)
BAD_HTTP = Text("Yêu cầu HTTP không hợp lệ.", "The request is not valid HTTP.")
LINE_TOO_LONG = Text("Dòng yêu cầu quá dài.", "The request line is too long.")
HEADERS_TOO_LARGE = Text(
    "Các tiêu đề của yêu cầu quá lớn hoặc quá nhiều.",
    "The request's headers are too large or too many.",
)
BAD_VERSION = Text("Phiên bản HTTP không được hỗ trợ.", "This HTTP version is not supported.")
STOPPING = Text("Cổng thử nghiệm đang dừng.", "The sandbox portal is stopping.")
CRASHED = Text("Lỗi máy chủ thử nghiệm.", "Sandbox server error.")
