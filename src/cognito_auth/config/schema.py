"""The JSON Schema of the configuration, for editor completion of ``auth.yaml``.

pydantic derives most of it from the models. The regular expressions that validators
apply to a single field reach it through :class:`~cognito_auth.config._patterns.InSchema`
on the field (ARNs, URLs, names, ids); a few rules are added here (exact IAM actions,
token lifetime bounds, ``required: false`` on custom attributes). Every ``pattern`` is
then translated to ECMA-262 (:func:`~cognito_auth.config._patterns.ecma_pattern`), so that
an editor warns where ``cognito-auth validate`` would refuse. Rules across fields stay
with ``validate``.
"""

from __future__ import annotations

from typing import Any

from cognito_auth.config._docs import describe
from cognito_auth.config._patterns import ecma_pattern, string_branches
from cognito_auth.config.access import _ACTION
from cognito_auth.config.clients import _BOUNDS, _DURATION, _UNIT_MINUTES
from cognito_auth.config.root import AuthConfig

SCHEMA_ID = "https://cognito-auth.dev/schema/auth-config.json"


def config_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of what :class:`AuthConfig` accepts as input."""
    schema = describe(AuthConfig.model_json_schema(mode="validation"), AuthConfig)
    _tighten(schema["$defs"])
    _translate_patterns(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def _tighten(defs: dict[str, Any]) -> None:
    string_branches(defs["AccessRule"]["properties"]["actions"], {"pattern": _ACTION.pattern})
    for field, (low, high) in _BOUNDS.items():
        string_branches(
            defs["TokenValidity"]["properties"][field], {"pattern": duration_pattern(low, high)}
        )
    defs["CustomAttribute"]["properties"]["required"]["const"] = False


def _translate_patterns(node: Any) -> None:
    """Every ``pattern`` keyword, from Python's ``re`` to ECMA-262 (a property named
    ``pattern`` holds a schema, not a string, and is walked like any other)."""
    if isinstance(node, dict):
        keyed = node.get("patternProperties")
        if isinstance(keyed, dict) and len(keyed) == 1 and "additionalProperties" not in node:
            # pydantic writes a mapping whose keys have a pattern as patternProperties,
            # which lets other keys through: the keys' pattern must refuse them.
            ((key_pattern, values),) = keyed.items()
            del node["patternProperties"]
            node["propertyNames"] = {"pattern": key_pattern}
            node["additionalProperties"] = values
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                node[key] = ecma_pattern(value)
            else:
                _translate_patterns(value)
    elif isinstance(node, list):
        for item in node:
            _translate_patterns(item)


def duration_pattern(low: int, high: int) -> str:
    """A pattern for the durations ``NUMBER[mhd]`` (as validation reads them: at most 7
    digits) whose length in minutes lies in ``[low, high]``."""
    units = []
    for unit, size in sorted(_UNIT_MINUTES.items(), key=lambda item: item[1]):
        first, last = -(-low // size), high // size
        if first <= last:
            units.append(f"(?:{integer_range(max(first, 1), last)}){unit}")
    digits = _DURATION.pattern.removeprefix("^").removesuffix("$")
    return f"^(?={digits}$)0*(?:{'|'.join(units)})$"


def integer_range(low: int, high: int) -> str:
    """A regular expression (alternatives, no anchors) for the integers low..high written
    without leading zeros."""
    parts: list[str] = []
    for length in range(len(str(low)), len(str(high)) + 1):
        first = max(low, 10 ** (length - 1))
        last = min(high, 10**length - 1)
        if first <= last:
            parts.extend(_same_length(str(first), str(last)))
    return "|".join(parts)


def _same_length(low: str, high: str) -> list[str]:
    if low == high:
        return [low]
    if set(low) == {"0"} and set(high) == {"9"}:
        return ["[0-9]" * len(low)]
    if len(low) == 1:
        return [f"[{low}-{high}]"]
    if low[0] == high[0]:
        return [low[0] + rest for rest in _same_length(low[1:], high[1:])]
    tail = len(low) - 1
    parts = [low[0] + rest for rest in _same_length(low[1:], "9" * tail)]
    if int(high[0]) - int(low[0]) > 1:
        parts.append(f"[{int(low[0]) + 1}-{int(high[0]) - 1}]" + "[0-9]" * tail)
    parts.extend(high[0] + rest for rest in _same_length("0" * tail, high[1:]))
    return parts
