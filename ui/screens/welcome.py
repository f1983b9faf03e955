"""Welcome: start, check an application, ask a volunteer, language and text size."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout

from kiosk.core.text import Text
from ui.screens.base import Screen, make_button, make_label
from ui.shell import ScreenName, Shell
from ui.theme import Role
from ui.words import (
    ASK_VOLUNTEER,
    CHECK_APPLICATION,
    ENGLISH,
    FOR_VOLUNTEERS,
    HIGH_CONTRAST,
    LARGE_TEXT,
    NORMAL_COLOURS,
    STANDARD_TEXT,
    UNDERSTOOD,
    VIETNAMESE,
)

TITLE = Text("Dịch vụ công trực tuyến", "Online public services")
LEAD = Text(
    "Làm hồ sơ hành chính ngay tại nhà văn hóa. Mỗi trang chỉ hỏi một câu.",
    "Apply for public services right here. Each page asks one question.",
)
START = Text("Bắt đầu", "Start")
VOLUNTEER_COMING = Text(
    "Tình nguyện viên đang đến giúp bác. Bác cứ ngồi nghỉ, không cần làm gì thêm.",
    "A volunteer is coming to help you. Please take a seat; there is nothing else to do.",
)


class WelcomeScreen(Screen):
    name = ScreenName.WELCOME

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        title = make_label(Role.TITLE)
        self.text(title, TITLE)
        self.body.addWidget(title)
        lead = make_label(Role.HINT)
        self.text(lead, LEAD)
        self.body.addWidget(lead)
        self.start = make_button(Role.PRIMARY, "start")
        self.text(self.start, START)
        self.start.clicked.connect(shell.begin_identify)
        self.check = make_button(Role.SECONDARY, "check-application")
        self.text(self.check, CHECK_APPLICATION)
        self.check.clicked.connect(lambda: shell.go(ScreenName.STATUS))
        self.volunteer = make_button(Role.SECONDARY, "ask-volunteer")
        self.text(self.volunteer, ASK_VOLUNTEER)
        self.volunteer.clicked.connect(self._call_volunteer)
        self.waiting = make_label(Role.CAPTION)
        self.waiting.setObjectName("starting-up")
        self.waiting.hide()
        self.body.addWidget(self.waiting)
        for button in (self.start, self.check, self.volunteer):
            self.body.addWidget(button)
        self.panel = QFrame()
        self.panel.setObjectName("volunteer-panel")
        self.panel.setProperty("role", "panel")
        panel_layout = QVBoxLayout(self.panel)
        panel_layout.setContentsMargins(32, 24, 32, 24)
        coming = make_label()
        coming.setObjectName("volunteer-coming")
        self.text(coming, VOLUNTEER_COMING)
        ok = make_button(Role.SECONDARY, "volunteer-ok")
        self.text(ok, UNDERSTOOD)
        ok.clicked.connect(self.panel.hide)
        # Discreet: volunteers know it is there; residents read "Đã hiểu" first.
        volunteers = make_button(Role.LINK, "for-volunteers")
        self.text(volunteers, FOR_VOLUNTEERS)
        volunteers.clicked.connect(shell.open_volunteer_panel)
        panel_layout.addWidget(coming)
        panel_layout.addWidget(ok)
        panel_layout.addWidget(volunteers)
        self.panel.hide()
        self.dock.addWidget(self.panel)  # in the fixed area: in view above the switches
        self.dock_area.show()
        self.body.addStretch(1)
        self._build_switches()

    def _build_switches(self) -> None:
        self.vi = make_button(Role.SECONDARY, "lang-vi")
        self.en = make_button(Role.SECONDARY, "lang-en")
        self.text(self.vi, VIETNAMESE)
        self.text(self.en, ENGLISH)
        for button, lang in ((self.vi, "vi"), (self.en, "en")):
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, lang=lang: self.shell.set_language(lang))
        self.size_switch = make_button(Role.SECONDARY, "large-text")
        self.size_switch.clicked.connect(
            lambda: self.shell.set_large_text(not self.shell.large_text)
        )
        self.contrast = make_button(Role.SECONDARY, "high-contrast")
        self.contrast.clicked.connect(
            lambda: self.shell.set_high_contrast(not self.shell.high_contrast))
        self.action_row.addWidget(self.vi)
        self.action_row.addWidget(self.en)
        self.action_row.addStretch(1)
        self.action_row.addWidget(self.size_switch)
        self.action_row.addWidget(self.contrast)

    def _call_volunteer(self) -> None:
        self.panel.show()
        self.shell.volunteer_called()

    def refresh(self) -> None:
        self.vi.setChecked(self.lang == "vi")
        self.en.setChecked(self.lang == "en")
        label = (STANDARD_TEXT if self.shell.large_text else LARGE_TEXT)(self.lang)
        self.size_switch.setText(label)
        self.size_switch.setAccessibleName(label)
        contrast = (NORMAL_COLOURS if self.shell.high_contrast else HIGH_CONTRAST)(self.lang)
        self.contrast.setText(contrast)
        self.contrast.setAccessibleName(contrast)

    def set_waiting(self, message: str | None) -> None:
        """Say the kiosk is still starting (a tap arrived before the context)."""
        self.waiting.setText(message or "")
        self.waiting.setVisible(bool(message))

    def wipe(self) -> None:
        self.panel.hide()
        self.set_waiting(None)
