"""Any SAML 2.0 provider. Every option reaches the template (Amplify drops
``encrypted_responses``, ``request_signing_algorithm`` and ``idp_initiated``)."""

from __future__ import annotations

from aws_cdk import aws_cognito as cognito

from cognito_auth.config.providers import SamlMetadataFile, SamlProvider
from cognito_auth.constructs.providers._base import BuiltProvider, ProviderContext
from cognito_auth.errors import ConfigError, Problem
from cognito_auth.naming import provider_construct_id

_SIGNING = {"rsa-sha256": cognito.SigningAlgorithm.RSA_SHA256}


def construct_id(provider: SamlProvider) -> str:
    return provider_construct_id("SAML", provider.name)


def metadata(
    provider: SamlProvider, path: tuple[str | int, ...]
) -> cognito.UserPoolIdentityProviderSamlMetadata:
    source = provider.metadata
    if isinstance(source, SamlMetadataFile):
        try:
            document = source.read()
        except ValueError as exc:  # the file changed since validation
            raise ConfigError(
                [
                    Problem(
                        (*path, "metadata", "file"), str(exc), source.file, code="unreadable_file"
                    )
                ]
            ) from None
        return cognito.UserPoolIdentityProviderSamlMetadata.file(document)
    return cognito.UserPoolIdentityProviderSamlMetadata.url(source.url)


def build(context: ProviderContext, provider: SamlProvider) -> BuiltProvider:
    key = construct_id(provider)
    algorithm = provider.request_signing_algorithm
    idp = cognito.UserPoolIdentityProviderSaml(
        context.scope,
        key,
        user_pool=context.user_pool,
        name=provider.name,
        metadata=metadata(provider, context.path(provider)),
        identifiers=list(provider.identifiers) or None,
        idp_signout=provider.idp_signout,
        encrypted_responses=provider.encrypted_responses,
        request_signing_algorithm=_SIGNING[algorithm] if algorithm is not None else None,
        idp_initiated=provider.idp_initiated,
        attribute_mapping=context.attribute_mapping(provider),
    )
    return BuiltProvider(name=provider.name, construct_id=key, construct=idp)
