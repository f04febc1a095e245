"""The package's two error types.

:class:`ConfigError` is raised for every invalid configuration, whatever form
it came in (a file, a dict, ``AuthConfig(...)``); it renders each problem as
one ``path: message (received X; allowed Y)`` line with a hint.

:class:`ImmutableChangeError` is raised at synth (and reported by
``cognito-auth plan``) when the configuration changes a choice that a
deployed backend cannot take.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # pydantic loads with the configuration models, not with the errors
    from pydantic import BaseModel, ValidationError

__all__ = [
    "ConfigError",
    "ConfigFileError",
    "ImmutableChangeError",
    "Problem",
    "format_path",
    "format_value",
    "problem",
]

Path = tuple[str | int, ...]
RULES_ERROR = "cognito_auth_rules"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a configuration, at a path inside it."""

    path: Path
    message: str
    received: Any = None
    allowed: str | None = None
    hint: str | None = None
    has_received: bool = True
    code: str = field(kw_only=True)
    """A stable name for the kind of problem (as pydantic's error ``type``), for tests
    and tools: a message may be reworded, its code stays. A single field's problem
    carries pydantic's type (``literal_error``, ``missing``...); a cross-field rule
    its own (``duplicate``, ``plan_required``...). Required: every problem is built
    with one (``problem(..., code=...)``), so mypy refuses a problem without it."""

    def prefixed(self, prefix: Path) -> Problem:
        return Problem(
            prefix + self.path,
            self.message,
            self.received,
            self.allowed,
            self.hint,
            self.has_received,
            code=self.code,
        )


def problem(
    path: Path | str,
    message: str,
    *,
    received: Any = None,
    allowed: str | None = None,
    hint: str | None = None,
    has_received: bool = True,
    code: str,
) -> Problem:
    """Build a :class:`Problem`; ``path`` may be a dotted string."""
    if isinstance(path, str):
        path = tuple(int(p) if p.isdigit() else p for p in path.split(".")) if path else ()
    return Problem(path, message, received, allowed, hint, has_received, code=code)


_MAX_VALUE = 80


def format_path(path: Path) -> str:
    """``("groups", 0, "name")`` -> ``groups[0].name``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(configuration)"


def format_value(value: Any) -> str:
    """A short, JSON-like rendering of a received value.

    Only as much of the value is visited as the rendering shows: a huge (or, from YAML
    aliases, shared and self-containing) structure costs no more than a small one."""
    out: list[str] = []
    budget = [_MAX_VALUE + 1]
    _render(value, out, budget, depth=0)
    text = "".join(out)
    if len(text) > _MAX_VALUE:
        text = text[: _MAX_VALUE - 3] + "..."
    return text


_MAX_DEPTH = 20


def _render(value: Any, out: list[str], budget: list[int], depth: int) -> None:
    """Append ``value`` as JSON to ``out`` until ``budget`` characters are written."""
    if budget[0] <= 0:
        return
    if depth > _MAX_DEPTH:
        _emit("...", out, budget)
        return
    if isinstance(value, dict):
        _emit("{", out, budget)
        items = value.items()
        if len(value) <= 1000:  # sort_keys as before; a huge mapping keeps its order
            with contextlib.suppress(TypeError):
                items = sorted(value.items())  # type: ignore[assignment]
        for index, (key, item) in enumerate(items):
            if budget[0] <= 0:
                return
            _emit(", " if index else "", out, budget)
            _emit(_scalar(key if isinstance(key, str) else str(key)) + ": ", out, budget)
            _render(item, out, budget, depth + 1)
        _emit("}", out, budget)
    elif isinstance(value, list | tuple | set | frozenset):
        _emit("[", out, budget)
        for index, item in enumerate(value):
            if budget[0] <= 0:
                return
            _emit(", " if index else "", out, budget)
            _render(item, out, budget, depth + 1)
        _emit("]", out, budget)
    else:
        _emit(_scalar(value), out, budget)


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        value = value[: _MAX_VALUE + 1]
    elif not isinstance(value, int | float | bool) and value is not None:
        value = str(value)[: _MAX_VALUE + 1]
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):  # pragma: no cover - every case above is JSON
        return repr(value)[: _MAX_VALUE + 1]


def _emit(text: str, out: list[str], budget: list[int]) -> None:
    out.append(text)
    budget[0] -= len(text)


class ConfigError(Exception):
    """The configuration is invalid; :attr:`problems` lists every problem found."""

    def __init__(
        self, problems: Sequence[Problem], *, source: str | None = None, note: str | None = None
    ) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        self.note = note
        """A last line after the problems (e.g. that the cross-field rules did not run)."""
        super().__init__(self.render())

    def lines(self) -> list[str]:
        out: list[str] = []
        for p in self.problems:
            details = []
            if p.has_received:
                details.append(f"received {format_value(p.received)}")
            if p.allowed:
                details.append(f"allowed: {p.allowed}")
            suffix = f" ({'; '.join(details)})" if details else ""
            out.append(f"{format_path(p.path)}: {p.message}{suffix}")
            if p.hint:
                out.append(f"  hint: {p.hint}")
        return out

    def render(self) -> str:
        head = "invalid configuration"
        if self.source:
            head += f" in {self.source}"
        count = len(self.problems)
        head += f" ({count} problem{'s' if count != 1 else ''}):"
        tail = [f"  note: {self.note}"] if self.note else []
        return "\n".join([head, *("  " + line for line in self.lines()), *tail])

    @classmethod
    def from_validation_error(
        cls,
        exc: ValidationError,
        *,
        model: type[BaseModel] | None = None,
        source: str | None = None,
    ) -> ConfigError:
        problems: list[Problem] = []
        errors = exc.errors(include_url=False)
        for err in errors:
            problems.extend(_problems_from_error(err, model))
        note = None
        # The model's cross-field rules run only once every field is valid: when they did
        # not run (no rules error at the top), more problems may follow the fixes.
        ran = any(err["type"] == RULES_ERROR and not err["loc"] for err in errors)
        if getattr(model, "cross_field_rules", False) and not ran:
            note = (
                "these are the problems of single fields; the rules that relate several "
                "fields (sign-in vs MFA, groups named by access rules, clients vs domain...) "
                "run once every field is valid: validate again after fixing these"
            )
        return cls(problems, source=source, note=note)


class ConfigFileError(ConfigError):
    """The configuration file cannot be read or parsed (missing, unreadable, not YAML,
    JSON or TOML, not a mapping, too large)."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.message = message
        super().__init__(
            [Problem((), message, None, None, None, False, code="unreadable_file")], source=source
        )

    def render(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.message}"


class Refusal(Protocol):
    """A refused change (see :mod:`cognito_auth.guard`): renders as a few lines."""

    def lines(self) -> list[str]: ...


class ImmutableChangeError(Exception):
    """The configuration changes choices that the deployed backend cannot take."""

    def __init__(
        self, refusals: Sequence[Refusal], *, backend: str | None = None, hint: str | None = None
    ) -> None:
        self.refusals: tuple[Refusal, ...] = tuple(refusals)
        self.backend = backend
        self.hint = hint
        """How to replace deliberately: the exact commands, when the guard knows them."""
        super().__init__(self.render())

    def render(self) -> str:
        where = f" of {self.backend}" if self.backend else ""
        count = len(self.refusals)
        lines = [
            f"refused: {count} change{'s' if count != 1 else ''}{where} that a deployed "
            "backend cannot take (nothing was synthesized):"
        ]
        for refusal in self.refusals:
            lines.extend("  " + line for line in refusal.lines())
        lines.append(
            self.hint
            or "  To keep your users, revert these edits. To replace deliberately, deploy with "
            "each path accepted (cdk deploy -c cognito-auth:accept=PATH), then record the "
            "deploy with cognito-auth lock --accept PATH."
        )
        return "\n".join(lines)


# --- translation of pydantic errors -------------------------------------------------------

_SIMPLE_ALLOWED: dict[str, str] = {
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "string_type": "a string",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
    "missing": "a value: this field is required",
    "url_parsing": "a URL",
    "url_scheme": "a URL",
}


def _problems_from_error(err: Any, model: type[BaseModel] | None) -> Iterable[Problem]:
    raw_loc: Path = tuple(err["loc"])
    ctx = err.get("ctx") or {}
    kind = err["type"]
    loc = _clean_loc(raw_loc)
    if kind == RULES_ERROR:
        for p in ctx["problems"]:
            yield p.prefixed(loc)
        return
    received = err.get("input")
    has_received = kind != "missing"
    message = err["msg"]
    allowed = _SIMPLE_ALLOWED.get(kind)
    hint = None
    if kind == "extra_forbidden":
        names = _field_names_at(model, raw_loc[:-1])
        key = str(loc[-1]) if loc else ""
        message = f"unknown key {key!r}"
        if names:
            allowed = ", ".join(names)
            close = difflib.get_close_matches(key, names, n=1)
            hint = (
                f"did you mean {close[0]!r}?"
                if close
                else "remove it, or check the configuration reference (docs/configuration.md)"
            )
        received = key
    elif kind == "literal_error":
        allowed = ctx.get("expected")
        message = "not one of the allowed values"
        options = _literal_options(allowed)
        close = difflib.get_close_matches(str(received), options, n=1)
        amplify = _amplify_spelling(received, options)
        if amplify is not None:
            hint = f"write {amplify!r}: values are lower case here (Amplify spells it {received!r})"
        elif close:
            hint = f"did you mean {close[0]!r}?"
        elif isinstance(received, bool):
            hint = (
                "YAML reads an unquoted on, off, yes or no as true or false: write the "
                "value in quotes"
            )
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        allowed = _bound_text(kind, ctx)
    elif kind in ("string_too_short", "string_too_long", "too_short", "too_long"):
        allowed = _length_text(kind, ctx)
    elif kind == "string_pattern_mismatch":
        allowed = f"text matching {ctx.get('pattern')}"
    elif kind == "value_error":
        message = str(ctx.get("error", message))
    elif kind == "invalid_setting":  # an option written true, false or as an object
        allowed, message = "true, false, or a mapping of settings", "not a valid setting"
    elif kind == "missing":
        hint = f"add the key {str(loc[-1])!r}" if loc else None
    if message and message[0].isupper() and not message[:2].isupper():
        message = message[0].lower() + message[1:]
    yield Problem(loc, message, received, allowed, hint, has_received, code=kind)


def _amplify_spelling(received: Any, options: list[str]) -> str | None:
    """The allowed value that ``received`` spells as Amplify does (``OPTIONAL``,
    ``EMAIL_ONLY``, ``Code``), else ``None``."""
    if not isinstance(received, str) or received in options:
        return None
    lowered = received.lower()
    return lowered if lowered in options else None


def _literal_options(expected: Any) -> list[str]:
    if not isinstance(expected, str):
        return []
    return [part.strip().strip("'") for part in expected.replace(" or ", ", ").split(",")]


def _bound_text(kind: str, ctx: dict[str, Any]) -> str:
    sign = {
        "greater_than_equal": ">=",
        "greater_than": ">",
        "less_than_equal": "<=",
        "less_than": "<",
    }[kind]
    value = next(iter(v for k, v in ctx.items() if k in ("ge", "gt", "le", "lt")), "?")
    return f"a number {sign} {value}"


def _length_text(kind: str, ctx: dict[str, Any]) -> str:
    if "min_length" in ctx:
        return f"at least {ctx['min_length']} characters or items"
    return f"at most {ctx.get('max_length')} characters or items"


VARIANT_TAG = "variant:"
"""Prefix of the tags of the configuration's discriminated unions (``variant:url``): the
tag selects a union member and is not part of the path shown to users."""


_INTERNAL_PREFIXES = (
    VARIANT_TAG,
    "function-",
    "tagged-union[",
    "json-or-python[",
    "lax-or-strict[",
    "chain[",
)
_INTERNAL_NAMES = {"bool", "str", "int", "list[str]", "[key]"}


def _clean_loc(loc: Path) -> Path:
    """Drop pydantic's internal union/validator tags from an error location."""
    return tuple(
        part
        for part in loc
        if not (
            isinstance(part, str)
            and (part.startswith(_INTERNAL_PREFIXES) or part in _INTERNAL_NAMES)
        )
    )


def _variant(annotation: Any, tag: str) -> Any:
    """The member of a discriminated union whose ``Tag`` is ``tag``."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        if any(getattr(meta, "tag", None) == tag for meta in args[1:]):
            return args[0]
        return _variant(args[0], tag)
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            found = _variant(arg, tag)
            if found is not None:
                return found
    return None


def _field_names_at(model: type[BaseModel] | None, loc: Path) -> list[str]:
    """The field names of the model found by walking ``loc`` from ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(part, str) and not part.startswith(VARIANT_TAG) and not _clean_loc((part,)):
            continue
        current = _step(current, part)
        if current is None:
            return []
    target = _as_model(current)
    if target is None:
        return []
    return sorted(target.model_fields)


def _as_model(annotation: Any) -> type[BaseModel] | None:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _as_model(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _as_model(arg)
            if found is not None:
                return found
    return None


def _step(annotation: Any, part: str | int) -> Any:
    origin = typing.get_origin(annotation)
    if isinstance(part, str) and part.startswith(VARIANT_TAG):
        return _variant(annotation, part)
    if origin is typing.Annotated:
        return _step(typing.get_args(annotation)[0], part)
    model = _as_model(annotation)
    if model is not None and isinstance(part, str) and part in model.model_fields:
        return model.model_fields[part].annotation
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _step(arg, part)
            if found is not None:
                return found
        return None
    if origin in (list, tuple, set, frozenset) and isinstance(part, int):
        return typing.get_args(annotation)[0]
    if origin is dict or (origin is not None and getattr(origin, "__name__", "") == "Mapping"):
        return typing.get_args(annotation)[1]
    return None
