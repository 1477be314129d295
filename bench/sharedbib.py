"""A brief that cites a few entries of an institution's shared ``refs.bib``.

An institution keeps one bib file for all its briefs: thousands of entries of every kind
(articles, reports, books, web pages, chapters, documents), with long titles, several
authors, LaTeX accents and protected capitals, abstracts, addresses with query strings.
One brief cites a few dozen of them.  :func:`shared_bibtex` writes such a file (the same
bytes for the same arguments); :func:`generate` writes a brief that cites ``cited`` of its
entries, spread over the file, with a Sources page that lists the cited ones (no
``:all:``), and a ``refs.bib`` that holds either the whole shared file or only the
entries the brief cites (the same entries, byte for byte, in the same order).

``bench/run.py --sections sharedbib`` times the two against each other::

    python bench/sharedbib.py OUT --entries 10000 --cited 50 [--only-cited]
"""

from __future__ import annotations

import argparse
import random
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent

FAMILY = (
    "Lee", "Park", "Karimi", "Smith", "Tanaka", "Hosseini", "Kim", "Choi", "Moradi",
    "Nguyen", "M{\\\"u}ller", "Garc{\\'\\i}a", "O'Brien", "van der Berg", "Rahimi", "Jung",
)  # fmt: skip
GIVEN = (
    "Anna", "Bahram", "Chul", "Dana", "Eun-ji", "Farid", "Grace", "Hyun-woo", "Ivan",
    "Jae-sung", "Leila", "Mohammad Reza", "Nasrin", "Sang-hun", "Th{\\'e}r{\\`e}se",
)  # fmt: skip
BODIES = (
    "{International Atomic Energy Agency}",
    "{Congressional Research Service}",
    "{Jane's Information Group}",
    "{{U.S.} Department of State}",
    "{Korean Central News Agency}",
)
JOURNALS = (
    "Agence France-Presse", "Islamic Republic News Agency", "Arms Control Today",
    "The Times", "Kyodo News", "Xinhua", "McClatchy Newspapers", "Middle East Times",
    "Asia Times Online", "Bulletin of the Atomic Scientists", "Nonproliferation Review",
    "Foreign Affairs", "The Korea Herald", "Tehran Times", "Yonhap News Agency",
)  # fmt: skip
PUBLISHERS = (
    ("Routledge", "London"),
    ("Oxford University Press", "Oxford"),
    ("Brookings Institution Press", "Washington, DC"),
    ("Congressional Research Service", "Washington, DC"),
    ("International Institute for Strategic Studies", "London"),
    ("RAND Corporation", "Santa Monica, CA"),
)
_TEXT = """north korea iran missile cooperation nuclear programme sanctions enrichment
ballistic technology transfer shipment interdiction diplomacy trade energy oil relations
alliance proliferation network envoy ministry report assessment analysis security council
resolution inspectors facility launch test regime strategy deal talks negotiations
pressure military assistance arms exports components"""
WORDS = tuple(_TEXT.split())
PROTECTED = ("{IAEA}", "{UN}", "{DPRK}", "{U.S.}", "{NPT}", "{IRGC}", "{Shahab-3}", "{Nodong}")
#: (entry type, weight): most of a shared file is articles and web pages.
TYPES = (
    ("article", 45),
    ("online", 20),
    ("report", 14),
    ("book", 8),
    ("incollection", 6),
    ("misc", 7),
)


def entry_key(index: int) -> str:
    return f"shared{index:05d}"


def _title(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    words = [w.capitalize() if rng.random() < 0.6 else w for w in words]
    words[0] = words[0].capitalize()
    for _ in range(rng.randint(0, 2)):
        words.insert(rng.randrange(len(words)), rng.choice(PROTECTED))
    title = " ".join(words)
    if rng.random() < 0.4:
        title += ": " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9)))
    return title


def _authors(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return rng.choice(BODIES)
    names = [
        f"{rng.choice(FAMILY)}, {rng.choice(GIVEN)}" for _ in range(rng.choice((1, 1, 1, 2, 3, 5)))
    ]
    return " and ".join(names)


def _date(rng: random.Random) -> str:
    year = rng.randint(1985, 2024)
    kind = rng.random()
    if kind < 0.7:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind < 0.9:
        return f"{year}-{rng.randint(1, 12):02d}"
    return str(year)


def _url(rng: random.Random, index: int) -> str:
    host = rng.choice(("www.example.org", "news.example.com", "archive.example.net"))
    path = "/".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5)))
    return f"https://{host}/{path}/{index}.html?lang=en&ref=rss&id={rng.randint(1, 10**9)}"


def entry(rng: random.Random, index: int) -> str:
    """One entry of the shared file, of a kind drawn by :data:`TYPES`."""
    kind = rng.choices([t for t, _ in TYPES], [w for _, w in TYPES])[0]
    fields: list[tuple[str, str]] = [("author", _authors(rng))] if rng.random() < 0.9 else []
    fields.append(("title", "{" + _title(rng, 5, 18) + "}"))
    if rng.random() < 0.15:
        fields.append(("shorttitle", "{" + _title(rng, 2, 4) + "}"))
    if kind == "article":
        fields.append(("journal", rng.choice(JOURNALS)))
        if rng.random() < 0.3:
            fields += [("volume", str(rng.randint(1, 60))), ("number", str(rng.randint(1, 12)))]
            first = rng.randint(1, 400)
            fields.append(("pages", f"{first}--{first + rng.randint(2, 30)}"))
    elif kind in ("report", "book"):
        publisher, place = rng.choice(PUBLISHERS)
        fields.append(("institution" if kind == "report" else "publisher", publisher))
        fields.append(("address", place))
        if kind == "report":
            fields += [
                ("type", "CRS Report for Congress"),
                ("number", f"RL{rng.randint(1, 99999)}"),
            ]
    elif kind == "incollection":
        fields.append(("booktitle", "{" + _title(rng, 4, 10) + "}"))
        publisher, place = rng.choice(PUBLISHERS)
        fields += [("publisher", publisher), ("address", place)]
    elif kind == "misc":
        fields.append(("howpublished", rng.choice(JOURNALS)))
    fields.append(("date", _date(rng)))
    if kind in ("online", "article", "misc") or rng.random() < 0.3:
        fields += [("url", _url(rng, index)), ("urldate", "2024-03-01")]
        if rng.random() < 0.2:
            fields.append(("library", "LexisNexis"))
    if rng.random() < 0.1:
        fields.append(("note", "{Translated by the BBC Monitoring Service}"))
    if rng.random() < 0.1:
        abstract = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60)))
        fields.append(("abstract", "{" + abstract.capitalize() + ".}"))
    if rng.random() < 0.3:
        fields.append(("keywords", ", ".join(sorted({rng.choice(WORDS) for _ in range(4)}))))
    body = ",\n".join(f"  {name:<10} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{entry_key(index)},\n{body},\n}}\n"


def shared_bibtex(entries: int, seed: int = 1) -> list[str]:
    """The shared file's entries, in file order (the same for the same arguments)."""
    rng = random.Random(seed)
    return [entry(rng, index) for index in range(entries)]


def cited_indexes(entries: int, cited: int) -> list[int]:
    """Which entries a brief cites: ``cited`` of them, spread over the whole file."""
    cited = min(cited, entries)
    return sorted({index * entries // cited + (entries // cited) // 2 for index in range(cited)})


@dataclass(frozen=True)
class Options:
    entries: int = 10_000
    cited: int = 50
    #: refs.bib holds only the cited entries (the comparison), not the whole shared file
    only_cited: bool = False
    pages: int = 10
    seed: int = 1
    theme: str = "furo"


CONF = '''\
    """A brief citing a few entries of a shared refs.bib (bench/sharedbib.py)."""

    project = "Benchmark brief"
    author = "bench/sharedbib.py"
    language = "en"
    root_doc = "index"
    exclude_patterns = ["_build"]
    extensions = ["sphinx_brief"]
    bibtex_bibfiles = ["refs.bib"]
    html_theme = {theme!r}
    html_copy_source = False
    html_show_sourcelink = False
    '''


def generate(options: Options, out: Path) -> dict[str, int]:
    """Write the project into ``out`` (which must not exist or be empty)."""
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise ValueError(f"{out} is not empty")
    texts = shared_bibtex(options.entries, options.seed)
    cited = cited_indexes(options.entries, options.cited)
    kept = [texts[i] for i in cited] if options.only_cited else texts
    (out / "refs.bib").write_text("\n".join(kept), encoding="utf-8")
    (out / "conf.py").write_text(textwrap.dedent(CONF.format(theme=options.theme)), "utf-8")
    rng = random.Random(options.seed)
    names = []
    for page in range(options.pages):
        mine = cited[page :: options.pages]
        lines = [f"# Part {page + 1}", ""]
        for number, index in enumerate(mine):
            # each source cited twice on its page: a full note, then a short one
            for _again in range(2):
                words = " ".join(rng.choice(WORDS) for _ in range(18)).capitalize()
                lines.append(f"{words}.{{note}}`@{entry_key(index)}, {number + 1}`")
            lines.append("")
        names.append(f"part{page + 1:03d}")
        (out / f"{names[-1]}.md").write_text("\n".join(lines), encoding="utf-8")
    toctree = "\n".join([*names, "sources"])
    (out / "index.md").write_text(
        "# Benchmark brief\n\nA brief that cites a few entries of a shared bib file.\n\n"
        f"```{{toctree}}\n:maxdepth: 1\n\n{toctree}\n```\n",
        encoding="utf-8",
    )
    # The cited entries, as an author lists them: sphinxcontrib-bibtex's "cited" filter
    # sees the {note}s (sphinx_brief records them as its citation references)
    (out / "sources.md").write_text(
        "# Sources\n\n```{bibliography}\n:list: bullet\n```\n", encoding="utf-8"
    )
    return {"entries in refs.bib": len(kept), "cited": len(cited), "pages": options.pages}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out", type=Path, help="folder to create (must be empty)")
    parser.add_argument("--entries", type=int, default=10_000, help="shared entries (10000)")
    parser.add_argument("--cited", type=int, default=50, help="entries the brief cites (50)")
    parser.add_argument("--only-cited", action="store_true", help="refs.bib: the cited only")
    parser.add_argument("--pages", type=int, default=10, help="pages of the brief (10)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    options = Options(args.entries, args.cited, args.only_cited, args.pages, args.seed)
    try:
        counts = generate(options, args.out)
    except ValueError as exc:
        print(f"sharedbib.py: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
