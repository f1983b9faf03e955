"""The application context: everything the kiosk runs with, built once by the composition root.

:func:`build` wires, for one :class:`~kiosk.core.mode.Mode`, the data folder,
procedure catalogue, vault, outbox, portal client, submission service, print
service, receipt desk, sync worker and connectivity monitor; in demo and
training mode also an embedded sandbox portal on 127.0.0.1 (or the sandbox it
is pointed at), with a throwaway data folder and a key that lives only in
memory. The GUI and the commands receive one :class:`AppContext`; there are no
globals and nothing is attached to it later.

:meth:`AppContext.start` starts the background threads; :meth:`AppContext.close`
stops them (worker, monitor, sandbox) and closes the database. Both run on the
caller's thread; :func:`build` blocks (keyring, SQLite, the sandbox) and runs
off the GUI thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from forms.loader import Catalogue, load_catalogue
from kiosk import __version__
from kiosk.config import Config, IdentitySection
from kiosk.core.errors import KioskError
from kiosk.core.mode import Mode
from kiosk.core.paths import DataDir, default_home, home_from_env
from kiosk.heartbeat import STATE_FILE as HEARTBEAT_STATE
from kiosk.heartbeat import HeartbeatSender, collector
from kiosk.identity.client_key import load_client_key
from kiosk.identity.service import IdentityService
from kiosk.outbox.backoff import Backoff
from kiosk.outbox.keys import outbox_vault
from kiosk.outbox.monitor import ConnectivityMonitor
from kiosk.outbox.store import Outbox
from kiosk.outbox.sync import DirectSender, Sender, SyncWorker
from kiosk.portal import PortalClient, make_portal
from kiosk.receipts.desk import ReceiptDesk
from kiosk.sandbox.server import RunningSandbox, start_sandbox
from kiosk.submission import SubmissionService
from kiosk.vault import Vault
from printing.backends.base import PrinterBackend
from printing.backends.unavailable import UnavailableBackend
from printing.service import PrintService, make_backend

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    config: Config
    mode: Mode
    data: DataDir
    catalogue: Catalogue
    vault: Vault
    outbox: Outbox
    portal: PortalClient | None
    submissions: SubmissionService
    printing: PrintService
    receipts: ReceiptDesk
    worker: SyncWorker | None
    monitor: ConnectivityMonitor | None
    identity: IdentityService | None = None  # None: no login ([identity] issuer not set)
    sandbox: RunningSandbox | None = None  # the embedded sandbox portal (demo, training)
    heartbeat: HeartbeatSender | None = None  # None: no portal, no threads, or heartbeat_s 0

    @property
    def kiosk_id(self) -> str:
        return self.config.kiosk.id

    def start(self) -> AppContext:
        """Start the sync worker and the connectivity monitor (idempotent)."""
        for thread in (self.worker, self.monitor, self.heartbeat):
            if thread is not None and not thread.is_alive() and thread.ident is None:
                thread.start()
        return self

    def close(self) -> None:
        """Stop the threads, the embedded sandbox, close the outbox, and remove the data
        folder if it is a throwaway one this context made (fictional receipts and all)."""
        for thread in (self.heartbeat, self.monitor, self.worker):
            if thread is not None:
                thread.stop()
        if self.portal is not None:
            self.portal.close()
        if self.identity is not None:
            self.identity.close()
        if self.sandbox is not None:
            self.sandbox.stop()
        try:
            self.outbox.close()
        finally:
            self.data.remove()  # the throwaway folder this context made (demo, training)


def build(
    config: Config,
    mode: Mode,
    *,
    home: Path | None = None,
    vault: Vault | None = None,
    threads: bool = True,
    login: bool = True,
    catalogue: Catalogue | None = None,
    printer: PrinterBackend | None = None,
    sandbox_url: str | None = None,
) -> AppContext:
    """Wire the kiosk. Demo and training never touch a real portal or the keyring.

    ``printer``: the GUI's own printer backend (Qt's), for ``[printer] backend``
    "qt" and "auto". ``sandbox_url``: in demo and training mode, talk to this
    sandbox instead of starting one. ``threads``: run the sync worker and the
    connectivity monitor (the kiosk); without them (a command) an application
    is sent once on the caller's thread and ``kiosk outbox sync`` sends the rest.
    ``login``: set up the VNeID-style login (the kiosk; commands need none).
    """
    fictional = mode.fictional
    data = data_folder(home, mode)
    if vault is None:  # the outbox says whether a key may be made: never over sealed records
        vault = Vault.in_memory_key() if fictional else outbox_vault(data.outbox_db)
    if catalogue is None:
        catalogue = load_catalogue()
    sandbox = None
    if fictional and sandbox_url is None:
        sandbox = start_sandbox(data.root / "sandbox")
        sandbox_url = sandbox.url
    if sandbox_url is not None:  # the sandbox is the portal and the identity provider
        config = replace(config.with_portal_url(sandbox_url),
                         identity=replace(config.identity, issuer=sandbox_url, auth="none"))
    try:
        context = _assemble(config, mode, data, catalogue, vault, printer, threads)
        if login:
            context.identity = make_identity(config.identity)
    except BaseException:
        if sandbox is not None:
            sandbox.stop()
        data.remove()  # a throwaway folder made for this context
        raise
    context.sandbox = sandbox
    return context.start()


def data_folder(home: Path | None, mode: Mode) -> DataDir:
    """``home`` if given; a real kiosk's ``KIOSK_HOME`` (or the platform's folder); for
    fictional data ``KIOSK_HOME/demo`` (or ``/training``) when KIOSK_HOME is set, kept
    apart from a real outbox and never removed, else a throwaway folder removed at close."""
    if home is not None:
        return DataDir(home).ensure()
    if not mode.fictional:
        return DataDir(default_home()).ensure()
    chosen = home_from_env()
    if chosen is not None:
        return DataDir(chosen / mode.value).ensure()
    data = DataDir.make_throwaway()
    try:
        return data.ensure()
    except BaseException:
        data.remove()
        raise


def _assemble(config: Config, mode: Mode, data: DataDir, catalogue: Catalogue, vault: Vault,
              printer: PrinterBackend | None, threads: bool) -> AppContext:
    settings = config.outbox
    outbox = Outbox(
        data.outbox_db,
        vault,
        backoff=Backoff(settings.backoff_base_s, settings.backoff_max_s),
    )
    purged = outbox.purge_sent(settings.retention_days)
    if purged:
        log.info("outbox: purged personal data of %d sent records", purged)
    portal = make_portal(config)
    worker = monitor = None
    sender: Sender | None = None
    if portal is not None and threads:
        worker = SyncWorker(outbox, portal, retention_days=settings.retention_days)
        monitor = ConnectivityMonitor(portal, interval_s=settings.probe_interval_s)
        monitor.on_change(lambda online: worker.wake(make_due=True) if online else None)
        sender = worker
    elif portal is not None:
        sender = DirectSender(outbox, portal)
    submissions = SubmissionService(outbox, catalogue, sender, kiosk_id=config.kiosk.id)
    printing = make_print_service(config, mode, data, vault, printer)
    receipts = ReceiptDesk(outbox, catalogue, printing, kiosk=config.kiosk,
                           portal_url=config.portal.url, mode=mode)
    heartbeat = None
    if portal is not None and threads and config.kiosk.heartbeat_s > 0:
        heartbeat = HeartbeatSender(
            collector(config.kiosk.id, __version__, outbox, printing.state), portal,
            interval_s=config.kiosk.heartbeat_s, state=data.root / HEARTBEAT_STATE)
    return AppContext(
        heartbeat=heartbeat,
        config=config,
        mode=mode,
        data=data,
        catalogue=catalogue,
        vault=vault,
        outbox=outbox,
        portal=portal,
        submissions=submissions,
        printing=printing,
        receipts=receipts,
        worker=worker,
        monitor=monitor,
    )


def make_print_service(config: Config, mode: Mode, data: DataDir, vault: Vault,
                       printer: PrinterBackend | None = None) -> PrintService:
    """The print service for ``[printer]``. A printer that cannot be set up leaves the kiosk
    running: receipts then wait, encrypted, in the reprint list, and doctor says why."""
    try:
        # Demo and training receipts are fictional: with no printer they may be plain PDFs.
        backend = make_backend(config.printer, data.receipts, printer,
                               fallback_to_folder=mode.fictional)
    except KioskError as exc:
        log.warning("printer not set up: %s", exc)
        backend = UnavailableBackend(str(exc))
    return PrintService(backend, receipts=data.receipts, cipher=vault,
                        paper=config.printer.paper, two_copies=config.printer.two_copies,
                        retention_days=config.outbox.retention_days)


def make_identity(settings: IdentitySection) -> IdentityService | None:
    """The login service for ``[identity]``; None when no issuer is set, or when the kiosk's
    private_key_jwt key is missing from the keyring (``kiosk doctor`` says what to run)."""
    if not settings.issuer:
        return None
    key = None
    if settings.auth == "private_key_jwt":
        try:
            key = load_client_key()
        except KioskError as exc:
            log.warning("login is off: %s", exc)
            return None
    return IdentityService(settings, key)


def build_for_command(config: Config, catalogue: Catalogue | None = None) -> AppContext:
    """The context of ``submit``/``outbox``/``print``: data in ``KIOSK_HOME``, key in the OS
    keyring, whatever the configuration (a command's data must survive from one command
    to the next, so it never starts an embedded sandbox). No threads are started.
    """
    return build(config, Mode.REAL, home=default_home(), threads=False, login=False,
                 catalogue=catalogue)
