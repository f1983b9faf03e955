"""What the kiosk is running for: real residents, a demo, or a training class.

Decided once, from the command line and the configuration
(:meth:`kiosk.config.Config.mode`), kept on the application context and read
everywhere else: the portal (a sandbox in demo and training), the key (in
memory), the data folder (thrown away), the marks on screens and receipts.
"""

from __future__ import annotations

from enum import StrEnum


class Mode(StrEnum):
    REAL = "real"  # real residents, the province's portal, the OS keyring
    DEMO = "demo"  # no configuration: an embedded sandbox portal, fictional data
    TRAINING = "training"  # weekend tech classes (tập huấn): like demo, marked TẬP HUẤN

    @property
    def fictional(self) -> bool:
        """Demo and training: fictional data, a sandbox portal, nothing kept."""
        return self is not Mode.REAL
