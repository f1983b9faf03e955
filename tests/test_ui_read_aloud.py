"""Read-aloud: the top bar's speaker reads the page on a real sound output (a null sink
of a private PulseAudio server, recorded from its monitor), and says why it cannot
where the PC has no sound output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.services import service_missing
from ui.driver import Driver, wait_until
from ui.read_aloud import NO_SPEAKER, READ_ALOUD, STOP_READING
from ui.screens.question import QuestionScreen

ROOT = Path(__file__).resolve().parents[1]


def _sink() -> str:
    sink = os.environ.get("KIOSK_TEST_SOUND_SINK", "")
    if not sink or not os.environ.get("PULSE_SERVER"):
        service_missing("no test sound server (apt-get install pulseaudio pulseaudio-utils; "
                        "make test starts it)")
    return sink


class Recorder:
    """What the null output plays, recorded from its monitor as 16-bit mono at 8 kHz."""

    def __init__(self, sink: str) -> None:
        self.process = subprocess.Popen(
            ["parec", "-d", f"{sink}.monitor", "--raw", "--format=s16le", "--channels=1",
             "--rate=8000", "--latency-msec=50"], stdout=subprocess.PIPE)

    def loudest(self) -> int:
        self.process.terminate()
        data, _ = self.process.communicate(timeout=10)
        samples = memoryview(data[: len(data) // 2 * 2]).cast("h")
        return max((abs(s) for s in samples), default=0)


def _ready(window: Any) -> None:
    window.read_aloud.start()
    wait_until(lambda: window.read_aloud.speaker.probed, 30, "the read-aloud probe")


@pytest.mark.slow
def test_the_speaker_reads_the_question_aloud_and_each_new_page(qtbot: Any,
                                                                kiosk_window: Any) -> None:
    sink = _sink()
    window = kiosk_window()
    _ready(window)
    driver = Driver(window)
    button = driver.button("read-aloud")
    assert button.isVisible() and window.read_aloud.speaker.reason is None
    assert button.text() == READ_ALOUD("vi")
    driver.start_procedure("birth_registration")
    page = driver.page(QuestionScreen)
    assert page.spoken_parts()[0] == page.heading.text()
    recorder = Recorder(sink)
    time.sleep(0.3)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.text() == STOP_READING("vi")
    speaker = window.read_aloud.speaker
    wait_until(lambda: speaker.speaking, 15, "the question being read")
    wait_until(lambda: not speaker.speaking, 30, "the reading to end")
    assert recorder.loudest() > 1000  # a voice came out of the speaker
    # Still on: the next page is read without a tap; "Thôi đọc to" silences it at once.
    example = window.ctx.catalogue.get("birth_registration").example
    assert driver.answer(example.get(driver.current_question() or "")) is None
    wait_until(lambda: speaker.speaking, 15, "the next question being read")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not speaker.speaking and button.text() == READ_ALOUD("vi")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    window.wipe_session()  # the next resident starts with it off, in silence
    assert not window.read_aloud.on and not speaker.speaking
    assert button.text() == READ_ALOUD("vi")


def test_a_question_page_says_its_question_hint_and_message(kiosk_window: Any) -> None:
    window = kiosk_window()
    driver = Driver(window)
    driver.start_procedure("birth_registration")
    while driver.current_question() != "child_birth_date":
        assert driver.answer(window.ctx.catalogue.get("birth_registration").example
                             .get(driver.current_question() or "")) is None
    page = driver.page(QuestionScreen)
    assert page.spoken_parts() == [page.heading.text(), page.hint.text()]
    driver.tap("continue")  # nothing typed: a message
    assert page.widget is not None
    error = page.widget.error()
    assert error and page.spoken_parts() == [page.heading.text(), page.hint.text(), error]
    window.wipe_session()


_NO_SOUND = """
import json, sys
from pathlib import Path
from ui.commands.common import demo_context
from ui.commands.run import close_context
from ui.commands.tour import Tour
from ui.driver import wait_until
ctx = demo_context()
tour = Tour(ctx, Path("."), "vi")
w = tour.window
button = w.frame.read_aloud
button.click()
print(json.dumps({"visible": button.isVisible(), "unavailable": button.property("unavailable"),
                  "notice": w.frame.notice_text.text() if w.frame.notice.isVisible() else "",
                  "on": w.read_aloud.on}))
w.shutdown()
close_context(ctx)
"""


def test_without_a_sound_output_the_speaker_says_why(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PULSE_SERVER": f"unix:{tmp_path / 'no-server'}", "PYTHONPATH": str(ROOT)}
    env.pop("KIOSK_HOME", None)
    done = subprocess.run([sys.executable, "-c", _NO_SOUND], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-800:]
    state = json.loads(done.stdout.strip().splitlines()[-1])
    assert state == {"visible": True, "unavailable": True, "notice": NO_SPEAKER("vi"),
                     "on": False}
