"""The kiosk's look: palette, sizes, the kiosk's own font and one style sheet (GUI thread only).

The font (Noto Sans) and the style sheet template ship in ``assets``; here the
palette and sizes fill the template in, so every PC shows the same screens.

Calm, government-grade clarity in the spirit of the GOV.UK design system: near
black text on white, one green primary action per page, generous whitespace.
Every text/background pair reaches a contrast of at least 7:1 (WCAG AAA; the
test computes it) and every control's edge 3:1, in the normal palette and in the
high-contrast one (:data:`HIGH_CONTRAST`, switched on from the welcome page), body text is at least 24 px (about 30 px with the
large-text switch), and every touch target is at least 64 px high and wide.

Widgets take their look from a *role*, a dynamic property the style sheet
selects on, never from inline colours::

    button = QPushButton("Tiếp tục")
    set_role(button, Role.PRIMARY)

Roles: ``primary`` (the one main action), ``secondary`` (Back, Change...),
``tile`` (big procedure tiles), ``link``, ``heading``, ``title``, ``hint``,
``error``, ``banner`` (offline), ``mark`` (DEMO / TẬP HUẤN), ``code`` (the
application code in very large type), ``panel`` (a calm boxed area), ``success`` (the green confirmation panel),
``caption`` (small print such as "Bước 3/9"); for question widgets ``choice``
(a big checkable answer button), ``key`` (numeric pad key), ``field`` (an input).
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass
from enum import StrEnum
from string import Template

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QWidget

import assets
from assets import Weight

# Letters that catch fonts without Vietnamese coverage (stacked diacritics, đ, ơ, ư).
VIETNAMESE_SAMPLE = "ĐđƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"


class Role(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"
    TILE = "tile"
    LINK = "link"
    HEADING = "heading"
    TITLE = "title"
    HINT = "hint"
    ERROR = "error"
    BANNER = "banner"
    MARK = "mark"
    CODE = "code"
    PANEL = "panel"
    SUCCESS = "success"
    CAPTION = "caption"
    CHOICE = "choice"
    KEY = "key"
    FIELD = "field"


@dataclass(frozen=True)
class Palette:
    """Colours as ``#rrggbb``. Pairs used together are listed in :func:`contrast_pairs`."""

    text: str = "#0b0c0c"  # GOV.UK text
    background: str = "#ffffff"
    muted: str = "#383f43"  # hints, captions: still >= 7:1 on white
    primary: str = "#00482a"  # a deeper GOV.UK green so white text reaches 7:1
    primary_pressed: str = "#002d1a"
    on_primary: str = "#ffffff"
    secondary: str = "#e8e8e6"
    secondary_pressed: str = "#c9c9c6"
    on_secondary: str = "#0b0c0c"
    tile: str = "#f3f2f1"
    tile_border: str = "#505a5f"
    error: str = "#8e1f0c"  # dark GOV.UK red, >= 7:1 on white
    focus: str = "#ffdd00"  # GOV.UK focus yellow, always with black text
    on_focus: str = "#0b0c0c"
    link: str = "#0b3d73"
    banner: str = "#0b0c0c"
    on_banner: str = "#ffdd00"
    mark: str = "#6f0e41"  # DEMO / TẬP HUẤN
    on_mark: str = "#ffffff"
    panel: str = "#f3f2f1"
    border: str = "#505a5f"
    disabled: str = "#d8d8d6"
    on_disabled: str = "#2c2f31"
    field_focus: str = "#fffbe0"  # a text box being typed in


PALETTE = Palette()
# White and yellow on black, for weak eyes and glare: the same roles, every text pair
# at least 7:1 and every control's edge at least 3:1 (the tests compute both). The
# states never rest on colour alone: marks (○ ●, ☐ ☑), words and borders say them too.
HIGH_CONTRAST = Palette(
    text="#ffffff", background="#000000", muted="#e6e6e6",
    primary="#ffdd00", primary_pressed="#c8ad00", on_primary="#000000",
    secondary="#000000", secondary_pressed="#333333", on_secondary="#ffffff",
    tile="#000000", tile_border="#ffffff", error="#ff9e9e", focus="#ffdd00", on_focus="#000000",
    link="#9fd7ff", banner="#ffdd00", on_banner="#000000", mark="#ffffff", on_mark="#000000",
    panel="#1c1c1c", border="#ffffff", disabled="#3a3a3a", on_disabled="#f0f0f0",
    field_focus="#1f1c00",
)


def palette(high_contrast: bool = False) -> Palette:
    return HIGH_CONTRAST if high_contrast else PALETTE


def large_text_on() -> bool:
    """The application's large-text switch now (``apply_theme`` sets it on the app)."""
    app = QApplication.instance()
    return bool(app.property("large_text")) if app is not None else False


def active_palette() -> Palette:
    """The palette the application shows now (``apply_theme`` sets the switch on it)."""
    app = QApplication.instance()
    return palette(bool(app.property("high_contrast")) if app is not None else False)


@dataclass(frozen=True)
class Sizes:
    """Pixel sizes; the large-text switch scales text (targets only grow)."""

    body: int
    heading: int
    title: int
    code: int
    caption: int
    target: int  # minimum height and width of anything tappable
    spacing: int  # between buttons
    margin: int  # around a page


def sizes(large_text: bool = False) -> Sizes:
    if large_text:
        return Sizes(body=30, heading=44, title=56, code=84, caption=26, target=80,
                     spacing=28, margin=48)
    return Sizes(body=24, heading=36, title=46, code=72, caption=24, target=64,
                 spacing=24, margin=48)


def contrast_pairs(p: Palette = PALETTE) -> list[tuple[str, str, str]]:
    """Every (name, foreground, background) pair the style sheet puts together."""
    return [
        ("text on background", p.text, p.background),
        ("muted on background", p.muted, p.background),
        ("primary button", p.on_primary, p.primary),
        ("primary pressed", p.on_primary, p.primary_pressed),
        ("secondary button", p.on_secondary, p.secondary),
        ("secondary pressed", p.on_secondary, p.secondary_pressed),
        ("tile", p.text, p.tile),
        ("error on background", p.error, p.background),
        ("focus", p.on_focus, p.focus),
        ("link on background", p.link, p.background),
        ("banner", p.on_banner, p.banner),
        ("mark", p.on_mark, p.mark),
        ("panel", p.text, p.panel),
        ("success panel", p.on_primary, p.primary),
        ("muted on panel", p.muted, p.panel),
        ("disabled", p.on_disabled, p.disabled),
        ("text in a box being typed in", p.text, p.field_focus),
    ]


def edge_pairs(p: Palette = PALETTE) -> list[tuple[str, str, str]]:
    """Every control's edge against what is around it: at least 3:1 (WCAG 1.4.11)."""
    return [
        ("primary button", p.primary, p.background),
        ("button border", p.border, p.background),
        ("tile border", p.tile_border, p.background),
        ("choice border", p.tile_border, p.background),
        ("text box border", p.text, p.background),
        ("chosen choice", p.primary, p.tile),
        ("error border", p.error, p.background),
        ("focus underline", p.text, p.background),
    ]


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio, 1.0 to 21.0."""
    a, b = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def missing_vietnamese(family: str) -> str:
    """The Vietnamese letters the font ``family`` has no glyph for ('' = full coverage)."""
    metrics = QFontMetrics(QFont(family))
    return "".join(c for c in VIETNAMESE_SAMPLE if not metrics.inFontUcs4(ord(c)))


@functools.cache
def font_family() -> str:
    """The kiosk's own font (``assets/fonts``), loaded into Qt once; a QGuiApplication
    must exist. A PC's own fonts are never relied on."""
    loaded: set[str] = set()
    for weight in Weight:
        font_id = QFontDatabase.addApplicationFontFromData(QByteArray(assets.font(weight)))
        if font_id < 0:
            raise RuntimeError(f"Qt could not load assets/fonts/{weight.value}")
        loaded.update(QFontDatabase.applicationFontFamilies(font_id))
    if assets.FONT_FAMILY not in loaded:
        raise RuntimeError(f"assets/fonts hold {sorted(loaded)}, not {assets.FONT_FAMILY}")
    return assets.FONT_FAMILY


def stylesheet(large_text: bool = False, p: Palette = PALETTE) -> str:
    """The one QSS for the whole application: ``assets/style.qss`` filled in."""
    s = sizes(large_text)
    pad = max(12, s.target // 4)
    values: dict[str, object] = {**asdict(p), **asdict(s), "font": font_family(), "pad": pad,
                                 "pad_wide": pad * 2, "choice_height": s.target + 8,
                                 "key_width": s.target + 16}
    return Template(assets.style_sheet()).substitute(values)


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property (a role, ``unavailable``) changed,
    or after its parent's did (a label inside a frame whose role changed)."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def set_role(widget: QWidget, role: Role | str) -> None:
    """Give ``widget`` a style role and re-polish it so the change shows at once."""
    widget.setProperty("role", str(role))
    repolish(widget)


def apply_theme(app: QApplication, large_text: bool = False, high_contrast: bool = False) -> None:
    """Set the font and the style sheet on the whole application (re-callable)."""
    font = QFont(font_family())
    font.setPixelSize(sizes(large_text).body)
    app.setFont(font)
    app.setProperty("large_text", large_text)
    app.setProperty("high_contrast", high_contrast)
    colours = palette(high_contrast)
    app.setPalette(qt_palette(colours))
    app.setStyleSheet(stylesheet(large_text, colours))


def qt_palette(p: Palette) -> QPalette:
    """The same colours for what the style sheet does not paint (plain containers, the
    cursor, selections), so nothing shows Qt's grey behind the theme's text."""
    roles = QPalette.ColorRole
    qt = QPalette()
    for role, colour in ((roles.Window, p.background), (roles.WindowText, p.text),
                         (roles.Base, p.background), (roles.AlternateBase, p.panel),
                         (roles.Text, p.text), (roles.Button, p.secondary),
                         (roles.ButtonText, p.on_secondary), (roles.Highlight, p.primary),
                         (roles.HighlightedText, p.on_primary), (roles.Link, p.link),
                         (roles.ToolTipBase, p.background), (roles.ToolTipText, p.text),
                         (roles.PlaceholderText, p.muted)):
        qt.setColor(role, QColor(colour))
    return qt
