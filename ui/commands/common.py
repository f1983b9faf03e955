"""What the offscreen GUI commands (``kiosk tour``, ``kiosk audit``) share."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from kiosk.core.errors import BadInput


def offscreen_output(folder: str) -> Path:
    """Qt offscreen (unless told otherwise) and the ``--out`` folder, made if needed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInput(f"--out {out}: cannot create the folder ({exc.strerror})") from None
    return out


def demo_context() -> Any:
    """A demo context (embedded sandbox, throwaway data); close it with ``close_context``."""
    from kiosk.config import Config
    from kiosk.context import build

    return build(Config(), demo=True)
