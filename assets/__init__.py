"""What ships with the kiosk besides code: fonts, the style sheet, icons (data only).

Read with :mod:`importlib.resources`, so the files come out of the installed
wheel (or the source tree) on every PC, never from the host's font folders.
Imports nothing of ours.
"""
