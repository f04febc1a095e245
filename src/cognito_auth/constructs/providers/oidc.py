"""Any OpenID Connect provider."""

from __future__ import annotations

from aws_cdk import aws_cognito as cognito

from cognito_auth.config.providers import OidcProvider
from cognito_auth.constructs.providers._base import BuiltProvider, ProviderContext, secret_value
from cognito_auth.naming import provider_construct_id

_METHOD = {
    "GET": cognito.OidcAttributeRequestMethod.GET,
    "POST": cognito.OidcAttributeRequestMethod.POST,
}


def construct_id(provider: OidcProvider) -> str:
    return provider_construct_id("OIDC", provider.name)


def build(context: ProviderContext, provider: OidcProvider) -> BuiltProvider:
    key = construct_id(provider)
    secret = secret_value(context.scope, f"{key}Secret", provider.client_secret)
    endpoints = provider.endpoints
    idp = cognito.UserPoolIdentityProviderOidc(
        context.scope,
        key,
        user_pool=context.user_pool,
        name=provider.name,
        client_id=provider.client_id,
        # The CDK takes a string here: the token of the deploy-time reference, not a value.
        client_secret=secret.unsafe_unwrap(),
        issuer_url=provider.issuer_url,
        scopes=list(provider.scopes),
        attribute_request_method=_METHOD[provider.attribute_request_method],
        endpoints=(
            cognito.OidcEndpoints(
                authorization=endpoints.authorization,
                token=endpoints.token,
                user_info=endpoints.userinfo,
                jwks_uri=endpoints.jwks_uri,
            )
            if endpoints is not None
            else None
        ),
        identifiers=list(provider.identifiers) or None,
        attribute_mapping=context.attribute_mapping(provider),
    )
    return BuiltProvider(name=provider.name, construct_id=key, construct=idp)
