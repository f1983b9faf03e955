"""``kiosk run --supervise``: run the kiosk as a child process and restart it when it crashes.

The supervisor is a small process with no Qt and no personal data: it starts
``kiosk run …`` (the same options, without ``--supervise``) with
``KIOSK_SUPERVISED=1`` in its environment, waits for it, and

* exit 0 (the kiosk was closed on purpose): stops, exit 0;
* exit 2 (bad configuration or options: a restart cannot help): stops, exit 2;
* anything else (a crash, :data:`RESTART_EXIT` after the kiosk's own crash
  screen, a kill): starts it again after a growing pause (1, 2, 4… up to 30 s),
  so a PC that just booted or a printer driver that hangs once costs seconds;
* :data:`GIVE_UP_AFTER` crashes within :data:`WINDOW_S`: gives up, starts the
  kiosk once more showing only "Máy đang gặp sự cố, xin gọi tình nguyện viên"
  (``KIOSK_SUPERVISED=gave-up``), then says so on stderr and exits
  :data:`GAVE_UP_EXIT` (a technician is needed; the autostart unit does not
  loop on it either).

Draft answers die with the crashed process (they were only in its memory);
the outbox is on disk and survives. The clock, the pause and the way a child is
started are injectable (tests). Any platform: no signals, no shell.
"""

from __future__ import annotations

import logging
import os
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

log = logging.getLogger("kiosk.supervisor")

RESTART_EXIT = 70  # the kiosk showed "Xin lỗi, máy đang khởi động lại" and wants a restart
GAVE_UP_EXIT = 3
BAD_INPUT_EXIT = 2
GIVE_UP_AFTER = 5
WINDOW_S = 300.0
PAUSES_S = (1.0, 2.0, 4.0, 8.0, 16.0, 30.0)
SUPERVISED = "KIOSK_SUPERVISED"


@dataclass(frozen=True)
class Policy:
    give_up_after: int = GIVE_UP_AFTER
    window_s: float = WINDOW_S
    pauses_s: tuple[float, ...] = PAUSES_S


GAVE_UP = "gave-up"  # KIOSK_SUPERVISED's value for the last start: the kiosk shows only the
# calm "call a volunteer" page, so the screen is not left empty or on a desktop


def run_child(argv: Sequence[str], mark: str = "1") -> int:
    """Start the kiosk and wait for it: its exit code."""
    env = {**os.environ, SUPERVISED: mark}
    return subprocess.run(list(argv), env=env, check=False).returncode


def show_gave_up(argv: Sequence[str]) -> int:
    """After giving up: the kiosk once more, showing only the trouble page."""
    return run_child(argv, GAVE_UP)


def supervise(argv: Sequence[str], *, policy: Policy = Policy(),
              start: Callable[[Sequence[str]], int] = run_child,
              gave_up: Callable[[Sequence[str]], int] | None = show_gave_up,
              sleep: Callable[[float], None] = time.sleep,
              clock: Callable[[], float] = time.monotonic) -> int:
    """Keep ``argv`` running as the policy says; the supervisor's exit code."""
    crashes: list[float] = []
    while True:
        code = start(argv)
        if code in (0, BAD_INPUT_EXIT):
            log.info("the kiosk stopped (exit %d); the supervisor stops too", code)
            return code
        now = clock()
        crashes = [t for t in crashes if now - t < policy.window_s] + [now]
        if len(crashes) >= policy.give_up_after:
            log.error("the kiosk crashed %d times within %d s (last exit %d): giving up",
                      len(crashes), policy.window_s, code)
            if gave_up is not None:
                gave_up(argv)  # the trouble page until someone closes it
            return GAVE_UP_EXIT
        pause = policy.pauses_s[min(len(crashes) - 1, len(policy.pauses_s) - 1)]
        log.warning("the kiosk stopped unexpectedly (exit %d); restarting in %.0f s",
                    code, pause)
        sleep(pause)
