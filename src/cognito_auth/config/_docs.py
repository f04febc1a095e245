"""Field documentation from the attribute docstrings of the models.

The docstring under each field is its documentation (its default stated as behaviour).
Reading them costs a parse of each model's source, so it happens only when something
documents the configuration (the JSON Schema, the README reference), never when a
configuration is validated.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
from functools import cache
from typing import Any

from pydantic import BaseModel


@cache
def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """``{field: docstring}`` for the fields of ``model`` (and of its model bases)."""
    docs: dict[str, str] = {}
    for klass in reversed(model.__mro__):
        if not (isinstance(klass, type) and issubclass(klass, BaseModel)) or klass is BaseModel:
            continue
        docs.update(_own_docs(klass))
    return {name: text for name, text in docs.items() if name in model.model_fields}


def _own_docs(klass: type[Any]) -> dict[str, str]:
    try:
        source = textwrap.dedent(inspect.getsource(klass))
    except (OSError, TypeError):
        return {}
    tree = ast.parse(source)
    body = next((node.body for node in tree.body if isinstance(node, ast.ClassDef)), [])
    found: dict[str, str] = {}
    for current, following in itertools.pairwise(body):
        if (
            isinstance(current, ast.AnnAssign)
            and isinstance(current.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[current.target.id] = inspect.cleandoc(following.value.value)
    return found


def describe(schema: dict[str, Any], root: type[BaseModel]) -> dict[str, Any]:
    """Add each field's docstring as its ``description`` in a JSON Schema of ``root``."""
    models = {model.__name__: model for model in _models(root)}
    for name, definition in schema.get("$defs", {}).items():
        model = models.get(name)
        if model is not None:
            _describe_properties(definition, model)
    _describe_properties(schema, root)
    return schema


def _describe_properties(definition: dict[str, Any], model: type[BaseModel]) -> None:
    docs = field_docs(model)
    for field, spec in definition.get("properties", {}).items():
        if field in docs and isinstance(spec, dict):
            spec.setdefault("description", docs[field])


def _models(root: type[BaseModel]) -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in seen:
                return
            seen.append(annotation)
            for info in annotation.model_fields.values():
                visit(info.annotation)
            return
        for arg in getattr(annotation, "__args__", ()) or ():
            visit(arg)
        origin = getattr(annotation, "__origin__", None)
        if origin is not None and getattr(annotation, "__metadata__", None) is not None:
            visit(origin)

    visit(root)
    return seen
