"""Identity providers: one module per provider type, over a small shared base."""

from __future__ import annotations

from aws_cdk import aws_cognito as cognito
from constructs import Construct

from cognito_auth.config.root import AuthConfig
from cognito_auth.constructs.providers import amazon, apple, facebook, google, oidc, saml
from cognito_auth.constructs.providers._base import SSM_READER_TYPE, BuiltProvider, ProviderContext

__all__ = ["SSM_READER_TYPE", "BuiltProvider", "build_providers"]


def build_providers(
    scope: Construct, config: AuthConfig, user_pool: cognito.UserPool
) -> list[BuiltProvider]:
    """Every configured provider, in Amplify's creation order: Google, Facebook, Login with
    Amazon, Sign in with Apple, the OIDC providers, then the SAML providers."""
    external = config.login_with.external_providers
    if external is None:
        return []
    context = ProviderContext(scope=scope, config=config, user_pool=user_pool)
    built: list[BuiltProvider] = []
    if external.google is not None:
        built.append(google.build(context, external.google))
    if external.facebook is not None:
        built.append(facebook.build(context, external.facebook))
    if external.login_with_amazon is not None:
        built.append(amazon.build(context, external.login_with_amazon))
    if external.sign_in_with_apple is not None:
        built.append(apple.build(context, external.sign_in_with_apple))
    built.extend(oidc.build(context, provider) for provider in external.oidc)
    built.extend(saml.build(context, provider) for provider in external.saml)
    return built
