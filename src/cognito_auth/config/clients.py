"""App clients of the user pool: ``clients``.

Four kinds, each a fixed set of choices that Cognito's options allow:

- ``spa`` and ``native``: public clients (a browser app, a mobile or desktop app) that
  cannot keep a secret: no secret, SRP sign-in, and the authorization code grant (with
  PKCE, which the client libraries always send) when they use the hosted pages;
- ``server``: a confidential client (a server-rendered web app) with a secret and the
  authorization code grant;
- ``machine``: a service that gets access tokens for itself with the ``client_credentials``
  grant and its secret; it has resource-server scopes only and no user sign-in at all.

Rules that need the rest of the configuration (resource servers, attributes, the domain,
the feature plan) are in :mod:`cognito_auth.config.rules.clients`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from cognito_auth.config._base import (
    Change,
    Immutable,
    Model,
    Problem,
    each,
    on_off,
    problem,
    raise_problems,
    value_problem,
)
from cognito_auth.config._patterns import InSchema, either
from cognito_auth.config.attributes import (
    CUSTOM_NAME,
    STANDARD_ATTRIBUTES,
    custom_attribute_name,
)
from cognito_auth.config.auth_flows import (
    AUTH_FLOWS as AUTH_FLOWS,  # noqa: PLC0414
)
from cognito_auth.config.auth_flows import (
    EXPLICIT_FLOWS as EXPLICIT_FLOWS,  # noqa: PLC0414
)
from cognito_auth.config.auth_flows import REFRESH_FLOW, AuthFlowName
from cognito_auth.config.oauth import OAUTH_SCOPES, CallbackUrl
from cognito_auth.config.rules.common import duplicates, logout_urls_problem

__all__ = [
    "AUTH_FLOWS",
    "DEFAULT_CLIENT",
    "KINDS",
    "SECRET_KINDS",
    "USER_KINDS",
    "AppClient",
    "ClientOAuth",
    "RefreshTokenRotation",
    "TokenValidity",
    "duration_minutes",
    "show_minutes",
]

DEFAULT_CLIENT = "web"
"""The name of the client created when ``clients`` is not given."""
KINDS = ("spa", "native", "server", "machine")
USER_KINDS = ("spa", "native", "server")
"""Kinds of clients that users sign in through (the identity pool lists them)."""
SECRET_KINDS = ("server", "machine")
"""Kinds of clients that have a secret."""
MAX_SCOPES = 50
"""Cognito's limit on a client's OAuth scopes."""
MAX_URLS = 100

ClientKind = Literal["spa", "native", "server", "machine"]

_CLIENT_NAME = r"^[A-Za-z0-9][A-Za-z0-9_.@+=,-]{0,63}$"
_DURATION = re.compile(r"^([0-9]{1,7})([mhd])$")
_UNIT_MINUTES = {"m": 1, "h": 60, "d": 24 * 60}
_SCOPE = re.compile(r"^[\x21\x23-\x5b\x5d-\x7e]{1,256}$")
DEFAULT_VALIDITY_MINUTES = {"access_token": 60, "id_token": 60, "refresh_token": 30 * 24 * 60}
"""Cognito's token lifetimes when a client sets none: 1 hour, 1 hour, 30 days."""
_BOUNDS = {
    "access_token": (5, 24 * 60),
    "id_token": (5, 24 * 60),
    "refresh_token": (60, 3650 * 24 * 60),
}


def duration_minutes(text: str) -> int:
    """``"90m"``, ``"1h"``, ``"30d"`` -> minutes."""
    match = _DURATION.fullmatch(text)
    if match is None:
        raise value_problem("invalid_duration", f"{text!r} is not a duration")
    return int(match[1]) * _UNIT_MINUTES[match[2]]


def show_minutes(minutes: int) -> str:
    """Minutes in the largest whole unit: ``1440`` -> ``1 day``."""
    for unit, size in (("day", 1440), ("hour", 60), ("minute", 1)):
        if minutes % size == 0:
            count = minutes // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{minutes} minutes"  # pragma: no cover - every whole number of minutes matches


def _duration(value: str) -> str:
    if not _DURATION.fullmatch(value):
        raise value_problem(
            "invalid_duration",
            f"{value!r} is not a duration: a whole number and a unit, m (minutes), h (hours) "
            "or d (days), such as 30m, 1h or 30d",
        )
    if duration_minutes(value) == 0:
        raise value_problem("zero_duration", "a token lifetime cannot be zero")
    return value


TokenDuration = Annotated[str, AfterValidator(_duration)]
"""A lifetime written as a number and a unit: ``30m``, ``1h``, ``30d``."""


class TokenValidity(Model):
    """How long a client's tokens are valid. Cognito's bounds: access and ID tokens 5
    minutes to 1 day, refresh tokens 60 minutes to 10 years (3650d); access and ID tokens
    must expire before the refresh token."""

    access_token: TokenDuration | None = None
    """Lifetime of access tokens, such as ``15m``. Default: 1 hour."""
    id_token: TokenDuration | None = None
    """Lifetime of ID tokens. Default: 1 hour."""
    refresh_token: TokenDuration | None = None
    """Lifetime of refresh tokens, such as ``30d``. Default: 30 days."""

    def minutes(self, name: str) -> int:
        """The effective lifetime of ``access_token``, ``id_token`` or ``refresh_token``."""
        value: str | None = getattr(self, name)
        return DEFAULT_VALIDITY_MINUTES[name] if value is None else duration_minutes(value)

    @property
    def is_default(self) -> bool:
        return self.access_token is None and self.id_token is None and self.refresh_token is None

    @model_validator(mode="after")
    def _check(self) -> Self:
        raise_problems(self._problems())
        return self

    def _problems(self) -> Iterator[Problem]:
        out_of_bounds = set()
        for name, (low, high) in _BOUNDS.items():
            value: str | None = getattr(self, name)
            if value is None:
                continue
            minutes = duration_minutes(value)
            if not low <= minutes <= high:
                out_of_bounds.add(name)
                yield problem(
                    name,
                    f"must be between {show_minutes(low)} and {show_minutes(high)}, is "
                    f"{show_minutes(minutes)}",
                    received=value,
                    allowed=f"{show_minutes(low)} to {show_minutes(high)}",
                    code="out_of_range",
                )
        if out_of_bounds:
            return
        refresh = self.minutes("refresh_token")
        implicit = []
        for name in ("access_token", "id_token"):
            minutes = self.minutes(name)
            if minutes < refresh:
                continue
            token = _TOKEN_NAMES[name]
            if getattr(self, name) is not None:
                yield problem(
                    name,
                    f"the {token} must expire before the refresh token "
                    f"({show_minutes(refresh)}), is {show_minutes(minutes)}",
                    received=getattr(self, name),
                    allowed=f"less than {show_minutes(refresh)}",
                    hint="shorten it, or lengthen refresh_token",
                    code="token_validity_order",
                )
            else:
                implicit.append(name)
        if implicit:
            longest = max(self.minutes(name) for name in implicit)
            tokens = " and the ".join(_TOKEN_NAMES[name] for name in implicit)
            yield problem(
                "refresh_token",
                f"the refresh token must outlive the {tokens} ({show_minutes(longest)} by "
                f"default), is {show_minutes(refresh)}",
                received=self.refresh_token,
                allowed=f"more than {show_minutes(longest)}",
                hint=f"lengthen refresh_token, or set {' and '.join(implicit)} shorter",
                code="token_validity_order",
            )


_TOKEN_NAMES = {"access_token": "access token", "id_token": "ID token"}


class RefreshTokenRotation(Model):
    """Each token refresh also returns a new refresh token and invalidates the old one.
    The app must refresh with Cognito's ``GetTokensFromRefreshToken`` API: the client no
    longer allows the ``REFRESH_TOKEN_AUTH`` flow. Needs the essentials or plus plan."""

    retry_grace_period_seconds: Annotated[int, Field(ge=0, le=60)] = 0
    """How long the old refresh token still works after a rotation (for retries), 0-60
    seconds. Default: 0, the old token stops working at once."""


def _scope_name(value: str) -> str:
    if not _SCOPE.fullmatch(value):
        raise value_problem(
            "invalid_scope",
            f"{value!r} is not an OAuth scope: 1-256 visible characters without spaces, "
            "quotes or backslashes",
        )
    if not _SCOPE_FORMS.fullmatch(value):
        raise value_problem(
            "unknown_scope",
            f"{value!r} is neither one of Cognito's scopes ({', '.join(OAUTH_SCOPES)}) nor a "
            "resource server scope written IDENTIFIER/SCOPE",
        )
    return value


_SCOPE_FORMS = re.compile(either(*(re.escape(scope) for scope in OAUTH_SCOPES), ".*/.*"))
"""One of Cognito's scopes, or a resource server's ``IDENTIFIER/SCOPE``."""
ScopeName = Annotated[str, AfterValidator(_scope_name), InSchema((_SCOPE, _SCOPE_FORMS))]
"""``openid``, ``email``, ``profile``, ``phone``, ``aws.cognito.signin.user.admin``, or a
resource server's scope written ``IDENTIFIER/SCOPE``."""


_VERIFIED = ("email_verified", "phone_number_verified")


def _attribute_names(*names: str) -> re.Pattern[str]:
    """``names`` or ``custom:NAME`` (whether the custom attribute exists is checked with
    the rest of the configuration)."""
    custom = "custom:" + CUSTOM_NAME.pattern.removeprefix("^")
    return re.compile(either(*(re.escape(name) for name in names), custom))


def _attribute(value: str, *, readable: bool) -> str:
    if value.startswith("custom:"):
        custom_attribute_name(value.removeprefix("custom:"))
        return value
    verified = _VERIFIED
    if value in verified and not readable:
        raise value_problem(
            "read_only_attribute",
            f"{value} can be read but never written by an app client: only Cognito (or an "
            "administrator) marks an attribute verified",
        )
    if value not in STANDARD_ATTRIBUTES and value not in verified:
        raise value_problem(
            "unknown_attribute",
            f"{value!r} is not a user pool attribute: give a standard attribute "
            f"({', '.join(STANDARD_ATTRIBUTES)}) or custom:NAME",
        )
    return value


ReadAttribute = Annotated[
    str,
    AfterValidator(lambda v: _attribute(v, readable=True)),
    InSchema((_attribute_names(*STANDARD_ATTRIBUTES, *_VERIFIED),)),
]
WriteAttribute = Annotated[
    str,
    AfterValidator(lambda v: _attribute(v, readable=False)),
    InSchema((_attribute_names(*STANDARD_ATTRIBUTES),)),
]

_SECRET_WHY = (
    "Cognito decides whether a client has a secret when it creates the client: changing it "
    "replaces the client, with a new client id, and every app configured with the old id "
    "and every token issued to it stop working"
)
_SECRET_INSTEAD = (
    "add a new client under another name with the kind you need, move your apps to it, then "
    "remove the old one deliberately with --accept clients.NAME"
)


ClientName = Annotated[str, Field(pattern=_CLIENT_NAME)]
"""An app client's name, in a client's mapping or alone in the list of clients."""


class AppClient(Model):
    """An app client: how one application signs users in (or, for a ``machine`` client,
    gets tokens for itself)."""

    name: ClientName
    """Unique name of the client: a letter or digit, then up to 63 letters, digits and
    ``_ . @ + = , -``. The client's construct (``auth.clients[NAME]``), logical id and
    physical name derive from it. Required."""
    kind: ClientKind = "spa"
    """``spa`` (browser app) or ``native`` (mobile or desktop app): no secret, SRP
    sign-in, authorization code grant with PKCE; ``server``: a secret and the authorization
    code grant; ``machine``: a secret and the client credentials grant with resource-server
    scopes, no user sign-in. Default: spa."""
    generate_secret: Annotated[
        bool | None, Immutable(Change.REPLACING, why=_SECRET_WHY, instead=_SECRET_INSTEAD)
    ] = None
    """Whether the client has a secret. It follows from the kind (server and machine
    clients have one, spa and native clients never) and is written only to make the
    choice explicit; it can never change. Default: from the kind."""
    callback_urls: Annotated[tuple[CallbackUrl, ...] | None, Field(max_length=MAX_URLS)] = None
    """Where the hosted pages may send users after sign-in; with any, the client uses the
    authorization code grant. Default: ``external_providers.callback_urls`` for spa and
    server clients; none for native clients (give the app's own scheme,
    ``myapp://callback``); a machine client has none."""
    logout_urls: Annotated[tuple[CallbackUrl, ...] | None, Field(max_length=MAX_URLS)] = None
    """Where users may be sent after sign-out. Default: as ``callback_urls``, from
    ``external_providers.logout_urls``."""
    scopes: Annotated[tuple[ScopeName, ...] | None, Field(max_length=MAX_SCOPES)] = None
    """OAuth scopes the client may request: Cognito's (``openid``, ``email``, ``profile``,
    ``phone``, ``aws.cognito.signin.user.admin``) and resource server scopes written
    ``IDENTIFIER/SCOPE``. A machine client has resource server scopes only, and needs at
    least one. Default: ``external_providers.scopes`` for user clients."""
    token_validity: Annotated[TokenValidity, Field(default_factory=dict, validate_default=True)]
    """Lifetimes of the tokens issued to this client. Default: Cognito's, 1 hour for
    access and ID tokens, 30 days for refresh tokens."""
    token_revocation: bool = True
    """Refresh tokens can be revoked (sign-out everywhere). Default: on."""
    read_attributes: tuple[ReadAttribute, ...] | None = None
    """The user attributes the client may read (``email``, ``custom:tenant_id``...).
    Default: every attribute."""
    write_attributes: tuple[WriteAttribute, ...] | None = None
    """The user attributes the client may write at sign-up and later; immutable attributes
    cannot be listed, nor the ``*_verified`` flags. Give every attribute that users must
    enter at sign-up. Default: every mutable attribute."""
    auth_flows: tuple[AuthFlowName, ...] | None = None
    """Sign-in flows the client allows besides the hosted pages: ``user_srp`` (password
    sign-in without sending the password), ``user_password`` (the password itself, needed
    by a user_migration trigger), ``admin_user_password`` (server-side, with AWS
    credentials), ``custom`` (custom challenges; needs the challenge triggers),
    ``user_auth`` (choice-based sign-in). ``user_auth`` is added to user clients when
    passwordless sign-in is on, ``custom`` when a define_auth_challenge trigger is given.
    Default: ``[user_srp]``; a machine client has none."""
    prevent_user_existence_errors: bool = True
    """Sign-in and password-reset errors do not reveal whether a user exists. Default:
    on."""
    refresh_token_rotation: Annotated[
        RefreshTokenRotation | None,
        BeforeValidator(on_off, json_schema_input_type=bool | RefreshTokenRotation | None),
    ] = None
    """Rotate refresh tokens at each refresh: ``true`` or ``{retry_grace_period_seconds}``.
    Needs the essentials or plus plan. Default: off."""

    @property
    def is_user_client(self) -> bool:
        """Whether users sign in through this client (every kind but ``machine``)."""
        return self.kind in USER_KINDS

    @property
    def configured_flows(self) -> tuple[str, ...]:
        """The configured flows, or the kind's default."""
        if self.auth_flows is not None:
            return self.auth_flows
        return ("user_srp",) if self.is_user_client else ()

    @model_validator(mode="before")
    @classmethod
    def _secret_from_kind(cls, data: Any) -> Any:
        """``generate_secret`` follows from the kind when it is not written (so that it is
        always a boolean once validated)."""
        if isinstance(data, Mapping) and data.get("generate_secret") is None:
            kind = data.get("kind", "spa")
            if kind in KINDS:
                return {**data, "generate_secret": kind in SECRET_KINDS}
        return data

    @model_validator(mode="after")
    def _check(self) -> Self:
        raise_problems(each(self._secret_problems(), self._kind_problems(), self._list_problems()))
        return self

    def _secret_problems(self) -> Iterator[Problem]:
        secret = self.kind in SECRET_KINDS
        if self.generate_secret is None or self.generate_secret == secret:
            return
        if secret:
            yield problem(
                "generate_secret",
                f"a {self.kind} client always has a secret",
                received=False,
                allowed="true (or leave it out)",
                hint="for a client without a secret use kind: spa or native",
                code="secret_required",
            )
        else:
            yield problem(
                "generate_secret",
                f"a {self.kind} client runs where a secret cannot be kept, so it has none",
                received=True,
                allowed="false (or leave it out)",
                hint="for a client with a secret use kind: server (or machine)",
                code="secret_not_allowed",
            )

    def _kind_problems(self) -> Iterator[Problem]:
        if self.kind != "machine":
            return
        hint = "machine clients get access tokens with the client credentials grant only"
        for key in ("callback_urls", "logout_urls"):
            if getattr(self, key):
                yield problem(
                    key,
                    "a machine client signs in no user, so it has no redirect URLs",
                    received=list(getattr(self, key)),
                    allowed="none",
                    hint=f"remove {key}, or use kind: server for a web app",
                    code="machine_client_user_setting",
                )
        if self.auth_flows:
            yield problem(
                "auth_flows",
                "a machine client allows no user sign-in flow",
                received=list(self.auth_flows),
                allowed="none",
                hint=hint,
                code="machine_client_user_setting",
            )
        if not self.scopes:
            yield problem(
                "scopes",
                "a machine client needs at least one resource server scope to request",
                received=list(self.scopes) if self.scopes is not None else None,
                allowed="IDENTIFIER/SCOPE of a resource server",
                hint="add resource_servers with scopes, and list them here",
                code="machine_client_without_scopes",
            )
        for key in ("read_attributes", "write_attributes"):
            if getattr(self, key) is not None:
                yield problem(
                    key,
                    "a machine client's tokens carry no user, so it reads and writes no "
                    "user attributes",
                    received=list(getattr(self, key)),
                    allowed="none",
                    hint=f"remove {key}",
                    code="machine_client_user_setting",
                )
        validity = self.token_validity
        for key in ("id_token", "refresh_token"):
            if getattr(validity, key) is not None:
                yield problem(
                    ("token_validity", key),
                    f"a machine client receives access tokens only, no {key.split('_')[0]} token",
                    received=getattr(validity, key),
                    allowed="access_token only",
                    hint=hint,
                    code="machine_client_user_setting",
                )
        if self.refresh_token_rotation is not None:
            yield problem(
                "refresh_token_rotation",
                "a machine client receives no refresh tokens to rotate",
                received=self.refresh_token_rotation.model_dump(),
                allowed="none",
                hint=hint,
                code="machine_client_user_setting",
            )

    def _list_problems(self) -> Iterator[Problem]:
        for key in ("read_attributes", "write_attributes"):
            if getattr(self, key) == ():
                yield problem(
                    key,
                    "an empty list would be taken by Cognito as no restriction at all",
                    received=[],
                    allowed="a list of attributes, or leave it out for every attribute",
                    hint=f"list the attributes the client may {key.split('_')[0]}",
                    code="empty",
                )
        for key in (
            "callback_urls",
            "logout_urls",
            "scopes",
            "read_attributes",
            "write_attributes",
            "auth_flows",
        ):
            values: tuple[str, ...] | None = getattr(self, key)
            yield from duplicates(values or (), (key,), allowed="each value once")
        if self.logout_urls and self.callback_urls == ():
            yield logout_urls_problem(self.logout_urls, "the client does not use the hosted pages")


def effective_flows(
    client: AppClient, *, passwordless: bool, custom_auth: bool, migrating: bool = False
) -> list[str]:
    """The client's flows: the configured ones, plus ``user_auth`` on user clients when a
    passwordless factor is on, ``custom`` when custom challenges are (a
    define_auth_challenge trigger), and ``user_password`` while users migrate
    (``migrate_users_from``: Cognito gives the migration trigger the password only in the
    USER_PASSWORD_AUTH flow)."""
    flows = list(client.configured_flows)
    if client.is_user_client:
        if passwordless and "user_auth" not in flows:
            flows.append("user_auth")
        if custom_auth and "custom" not in flows:
            flows.append("custom")
        if migrating and "user_password" not in flows:
            flows.append("user_password")
    return flows


def explicit_auth_flows(
    client: AppClient, *, passwordless: bool, custom_auth: bool = False, migrating: bool = False
) -> list[str]:
    """The client's ``ExplicitAuthFlows`` as Cognito reports them, sorted: its flows, and the
    refresh flow unless refresh tokens rotate."""
    flows = [
        EXPLICIT_FLOWS[flow]
        for flow in effective_flows(
            client, passwordless=passwordless, custom_auth=custom_auth, migrating=migrating
        )
    ]
    if client.refresh_token_rotation is None:
        flows.append(REFRESH_FLOW)
    return sorted(flows)


def clients_input(value: Any) -> Any:
    """Accept a plain name for a spa client (``clients: [web, admin]``)."""
    if not isinstance(value, list | tuple):
        return value
    return [{"name": item} if isinstance(item, str) else item for item in value]


@dataclass(frozen=True)
class ClientOAuth:
    """A client's effective OAuth settings."""

    flow: Literal["code", "client_credentials"]
    scopes: tuple[str, ...]
    callback_urls: tuple[str, ...] = ()
    logout_urls: tuple[str, ...] = ()
