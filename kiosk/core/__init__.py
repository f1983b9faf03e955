"""The foundation every floor stands on: text and translation, errors, paths, logging, statuses.

Nothing here imports anything else of ours (an import-linter contract in
``pyproject.toml`` enforces it), so ``forms``, ``printing``, the application in
``kiosk`` and ``ui`` can all use it. Qt-free; any thread.
"""
