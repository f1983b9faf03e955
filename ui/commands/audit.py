"""``kiosk audit [--out DIR]``: an accessibility audit of every screen.

Walks the same journeys as ``kiosk tour`` (every procedure with its example
answers, plus the volunteer panel, a validation error, large text, English,
the idle warning and the status lookup) and checks each screen with
:mod:`ui.audit`: target size, text size, accessible names, contrast. Writes
``DIR/audit.json`` (``{"screens": [{"screen", "violations": [...]}]}``) and a
readable ``DIR/audit.txt``; exit 1 on any violation.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.errors import OperationFailed
from ui.commands.common import demo_context, offscreen_output
from ui.commands.tour import Tour, add_view_options

if TYPE_CHECKING:
    from kiosk.context import AppContext


@dataclass
class ScreenAudit:
    screen: str
    violations: list[dict[str, str]] = field(default_factory=list)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("audit", help="accessibility audit of every screen")
    parser.add_argument("--out", default="audit", help="folder for audit.json (default: audit)")
    parser.add_argument("--procedure", help="one procedure (code or slug); default: all")
    add_view_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = offscreen_output(args.out)
    from ui.commands.run import close_context

    ctx = demo_context()
    try:
        audit = Audit(ctx, out, "vi", size=args.size, large_text=args.large_text)
        procedures = ([ctx.catalogue.get(args.procedure)] if args.procedure
                      else list(ctx.catalogue.procedures))
        report = audit.run(procedures)
    finally:
        close_context(ctx)
    screens = [s.__dict__ for s in audit.screens]
    (out / "audit.json").write_text(
        json.dumps({"screens": screens, "problems": report.problems}, ensure_ascii=False,
                   indent=2), encoding="utf-8")
    text = readable(audit.screens, report.problems)
    (out / "audit.txt").write_text(text, encoding="utf-8")
    print(text, end="")
    bad = sum(len(s.violations) for s in audit.screens)
    if bad or report.problems:
        raise OperationFailed(f"audit: {bad} violations; see {out / 'audit.txt'}")
    return 0


def readable(screens: list[ScreenAudit], problems: list[str]) -> str:
    lines = []
    for screen in screens:
        verdict = "ok" if not screen.violations else f"{len(screen.violations)} violations"
        lines.append(f"{screen.screen}: {verdict}")
        lines += [f"    {v['rule']}: {v['widget']}: {v['detail']}" for v in screen.violations]
    lines += [f"journey problem: {p}" for p in problems]
    total = sum(len(s.violations) for s in screens)
    lines.append(f"{len(screens)} screens, {total} violations")
    return "\n".join(lines) + "\n"


class Audit(Tour):
    """The tour's walk, auditing each screen instead of saving a picture."""

    def __init__(self, ctx: AppContext, out: Path, lang: str, *,
                 size: tuple[int, int] = (1366, 768), large_text: bool = False) -> None:
        super().__init__(ctx, out, lang, size=size, large_text=large_text)
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
