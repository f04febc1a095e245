"""App clients of the user pool."""

from __future__ import annotations

from aws_cdk import aws_cognito as cognito
from constructs import Construct

from cognito_auth.config import AuthConfig
from cognito_auth.naming import client_construct_id

WEB_CLIENT = "web"


def build_clients(
    scope: Construct, config: AuthConfig, user_pool: cognito.UserPool
) -> dict[str, cognito.UserPoolClient]:
    """The default web client: SRP sign-in and refresh, no secret, no OAuth (nothing
    configured needs it), and no hint whether a user exists."""
    web = cognito.UserPoolClient(
        scope,
        client_construct_id(WEB_CLIENT),
        user_pool=user_pool,
        user_pool_client_name=f"{config.name}-{WEB_CLIENT}" if config.name else None,
        auth_flows=cognito.AuthFlow(user_srp=True),
        generate_secret=False,
        prevent_user_existence_errors=True,
        enable_token_revocation=True,
        disable_o_auth=True,
        supported_identity_providers=[cognito.UserPoolClientIdentityProvider.COGNITO],
    )
    return {WEB_CLIENT: web}
