"""App clients of the user pool."""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import aws_cognito as cognito
from constructs import Construct

from cognito_auth.config import AuthConfig
from cognito_auth.constructs.providers import BuiltProvider
from cognito_auth.naming import client_construct_id

WEB_CLIENT = "web"


def oauth_settings(config: AuthConfig) -> cognito.OAuthSettings | None:
    """The authorization code grant (never the implicit grant) with the configured scopes
    and URLs; ``None`` when nothing uses the hosted pages."""
    external = config.external_providers
    if not external.uses_oauth:
        return None
    return cognito.OAuthSettings(
        flows=cognito.OAuthFlows(authorization_code_grant=True),
        scopes=[cognito.OAuthScope.custom(scope) for scope in external.scopes],
        callback_urls=list(external.callback_urls),
        logout_urls=list(external.logout_urls),
    )


def identity_providers(
    config: AuthConfig, providers: Sequence[BuiltProvider]
) -> list[cognito.UserPoolClientIdentityProvider]:
    """Every configured provider, then ``COGNITO`` unless the pool's own sign-in is off."""
    listed = [cognito.UserPoolClientIdentityProvider.custom(p.name) for p in providers]
    if config.login_with.cognito_sign_in:
        listed.append(cognito.UserPoolClientIdentityProvider.COGNITO)
    return listed


def build_clients(
    scope: Construct,
    config: AuthConfig,
    user_pool: cognito.UserPool,
    providers: Sequence[BuiltProvider] = (),
) -> dict[str, cognito.UserPoolClient]:
    """The default web client: SRP sign-in and refresh, no secret, no hint whether a user
    exists, and OAuth only when the hosted pages are used (no placeholder URLs). It
    depends on the identity providers it lists, so that CloudFormation creates them
    first."""
    oauth = oauth_settings(config)
    web = cognito.UserPoolClient(
        scope,
        client_construct_id(WEB_CLIENT),
        user_pool=user_pool,
        user_pool_client_name=f"{config.name}-{WEB_CLIENT}" if config.name else None,
        auth_flows=cognito.AuthFlow(user_srp=True),
        generate_secret=False,
        prevent_user_existence_errors=True,
        enable_token_revocation=True,
        disable_o_auth=oauth is None,
        o_auth=oauth,
        supported_identity_providers=identity_providers(config, providers),
    )
    for provider in providers:
        web.node.add_dependency(provider.construct)
    return {WEB_CLIENT: web}
