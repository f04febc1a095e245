"""App clients of the user pool, one ``aws_cognito.UserPoolClient`` per configured client.

Without ``clients`` in the configuration, the one ``web`` client is built exactly as
before: SRP sign-in and refresh, no secret, no hint whether a user exists, and OAuth only
when the hosted pages are used (no placeholder URLs).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aws_cdk import Duration
from aws_cdk import aws_cognito as cognito
from constructs import Construct

from cognito_auth.config import AuthConfig
from cognito_auth.config.auth_flows import CDK_FLOWS
from cognito_auth.config.clients import AppClient, ClientOAuth, effective_flows
from cognito_auth.constructs._values import client_identity_provider, oauth_scope
from cognito_auth.constructs.providers import BuiltProvider
from cognito_auth.constructs.user_pool import CDK_STANDARD_NAMES
from cognito_auth.naming import client_construct_id, client_physical_name

_FLOWS = CDK_FLOWS


def oauth_settings(
    oauth: ClientOAuth | None,
    resource_servers: Mapping[str, cognito.UserPoolResourceServer] | None = None,
) -> cognito.OAuthSettings | None:
    """The authorization code grant (never the implicit grant) for user clients, the
    client credentials grant for machine clients; ``None`` without OAuth. Resource server
    scopes refer to their server, so that CloudFormation creates it first."""
    if oauth is None:
        return None
    scopes = [_scope(scope, resource_servers or {}) for scope in oauth.scopes]
    if oauth.flow == "client_credentials":
        return cognito.OAuthSettings(
            flows=cognito.OAuthFlows(client_credentials=True), scopes=scopes
        )
    return cognito.OAuthSettings(
        flows=cognito.OAuthFlows(authorization_code_grant=True),
        scopes=scopes,
        callback_urls=list(oauth.callback_urls),
        logout_urls=list(oauth.logout_urls),
    )


def _scope(
    scope: str, resource_servers: Mapping[str, cognito.UserPoolResourceServer]
) -> cognito.OAuthScope:
    identifier, _, name = scope.rpartition("/")
    server = resource_servers.get(identifier)
    if server is None:
        return oauth_scope(scope)
    return cognito.OAuthScope.resource_server(
        server, cognito.ResourceServerScope(scope_name=name, scope_description=name)
    )


def identity_providers(
    config: AuthConfig, providers: Sequence[BuiltProvider]
) -> list[cognito.UserPoolClientIdentityProvider]:
    """Every configured provider, then ``COGNITO`` unless the pool's own sign-in is off."""
    listed = [client_identity_provider(p.name) for p in providers]
    if config.login_with.cognito_sign_in:
        listed.append(client_identity_provider("COGNITO"))
    return listed


def _auth_flow(flows: list[str]) -> cognito.AuthFlow:
    if not flows:
        # One explicit ``False``: the CDK then writes the refresh flow only, instead of
        # leaving ExplicitAuthFlows out (Cognito's default allows SRP and custom sign-in).
        return cognito.AuthFlow(user_srp=False)
    return cognito.AuthFlow(**{_FLOWS[flow]: True for flow in flows})


def _attributes(names: Sequence[str] | None) -> cognito.ClientAttributes | None:
    if names is None:
        return None
    standard = {
        CDK_STANDARD_NAMES.get(name, name): True for name in names if not name.startswith("custom:")
    }
    custom = [name.removeprefix("custom:") for name in names if name.startswith("custom:")]
    attributes = cognito.ClientAttributes()
    if standard:
        attributes = attributes.with_standard_attributes(**standard)
    if custom:
        attributes = attributes.with_custom_attributes(*custom)
    return attributes


def _validity(minutes: int | None) -> Duration | None:
    return Duration.minutes(minutes) if minutes is not None else None


def client_props(
    config: AuthConfig,
    client: AppClient,
    *,
    providers: Sequence[BuiltProvider] = (),
    resource_servers: Mapping[str, cognito.UserPoolResourceServer] | None = None,
    custom_auth: bool = False,
) -> dict[str, Any]:
    """Every ``aws_cognito.UserPoolClient`` keyword argument (but the pool) for ``client``."""
    oauth = oauth_settings(config.client_oauth(client), resource_servers)
    validity = client.token_validity
    props: dict[str, Any] = {
        "user_pool_client_name": (
            client_physical_name(config.name, client.name) if config.name else None
        ),
        "auth_flows": _auth_flow(
            effective_flows(
                client,
                passwordless=config.passwordless,
                custom_auth=custom_auth,
                migrating=config.migrate_users_from is not None,
            )
        ),
        "generate_secret": client.generate_secret,
        "prevent_user_existence_errors": client.prevent_user_existence_errors,
        "enable_token_revocation": client.token_revocation,
        "disable_o_auth": oauth is None,
        "o_auth": oauth,
        "supported_identity_providers": (
            identity_providers(config, providers)
            if client.is_user_client
            else [client_identity_provider("COGNITO")]
        ),
        "access_token_validity": _validity(
            validity.minutes("access_token") if validity.access_token else None
        ),
        "id_token_validity": _validity(validity.minutes("id_token") if validity.id_token else None),
        "refresh_token_validity": _validity(
            validity.minutes("refresh_token") if validity.refresh_token else None
        ),
        "read_attributes": _attributes(client.read_attributes),
        "write_attributes": _attributes(client.write_attributes),
    }
    rotation = client.refresh_token_rotation
    if rotation is not None:
        props["refresh_token_rotation_grace_period"] = Duration.seconds(
            rotation.retry_grace_period_seconds
        )
    return {key: value for key, value in props.items() if value is not None}


def build_clients(
    scope: Construct,
    config: AuthConfig,
    user_pool: cognito.UserPool,
    providers: Sequence[BuiltProvider] = (),
    *,
    resource_servers: Mapping[str, cognito.UserPoolResourceServer] | None = None,
    custom_auth: bool = False,
) -> dict[str, cognito.UserPoolClient]:
    """One client per configured client, in order. A user client depends on the identity
    providers it lists, so that CloudFormation creates them first."""
    built: dict[str, cognito.UserPoolClient] = {}
    for client in config.clients:
        construct = cognito.UserPoolClient(
            scope,
            client_construct_id(client.name),
            user_pool=user_pool,
            **client_props(
                config,
                client,
                providers=providers,
                resource_servers=resource_servers,
                custom_auth=custom_auth,
            ),
        )
        if client.is_user_client:
            for provider in providers:
                construct.node.add_dependency(provider.construct)
        built[client.name] = construct
    return built
