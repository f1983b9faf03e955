"""Where the kiosk keeps its data (``KIOSK_HOME``), through platformdirs and pathlib.

Layout of a data folder::

    KIOSK_HOME/
        outbox.sqlite3      the durable, encrypted outbox
        logs/               rotating logs (never personal data)
        receipts/           receipt PDFs waiting to be printed or reprinted
        reports/            exported reports
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "cultural-house-kiosk"
APP_AUTHOR = "kiosk"


def default_home() -> Path:
    """``KIOSK_HOME`` if set, else the platform's user data folder."""
    env = os.environ.get("KIOSK_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def throwaway_home() -> Path:
    """A fresh folder for demo/training data that is fictional and disposable."""
    return Path(tempfile.mkdtemp(prefix="kiosk-demo-"))


@dataclass(frozen=True)
class DataDir:
    """The folders below one ``KIOSK_HOME``; created on first use."""

    root: Path

    @property
    def outbox_db(self) -> Path:
        return self.root / "outbox.sqlite3"

    @property
    def logs(self) -> Path:
        return self._sub("logs")

    @property
    def receipts(self) -> Path:
        return self._sub("receipts")

    @property
    def reports(self) -> Path:
        return self._sub("reports")

    def ensure(self) -> DataDir:
        self.root.mkdir(parents=True, exist_ok=True)
        return self

    def _sub(self, name: str) -> Path:
        path = self.root / name
        path.mkdir(parents=True, exist_ok=True)
        return path
