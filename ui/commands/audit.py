"""``kiosk audit [--out DIR]``: an accessibility audit of every screen, as residents see it.

Walks the same journeys as ``kiosk tour`` (every procedure with its example
answers, plus the volunteer panel, a validation error, large text, English,
the idle warning and the status lookup) and checks each screen with
:mod:`ui.audit`: target size, text size, accessible names, contrast, every
target wholly in view and uncovered, no clipped text. By default every view:
the three screens cultural houses have (1366×768, 1280×800, 1920×1080) × both
text sizes × both themes, each view in a child process of its own (as many at
once as the PC has cores; each with a throwaway demo folder). ``--size``,
``--text`` and ``--theme`` narrow it. Writes ``DIR/audit.json``
(``{"screens": [{"screen", "view", "violations": [...]}], "problems": [...]}``)
and a readable ``DIR/audit.txt``; exit 1 on any violation.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.errors import OperationFailed
from kiosk.core.process import kiosk_argv
from ui.commands.common import demo_context, offscreen_output
from ui.commands.tour import Tour, screen_size

if TYPE_CHECKING:
    from kiosk.context import AppContext

SIZES = ((1366, 768), (1280, 800), (1920, 1080))  # the cheap touchscreens, and a full-HD one
VIEW_TIMEOUT_S = 900


@dataclass
class ScreenAudit:
    screen: str
    violations: list[dict[str, str]] = field(default_factory=list)
    view: str = ""


@dataclass(frozen=True)
class View:
    size: tuple[int, int]
    large_text: bool
    high_contrast: bool

    @property
    def name(self) -> str:
        """ "1366x768", "1366x768 large-text high-contrast"."""
        words = [f"{self.size[0]}x{self.size[1]}"]
        words += ["large-text"] * self.large_text + ["high-contrast"] * self.high_contrast
        return " ".join(words)

    def options(self) -> list[str]:
        return (["--size", self.name.split()[0], "--text", "large" if self.large_text else
                 "normal", "--theme", "high-contrast" if self.high_contrast else "normal"])


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("audit", help="accessibility audit of every screen")
    parser.add_argument("--out", default="audit", help="folder for audit.json (default: audit)")
    parser.add_argument("--procedure", help="one procedure (code or slug); default: all")
    parser.add_argument("--size", type=screen_size, action="append", metavar="WxH",
                        help="a window size (repeatable; default: 1366x768, 1280x800, 1920x1080)")
    parser.add_argument("--text", choices=("normal", "large", "both"), default="both",
                        help="text size (default: both)")
    parser.add_argument("--theme", choices=("normal", "high-contrast", "both"), default="both",
                        help="colours (default: both)")
    parser.add_argument("--large-text", action="store_true", help="same as --text large")
    parser.add_argument("--high-contrast", action="store_true",
                        help="same as --theme high-contrast")
    parser.set_defaults(func=run)


def views(args: argparse.Namespace) -> list[View]:
    text = "large" if args.large_text else args.text
    theme = "high-contrast" if args.high_contrast else args.theme
    return [View(tuple(size), large, contrast) for size in (args.size or SIZES)
            for large in ((False, True) if text == "both" else (text == "large",))
            for contrast in ((False, True) if theme == "both" else (theme == "high-contrast",))]


def run(args: argparse.Namespace) -> int:
    out = offscreen_output(args.out)
    chosen = views(args)
    if len(chosen) == 1:
        screens, problems = audit_view(chosen[0], args.procedure, out)
    else:
        screens, problems = audit_views(chosen, args.procedure, out)
    (out / "audit.json").write_text(
        json.dumps({"screens": [s.__dict__ for s in screens], "problems": problems},
                   ensure_ascii=False, indent=2), encoding="utf-8")
    text = readable(screens, problems)
    (out / "audit.txt").write_text(text, encoding="utf-8")
    print(text, end="")
    bad = sum(len(s.violations) for s in screens)
    if bad or problems:
        raise OperationFailed(f"audit: {bad} violations; see {out / 'audit.txt'}")
    return 0


def audit_view(view: View, procedure: str | None, out: Path) -> tuple[list[ScreenAudit], list[str]]:
    """One view, in this process."""
    from ui.commands.run import close_context

    ctx = demo_context()
    try:
        audit = Audit(ctx, out, "vi", size=view.size, large_text=view.large_text,
                      high_contrast=view.high_contrast)
        procedures = ([ctx.catalogue.get(procedure)] if procedure
                      else list(ctx.catalogue.procedures))
        report = audit.run(procedures)
    finally:
        close_context(ctx)
    for screen in audit.screens:
        screen.view = view.name
    return audit.screens, [f"{view.name}: {p}" for p in report.problems]


def audit_views(chosen: list[View], procedure: str | None,
                out: Path) -> tuple[list[ScreenAudit], list[str]]:
    """Each view in a child process (a fresh window, application and demo folder)."""
    env = {k: v for k, v in os.environ.items() if k not in ("KIOSK_HOME", "KIOSK_CONFIG")}
    env["QT_QPA_PLATFORM"] = "offscreen"

    def one(view: View) -> tuple[list[ScreenAudit], list[str]]:
        folder = out / ("view-" + view.name.replace(" ", "-"))
        argv = kiosk_argv("audit", "--out", str(folder), *view.options(),
                          *(["--procedure", procedure] if procedure else []))
        try:
            done = subprocess.run(argv, env=env, capture_output=True, text=True,
                                  encoding="utf-8", errors="replace", timeout=VIEW_TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return [], [f"{view.name}: the audit of this view did not finish ({exc})"]
        try:
            report = json.loads((folder / "audit.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            tail = done.stderr.strip()[-400:]
            return [], [f"{view.name}: the audit of this view stopped (exit {done.returncode}):"
                        f" {tail}"]
        shutil.rmtree(folder, ignore_errors=True)
        return ([ScreenAudit(s["screen"], s["violations"], s.get("view", view.name))
                 for s in report["screens"]], list(report["problems"]))

    screens: list[ScreenAudit] = []
    problems: list[str] = []
    with ThreadPoolExecutor(max_workers=max(1, min(len(chosen), os.cpu_count() or 1))) as pool:
        for found, trouble in pool.map(one, chosen):
            screens += found
            problems += trouble
    return screens, problems


def readable(screens: list[ScreenAudit], problems: list[str]) -> str:
    lines = []
    for screen in screens:
        verdict = "ok" if not screen.violations else f"{len(screen.violations)} violations"
        where = f"[{screen.view}] " if screen.view else ""
        lines.append(f"{where}{screen.screen}: {verdict}")
        lines += [f"    {v['rule']}: {v['widget']}: {v['detail']}" for v in screen.violations]
    lines += [f"journey problem: {p}" for p in problems]
    total = sum(len(s.violations) for s in screens)
    views_seen = len({s.view for s in screens})
    lines.append(f"{len(screens)} screens in {views_seen} views, {total} violations")
    return "\n".join(lines) + "\n"


class Audit(Tour):
    """The tour's walk, auditing each screen instead of saving a picture."""

    def __init__(self, ctx: AppContext, out: Path, lang: str, *,
                 size: tuple[int, int] = (1366, 768), large_text: bool = False,
                 high_contrast: bool = False) -> None:
        super().__init__(ctx, out, lang, size=size, large_text=large_text,
                         high_contrast=high_contrast)
        self.screens: list[ScreenAudit] = []
        self.seen: set[str] = set()

    def shot(self, screen: str, procedure: str | None = None, question: str | None = None,
             detail: str = "", whole_page: bool = False) -> None:
        from ui.audit import audit_widget
        from ui.driver import settle

        if whole_page:
            return
        settle(30)
        name = "/".join(p for p in (procedure, screen, question or detail) if p)
        root = self.window.overlay if self.window.overlay.isVisible() else self.window
        violations = [v.as_dict() for v in audit_widget(root, self.window.large_text)]
        key = f"{name}|{json.dumps(violations, sort_keys=True)}"
        if key not in self.seen:  # the same page on every journey is listed once
            self.seen.add(key)
            self.screens.append(ScreenAudit(name, violations))

    def print_receipt(self, slug: str) -> None:
        from ui.driver import wait_until

        self.drive.tap("print-receipt")
        wait_until(lambda: self.drive.button("print-receipt").isEnabled(), 30, "printing")
        self.shot("confirmation", slug, detail="printed")
