"""Small text helpers the components share."""

from __future__ import annotations

from functools import cache


def split_list(text: str | None) -> tuple[str, ...]:
    """A comma-separated option value (bib keys, tags): its non-empty, stripped items, in
    order, each once."""
    items: list[str] = []
    for item in (text or "").split(","):
        item = item.strip()
        if item and item not in items:
            items.append(item)
    return tuple(items)


#: The outer quotation marks of languages whose marks are not English's (CLDR's
#: delimiters, which Babel does not expose); any other language gets “…”.
_LANGUAGE_MARKS = {
    "de": ("„", "“"),
    "cs": ("„", "“"),
    "pl": ("„", "”"),
    "hu": ("„", "”"),
    "ru": ("«", "»"),
    "uk": ("«", "»"),
    "fr": ("«\u202f", "\u202f»"),
    "es": ("«", "»"),
    "it": ("«", "»"),
    "pt": ("“", "”"),
    "nl": ("‘", "’"),
    "sv": ("”", "”"),
    "fi": ("”", "”"),
    "da": ("“", "”"),
    "ja": ("「", "」"),
    "zh": ("“", "”"),
    "ko": ("“", "”"),
}


@cache
def quotation_marks(language: str | None) -> tuple[str, str]:
    """The opening and closing quotation marks of a language (Sphinx's ``language``)."""
    primary = (language or "en").replace("_", "-").split("-")[0].lower()
    return _LANGUAGE_MARKS.get(primary, ("“", "”"))


#: Regions whose English puts a full stop or comma after a closing quotation mark (the
#: British, "logical" rule); the others (the United States, Canada) put it inside.
_LOGICAL_ENGLISH = frozenset({"GB", "UK", "IE", "AU", "NZ", "ZA", "IN"})


def punctuation_inside(language: str | None) -> bool:
    """Whether the language sets a full stop or comma that follows quoted words inside the
    closing mark (American English: “…stability.”), not after it (British English, French,
    German …: “…stability”.)."""
    parts = (language or "en").replace("_", "-").split("-")
    if parts[0].lower() != "en":
        return False
    return not any(part.upper() in _LOGICAL_ENGLISH for part in parts[1:])
