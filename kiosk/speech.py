"""Offline speech for read-aloud: the words a page says, and espeak-ng's voice (Qt-free).

The kiosk reads a page aloud with QtTextToSpeech where the PC has a Vietnamese
voice (Windows with the Vietnamese speech pack, speech-dispatcher on Linux),
otherwise with espeak-ng, which ships Vietnamese (``vi``) and English voices
and runs offline. This module holds the part that needs no Qt: turning what a
page shows into one sentence to say (:func:`spoken`), finding espeak-ng
(:meth:`Espeak.find`) and making the sound in memory (:meth:`Espeak.synthesize`
returns :class:`Pcm`; nothing is written to disk). ``ui.read_aloud`` plays it.

Threads: :meth:`Espeak.synthesize` runs a child process and blocks until it
ends; call it off the GUI thread. What is said is never logged (a validation
message may repeat what the resident typed).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import unicodedata
import wave
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import OperationFailed

VOICES = {"vi": "vi", "en": "en"}  # espeak-ng's voice for each language of the kiosk
WORDS_PER_MINUTE = 140  # a little slower than espeak's 175: for older ears
SYNTH_TIMEOUT_S = 20.0
# Marks the screen draws that mean nothing read aloud (the words beside them say it).
_SILENT = dict.fromkeys(map(ord, "⌫☐☑○●✓✔✗→←↑↓•·*"), " ")


def spoken(parts: list[str]) -> str:
    """What the voice says for a page's pieces: NFC, marks dropped, one sentence each."""
    sentences = []
    for part in parts:
        text = " ".join(unicodedata.normalize("NFC", part).translate(_SILENT).split())
        if text:
            sentences.append(text if text[-1] in ".?!:…" else text + ".")
    return " ".join(sentences)


@dataclass(frozen=True)
class Pcm:
    """Sound in memory: signed little-endian samples."""

    rate: int
    channels: int
    sample_bytes: int
    frames: bytes

    @property
    def seconds(self) -> float:
        return len(self.frames) / max(1, self.rate * self.channels * self.sample_bytes)


def parse_wav(data: bytes) -> Pcm:
    """A WAV file's samples (espeak-ng's ``--stdout`` header has no true length: read to
    the end)."""
    try:
        with wave.open(io.BytesIO(data)) as wav:
            rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
            frames = wav.readframes(1 << 31)
    except (wave.Error, EOFError) as exc:
        raise OperationFailed(f"speech: espeak-ng gave no sound ({exc})") from exc
    return Pcm(rate, channels, width, frames)


@dataclass(frozen=True)
class Espeak:
    """The espeak-ng program on this PC."""

    program: Path

    @classmethod
    def find(cls, configured: str = "") -> Espeak | None:
        """``configured`` (a path) if given, else espeak-ng on the PATH or where its
        Windows installer puts it."""
        candidates = [configured] if configured else ["espeak-ng", "espeak"]
        for name in candidates:
            found = shutil.which(name)
            if found:
                return cls(Path(found))
        if sys.platform == "win32" and not configured:
            for root in (os.environ.get("PROGRAMFILES", ""), os.environ.get("PROGRAMFILES(X86)", "")):
                exe = Path(root) / "eSpeak NG" / "espeak-ng.exe"
                if root and exe.is_file():
                    return cls(exe)
        return None

    def argv(self, lang: str) -> list[str]:
        """The command line; the text goes on standard input (no length limit, no shell)."""
        return [str(self.program), "-b", "1", "-v", VOICES.get(lang, "vi"),
                "-s", str(WORDS_PER_MINUTE), "--stdout"]  # -b 1: the text is UTF-8

    def synthesize(self, text: str, lang: str) -> Pcm:
        """``text`` said in ``lang``, as sound in memory. Blocks: off the GUI thread."""
        try:
            done = subprocess.run(self.argv(lang), input=text.encode("utf-8"),
                                  capture_output=True, timeout=SYNTH_TIMEOUT_S, check=False,
                                  creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OperationFailed(f"speech: espeak-ng did not run ({exc})") from exc
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip()[-200:]
            raise OperationFailed(f"speech: espeak-ng exit {done.returncode}: {detail}")
        return parse_wav(done.stdout)
