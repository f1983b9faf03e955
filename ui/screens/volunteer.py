"""The volunteers' screen: receipts waiting to be reprinted, and reprints with the real code.

Reached through the PIN page only. The list comes from the context's
:class:`printing.service.PrintService` (``reprint_list``): each row shows the
application code or local reference, the procedure, when printing failed and
why — never a resident's name — with "In lại" (prints it once; it leaves the
list only when it printed) and "Bỏ" (two taps: a receipt is not thrown away by
a slip of the finger). Below, a box where the volunteer types or scans (a
barcode scanner is a keyboard that ends with Enter) the local reference, or the
status address in the QR code, of a receipt printed while the application was
queued: :meth:`kiosk.receipts.desk.ReceiptDesk.reissue` prints it again with the
portal's code.

GUI thread only: every list, print, discard and reissue runs through
``ui.background.run_in_background``; results that arrive after "Xong" or an
idle wipe are dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.core.errors import KioskError
from kiosk.core.text import Text
from kiosk.receipts.desk import Reissued, ReissueRefused
from printing.backends.base import PrinterState, PrinterStatus, PrintOutcome
from printing.layout import local_time
from printing.reprints import ReprintItem
from printing.service import PrintService
from ui.background import run_in_background
from ui.questions.codepad import CodePad
from ui.screens.base import Screen, clear_layout, make_button, make_label
from ui.screens.keyboard_toggle import KeyboardToggle
from ui.screens.volunteer_pin import MessageBox
from ui.shell import ScreenName, Shell
from ui.theme import Role, set_role
from ui.words import DONE, FOR_VOLUNTEERS, LOADING_LIST

log = logging.getLogger("ui.volunteer")
T = TypeVar("T")

PRINTER_CHECKING = Text("Máy in: đang kiểm tra…", "Printer: checking…")
PRINTER_READY = Text("sẵn sàng", "ready")
PRINTER_LINE = Text("Máy in {name}: {state}", "Printer {name}: {state}")
LIST_TITLE = Text("Biên nhận chờ in lại", "Receipts waiting to be reprinted")
EMPTY = Text("Không có biên nhận nào chờ in lại.", "No receipts are waiting to be reprinted.")
REASONS = {
    PrinterStatus.OUT_OF_PAPER: Text("hết giấy", "out of paper"),
    PrinterStatus.OFFLINE: Text("máy in chưa kết nối", "printer offline"),
    PrinterStatus.MISSING: Text("không thấy máy in", "no printer"),
    PrinterStatus.JAMMED: Text("kẹt giấy", "paper jam"),
    PrinterStatus.ERROR: Text("máy in gặp sự cố", "printer error"),
    PrinterStatus.READY: Text("chưa in", "not printed"),
    PrinterStatus.BUSY: Text("máy in bận", "printer busy"),
}
WORKING = Text("Đang in…", "Printing…")
ROW = Text("{procedure} · chưa in được lúc {time} ({reason})",
           "{procedure} · not printed at {time} ({reason})")
REPRINT = Text("In lại", "Reprint")
DISCARD = Text("Bỏ", "Discard")
DISCARD_AGAIN = Text("Bấm lần nữa để bỏ", "Tap again to discard")
# What a screen reader says: several rows have the same buttons.
ROW_BUTTON_NAME = Text("{action}: biên nhận {ref}", "{action}: receipt {ref}")
REPRINTED = Text("Đã in lại biên nhận {ref}.", "Receipt {ref} was reprinted.")
DISCARDED = Text("Đã bỏ biên nhận {ref} khỏi danh sách.", "Receipt {ref} was removed from the list.")
ONLY_SAVED = Text(
    "Chưa in ra giấy biên nhận {ref}: máy chưa có máy in nên chỉ lưu được thành tệp. "
    "Biên nhận vẫn ở trong danh sách.",
    "Receipt {ref} is not on paper: with no printer it could only be saved as a file. "
    "It stays in the list.")
NOT_PRINTED = Text("Chưa in được biên nhận {ref}: {reason}. Biên nhận vẫn ở trong danh sách.",
                   "Could not print receipt {ref}: {reason}. It stays in the list.")
REISSUE_HEADING = Text("In lại với mã hồ sơ", "Reprint with the application code")
REISSUE_HINT = Text(
    "Hồ sơ lưu trên máy lúc mất mạng nay đã gửi được: nhập mã tham chiếu in trên biên nhận cũ, "
    "hoặc quét mã QR trên biên nhận đó.",
    "An application saved while the network was down has been sent since: type the reference "
    "printed on the old receipt, or scan that receipt's QR code.",
)
REISSUE_FIELD = Text("Mã tham chiếu", "Reference")
REISSUE = Text("In với mã hồ sơ", "Print with the code")
REISSUE_EMPTY = Text("Bạn nhập mã tham chiếu trước đã.", "Please type the reference first.")
REISSUED = Text("Đã in biên nhận của hồ sơ {ref} với mã hồ sơ {code}.",
                "The receipt of {ref} was printed with the application code {code}.")
TROUBLE = Text("Có lỗi khi in. Bạn thử lại, hoặc báo kỹ thuật viên.",
               "Something went wrong while printing. Try again, or tell the technician.")


class VolunteerScreen(Screen):
    name = ScreenName.VOLUNTEER

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.items: list[ReprintItem] = []
        self.generation = 0  # bumped by wipe: late results are dropped
        self.busy = False
        self.loading = False
        self.armed_discard: str | None = None
        heading = make_label(Role.TITLE)
        self.text(heading, FOR_VOLUNTEERS)
        list_heading = make_label(Role.HEADING)
        self.text(list_heading, LIST_TITLE)
        self.result = MessageBox("volunteer-result")
        rows = QWidget()
        self.rows = QVBoxLayout(rows)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.printer = make_label(Role.CAPTION)
        self.printer.setObjectName("printer-state")
        for widget in (heading, self.printer, self.result, list_heading, rows):
            self.body.addWidget(widget)
        self.body.addStretch(1)
        # In the fixed area: the box a scanner types into is always in view.
        for widget in self._reissue_part():
            self.dock.addWidget(widget)
        self.dock_area.show()
        self.done = make_button(Role.SECONDARY, "volunteer-done")
        self.text(self.done, DONE)
        self.done.clicked.connect(shell.finish)
        self.place_actions(self.done)

    def _reissue_part(self) -> list[QWidget]:
        heading = make_label(Role.HEADING)
        self.text(heading, REISSUE_HEADING)
        hint = make_label(Role.HINT)
        self.text(hint, REISSUE_HINT)
        self.ref_label = make_label()
        self.text(self.ref_label, REISSUE_FIELD)
        self.ref = QLineEdit()
        self.ref.setObjectName("reissue-ref")
        self.ref.returnPressed.connect(self.reissue)
        self.ref_label.setBuddy(self.ref)
        self.keyboard = KeyboardToggle(self, self.ref, "reissue-keyboard", make=CodePad)
        self.reissue_button = make_button(Role.PRIMARY, "reissue")
        self.text(self.reissue_button, REISSUE)
        self.reissue_button.clicked.connect(self.reissue)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.ref, 1)
        line.addWidget(self.keyboard.button)
        line.addWidget(self.reissue_button)
        return [heading, hint, self.ref_label, row]

    @property
    def service(self) -> PrintService:
        return self.shell.context.printing

    # -- the list ------------------------------------------------------------------
    def on_enter(self) -> None:
        super().on_enter()
        self._check_printer()
        self.ref.setFocus()  # a barcode scanner types into the focused box
        self.load()

    def _check_printer(self) -> None:
        """What the printer says now (a volunteer sees a bad [printer] setting here)."""
        service = self.service
        generation = self.generation
        self.printer.setText(PRINTER_CHECKING(self.lang))

        def show(state: PrinterState) -> None:
            if generation != self.generation:
                return
            words = (PRINTER_READY if state.status.can_print else
                     REASONS.get(state.status, REASONS[PrinterStatus.ERROR]))(self.lang)
            detail = f" ({'; '.join(state.reasons)})" if state.reasons else ""
            self.printer.setText(PRINTER_LINE(self.lang, name=state.printer or service.backend.name,
                                              state=words) + detail)

        run_in_background(service.state, show, lambda exc: log.warning(
            "printer state: %s", type(exc).__name__), owner=self)

    def load(self) -> None:
        self._show_rows(None)
        self._background(self.service.reprint_list, self._show_rows)

    def refresh(self) -> None:
        """Re-render (language, text size) from what is already loaded: no I/O."""
        self.ref.setAccessibleName(REISSUE_FIELD(self.lang))
        self.keyboard.retranslate(self.lang)
        self._render_rows()

    def _show_rows(self, items: list[ReprintItem] | None) -> None:
        """``None``: still loading."""
        self.loading = items is None
        self.items = items or []
        self.armed_discard = None
        self._render_rows()

    def _render_rows(self) -> None:
        clear_layout(self.rows)
        if self.loading or not self.items:
            empty = make_label(Role.HINT)
            empty.setObjectName("reprint-empty")
            empty.setText((LOADING_LIST if self.loading else EMPTY)(self.lang))
            self.rows.addWidget(empty)
        for item in self.items:
            self.rows.addWidget(self._row(item))
        self._enable()

    def _row(self, item: ReprintItem) -> QWidget:
        row = QFrame()
        row.setObjectName(f"reprint-row-{item.id}")
        set_role(row, Role.PANEL)
        line = QHBoxLayout(row)
        line.setContentsMargins(32, 12, 16, 12)
        line.setSpacing(16)
        text = QWidget()
        column = QVBoxLayout(text)
        column.setContentsMargins(0, 0, 0, 0)
        ref = make_label()
        ref.setText(item.reference)
        ref.setStyleSheet("font-weight: bold;")
        what = make_label(Role.CAPTION)
        when = local_time(item.failed_at)
        reason = REASONS.get(item.reason, REASONS[PrinterStatus.ERROR])(self.lang)
        what.setText(ROW(self.lang, procedure=item.receipt.procedure_name,
                         time=f"{when:%H:%M %d/%m/%Y}", reason=reason))
        column.addWidget(ref)
        column.addWidget(what)
        reprint = self._row_button(f"reprint-{item.id}", REPRINT, item.reference,
                                   lambda: self.reprint(item))
        armed = self.armed_discard == item.id
        discard = self._row_button(f"discard-{item.id}", DISCARD_AGAIN if armed else DISCARD,
                                   item.reference, lambda: self.discard(item))
        line.addWidget(text, 1)
        line.addWidget(reprint)
        line.addWidget(discard)
        return row

    def _row_button(self, name: str, text: Text, ref: str,
                    action: Callable[[], None]) -> QPushButton:
        button = make_button(Role.SECONDARY, name)
        button.setText(text(self.lang))
        button.setAccessibleName(ROW_BUTTON_NAME(self.lang, action=text(self.lang), ref=ref))
        button.setProperty("row_action", True)
        button.clicked.connect(action)
        return button

    # -- actions ---------------------------------------------------------------------
    def reprint(self, item: ReprintItem) -> None:
        service = self.service
        if self.busy:
            return
        self.armed_discard = None
        self._say(WORKING(self.lang), error=False)
        self._background(lambda: service.reprint(item.id),
                         lambda outcome: self._printed(item.reference, outcome))

    def discard(self, item: ReprintItem) -> None:
        service = self.service
        if self.busy:
            return
        if self.armed_discard != item.id:  # the first tap asks for a second one
            self.armed_discard = item.id
            self._render_rows()
            return
        self.armed_discard = None
        self._background(lambda: service.discard(item.id),
                         lambda _: self._acted(DISCARDED(self.lang, ref=item.reference)))

    def reissue(self) -> None:
        desk = self.shell.context.receipts
        typed = self.ref.text().strip()
        if self.busy:
            return
        if not typed:
            self._say(REISSUE_EMPTY(self.lang), error=True)
            return
        self._say(WORKING(self.lang), error=False)
        self._background(lambda: desk.reissue(typed), self._reissued)

    def _reissued(self, result: Reissued) -> None:
        if result.outcome.on_paper:
            self.ref.clear()
            self._acted(REISSUED(self.lang, ref=result.ref, code=result.code))
        else:
            self._printed(result.code, result.outcome)

    def _printed(self, ref: str, outcome: PrintOutcome) -> None:
        if outcome.on_paper:
            self._acted(REPRINTED(self.lang, ref=ref))
            return
        if outcome.ok:  # saved as a file only
            self._acted(ONLY_SAVED(self.lang, ref=ref), error=True)
            return
        reason = REASONS.get(outcome.status, REASONS[PrinterStatus.ERROR])(self.lang)
        self._acted(NOT_PRINTED(self.lang, ref=ref, reason=reason), error=True)

    def _acted(self, message: str, error: bool = False) -> None:
        self._say(message, error)
        self.load()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ReissueRefused):
            self._say(exc.text(self.lang, ref=exc.ref), error=True)  # input kept: fix a typo
        else:
            if not isinstance(exc, KioskError):
                log.warning("volunteers' screen: %s", type(exc).__name__)
            self._say(TROUBLE(self.lang), error=True)
        self.load()

    # -- plumbing ------------------------------------------------------------------------
    def _background(self, work: Callable[[], T], done: Callable[[T], None]) -> None:
        generation = self.generation
        self.busy = True
        self._enable()

        def deliver(result: T) -> None:
            if generation == self.generation:
                self.busy = False
                done(result)

        def fail(exc: BaseException) -> None:
            if generation == self.generation:
                self.busy = False
                self._failed(exc)

        run_in_background(work, deliver, fail, owner=self)

    def _enable(self) -> None:
        """One job at a time: every action waits while one runs."""
        for button in self.findChildren(QPushButton):
            if button.property("row_action") or button is self.reissue_button:
                button.setEnabled(not self.busy)

    def _say(self, message: str, error: bool) -> None:
        self.result.say(message, error)

    def wipe(self) -> None:
        """Forget what was typed and shown (late results are dropped)."""
        self.generation += 1
        self.busy = False
        self.ref.clear()
        self.keyboard.wipe()
        self.items = []
        self.loading = False
        self.armed_discard = None
        self._say("", error=False)
        clear_layout(self.rows)
