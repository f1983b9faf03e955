"""An on-screen letter keyboard with Vietnamese tone and letter-shape keys (GUI thread).

Big keys in the familiar QWERTY order with â ă ê ô ơ ư đ at the ends of the rows,
a row for space and the five tones (sắc, huyền, hỏi, ngã, nặng), and on request
a block of digits on the right: four rows in all. Tone and shape keys change the
word just typed (see :mod:`ui.questions.vietnamese`): type ``nguyen``, tap
``ê`` then ``ngã`` and the field reads ``nguyễn``. Keys never take focus, so
the line edit keeps its cursor and a physical keyboard still works. The
keyboard types into :attr:`LetterKeyboard.target`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

from kiosk.core.text import Text
from ui.questions.base import set_role
from ui.questions.keys import KeySize, exact_size_rule, key_size
from ui.questions.telex import change_word
from ui.questions.vietnamese import SHAPES, Tone, add_letter, apply_shape, apply_tone
from ui.theme import large_text_on
from ui.words import DELETE_KEY, DIGIT_NAME, LETTER_NAME

LETTER_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
SHAPE_KEYS = (*SHAPES, "đ")
TONES: tuple[tuple[Tone, str, Text], ...] = (
    (Tone.SAC, "á", Text("sắc", "rising")),
    (Tone.HUYEN, "à", Text("huyền", "falling")),
    (Tone.HOI, "ả", Text("hỏi", "dipping")),
    (Tone.NGA, "ã", Text("ngã", "broken")),
    (Tone.NANG, "ạ", Text("nặng", "heavy")),
)
SPACE = Text("Dấu cách", "Space")
SHIFT_NAME = Text("Chữ hoa", "Capital letter")
TONE_NAME = Text("Dấu {tone}", "{tone} tone")
MARK_NAME = Text("Dấu {mark}", "{mark}")
PUNCTUATION = {",": Text("phẩy", "comma"), "/": Text("gạch chéo", "slash")}
ROWS = 4
LETTER_COLUMNS = 12
DIGIT_COLUMNS = 3  # a phone-style block of digits on the right: 7 8 9 / 4 5 6 / 1 2 3 / 0 , /
_DIGIT_BLOCK = ("789", "456", "123", "0,/")


def _keys(lang: str, digits: bool) -> list[tuple[int, int, int, str, str, str]]:
    """(row, column, span, key id, label, spoken name) of every key.

    Four rows, twelve columns (fifteen with digits), so the whole keyboard stays under
    a third of a 768 px screen with the question above it::

        q w e r t y u i o p â ê | 7 8 9
        a s d f g h j k l ă ô ơ | 4 5 6
        ⇧ z x c v b n m ư đ ⌫⌫ | 1 2 3
        ␣␣ sắc huyền hỏi ngã nặng | 0 , /
    """
    def letter(key: str) -> str:
        return LETTER_NAME(lang, letter=key)

    rows = [
        [*LETTER_ROWS[0], "â", "ê"],
        [*LETTER_ROWS[1], "ă", "ô", "ơ"],
    ]
    keys = [(r, c, 1, k, k, letter(k)) for r, row in enumerate(rows) for c, k in enumerate(row)]
    keys.append((2, 0, 1, "shift", "⇧", SHIFT_NAME(lang)))
    keys += [(2, 1 + c, 1, k, k, letter(k)) for c, k in enumerate([*LETTER_ROWS[2], "ư", "đ"])]
    keys.append((2, 10, 2, "backspace", "⌫ " + DELETE_KEY(lang), DELETE_KEY(lang)))
    keys.append((3, 0, 2, "space", SPACE(lang), SPACE(lang)))
    for index, (tone, sample, name) in enumerate(TONES):
        keys.append((3, 2 + 2 * index, 2, f"tone:{tone.name.lower()}", f"{sample} {name(lang)}",
                     TONE_NAME(lang, tone=name(lang))))
    if digits:
        for r, block in enumerate(_DIGIT_BLOCK):
            for c, key in enumerate(block):
                spoken = (MARK_NAME(lang, mark=PUNCTUATION[key](lang)) if key in PUNCTUATION
                          else DIGIT_NAME(lang, digit=key))
                keys.append((r, LETTER_COLUMNS + c, 1, key, key, spoken))
    return keys


SEARCH_ROWS = 3
SEARCH_COLUMNS = 11


def _search_keys(lang: str) -> list[tuple[int, int, int, str, str, str]]:
    """The keys of a search box whose matching ignores accents (places, procedures):
    letters, space and delete on three rows, so a list keeps room above them::

        q w e r t y u i o p
        a s d f g h j k l ⌫⌫
        z x c v b n m ␣␣␣
    """
    keys = [(r, c, 1, k, k, LETTER_NAME(lang, letter=k))
            for r, row in enumerate(LETTER_ROWS) for c, k in enumerate(row)]
    keys.append((1, 9, 2, "backspace", "⌫ " + DELETE_KEY(lang), DELETE_KEY(lang)))
    keys.append((2, 7, 3, "space", SPACE(lang), SPACE(lang)))
    return keys


def _keyboard_qss(size: KeySize) -> str:
    """Exact key sizes (the theme's button min-width would win over setFixedSize)."""
    rules = [f'QPushButton[role="key"] {{ padding: 0px; font-size: {size.font_px}px; }}',
             exact_size_rule('QPushButton[role="key"]', height=size.height)]
    rules += [exact_size_rule(f'QPushButton[span="{n}"]', width=size.span(n)) for n in (1, 2, 3)]
    tone_px = max(24, min(size.font_px - 6, round(size.font_px * 0.8)))
    rules.append(f'QPushButton[tone="true"], QPushButton#key-space, QPushButton#key-backspace'
                 f" {{ font-size: {tone_px}px; }}")  # words, a little smaller
    return "\n".join(rules)


class LetterKeyboard(QWidget):
    """Letters, Vietnamese marks, space and backspace; ``pressed`` carries the key id.

    The page that shows it calls :meth:`fit` with the room it has (``columns`` and
    ``rows`` say what the grid needs); until then the keys have their smallest size.
    """

    pressed = Signal(str)

    def __init__(self, lang: str, parent: QWidget | None = None, *, digits: bool = False,
                 marks: bool = True) -> None:
        """``digits``: a block of digits on the right; ``marks=False``: no tone, shape or
        shift keys (a search that ignores accents), three rows instead of four."""
        super().__init__(parent)
        self.setObjectName("letter-keyboard" if marks else "search-keyboard")
        self.lang = lang
        if marks:
            self.rows, layout = ROWS, _keys(lang, digits)
            self.columns = LETTER_COLUMNS + (DIGIT_COLUMNS if digits else 0)
        else:
            self.rows, layout, self.columns = SEARCH_ROWS, _search_keys(lang), SEARCH_COLUMNS
        self.target: QLineEdit | None = None
        self.keys: dict[str, QPushButton] = {}
        self._shift = False
        self.sizing = key_size(room_w=0, room_h=0, columns=self.columns, rows=self.rows,
                             large_text=large_text_on())
        self.setStyleSheet(_keyboard_qss(self.sizing))  # before the keys exist: polished once
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(self.sizing.gap)
        self.grid = grid
        for row, column, span, key_id, label, name in layout:
            button = QPushButton(label, self)
            set_role(button, "key")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("span", str(span))
            button.setProperty("tone", key_id.startswith("tone:"))
            button.setAccessibleName(name)
            button.setAutoRepeat(key_id == "backspace")
            button.setObjectName(f"key-{key_id}")
            button.clicked.connect(lambda _checked=False, k=key_id: self.press(k))
            self.keys[key_id] = button
            grid.addWidget(button, row, column, 1, span)
        if "shift" in self.keys:
            self.keys["shift"].setCheckable(True)
        self._apply_size()

    def fit(self, room_w: int, room_h: int) -> None:
        """Size the keys for ``room_w`` × ``room_h`` px (the page's fixed input area)."""
        size = key_size(room_w=room_w, room_h=room_h, columns=self.columns, rows=self.rows,
                        large_text=large_text_on())
        if size != self.sizing:
            self.sizing = size
            self.setStyleSheet(_keyboard_qss(size))
            self._apply_size()

    def _apply_size(self) -> None:
        for button in self.keys.values():
            span = int(button.property("span"))
            button.setFixedSize(self.sizing.span(span), self.sizing.height)
        self.setFixedSize(self.sizing.across(self.columns), self.sizing.down(self.rows))

    # -- typing ----------------------------------------------------------------
    def press(self, key_id: str) -> None:
        """What a tap on the key ``key_id`` does (letters, "space", "tone:sac"...)."""
        edit = self.target
        if edit is not None and edit.isEnabled() and not edit.isReadOnly():
            self._apply(edit, key_id)
            edit.textEdited.emit(edit.text())
        self.pressed.emit(key_id)

    def _apply(self, edit: QLineEdit, key_id: str) -> None:
        if key_id == "shift":
            self._set_shift(not self._shift)
        elif key_id == "backspace":
            edit.backspace()
        elif key_id == "space":
            edit.insert(" ")
        elif key_id.isdigit() or key_id in PUNCTUATION:
            edit.insert(key_id)
        elif key_id.startswith("tone:"):
            tone = Tone[key_id.removeprefix("tone:").upper()]
            change_word(edit, lambda word: apply_tone(word, tone))
        elif key_id in SHAPE_KEYS:
            letter = key_id.upper() if self._shift else key_id
            if not change_word(edit, lambda word: apply_shape(word, key_id)):
                edit.insert(letter)
            self._set_shift(False)
        else:
            letter = key_id.upper() if self._shift else key_id
            if not change_word(edit, lambda word: add_letter(word, letter)):
                edit.insert(letter)  # the tone, if any, follows the new letter (hòa + n)
            self._set_shift(False)

    def _set_shift(self, on: bool) -> None:
        if "shift" not in self.keys:
            return
        self._shift = on
        self.keys["shift"].setChecked(on)
        for letters in (*LETTER_ROWS, "".join(SHAPE_KEYS)):
            for key in letters:
                self.keys[key].setText(key.upper() if on else key)
