"""``kiosk tour --out DIR [--procedure CODE] [--lang vi|en]``: pictures of every screen.

Drives the real window offscreen through each procedure's whole journey with
its example answers, against an embedded sandbox portal, and saves one PNG per
screen (``DIR/<procedure>/01-welcome.png``, ``02-identify.png``...), each
receipt PDF, a few extra screens (volunteer panel, a validation error, the
idle warning, large text, status lookup) in ``DIR/extras/``, and
``DIR/tour.json`` listing them all. Volunteers print these for tech classes.
Exit 1 if a journey could not be completed (the problem is in tour.json).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.errors import OperationFailed
from ui.commands.common import application, demo_context, offscreen_output

if TYPE_CHECKING:
    from forms.model import Procedure
    from kiosk.context import AppContext

WIDTH, HEIGHT = 1366, 768  # the cheap kiosk touchscreen


@dataclass
class Shot:
    file: str
    screen: str
    procedure: str | None = None
    question: str | None = None


@dataclass
class TourReport:
    lang: str
    shots: list[Shot] = field(default_factory=list)
    receipts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("tour", help="PNG of every screen of every journey")
    parser.add_argument("--out", required=True, help="folder for the PNGs and tour.json")
    parser.add_argument("--procedure", help="one procedure (code or slug); default: all")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    add_view_options(parser)
    parser.set_defaults(func=run)


def add_view_options(parser: argparse.ArgumentParser) -> None:
    """--size WxH and --large-text: the screen a tour or an audit looks at."""
    parser.add_argument("--size", type=screen_size, default=(WIDTH, HEIGHT), metavar="WxH",
                        help=f"window size in pixels (default: {WIDTH}x{HEIGHT})")
    parser.add_argument("--large-text", action="store_true", help="with the large-text switch on")
    parser.add_argument("--high-contrast", action="store_true",
                        help="with the high-contrast theme on")


def screen_size(text: str) -> tuple[int, int]:
    """ "1366x768" → (1366, 768); argparse turns the ValueError into a plain message."""
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1366x768")
    size = int(width), int(height)
    if not (640 <= size[0] <= 7680 and 480 <= size[1] <= 4320):
        raise argparse.ArgumentTypeError(f"{text!r}: a screen from 640x480 to 7680x4320")
    return size


def run(args: argparse.Namespace) -> int:
    out = offscreen_output(args.out)
    from ui.commands.run import close_context

    ctx = demo_context()
    try:
        procedures = ([ctx.catalogue.get(args.procedure)] if args.procedure
                      else list(ctx.catalogue.procedures))
        report = Tour(ctx, out, args.lang, size=args.size, large_text=args.large_text,
                      high_contrast=args.high_contrast).run(procedures)
    finally:
        close_context(ctx)
    (out / "tour.json").write_text(
        json.dumps(asdict(report), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    print(f"tour: {len(report.shots)} screens, {len(report.receipts)} receipts in {out}")
    if report.problems:
        raise OperationFailed("tour: " + "; ".join(report.problems))
    return 0


class Tour:
    def __init__(self, ctx: AppContext, out: Path, lang: str, *,
                 size: tuple[int, int] = (WIDTH, HEIGHT), large_text: bool = False,
                 high_contrast: bool = False) -> None:
        from ui.app import KioskWindow
        from ui.driver import Driver, wait_until
        from ui.theme import apply_theme

        self.app = application("kiosk-tour")
        apply_theme(self.app)
        self.ctx, self.out, self.lang = ctx, out, lang
        self.window = KioskWindow.for_context(ctx, idle_ms=3_600_000, warning_ms=30_000)
        self.window.resize(*size)
        self.window.show()
        self.window.set_language(lang)
        self.large_text, self.high_contrast = large_text, high_contrast
        self.view()
        self.drive = Driver(self.window)
        self.window.read_aloud.start()  # the speaker button is on the pictures too
        wait_until(lambda: self.window.read_aloud.speaker.probed, 30, "read-aloud probe")
        self.report = TourReport(lang)
        self.folder = out
        self.count = 0
        self.last_code: str | None = None

    def view(self) -> None:
        """The text size and theme asked for ("Xong" went back to the usual ones)."""
        if self.window.large_text != self.large_text:
            self.window.set_large_text(self.large_text)
        if self.window.high_contrast != self.high_contrast:
            self.window.set_high_contrast(self.high_contrast)

    def run(self, procedures: list[Procedure]) -> TourReport:
        from ui.driver import DriveError

        try:
            for procedure in procedures:
                try:
                    self.journey(procedure)
                except DriveError as exc:
                    self.report.problems.append(f"{procedure.slug}: {exc}")
                    self.shot(self.drive.screen, procedure.slug)
                    self.window.wipe_session()
            self.extras(procedures[0])
        finally:
            self.window.shutdown()
        return self.report

    def shot(self, screen: str, procedure: str | None = None, question: str | None = None,
             detail: str = "", whole_page: bool = False) -> None:
        """Save the window (or, ``whole_page``, the current page's full scrolled content)."""
        from ui.driver import settle

        settle(30)
        self.count += 1
        name = f"{self.count:02d}-{screen}{'-' + detail if detail else ''}.png"
        path = self.folder / name
        page = self.window.current().scroll_area.widget()
        target = page if whole_page and page is not None else self.window
        target.grab().save(str(path))
        self.report.shots.append(Shot(str(path.relative_to(self.out)), screen, procedure, question))

    def begin(self, folder: str) -> None:
        self.folder = self.out / folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def journey(self, procedure: Procedure) -> None:
        d, slug = self.drive, procedure.slug
        self.begin(slug)
        self.window.set_language(self.lang)  # "Xong" went back to the kiosk's own language
        self.view()
        example = dict(procedure.example)
        self.shot("welcome", slug)
        d.tap("start")
        self.shot("identify", slug)
        d.tap("continue-without-login")
        self.shot("choose", slug)
        d.tap(f"tile-{slug}")
        self.shot("before", slug)
        d.tap("start-application")
        d.answer_all(example, each=lambda qid: self.shot("question", slug, qid, qid))
        d.complete_review(example)
        self.shot("review", slug)
        self.shot("review", slug, detail="whole-page", whole_page=True)
        d.send()
        self.shot("confirmation", slug)
        self.print_receipt(slug)
        record = self.window.session.record if self.window.session else None
        self.last_code = (record.code if record is not None else None) or self.last_code
        d.tap("done")

    def print_receipt(self, slug: str) -> None:
        from printing.render import render_pdf
        from ui.driver import wait_until

        session = self.window.session
        assert session is not None and session.record is not None
        receipt = self.ctx.receipts.for_record(session.record)

        path = self.folder / f"receipt-{slug}.pdf"
        path.write_bytes(render_pdf(receipt, self.ctx.config.printer.paper))
        self.report.receipts.append(str(path.relative_to(self.out)))
        self.drive.tap("print-receipt")
        wait_until(lambda: self.drive.button("print-receipt").isEnabled(), 30, "printing")
        self.shot("confirmation", slug, detail="printed")

    def extras(self, procedure: Procedure) -> None:
        from ui.tour_extras import take_extras

        self.begin("extras")
        self.window.set_language(self.lang)
        take_extras(self, procedure)
