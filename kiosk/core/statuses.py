"""The portal's application statuses in plain words (trạng thái hồ sơ), Qt-free.

One vocabulary for everything that shows a status: the kiosk's lookup screen
and the sandbox portal, which plays a real portal's part of it.
"""

from __future__ import annotations

from kiosk.core.text import Text

STATUS_WORDS: dict[str, Text] = {
    "received": Text("Đã tiếp nhận", "Received"),
    "processing": Text("Đang giải quyết", "Being processed"),
    "ready": Text("Đã có kết quả", "Result ready"),
    "returned": Text("Đã trả kết quả", "Result handed over"),
    "rejected": Text("Bị từ chối", "Refused"),
    "supplement": Text("Cần bổ sung giấy tờ", "More papers needed"),
}
