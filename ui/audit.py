"""Accessibility checks of what is on screen (GUI thread): targets, text, names, contrast.

:func:`audit_widget` looks at every visible widget under a screen:

* tappable things (buttons, inputs, list views) at least 64 × 64 px
  (the large-text switch only raises this);
* text at least 24 px (the theme's floor for body text and captions);
* every button and input has an accessible name (what a screen reader says);
* one primary action per page;
* text colour on its background at least 7:1, read from the widget's palette
  after the style sheet is applied (roles the theme does not know are flagged).
  The palette does not follow pseudo-states such as ``:checked``; those colour
  pairs are covered by ``ui.theme.contrast_pairs`` and its test.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QLabel,
    QLineEdit,
    QScrollBar,
    QWidget,
)

from ui.theme import Role, contrast_ratio, sizes

MIN_TEXT_PX = 24
MIN_CONTRAST = 7.0
KNOWN_ROLES = {str(r) for r in Role} | {"", "row"}


@dataclass(frozen=True)
class Violation:
    rule: str  # "target", "text-size", "name", "contrast", "role", "one-primary"
    widget: str  # class and object name
    detail: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def describe(widget: QWidget) -> str:
    name = widget.objectName() or "-"
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton | QLineEdit) else ""
    short = f' "{text[:30]}"' if text else ""
    return f"{type(widget).__name__}#{name}{short}"


def audit_widget(root: QWidget, large_text: bool = False) -> list[Violation]:
    """Every violation among the visible widgets under ``root``."""
    found: list[Violation] = []
    target = sizes(large_text).target
    primaries = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or isinstance(widget, QScrollBar):
            continue
        found += _target(widget, target) + _text(widget) + _name(widget) + _colours(widget)
        if isinstance(widget, QAbstractButton) and widget.property("role") == "primary":
            primaries.append(describe(widget))
    if len(primaries) > 1:
        found.append(Violation("one-primary", ", ".join(primaries),
                               f"{len(primaries)} primary actions on one page"))
    return found


def _tappable(widget: QWidget) -> bool:
    return isinstance(widget, QAbstractButton | QLineEdit | QAbstractItemView)


def _target(widget: QWidget, target: int) -> list[Violation]:
    if not _tappable(widget) or not widget.isEnabled():
        return []
    w, h = widget.width(), widget.height()
    if w >= target and h >= target:
        return []
    return [Violation("target", describe(widget), f"{w}×{h} px, needs {target}×{target}")]


def _text(widget: QWidget) -> list[Violation]:
    if not isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        return []
    if not (widget.text() if not isinstance(widget, QLineEdit) else True):
        return []
    font = widget.font()
    px = font.pixelSize() if font.pixelSize() > 0 else round(font.pointSizeF() * 96 / 72)
    if px >= MIN_TEXT_PX:
        return []
    return [Violation("text-size", describe(widget), f"{px} px text, needs {MIN_TEXT_PX}")]


def _name(widget: QWidget) -> list[Violation]:
    if not isinstance(widget, QAbstractButton | QLineEdit | QAbstractScrollArea):
        return []
    if isinstance(widget, QAbstractScrollArea) and not isinstance(widget, QAbstractItemView):
        return []
    if widget.accessibleName().strip():
        return []
    return [Violation("name", describe(widget), "no accessible name")]


def _colours(widget: QWidget) -> list[Violation]:
    role = str(widget.property("role") or "")
    if role not in KNOWN_ROLES:
        return [Violation("role", describe(widget), f"style role {role!r} is not in the theme")]
    if not isinstance(widget, QLabel | QAbstractButton) or not widget.text():
        return []
    palette = widget.palette()
    group = QPalette.ColorGroup.Active if widget.isEnabled() else QPalette.ColorGroup.Disabled
    fg_role = (QPalette.ColorRole.ButtonText if isinstance(widget, QAbstractButton)
               else QPalette.ColorRole.WindowText)
    bg_role = (QPalette.ColorRole.Button if isinstance(widget, QAbstractButton)
               else QPalette.ColorRole.Window)
    fg = palette.color(group, fg_role).name()
    bg = _background(widget, group, bg_role)
    ratio = contrast_ratio(fg, bg)
    if ratio >= MIN_CONTRAST:
        return []
    return [Violation("contrast", describe(widget), f"{fg} on {bg}: {ratio:.1f}:1, needs 7:1")]


def _background(widget: QWidget, group: QPalette.ColorGroup, role: QPalette.ColorRole) -> str:
    """The colour behind ``widget``: its own, or (transparent) the nearest parent's."""
    current: QWidget | None = widget
    while current is not None:
        colour = current.palette().color(group, role)
        if colour.alpha() > 0:
            return str(colour.name())
        current = current.parentWidget()
        role = QPalette.ColorRole.Window
    return "#ffffff"
