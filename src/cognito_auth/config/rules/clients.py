"""Rules on ``clients`` and ``resource_servers`` that need the rest of the configuration:
unique names, the domain the OAuth clients need, scopes that exist, attributes that
exist and can be written, and the feature plan."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cognito_auth.config._base import Problem, problem
from cognito_auth.config.clients import DEFAULT_CLIENT, AppClient
from cognito_auth.config.oauth import OAUTH_SCOPES
from cognito_auth.config.providers import VERIFIED_FLAGS
from cognito_auth.config.resource_servers import MAX_RESOURCE_SERVERS
from cognito_auth.config.rules.common import (
    duplicates,
    logout_urls_problem,
    openid_problems,
    plan_allows,
    plan_problem,
)
from cognito_auth.naming import client_construct_id

if TYPE_CHECKING:
    from cognito_auth.config.root import AuthConfig

__all__ = ["check", "client_problems", "resource_server_problems"]

_DOMAIN_HINT = "add external_providers: {domain_prefix: a-unique-prefix} under login_with"


def resource_server_problems(config: AuthConfig) -> Iterator[Problem]:
    servers = config.resource_servers
    if len(servers) > MAX_RESOURCE_SERVERS:
        yield problem(
            "resource_servers",
            f"{len(servers)} resource servers; Cognito allows {MAX_RESOURCE_SERVERS} per pool",
            received=len(servers),
            allowed=f"at most {MAX_RESOURCE_SERVERS}",
            code="too_many_resource_servers",
        )
    yield from duplicates(
        [server.identifier for server in servers],
        ("resource_servers",),
        key="identifier",
        what="resource server",
        allowed="unique identifiers",
        hint="merge their scopes into one entry",
    )


def client_problems(config: AuthConfig) -> Iterator[Problem]:
    clients = config.clients
    if not clients:
        yield problem(
            "clients",
            "the pool needs at least one app client",
            received=[],
            allowed="a list of clients",
            hint=f"leave clients out for one spa client named {DEFAULT_CLIENT!r}",
            code="no_client",
        )
        return
    seen: dict[str, str] = {}
    for index, client in enumerate(clients):
        key = client_construct_id(client.name).lower()
        if key in seen:
            yield problem(
                ("clients", index, "name"),
                f"client name {client.name!r} clashes with {seen[key]!r} (names are compared "
                "without case and punctuation, as their construct ids)",
                received=client.name,
                allowed="unique client names",
                hint="rename one of them",
                code="client_name_clash",
            )
        else:
            seen[key] = client.name
    if not any(client.is_user_client for client in clients):
        yield problem(
            "clients",
            "every client is a machine client, so no user could sign in; the backend's "
            "default client (auth.user_pool_client, amplify_outputs.json) must be one users "
            "sign in through",
            received=[client.name for client in clients],
            allowed="at least one spa, native or server client",
            hint="add {name: web} (a spa client)",
            code="only_machine_clients",
        )
    for index, client in enumerate(clients):
        yield from (p.prefixed(("clients", index)) for p in _one_client(config, client))


def _one_client(config: AuthConfig, client: AppClient) -> Iterator[Problem]:
    oauth = config.client_oauth(client)
    has_domain = config.external_providers.has_domain
    if client.kind == "machine" and not has_domain:
        yield problem(
            "kind",
            "a machine client gets its tokens from the pool's domain (/oauth2/token), and "
            "the pool has no domain",
            received="machine",
            allowed="a machine client together with a domain",
            hint=_DOMAIN_HINT,
            code="machine_client_without_domain",
        )
    if client.is_user_client:
        if oauth is not None and not has_domain and client.callback_urls:
            yield problem(
                "callback_urls",
                "callback URLs are for the hosted pages, which need a domain",
                received=list(client.callback_urls),
                allowed="callback_urls together with a domain",
                hint=_DOMAIN_HINT,
                code="callback_urls_without_domain",
            )
        if oauth is None and client.scopes is not None:
            yield problem(
                "scopes",
                "the client has no callback URLs, so it never uses the hosted pages that "
                "grant scopes",
                received=list(client.scopes),
                allowed="scopes together with callback_urls",
                hint="add callback_urls, or remove scopes",
                code="scopes_without_callback_urls",
            )
        if oauth is None and client.logout_urls:
            yield logout_urls_problem(
                client.logout_urls, "the client does not use the hosted pages"
            )
    yield from _scope_problems(config, client)
    yield from _attribute_problems(config, client)
    if client.refresh_token_rotation is not None and not plan_allows(
        config.feature_plan, "essentials"
    ):
        yield plan_problem(
            "refresh_token_rotation",
            "refresh token rotation",
            config.feature_plan,
            received=client.refresh_token_rotation.model_dump(),
            allowed="no rotation with feature_plan: lite",
            hint="set feature_plan: essentials, or remove refresh_token_rotation",
        )


def _scope_problems(config: AuthConfig, client: AppClient) -> Iterator[Problem]:
    if client.scopes is None:
        return
    available = {scope for server in config.resource_servers for scope in server.scope_strings()}
    for index, scope in enumerate(client.scopes):
        if scope in OAUTH_SCOPES:
            if client.kind == "machine":
                yield problem(
                    ("scopes", index),
                    f"{scope!r} is a user scope; a machine client's tokens carry no user, so "
                    "it requests resource server scopes only",
                    received=scope,
                    allowed=", ".join(sorted(available)) or "IDENTIFIER/SCOPE of a resource server",
                    hint="remove it",
                    code="user_scope_on_machine_client",
                )
        elif scope not in available:
            yield problem(
                ("scopes", index),
                f"{scope!r} is not a scope of any resource server",
                received=scope,
                allowed=", ".join(sorted(available)) or "IDENTIFIER/SCOPE of a resource server",
                hint="add the scope to its server under resource_servers, or fix the name",
                code="unknown_scope",
            )
    yield from openid_problems(client.scopes)


def _attribute_problems(config: AuthConfig, client: AppClient) -> Iterator[Problem]:
    attributes = config.user_attributes
    for key in ("read_attributes", "write_attributes"):
        listed: tuple[str, ...] | None = getattr(client, key)
        for index, name in enumerate(listed or ()):
            mutable = attributes.is_mutable(name)
            if mutable is None and name not in VERIFIED_FLAGS:
                yield problem(
                    (key, index),
                    f"{name} is not an attribute of the pool",
                    received=name,
                    allowed=", ".join(f"custom:{n}" for n in attributes.custom)
                    or "a custom attribute defined under user_attributes.custom",
                    hint=f"add it under user_attributes.custom, or remove it from {key}",
                    code="unknown_attribute",
                )
            elif key == "write_attributes" and mutable is False:
                yield problem(
                    (key, index),
                    f"{name} is immutable in the pool, and Cognito refuses a client that may "
                    "write an immutable attribute",
                    received=name,
                    allowed="mutable attributes",
                    hint="remove it from write_attributes (set it with an administrator API "
                    "or a trigger)",
                    code="immutable_attribute_writable",
                )
    written = client.write_attributes
    if written is None or config.client_oauth(client) is None:
        return
    for provider in config.external_providers.providers:
        for target in config.attribute_mapping(provider):
            if target in VERIFIED_FLAGS or target in written:
                continue
            yield problem(
                "write_attributes",
                f"{provider.provider_name} maps {target}, and Cognito writes mapped attributes "
                "through the client at every federated sign-in, but this client may not "
                "write it",
                received=list(written),
                allowed=f"write_attributes including {target}",
                hint=f"add {target} to write_attributes",
                code="mapped_attribute_not_writable",
            )


def check(config: AuthConfig) -> Iterator[Problem]:
    """The app clients and the resource servers they name."""
    yield from client_problems(config)
    yield from resource_server_problems(config)
