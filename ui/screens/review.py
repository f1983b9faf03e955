"""Check your answers, confirm, and send ("Gửi hồ sơ"): GOV.UK's "Now send your application".

Every answer has "Sửa" (Change), which opens that question and, once it is
answered, returns straight here; how the result comes back was asked on pages
of its own before (``forms.flow.closing_questions``) and is listed like any
answer. The declaration stands right above "Gửi hồ sơ" in the page's fixed area,
always in view, so the first tap on "Gửi hồ sơ" sends or says, right there,
what is missing; the message goes as soon as it is put right. Sending is the
core's one submission path (``SubmissionService.submit``), run off the GUI
thread through ``run_in_background``; while it runs the button is disabled and a
busy line shows, so a double tap never sends twice. The same answers sent a
moment ago (a resident who did not see the receipt come out) are not sent again
unasked: "Bác vừa gửi hồ sơ này lúc 9:42. Gửi thêm một lần nữa?", with "Không,
xem hồ sơ đã gửi" (the earlier application's confirmation page) and "Gửi thêm
một lần".
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from forms.engine import DECLARATION_NEEDED, FieldError, display_value, fee_of, vnd
from forms.model import Question
from kiosk.core.text import Text
from kiosk.outbox.records import OutboxRecord
from kiosk.submission import SubmissionOutcome, SubmissionResult
from ui.background import run_in_background
from ui.questions.toggle import CHECK_MARKS, BigToggle
from ui.screens.base import Screen, clear_layout, make_button, make_label
from ui.session import Session
from ui.shell import ScreenName, Shell
from ui.theme import Role, set_role
from ui.words import BACK, FEE, FEE_AMOUNT, FREE

log = logging.getLogger("ui.review")

HEADING = Text("Kiểm tra lại thông tin", "Check your answers")
HINT = Text(
    "Bác đọc lại từng dòng. Chỗ nào chưa đúng, bấm \"Sửa\".",
    "Read each line. If something is wrong, tap \"Change\".",
)
CHANGE = Text("Sửa", "Change")
CHANGE_NAME = Text("Sửa: {question}", "Change: {question}")
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
DUPLICATE = Text("Bác vừa gửi hồ sơ này lúc {time}. Gửi thêm một lần nữa?",
                 "You sent this application at {time}. Send it once more?")
SHOW_EARLIER = Text("Không, xem hồ sơ đã gửi", "No, show the one I sent")
SEND_AGAIN = Text("Gửi thêm một lần", "Send it once more")


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
        self.fee = make_label(Role.HEADING)
        self.fee.setObjectName("review-fee")
        self.body.addWidget(self.fee)
        self.body.addStretch(1)
        self._build_send_area()
        self.back = make_button(Role.SECONDARY, "back")
        self.text(self.back, BACK)
        self.back.clicked.connect(self._back)
        self.send = make_button(Role.PRIMARY, "send")
        self.text(self.send, SEND)
        self.send.clicked.connect(self.submit)
        self.place_actions(self.back, self.send)
        self.busy = False
        self.earlier: OutboxRecord | None = None

    def _build_send_area(self) -> None:
        """Above "Gửi hồ sơ", always in view: what is missing, the declaration, the
        question whether to send the same application again, the busy line."""
        self.problems = make_label(Role.ERROR)
        self.problems.setObjectName("review-problems")
        self.problems.setIndent(24)  # clear of the theme's red bar on the error role
        self.problems.hide()
        self.declaration = BigToggle(DECLARATION(self.lang), marks=CHECK_MARKS)
        self.declaration.setObjectName("declaration")
        self.declaration.set_width(900)
        self.declaration.toggled.connect(self._declared)
        self.again_box = QFrame()
        self.again_box.setObjectName("duplicate-panel")
        set_role(self.again_box, Role.PANEL)
        box = QVBoxLayout(self.again_box)
        box.setContentsMargins(32, 12, 16, 12)
        self.again_text = make_label()
        self.again_text.setObjectName("duplicate-message")
        row = QHBoxLayout()
        self.show_earlier = make_button(Role.SECONDARY, "duplicate-show")
        self.text(self.show_earlier, SHOW_EARLIER)
        self.show_earlier.clicked.connect(self._show_earlier)
        self.send_again = make_button(Role.SECONDARY, "duplicate-again")
        self.text(self.send_again, SEND_AGAIN)
        self.send_again.clicked.connect(lambda: self.submit(again=True))
        row.addWidget(self.show_earlier)
        row.addWidget(self.send_again)
        row.addStretch(1)
        box.addWidget(self.again_text)
        box.addLayout(row)
        self.again_box.hide()
        self.busy_label = make_label(Role.CAPTION)
        self.busy_label.setObjectName("busy")
        self.text(self.busy_label, SENDING)
        self.busy_label.hide()
        for widget in (self.problems, self.declaration, self.again_box, self.busy_label):
            self.dock.addWidget(widget)
        self.dock_area.show()

    # -- rendering -----------------------------------------------------------
    def refresh(self) -> None:
        session = self.shell.session
        clear_layout(self.rows_layout)
        if session is None:
            return
        lang = self.lang
        answers = session.flow.answers
        for row, question in enumerate(session.flow.questions):
            self._row(row, question, display_value(question, answers.get(question.id), lang))
        total = fee_of(session.procedure, answers)
        amount = FREE(lang) if total <= 0 else FEE_AMOUNT(lang, amount=vnd(total))
        self.fee.setText(f"{FEE(lang)}: {amount}")
        self.declaration.setChecked(session.flow.declaration)
        self.declaration.label.setText(DECLARATION(lang))
        self.declaration.setAccessibleName(DECLARATION(lang))
        if self.problems.isVisible():
            self._check_problems()
        if self.earlier is not None:
            self._ask_again(self.earlier)
        self._set_busy(self.busy)

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

    def _declared(self, checked: bool) -> None:
        if self.shell.session is not None:
            self.shell.session.flow.set_review(declaration=checked)
        if self.problems.isVisible():
            self._check_problems()  # put right: the message goes at once

    def _back(self) -> None:
        self.shell.back_from_review()

    # -- sending ---------------------------------------------------------------
    def _check_problems(self) -> bool:
        """Show what stops the sending (in the fixed area, in view); True if nothing."""
        session = self.shell.session
        problems = session.flow.validation().errors if session is not None else []
        if not problems:
            self.problems.hide()
            return True
        self._show_problems(problems)
        return False

    def submit(self, again: bool = False) -> None:
        session = self.shell.session
        if session is None or self.busy:
            return
        if not self._check_problems():
            return
        self.again_box.hide()
        self.earlier = None
        self._set_busy(True)
        submissions, wait_s = self.shell.context.submissions, self.shell.send_timeout_s
        procedure, answers = session.procedure, session.flow.answers
        run_in_background(
            lambda: submissions.submit(procedure, answers, send_within_s=wait_s, again=again),
            lambda result: self._sent(session, result), self._send_failed, owner=self)

    def _sent(self, session: Session, result: SubmissionResult) -> None:
        self._set_busy(False)
        if self.shell.session is not session:
            return  # wiped meanwhile: saved or not, nothing of it is shown any more
        if result.outcome is SubmissionOutcome.INVALID:
            self._show_problems(list(result.field_errors))
        elif result.outcome is SubmissionOutcome.NOT_SAVED:
            self.show_problem((result.problem or FAILED)(self.lang))
        elif result.outcome is SubmissionOutcome.DUPLICATE and result.earlier is not None:
            self._ask_again(result.earlier)
        else:
            self.shell.submitted(session, result)

    def _ask_again(self, earlier: OutboxRecord) -> None:
        self.earlier = earlier
        at = earlier.created_at.astimezone().strftime("%H:%M")  # the kiosk's own clock
        self.again_text.setText(DUPLICATE(self.lang, time=at))
        self.again_box.show()
        self.send.setEnabled(False)

    def _show_earlier(self) -> None:
        """The application sent a moment ago, as its confirmation page shows it."""
        session, earlier = self.shell.session, self.earlier
        if session is None or earlier is None:
            return
        outbox = self.shell.context.outbox
        self._set_busy(True)
        run_in_background(lambda: outbox.get(earlier.ref),
                          lambda record: self._earlier_found(session, record),
                          self._send_failed, owner=self)

    def _earlier_found(self, session: Session, record: OutboxRecord | None) -> None:
        self._set_busy(False)
        if self.shell.session is not session or record is None:
            return
        self.again_box.hide()
        self.earlier = None
        self.shell.submitted(session, SubmissionResult.of(record))

    def _send_failed(self, exc: BaseException) -> None:
        log.warning("submission failed: %s", type(exc).__name__)
        self._set_busy(False)
        self.show_problem(FAILED(self.lang))

    def _show_problems(self, errors: list[FieldError]) -> None:
        if [e.field for e in errors] == ["declaration"]:
            self.show_problem(DECLARATION_NEEDED(self.lang))
            return
        lines = [FIX_FIRST(self.lang)] + [f"• {e.message(self.lang)}" for e in errors]
        self.show_problem("\n".join(lines))

    def show_problem(self, message: str) -> None:
        self.problems.setText(message)
        self.problems.show()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.send.setEnabled(not busy and self.earlier is None)
        self.back.setEnabled(not busy)
        self.busy_label.setVisible(busy)
        self.declaration.setEnabled(not busy)
        for button in (*self.rows.findChildren(type(self.send)), self.show_earlier,
                       self.send_again):
            button.setEnabled(not busy)

    def wipe(self) -> None:
        clear_layout(self.rows_layout)
        self.fee.setText("")
        self.problems.setText("")
        self.problems.hide()
        self.again_box.hide()
        self.again_text.setText("")
        self.earlier = None
        self.declaration.setChecked(False)
        self._set_busy(False)
