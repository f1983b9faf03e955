"""One bilingual text mechanism for every user-facing string, Qt-free.

A :class:`Text` holds the Vietnamese (first) and English wording of one
message: the kiosk's own sentences, defined once as module constants, and the
wording read from procedure files (names, questions, papers)::

    SAVED = Text("Đã lưu hồ sơ {ref}", "Application {ref} saved")
    SAVED("vi", ref="HN-7K3P")            # 'Đã lưu hồ sơ HN-7K3P'
    SAVED.filled(ref="HN-7K3P")           # a Text again, in both languages

Vietnamese is stored in NFC whatever the source gave. An English wording left
empty (a procedure file with no translation yet) falls back on the Vietnamese,
so a screen never shows a blank. ``tests/test_text.py`` finds every constant
in the code and checks both languages use the same ``{placeholders}``, and
that each sentence is defined once.
"""

from __future__ import annotations

import string
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

Lang = Literal["vi", "en"]
LANGUAGES: tuple[Lang, ...] = ("vi", "en")


@dataclass(frozen=True)
class Text:
    """A message in Vietnamese (first) and English."""

    vi: str
    en: str = ""

    def __post_init__(self) -> None:
        # Normalise once here so no caller can leak decomposed diacritics.
        object.__setattr__(self, "vi", nfc(self.vi))
        object.__setattr__(self, "en", nfc(self.en))

    def __call__(self, lang: str = "vi", **values: Any) -> str:
        template = self.template(lang)
        return template.format(**values) if values else template

    def template(self, lang: str) -> str:
        """The wording in ``lang`` with its placeholders (Vietnamese for any other language)."""
        return self.en if lang == "en" and self.en else self.vi

    def filled(self, **values: Any) -> Text:
        """The same message with its placeholders filled in, still in both languages."""
        return Text(self.vi.format(**values), self.en.format(**values) if self.en else "")

    def placeholders(self, lang: Lang) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(self.template(lang)) if name}


def nfc(value: str) -> str:
    """Vietnamese text as stored and shown everywhere: NFC."""
    return unicodedata.normalize("NFC", value)
