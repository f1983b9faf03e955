"""Confirmation: the application code in very large type, what happens next, the receipt.

A sent application shows the portal's code (mã hồ sơ) and the appointment
date; a queued one (no network) shows the kiosk's local reference and says it
will go by itself when the network returns. "In biên nhận" prints the
receipt the context's receipt desk words from the outbox's record, through the
context's print service (a receipt that does not print waits, encrypted, in the
volunteers' reprint list); "Xong" wipes the session and returns to the welcome
screen.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout

from forms.engine import display_delivery
from kiosk.core.text import Text
from kiosk.outbox.records import OutboxRecord, RecordStatus
from ui.printing_widgets import PrintPanel
from ui.screens.base import Screen, make_button, make_label
from ui.session import Session
from ui.shell import ScreenName, Shell
from ui.theme import Role, repolish, set_role
from ui.words import DONE

SENT = Text("Đã gửi hồ sơ thành công", "Application sent")
CODE = Text("Mã hồ sơ của bác", "Your application code")
QUEUED = Text("Hồ sơ đã được lưu trên máy", "Application saved on this kiosk")
REF = Text("Số tham chiếu", "Reference number")
QUEUED_NEXT = Text(
    "Máy đang mất kết nối mạng. Hồ sơ sẽ tự gửi khi có mạng; bác không cần làm gì thêm. "
    "Bác có thể tra cứu hồ sơ bằng số tham chiếu này.",
    "The kiosk is offline. The application will be sent by itself when the network returns; "
    "there is nothing else to do. You can check it with this reference number.",
)
REJECTED = Text("Cổng dịch vụ công chưa nhận hồ sơ", "The portal did not accept the application")
REJECTED_NEXT = Text(
    "Bác vui lòng nhờ tình nguyện viên xem lại hồ sơ cùng bác.",
    "Please ask a volunteer to look at the application with you.",
)
NEXT = Text("Tiếp theo", "What happens next")
APPOINTMENT = Text(
    "Cán bộ sẽ xem hồ sơ. Ngày hẹn trả kết quả: {date}.",
    "An officer will review your application. Result due by: {date}.",
)
DAYS = Text(
    "Cán bộ sẽ xem hồ sơ trong {days} ngày làm việc.",
    "An officer will review it within {days} working days.",
)
SAME_DAY = Text("Cán bộ sẽ xem hồ sơ trong ngày.", "An officer will review it the same day.")
RESULT = Text("Cách nhận kết quả: {how}.", "How you get the result: {how}.")
HOTLINE = Text("Cần hỏi thêm, bác gọi đường dây nóng {hotline}.", "Questions? Call {hotline}.")
PRINT = Text("In biên nhận", "Print the receipt")


class ConfirmationScreen(Screen):
    name = ScreenName.CONFIRMATION

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.panel = QFrame()
        self.panel.setObjectName("confirmation-panel")
        self.panel.setProperty("role", "panel")
        inner = QVBoxLayout(self.panel)
        inner.setContentsMargins(40, 28, 40, 28)
        self.title = make_label(Role.HEADING)
        self.title.setObjectName("outcome")
        self.code_caption = make_label()
        self.code = make_label(Role.CODE)
        self.code.setObjectName("application-code")
        self.code.setTextInteractionFlags(self.code.textInteractionFlags())
        for widget in (self.title, self.code_caption, self.code):
            inner.addWidget(widget)
        self.body.addWidget(self.panel)
        self.next_heading = make_label(Role.HEADING)
        self.text(self.next_heading, NEXT)
        self.next_text = make_label()
        self.next_text.setObjectName("next-steps")
        for widget in (self.next_heading, self.next_text):
            self.body.addWidget(widget)
        self.body.addStretch(1)
        self.done = make_button(Role.SECONDARY, "done")
        self.text(self.done, DONE)
        self.done.clicked.connect(shell.finish)
        self.print = make_button(Role.PRIMARY, "print-receipt")
        self.text(self.print, PRINT)
        self.print.clicked.connect(self._print)
        self.panel_print: PrintPanel | None = None
        self.place_actions(self.done, self.print)

    def refresh(self) -> None:
        session = self.shell.session
        record = session.record if session is not None else None
        if session is None or record is None:
            return
        lang = self.lang
        set_role(self.panel, Role.SUCCESS if record.code else Role.PANEL)
        for label in (self.title, self.code_caption, self.code):
            repolish(label)
        if record.code:
            self.title.setText(SENT(lang))
            self.code_caption.setText(CODE(lang))
            self.code.setText(record.code)
        else:
            rejected = record.status is RecordStatus.REJECTED
            self.title.setText((REJECTED if rejected else QUEUED)(lang))
            self.code_caption.setText(REF(lang))
            self.code.setText(record.ref)
        self.code.setAccessibleName(f"{self.code_caption.text()}: {self.code.text()}")
        self.next_text.setText("\n".join(self._next_lines(session, record)))

    def _next_lines(self, session: Session, record: OutboxRecord) -> list[str]:
        lang = self.lang
        if record.status is RecordStatus.REJECTED:
            return [REJECTED_NEXT(lang), HOTLINE(lang, hotline=self.shell.config.kiosk.hotline)]
        lines = []
        if not record.code:
            lines.append(QUEUED_NEXT(lang))
        if record.appointment_date is not None:
            lines.append(APPOINTMENT(lang, date=record.appointment_date.strftime("%d/%m/%Y")))
        elif session.procedure.processing_days == 0:
            lines.append(SAME_DAY(lang))
        else:
            lines.append(DAYS(lang, days=session.procedure.processing_days))
        if session.flow.delivery:
            lines.append(RESULT(lang, how=display_delivery(session.flow.delivery, lang)))
        lines.append(HOTLINE(lang, hotline=self.shell.config.kiosk.hotline))
        return lines

    def _print(self) -> None:
        session = self.shell.session
        if not self.print.isEnabled() or session is None or session.record is None:
            return
        self.print.setEnabled(False)
        ctx, record = self.shell.context, session.record
        self._drop_panel()
        self.panel_print = PrintPanel(self.lang)
        self.panel_print.setObjectName("print-panel")
        self.panel_print.finished.connect(self._print_done)
        self.body.insertWidget(self.body.indexOf(self.next_text) + 1, self.panel_print)
        self.panel_print.print(lambda: ctx.printing.print_receipt(ctx.receipts.for_record(record)))

    def _print_done(self, _outcome: object) -> None:
        self.print.setEnabled(True)
        if self.panel_print is not None:
            self.scroll_area.ensureWidgetVisible(self.panel_print)

    def _drop_panel(self) -> None:
        panel = self.panel_print
        if panel is not None:
            panel.hide()
            panel.setParent(None)
            panel.deleteLater()
        self.panel_print = None

    def wipe(self) -> None:
        for label in (self.title, self.code_caption, self.code, self.next_text):
            label.setText("")
        self.code.setAccessibleName("")
        self._drop_panel()
        self.print.setEnabled(True)
