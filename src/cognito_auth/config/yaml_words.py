"""YAML 1.1's boolean words in enums.

PyYAML (like most YAML loaders) follows YAML 1.1, where an unquoted ``off``, ``no``,
``on`` or ``yes`` is a boolean: ``multifactor: {mode: off}`` reaches validation as
``{"mode": False}``. An enum that contains one of these words takes the boolean as the
word the user wrote, in validation and in the JSON Schema, so that the unquoted form
means what it says in every loader and editor.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

FALSE_WORDS = ("off", "no")
"""Words YAML 1.1 reads as false (besides false itself)."""
TRUE_WORDS = ("on", "yes")
"""Words YAML 1.1 reads as true (besides true itself)."""


def boolean_words(allowed: tuple[str, ...]) -> dict[bool, str]:
    """{boolean: word} for the enum values that YAML 1.1 turns into booleans."""
    words: dict[bool, str] = {}
    for value in allowed:
        if value in FALSE_WORDS:
            words.setdefault(False, value)
        if value in TRUE_WORDS:
            words.setdefault(True, value)
    return words


def word_from_boolean(allowed: tuple[str, ...]) -> Callable[[Any], Any]:
    """A before-validator: a boolean becomes the enum's word for it (``False`` -> ``off``);
    every other value passes unchanged, to the enum's own check."""
    words = boolean_words(allowed)

    def convert(value: Any) -> Any:
        if isinstance(value, bool) and value in words:
            return words[value]
        return value

    return convert


def enum_schema(allowed: tuple[str, ...]) -> Mapping[str, Any]:
    """The JSON Schema of such an enum: its words, or the booleans YAML makes of them."""
    words = boolean_words(allowed)
    return {
        "anyOf": [
            {"type": "string", "enum": list(allowed)},
            *(
                {
                    "const": flag,
                    "description": f"an unquoted {word} in YAML 1.1, read as {word!r}",
                }
                for flag, word in sorted(words.items())
            ),
        ]
    }
