"""Every user-facing message: both languages, the same placeholders, NFC, defined once.

The messages are found where they live: every :class:`Text` held by a module
(as a constant, a class attribute, or inside a dict, list or tuple of them) in
``kiosk``, ``forms``, ``printing`` and ``ui``.
"""

from __future__ import annotations

import dataclasses
import importlib
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from kiosk.core.text import Text

ROOT = Path(__file__).resolve().parents[1]


def _modules() -> Iterator[ModuleType]:
    for package in ("kiosk", "forms", "printing", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.name == "__main__.py":
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            yield importlib.import_module(name)


def _texts_in(value: object, where: str, depth: int = 0) -> Iterator[tuple[str, Text]]:
    if isinstance(value, Text):
        yield where, value
    elif depth < 2 and isinstance(value, dict):
        for key, item in value.items():
            yield from _texts_in(item, f"{where}[{key}]", depth + 1)
    elif depth < 2 and isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _texts_in(item, f"{where}[{i}]", depth + 1)


def catalogue() -> dict[int, tuple[str, Text]]:
    """Every message the code defines, by identity (one object may be imported elsewhere)."""
    found: dict[int, tuple[str, Text]] = {}
    for module in _modules():
        owners: list[tuple[str, dict[str, object]]] = [(module.__name__, vars(module))]
        owners += [(f"{module.__name__}.{name}", _class_texts(cls))
                   for name, cls in vars(module).items()
                   if isinstance(cls, type) and cls.__module__ == module.__name__]
        for owner, names in owners:
            for name, value in names.items():
                for where, text in _texts_in(value, f"{owner}.{name}"):
                    found.setdefault(id(text), (where, text))
    return found


def _class_texts(cls: type) -> dict[str, object]:
    """A class's own attributes, less a dataclass's field defaults (an empty hint is data)."""
    defaults = {f.name for f in dataclasses.fields(cls)} if dataclasses.is_dataclass(cls) else set()
    return {name: value for name, value in vars(cls).items() if name not in defaults}


MESSAGES = catalogue()


def test_the_catalogue_finds_the_messages() -> None:
    names = {where for where, _ in MESSAGES.values()}
    assert len(MESSAGES) > 200
    assert "kiosk.outbox.messages.OFFLINE_BANNER" in names
    assert any(name.startswith("ui.screens.review.") for name in names)


def test_placeholders_match_between_languages_and_text_is_nfc() -> None:
    problems = []
    for where, text in MESSAGES.values():
        if text.placeholders("vi") != text.placeholders("en"):
            problems.append(f"{where}: placeholders differ: {text.vi!r} / {text.en!r}")
        if not text.vi.strip() or not text.en.strip():
            problems.append(f"{where}: empty translation: {text.vi!r} / {text.en!r}")
        if not unicodedata.is_normalized("NFC", text.vi):
            problems.append(f"{where}: not NFC: {text.vi!r}")
    assert not problems, "\n".join(problems)


def test_each_sentence_is_defined_once() -> None:
    places: dict[tuple[str, str], list[str]] = defaultdict(list)
    for where, text in MESSAGES.values():
        places[(text.vi, text.en)].append(where)
    twice = {words: where for words, where in places.items() if len(where) > 1}
    assert not twice, "\n".join(f"{vi!r} / {en!r}: {', '.join(where)}"
                                for (vi, en), where in twice.items())


def test_text_formats_in_each_language_and_normalises() -> None:
    decomposed = unicodedata.normalize("NFD", "Đã lưu hồ sơ {ref}")
    saved = Text(decomposed, "Application {ref} saved")
    assert saved("vi", ref="K1") == "Đã lưu hồ sơ K1"
    assert unicodedata.is_normalized("NFC", saved("vi", ref="K1"))
    assert saved("en", ref="K1") == "Application K1 saved"
    assert saved.filled(ref="K1") == Text("Đã lưu hồ sơ K1", "Application K1 saved")


@pytest.mark.parametrize("lang", ["vi", "xx"])
def test_unknown_language_falls_back_to_vietnamese(lang: str) -> None:
    assert Text("Xin chào", "Hello")(lang) == "Xin chào"


def test_a_missing_english_wording_falls_back_to_vietnamese() -> None:
    """Procedure files may leave a translation out: the screen shows Vietnamese, never a blank."""
    assert Text("Giấy chứng sinh")("en") == "Giấy chứng sinh"
    assert Text("Số {n}").filled(n=3)("en") == "Số 3"
