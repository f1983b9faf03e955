"""The three floors: dependencies point down only, Qt stays in ``ui/``, commands load lazily.

The import-linter contracts in ``pyproject.toml`` are the rule (``make test``
runs ``lint-imports`` too); these tests show that they hold on this tree, that
they catch an upward import the moment one is added, and that the lazy imports
they cannot see (a module imported inside a function) keep Qt and the heavy
libraries out of the core at run time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("kiosk", "forms", "printing", "ui", "assets")
CORE = ("kiosk", "forms", "printing")
LINT = ("import sys; from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True))")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the packages under ``tree`` (first on the path)."""
    return subprocess.run([sys.executable, "-c", LINT], cwd=tree, capture_output=True, text=True,
                          env={"PYTHONPATH": str(tree), "PATH": "", "NO_COLOR": "1"}, timeout=120)


def _copy(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    for name in PACKAGES:
        shutil.copytree(ROOT / name, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree)
    return tree


def test_the_contracts_hold_on_this_tree() -> None:
    run = _lint(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "4 kept, 0 broken" in run.stdout


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("forms/model.py", "import kiosk.config", "Floors"),
    ("printing/receipt.py", "import forms.model", "Floors"),
    ("kiosk/outbox/store.py", "import ui.app", "Floors"),
    ("kiosk/core/text.py", "import kiosk.config", "The foundation"),
    ("printing/layout.py", "import PySide6.QtCore", "No Qt outside ui/"),
    ("kiosk/sandbox/store.py", "import kiosk.outbox.records", "The sandbox portal"),
])
def test_an_upward_import_breaks_a_contract(tmp_path: Path, module: str, line: str,
                                            contract: str) -> None:
    tree = _copy(tmp_path)
    assert _lint(tree).returncode == 0  # the copy itself is clean
    with (tree / module).open("a", encoding="utf-8") as source:
        source.write(f"\n{line}  # added by the test\n")
    run = _lint(tree)
    assert run.returncode == 1, run.stdout + run.stderr
    broken = [row for row in run.stdout.splitlines() if " BROKEN" in row]
    assert any(row.startswith(contract) for row in broken), run.stdout
    assert module.removesuffix(".py").replace("/", ".") in run.stdout


def test_importing_every_core_module_loads_no_qt() -> None:
    """What the contracts cannot see: an import done inside a function at run time."""
    modules = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for package in CORE
        for path in sorted((ROOT / package).rglob("*.py"))
        if path.name != "__main__.py" and path != ROOT / "kiosk" / "cli.py"
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m.removesuffix('.__init__'))\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui')))\n"
        "print(bad)\n"
        "raise SystemExit(1 if bad else 0)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_command_line_loads_only_what_parsing_needs() -> None:
    """Every command is registered statically, yet ``kiosk run`` pays for none of the
    others' libraries: each command module imports them when it runs."""
    heavy = ("PySide6", "reportlab", "requests", "cryptography", "keyring", "sqlite3", "PIL",
             "vietnam_provinces", "forms.loader", "kiosk.context")
    code = ("import sys, kiosk.cli\n"
            f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.strip() == "[]", run.stdout + run.stderr


def test_an_unknown_command_lists_every_real_one() -> None:
    run = subprocess.run([sys.executable, "-m", "kiosk", "no-such-command"], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    for command in ("sandbox", "submit", "outbox", "forms", "receipt", "printers", "print",
                    "doctor", "config", "run", "tour", "audit"):
        assert f"'{command}'" in run.stderr, run.stderr


def test_no_module_is_over_400_lines() -> None:
    """Small modules a newcomer can read at one sitting (STYLE.md: a few hundred lines)."""
    long = [f"{path.relative_to(ROOT)}: {n} lines"
            for folder in (*PACKAGES, "tests", "benchmarks", "scripts")
            for path in sorted((ROOT / folder).rglob("*.py"))
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400]
    assert not long, "\n".join(long)


def test_the_window_paints_before_the_applications_libraries_load() -> None:
    """``kiosk run`` shows its welcome page first and builds the context on a worker after
    the first paint: the window's own modules must not pull the context's in."""
    heavy = ("kiosk.context", "requests", "reportlab", "cryptography", "keyring", "sqlite3",
             "vietnam_provinces")
    code = ("import sys, kiosk.cli, ui.app, ui.screens.welcome\n"
            f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 0 and run.stdout.strip() == "[]", run.stdout + run.stderr
