"""Words that several screens share, each defined once (GUI thread or any: plain data).

A sentence used by one screen lives in that screen's module; one that two or
more use (the top bar's "Nhờ tình nguyện viên" and the welcome page's, the
keypads' "Xóa") lives here, so both always say the same thing.
"""

from __future__ import annotations

from kiosk.core.text import Text

BACK = Text("Quay lại", "Back")
CONTINUE = Text("Tiếp tục", "Continue")
DONE = Text("Xong", "Done")
UNDERSTOOD = Text("Đã hiểu", "OK")
ASK_VOLUNTEER = Text("Nhờ tình nguyện viên", "Ask a volunteer")
FOR_VOLUNTEERS = Text("Dành cho tình nguyện viên", "For volunteers")
CHECK_APPLICATION = Text("Tra cứu hồ sơ", "Check an application")
LOADING_LIST = Text("Đang tải danh sách…", "Loading the list…")
DELETE_KEY = Text("Xóa", "Delete")
CLEAR_KEY = Text("Xóa hết", "Clear")
CLEAR_NAME = Text("Xóa hết ô này", "Clear this box")
LETTER_NAME = Text("Chữ {letter}", "Letter {letter}")
DIGIT_NAME = Text("Số {digit}", "Digit {digit}")
TRY_AGAIN = Text("Thử lại", "Try again")
CANCEL = Text("Huỷ", "Cancel")
LOGIN_TROUBLE = Text("Gặp khó khăn khi đăng nhập?", "Trouble logging in?")
FEE = Text("Lệ phí", "Fee")
FREE = Text("Miễn phí", "Free")
FEE_AMOUNT = Text("{amount} đồng", "{amount} VND")
VIETNAMESE = Text("Tiếng Việt", "Tiếng Việt")
ENGLISH = Text("English", "English")
LARGE_TEXT = Text("Chữ to hơn", "Larger text")
STANDARD_TEXT = Text("Chữ cỡ thường", "Standard text")
HIGH_CONTRAST = Text("Tương phản cao", "High contrast")
NORMAL_COLOURS = Text("Màu thường", "Normal colours")
