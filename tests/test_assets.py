"""The kiosk's own font, style sheet and icons: the same screens and receipts on every PC.

The subprocess runs with a fontconfig that knows no font at all, as a PC
without the expected fonts would be (Qt's offscreen platform needs nothing
else): the welcome screen still shows in Noto Sans with every Vietnamese
letter, every word and button in the same place and size as with the
system's fonts present (within the few pixels that the PC's own hinting
settings move glyphs; another font would move words by tens), and
a receipt embeds the same font and draws the same thermal-printer picture.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

RENDER = """
import json, sys
from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
app = QApplication([])
before = QFontDatabase.families()
from kiosk.config import Config
from kiosk.core.mode import Mode
from printing.render import render_pdf
from printing.raster import render_image
from printing.layout import receipt_document
from printing.sample import sample_receipt
from ui.app import KioskWindow
from ui.theme import apply_theme
apply_theme(app)
window = KioskWindow(Config(), Mode.DEMO)
window.resize(1366, 768)
window.show()
app.processEvents()
labels = [l for l in window.findChildren(QLabel) if l.isVisible() and l.text()]
missing = sorted({c for l in labels for c in l.text()
                  if not c.isspace() and not QFontMetrics(l.font()).inFontUcs4(ord(c))})
families = sorted({QFontInfo(l.font()).family() for l in labels})
layout = sorted((w.objectName(), w.text(), w.mapTo(window, w.rect().topLeft()).toTuple(),
                 w.size().toTuple(), QFontMetrics(w.font()).horizontalAdvance(w.text()))
                for w in labels + window.findChildren(QPushButton) if w.isVisible())
window.grab().save(sys.argv[1] + "/welcome.png")
window.shutdown()
open(sys.argv[1] + "/receipt.pdf", "wb").write(render_pdf(sample_receipt(), "a4"))
render_image(receipt_document(sample_receipt()), 576).save(sys.argv[1] + "/receipt.png")
print(json.dumps({"before": before, "families": families, "missing": missing,
                  "layout": layout}))
"""


def _render(out: Path, fontconfig: Path | None) -> dict[str, list[object]]:
    out.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if fontconfig is not None:
        env["FONTCONFIG_FILE"] = str(fontconfig)
    run = subprocess.run([sys.executable, "-c", RENDER, str(out)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    result: dict[str, list[object]] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture
def no_fonts(tmp_path: Path) -> Path:
    """A fontconfig configuration with no font folder: ``fc-list`` would list nothing."""
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
                    f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n",
                    encoding="utf-8")
    return conf


def test_screens_and_receipts_need_no_font_of_the_pc(tmp_path: Path, no_fonts: Path) -> None:
    from PIL import Image, ImageChops
    from printing_helpers import pdf_fonts

    bare = _render(tmp_path / "bare", no_fonts)
    assert "Noto Sans" not in bare["before"]  # the PC really has no such font
    assert bare["families"] == ["Noto Sans"] and bare["missing"] == []
    embedded = {name.split("+")[-1] for name in pdf_fonts((tmp_path / "bare/receipt.pdf")
                                                            .read_bytes())}
    assert {"NotoSans-Regular", "NotoSans-Bold"} <= embedded
    usual = _render(tmp_path / "usual", None)
    assert len(bare["layout"]) == len(usual["layout"]) >= 8
    for (name, text, at, size, advance), (name2, text2, at2, size2, advance2) in zip(
            bare["layout"], usual["layout"], strict=True):
        assert (name, text) == (name2, text2)
        for a, b in zip([*at, *size, advance], [*at2, *size2, advance2], strict=True):
            assert abs(a - b) <= max(3, 0.01 * max(a, b)), (text, at, size, advance, at2, size2)
    a = Image.open(tmp_path / "bare" / "receipt.png").convert("RGB")
    b = Image.open(tmp_path / "usual" / "receipt.png").convert("RGB")
    assert a.size == b.size and ImageChops.difference(a, b).getbbox() is None


def test_the_assets_ship_in_the_wheel() -> None:
    """setuptools' package data names every kind of file assets/ holds."""
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["assets"]
    shipped = {path.relative_to(ROOT / "assets") for path in (ROOT / "assets").rglob("*")
               if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".py"}
    unshipped = [str(p) for p in shipped if not any(p.match(pattern) for pattern in patterns)]
    assert shipped and not unshipped
