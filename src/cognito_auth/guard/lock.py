"""The lock file ``auth.lock.json``: what each deployed backend can never change.

One entry per ``AuthBackend``, keyed by its construct path (``Stack/Auth``):
its immutable choices, the logical ids of its stateful resources, its other
settings (to list allowed changes) and the generation of its user pool (raised
by a deliberate replacement). Only ``cognito-auth lock`` writes it, after a successful
deploy; synthesis reads it. The file is written sorted and indented, so that its diffs
review well; commit it beside ``cdk.json``.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from cognito_auth.config._base import Change
from cognito_auth.config.root import AuthConfig
from cognito_auth.guard.declaration import declared, locked_choices, settings
from cognito_auth.naming import (
    DOMAIN,
    IDENTITY_POOL,
    client_construct_id,
    pinned_logical_id,
    user_pool_construct_id,
)

LOCK_VERSION = 1
DEFAULT_LOCK_FILE = "auth.lock.json"
COMMENT = (
    "Written by 'cognito-auth lock' after each successful deploy: the choices below can "
    "never change on the deployed backends (see docs/guard.md in cognito-auth). "
    "Commit this file; do not edit it by hand."
)


class LockFileError(Exception):
    """The lock file exists but cannot be read or understood."""


@dataclass
class BackendLock:
    """The locked record of one backend."""

    immutable: dict[str, Any]
    logical_ids: dict[str, str]
    settings: dict[str, Any] = field(default_factory=dict)
    generation: int = 1

    def to_json(self) -> dict[str, Any]:
        return {
            "generation": self.generation,
            "immutable": dict(sorted(self.immutable.items())),
            "logical_ids": dict(sorted(self.logical_ids.items())),
            "settings": dict(sorted(self.settings.items())),
        }

    @classmethod
    def from_json(cls, data: Any, where: str) -> BackendLock:
        """An entry read from the file; every value is checked, so that a damaged entry
        is reported here, never met halfway through a comparison."""
        if not isinstance(data, dict):
            raise LockFileError(f"{where}: expected an object, found {_kind(data)}")
        for key in ("immutable", "logical_ids"):
            if key not in data:
                raise LockFileError(
                    f"{where}: missing {key!r}; restore the file from version control"
                )
        immutable = _object(data["immutable"], f"{where}.immutable")
        logical_ids = _object(data["logical_ids"], f"{where}.logical_ids")
        settings = _object(data.get("settings", {}), f"{where}.settings")
        generation = data.get("generation", 1)
        if isinstance(generation, bool) or not isinstance(generation, int) or generation < 1:
            raise LockFileError(
                f"{where}.generation: expected a whole number from 1, found {generation!r}"
            )
        for name, value in logical_ids.items():
            if not isinstance(value, str) or not value:
                raise LockFileError(
                    f"{where}.logical_ids[{name!r}]: expected a logical id, found {value!r}"
                )
        for path, value in immutable.items():
            problem = _shape_problem(path, value)
            if problem is not None:
                raise LockFileError(f"{where}.immutable[{path!r}]: {problem}, found {value!r}")
        return cls(immutable, logical_ids, settings, generation)


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise LockFileError(f"{where}: expected an object, found {_kind(value)}")
    return value


_PART = re.compile(r'\.([A-Za-z0-9_:-]+)|\["(?:[^"\\]|\\.)*"\]')
"""A segment after a locked path's first word: ``.word`` or a quoted key (``["x.y"]``)."""


def _segments(path: str) -> tuple[str | None, ...] | None:
    """A locked path's first word, then each segment's word (``None`` for a quoted key);
    ``None`` when the path is not made of such segments."""
    head = path.split(".", 1)[0].split("[", 1)[0]
    out: list[str | None] = [head]
    position = len(head)
    while position < len(path):
        match = _PART.match(path, position)
        if match is None:
            return None
        out.append(match.group(1))
        position = match.end()
    return tuple(out)


@cache
def _shapes() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(the segments of a declared path, the shape of its value), from the declaration;
    a segment written ``<...>`` stands for any key."""
    out = []
    for item in declared():
        marker = item.marker
        if marker.keyed_by is not None or marker.change is Change.APPEND_ONLY:
            shape = "names"
        elif marker.presence:
            shape = "bool"
        else:
            shape = "scalar"
        out.append((tuple(item.path.split(".")), shape))
    return tuple(out)


def _fits(declared_path: tuple[str, ...], segments: tuple[str | None, ...]) -> bool:
    return len(declared_path) == len(segments) and all(
        (part.startswith("<") and index > 0) or part == segment
        for index, (part, segment) in enumerate(zip(declared_path, segments, strict=True))
    )


def _shape_problem(path: str, value: Any) -> str | None:
    segments = _segments(path)
    shape = next(
        (s for parts, s in _shapes() if segments is not None and _fits(parts, segments)),
        "scalar",
    )
    if shape == "names":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return None
        return "expected a list of names"
    if shape == "bool":
        return None if isinstance(value, bool) else "expected true or false"
    if value is None or isinstance(value, bool | int | float | str):
        return None
    return "expected a single value"


@dataclass
class LockFile:
    """The whole lock file: backends by construct path."""

    backends: dict[str, BackendLock] = field(default_factory=dict)

    def render(self) -> str:
        data = {
            "comment": COMMENT,
            "version": LOCK_VERSION,
            "backends": {path: self.backends[path].to_json() for path in sorted(self.backends)},
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def parse(cls, text: str, source: str) -> LockFile:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LockFileError(
                f"{source}: not valid JSON ({exc.msg}, line {exc.lineno}); restore it from "
                "version control"
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get("backends"), dict):
            raise LockFileError(f"{source}: not a cognito-auth lock file (no 'backends')")
        version = data.get("version")
        if version != LOCK_VERSION:
            raise LockFileError(
                f"{source}: lock file version {version!r} is not supported by this cognito-auth "
                f"(expects {LOCK_VERSION}); upgrade cognito-auth"
            )
        return cls(
            {
                str(path): BackendLock.from_json(entry, f"{source}: backends[{path!r}]")
                for path, entry in data["backends"].items()
            }
        )


def read_lock(path: str | os.PathLike[str]) -> LockFile | None:
    """The lock file at ``path``, or None when there is none yet."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LockFileError(f"{file}: cannot be read ({exc.strerror or exc})") from None
    return LockFile.parse(text, str(file))


def write_lock(path: str | os.PathLike[str], lock: LockFile) -> bool:
    """Write the lock file; return True when its content changed."""
    file = Path(path)
    text = lock.render()
    try:
        if file.read_text(encoding="utf-8") == text:
            return False
    except FileNotFoundError:
        pass
    except OSError:
        pass
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_name(file.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(file)
    return True


def stateful_logical_ids(
    config: AuthConfig, backend_path: list[str], generation: int = 1
) -> dict[str, str]:
    """The pinned logical ids of a backend's stateful resources, from its stack-relative
    path (no synthesis needed)."""
    ids = {
        "user_pool": pinned_logical_id(backend_path, user_pool_construct_id(generation)),
    }
    if config.identity_pool:
        ids["identity_pool"] = pinned_logical_id(backend_path, IDENTITY_POOL)
    for name in client_names(config):
        ids[f"clients.{name}"] = pinned_logical_id(backend_path, client_construct_id(name))
    if config.external_providers.has_domain:
        ids["domain"] = pinned_logical_id(backend_path, DOMAIN)
    return ids


def client_names(config: AuthConfig) -> list[str]:
    """Names of the app clients the configuration creates (``web`` when it lists none)."""
    return [client.name for client in config.clients]


def record(config: AuthConfig, backend_path: list[str], generation: int = 1) -> BackendLock:
    """The lock record of ``config`` deployed at ``backend_path`` (stack-relative)."""
    return BackendLock(
        immutable={path: locked.value for path, locked in locked_choices(config).items()},
        logical_ids=stateful_logical_ids(config, backend_path, generation),
        settings=settings(config),
        generation=generation,
    )
