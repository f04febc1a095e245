"""Resource servers and their custom scopes: ``resource_servers``.

A resource server is an API that accepts the pool's access tokens. Its scopes
(``IDENTIFIER/SCOPE`` in tokens) are what machine clients request with the client
credentials grant, and what user clients may request besides Cognito's own scopes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Self

from pydantic import Field, model_validator

from cognito_auth.config._base import (
    Change,
    Immutable,
    Model,
    Problem,
    problem,
    raise_problems,
)
from cognito_auth.config._patterns import InSchema
from cognito_auth.config.rules.common import duplicates

__all__ = [
    "MAX_RESOURCE_SERVERS",
    "RESOURCE_SERVER_CHANGE",
    "ResourceScope",
    "ResourceServer",
]

MAX_RESOURCE_SERVERS = 25
"""Cognito's limit of resource servers per user pool."""
MAX_SCOPES = 100
"""Cognito's limit of custom scopes per resource server."""
MAX_SCOPE_STRING = 256
"""Cognito's limit on a scope as clients request it: ``IDENTIFIER/SCOPE``."""

_IDENTIFIER = r"^[\x21\x23-\x5b\x5d-\x7e]+$"
_SERVER_NAME = r"^[A-Za-z0-9_\s+=,.@-]+$"
_SCOPE_NAME = r"^[\x21\x23-\x2e\x30-\x5b\x5d-\x7e]+$"
_INSECURE_SCHEMES = ("http", "ftp", "ws")
_SECURE_IDENTIFIER = re.compile(rf"^(?!(?:{'|'.join(_INSECURE_SCHEMES)}):)(?!.*/$).*$")
"""Neither a URL with an insecure scheme nor a trailing '/'."""

RESOURCE_SERVER_CHANGE = Immutable(
    Change.REPLACING,
    why="a resource server's identifier is its identity and the prefix of every scope in "
    "issued tokens: changing or removing it deletes the server, and every client and API "
    "that uses its scopes breaks",
    instead="keep the resource server (scopes may be added and described freely); to "
    "rename, add the new server, move clients and APIs to its scopes, then remove the old "
    "one deliberately with --accept",
    keyed_by="identifier",
)


class ResourceScope(Model):
    """A custom scope of a resource server."""

    name: Annotated[str, Field(max_length=256, pattern=_SCOPE_NAME)]
    """Scope name, such as ``orders.read``: 1-256 visible characters without spaces,
    quotes, backslashes or ``/``. Required."""
    description: Annotated[str, Field(min_length=1, max_length=256)]
    """What the scope allows, shown in the console. Required."""


class ResourceServer(Model):
    """An API that accepts the pool's access tokens, with its custom scopes."""

    identifier: Annotated[
        str, Field(max_length=256, pattern=_IDENTIFIER), InSchema((_SECURE_IDENTIFIER,))
    ]
    """The server's identifier, usually its URL (``https://api.example.com``); scopes are
    requested as ``IDENTIFIER/SCOPE``. 1-256 visible characters without spaces, quotes or
    backslashes. It can never change. Required."""
    name: Annotated[str, Field(max_length=256, pattern=_SERVER_NAME)]
    """A friendly name shown in the console (letters, digits, spaces and ``+ = , . @ -``).
    Required."""
    scopes: Annotated[tuple[ResourceScope, ...], Field(max_length=MAX_SCOPES)] = ()
    """The server's custom scopes (at most 100). Default: none."""

    def scope_strings(self) -> tuple[str, ...]:
        """The scopes as clients request them: ``IDENTIFIER/SCOPE``."""
        return tuple(f"{self.identifier}/{scope.name}" for scope in self.scopes)

    @model_validator(mode="after")
    def _check(self) -> Self:
        raise_problems(self._problems())
        return self

    def _problems(self) -> Iterator[Problem]:
        if _SECURE_IDENTIFIER.fullmatch(self.identifier):
            pass
        elif self.identifier.endswith("/"):
            yield problem(
                "identifier",
                "ends with '/': scopes would be requested as IDENTIFIER//SCOPE",
                received=self.identifier,
                allowed="an identifier without a trailing slash",
                hint=f"use {self.identifier.rstrip('/')!r}",
                code="identifier_trailing_slash",
            )
        else:
            scheme = self.identifier.split(":", 1)[0]
            yield problem(
                "identifier",
                f"uses the insecure {scheme!r} scheme; an API's identifier is its https URL",
                received=self.identifier,
                allowed="https://... or a plain name such as orders-api",
                hint="use the https URL of the API",
                code="insecure_scheme",
            )
        yield from duplicates(
            [scope.name for scope in self.scopes],
            ("scopes",),
            key="name",
            what="scope",
            allowed="unique scope names",
        )
        for index, scope in enumerate(self.scopes):
            full = len(self.identifier) + 1 + len(scope.name)
            if full > MAX_SCOPE_STRING:
                yield problem(
                    ("scopes", index, "name"),
                    f"IDENTIFIER/SCOPE has {full} characters; Cognito allows "
                    f"{MAX_SCOPE_STRING} in a client's scope",
                    received=scope.name,
                    allowed=f"a name of at most {MAX_SCOPE_STRING - 1 - len(self.identifier)} "
                    "characters with this identifier",
                    hint="shorten the scope name or the identifier",
                    code="too_long",
                )
