"""``sphinx-brief new DIR``: a starter brief that builds in every format straight away;
``sphinx-brief check DIR``: the brief's invariants in every format (:mod:`.check`);
``sphinx-brief archive DIR``: archived snapshots of the web sources (:mod:`.archive`).

The starter's files are package data (``templates/starter/``); files named ``*.jinja``
are rendered with the brief's facts, each value escaped for the file it lands in (a
Python literal in ``conf.py``, Markdown text in the pages), and the others are copied as
they are.  Nothing is asked, and no existing file is overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import jinja2
from babel import Locale, UnknownLocaleError

from .archive import command as archive_command
from .check import command as check_command
from .core import dates

#: The starter's files, inside the package.
STARTER = "templates/starter"
#: Package data cannot hold dot-files reliably: these are renamed when written.
RENAMED = {"gitignore": ".gitignore"}

#: Characters that CommonMark and MyST read as markup inside a line (emphasis, code, links,
#: roles, HTML, entities, math, tables, footnotes); a backslash makes each literal.  The
#: values land after "# ", so the markers of a line's start (lists, quotes) need nothing.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#|~^$&!])")


def markdown_text(value: str) -> str:
    """``value`` as literal Markdown text on one line (a title, a name)."""
    return _MARKDOWN.sub(r"\\\1", " ".join(value.split()))


def python_literal(value: str) -> str:
    """``value`` as a Python string literal, for ``conf.py``."""
    return repr(value)


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _date(value: str) -> str:
    value = value.strip()
    try:
        dates.parse(value)
    except dates.DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def _language(value: str) -> str:
    value = value.strip()
    try:
        Locale.parse(value.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a language code (en, fr, pt_BR)"
        ) from None
    return value.replace("-", "_")


def _files(root: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for item in sorted(root.iterdir(), key=lambda i: i.name):
        if item.name == "__pycache__":
            continue
        if item.is_dir():
            found.extend(_files(item, f"{prefix}{item.name}/"))
        else:
            found.append((f"{prefix}{item.name}", item))
    return found


def starter_files(facts: dict[str, str]) -> dict[str, str]:
    """The starter's files (relative path → text), rendered with ``facts``."""
    env = jinja2.Environment(
        autoescape=False,  # each value is escaped by its filter, for its own file type
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["py"] = python_literal
    env.filters["md"] = markdown_text
    files = {}
    for name, item in _files(resources.files("sphinx_brief").joinpath(STARTER)):
        text = item.read_text(encoding="utf-8")
        if name.endswith(".jinja"):
            name = name.removesuffix(".jinja")
            text = env.from_string(text).render(**facts)
        head, _, base = name.rpartition("/")
        base = RENAMED.get(base, base)
        files[f"{head}/{base}" if head else base] = text
    return files


def new(directory: Path, facts: dict[str, str]) -> list[Path]:
    """Write the starter into ``directory``; refuse if any of its files exists already."""
    files = starter_files(facts)
    existing = sorted(name for name in files if (directory / name).exists())
    if existing:
        raise FileExistsError(
            f"{directory}: not overwriting {', '.join(existing)} (choose an empty folder)"
        )
    written = []
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # "x": never replace a file that appeared since the check above.
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    return written


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="sphinx-brief", description="Tools for sourced briefs written with sphinx_brief."
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    start = commands.add_parser(
        "new",
        help="write a starter brief into DIR",
        description="Write a starter brief into DIR (created if needed). It builds as it "
        "is with `make html`, `make latexpdf` and `make epub`. Existing files are never "
        "overwritten.",
    )
    start.add_argument("directory", metavar="DIR", type=Path)
    start.add_argument("--title", type=_one_line, default="Untitled Brief")
    start.add_argument("--author", type=_one_line, default="The Author")
    start.add_argument(
        "--date",
        type=_date,
        default=None,
        help="the brief's date, EDTF (2024-05-17, 2024-05); default: today",
    )
    start.add_argument("--language", type=_language, default="en", help="default: en")
    start.add_argument(
        "--description",
        type=_one_line,
        default=None,
        help="one sentence on what the brief is about (default: a sentence with the title)",
    )
    check_command.add_parser(commands)
    archive_command.add_parser(commands)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "check":
        return check_command.run(args)
    if args.command == "archive":
        return archive_command.run(args)
    facts = {
        "title": args.title,
        "author": args.author,
        "date": args.date or dt.date.today().isoformat(),
        "language": args.language,
        "description": args.description or f"A sourced brief: {args.title}.",
    }
    try:
        written = new(args.directory, facts)
    except (FileExistsError, OSError) as exc:
        print(f"sphinx-brief: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote a starter brief into {args.directory} ({len(written)} files).")
    print(f"Next: cd {args.directory} && make html   (then make latexpdf, make epub)")
    return 0
