"""Where the kiosk keeps its data (``KIOSK_HOME``), through platformdirs and pathlib.

Layout of a data folder::

    KIOSK_HOME/
        outbox.sqlite3      the durable, encrypted outbox
        logs/               rotating logs (never personal data)
        receipts/           receipt PDFs waiting to be printed or reprinted
        reports/            exported reports

On a shared PC the folder and its subfolders are private to the kiosk's user:
made (or tightened to) 0700 on POSIX, and the commands create their files 0600
(``kiosk.cli`` sets umask 077 while one runs). On Windows the user's profile
folder (``%LOCALAPPDATA%``) is already closed to other users by its ACLs.

Demo and training data are fictional and disposable: without ``KIOSK_HOME`` they
go to a throwaway folder ``kiosk-demo-*`` in the temp folder, locked by the
process that made it (an OS file lock, released when the process dies) and
removed when its context closes; a throwaway folder left behind by a crash is
removed by the next one made once it is a day old and no process holds its lock.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.core.errors import OperationFailed

APP_NAME = "cultural-house-kiosk"
APP_AUTHOR = "kiosk"
SUBFOLDERS = ("logs", "receipts", "reports")
THROWAWAY_PREFIX = "kiosk-demo-"
STALE_AFTER_S = 24 * 3600  # a throwaway folder this old, with no live owner, is removed
OWNER_LOCK = ".owner.lock"  # held by the process that uses the throwaway folder

log = logging.getLogger(__name__)


class DataFolderUnusable(OperationFailed):
    """The data folder cannot be created or written: says which, and what to do."""

    def __init__(self, root: Path, exc: OSError) -> None:
        self.root = root
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            what = f"is read-only ({exc.strerror})"
        elif exc.errno in (errno.ENOTDIR, errno.EEXIST):
            what = "is not a folder"
        else:
            what = f"cannot be written ({exc.strerror or type(exc).__name__})"
        super().__init__(
            f"the data folder {root} {what}: set KIOSK_HOME to a folder this user can "
            "write, or give this user write permission on it / thư mục dữ liệu không ghi được")


def home_from_env() -> Path | None:
    """``KIOSK_HOME`` when it is set, else None."""
    env = os.environ.get("KIOSK_HOME")
    return Path(env).expanduser() if env else None


def default_home() -> Path:
    """``KIOSK_HOME`` if set, else the platform's user data folder."""
    return home_from_env() or Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def make_private(path: Path) -> None:
    """Close a folder of ours to other users (POSIX; Windows profile ACLs do that there)."""
    if os.name != "posix":
        return
    try:
        mode = path.stat().st_mode
        if mode & 0o077 and path.stat().st_uid == os.getuid():
            os.chmod(path, 0o700)
    except OSError:  # a read-only folder: the write probe says so
        pass


@dataclass(frozen=True)
class DataDir:
    """The folders below one ``KIOSK_HOME``; created on first use.

    ``throwaway`` is set when this folder was made for one process's fictional data:
    :meth:`remove` then deletes it (and does nothing for any other folder).
    """

    root: Path
    throwaway: Throwaway | None = field(default=None, compare=False, repr=False)

    @classmethod
    def make_throwaway(cls, parent: Path | None = None) -> DataDir:
        """A fresh, locked throwaway folder (stale ones of earlier crashes removed first)."""
        remove_stale_throwaways(parent)
        folder = Throwaway.create(parent)
        return cls(folder.path, folder)

    @property
    def outbox_db(self) -> Path:
        return self.root / "outbox.sqlite3"

    @property
    def volunteers_db(self) -> Path:
        return self.root / "volunteers.sqlite3"

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
        """Make the folder and its subfolders (private) and check it can be written;
        :class:`DataFolderUnusable` naming the folder otherwise."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            make_private(self.root)
            for name in SUBFOLDERS:
                self._sub(name)
            handle, probe = tempfile.mkstemp(prefix=".probe-", dir=self.root)
            os.close(handle)
            os.unlink(probe)
        except OSError as exc:
            raise DataFolderUnusable(self.root, exc) from None
        return self

    def remove(self) -> None:
        """Delete the folder if it is a throwaway one made for this process (idempotent)."""
        if self.throwaway is not None:
            self.throwaway.remove()

    def _sub(self, name: str) -> Path:
        path = self.root / name
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataFolderUnusable(self.root, exc) from None
        make_private(path)
        return path


class Throwaway:
    """A temp folder for one process's fictional data, locked while the process uses it."""

    def __init__(self, path: Path, lock: Any) -> None:
        self.path = path
        self._lock = lock

    @classmethod
    def create(cls, parent: Path | None = None) -> Throwaway:
        from filelock import FileLock

        path = Path(tempfile.mkdtemp(prefix=THROWAWAY_PREFIX, dir=parent))  # 0700 already
        lock = FileLock(path / OWNER_LOCK)
        lock.acquire(timeout=0)  # a new folder: nobody else has it
        return cls(path, lock)

    def remove(self) -> None:
        self._lock.release()
        shutil.rmtree(self.path, ignore_errors=True)
        if self.path.exists():
            log.warning("the throwaway data folder %s could not be removed", self.path)


def remove_stale_throwaways(parent: Path | None = None, *,
                            older_than_s: float = STALE_AFTER_S) -> list[Path]:
    """Remove throwaway folders (``kiosk-demo-*``) older than ``older_than_s`` whose owner
    is gone (its lock is free, or it has none: made before locks). Only this user's own
    folders, never through a symbolic link. Returns what was removed."""
    removed = []
    now = time.time()
    for folder in Path(parent or tempfile.gettempdir()).glob(THROWAWAY_PREFIX + "*"):
        try:
            if folder.is_symlink() or not folder.is_dir():
                continue
            info = folder.stat()
            if os.name == "posix" and info.st_uid != os.getuid():
                continue
        except OSError:
            continue
        if now - info.st_mtime < older_than_s or _owner_alive(folder):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    if removed:
        log.info("removed %d stale throwaway data folders", len(removed))
    return removed


def _owner_alive(folder: Path) -> bool:
    from filelock import FileLock, Timeout

    lock_file = folder / OWNER_LOCK
    if not lock_file.exists():
        return False
    lock = FileLock(lock_file)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    except OSError:  # not ours to open: leave it
        return True
    lock.release()
    return False


def write_private(path: Path, data: bytes) -> None:
    """Write a file only its owner can read (a configuration that may hold a PIN, the
    autostart unit): 0600 on POSIX from the moment it exists, an existing file's mode
    tightened too; on Windows the folder's ACLs apply."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                     0o600)
    with os.fdopen(handle, "wb") as file:
        if os.name == "posix":
            os.fchmod(file.fileno(), 0o600)
        file.write(data)
