"""Check your answers, choose how the result comes back, confirm, and send ("Gửi hồ sơ").

Every answer has "Sửa" (Change), which opens that question and, once it is
answered, returns straight here. The choices made here are the flow runner's
(``FlowRunner.set_review``). Sending is the core's one submission path
(``SubmissionService.submit``), run off the GUI thread through
``run_in_background``; while it runs the button is disabled and a busy line
shows, so a double tap never sends twice. What comes back is a typed result:
a saved application goes to the confirmation page, problems are listed here.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QFrame, QGridLayout, QPushButton, QVBoxLayout, QWidget

from forms.engine import FieldError, display_delivery, display_value, fee_of, vnd
from forms.model import Delivery, Question, QuestionType
from kiosk.core.text import Text
from kiosk.submission import SubmissionOutcome, SubmissionResult
from ui.background import run_in_background
from ui.questions import AddressQuestion
from ui.screens.base import Screen, clear_layout, make_button, make_label
from ui.session import Session
from ui.shell import ScreenName, Shell
from ui.theme import Role
from ui.words import BACK, FEE, FEE_AMOUNT, FREE

log = logging.getLogger("ui.review")

HEADING = Text("Kiểm tra lại thông tin", "Check your answers")
HINT = Text(
    "Bác đọc lại từng dòng. Chỗ nào chưa đúng, bấm \"Sửa\".",
    "Read each line. If something is wrong, tap \"Change\".",
)
CHANGE = Text("Sửa", "Change")
CHANGE_NAME = Text("Sửa: {question}", "Change: {question}")
DELIVERY = Text("Bác muốn nhận kết quả thế nào?", "How would you like to get the result?")
DELIVERY_ADDRESS = Text("Địa chỉ nhận kết quả qua bưu điện", "Address for the result by post")
DECLARATION = Text(
    "Tôi cam đoan những thông tin trên là đúng sự thật",
    "I declare that the information above is true",
)
SEND = Text("Gửi hồ sơ", "Send the application")
SENDING = Text(
    "Đang gửi hồ sơ, bác chờ một chút…", "Sending the application, please wait…"
)
FIX_FIRST = Text("Còn thiếu thông tin:", "Some information is missing:")
FAILED = Text(
    "Chưa gửi được hồ sơ. Bác bấm \"Gửi hồ sơ\" lần nữa, hoặc nhờ tình nguyện viên.",
    "The application could not be sent. Tap \"Send the application\" again, or ask a volunteer.",
)


TICK = "✓  "
BLANK = "     "


def delivery_address_question() -> Question:
    return Question(id="delivery_address", type=QuestionType.ADDRESS, title=DELIVERY_ADDRESS)


class ReviewScreen(Screen):
    name = ScreenName.REVIEW

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        heading = make_label(Role.HEADING)
        self.text(heading, HEADING)
        hint = make_label(Role.HINT)
        self.text(hint, HINT)
        self.body.addWidget(heading)
        self.body.addWidget(hint)
        self.rows = QWidget()
        self.rows_layout = QGridLayout(self.rows)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setHorizontalSpacing(24)
        self.rows_layout.setVerticalSpacing(12)
        self.body.addWidget(self.rows)
        self.extra = QVBoxLayout()
        self.body.addLayout(self.extra)
        self.problems = make_label(Role.ERROR)
        self.problems.setObjectName("review-problems")
        self.problems.setIndent(24)  # clear of the theme's red bar on the error role
        self.problems.hide()
        self.body.addWidget(self.problems)
        self.busy_label = make_label(Role.CAPTION)
        self.busy_label.setObjectName("busy")
        self.text(self.busy_label, SENDING)
        self.busy_label.hide()
        self.body.addWidget(self.busy_label)
        self.body.addStretch(1)
        self.back = make_button(Role.SECONDARY, "back")
        self.text(self.back, BACK)
        self.back.clicked.connect(self._back)
        self.send = make_button(Role.PRIMARY, "send")
        self.text(self.send, SEND)
        self.send.clicked.connect(self.submit)
        self.place_actions(self.back, self.send)
        self.busy = False
        self.address_widget: AddressQuestion | None = None
        self.delivery_buttons: dict[str, QPushButton] = {}
        self.declaration: QPushButton | None = None

    # -- rendering -----------------------------------------------------------
    def refresh(self) -> None:
        session = self.shell.session
        self._keep_address()
        self._clear()
        if session is None:
            return
        lang = self.lang
        answers = session.flow.answers
        row = 0
        for question in session.procedure.questions:
            if not question.applies(answers):
                continue
            self._row(row, question, display_value(question, answers.get(question.id), lang))
            row += 1
        self._fee_line(session)
        self._delivery_choice()
        self.declaration = make_button(Role.CHOICE, "declaration")
        self.declaration.setCheckable(True)
        self.declaration.setChecked(session.flow.declaration)
        self.text_now(self.declaration, DECLARATION(lang))
        self.declaration.toggled.connect(self._declared)
        self.extra.addWidget(self.declaration)
        self._set_busy(self.busy)

    def text_now(self, button: QPushButton, value: str) -> None:
        """Label a choice; a tick marks the chosen one (not colour alone)."""
        button.setText(f"{TICK if button.isChecked() else BLANK}{value}")
        button.setAccessibleName(value)

    def _row(self, row: int, question: Question, value: str) -> None:
        title = make_label()
        title.setText(question.title(self.lang))
        title.setStyleSheet("font-weight: bold;")
        answer = make_label()
        answer.setObjectName(f"answer-{question.id}")
        answer.setText(value)
        change = make_button(Role.LINK, f"change-{question.id}")
        change.setText(CHANGE(self.lang))
        change.setAccessibleName(CHANGE_NAME(self.lang, question=question.title(self.lang)))
        change.clicked.connect(lambda _=False, qid=question.id: self.shell.edit_question(qid))
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        grid = self.rows_layout
        grid.addWidget(title, row * 2, 0)
        grid.addWidget(answer, row * 2, 1)
        grid.addWidget(change, row * 2, 2)
        grid.addWidget(line, row * 2 + 1, 0, 1, 3)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)

    def _fee_line(self, session: Session) -> None:
        """What the application costs, from the answers (extra copies are charged)."""
        total = fee_of(session.procedure, session.flow.answers)
        amount = FREE(self.lang) if total <= 0 else FEE_AMOUNT(self.lang, amount=vnd(total))
        label = make_label(Role.HEADING)
        label.setObjectName("review-fee")
        label.setText(f"{FEE(self.lang)}: {amount}")
        self.extra.addWidget(label)

    def _delivery_choice(self) -> None:
        session = self.shell.session
        assert session is not None
        label = make_label(Role.HEADING)
        label.setText(DELIVERY(self.lang))
        self.extra.addWidget(label)
        self.delivery_buttons = {}
        for delivery in session.procedure.deliveries:
            button = make_button(Role.CHOICE, f"delivery-{delivery}")
            button.setCheckable(True)
            button.setChecked(session.flow.delivery == str(delivery))
            self.text_now(button, display_delivery(delivery, self.lang))
            button.clicked.connect(lambda _=False, d=str(delivery): self._choose_delivery(d))
            self.delivery_buttons[str(delivery)] = button
            self.extra.addWidget(button)
        if session.flow.delivery == Delivery.POST:
            self.address_widget = AddressQuestion(delivery_address_question(), self.lang)
            if session.flow.delivery_address:
                self.address_widget.set_value(session.flow.delivery_address)
            self.extra.addWidget(self.address_widget)

    def _choose_delivery(self, delivery: str) -> None:
        session = self.shell.session
        if session is None:
            return
        self._keep_address()
        session.flow.set_review(delivery=delivery)
        self.refresh()

    def _declared(self, checked: bool) -> None:
        if self.shell.session is not None:
            self.shell.session.flow.set_review(declaration=checked)
        if self.declaration is not None:
            self.text_now(self.declaration, DECLARATION(self.lang))

    def _keep_address(self) -> None:
        session = self.shell.session
        if session is not None and self.address_widget is not None:
            value = self.address_widget.value()
            session.flow.set_review(delivery_address=value if isinstance(value, dict) else None)

    def _back(self) -> None:
        self._keep_address()
        self.shell.back_from_review()

    # -- sending ---------------------------------------------------------------
    def submit(self) -> None:
        session = self.shell.session
        if session is None or self.busy:
            return
        self._keep_address()
        problems = session.flow.validation().errors
        if problems:
            self._show_problems(problems)
            return
        self.problems.hide()
        self._set_busy(True)
        submissions, wait_s = self.shell.context.submissions, self.shell.send_timeout_s
        procedure, answers = session.procedure, session.flow.answers
        run_in_background(
            lambda: submissions.submit(procedure, answers, send_within_s=wait_s),
            lambda result: self._sent(session, result), self._send_failed, owner=self)

    def _sent(self, session: Session, result: SubmissionResult) -> None:
        self._set_busy(False)
        if self.shell.session is not session:
            return  # wiped meanwhile: saved or not, nothing of it is shown any more
        if result.outcome is SubmissionOutcome.INVALID:
            self._show_problems(list(result.field_errors))
        elif result.outcome is SubmissionOutcome.NOT_SAVED:
            self.show_problem((result.problem or FAILED)(self.lang))
        else:
            self.shell.submitted(session, result)

    def _send_failed(self, exc: BaseException) -> None:
        log.warning("submission failed: %s", type(exc).__name__)
        self._set_busy(False)
        self.show_problem(FAILED(self.lang))

    def _show_problems(self, errors: list[FieldError]) -> None:
        lines = [FIX_FIRST(self.lang)] + [f"• {e.message(self.lang)}" for e in errors]
        self.show_problem("\n".join(lines))
        if self.address_widget is not None:
            for e in errors:
                if e.field == "delivery_address":
                    self.address_widget.set_error(e.message(self.lang))

    def show_problem(self, message: str) -> None:
        self.problems.setText(message)
        self.problems.show()
        self.scroll_area.ensureWidgetVisible(self.problems)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.send.setEnabled(not busy)
        self.back.setEnabled(not busy)
        self.busy_label.setVisible(busy)
        for button in self.rows.findChildren(type(self.send)):
            button.setEnabled(not busy)

    def _clear(self) -> None:
        self.address_widget = None
        self.declaration = None
        self.delivery_buttons = {}
        clear_layout(self.rows_layout)
        clear_layout(self.extra)

    def wipe(self) -> None:
        self._clear()
        self.problems.setText("")
        self.problems.hide()
        self._set_busy(False)
