"""Every user-facing message: both languages, the same placeholders, NFC Vietnamese."""

from __future__ import annotations

import importlib
import unicodedata
from pathlib import Path

import pytest

from kiosk.i18n import CATALOGUE, Text

ROOT = Path(__file__).resolve().parents[1]


def _import_everything() -> None:
    for package in ("kiosk", "forms", "printing", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.name == "__main__.py":
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            importlib.import_module(name)


def test_placeholders_match_between_languages_and_text_is_nfc() -> None:
    _import_everything()
    assert CATALOGUE, "no messages found"
    problems = []
    for text in CATALOGUE:
        if text.placeholders("vi") != text.placeholders("en"):
            problems.append(f"placeholders differ: {text.vi!r} / {text.en!r}")
        if not text.vi.strip() or not text.en.strip():
            problems.append(f"empty translation: {text.vi!r} / {text.en!r}")
        if unicodedata.normalize("NFC", text.vi) != text.vi:
            problems.append(f"not NFC: {text.vi!r}")
    assert not problems, "\n".join(problems)


def test_text_formats_in_each_language_and_normalises() -> None:
    decomposed = unicodedata.normalize("NFD", "Đã lưu hồ sơ {ref}")
    saved = Text(decomposed, "Application {ref} saved")
    assert saved("vi", ref="K1") == "Đã lưu hồ sơ K1"
    assert unicodedata.is_normalized("NFC", saved("vi", ref="K1"))
    assert saved("en", ref="K1") == "Application K1 saved"
    CATALOGUE.remove(saved)


@pytest.mark.parametrize("lang", ["vi", "xx"])
def test_unknown_language_falls_back_to_vietnamese(lang: str) -> None:
    hello = Text("Xin chào", "Hello")
    assert hello(lang) == "Xin chào"
    CATALOGUE.remove(hello)
