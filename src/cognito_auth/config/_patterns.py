"""The validators' regular expressions, carried into the JSON Schema.

A field whose validator checks a string with a regular expression (``re.fullmatch``) puts
:class:`InSchema` in its ``Annotated[...]`` metadata with that same compiled expression:
the JSON Schema (``cognito-auth schema``) then holds the expression, translated by
:func:`ecma_pattern` into an ECMA-262 ``pattern`` that matches exactly what ``fullmatch``
matches. The rule lives in one constant; nothing is written twice.

JSON Schema's ``pattern`` is a search, and ECMA-262 differs from Python's ``re`` in a few
places that :func:`ecma_pattern` translates (into text that both read alike, since Python
tools such as ``jsonschema`` read the schema too): named groups lose their names; ``\\s``
and ``.`` mean other characters; ``$`` in Python also matches before a final newline
(the schema's end anchor is ``$(?!\\n)``, the end of the text in both). Constructs that
have no exact translation (``\\d``, ``\\w``, ``\\b``, inline flags, back references) are
refused when the schema is built, so a constant that uses them fails the schema's tests:
write ``[0-9]`` or ``[A-Za-z0-9_]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

__all__ = [
    "END",
    "InSchema",
    "any_case",
    "both",
    "containing",
    "ecma_pattern",
    "either",
    "none_of",
    "string_branches",
]

PYTHON_SPACE = (
    "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f"
    "\\u205f\\u3000"
)
"""The characters Python's ``\\s`` matches in a str pattern (a test keeps this equal),
written for a character class."""
END = "$(?!\\n)"
"""The end of the text, in Python's ``re`` (whose ``$`` also matches before a final
newline) and in ECMA-262 alike: write it in lookaheads that must reach the end."""
_SYNTAX = set("^$\\.*+?()[]{}|/")
"""ECMA-262's syntax characters: the only ones an escape may precede in unicode mode."""
_EXACT_ESCAPES = set("tnrfv")
_UNTRANSLATABLE = set("dDwWSbBAZzGNpPUL")
_QUANTIFIER = re.compile(r"\{[0-9]+(?:,[0-9]*)?\}")


def _strip_anchors(pattern: str) -> str:
    body = pattern.removeprefix("^")
    if body.endswith("$") and not body.endswith("\\$"):
        body = body[:-1]
    return body


def ecma_pattern(regex: re.Pattern[str] | str) -> str:
    """The ECMA-262 ``pattern`` that a JSON Schema search matches exactly where Python's
    ``re.fullmatch(regex, text)`` matches (in Python's ``re`` as well as in ECMA-262)."""
    source = regex.pattern if isinstance(regex, re.Pattern) else regex
    if isinstance(regex, re.Pattern) and regex.flags & ~re.UNICODE:
        raise ValueError(f"flags have no ECMA-262 translation: {source!r}")
    body = _translate(_strip_anchors(source))
    if "|" in body:
        body = f"(?:{body})"
    return f"^{body}{END}"


def _translate(source: str) -> str:
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            escaped = source[index + 1]
            index += 2
            if escaped in _UNTRANSLATABLE or escaped.isdigit():
                raise ValueError(f"\\{escaped} has no exact ECMA-262 translation: {source!r}")
            if escaped == "s":
                out.append(PYTHON_SPACE if in_class else f"[{PYTHON_SPACE}]")
            elif escaped == "x":
                out.append(source[index - 2 : index + 2])
                index += 2
            elif escaped == "u":
                out.append(source[index - 2 : index + 4])
                index += 4
            elif escaped in _EXACT_ESCAPES or escaped in _SYNTAX:
                out.append(f"\\{escaped}")
            elif escaped == "-":
                out.append("\\-" if in_class else "-")
            elif escaped.isalnum():
                raise ValueError(f"\\{escaped} has no exact ECMA-262 translation: {source!r}")
            else:  # an escaped punctuation character is the character itself
                out.append(escaped)
            continue
        if in_class:
            if char == "[" and source[index + 1 : index + 2] == ":":
                raise ValueError(f"a '[:' inside a class is ambiguous: {source!r}")
            in_class = char != "]"
            out.append(char)
        elif char == "[":
            if source[index + 1 : index + 2] == "]" or source[index + 1 : index + 3] == "^]":
                raise ValueError(f"a class starting with ']' differs in ECMA-262: {source!r}")
            in_class = True
            out.append(char)
        elif char == ".":
            out.append("[^\\n]")
        elif char == "(" and source.startswith("(?", index):
            if source.startswith("(?P<", index):  # a name: nothing refers to it
                out.append("(?:")
                index = source.index(">", index) + 1
                continue
            if not source.startswith(("(?:", "(?=", "(?!", "(?<=", "(?<!"), index):
                raise ValueError(f"group {source[index : index + 4]!r} has no translation")
            out.append(char)
        elif char == "{":
            quantifier = _QUANTIFIER.match(source, index)
            if quantifier is None:
                raise ValueError(f"a literal '{{' must be escaped for ECMA-262: {source!r}")
            out.append(quantifier.group())
            index = quantifier.end()
            continue
        else:
            out.append(char)
        index += 1
    return "".join(out)


def either(*patterns: re.Pattern[str] | str) -> str:
    """A Python pattern that fully matches what any of ``patterns`` fully matches."""
    bodies = [_strip_anchors(p.pattern if isinstance(p, re.Pattern) else p) for p in patterns]
    return "^(?:" + "|".join(f"(?:{body})" for body in bodies) + ")$"


def both(first: re.Pattern[str] | str, second: re.Pattern[str] | str) -> str:
    """A Python pattern that fully matches what ``first`` and ``second`` both fully match."""
    bodies = [
        _strip_anchors(p.pattern if isinstance(p, re.Pattern) else p) for p in (first, second)
    ]
    return f"^(?=(?:{bodies[0]}){END})(?:{bodies[1]})$"


def containing(search: str) -> str:
    """A Python pattern that fully matches what ``re.search(search, text)`` finds in."""
    return f"^(?:.|\\n)*(?:{search})(?:.|\\n)*$"


def any_case(word: str) -> str:
    """``word`` in any letter case, without a flag (JSON Schema patterns have none)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


def none_of(words: Iterable[str]) -> str:
    """A Python pattern that fully matches a line without any of ``words``."""
    return "^(?!.*(?:" + "|".join(re.escape(word) for word in words) + ")).*$"


def string_branches(node: dict[str, Any], keywords: dict[str, Any]) -> None:
    """Add ``keywords`` to the string schema(s) of a property (plain, list item, an anyOf
    branch, or a mapping's keys); several patterns on one string become an ``allOf``."""
    if node.get("type") == "string":
        for key, value in keywords.items():
            if key == "pattern" and "pattern" in node:
                node.setdefault("allOf", []).append({"pattern": value})
            else:
                node[key] = value
    for branch in node.get("anyOf", ()):
        string_branches(branch, keywords)
    if isinstance(node.get("items"), dict):
        string_branches(node["items"], keywords)


@dataclass(frozen=True)
class InSchema:
    """Field metadata: the JSON Schema refuses what these expressions (fully matched, as
    the field's validator matches them) and lengths refuse.

    ``keys=True`` puts them on a mapping's keys (``propertyNames``) instead."""

    patterns: tuple[re.Pattern[str] | str, ...] = ()
    min_length: int | None = None
    max_length: int | None = None
    keys: bool = False

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        target = handler.resolve_ref_schema(schema)
        keywords: dict[str, Any] = {}
        if self.min_length is not None:
            keywords["minLength"] = self.min_length
        if self.max_length is not None:
            keywords["maxLength"] = self.max_length
        if self.keys:
            names = target.setdefault("propertyNames", {"type": "string"})
            names.update(keywords)
            for pattern in self.patterns:
                string_branches(names, {"pattern": _source(pattern)})
            return schema
        if keywords:
            string_branches(target, keywords)
        for pattern in self.patterns:
            string_branches(target, {"pattern": _source(pattern)})
        return schema


def _source(pattern: re.Pattern[str] | str) -> str:
    """The Python source; :func:`ecma_pattern` translates every pattern of the finished
    schema (``Field(pattern=...)`` ones too)."""
    if isinstance(pattern, re.Pattern) and pattern.flags & ~re.UNICODE:
        raise ValueError(f"flags have no ECMA-262 translation: {pattern.pattern!r}")
    return pattern.pattern if isinstance(pattern, re.Pattern) else pattern
