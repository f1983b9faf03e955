"""Receipts and printers, Qt-free.

* :mod:`printing.receipt` – the :class:`~printing.receipt.Receipt` (Mẫu số 01,
  Thông tư 01/2018/TT-VPCP) and :func:`~printing.receipt.build_receipt`.
* :mod:`printing.layout` – what the receipt says, in order, as typed blocks.
* :mod:`printing.render` – those blocks as PDF (A4, A5, 80 mm, 58 mm) with reportlab;
  :mod:`printing.raster` – as a 1-bit picture for ESC/POS thermal printers.
* :mod:`printing.fonts` – a TrueType font with Vietnamese letters (fontconfig, Windows).
* :mod:`printing.backends` – CUPS, ESC/POS, PDF folder and "auto" behind one interface
  (the Qt backend is ``ui.qt_printer``, wired in by the GUI).
* :mod:`printing.service` – :class:`~printing.service.PrintService`: print, keep failures
  in the encrypted reprint list (:mod:`printing.reprints`), reprint on a volunteer's
  request, reprint with the portal's code.
* :mod:`printing.doctor` – ``kiosk doctor`` checks; :mod:`printing.sample` – sample data.
"""
