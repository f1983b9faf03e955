"""No network or disk work on the GUI thread: the window keeps breathing while it sends."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from sandbox_helpers import applications, set_faults

from ui.driver import Driver


@pytest.mark.slow
def test_sending_with_5s_latency_keeps_the_gui_responsive_and_busy(
    qtbot, kiosk_window, sandbox_process  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window()
    driver = Driver(window)
    driver.start_procedure("certified_copy")
    example = window.ctx.catalogue.get("certified_copy").example
    driver.answer_all(example)
    driver.complete_review(example)
    set_faults(sandbox_process.url, latency_ms=5_000)
    ticks: list[int] = []
    heartbeat = QTimer()
    heartbeat.setInterval(50)
    heartbeat.timeout.connect(lambda: ticks.append(1))
    heartbeat.start()
    review = window.screens["review"]
    try:
        qtbot.mouseClick(driver.button("send"), Qt.MouseButton.LeftButton)
        # Right after the tap the GUI thread is free: busy state shows, send is disabled.
        assert review.busy_label.isVisibleTo(window)
        assert not review.send.isEnabled()
        qtbot.waitUntil(lambda: len(ticks) >= 20, timeout=4_000)
        assert driver.screen == "review"  # still waiting on the portal, and still ticking
        qtbot.waitUntil(lambda: driver.screen == "confirmation", timeout=30_000)
    finally:
        heartbeat.stop()
        set_faults(sandbox_process.url)
    assert len(applications(sandbox_process.url)) == 1
