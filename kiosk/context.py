"""The application context: everything the kiosk runs with, built once in ``main()``.

:func:`build` wires configuration, data folder, procedure catalogue, vault,
outbox, portal client, submission service, sync worker and connectivity
monitor (and, in demo or training mode, an embedded sandbox portal on
127.0.0.1 with a throwaway data folder and a key that lives only in memory).
The GUI and the commands receive one :class:`AppContext`; there are no globals.
``printing`` is filled by the printing code (``printing.service.PrintService``).

:meth:`AppContext.start` starts the background threads; :meth:`AppContext.close`
stops them (worker, monitor, sandbox) and closes the database. Both run on the
caller's thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from forms.loader import Catalogue, load_catalogue
from kiosk import config as config_file
from kiosk.config import Config
from kiosk.core.errors import BadInput
from kiosk.core.paths import DataDir, default_home, throwaway_home
from kiosk.outbox.backoff import Backoff
from kiosk.outbox.monitor import ConnectivityMonitor
from kiosk.outbox.store import Outbox
from kiosk.outbox.sync import SyncWorker
from kiosk.portal import PortalClient
from kiosk.submission import SubmissionService
from kiosk.vault import Vault

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    config: Config
    data: DataDir
    catalogue: Catalogue
    vault: Vault
    outbox: Outbox
    portal: PortalClient | None
    submissions: SubmissionService
    worker: SyncWorker | None
    monitor: ConnectivityMonitor | None
    demo: bool = False
    training: bool = False
    sandbox: Any | None = None  # kiosk.sandbox.server.RunningSandbox in demo/training
    printing: Any | None = None  # printing.service.PrintService, set by the printing code

    @property
    def kiosk_id(self) -> str:
        return self.config.kiosk.id

    def start(self) -> AppContext:
        """Start the sync worker and the connectivity monitor (idempotent)."""
        for thread in (self.worker, self.monitor):
            if thread is not None and not thread.is_alive() and thread.ident is None:
                thread.start()
        return self

    def close(self) -> None:
        """Stop the threads, the embedded sandbox, and close the outbox."""
        for thread in (self.monitor, self.worker):
            if thread is not None:
                thread.stop()
        if self.portal is not None:
            self.portal.close()
        if self.sandbox is not None:
            self.sandbox.stop()
        self.outbox.close()


def build(
    config: Config,
    *,
    demo: bool,
    training: bool = False,
    home: Path | None = None,
    vault: Vault | None = None,
    start: bool = True,
    catalogue: Catalogue | None = None,
) -> AppContext:
    """Wire the kiosk. Demo and training never touch a real portal or the keyring."""
    fictional = demo or training
    data = DataDir(home or (throwaway_home() if fictional else default_home())).ensure()
    if vault is None:
        vault = Vault.in_memory_key() if fictional else Vault.from_keyring()
    if catalogue is None:
        catalogue = load_catalogue()
    sandbox = None
    if fictional:
        from kiosk.sandbox.server import start_sandbox

        sandbox = start_sandbox(data.root / "sandbox")
        config = config.with_portal_url(sandbox.url)
    try:
        return _assemble(config, data, catalogue, vault, sandbox, demo, training, start)
    except BaseException:
        if sandbox is not None:
            sandbox.stop()
        raise


def _assemble(
    config: Config,
    data: DataDir,
    catalogue: Catalogue,
    vault: Vault,
    sandbox: Any,
    demo: bool,
    training: bool,
    start: bool,
) -> AppContext:
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
    if portal is not None:
        worker = SyncWorker(outbox, portal, retention_days=settings.retention_days)
        monitor = ConnectivityMonitor(portal, interval_s=settings.probe_interval_s)
        monitor.on_change(lambda online: worker.wake(make_due=True) if online else None)
    submissions = SubmissionService(
        outbox,
        catalogue,
        portal,
        kiosk_id=config.kiosk.id,
        wake_worker=worker.wake if worker is not None else None,
    )
    context = AppContext(
        config=config,
        data=data,
        catalogue=catalogue,
        vault=vault,
        outbox=outbox,
        portal=portal,
        submissions=submissions,
        worker=worker,
        monitor=monitor,
        demo=demo,
        training=training,
        sandbox=sandbox,
    )
    return context.start() if start else context


def make_portal(config: Config) -> PortalClient | None:
    """The portal client for ``[portal]`` (None when no url is configured)."""
    if not config.portal.url:
        return None
    return PortalClient(
        config.portal.url,
        connect_timeout=config.portal.connect_timeout_s,
        read_timeout=config.portal.read_timeout_s,
        ca_bundle=config.portal.ca_bundle or None,
    )


def load_for_command(config_arg: str | None, portal_arg: str | None) -> Config:
    """The configuration a command runs with: the file (if any) and ``--portal`` over it."""
    config = config_file.load(config_file.config_path(config_arg))
    if portal_arg:
        if not portal_arg.startswith(("http://", "https://")):
            raise BadInput(f"--portal {portal_arg}: must start with https:// or http://")
        config = config.with_portal_url(portal_arg)
    return config


def build_for_command(config: Config, catalogue: Catalogue | None = None) -> AppContext:
    """The context of ``submit``/``outbox``: data in ``KIOSK_HOME``, key in the OS keyring.

    Unlike ``kiosk run`` without a configuration, commands never start an
    embedded sandbox: their data must survive from one command to the next.
    No threads are started.
    """
    return build(config, demo=False, training=False, home=default_home(), start=False,
                 catalogue=catalogue)
