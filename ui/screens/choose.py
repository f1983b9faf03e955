"""Choose the procedure: the most used as big tiles, then the rest by category, and a search.

The search is accent-insensitive ("khai sinh" finds "Đăng ký khai sinh") and
works with a hardware or on-screen keyboard; it filters what is on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from forms.address import fold
from forms.model import Procedure
from kiosk.core.text import Text
from ui.icons import procedure_icon
from ui.questions.keyboard import LetterKeyboard
from ui.screens.base import Screen, clear_layout, make_button, make_label
from ui.screens.keyboard_toggle import KeyboardToggle
from ui.shell import ScreenName, Shell
from ui.theme import Role, set_role, sizes
from ui.words import BACK

HEADING = Text("Bác cần làm thủ tục gì?", "Which service do you need?")
SEARCH = Text("Tìm thủ tục, ví dụ: khai sinh", "Search, for example: birth")
SEARCH_NAME = Text("Tìm thủ tục", "Search for a service")
MOST_USED = Text("Thủ tục hay dùng", "Most used")
OTHERS = Text("Các thủ tục khác", "Other services")
NO_MATCH = Text(
    "Không tìm thấy thủ tục nào. Bác thử gõ ít chữ hơn, hoặc nhờ tình nguyện viên.",
    "No service found. Try fewer words, or ask a volunteer.",
)
FOUND = Text("Tìm thấy {count} thủ tục:", "{count} services found:")
CIVIL_STATUS = Text("Hộ tịch", "Civil status")
RESIDENCE = Text("Cư trú", "Residence")
CERTIFICATION = Text("Chứng thực", "Certification")
JUDICIAL_RECORDS = Text("Lý lịch tư pháp", "Judicial records")
# A procedure file's category, in English or in Vietnamese without tones.
CATEGORY_NAMES: dict[str, Text] = {
    "civil_status": CIVIL_STATUS,
    "ho_tich": CIVIL_STATUS,
    "residence": RESIDENCE,
    "cu_tru": RESIDENCE,
    "certification": CERTIFICATION,
    "chung_thuc": CERTIFICATION,
    "judicial": JUDICIAL_RECORDS,
    "judicial_record": JUDICIAL_RECORDS,
    "ly_lich_tu_phap": JUDICIAL_RECORDS,
    "tu_phap": Text("Tư pháp", "Justice"),
}


class ProcedureTile(QPushButton):
    """A big tappable tile: pictogram, the procedure's name, its one-line explanation."""

    def __init__(self, procedure: Procedure, lang: str, large: bool) -> None:
        super().__init__()
        self.procedure = procedure
        self.setObjectName(f"tile-{procedure.slug}")
        set_role(self, Role.TILE)
        s = sizes(large)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 16, 20, 16)
        row.setSpacing(20)
        icon = QLabel()
        icon.setPixmap(procedure_icon(procedure.icon, procedure.slug, s.target + 24))
        icon.setFixedSize(s.target + 24, s.target + 24)
        texts = QWidget()
        lines = QVBoxLayout(texts)
        lines.setContentsMargins(0, 0, 0, 0)
        name = make_label(Role.HEADING)
        name.setText(procedure.name(lang))
        name.setStyleSheet(f"font-size: {s.body + 4}px;")
        summary = make_label()
        summary.setText(procedure.summary(lang))
        lines.addWidget(name)
        lines.addWidget(summary)
        lines.addStretch(1)
        for child in (icon, texts, name, summary):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(texts, 1)
        self.setAccessibleName(f"{procedure.name(lang)}. {procedure.summary(lang)}")
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
        self.setSizePolicy(policy)
        self._target = s.target
        self._layout = row

    # A QPushButton ignores its child layout when sizing itself: ask the layout,
    # so wrapped names and explanations are never clipped.
    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return max(self._target, self._layout.heightForWidth(width))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = self._layout.sizeHint()
        return QSize(hint.width(), max(self._target, hint.height()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self._target * 4, self._target)


class ChooseScreen(Screen):
    name = ScreenName.CHOOSE

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        heading = make_label(Role.HEADING)
        self.text(heading, HEADING)
        self.body.addWidget(heading)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._fill)
        # The search ignores accents: letters, space and delete are all it needs.
        self.keyboard = KeyboardToggle(self, self.search, "search-keyboard",
                                       make=lambda lang: LetterKeyboard(lang, marks=False))
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.keyboard.button)
        self.body.addLayout(row)
        self.found = make_label(Role.CAPTION)
        self.found.setObjectName("found-count")
        self.body.addWidget(self.found)
        self.results = QWidget()
        self.results_layout = QGridLayout(self.results)
        self.results_layout.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.results)
        self.body.addStretch(1)
        back = make_button(Role.SECONDARY, "back")
        self.text(back, BACK)
        back.clicked.connect(lambda: shell.go(ScreenName.IDENTIFY))
        self.place_actions(back)

    def tiles(self) -> list[ProcedureTile]:
        return self.results.findChildren(ProcedureTile)

    def refresh(self) -> None:
        self.search.setPlaceholderText(SEARCH(self.lang))
        self.search.setAccessibleName(SEARCH_NAME(self.lang))
        self.keyboard.retranslate(self.lang)
        self._fill()

    def _fill(self) -> None:
        grid = self.results_layout
        clear_layout(grid)
        s = sizes(self.shell.large_text)
        grid.setSpacing(s.spacing)
        procedures = list(self.shell.context.catalogue.procedures)
        query = fold(self.search.text())
        columns = 1 if self.shell.large_text else 2
        if query:
            found = [p for p in procedures if query in _haystack(p)]
            self._section(None, found, columns) if found else self._note(NO_MATCH)
            self._count(len(found))
            return
        self._count()
        popular = sorted((p for p in procedures if p.popular), key=lambda p: p.popular)[:6]
        self._section(MOST_USED, popular, columns)
        rest = [p for p in procedures if p not in popular]
        for category in dict.fromkeys(p.category for p in rest):
            name = CATEGORY_NAMES.get(category)
            title = name if name is not None else Text(category, category)
            self._section(title, [p for p in rest if p.category == category], columns)

    def _count(self, found: int | None = None) -> None:
        """While a search is typed, say how many procedures match."""
        self.found.setText(FOUND(self.lang, count=found) if found else "")
        self.found.setVisible(bool(found))

    def _section(self, title: Text | None, procedures: list[Procedure], columns: int) -> None:
        grid = self.results_layout
        row = grid.rowCount()
        if title is not None:
            label = make_label(Role.HEADING)
            label.setText(title(self.lang))
            grid.addWidget(label, row, 0, 1, columns)
            row += 1
        for index, procedure in enumerate(procedures):
            tile = ProcedureTile(procedure, self.lang, self.shell.large_text)
            tile.clicked.connect(lambda _=False, p=procedure: self.shell.choose(p))
            grid.addWidget(tile, row + index // columns, index % columns)

    def _note(self, text: Text) -> None:
        label = make_label(Role.HINT)
        label.setObjectName("no-match")
        label.setText(text(self.lang))
        self.results_layout.addWidget(label, self.results_layout.rowCount(), 0, 1, 2)

    def wipe(self) -> None:
        self.search.setText("")
        self.keyboard.wipe()


def _haystack(procedure: Procedure) -> str:
    parts = (procedure.name.vi, procedure.name.en, procedure.summary.vi, procedure.summary.en,
             procedure.code, procedure.slug.replace("_", " "))
    return fold(" ".join(parts))
