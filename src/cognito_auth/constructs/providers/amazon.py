"""Login with Amazon."""

from __future__ import annotations

from aws_cdk import aws_cognito as cognito

from cognito_auth.config.providers import LoginWithAmazonProvider
from cognito_auth.constructs.providers._base import BuiltProvider, ProviderContext, secret_value
from cognito_auth.naming import SOCIAL_PROVIDER_IDS

CONSTRUCT_ID = SOCIAL_PROVIDER_IDS["LoginWithAmazon"]


def build(context: ProviderContext, provider: LoginWithAmazonProvider) -> BuiltProvider:
    secret = secret_value(context.scope, f"{CONSTRUCT_ID}Secret", provider.client_secret)
    idp = cognito.UserPoolIdentityProviderAmazon(
        context.scope,
        CONSTRUCT_ID,
        user_pool=context.user_pool,
        client_id=provider.client_id,
        # The CDK takes a string here: the token of the deploy-time reference, not a value.
        client_secret=secret.unsafe_unwrap(),
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
