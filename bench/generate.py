"""Generate a synthetic brief corpus: a complete Sphinx project (and a pandoc file).

The corpus has ``--pages`` MyST pages of ``--paragraphs`` paragraphs each, ``--footcites``
notes per page cycling over ``--keys`` bib entries, and project-wide ``--quotes`` and
``--events`` spread round-robin over the pages (events dated across decades, tagged from a
declared set, each with a source).  ``--timeline`` and ``--quotations`` add the collecting
pages.  Everything is derived from ``--seed``: the same arguments write the same bytes.

Variants (``--variant``):

``brief``
    this project: ``sphinx_brief`` loaded, ``bibtex_default_style = "brief"``;
``stock``
    stock sphinxcontrib-bibtex: no ``sphinx_brief`` (so none of its caching) and
    ``bibtex_default_style = "unsrt"``; the bib entries also carry ``year``/``month``, which
    ``unsrt`` needs.  Quotes and events need ``sphinx_brief``, so this variant has none;
``nocite``
    the ``brief`` project with every ``{footcite}`` removed (the notes' sentences stay);
``note``
    the ``brief`` project with every ``{footcite}`` written as a ``{note}`` role
    (``{note}`@key```), which needs no ``footbibliography``;
``marks``
    the ``note`` project with a role of its own in place of ``{note}`` (``_bench_marks.py``):
    one empty node where each note stands and nothing else, the floor under any note that
    is a node in the text;
``claims``
    the ``brief`` project with every ``{footcite}`` replaced by a plain MyST footnote of
    its own (one note per claim, as ``note`` makes them): what those notes cost in docutils
    and Sphinx without bibtex;
``footnotes``
    the ``brief`` project with every ``{footcite}`` replaced by a plain MyST footnote
    (``[^key]``, its text written out on the page): what notes cost without bibtex.

``--pandoc FILE`` also writes the same prose as one Markdown file with ``[@key]`` citations
(and ``refs.bib`` beside it) for ``pandoc --citeproc``.

Run ``python bench/generate.py --help`` for the options.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent

TAGS: dict[str, str] = {
    "arms": "Arms",
    "missile": "Missiles",
    "nuclear": "Nuclear",
    "trade": "Trade",
    "diplomacy": "Diplomacy",
    "energy": "Energy",
    "sanctions": "Sanctions",
    "interdiction": "Interdiction",
}

SPEAKERS: tuple[tuple[str, str], ...] = (
    ("Kim Yong-nam", "de facto head of state"),
    ("Mahmoud Ahmadinejad", "President of Iran"),
    ("Kim Chong Ryong", "North Korean ambassador to Tehran"),
    ("Gholam Ali Khushroo", "former Iranian Deputy Foreign Minister"),
    ("Kazem Vaziri Hamaneh", "Iranian Oil Minister"),
    ("Avigdor Lieberman", "Israeli Foreign Minister"),
    ("Manouchehr Mottaki", "Iranian Foreign Minister"),
    ("Pak Ui-chun", "North Korean Foreign Minister"),
    ("Robert Gates", "U.S. Secretary of Defense"),
    ("Hillary Clinton", "U.S. Secretary of State"),
    ("Ali Larijani", "Speaker of the Majlis"),
    ("Kim Jong-il", "Chairman of the National Defence Commission"),
)

PLACES = (
    "Pyongyang",
    "Tehran",
    "Bangkok, Thailand",
    "Semnan, Iran",
    "Damascus",
    "Beijing",
    "New York",
    "Colombo, Sri Lanka",
    "Kish Island, Iran",
    "Vienna",
)

_PROSE = (
    "the government announced that both countries would strengthen cooperation in energy "
    "missile technology trade and diplomacy while officials denied reports of military "
    "assistance and analysts noted that shipments of components continued through third "
    "countries despite sanctions approved by the Security Council and monitored by "
    "inspectors who reported new launch facilities near the capital according to "
    "ministers ambassadors newspapers agencies and envoys in the region"
)
WORDS = tuple(_PROSE.split())

JOURNALS = (
    "Agence France-Presse",
    "Islamic Republic News Agency",
    "Arms Control Today",
    "The Times",
    "Kyodo News",
    "Xinhua",
    "McClatchy Newspapers",
    "Middle East Times",
)

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Options:
    """What to generate (the command line's options)."""

    pages: int = 10
    paragraphs: int = 5
    footcites: int = 10
    keys: int = 3
    quotes: int = 0
    events: int = 0
    timeline: bool = False
    quotations: bool = False
    variant: str = "brief"
    #: the page around the notes: "bench" (plain sentences), "prose" (smart quotes and
    #: dashes in every sentence, sphinx_brief alone in extensions with its defaults),
    #: "mixed" (prose, and MyST footnotes of the author's own on every page)
    shape: str = "bench"
    theme: str = "furo"
    seed: int = 1
    pandoc: Path | None = None


# -- pieces of text ----------------------------------------------------------------------


def bib_key(index: int) -> str:
    return f"src{index:04d}"


def prose(text: str) -> str:
    """A sentence as authors write them: a quoted phrase and a dash (educated by Sphinx's
    smart quotes), an apostrophe."""
    words = text.rstrip(".").split(" ")
    if len(words) > 6:
        words[2] = f'"{words[2]}'
        words[3] = f'{words[3]}"'
        words[5] = f"{words[5]} --"
        words[-1] = f"{words[-1]}'s"
    return " ".join(words) + "."


def sentence(rng: random.Random, words: int = 14) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def bibtex(options: Options) -> str:
    """``refs.bib``: ``--keys`` articles, all published in June 2010 (after every event)."""
    rng = random.Random(options.seed)
    entries = []
    for index in range(options.keys):
        day = 1 + index % 28
        fields = [
            (
                "author",
                f"{rng.choice(('Lee', 'Park', 'Karimi', 'Smith', 'Tanaka'))}, "
                f"{rng.choice(('Anna', 'Bahram', 'Chul', 'Dana', 'Eun-ji'))}",
            ),
            ("title", "{" + sentence(rng, 6).rstrip(".") + f" (Report {index + 1})" + "}"),
            ("journal", JOURNALS[index % len(JOURNALS)]),
            ("date", f"2010-06-{day:02d}"),
        ]
        if options.variant == "stock":  # unsrt reads year/month, not biblatex's date
            fields += [("year", "2010"), ("month", "jun")]
        fields += [
            ("url", f"https://example.org/news/{index + 1}?lang=en&page=2"),
            ("urldate", "2010-07-01"),
        ]
        body = ",\n".join(
            f"  {name} = {{{value}}}" if name != "month" else f"  {name} = {value}"
            for name, value in fields
        )
        entries.append(f"@article{{{bib_key(index)},\n{body},\n}}\n")
    return "\n".join(entries)


def event_date(rng: random.Random, index: int) -> str:
    """An EDTF date between 1950 and 2009, of varied precision and qualification."""
    year = 1950 + rng.randrange(60)
    kind = index % 10
    if kind in (0, 1, 2):
        return f"{year}"
    if kind in (3, 4, 5):
        return f"{year}-{rng.randrange(1, 13):02d}"
    if kind in (6, 7):
        return f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    if kind == 8:
        return f"{year}~" if rng.random() < 0.5 else f"{year}-{rng.randrange(1, 13):02d}?"
    end = min(2009, year + 1 + rng.randrange(8))
    return f"{year}/{end}"


def quote_date(rng: random.Random) -> str:
    return f"{1990 + rng.randrange(20)}-{rng.randrange(1, 13):02d}"


# -- the pages --------------------------------------------------------------------------


def spread(total: int, buckets: int) -> list[int]:
    """``total`` items dealt round-robin into ``buckets``: the count in each."""
    return [total // buckets + (1 if b < total % buckets else 0) for b in range(buckets)]


def sources(index: int, keys: int) -> str:
    first = bib_key(index % keys)
    if keys > 1 and index % 5 == 0:
        return f"{first}, {bib_key((index + 1) % keys)}"
    return first


def page_text(
    options: Options,
    number: int,
    quotes: int,
    quote_start: int,
    events: int,
    event_start: int,
    *,
    for_pandoc: bool = False,
) -> str:
    """One page: paragraphs with notes, then its quotes and events, then its notes."""
    rng = random.Random(options.seed * 100_003 + number)
    cites = 0 if options.variant == "nocite" else options.footcites
    per_paragraph = max(4, -(-options.footcites // max(1, options.paragraphs)))
    total = per_paragraph * max(1, options.paragraphs)
    cited = {round(j * total / options.footcites) for j in range(cites)} if cites else set()
    cite_index = number * options.footcites
    heading = "#" if not for_pandoc else "##"
    footnotes: dict[str, str] = {}
    lines = [f"{heading} Page {number + 1}: {sentence(rng, 4).rstrip('.')}", ""]
    position = 0
    for paragraph in range(max(1, options.paragraphs)):
        if paragraph and paragraph % 4 == 0:
            lines += [f"{heading}# Part {paragraph // 4 + 1}", ""]
        for _ in range(per_paragraph if options.paragraphs else 0):
            text = sentence(rng)
            if options.shape != "bench":
                text = prose(text)
            if position in cited:
                entry = cite_index % options.keys
                key = bib_key(entry)
                cite_index += 1
                if for_pandoc:
                    text = text[:-1] + f" [@{key}]."
                elif options.variant in ("note", "marks"):
                    text += f"{{note}}`@{key}`"
                elif options.variant == "claims":
                    footnotes[f"n{position:04d}"] = plain_note(options, entry)
                    text += f"[^n{position:04d}]"
                elif options.variant == "footnotes":
                    footnotes[key] = plain_note(options, entry)
                    text += f"[^{key}]"
                else:
                    text += f"{{footcite}}`{key}`"
            lines.append(text)
            position += 1
        lines.append("")
    if for_pandoc:
        return "\n".join(lines)
    if options.shape == "mixed":  # the author's own footnotes, in every variant alike
        lines += [f"An aside of the author.[^own{number}a] Another one.[^own{number}b]", ""]
        footnotes[f"own{number}a"] = "A remark of the author, not a source."
        footnotes[f"own{number}b"] = "Another remark, with “quotation marks” -- and a dash."
    lines += [f"[^{key}]: {note}" for key, note in sorted(footnotes.items())]
    if footnotes:
        lines.append("")
    for offset in range(quotes):
        index = quote_start + offset
        speaker, role = SPEAKERS[index % len(SPEAKERS)]
        lines += [
            ":::{quote}",
            f":speaker: {speaker}",
            f":role: {role}",
            f":date: {quote_date(rng)}",
            f":source: {sources(index, options.keys)}",
            "",
            sentence(rng, 20),
            ":::",
            "",
        ]
    for offset in range(events):
        index = event_start + offset
        tags = sorted({list(TAGS)[index % len(TAGS)], list(TAGS)[(index * 7 + 3) % len(TAGS)]})
        lines += [
            f":::{{event}} {event_date(rng, index)}",
            f":title: Event {index + 1}: {sentence(rng, 6).rstrip('.')}",
            f":tags: {', '.join(tags)}",
            f":source: {sources(index, options.keys)}",
        ]
        if index % 3 == 0:
            lines.append(f":place: {PLACES[index % len(PLACES)]}")
        lines += ["", sentence(rng, 10), ":::", ""]
    if (
        (cites and options.variant not in ("footnotes", "note", "marks", "claims"))
        or quotes
        or events
    ):
        lines += ["```{footbibliography}", "```", ""]
    return "\n".join(lines)


def plain_note(options: Options, index: int) -> str:
    """A note of the brief style's form for entry ``index``, written out (``footnotes``)."""
    rng = random.Random(options.seed)
    last = first = title = ""
    for number in range(index + 1):  # the draws bibtex() makes, up to this entry
        last = rng.choice(("Lee", "Park", "Karimi", "Smith", "Tanaka"))
        first = rng.choice(("Anna", "Bahram", "Chul", "Dana", "Eun-ji"))
        title = sentence(rng, 6).rstrip(".") + f" (Report {number + 1})"
    journal = JOURNALS[index % len(JOURNALS)]
    url = f"https://example.org/news/{index + 1}?lang=en&page=2"
    return (
        f"{first} {last}, “{title},” *{journal}*, June {1 + index % 28}, 2010, {url} "
        f"(accessed July 1, 2010)."
    )


def conf_py(options: Options) -> str:
    stock = options.variant == "stock"
    extensions = ["myst_parser", "sphinxcontrib.bibtex"] + ([] if stock else ["sphinx_brief"])
    if options.shape != "bench":
        extensions = ["sphinx_brief"]  # as a brief lists it: it loads MyST and bibtex
    theme = options.theme
    text = f'''\
        """A generated benchmark corpus (bench/generate.py, variant {options.variant!r})."""

        import os
        import sys

        project = "Benchmark brief"
        author = "bench/generate.py"
        language = "en"
        root_doc = "index"
        exclude_patterns = ["_build"]
        extensions = {extensions!r}
        myst_enable_extensions = ["colon_fence"]

        bibtex_bibfiles = ["refs.bib"]
        bibtex_default_style = {"unsrt" if stock else "brief"!r}
        bibtex_encoding = "utf-8"
        '''
    if options.shape != "bench":
        text += f"""
        brief_tags = {TAGS!r}
        """
    elif not stock:
        # Sphinx's own defaults, as the stock variant has them (html_title, version, cite
        # ids, …): the outputs are compared page by page apart from the notes' style.
        text += f"""
        brief_tags = {TAGS!r}
        brief_defaults = False
        """
    text += f"""
        html_theme = {theme!r}
        html_copy_source = False
        html_show_sourcelink = False
        latex_documents = [(root_doc, "bench.tex", project, author, "howto")]
        epub_exclude_files = []

        # the marks variant: the {{note}} role replaced by one that makes an empty node
        if {options.variant == "marks"!r}:
            sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
            extensions.append("_bench_marks")

        # bench/run.py times page writes with a tiny extension; it is off unless asked for.
        if os.environ.get("BENCH_TIMING_FILE"):
            sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
            extensions.append("_bench_timing")
        """
    return textwrap.dedent(text)


def generate(options: Options, out: Path) -> dict[str, int]:
    """Write the project into ``out`` (which must not exist or be empty); return counts."""
    if options.variant == "stock" and (
        options.quotes or options.events or options.timeline or options.quotations
    ):
        raise ValueError(
            "the stock variant has no sphinx_brief: no quotes, events or collecting pages"
        )
    if options.keys < 1:
        raise ValueError("--keys must be at least 1")
    if options.pages < 1:
        raise ValueError("--pages must be at least 1")
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise ValueError(f"{out} is not empty")
    (out / "pages").mkdir()
    (out / "conf.py").write_text(conf_py(options), encoding="utf-8")
    (out / "refs.bib").write_text(bibtex(options), encoding="utf-8")
    shutil.copy2(HERE / "_bench_timing.py", out / "_bench_timing.py")
    if options.variant == "marks":
        shutil.copy2(HERE / "_bench_marks.py", out / "_bench_marks.py")

    quotes = spread(options.quotes, options.pages)
    events = spread(options.events, options.pages)
    names = []
    quote_start = event_start = 0
    for number in range(options.pages):
        name = f"page{number + 1:04d}"
        names.append(f"pages/{name}")
        text = page_text(options, number, quotes[number], quote_start, events[number], event_start)
        (out / "pages" / f"{name}.md").write_text(text, encoding="utf-8")
        quote_start += quotes[number]
        event_start += events[number]

    collectors = []
    if options.timeline:
        collectors.append("timeline")
        (out / "timeline.md").write_text(
            "# Chronology\n\nEvery dated event of the corpus.\n\n::::{timeline}\n::::\n",
            encoding="utf-8",
        )
    if options.quotations:
        collectors.append("quotations")
        (out / "quotations.md").write_text(
            "# Who said what\n\nEvery quotation of the corpus.\n\n:::{quotations}\n:::\n",
            encoding="utf-8",
        )
    toctree = "\n".join([*collectors, *names])
    (out / "index.md").write_text(
        "# Benchmark brief\n\n"
        "This brief is generated by bench/generate.py to time the build.\n\n"
        f"```{{toctree}}\n:maxdepth: 1\n\n{toctree}\n```\n",
        encoding="utf-8",
    )

    if options.pandoc is not None:
        write_pandoc(options, options.pandoc)
    cites = 0 if options.variant == "nocite" else options.pages * options.footcites
    return {
        "pages": options.pages,
        "footcites": cites,
        "keys": options.keys,
        "quotes": options.quotes,
        "events": options.events,
    }


def write_pandoc(options: Options, path: Path) -> None:
    """The same prose (and notes) as one pandoc Markdown file, with refs.bib beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    plain = Options(**{**options.__dict__, "variant": "brief", "pandoc": None})
    parts = [
        "---",
        "title: Benchmark brief",
        "bibliography: refs.bib",
        "suppress-bibliography: true",
        "---",
        "",
    ]
    for number in range(options.pages):
        parts.append(page_text(plain, number, 0, 0, 0, 0, for_pandoc=True))
    path.write_text("\n".join(parts), encoding="utf-8")
    (path.parent / "refs.bib").write_text(bibtex(plain), encoding="utf-8")


def parse_args(argv: Sequence[str] | None = None) -> tuple[Options, Path]:
    parser = argparse.ArgumentParser(
        description="Write a synthetic brief corpus as a complete Sphinx project."
    )
    parser.add_argument("out", type=Path, help="folder to create (must be empty)")
    parser.add_argument("--pages", type=int, default=10, help="number of pages (10)")
    parser.add_argument("--paragraphs", type=int, default=5, help="paragraphs per page (5)")
    parser.add_argument("--footcites", type=int, default=10, help="{footcite}s per page (10)")
    parser.add_argument("--keys", type=int, default=3, help="bib entries cited (3)")
    parser.add_argument("--quotes", type=int, default=0, help="quotes in all (0)")
    parser.add_argument("--events", type=int, default=0, help="events in all (0)")
    parser.add_argument(
        "--timeline", action="store_true", help="add timeline.md, collecting every event"
    )
    parser.add_argument(
        "--quotations", action="store_true", help="add quotations.md, collecting every quote"
    )
    parser.add_argument(
        "--variant",
        choices=("brief", "stock", "nocite", "footnotes", "note", "marks", "claims"),
        default="brief",
        help="this project, stock sphinxcontrib-bibtex, no citations, or "
        "plain MyST footnotes in place of citations",
    )
    parser.add_argument(
        "--shape",
        choices=("bench", "prose", "mixed"),
        default="bench",
        help="the page around the notes: plain sentences, prose with smart quotes and "
        "dashes (sphinx_brief alone in extensions), or prose with the author's own footnotes",
    )
    parser.add_argument("--theme", default="furo", help="html_theme (furo)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument(
        "--pandoc",
        type=Path,
        default=None,
        help="also write this pandoc Markdown file (refs.bib beside it)",
    )
    args = parser.parse_args(argv)
    options = Options(
        pages=args.pages,
        paragraphs=args.paragraphs,
        footcites=args.footcites,
        keys=args.keys,
        quotes=args.quotes,
        events=args.events,
        timeline=args.timeline,
        quotations=args.quotations,
        variant=args.variant,
        shape=args.shape,
        theme=args.theme,
        seed=args.seed,
        pandoc=args.pandoc,
    )
    return options, args.out


def main(argv: Sequence[str] | None = None) -> int:
    options, out = parse_args(argv)
    try:
        counts = generate(options, out)
    except ValueError as exc:
        print(f"generate.py: {exc}", file=sys.stderr)
        return 2
    summary = ", ".join(f"{value} {name}" for name, value in counts.items())
    print(f"wrote {out} ({options.variant}): {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
