"""Accessibility checks of what is on screen (GUI thread): targets, text, names, contrast.

:func:`audit_widget` looks at every visible widget under a screen:

* tappable things (buttons, inputs, list views) at least 64 × 64 px
  (the large-text switch raises this to 80 px; on-screen keys side by side
  may stay narrower than that, never under 64 px);
* text at least 24 px (the theme's floor for body text and captions);
* every button and input has an accessible name (what a screen reader says);
* one primary action per page;
* text colour on its background at least 7:1, read from the widget's palette
  after the style sheet is applied (roles the theme does not know are flagged).
  The palette does not follow pseudo-states such as ``:checked``; those colour
  pairs are covered by ``ui.theme.contrast_pairs`` and its test;
* what a resident can actually reach (``in-view``): every enabled target of the
  input in use (keys, the field with the cursor, lists) and every target outside
  the scrolling content (the action bar, the fixed input area, the top bar) lies
  wholly in view: not cut by the window or a scroll area's edge, not covered by
  another widget (the widget under its centre and corners is the target itself).
  Other targets in the scrolling content may lie below the fold: the page
  scrolls to them;
* no clipped text (``clipped``): a button's or single-line label's text fits its
  width, a wrapping label's lines fit its height.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QScrollBar,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from ui.theme import Role, active_palette, contrast_ratio, sizes

MIN_TEXT_PX = 24
FLOOR_PX = 64  # the smallest target, each way, whatever the text size
MIN_CONTRAST = 7.0
KNOWN_ROLES = {str(r) for r in Role} | {"", "row"}


@dataclass(frozen=True)
class Violation:
    rule: str  # "target", "text-size", "name", "contrast", "role", "one-primary", "in-view",
    # "clipped"
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
        found += _in_view(widget, root) + _clipped(widget)
        if isinstance(widget, QAbstractButton) and widget.property("role") == "primary":
            primaries.append(describe(widget))
    if len(primaries) > 1:
        found.append(Violation("one-primary", ", ".join(primaries),
                               f"{len(primaries)} primary actions on one page"))
    return found


def _tappable(widget: QWidget) -> bool:
    return isinstance(widget, QAbstractButton | QLineEdit | QAbstractItemView)


def _target(widget: QWidget, target: int) -> list[Violation]:
    """At least ``target`` px high and wide; large text raises the height (80 px) while
    keys packed side by side may stay narrower, never under the 64 px floor."""
    if not _tappable(widget) or not widget.isEnabled():
        return []
    w, h = widget.width(), widget.height()
    wide = target if widget.property("role") != "key" else min(target, FLOOR_PX)
    if w >= wide and h >= target:
        return []
    return [Violation("target", describe(widget), f"{w}×{h} px, needs {wide}×{target}")]


def _input_in_use(widget: QWidget) -> bool:
    """Keys, the field being typed into, lists: what the resident types or picks with."""
    if widget.property("role") == "key" or isinstance(widget, QAbstractItemView):
        return True
    return isinstance(widget, QLineEdit) and widget.window().focusWidget() is widget


def _scrolled_content(widget: QWidget) -> QScrollArea | None:
    """The scroll area whose content holds ``widget`` (lists scroll inside themselves)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _visible_rect(widget: QWidget, root: QWidget) -> QRect:
    """The part of ``widget`` (in ``root``'s coordinates) that its ancestors do not cut off."""
    rect = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not root.parentWidget():
        area = QRect(parent.mapTo(root, QPoint(0, 0)), parent.size())
        rect = rect.intersected(area)
        if parent is root:
            break
        parent = parent.parentWidget()
    return rect


def _covered(widget: QWidget, root: QWidget, rect: QRect) -> bool:
    """Another widget is on top of ``widget`` at its centre or near a corner."""
    inset = rect.adjusted(4, 4, -4, -4)
    for point in (rect.center(), inset.topLeft(), inset.topRight(), inset.bottomLeft(),
                  inset.bottomRight()):
        top = root.childAt(point)
        if top is None:
            continue
        if top is not widget and not widget.isAncestorOf(top):
            return True
    return False


def _in_view(widget: QWidget, root: QWidget) -> list[Violation]:
    if not _tappable(widget) or not widget.isEnabled() or widget.width() <= 0:
        return []
    full = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
    seen = _visible_rect(widget, root)
    scroller = _scrolled_content(widget)
    if not (_input_in_use(widget) or scroller is None):
        return []
    if seen.isEmpty():
        return [Violation("in-view", describe(widget), "out of view: the resident cannot "
                          "reach it" + (" without scrolling" if scroller else ""))]
    if seen != full:
        return [Violation("in-view", describe(widget),
                          f"only {seen.width()}×{seen.height()} of {full.width()}×"
                          f"{full.height()} px in view: cut by the edge of its area")]
    if _covered(widget, root, full):
        return [Violation("in-view", describe(widget), "covered by another widget")]
    return []


def _clipped(widget: QWidget) -> list[Violation]:
    if isinstance(widget, QPushButton) and widget.text():
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        room = widget.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option,
                                             widget).width()  # inside the style's padding
        metrics = widget.fontMetrics()
        needed = max(metrics.horizontalAdvance(line) for line in widget.text().split("\n"))
        if not widget.icon().isNull():
            needed += widget.iconSize().width() + 4
        if needed > room + 1:
            return [Violation("clipped", describe(widget),
                              f"text needs {needed} px, the button has {room} px inside")]
        return []
    if not isinstance(widget, QLabel) or not widget.text() or not widget.pixmap().isNull():
        return []
    if widget.wordWrap():
        needed = widget.heightForWidth(widget.width())
        if needed > widget.height() + 1:
            return [Violation("clipped", describe(widget),
                              f"text needs {needed} px of height, the label has {widget.height()}")]
        return []
    needed = widget.sizeHint().width()
    if needed > widget.width() + 1:
        return [Violation("clipped", describe(widget),
                          f"text needs {needed} px, the label is {widget.width()} px wide")]
    return []


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
        if (current is not widget and isinstance(current, QAbstractButton)
                and current.isChecked() and current.property("role") == "choice"):
            return active_palette().primary  # the style sheet's :checked colour (palettes miss it)
        colour = current.palette().color(group, role)
        if colour.alpha() > 0:
            return str(colour.name())
        current = current.parentWidget()
        role = QPalette.ColorRole.Window
    return active_palette().background
