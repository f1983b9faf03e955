"""When did this process start? For ``kiosk run --smoke``'s ``startup_ms`` (any thread).

Linux reads ``/proc``; Windows asks ``GetProcessTimes``; elsewhere the time
this module was first imported stands in (a slight under-estimate).
"""

from __future__ import annotations

import os
import sys
import time

_IMPORTED = time.time()


def process_start() -> float:
    """The process's start as a Unix timestamp (seconds)."""
    try:
        if sys.platform.startswith("linux"):
            return _linux()
        if sys.platform == "win32":
            return _windows()
    except (OSError, ValueError, AttributeError):
        pass
    return _IMPORTED


def _linux() -> float:
    with open(f"/proc/{os.getpid()}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = int(fields[19])  # field 22 (starttime) counted after the ")" of the name
    with open("/proc/uptime", encoding="ascii") as uptime:
        up = float(uptime.read().split()[0])
    hertz = os.sysconf("SC_CLK_TCK")
    return time.time() - up + ticks / hertz


def _windows() -> float:
    import ctypes
    from ctypes import wintypes

    creation, exited, kernel, user = (wintypes.FILETIME() for _ in range(4))
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.GetCurrentProcess()
    if not kernel32.GetProcessTimes(handle, ctypes.byref(creation), ctypes.byref(exited),
                                    ctypes.byref(kernel), ctypes.byref(user)):
        raise OSError("GetProcessTimes failed")
    hundred_ns = (creation.dwHighDateTime << 32) | creation.dwLowDateTime
    return hundred_ns / 1e7 - 11_644_473_600  # FILETIME epoch is 1601-01-01


def elapsed_ms() -> int:
    return max(0, round((time.time() - process_start()) * 1000))
