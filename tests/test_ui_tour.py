"""``kiosk tour``: the real GUI offscreen through a whole journey, one PNG per screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_tour_of_one_procedure_saves_every_screen_and_the_receipt(tmp_path: Path) -> None:
    out = tmp_path / "tour"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": str(tmp_path / "home")}
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "tour", "--out", str(out), "--procedure", "certified_copy"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads((out / "tour.json").read_text(encoding="utf-8"))
    assert report["problems"] == []
    journey = [s for s in report["shots"] if s["file"].startswith("certified_copy")]
    names = [Path(s["file"]).name for s in journey]
    assert names[:4] == ["01-welcome.png", "02-identify.png", "03-choose.png", "04-before.png"]
    screens = [s["screen"] for s in journey]
    assert screens.count("question") >= 3
    assert screens[-4:] == ["review", "review", "confirmation", "confirmation"]
    for shot in report["shots"]:
        image = QImage(str(out / shot["file"]))
        assert not image.isNull() and image.width() >= 1000, shot["file"]
    assert report["receipts"] and (out / report["receipts"][0]).read_bytes()[:5] == b"%PDF-"
    assert any(s["screen"] == "idle-warning" for s in report["shots"])
