"""Reading the immutability declaration off the configuration models.

The ``Immutable`` markers on the pydantic fields are the only list of choices
that cannot change after deploy. Everything here derives from them: the
locked values of a configuration, the table in the README, the diff.

Paths are dotted (``user_attributes.custom.tenant_id.mutable``); entries of
keyed collections are named by their key, never by their position, and a key
that is not a plain word is quoted: ``groups["support/eu"]``.
"""

from __future__ import annotations

import json
import re
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from cognito_auth.config._base import Change, Immutable
from cognito_auth.config.root import AuthConfig

_PLAIN = re.compile(r"^[A-Za-z0-9_:-]+$")


def join(prefix: str, segment: str | int) -> str:
    """Append one segment to a dotted path, quoting it when needed."""
    text = str(segment)
    if not _PLAIN.fullmatch(text):
        return f"{prefix}[{json.dumps(text)}]"
    return f"{prefix}.{text}" if prefix else text


def marker_of(info: FieldInfo) -> Immutable | None:
    return next((m for m in info.metadata if isinstance(m, Immutable)), None)


def _is_collection(marker: Immutable, value: Any) -> bool:
    return marker.keyed_by is not None or isinstance(value, Mapping)


def _entries(value: Any, marker: Immutable) -> list[tuple[str, Any]]:
    if isinstance(value, Mapping):
        return [(str(k), v) for k, v in value.items()]
    key = marker.keyed_by or "name"
    return [(str(getattr(item, key)), item) for item in value]


def _jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    return value


@dataclass(frozen=True)
class Locked:
    """One immutable choice of a configuration: its value and its marker."""

    value: Any
    marker: Immutable
    collection: bool = False


def locked_choices(config: AuthConfig) -> dict[str, Locked]:
    """Every immutable choice of ``config``, by path."""
    out: dict[str, Locked] = {}
    _walk(config, "", out)
    return out


def _walk(obj: BaseModel, prefix: str, out: dict[str, Locked]) -> None:
    for name, info in type(obj).model_fields.items():
        value = getattr(obj, name)
        path = join(prefix, name)
        marker = marker_of(info)
        if marker is None:
            for key, nested in _nested(value):
                _walk(nested, join(path, key) if key is not None else path, out)
            continue
        if _is_collection(marker, value):
            entries = _entries(value, marker)
            out[path] = Locked(sorted(k for k, _ in entries), marker, collection=True)
            for key, item in entries:
                if isinstance(item, BaseModel):
                    _walk(item, join(path, key), out)
        elif marker.presence:
            out[path] = Locked(value is not None, marker)
            if isinstance(value, BaseModel):
                _walk(value, path, out)
        else:
            out[path] = Locked(_jsonable(value), marker)


def _nested(value: Any) -> Iterator[tuple[str | None, BaseModel]]:
    """Models below an unmarked field: itself, or the entries of a collection."""
    if isinstance(value, BaseModel):
        yield None, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(item, BaseModel):
                yield str(key), item
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            if isinstance(item, BaseModel):
                yield str(getattr(item, "name", index)), item


def settings(config: AuthConfig) -> dict[str, Any]:
    """Every setting of ``config`` as a flat map of leaf values, by path (for listing the
    allowed changes)."""
    out: dict[str, Any] = {}
    _flatten(config, "", out)
    return out


def _flatten(value: Any, path: str, out: dict[str, Any], key: str = "name") -> None:
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            marker = marker_of(info)
            keyed = marker.keyed_by if marker is not None and marker.keyed_by else "name"
            _flatten(getattr(value, name), join(path, name), out, keyed)
    elif isinstance(value, Mapping):
        if not value:
            out[path] = {}
        for name, item in value.items():
            _flatten(item, join(path, str(name)), out)
    elif isinstance(value, tuple | list) and value and all(isinstance(v, BaseModel) for v in value):
        for index, item in enumerate(value):
            _flatten(item, join(path, str(getattr(item, key, index))), out)
    else:
        out[path] = _jsonable(value)


# --- the declaration itself, for documentation ---------------------------------------------


@dataclass(frozen=True)
class Declared:
    """A place in the configuration where an immutable choice lives."""

    path: str
    marker: Immutable


def declared(model: type[BaseModel] = AuthConfig) -> list[Declared]:
    """Every marked field reachable from ``model``, with ``<key>`` for collection entries."""
    out: list[Declared] = []
    _declare(model, "", out, set())
    return out


def _declare(model: type[BaseModel], prefix: str, out: list[Declared], seen: set[str]) -> None:
    repeated = _repeated_types(model)
    for name, info in model.model_fields.items():
        path = join(prefix, name)
        marker = marker_of(info)
        if marker is None and info.annotation in repeated and info.annotation is not None:
            # Many sibling fields of one model type (the standard attributes): one row.
            path = f"{prefix}.<{_words(info.annotation.__name__)}>"
        if marker is not None:
            out.append(Declared(path, marker))
        for nested, keyed in _models_in(info.annotation):
            key = marker.keyed_by if marker is not None and marker.keyed_by else "name"
            child = f"{path}.<{key}>" if keyed else path
            if child in seen:
                continue
            seen.add(child)
            _declare(nested, child, out, seen)


def _repeated_types(model: type[BaseModel]) -> set[Any]:
    counts: dict[Any, int] = {}
    for info in model.model_fields.values():
        if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
            counts[info.annotation] = counts.get(info.annotation, 0) + 1
    return {kind for kind, count in counts.items() if count >= 3}


def _words(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


def _models_in(annotation: Any) -> Iterator[tuple[type[BaseModel], bool]]:
    """(model, inside a collection?) for every model type in an annotation."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation, False
    elif origin is typing.Annotated:
        yield from _models_in(args[0])
    elif origin in (typing.Union, types.UnionType):
        for arg in args:
            yield from _models_in(arg)
    elif origin in (tuple, list, dict):
        inner = args[1] if origin is dict else args[0]
        for model, _ in _models_in(inner):
            yield model, True


_CHANGE_TEXT = {
    Change.FIXED: "never: Cognito refuses the update",
    Change.APPEND_ONLY: "add entries only",
    Change.REPLACING: "only by replacing the resource",
}


def immutability_table() -> str:
    """The README table of what can never change, generated from the markers."""
    rows = [
        "| configuration path | can change | why | instead |",
        "|---|---|---|---|",
    ]
    for item in declared():
        marker = item.marker
        change = _CHANGE_TEXT[marker.change]
        if marker.presence:
            change = "never (turning it on or off)"
        rows.append(f"| `{item.path}` | {change} | {marker.why} | {marker.instead} |")
    return "\n".join(rows) + "\n"
