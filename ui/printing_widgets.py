"""Printing widgets: the resident's print panel and the volunteer's reprint list.

* :class:`PrintPanel` prints one receipt through a
  :class:`printing.service.PrintService` and says what happened in words a
  resident understands ("Máy in đang hết giấy – bác nhờ tình nguyện viên hỗ
  trợ"); a receipt that did not print is already in the reprint list.
* :class:`ReprintList` is the volunteer's list of receipts that did not print:
  "In lại" prints one (once; it leaves the list only when it printed), "Bỏ"
  discards it, and typing the local reference of an application sent since
  reprints it with the portal's application code. :class:`ReprintDialog` wraps
  it with a "Đóng" button for the shell's volunteer panel to open.

GUI thread only. Every print, list and reissue runs through
``ui.background.run_in_background``; the widgets never print on the GUI thread
and nothing here ever reprints by itself.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.i18n import Text
from printing.backends.base import MESSAGES, PrinterStatus, PrintOutcome
from printing.layout import local_time
from printing.receipt import Receipt
from printing.reprints import ReprintItem
from printing.service import ReissueRefused, typed_reference
from ui.background import run_in_background
from ui.theme import Role, set_role, sizes

log = logging.getLogger(__name__)

PRINTING = Text("Đang in biên nhận, bác chờ một chút…", "Printing your receipt, please wait…")
PROBLEM = Text("Chưa in được biên nhận", "The receipt could not be printed")
FAILED = Text("Máy in đang gặp sự cố – bác nhờ tình nguyện viên hỗ trợ.",
              "The printer has a problem – please ask a volunteer for help.")
LIST_TITLE = Text("Biên nhận chờ in lại", "Receipts waiting to be reprinted")
EMPTY = Text("Không có biên nhận nào chờ in lại.", "No receipts are waiting to be reprinted.")
REPRINT = Text("In lại", "Reprint")
DISCARD = Text("Bỏ", "Discard")
REPRINTED = Text("Đã in lại biên nhận {ref}.", "Receipt {ref} was reprinted.")
STILL_FAILING = Text("Chưa in lại được {ref}: {reason}", "Could not reprint {ref}: {reason}")
REISSUE_LABEL = Text("In lại với mã hồ sơ: nhập mã tham chiếu trên biên nhận cũ",
                     "Reprint with the application code: type the reference on the old receipt")
REISSUE = Text("In với mã hồ sơ", "Print with the code")
CLOSE = Text("Đóng", "Close")
REASONS = {
    PrinterStatus.OUT_OF_PAPER: Text("hết giấy", "out of paper"),
    PrinterStatus.OFFLINE: Text("máy in chưa kết nối", "printer offline"),
    PrinterStatus.MISSING: Text("không thấy máy in", "no printer"),
    PrinterStatus.JAMMED: Text("kẹt giấy", "paper jam"),
    PrinterStatus.ERROR: Text("máy in gặp sự cố", "printer error"),
    PrinterStatus.READY: Text("chưa in", "not printed"),
    PrinterStatus.BUSY: Text("máy in bận", "printer busy"),
}


def _label(role: Role, name: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    set_role(label, role)
    return label


def _button(role: Role, name: str, text: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text)
    target = sizes().target
    button.setMinimumSize(target * 2, target)  # a finger, not a mouse pointer
    set_role(button, role)
    return button


def _printed_ref(typed: str) -> str:
    try:
        return typed_reference(typed)
    except KioskError:
        return typed.strip().upper()


class PrintPanel(QWidget):
    """Prints one receipt and tells the resident the outcome (``finished`` carries it)."""

    finished = Signal(object)  # PrintOutcome

    def __init__(self, service: Any, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.lang = lang
        self.outcome: PrintOutcome | None = None
        # The frame carries the role (panel / error: a coloured bar on the left);
        # the labels inside stay plain so the bar never covers their first letters.
        self.box = QFrame()
        self.box.setObjectName("print-box")
        set_role(self.box, Role.PANEL)
        inner = QVBoxLayout(self.box)
        inner.setContentsMargins(32, 16, 16, 16)
        self.heading = _label(Role.HEADING, "print-heading")
        self.message = QLabel()
        self.message.setObjectName("print-message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        inner.addWidget(self.heading)
        inner.addWidget(self.message)
        QVBoxLayout(self).addWidget(self.box)
        self.heading.hide()
        self.box.hide()

    @property
    def busy(self) -> bool:
        return self.box.isVisible() and self.outcome is None

    def print_receipt(self, receipt: Receipt) -> None:
        self.outcome = None
        self.heading.hide()
        self._say(PRINTING(self.lang), Role.PANEL)
        run_in_background(lambda: self.service.print_receipt(receipt), self.show_outcome,
                          self._failed, owner=self)

    def show_outcome(self, outcome: PrintOutcome) -> None:
        self.outcome = outcome
        if outcome.ok:
            self.heading.hide()
            self._say(outcome.message(self.lang), Role.PANEL)
        else:
            self.heading.setText(PROBLEM(self.lang))
            self.heading.show()
            self._say(outcome.message(self.lang), Role.ERROR)
        self.finished.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        log.warning("print panel: %s", type(exc).__name__)
        self.show_outcome(PrintOutcome(PrinterStatus.ERROR, type(exc).__name__))

    def _say(self, text: str, role: Role) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(text)
        set_role(self.box, role)
        for label in (self.heading, self.message):  # children follow the frame's new role
            label.style().unpolish(label)
            label.style().polish(label)
        self.box.show()


class ReprintList(QWidget):
    """The volunteer's reprint list. ``refresh()`` reloads it (in the background)."""

    changed = Signal()

    def __init__(self, service: Any, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.lang = lang
        self.items: list[ReprintItem] = []
        layout = QVBoxLayout(self)
        self.title = _label(Role.HEADING, "reprint-title")
        self.title.setText(LIST_TITLE(lang))
        self.status = _label(Role.CAPTION, "reprint-status")
        self.rows = QVBoxLayout()
        body = QWidget()
        body.setLayout(self.rows)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addLayout(self._reissue_bar())

    def _reissue_bar(self) -> QVBoxLayout:
        bar = QVBoxLayout()
        hint = _label(Role.HINT)
        hint.setText(REISSUE_LABEL(self.lang))
        self.ref_input = QLineEdit()
        self.ref_input.setObjectName("reissue-ref")
        self.ref_input.setAccessibleName(REISSUE_LABEL(self.lang))
        set_role(self.ref_input, Role.FIELD)
        self.reissue_button = _button(Role.SECONDARY, "reissue", REISSUE(self.lang))
        self.reissue_button.clicked.connect(self._reissue)
        row = QHBoxLayout()
        row.addWidget(self.ref_input, 1)
        row.addWidget(self.reissue_button)
        bar.addWidget(hint)
        bar.addLayout(row)
        return bar

    # -- loading ------------------------------------------------------------
    def refresh(self) -> None:
        run_in_background(self.service.reprint_list, self._show_items, self._error, owner=self)

    def _show_items(self, items: list[ReprintItem]) -> None:
        self.items = items
        while self.rows.count():
            widget = self.rows.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        if not items:
            empty = _label(Role.CAPTION, "reprint-empty")
            empty.setText(EMPTY(self.lang))
            self.rows.addWidget(empty)
        for item in items:
            self.rows.addWidget(self._row(item))
        self.rows.addStretch(1)
        self.changed.emit()

    def _row(self, item: ReprintItem) -> QWidget:
        row = QWidget()
        row.setObjectName(f"reprint-row-{item.id}")
        layout = QHBoxLayout(row)
        when = local_time(item.failed_at)
        label = _label(Role.CAPTION)
        label.setText(f"{item.reference} · {item.receipt.procedure_name} · "
                      f"{when:%H:%M %d/%m} · {REASONS[item.reason](self.lang)}")
        reprint = _button(Role.PRIMARY, f"reprint-{item.id}", REPRINT(self.lang))
        discard = _button(Role.SECONDARY, f"discard-{item.id}", DISCARD(self.lang))
        reprint.clicked.connect(lambda: self._run(item, self.service.reprint, reprint))
        discard.clicked.connect(lambda: self._run(item, self.service.discard, discard))
        layout.addWidget(label, 1)
        layout.addWidget(reprint)
        layout.addWidget(discard)
        return row

    # -- actions ------------------------------------------------------------
    def _run(self, item: ReprintItem, action: Any, button: QPushButton) -> None:
        button.setEnabled(False)  # one tap, one job
        run_in_background(lambda: action(item.id), lambda result: self._acted(item, result),
                          self._error, owner=self)

    def _acted(self, item: ReprintItem, result: Any) -> None:
        if isinstance(result, PrintOutcome):
            self._report(item.reference, result)
        self.refresh()

    def _reissue(self) -> None:
        ref = self.ref_input.text().strip()
        if not ref:
            return
        self.reissue_button.setEnabled(False)

        def done(outcome: PrintOutcome) -> None:
            self.reissue_button.setEnabled(True)
            self.ref_input.clear()
            self._report(_printed_ref(ref), outcome)
            self.refresh()

        run_in_background(lambda: self.service.reissue(ref), done, self._error, owner=self)

    def _report(self, ref: str, outcome: PrintOutcome) -> None:
        if outcome.ok:
            self.status.setText(REPRINTED(self.lang, ref=ref))
        else:
            reason = REASONS.get(outcome.status, REASONS[PrinterStatus.ERROR])(self.lang)
            self.status.setText(STILL_FAILING(self.lang, ref=ref, reason=reason))

    def _error(self, exc: BaseException) -> None:
        self.reissue_button.setEnabled(True)
        if isinstance(exc, ReissueRefused):
            self.status.setText(exc.text(self.lang, ref=exc.ref))
        elif isinstance(exc, KioskError):
            self.status.setText(MESSAGES[PrinterStatus.ERROR](self.lang))
        else:
            log.warning("reprint list: %s", type(exc).__name__)
            self.status.setText(FAILED(self.lang))
        self.refresh()


class ReprintDialog(QDialog):
    """The reprint list as a full dialog (volunteers only); loads itself when shown."""

    def __init__(self, service: Any, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reprint-dialog")
        self.setWindowTitle(LIST_TITLE(lang))
        self.list = ReprintList(service, lang, self)
        close = _button(Role.SECONDARY, "reprint-close", CLOSE(lang))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.list.refresh()
