"""The kiosk's receipts: worded from applications, printed, reissued with the portal's code.

* :mod:`kiosk.receipts.wording`: a procedure and its answers → printing's plain
  :class:`~printing.receipt.Receipt`;
* :mod:`kiosk.receipts.desk`: :class:`~kiosk.receipts.desk.ReceiptDesk`, the
  receipt of a finished application, and "reprint with the real code" for a
  receipt printed while the application waited in the outbox.
"""
