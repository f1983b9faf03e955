"""The volunteers' panel: PIN keypad, reprint list, reprint with the real code, idle wipe."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from printing_helpers import TrayPrinter, pdf_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit

from kiosk.config import Config, KioskSection
from kiosk.core.mode import Mode
from kiosk.outbox.store import Outbox
from kiosk.portal import PortalClient
from kiosk.volunteer_pin import DEMO_PIN, PinCheck, PinGate, panel_pin
from printing.service import PrintService
from ui.driver import Driver

SHOTS = os.environ.get("KIOSK_TEST_SHOTS")  # a folder: save screenshots to look at
LEFT = Qt.MouseButton.LeftButton


# -- the PIN rules, without a window ----------------------------------------------------
class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_five_wrong_pins_mean_a_wait_then_the_right_one_opens() -> None:
    clock = FakeClock()
    gate = PinGate("2468", clock=clock)
    assert [gate.check("1111") for _ in range(4)] == [PinCheck.WRONG] * 4
    assert gate.tries_left == 1
    assert gate.check("1111") is PinCheck.WAIT
    assert gate.seconds_left() == 60
    assert gate.check("2468") is PinCheck.WAIT  # even the right PIN waits
    clock.now += 59.5
    assert gate.seconds_left() == 1
    clock.now += 1
    assert gate.seconds_left() == 0 and gate.tries_left == 5
    assert gate.check("2468") is PinCheck.OPEN


def test_which_pin_opens_the_panel() -> None:
    def config(pin: str) -> Config:
        return replace(Config(), kiosk=replace(KioskSection(), volunteer_pin=pin))

    assert panel_pin(config(""), fictional=False) is None  # a real kiosk stays closed
    assert panel_pin(config(""), fictional=True) == DEMO_PIN
    assert panel_pin(config("2468"), fictional=True) == "2468"
    assert panel_pin(config("2468"), fictional=False) == "2468"


# -- the real window ----------------------------------------------------------------------
@pytest.fixture
def tray() -> TrayPrinter:
    return TrayPrinter(paper=False)


@pytest.fixture
def spare_outbox(tmp_path: Path, ui_context):  # type: ignore[no-untyped-def]
    """An outbox on disk that no worker drains: its applications stay queued until sent here."""
    outbox = Outbox(tmp_path / "spare-outbox.sqlite3", ui_context.vault)
    yield outbox
    outbox.close()


@pytest.fixture
def printing(ui_context, tray: TrayPrinter) -> PrintService:  # type: ignore[no-untyped-def]
    """The context's print service on a printer that is out of paper until a test refills it."""
    service: PrintService = ui_context.printing
    service.backend = tray
    return service


def _shot(window, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(SHOTS) / f"{name}.png"))


def open_pin_page(window):  # type: ignore[no-untyped-def]
    driver = Driver(window)
    driver.tap("ask-volunteer")
    driver.tap("for-volunteers")
    driver.expect("volunteer_pin")
    return window.screens["volunteer_pin"]


def tap_pin(qtbot, page, digits: str) -> None:  # type: ignore[no-untyped-def]
    for digit in digits:
        qtbot.mouseClick(page.keypad.keys[digit], LEFT)
    qtbot.mouseClick(page.open, LEFT)


def open_volunteer_screen(qtbot, window):  # type: ignore[no-untyped-def]
    page = open_pin_page(window)
    tap_pin(qtbot, page, DEMO_PIN)
    Driver(window).expect("volunteer")
    screen = window.screens["volunteer"]
    qtbot.waitUntil(lambda: not screen.loading and not screen.busy, timeout=10_000)
    return screen


def visible_texts(root) -> list[str]:  # type: ignore[no-untyped-def]
    found = []
    for widget in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if widget.isVisibleTo(root):
            found += [widget.text(), widget.accessibleName()]
    return found


def test_wrong_pin_is_refused_and_cleared_the_right_one_opens(qtbot, kiosk_window) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window()
    page = open_pin_page(window)
    assert page.note.isVisible() and "0000" in page.note.text()  # training mode says so
    assert page.pin.echoMode() is QLineEdit.EchoMode.Password
    tap_pin(qtbot, page, "1234")
    assert Driver(window).screen == "volunteer_pin"
    assert page.pin.text() == ""
    assert page.message.text() == "Mã PIN chưa đúng. Bạn nhập lại nhé (còn 4 lần thử)."
    _shot(window, "volunteer-pin-wrong")
    window.screens["volunteer_pin"].pin.setFocus()
    qtbot.keyClicks(page.pin, DEMO_PIN)  # a physical keyboard works too
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)
    assert Driver(window).screen == "volunteer" and window.volunteer_open
    assert page.pin.text() == "" and not page.message.isVisible()


def test_five_wrong_pins_show_the_wait_and_block_the_keypad(qtbot, kiosk_window) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window()
    page = open_pin_page(window)
    clock = FakeClock()
    page.gate.clock = clock
    for _ in range(5):
        tap_pin(qtbot, page, "9999")
    assert page.message.text() == "Nhập sai nhiều lần. Bạn chờ 60 giây rồi thử lại."
    assert not page.pin.isEnabled() and not page.open.isEnabled()
    assert not page.keypad.keys["0"].isEnabled()
    assert page.timer.isActive()
    clock.now += 30
    qtbot.waitUntil(lambda: "30 giây" in page.message.text(), timeout=3_000)
    Driver(window).tap("pin-back")  # leaving and coming back does not reset the wait
    page = open_pin_page(window)
    assert not page.open.isEnabled() and "30 giây" in page.message.text()
    clock.now += 31
    qtbot.waitUntil(page.open.isEnabled, timeout=3_000)
    assert not page.message.isVisible() and not page.timer.isActive()
    tap_pin(qtbot, page, DEMO_PIN)
    assert Driver(window).screen == "volunteer"


def test_a_real_kiosk_without_a_pin_keeps_the_panel_closed(qtbot, kiosk_window) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window()
    window.mode = Mode.REAL
    page = open_pin_page(window)
    assert "volunteer_pin" in page.note.text() and "[kiosk]" in page.note.text()
    assert not page.pin.isVisible() and not page.keypad.isVisible() and not page.open.isVisible()
    window.go("volunteer")  # no way round the PIN page
    assert Driver(window).screen == "volunteer_pin"
    _shot(window, "volunteer-pin-closed")


def test_a_configured_pin_opens_and_the_demo_pin_does_not(qtbot, kiosk_window) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window()
    window.config = replace(window.config, kiosk=replace(window.config.kiosk,
                                                         volunteer_pin="24681357"))
    page = open_pin_page(window)
    assert not page.note.isVisible()
    tap_pin(qtbot, page, DEMO_PIN)
    assert Driver(window).screen == "volunteer_pin"
    tap_pin(qtbot, page, "24681357")
    assert Driver(window).screen == "volunteer"


def send_and_fail_to_print(qtbot, window) -> str:  # type: ignore[no-untyped-def]
    """A resident's whole journey; the printer is out of paper. Returns the code."""
    driver = Driver(window)
    driver.start_procedure("certified_copy")
    example = window.ctx.catalogue.get("certified_copy").example
    driver.answer_all(example)
    driver.complete_review(example)
    driver.send()
    code: str = window.findChild(QLabel, "application-code").text()
    driver.tap("print-receipt")
    qtbot.waitUntil(lambda: driver.button("print-receipt").isEnabled(), timeout=10_000)
    return code


def test_a_receipt_that_did_not_print_is_reprinted_once_from_the_panel(
        qtbot, kiosk_window, printing, tray) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window()
    code = send_and_fail_to_print(qtbot, window)
    assert tray.jobs == []
    driver = Driver(window)
    driver.tap("help")  # the top bar's "Nhờ tình nguyện viên"
    driver.tap("for-volunteers")
    driver.tap("pin-back")  # changed their mind: the resident's page is as it was
    driver.expect("confirmation")
    assert window.session is not None
    driver.tap("help")
    driver.tap("for-volunteers")
    tap_pin(qtbot, window.screens["volunteer_pin"], DEMO_PIN)
    screen = window.screens["volunteer"]
    qtbot.waitUntil(lambda: len(screen.items) == 1 and not screen.busy, timeout=10_000)
    [item] = screen.items
    assert item.reference == code
    # Rows added to a shown layout become visible on the event loop's next pass.
    qtbot.waitUntil(lambda: any(code in t for t in visible_texts(screen)), timeout=10_000)
    texts = visible_texts(screen)
    assert any("hết giấy" in t for t in texts)
    name = str(window.ctx.catalogue.get("certified_copy").example.get("full_name", ""))
    assert name and not any(name in t for t in texts)  # no resident names on the list
    _shot(window, "volunteer-screen")
    tray.paper = True  # paper is back: nothing prints by itself
    qtbot.wait(200)
    assert tray.jobs == []
    reprint = driver.button(f"reprint-{item.id}")
    assert reprint.height() >= 64 and reprint.width() >= 64
    qtbot.mouseClick(reprint, LEFT)
    qtbot.mouseClick(reprint, LEFT)  # a second quick tap: still one job
    qtbot.waitUntil(lambda: screen.items == [] and not screen.busy, timeout=10_000)
    assert len(tray.jobs) == 1 and f"Mã hồ sơ: {code}" in pdf_text(tray.jobs[0])
    assert screen.result.text() == f"Đã in lại biên nhận {code}."
    assert printing.reprint_list() == []
    qtbot.wait(200)
    assert len(tray.jobs) == 1
    driver.tap("volunteer-done")
    driver.expect("welcome")
    assert window.session is None and not window.volunteer_open


def test_discard_needs_a_second_tap(qtbot, kiosk_window, printing) -> None:  # type: ignore[no-untyped-def]
    from printing.sample import sample_receipt

    kept = printing.print_receipt(sample_receipt())
    window = kiosk_window()
    window.set_language("en")
    screen = open_volunteer_screen(qtbot, window)
    driver = Driver(window)
    discard = driver.button(f"discard-{kept.reprint_id}")
    assert discard.text() == "Discard"
    qtbot.mouseClick(discard, LEFT)
    assert printing.reprint_list() != []
    discard = driver.button(f"discard-{kept.reprint_id}")
    assert discard.text() == "Tap again to discard"
    qtbot.mouseClick(discard, LEFT)
    qtbot.waitUntil(lambda: screen.items == [] and not screen.busy, timeout=10_000)
    assert printing.reprint_list() == []
    assert screen.result.text() == "Receipt H01.22-261122-0042 was removed from the list."


def test_reissue_by_local_reference_prints_the_portals_code(
        qtbot, kiosk_window, printing, tray, spare_outbox, sandbox_process,
        ui_context) -> None:  # type: ignore[no-untyped-def]
    ui_context.receipts.outbox = spare_outbox  # applications queued here stay queued until sent
    procedure = ui_context.catalogue.get("certified_copy")
    record = spare_outbox.enqueue(procedure.code, dict(procedure.example), kiosk_id="TEST-01")
    window = kiosk_window()
    screen = open_volunteer_screen(qtbot, window)

    def reissue(typed: str) -> str:
        screen.ref.clear()
        qtbot.keyClicks(screen.ref, typed)  # a barcode scanner: keys, then Enter
        qtbot.keyClick(screen.ref, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not screen.busy and not screen.loading, timeout=10_000)
        return str(screen.result.text())

    assert "Không tìm thấy hồ sơ" in reissue("TEST01-2345-6789A")
    assert "chưa gửi được" in reissue(record.ref.lower())
    assert tray.jobs == [] and screen.ref.text() == record.ref.lower()  # kept to fix a typo
    # The application goes to the real portal, as the sync worker sends it.
    answer = PortalClient(sandbox_process.url).submit(
        procedure.code, dict(record.answers), idempotency_key=record.idempotency_key,
        kiosk_id="TEST-01", local_ref=record.ref, submitted_at=datetime.now(UTC))
    spare_outbox.mark_sent(record.ref, answer.code, received_at=answer.received_at,
                           appointment_date=answer.appointment_date)
    scanned = f"{sandbox_process.url}/tra-cuu/{record.ref}"  # the queued receipt's QR
    message = reissue(scanned)  # still out of paper: kept in the list, with the code
    assert message == (f"Chưa in được biên nhận {answer.code}: hết giấy. "
                       "Biên nhận vẫn ở trong danh sách.")
    assert [i.reference for i in screen.items] == [answer.code] and tray.jobs == []
    tray.paper = True
    message = reissue(scanned)
    assert message == f"Đã in biên nhận của hồ sơ {record.ref} với mã hồ sơ {answer.code}."
    assert len(tray.jobs) == 1 and f"Mã hồ sơ: {answer.code}" in pdf_text(tray.jobs[0])
    assert screen.ref.text() == ""
    assert screen.items == [] and printing.reprint_list() == []  # replaced, not doubled


def test_idle_timeout_on_the_panel_goes_home_and_forgets_what_was_typed(
        qtbot, kiosk_window, printing) -> None:  # type: ignore[no-untyped-def]
    window = kiosk_window(idle_ms=3_600_000, warning_ms=300, tick_ms=50)
    screen = open_volunteer_screen(qtbot, window)
    marker = "QQMARKER-7K3P"
    qtbot.keyClicks(screen.ref, marker)
    Driver(window).tap("reissue-keyboard")  # the on-screen keyboard open too
    assert window.idle.armed  # the panel is watched like a resident's page
    window.idle.idle_ms = 100
    window.idle.arm()
    qtbot.waitUntil(window.overlay.isVisible, timeout=5_000)
    qtbot.waitUntil(lambda: Driver(window).screen == "welcome", timeout=5_000)
    qtbot.wait(50)  # deferred deletions
    assert not window.volunteer_open
    leaks = [w for w in QApplication.allWidgets()
             if isinstance(w, QLineEdit | QLabel) and marker.lower() in w.text().lower()]
    assert leaks == []
    assert screen.ref.text() == "" and not screen.result.isVisible()
    window.go("volunteer")  # the PIN again, after a wipe
    assert Driver(window).screen == "volunteer_pin"


def test_a_printer_that_could_not_be_set_up_shows_on_the_panel(qtbot, kiosk_window, ui_context) -> None:  # type: ignore[no-untyped-def]
    from printing.backends.unavailable import UnavailableBackend

    reason = '[printer] escpos "usb:zz": expected usb:0xVVVV:0xPPPP'
    ui_context.printing.backend = UnavailableBackend(reason)
    window = kiosk_window()
    open_volunteer_screen(qtbot, window)
    label = window.findChild(QLabel, "printer-state")
    qtbot.waitUntil(lambda: reason in label.text(), timeout=10_000)
    assert "không thấy máy in" in label.text()
