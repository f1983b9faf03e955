"""The durable, encrypted offline outbox: every submission goes through it.

* :class:`~kiosk.outbox.store.Outbox` (``store.py``, its reads in ``reading.py``):
  the SQLite repository, one writer at a time, on ``db.py``'s durable connection;
  ``schema.py`` (tables, migrations), ``rows.py`` (a row as a record; what cannot be
  read raises ``Unreadable``), ``salvage.py`` (what still reads in a damaged file),
  ``errors.py`` (a full disk is ``StorageFull`` everywhere);
* ``keys.py``: which key sealed the records, and when a new one may be made;
  ``retire.py``: giving up on records that cannot be read;
* ``lock.py``: one sender per ``KIOSK_HOME`` (an OS file lock);
* :class:`~kiosk.outbox.records.RecordStatus`, ``OutboxRecord`` (``records.py``):
  typed state;
* local references (``refs.py``) and retry backoff (``backoff.py``);
* :class:`~kiosk.outbox.sync.SyncWorker` (``sync.py``) and
  :class:`~kiosk.outbox.monitor.ConnectivityMonitor` (``monitor.py``):
  background threads, Qt-free;
* ``messages.py``: what residents are told about it.

Import each from its module: this package re-exports nothing, so importing one
light part (a record's status) never loads the database and the cipher.
"""
