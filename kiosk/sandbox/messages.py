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
