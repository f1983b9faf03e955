"""Load procedure definitions (one TOML file each) into ``forms.model`` types.

Every problem found names the file and the field, e.g.
``forms/procedures/x.toml: questions[3].type: unknown type "dat" (known: text, ...)``,
and a file is checked completely so that ``kiosk forms check`` lists all of its
problems at once. Runs at start-up (any thread); pure apart from reading files.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from forms import engine
from forms.model import RESERVED_KEYS, Procedure
from forms.parse import Reader
from kiosk.core.errors import BadInput

DEFAULT_FOLDER = Path(__file__).resolve().parent / "procedures"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a definition file."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}" if self.field else f"{self.file}: {self.message}"


class DefinitionError(BadInput):
    """A procedure definition is broken; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class UnknownProcedure(BadInput):
    """No procedure has this code or slug; the message lists the known codes."""

    def __init__(self, wanted: str, known: Iterable[Procedure]) -> None:
        listing = ", ".join(f"{p.code} ({p.slug})" for p in known)
        super().__init__(f'unknown procedure "{wanted}"; known procedures: {listing}')


@dataclass(frozen=True)
class Catalogue:
    """All procedures, popular tiles first (by rank), then the rest by file name."""

    procedures: tuple[Procedure, ...]

    def get(self, code_or_slug: str) -> Procedure:
        wanted = code_or_slug.strip()
        for procedure in self.procedures:
            if wanted in (procedure.code, procedure.slug):
                return procedure
        raise UnknownProcedure(wanted, self.procedures)

    @property
    def popular(self) -> tuple[Procedure, ...]:
        return tuple(p for p in self.procedures if p.popular)

    def __iter__(self) -> Iterator[Procedure]:
        return iter(self.procedures)

    def __len__(self) -> int:
        return len(self.procedures)


def display_path(path: Path) -> str:
    """The path as a technician would type it: relative to the working folder if inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def check_file(path: Path) -> tuple[Procedure | None, list[Problem]]:
    """Read and check one definition: the procedure (if sound) and every problem."""
    name = display_path(path)
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        return None, [Problem(name, "", f"cannot read the file ({exc.strerror})")]
    except UnicodeDecodeError as exc:
        return None, [Problem(name, "", f"not UTF-8 text (byte {exc.start})")]
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(name, "", f"not valid TOML ({exc})")]
    reader = Reader()
    procedure = reader.procedure(data, slug=path.stem)
    problems = [Problem(name, f, m) for f, m in reader.problems]
    if procedure is None or problems:
        return None, problems
    procedure = replace(procedure, source=path)
    problems.extend(Problem(name, f, m) for f, m in _example_problems(procedure))
    return (None if problems else procedure), problems


def _example_problems(procedure: Procedure) -> list[tuple[str, str]]:
    if not procedure.example:
        return [("example", "missing: every procedure needs one example answer set")]
    result = engine.validate_answers(procedure, procedure.example)
    return [(f"example.{e.field}", e.message("en")) for e in result.errors]


def load_procedure(path: Path) -> Procedure:
    procedure, problems = check_file(path)
    if procedure is None:
        raise DefinitionError(problems)
    return procedure


def definition_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.toml") if p.is_file())


def check_folder(folder: Path) -> tuple[list[Procedure], list[Problem]]:
    """Check every ``*.toml`` in a folder, including codes used twice."""
    procedures: list[Procedure] = []
    problems: list[Problem] = []
    files = definition_files(folder)
    if not files:
        problems.append(Problem(display_path(folder), "", "no procedure definitions (*.toml)"))
    seen: dict[str, str] = {}
    for path in files:
        procedure, found = check_file(path)
        problems.extend(found)
        if procedure is None:
            continue
        if procedure.code in seen:
            message = f'code "{procedure.code}" is already used by {seen[procedure.code]}'
            problems.append(Problem(display_path(path), "code", message))
            continue
        seen[procedure.code] = display_path(path)
        procedures.append(procedure)
    return procedures, problems


def load_catalogue(folder: Path | None = None) -> Catalogue:
    """All procedures in ``folder`` (default: the packaged ``forms/procedures``)."""
    procedures, problems = check_folder(folder or DEFAULT_FOLDER)
    if problems:
        raise DefinitionError(problems)
    ranked = sorted(procedures, key=lambda p: (p.popular == 0, p.popular))
    return Catalogue(tuple(ranked))


def catalogue_json(catalogue: Catalogue) -> list[Mapping[str, Any]]:
    """The catalogue as plain JSON (``kiosk forms list --json``, the sandbox's catalogue)."""
    return [
        {
            "code": p.code,
            "slug": p.slug,
            "name_vi": p.name.vi,
            "name_en": p.name.en,
            "category": p.category,
            "level": p.level.value,
            "fee_vnd": p.fee_vnd,
            "processing_days": p.processing_days,
            "deliveries": [d.value for d in p.deliveries],
            "identity": p.identity.value,
            "questions": [
                {"id": q.id, "type": q.type.value, "required": q.required}
                for q in p.questions
            ],
            "reserved": list(RESERVED_KEYS),
        }
        for p in catalogue.procedures
    ]

