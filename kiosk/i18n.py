"""One translation mechanism for every user-facing string, Qt-free.

A :class:`Text` holds the Vietnamese and English wording of one message.
Every Text made anywhere is recorded in :data:`CATALOGUE`, so a test can check
that both languages use the same ``{placeholders}`` and that Vietnamese is NFC.

    SAVED = Text("Đã lưu hồ sơ {ref}", "Application {ref} saved")
    SAVED("vi", ref="HN-7K3P")
"""

from __future__ import annotations

import string
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

Lang = Literal["vi", "en"]
LANGUAGES: tuple[Lang, ...] = ("vi", "en")

CATALOGUE: list[Text] = []


@dataclass(frozen=True)
class Text:
    """A message in Vietnamese (first) and English."""

    vi: str
    en: str

    def __post_init__(self) -> None:
        # Normalise once here so no caller can leak decomposed diacritics.
        object.__setattr__(self, "vi", unicodedata.normalize("NFC", self.vi))
        object.__setattr__(self, "en", unicodedata.normalize("NFC", self.en))
        CATALOGUE.append(self)

    def __call__(self, lang: str = "vi", **values: Any) -> str:
        template = self.en if lang == "en" else self.vi
        return template.format(**values) if values else template

    def placeholders(self, lang: Lang) -> set[str]:
        template = self.en if lang == "en" else self.vi
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def nfc(value: str) -> str:
    """Vietnamese text as stored and shown everywhere: NFC."""
    return unicodedata.normalize("NFC", value)


def pick(lang: str, vi: str, en: str) -> str:
    """Choose between two already-translated strings (e.g. from a procedure file)."""
    return en if lang == "en" and en else vi
