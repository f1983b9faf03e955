"""The kiosk's Qt-free core: configuration, outbox, portal client, identity, sandbox.

Nothing in this package imports PySide6 (a test enforces it); Qt lives in ``ui``.
"""

__version__ = "0.1.0"
