"""What residents are told about the outbox (the GUI shows these; Qt-free)."""

from __future__ import annotations

from kiosk.core.text import Text

OFFLINE_BANNER = Text(
    "Đang mất kết nối mạng – hồ sơ vẫn được lưu và sẽ tự gửi khi có mạng",
    "The network is down – applications are still saved and will be sent automatically",
)
QUEUED = Text(
    "Hồ sơ đã được lưu an toàn với mã tạm {ref}. Máy sẽ tự gửi khi có mạng; "
    "bác không cần làm gì thêm.",
    "Your application is safely saved as {ref}. It will be sent automatically when the "
    "network is back; there is nothing more to do.",
)
SENT = Text(
    "Hồ sơ đã được gửi. Mã hồ sơ: {code}.",
    "The application was sent. Application code: {code}.",
)
REJECTED = Text(
    "Cổng dịch vụ công chưa nhận hồ sơ {ref}. Xin nhờ tình nguyện viên xem giúp.",
    "The portal did not accept application {ref}. Please ask a volunteer to look at it.",
)
