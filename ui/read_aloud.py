"""Read-aloud: the top bar's speaker button, and the voice behind it (GUI thread).

A tap on "Đọc to" reads the page (for a question: the question, its hint and
the current validation message) and keeps reading each new page, a new
validation message and the idle warning, until "Thôi đọc to" or the end of the
session. The voice is a Qt text-to-speech engine that has the language
(Windows' Vietnamese voice, speech-dispatcher), else espeak-ng
(:mod:`kiosk.speech`): its sound is made by a worker thread and played from
memory by a :class:`QAudioSink` (Qt's audio thread), so the screen never waits
for it. With no sound output, or no voice, the button stays tappable and says
why it cannot read (:attr:`Speaker.reason`); it follows speakers being plugged
in. QtMultimedia is loaded after the first paint (:meth:`Speaker.probe`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QObject, QSize, Signal

from kiosk.core.errors import OperationFailed
from kiosk.core.text import Text
from kiosk.speech import Espeak, Pcm, spoken
from ui.background import run_in_background
from ui.icons import SPEAKER, tinted_icon
from ui.theme import active_palette, repolish

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioSink, QMediaDevices
    from PySide6.QtTextToSpeech import QTextToSpeech
    from PySide6.QtWidgets import QPushButton

log = logging.getLogger("ui.read_aloud")

READ_ALOUD = Text("Đọc to", "Read aloud")
STOP_READING = Text("Thôi đọc to", "Stop reading")
NO_SPEAKER = Text("Máy này chưa đọc to được: máy chưa có loa. Bác nhờ tình nguyện viên nhé.",
                  "This computer cannot read aloud: it has no speaker. Please ask a volunteer.")
NO_VOICE = Text("Máy này chưa đọc to được: máy chưa cài giọng đọc. Bác nhờ tình nguyện viên nhé.",
                "This computer cannot read aloud: no voice is installed. Please ask a volunteer.")
_LANGUAGES = {"vi": QLocale.Language.Vietnamese, "en": QLocale.Language.English}


class Speaker(QObject):
    """Says text in "vi" or "en" on the default sound output; one utterance at a time."""

    changed = Signal()  # what :attr:`reason` says may have changed

    def __init__(self, parent: QObject | None = None, espeak_program: str = "") -> None:
        super().__init__(parent)
        self.probed = False
        self.reason: Text | None = None  # why it cannot speak, None when it can
        self._program = espeak_program
        self._espeak: Espeak | None = None
        self._devices: QMediaDevices | None = None
        self._voices: dict[str, QTextToSpeech | None] = {}
        self._sink: QAudioSink | None = None
        self._buffer: QBuffer | None = None
        self._said = 0  # bumps on every say/stop: a late sound is dropped

    # -- what this PC has -------------------------------------------------------------
    def probe(self) -> None:
        """Find espeak-ng (off the GUI thread) and the sound outputs; then ``changed``."""
        program = self._program
        run_in_background(lambda: Espeak.find(program), self._found, self._not_found,
                          owner=self)

    def _not_found(self, exc: BaseException) -> None:
        log.warning("read-aloud: looking for espeak-ng failed: %s", type(exc).__name__)
        self._found(None)

    def _found(self, espeak: Espeak | None) -> None:
        from PySide6.QtMultimedia import QMediaDevices

        self._espeak = espeak
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        from PySide6.QtMultimedia import QMediaDevices

        if not QMediaDevices.audioOutputs():
            self.reason = NO_SPEAKER
        elif self._espeak is None and self._qt_voice("vi") is None:
            self.reason = NO_VOICE
        else:
            self.reason = None
        self.probed = True
        log.info("read-aloud: %s", "ready" if self.reason is None else "unavailable")
        self.changed.emit()

    def _qt_voice(self, lang: str) -> QTextToSpeech | None:
        """A Qt engine's voice for ``lang`` (never Qt's silent test engine), found once."""
        if lang not in self._voices:
            from PySide6.QtTextToSpeech import QTextToSpeech

            self._voices[lang] = None
            for engine in QTextToSpeech.availableEngines():
                if engine == "mock":
                    continue
                tts = QTextToSpeech(engine, self)
                wanted = [loc for loc in tts.availableLocales()
                          if loc.language() == _LANGUAGES.get(lang)]
                if tts.state() != QTextToSpeech.State.Error and wanted:
                    tts.setLocale(wanted[0])
                    tts.setRate(-0.2)  # a little slower, for older ears
                    self._voices[lang] = tts
                    break
                tts.deleteLater()
        return self._voices[lang]

    # -- speaking ---------------------------------------------------------------------
    def say(self, parts: list[str], lang: str) -> None:
        """Say ``parts`` (stopping whatever was being said)."""
        self.stop()
        text = spoken(parts)
        if not text or self.reason is not None or not self.probed:
            return
        voice = self._qt_voice(lang)
        if voice is not None:
            voice.say(text)
            return
        espeak = self._espeak
        if espeak is None:
            return
        ticket = self._said
        run_in_background(lambda: espeak.synthesize(text, lang),
                          lambda pcm: self._play(pcm, ticket), self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        # The message names the program and its exit, never the words.
        log.warning("read-aloud: %s", exc if isinstance(exc, OperationFailed)
                    else type(exc).__name__)

    def _play(self, pcm: Pcm, ticket: int) -> None:
        from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices

        if ticket != self._said:
            return  # stopped, or something newer said, while the sound was being made
        audio = QAudioFormat()
        audio.setSampleRate(pcm.rate)
        audio.setChannelCount(pcm.channels)
        audio.setSampleFormat(QAudioFormat.SampleFormat.Int16 if pcm.sample_bytes == 2
                              else QAudioFormat.SampleFormat.UInt8)
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pcm.frames))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        sink = QAudioSink(QMediaDevices.defaultAudioOutput(), audio, self)
        self._sink, self._buffer = sink, buffer
        sink.start(buffer)

    @property
    def speaking(self) -> bool:
        from PySide6.QtMultimedia import QtAudio

        if self._sink is not None and self._sink.state() == QtAudio.State.ActiveState:
            return True
        return any(v is not None and v.state() == v.State.Speaking for v in self._voices.values())

    def stop(self) -> None:
        """Silence at once; a sound still being made is dropped when it comes."""
        self._said += 1
        if self._sink is not None:
            self._sink.stop()
            self._sink.deleteLater()
            self._sink = None
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.setData(QByteArray())
            self._buffer.deleteLater()
            self._buffer = None
        for voice in self._voices.values():
            if voice is not None:
                voice.stop()


class ReadAloud(QObject):
    """The session's read-aloud switch, on the top bar's button."""

    def __init__(self, button: QPushButton, tell: Callable[[str], None],
                 parent: QObject | None = None,
                 espeak_program: str = "") -> None:
        super().__init__(parent)
        self.button = button
        self.tell = tell  # shows a sentence to the resident
        self.on = False
        self.lang = "vi"
        self.speaker = Speaker(self, espeak_program)
        self.speaker.changed.connect(self._show)
        self.button.clicked.connect(self.toggle)
        self.button.hide()  # until the probe knows whether it can speak
        self._parts: list[str] = []
        self.on_change: Callable[[], None] = lambda: None  # the top bar makes room

    def start(self) -> None:
        self.speaker.probe()

    def toggle(self) -> None:
        reason = self.speaker.reason
        if reason is not None:
            self.tell(reason(self.lang))
            return
        self.on = not self.on
        self._show()
        if self.on:
            self.speaker.say(self._parts, self.lang)
        else:
            self.speaker.stop()

    def page(self, parts: list[str]) -> None:
        """A page is shown (or its words changed): read it when read-aloud is on."""
        self._parts = parts
        if self.on:
            self.speaker.say(parts, self.lang)

    def say(self, parts: list[str]) -> None:
        """Something new on the page (a validation message, the idle warning)."""
        if self.on:
            self.speaker.say(parts, self.lang)

    def reset(self) -> None:
        """The session ends: silence, and the next resident starts with it off."""
        self.on = False
        self._parts = []
        self.speaker.stop()
        self._show()

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self._show()

    def _show(self) -> None:
        button = self.button
        text = (STOP_READING if self.on else READ_ALOUD)(self.lang)
        button.setText(text)
        button.setAccessibleName(text)
        side = button.fontMetrics().height()  # a speaker for those who read little
        button.setIcon(tinted_icon(SPEAKER, active_palette().link, side))
        button.setIconSize(QSize(side, side))
        unavailable = self.speaker.reason is not None
        if button.property("unavailable") != unavailable:
            button.setProperty("unavailable", unavailable)
            repolish(button)
        button.setAccessibleDescription(self.speaker.reason(self.lang) if unavailable
                                        and self.speaker.reason is not None else "")
        button.setVisible(self.speaker.probed)
        self.on_change()
