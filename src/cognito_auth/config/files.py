"""Reading a configuration file: YAML, JSON or TOML."""

from __future__ import annotations

import json
import os
import weakref
from functools import cache
from pathlib import Path
from typing import Any

from cognito_auth.config.providers import files_relative_to
from cognito_auth.config.root import AuthConfig
from cognito_auth.errors import ConfigError, ConfigFileError

MAX_BYTES = 1_000_000
"""A configuration larger than this is refused unread: no real one comes close."""

SUFFIXES = {".yaml": "YAML", ".yml": "YAML", ".json": "JSON", ".toml": "TOML"}


@cache
def _strict_loader() -> Any:
    """A safe YAML loader that refuses duplicate keys instead of keeping the last one.

    Built on first use: importing PyYAML costs tens of milliseconds that a configuration
    given as a dict (or as JSON or TOML) never needs."""
    import yaml

    class StrictLoader(yaml.SafeLoader):
        pass

    def mapping(loader: StrictLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r} (line {key_node.start_mark.line + 1})",
                    key_node.start_mark,
                )
            seen.add(key)
        return loader.construct_mapping(node, deep=deep)

    StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)

    def get_single_data(self: StrictLoader) -> Any:
        # Composing is linear in the text; expanding aliases is not. Measure what the
        # document expands to before anything (the constructor, validation, an error
        # message) walks it.
        node = self.get_single_node()
        if node is None:
            return None
        _check_expansion(node)
        return self.construct_document(node)

    StrictLoader.get_single_data = get_single_data  # type: ignore[method-assign,assignment]
    return StrictLoader


MAX_EXPANDED_VALUES = 100_000
"""What a YAML document may expand to, in values (scalars, lists, mappings), once its
aliases are followed: a real configuration has a few hundred; anchors and aliases nested
a few levels deep (a "billion laughs" file of a few hundred bytes) expand to billions."""


class _ExpansionError(Exception):
    """The document's aliases expand it beyond :data:`MAX_EXPANDED_VALUES`, or loop."""


def _check_expansion(root: Any) -> None:
    """Count the values ``root`` expands to, each shared node counted once per use, without
    expanding anything (memoised per node; a node that contains itself is refused)."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            on_path.discard(key)
            total = 1 + sum(sizes[id(child)] for child in children)
            if total > MAX_EXPANDED_VALUES:
                raise _ExpansionError(
                    f"its anchors and aliases expand to more than {MAX_EXPANDED_VALUES:,} "
                    "values (a YAML bomb?): write the repeated parts out, or use fewer aliases"
                )
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise _ExpansionError(
                "an alias refers to a node that contains it, so the document never ends: "
                "remove the recursive alias"
            )
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)


def _children(node: Any) -> list[Any]:
    value = getattr(node, "value", None)
    if not isinstance(value, list):
        return []
    out: list[Any] = []
    for item in value:
        if isinstance(item, tuple):
            out.extend(item)
        else:
            out.append(item)
    return out


def read_config_data(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and parse a configuration file into a dict, without validating it.

    Raises :class:`~cognito_auth.ConfigFileError` with one clear sentence when the
    file cannot be read or parsed, or is not a mapping.
    """
    file = Path(path)
    source = str(file)
    if file.is_dir():
        raise ConfigFileError("is a directory, not a configuration file", source=source)
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise ConfigFileError(
                f"is {size:,} bytes; a configuration is at most {MAX_BYTES:,} bytes",
                source=source,
            )
        raw = file.read_bytes()
    except FileNotFoundError:
        raise ConfigFileError("no such file", source=source) from None
    except PermissionError:
        raise ConfigFileError("cannot be read: permission denied", source=source) from None
    except OSError as exc:
        raise ConfigFileError(f"cannot be read: {exc.strerror or exc}", source=source) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigFileError("is not UTF-8 text (is it a binary file?)", source=source) from None
    if "\x00" in text:
        raise ConfigFileError("is not text: it contains NUL bytes", source=source)
    if not text.strip():
        raise ConfigFileError("is empty; write at least 'login_with: {email: true}'", source=source)
    kind = SUFFIXES.get(file.suffix.lower(), "YAML")
    data = _parse(text, kind, source)
    if not isinstance(data, dict):
        raise ConfigFileError(
            f"must hold a mapping of keys to values at the top level, not {_kind_of(data)}",
            source=source,
        )
    return data


def _parse(text: str, kind: str, source: str) -> Any:
    try:
        if kind == "JSON":
            return json.loads(text, object_pairs_hook=_unique_keys)
        if kind == "TOML":
            return _load_toml(text)
        return _load_yaml(text)
    except json.JSONDecodeError as exc:
        raise ConfigFileError(
            f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
            source=source,
        ) from None
    except _TomlError as exc:
        raise ConfigFileError(f"is not valid TOML: {exc}", source=source) from None
    except _YamlError as exc:
        raise ConfigFileError(f"is not valid YAML: {_yaml_message(exc)}", source=source) from None
    except _ExpansionError as exc:
        raise ConfigFileError(f"is not accepted: {exc}", source=source) from None
    except _DuplicateJsonKey as exc:
        raise ConfigFileError(
            f"is not valid JSON: duplicate key {exc.key!r}{_json_line(text, exc.key)}",
            source=source,
        ) from None
    except RecursionError:
        raise ConfigFileError(f"is not valid {kind}: nested too deeply", source=source) from None


class _DuplicateJsonKey(Exception):
    """A JSON object names one key twice (``json`` keeps the last one silently)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` that refuses a key given twice, as YAML and TOML do."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateJsonKey(key)
        out[key] = value
    return out


def _json_line(text: str, key: str) -> str:
    """`` (line N)`` of the first repeated ``key`` in an object of ``text``, found by a
    second, position-aware parse (run only for a file already known to repeat a key)."""
    import json.decoder
    import json.scanner

    # The pure-Python scanner and its helpers (private to json, untyped).
    json_object: Any = vars(json.decoder)["JSONObject"]
    scanstring: Any = vars(json.decoder)["scanstring"]
    make_scanner: Any = vars(json.scanner)["py_make_scanner"]
    found: list[int] = []

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
        s, start = s_and_end
        result, end = json_object(s_and_end, *args)
        seen: set[str] = set()
        pos = start
        while not found and pos < end:
            pos = _skip(s, pos, " \t\n\r,")
            if s[pos] != '"':
                break
            name, after = scanstring(s, pos + 1)
            if name == key and name in seen:
                found.append(pos)
                break
            seen.add(name)
            pos = _skip(s, after, " \t\n\r:")
            _, pos = scan(s, pos)
        return result, end

    decoder: Any = json.JSONDecoder()
    decoder.parse_object = parse_object
    scan = make_scanner(decoder)
    try:
        scan(text, _skip(text, 0, " \t\n\r"))
    except (ValueError, IndexError, StopIteration):  # pragma: no cover - parsed before
        return ""
    return f" (line {text.count(chr(10), 0, found[0]) + 1})" if found else ""


def _skip(text: str, pos: int, characters: str) -> int:
    while pos < len(text) and text[pos] in characters:
        pos += 1
    return pos


class _TomlError(Exception):
    """A TOML parse error (tomllib's: it compiles its patterns when imported, so it is
    imported for TOML files only)."""


def _load_toml(text: str) -> Any:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _TomlError(str(exc)) from None


class _YamlError(Exception):
    """A YAML parse error (PyYAML's, re-raised without importing PyYAML up front)."""

    def __init__(self, original: Exception) -> None:
        super().__init__(str(original))
        self.problem = getattr(original, "problem", None)
        self.problem_mark = getattr(original, "problem_mark", None)


def _load_yaml(text: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_strict_loader())
    except yaml.YAMLError as exc:
        raise _YamlError(exc) from None


def _yaml_message(exc: _YamlError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    mark = getattr(exc, "problem_mark", None)
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
    return f"{problem}{where}"


def _kind_of(data: Any) -> str:
    if data is None:
        return "nothing (null)"
    if isinstance(data, list):
        return "a list"
    return f"a single {type(data).__name__} value"


def load_config(path: str | os.PathLike[str]) -> AuthConfig:
    """Read, parse and validate a YAML, JSON or TOML configuration file.

    Paths inside the configuration (a SAML provider's ``metadata: {file: ...}``) are
    relative to the file's directory. Raises :class:`~cognito_auth.ConfigFileError` (a
    :class:`ConfigError`) when the file cannot be read or parsed, and
    :class:`~cognito_auth.ConfigError` listing every problem when its content is invalid.
    """
    data = read_config_data(path)
    try:
        # Files named in the configuration (SAML metadata) are relative to its directory.
        with files_relative_to(Path(path).resolve().parent):
            config = AuthConfig.model_validate(data)
    except ConfigError as exc:
        raise ConfigError(exc.problems, source=str(path), note=exc.note) from None
    remember_source(config, Path(path))
    return config


EMBEDDED = "(the embedded default)"
"""The source of the ready app's embedded default configuration."""

_SOURCES: dict[int, tuple[weakref.ref[AuthConfig], Path | str]] = {}


def remember_source(config: AuthConfig, source: Path | str) -> None:
    """Note where ``config`` was read from, for :func:`source_of` (the guard's notices name
    the file that ``cognito-auth lock --config`` needs). Forgotten with the object."""
    key = id(config)
    _SOURCES[key] = (weakref.ref(config, lambda _: _SOURCES.pop(key, None)), source)


def source_of(config: AuthConfig) -> Path | str | None:
    """The file ``config`` was loaded from (or :data:`EMBEDDED`); None when it was built
    in Python."""
    found = _SOURCES.get(id(config))
    if found is None or found[0]() is not config:
        return None
    return found[1]
