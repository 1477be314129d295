"""The review's data, described and checked: what the comment job accepts from an artifact.

A pull request's run uploads the review's data (:func:`.report.collect`), and the comment
job, which may write to the pull request, reads it.  The data came from the pull request's
own code, so the job takes nothing on trust: the file must be at most :data:`MAX_BYTES`, be
JSON, and match :data:`SCHEMA` exactly (no field it does not know, every string and list
within its limits, every number an integer in its range) before anything is rendered.
:data:`SCHEMA` is JSON Schema (draft 2020-12), of the few keywords :func:`validate`
checks; the comment job runs with the standard library only, so the checking is here.

The problems :func:`validate` reports name places by the schema's own names and by
position, never by what the data hold: they are posted on the pull request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

SCHEMA_ID = "brief-review/1"
#: The largest artifact the comment job reads.
MAX_BYTES = 4_000_000
#: How many problems are reported at most.
MAX_PROBLEMS = 5


def _text(limit: int) -> dict[str, Any]:
    return {"type": "string", "maxLength": limit}


def _line(limit: int = 500) -> dict[str, Any]:
    """A string of one line, without control characters."""
    return {"type": "string", "maxLength": limit, "pattern": r"^[^\x00-\x1f\x7f]*$"}


def _list(items: dict[str, Any], limit: int) -> dict[str, Any]:
    return {"type": "array", "items": items, "maxItems": limit}


def _object(properties: dict[str, Any], *, optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


_COUNT = {"type": "integer", "minimum": 0, "maximum": 10_000_000}
_DOCNAME = _line(300)
_KEY = _line(300)
_SIDE = {"enum": ["base", "head"]}
_TEXTS = _list(_text(5_000), 200)
#: A record of events.json or quotes.json: a flat object of text, lists of text, numbers.
_RECORD = {
    "type": "object",
    "maxProperties": 40,
    "propertyNames": _line(100),
    "additionalProperties": {
        "type": ["string", "array", "integer", "boolean", "null"],
        "maxLength": 20_000,
        "items": _text(2_000),
        "maxItems": 200,
    },
}
_RECORDS = _object(
    {
        "notes": _list(
            _object({"side": {"enum": ["base", "head", "both"]}, "why": _text(2_000)}), 3
        ),
        "added": _list(_RECORD, 20_000),
        "removed": _list(_RECORD, 20_000),
        "changed": _list(
            _object({"before": _RECORD, "after": _RECORD, "fields": _list(_line(100), 40)}),
            20_000,
        ),
    }
)
_PLACE = _object({"section": _text(2_000), "line": _COUNT, "text": _text(5_000)})
_FINDING = _object(
    {
        "docname": _DOCNAME,
        "kind": {"enum": ["paragraph", "no-source", "date"]},
        "why": {"type": ["string", "null"], "maxLength": 2_000},
        "line": _COUNT,
        "section": _text(2_000),
        "text": _text(5_000),
        "record": {"enum": ["", "Event", "Quotation"]},
        "date": _text(200),
        "key": _text(300),
        "published": _text(200),
    }
)
_FINDINGS = _list(_FINDING, 20_000)

SCHEMA: dict[str, Any] = _object(
    {
        "schema": {"const": SCHEMA_ID},
        "base": _object(
            {"ref": _line(300), "commit": {"type": "string", "pattern": "^[0-9a-f]{7,64}$"}}
        ),
        "head": _object(
            {
                "commit": {"type": "string", "pattern": "^[0-9a-f]{7,64}$"},
                "dirty": {"type": "boolean"},
            }
        ),
        "problems": _list(
            {
                "anyOf": [
                    _object({"side": _SIDE, "text": _text(5_000)}),
                    _object(
                        {
                            "side": _SIDE,
                            "job": _line(50),
                            "kind": {"enum": ["build", "probe"]},
                            "status": {"type": "integer", "minimum": -1000, "maximum": 1000},
                            "log": _text(20_000),
                        }
                    ),
                ]
            },
            20,
        ),
        "raw": {
            "anyOf": [
                {"type": "null"},
                _list(
                    _object(
                        {
                            "docname": _DOCNAME,
                            "line": _COUNT,
                            "format": _line(100),
                            "text": _text(100_000),
                        }
                    ),
                    1_000,
                ),
            ]
        },
        "pages": _object(
            {
                "changes": _list(
                    _object(
                        {
                            "docname": _DOCNAME,
                            "status": {"enum": ["changed", "added", "removed"]},
                            "lines": _COUNT,
                            "diff": _list(_text(4_000), 5_000),
                            "more": _COUNT,
                            "paragraphs": {
                                "anyOf": [
                                    {"type": "null"},
                                    _object(
                                        {
                                            "changed": _list(
                                                _object(
                                                    {
                                                        "section": _text(2_000),
                                                        "line": _COUNT,
                                                        "words": _list(
                                                            {
                                                                "type": "array",
                                                                "prefixItems": [
                                                                    {
                                                                        "enum": [
                                                                            "text",
                                                                            "removed",
                                                                            "added",
                                                                            "note",
                                                                            "gap",
                                                                        ]
                                                                    },
                                                                    _text(20_000),
                                                                ],
                                                                "items": False,
                                                                "minItems": 2,
                                                            },
                                                            10_000,
                                                        ),
                                                    }
                                                ),
                                                5_000,
                                            ),
                                            "added": _list(_PLACE, 5_000),
                                            "removed": _list(_PLACE, 5_000),
                                        }
                                    ),
                                ]
                            },
                        },
                        optional=("lines", "diff", "more", "paragraphs"),
                    ),
                    2_000,
                ),
                "unchanged": _list(_DOCNAME, 20_000),
            }
        ),
        "sources": _object(
            {
                "unavailable": _list(_SIDE, 2),
                "changes": _list(
                    _object(
                        {
                            "key": _KEY,
                            "status": {"enum": ["added", "removed", "changed"]},
                            "before": {"type": ["string", "null"], "maxLength": 20_000},
                            "after": {"type": ["string", "null"], "maxLength": 20_000},
                            "fields": _list(_line(100), 200),
                            "values": _list(
                                {
                                    "type": "array",
                                    "prefixItems": [
                                        _line(100),
                                        {"type": ["string", "null"], "maxLength": 20_000},
                                        {"type": ["string", "null"], "maxLength": 20_000},
                                    ],
                                    "items": False,
                                    "minItems": 3,
                                },
                                200,
                            ),
                        }
                    ),
                    20_000,
                ),
            }
        ),
        "events": _RECORDS,
        "quotes": _RECORDS,
        "sourcing": {
            "anyOf": [
                {"type": "null"},
                _object(
                    {
                        "pages": {
                            "anyOf": [{"type": "null"}, _list(_DOCNAME, 20_000)],
                        },
                        "unsourced": _FINDINGS,
                        "no_source": _FINDINGS,
                        "dates": _FINDINGS,
                        "uncited": _list(_KEY, 20_000),
                    }
                ),
            ]
        },
        "warnings": _object({"new": _list(_text(5_000), 2_000), "gone": _COUNT}),
    }
)

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "boolean": (bool,),
    "null": (type(None),),
    "array": (list,),
    "object": (dict,),
}


def _is(value: Any, name: str) -> bool:
    if name == "integer" and isinstance(value, bool):
        return False
    return isinstance(value, _TYPES[name])


def _check(value: Any, schema: Mapping[str, Any], where: str, problems: list[str]) -> None:
    """Add what is wrong with ``value`` at ``where`` (a path of schema names) to ``problems``."""
    if len(problems) >= MAX_PROBLEMS:
        return
    if "anyOf" in schema:
        for option in schema["anyOf"]:
            found: list[str] = []
            _check(value, option, where, found)
            if not found:
                return
        problems.append(f"{where}: not of any form it may take")
        return
    if "const" in schema and value != schema["const"]:
        problems.append(f"{where}: not {json.dumps(schema['const'])}")
        return
    if "enum" in schema and (not isinstance(value, str | int) or value not in schema["enum"]):
        problems.append(f"{where}: not one of {', '.join(map(str, schema['enum']))}")
        return
    types = schema.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else list(types)
        if not any(_is(value, name) for name in names):
            problems.append(f"{where}: not {' or '.join(names)}")
            return
    if isinstance(value, str):
        if len(value) > schema.get("maxLength", len(value)):
            problems.append(f"{where}: longer than {schema['maxLength']:,} characters")
        elif "pattern" in schema and not re.search(schema["pattern"], value):
            problems.append(f"{where}: not of the form it must have")
    elif isinstance(value, int) and not isinstance(value, bool):
        if not schema.get("minimum", value) <= value <= schema.get("maximum", value):
            problems.append(f"{where}: out of range")
    elif isinstance(value, list):
        _check_list(value, schema, where, problems)
    elif isinstance(value, dict):
        _check_object(value, schema, where, problems)


def _check_list(
    value: list[Any], schema: Mapping[str, Any], where: str, problems: list[str]
) -> None:
    if len(value) > schema.get("maxItems", len(value)):
        problems.append(f"{where}: more than {schema['maxItems']:,} items")
        return
    if len(value) < schema.get("minItems", 0):
        problems.append(f"{where}: fewer than {schema['minItems']} items")
        return
    fixed = schema.get("prefixItems", [])
    if fixed and schema.get("items") is False and len(value) > len(fixed):
        problems.append(f"{where}: more than {len(fixed)} items")
        return
    for index, item in enumerate(value):
        if index < len(fixed):
            _check(item, fixed[index], f"{where}[{index}]", problems)
        elif isinstance(schema.get("items"), dict):
            _check(item, schema["items"], f"{where}[{index}]", problems)


def _check_object(
    value: dict[str, Any], schema: Mapping[str, Any], where: str, problems: list[str]
) -> None:
    if len(value) > schema.get("maxProperties", len(value)):
        problems.append(f"{where}: more than {schema['maxProperties']} fields")
        return
    properties = schema.get("properties", {})
    for name in schema.get("required", []):
        if name not in value:
            problems.append(f"{where}: no {name}")
    extra = schema.get("additionalProperties", True)
    for name, item in value.items():
        if name in properties:
            _check(item, properties[name], f"{where}.{name}", problems)
        elif extra is False:
            problems.append(f"{where}: a field it may not have")
        elif isinstance(extra, dict):
            names: list[str] = []
            _check(name, schema.get("propertyNames", {}), where, names)
            if names:
                problems.append(f"{where}: a field name it may not have")
            _check(item, extra, f"{where}.<field>", problems)


def validate(data: Any) -> list[str]:
    """What is wrong with ``data`` (at most :data:`MAX_PROBLEMS`); empty if it is valid."""
    problems: list[str] = []
    _check(data, SCHEMA, "$", problems)
    return problems[:MAX_PROBLEMS]


def load(raw: bytes) -> tuple[dict[str, Any] | None, list[str]]:
    """The data of an artifact's file, checked; or None and why not."""
    if len(raw) > MAX_BYTES:
        return None, [f"the file is {len(raw):,} bytes, more than {MAX_BYTES:,}"]
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, ["the file is not JSON in UTF-8"]
    problems = validate(data)
    return (data if not problems else None), problems
