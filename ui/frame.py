"""What stays around every page: the place, "Nhờ tình nguyện viên", the mode mark, the banners.

:class:`Frame` is the window's central widget: a top bar (the cultural house's
name, the link that calls a volunteer, the DEMO / TẬP HUẤN mark), the offline
banner, the help panel that link opens, and below them the stack of pages.
It owns no state of the session; the window tells it what to show. GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.config import KioskSection
from kiosk.core.mode import Mode
from kiosk.core.text import Text
from kiosk.outbox.messages import OFFLINE_BANNER
from ui.screens.base import make_button, make_label
from ui.theme import Role
from ui.words import (
    ASK_VOLUNTEER,
    ENGLISH,
    FOR_VOLUNTEERS,
    LARGE_TEXT,
    STANDARD_TEXT,
    UNDERSTOOD,
    VIETNAMESE,
)

MARKS = {
    Mode.DEMO: Text("DEMO – dữ liệu thử", "DEMO – practice data"),
    Mode.TRAINING: Text("TẬP HUẤN", "TRAINING"),
}
TOP_MARGIN = 48  # the top bar's sides (narrower when large text needs the room)
HELP_COMING = Text(
    "Tình nguyện viên đang đến giúp bác. Bác cứ giữ nguyên trang này.",
    "A volunteer is coming to help you. Please stay on this page.",
)


class Frame(QWidget):
    def __init__(self, kiosk: KioskSection, mode: Mode) -> None:
        super().__init__()
        self.setObjectName("page")
        self.kiosk = kiosk
        self.mode = mode
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        top = QWidget()
        self.top = top
        top.setObjectName("top-bar")
        top.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        row = QHBoxLayout(top)
        row.setContentsMargins(TOP_MARGIN, 8, TOP_MARGIN, 0)
        self.place = make_label(Role.CAPTION)
        self.place.setObjectName("kiosk-place")
        self.place.setWordWrap(False)  # one line, or not at all (:meth:`fit`)
        self.mark = make_label(Role.MARK)
        self.mark.setObjectName("mode-mark")
        self.mark.setWordWrap(False)
        self.help = make_button(Role.LINK, "help")
        self.read_aloud = make_button(Role.LINK, "read-aloud")  # ui.read_aloud drives it
        # On every page (the welcome page has its own): the other language, the text size.
        self.language = make_button(Role.LINK, "switch-language")
        self.text_size = make_button(Role.LINK, "switch-text-size")
        for link in (self.read_aloud, self.language, self.text_size, self.help):
            link.setStyleSheet("padding: 0 8px;")  # four links and the mark fit 1280 px
        row.addWidget(self.place, 1)
        row.addStretch(1)  # the links keep to the right when the place's name gives way
        row.addWidget(self.read_aloud)
        row.addWidget(self.language)
        row.addWidget(self.text_size)
        row.addWidget(self.help)
        row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignRight)
        self.banner = make_label(Role.BANNER)
        self.banner.setObjectName("offline-banner")
        self.banner.hide()
        self.stack = QStackedWidget()
        column.addWidget(top)
        column.addWidget(self.banner)
        column.addWidget(self._help_panel())
        column.addWidget(self._notice())
        column.addWidget(self.stack, 1)

    def _help_panel(self) -> QFrame:
        """ "A volunteer is coming", reachable from every page (the top bar's link)."""
        self.help_panel = QFrame()
        self.help_panel.setObjectName("help-panel")
        self.help_panel.setProperty("role", "panel")
        row = QHBoxLayout(self.help_panel)
        row.setContentsMargins(48, 16, 48, 16)
        self.help_text = make_label()
        self.help_ok = make_button(Role.SECONDARY, "help-ok")
        self.help_ok.clicked.connect(self.help_panel.hide)
        self.help_volunteers = make_button(Role.LINK, "for-volunteers")
        row.addWidget(self.help_text, 1)
        row.addWidget(self.help_volunteers)
        row.addWidget(self.help_ok)
        self.help_panel.hide()
        return self.help_panel

    def fit(self) -> None:
        """The place's name gives way when the switches and the mark need the whole row
        (large text on a 1280-pixel screen): what a resident taps never shrinks."""
        row = self.top.layout()
        assert row is not None
        controls = [w for w in (self.read_aloud, self.language, self.text_size, self.help,
                                self.mark) if not w.isHidden()]
        need = sum(w.sizeHint().width() for w in controls) + row.spacing() * len(controls)
        # The name, its spacing and the stretch's beside it.
        place = self.place.fontMetrics().horizontalAdvance(self.place.text()) + 2 * row.spacing()
        wide = need + place + 2 * TOP_MARGIN <= self.width()
        side = TOP_MARGIN if wide else TOP_MARGIN // 3
        row.setContentsMargins(side, 8, side, 0)
        self.place.setVisible(need + place + 2 * side <= self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit()

    def _notice(self) -> QFrame:
        """A sentence for the resident about the kiosk itself (why read-aloud cannot work)."""
        self.notice = QFrame()
        self.notice.setObjectName("notice")
        self.notice.setProperty("role", "panel")
        row = QHBoxLayout(self.notice)
        row.setContentsMargins(48, 16, 48, 16)
        self.notice_text = make_label()
        self.notice_text.setObjectName("notice-text")
        self.notice_ok = make_button(Role.SECONDARY, "notice-ok")
        self.notice_ok.clicked.connect(self.notice.hide)
        row.addWidget(self.notice_text, 1)
        row.addWidget(self.notice_ok)
        self.notice.hide()
        return self.notice

    def tell(self, sentence: str) -> None:
        self.notice_text.setText(sentence)
        self.notice.show()

    def retranslate(self, lang: str, large_text: bool = False) -> None:
        self.place.setText(", ".join(p for p in (self.kiosk.name, self.kiosk.commune) if p))
        mark = MARKS.get(self.mode)
        self.mark.setVisible(mark is not None)
        self.mark.setText(mark(lang) if mark is not None else "")
        self.banner.setText(OFFLINE_BANNER(lang))
        self.help_text.setText(HELP_COMING(lang))
        other = ENGLISH if lang == "vi" else VIETNAMESE
        size = STANDARD_TEXT if large_text else LARGE_TEXT
        for button, text in ((self.help, ASK_VOLUNTEER), (self.help_ok, UNDERSTOOD),
                             (self.notice_ok, UNDERSTOOD),
                             (self.help_volunteers, FOR_VOLUNTEERS), (self.language, other),
                             (self.text_size, size)):
            button.setText(text(lang))
            button.setAccessibleName(text(lang))
        self.fit()
