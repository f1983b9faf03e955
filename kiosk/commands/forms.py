"""``kiosk forms list [--json]`` · ``check [PATH]`` · ``example CODE``: procedure definitions."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kiosk.core.errors import BadInput


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("forms", help="procedures and their definitions")
    sub = parser.add_subparsers(dest="forms_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="the procedures the kiosk offers")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(func=_list)
    check = sub.add_parser("check", help="check definition files and report every problem")
    check.add_argument("path", nargs="?", help="a .toml file or a folder (default: the built-in ones)")
    check.set_defaults(func=_check)
    example = sub.add_parser("example", help="print a procedure's example answers as JSON")
    example.add_argument("code", help="national procedure code or file name, e.g. 1.001193")
    example.set_defaults(func=_example)


def _list(args: argparse.Namespace) -> int:
    from forms import loader

    catalogue = loader.load_catalogue()
    if args.json:
        print(json.dumps(loader.catalogue_json(catalogue), ensure_ascii=False, indent=2))
        return 0
    for p in catalogue.procedures:
        days = "trong ngày" if p.processing_days == 0 else f"{p.processing_days} ngày làm việc"
        fee = "miễn phí" if p.fee_vnd == 0 else f"{p.fee_vnd:,} đ".replace(",", ".")
        print(f"{p.code:<10} {p.slug:<28} {p.name.vi} ({p.level.value}; {fee}; {days})")
    return 0


def _check(args: argparse.Namespace) -> int:
    from forms import loader

    path = Path(args.path) if args.path else loader.DEFAULT_FOLDER
    unparsable = _unparsable(loader.definition_files(path) if path.is_dir() else [path])
    if unparsable:
        print("\n".join(unparsable))
        raise BadInput(f"{len(unparsable)} problem(s) in {loader.display_path(path)}")
    if path.is_dir():
        procedures, problems = loader.check_folder(path)
    elif path.is_file():
        procedure, problems = loader.check_file(path)
        procedures = [procedure] if procedure else []
    else:
        raise BadInput(f"{path}: no such file or folder")
    for problem in problems:
        print(problem)
    if problems:
        raise BadInput(f"{len(problems)} problem(s) in {loader.display_path(path)}")
    for procedure in procedures:
        print(f"{loader.display_path(procedure.source or path)}: ok ({procedure.code})")
    return 0


def _unparsable(paths: list[Path]) -> list[str]:
    """Files whose TOML the loader's parser cannot survive (nesting that exhausts the
    stack, integers of thousands of digits): named here, before the loader reads them."""
    import tomllib

    from forms import loader

    problems = []
    for path in paths:
        try:
            tomllib.loads(path.read_bytes().decode("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue  # the loader reports these itself, with the line
        except RecursionError:
            problems.append(f"{loader.display_path(path)}: not valid TOML: arrays or tables "
                            "nested too deeply")
        except ValueError:  # "Exceeds the limit (4300 digits)..."
            problems.append(f"{loader.display_path(path)}: not valid TOML: a number has "
                            "thousands of digits")
    return problems


def _example(args: argparse.Namespace) -> int:
    from forms import loader

    procedure = loader.load_catalogue().get(args.code)
    print(json.dumps(procedure.example, ensure_ascii=False, indent=2))
    return 0
