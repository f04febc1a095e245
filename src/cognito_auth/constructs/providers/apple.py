"""Sign in with Apple."""

from __future__ import annotations

from aws_cdk import aws_cognito as cognito

from cognito_auth.config.providers import SignInWithAppleProvider
from cognito_auth.constructs.providers._base import BuiltProvider, ProviderContext, secret_value
from cognito_auth.naming import SOCIAL_PROVIDER_IDS

CONSTRUCT_ID = SOCIAL_PROVIDER_IDS["SignInWithApple"]


def build(context: ProviderContext, provider: SignInWithAppleProvider) -> BuiltProvider:
    idp = cognito.UserPoolIdentityProviderApple(
        context.scope,
        CONSTRUCT_ID,
        user_pool=context.user_pool,
        client_id=provider.client_id,
        team_id=provider.team_id,
        key_id=provider.key_id,
        private_key_value=secret_value(
            context.scope, f"{CONSTRUCT_ID}PrivateKey", provider.private_key
        ),
        scopes=list(provider.scopes),
        attribute_mapping=context.attribute_mapping(provider),
    )
    return BuiltProvider(
        name=provider.provider_name,
        construct_id=CONSTRUCT_ID,
        construct=idp,
        login_provider=provider.login_provider,
        app_id=provider.client_id,
    )
