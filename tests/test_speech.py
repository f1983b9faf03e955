"""The words read aloud and espeak-ng's voice, made in memory (a real espeak-ng)."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from kiosk.core.errors import OperationFailed
from kiosk.speech import Espeak, parse_wav, spoken
from tests.services import service_missing


def test_a_page_is_said_as_sentences_without_the_screens_marks() -> None:
    decomposed = unicodedata.normalize("NFD", "Cháu sinh ngày nào?")
    said = spoken([decomposed, "  Ngày/tháng/năm,\n ví dụ 05/09/2025 ", "", "⌫ Xóa", "☑ Tôi cam đoan"])
    assert said == ("Cháu sinh ngày nào? Ngày/tháng/năm, ví dụ 05/09/2025. Xóa. Tôi cam đoan.")
    assert unicodedata.is_normalized("NFC", said)
    assert spoken(["", "  ", "→"]) == ""


def test_what_is_not_a_sound_gets_a_plain_message() -> None:
    with pytest.raises(OperationFailed, match="espeak-ng gave no sound"):
        parse_wav(b"not a wav file")


def test_a_program_that_is_not_there_is_not_found() -> None:
    assert Espeak.find("/nowhere/espeak-ng") is None


def test_a_voice_that_fails_says_how_without_the_words() -> None:
    broken = Espeak(Path(sys.executable))  # python refuses espeak's options: exit 2
    with pytest.raises(OperationFailed, match="exit 2") as caught:
        broken.synthesize("Nguyễn Văn An", "vi")
    assert "Nguyễn" not in str(caught.value)


def _espeak() -> Espeak:
    found = Espeak.find()
    if found is None:
        service_missing("espeak-ng is not installed (apt-get install espeak-ng)")
    assert found is not None
    return found


def test_espeak_says_vietnamese_in_memory_longer_for_more_words() -> None:
    espeak = _espeak()
    short = espeak.synthesize("Cháu sinh ngày nào?", "vi")
    long = espeak.synthesize("Cháu sinh ngày nào? Ngày tháng năm, ví dụ mùng năm tháng chín "
                             "năm hai nghìn không trăm hai mươi lăm.", "vi")
    assert (short.rate, short.channels, short.sample_bytes) == (22050, 1, 2)
    assert 0.5 < short.seconds < 5 < long.seconds < 20
    loudest = max(abs(int.from_bytes(short.frames[i:i + 2], "little", signed=True))
                  for i in range(0, len(short.frames) - 1, 2))
    assert loudest > 1000  # a voice, not silence
    english = espeak.synthesize("Cháu sinh ngày nào?", "en")
    assert english.frames != short.frames  # the language picks the voice
