"""Printer backends behind one small interface (:mod:`printing.backends.base`)."""
