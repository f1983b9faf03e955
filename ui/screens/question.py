"""A question page: the question as heading, a hint, one input, "Bước 3/9", Back and Continue.

The input comes from ``ui.questions.widget_for`` (owner: question widgets);
this page owns everything around it. Continue validates through
``FlowRunner.submit_current``: on an error the message stands next to the
field, the input is kept and focus goes back to it. The widget is destroyed
when the page moves on, so answers live only in the session's flow runner.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from forms.engine import display_value
from forms.model import Question
from kiosk.core.text import Text
from kiosk.identity.cccd_card import CardUnreadable, read_card
from kiosk.identity.person import Source
from ui.questions import QuestionWidget, widget_for
from ui.questions.base import KeysPlace
from ui.questions.digits import DigitsQuestion
from ui.screens.base import Screen, make_button, make_label
from ui.session import Session
from ui.shell import ScreenName, Shell
from ui.theme import Role
from ui.words import BACK, CONTINUE

FIELD_MARGIN = 8  # room kept around a field scrolled into view
STEP = Text("Bước {step}/{total}", "Step {step} of {total}")
FROM_VNEID = Text("Điền sẵn từ VNeID. Bác sửa lại nếu cần.",
                  "Filled in from VNeID. Change it if needed.")
FROM_VNEID_FIXED = Text("Thông tin từ VNeID (cơ sở dữ liệu quốc gia về dân cư), không sửa ở "
                        "đây. Bác bấm \"Tiếp tục\".",
                        "From VNeID (the national population database); it is not changed "
                        "here. Tap \"Continue\".")
FROM_CARD = Text("Điền sẵn từ thẻ căn cước. Bác xem lại và sửa nếu cần.",
                 "Filled in from your ID card. Check it and change it if needed.")


class QuestionScreen(Screen):
    name = ScreenName.QUESTION

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.progress = make_label(Role.CAPTION)
        self.progress.setObjectName("progress")
        self.heading = make_label(Role.HEADING)
        self.heading.setObjectName("question-title")
        self.hint = make_label(Role.HINT)
        self.hint.setObjectName("question-hint")
        self.source = make_label(Role.CAPTION)
        self.source.setObjectName("answer-source")
        self.source.hide()
        self.fixed = make_label(Role.HEADING)
        self.fixed.setObjectName("answer-from-login")
        self.fixed.hide()
        self.holder = QWidget()
        self.holder_layout = QVBoxLayout(self.holder)
        self.holder_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.heading, self.hint, self.source, self.fixed):
            self.body.addWidget(widget)
        self.body.addWidget(self.holder, 1)  # a list in the widget takes the room there is
        self.body.addStretch(1)
        self.back = make_button(Role.SECONDARY, "back")
        self.text(self.back, BACK)
        self.back.clicked.connect(self.go_back)
        self.next = make_button(Role.PRIMARY, "continue")
        self.text(self.next, CONTINUE)
        self.next.clicked.connect(self.go_on)
        self.place_actions(self.back, self.next)
        # "Bước 3/9" between Back and Continue: the question keeps the room above the keys.
        self.progress.setWordWrap(False)
        self.action_row.insertWidget(1, self.progress)
        self.action_row.insertStretch(1, 1)
        self.widget: QuestionWidget | None = None
        self.question: Question | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):  # a field taking focus scrolls into view
            app.focusChanged.connect(self._focus_moved)
        # ... and stays in view as the keys take room and the content grows.
        self.scroll_area.viewport().installEventFilter(self)
        body = self.scroll_area.widget()
        assert body is not None
        self.body_widget: QWidget = body
        body.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and watched in (
                self.scroll_area.viewport(), self.body_widget):
            self._show_field_in_use()
        return False

    def refresh(self) -> None:
        """Show the flow's current question (a new widget; kept input on re-render)."""
        session = self.shell.session
        question = session.flow.current if session is not None else None
        if session is None or question is None:
            self._drop_widget()
            return
        shown = self.widget if self.question == question else None
        draft = session.flow.draft(question.id)
        if shown is not None:
            keep = shown.value()  # re-rendered (language, text size): as typed
        else:
            keep = draft if draft is not None else session.flow.value(question.id)
        error = shown.error() if shown is not None else None
        self._drop_widget()
        lang = self.lang
        self.question = question
        self.progress.setText(STEP(lang, step=session.flow.step, total=session.flow.total))
        self.heading.setText(question.title(lang))
        hint = question.hint(lang)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self._show_source(session)
        if session.flow.locked(question):  # from VNeID, not to be changed here: shown, no input
            self.fixed.setText(display_value(question, session.flow.value(question.id), lang))
            self.fixed.show()
            self._fold_to_fit()  # the new question's heading and hint shown
            return
        self.fixed.hide()
        self.widget = widget_for(question, lang, self.holder, procedure=session.procedure,
                                 keyboard=True)
        if isinstance(self.widget, DigitsQuestion):
            self.widget.card_scanned.connect(self._card_scanned)
        if self.widget.keys_place is not KeysPlace.WITH_FIELD or self.widget.keys() is None:
            self.holder_layout.addWidget(self.widget)
        self._place_keys()
        self._fold_to_fit()  # the new question's heading and hint shown (or folded to fit)
        self.widget.keys_changed.connect(self._place_keys)
        if keep is not None:
            self.widget.set_value(keep)
        if error:
            self.widget.set_error(error)
        self.widget.focus_input()

    def _place_keys(self) -> None:
        """The widget's keys in the fixed input area: a pad beside the question, a letter
        keyboard under its field (both always in view), a list's keyboard under the list."""
        widget = self.widget
        keys = widget.keys() if widget is not None else None
        if widget is None or keys is None:
            self.place_keys(None)
            return
        place = widget.keys_place
        self.place_keys(keys, beside=place is KeysPlace.BESIDE,
                        above=widget if place is KeysPlace.WITH_FIELD else None)

    def fit_keys(self) -> None:
        self._unfold()  # keys sized for the whole question, then folded
        super().fit_keys()
        self._fold_to_fit()
        self._show_field_in_use()

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.isVisible() and self.isAncestorOf(new):
            self._show_field_in_use()

    def _show_field_in_use(self) -> None:
        """The field the keys type into, when it scrolls with the question (the street
        line of an address under its keyboard), is scrolled wholly into view."""
        focus = QApplication.focusWidget()
        if focus is None or not hasattr(self, "body_widget") or not self.body_widget.isAncestorOf(
                focus):
            return
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        viewport, bar = self.scroll_area.viewport(), self.scroll_area.verticalScrollBar()
        top = focus.mapTo(viewport, QPoint(0, 0)).y()
        bottom = top + focus.height() + FIELD_MARGIN
        if bottom > viewport.height():
            bar.setValue(bar.value() + bottom - viewport.height())
        elif top < FIELD_MARGIN:
            bar.setValue(bar.value() + top - FIELD_MARGIN)

    def _unfold(self) -> bool:
        """Heading and hint shown when they have words; False while the page is being
        built (the base class sizes keys before they exist)."""
        if not hasattr(self, "heading"):
            return False
        self.heading.setVisible(bool(self.heading.text()))
        self.hint.setVisible(bool(self.hint.text()))
        return True

    def _fold_to_fit(self) -> None:
        """Keys in the fixed area on a short screen (large text, 768 px): the hint folds
        away rather than show half a line (read-aloud still says it); above a list the
        heading too, the list's own caption saying what to pick. They come back when
        the keyboard closes or the room allows."""
        if not self._unfold():
            return
        widget, keys = self.widget, self.keys
        if (widget is None or keys is None or keys.isHidden()
                or widget.keys_place is KeysPlace.BESIDE):
            return
        # Let the layouts take in what just changed (keys sized, a hint folded) first.
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        room = (self.height() - self.dock_area.sizeHint().height()
                - self.action_bar.sizeHint().height())
        # A field with its keys keeps its question; a list has its own caption.
        folding = (self.hint, self.heading) if widget.keys_place is KeysPlace.BELOW else (
            self.hint,)
        for label in folding:
            if self.content_needs() <= room:
                return
            label.hide()

    def _show_source(self, session: Session) -> None:
        """ "Từ VNeID" under the question whose answer the login (or the card) gave."""
        question = session.flow.current
        identity = session.identity
        if question is None or identity is None or not session.flow.prefilled(question.id):
            self.source.hide()
            return
        card = identity.source is Source.CARD
        if session.flow.locked(question):
            text = FROM_VNEID_FIXED
        else:
            text = FROM_CARD if card else FROM_VNEID
        self.source.setText(text(self.lang))
        self.source.show()

    def _card_scanned(self, typed: str) -> None:
        """The CCCD card's QR code was scanned into the ID-number field: it fills the number
        and the other questions that ask for what the card says (editable, marked so)."""
        session = self.shell.session
        if session is None or self.widget is None:
            return
        try:
            card = read_card(typed)
        except CardUnreadable as exc:
            self.widget.set_error(exc.text(self.lang))
            return
        identity = card.identity()
        session.flow.fill(identity.prefill())
        if session.identity is None:
            session.identity = identity
        self._drop_widget()  # shown again from the flow, filled
        self.refresh()

    def go_on(self) -> None:
        session = self.shell.session
        question = session.flow.current if session is not None else None
        if session is None or question is None:
            return
        if session.flow.locked(question):
            session.flow.submit_current(None)  # the login's answer stands
            self.shell.after_answer()
            return
        if self.widget is None:
            return
        error = session.flow.submit_current(self.widget.value())
        if error is not None:
            self.widget.set_error(error(self.lang))
            self.fit_keys()  # the message takes room: the keys stay in view
            self.shell.read_aloud.say([error(self.lang)])
            self.widget.focus_input()
            return
        self.shell.after_answer()

    def spoken_parts(self) -> list[str]:
        """The question and its hint (said even where a short screen folds them away), the
        answer from the login, the current message."""
        parts = [w.text() for w in (self.heading, self.hint) if w.text()]
        parts += [self.fixed.text()] if self.fixed.isVisibleTo(self) else []
        error = self.widget.error() if self.widget is not None else None
        return parts + ([error] if error else [])

    def go_back(self) -> None:
        session = self.shell.session
        if session is None:
            return
        question = session.flow.current
        if question is not None and self.widget is not None and not session.flow.locked(question):
            session.flow.hold(question.id, self.widget.value())  # shown again on return
        if session.flow.back():
            self._drop_widget()
            self.shell.after_back()
        else:
            self.shell.go(ScreenName.BEFORE)

    def _drop_widget(self) -> None:
        self.place_keys(None)
        if self.widget is not None:
            self.widget.discard_keys()
            self.widget.clear()
            self.widget.hide()
            self.widget.setParent(None)
            self.widget.deleteLater()
        self.widget = None
        self.question = None

    def wipe(self) -> None:
        self._drop_widget()
        for label in (self.progress, self.heading, self.hint, self.source, self.fixed):
            label.setText("")
