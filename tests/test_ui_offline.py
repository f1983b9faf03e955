"""Offline: the banner shows, and a submission is saved and confirmed with its local reference."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ui.driver import Driver


def test_portal_gone_shows_the_banner_and_queues_the_application(
    qtbot, kiosk_window, ui_context, sandbox_process  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window(send_timeout_s=2.0)
    banner = window.findChild(QLabel, "offline-banner")
    driver = Driver(window)
    driver.start_procedure("certified_copy")
    example = window.ctx.catalogue.get("certified_copy").example
    driver.answer_all(example)
    driver.complete_review(example)
    sandbox_process.process.terminate()  # the portal goes away (the fixture reaps it)
    sandbox_process.process.wait(timeout=10)
    ui_context.monitor.probe()  # as the monitor thread would, a few seconds later
    qtbot.waitUntil(banner.isVisible, timeout=5_000)
    assert "mất kết nối" in banner.text()
    qtbot.mouseClick(driver.button("send"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: driver.screen == "confirmation", timeout=30_000)
    record = window.session.record
    assert record.code is None and str(record.status) == "queued"
    assert window.findChild(QLabel, "application-code").text() == record.ref
    assert "tự gửi khi có mạng" in window.findChild(QLabel, "next-steps").text()
    assert ui_context.outbox.get(record.ref) is not None  # durably saved


def test_a_queued_application_is_found_by_its_local_reference(
    qtbot, kiosk_window, ui_context, sandbox_process  # type: ignore[no-untyped-def]
) -> None:
    window = kiosk_window(send_timeout_s=2.0)
    driver = Driver(window)
    driver.start_procedure("certified_copy")
    example = window.ctx.catalogue.get("certified_copy").example
    driver.answer_all(example)
    driver.complete_review(example)
    sandbox_process.process.terminate()
    sandbox_process.process.wait(timeout=10)
    driver.send()
    ref = window.session.record.ref
    qtbot.mouseClick(driver.button("done"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(driver.button("check-application"), Qt.MouseButton.LeftButton)
    page = window.screens["status"]
    qtbot.keyClicks(page.code, ref)
    qtbot.keyClick(page.code, Qt.Key.Key_Return)
    qtbot.waitUntil(page.result.isVisible, timeout=10_000)
    assert ref in page.result.text() and "tự gửi khi có mạng" in page.result.text()
