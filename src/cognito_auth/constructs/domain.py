"""The hosted sign-in domain (a Cognito prefix domain or your own domain) and, with
managed login, the web client's login page style."""

from __future__ import annotations

from typing import Any

from aws_cdk import aws_cognito as cognito
from constructs import Construct

from cognito_auth.config.root import AuthConfig
from cognito_auth.naming import DOMAIN

_VERSION = {
    "classic_hosted_ui": cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    "managed_login": cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
}


def build_domain(
    scope: Construct, config: AuthConfig, user_pool: cognito.UserPool
) -> cognito.UserPoolDomain | None:
    """The domain, or ``None`` when none is configured."""
    external = config.external_providers
    if not external.has_domain:
        return None
    custom = external.custom_domain
    return cognito.UserPoolDomain(
        scope,
        DOMAIN,
        user_pool=user_pool,
        cognito_domain=(
            cognito.CognitoDomainOptions(domain_prefix=external.domain_prefix)
            if external.domain_prefix is not None
            else None
        ),
        custom_domain=(
            cognito.CustomDomainOptions(
                domain_name=custom.domain_name,
                certificate=_certificate(scope, custom.certificate_arn),
            )
            if custom is not None
            else None
        ),
        managed_login_version=_VERSION[external.managed_login_version],
    )


def _certificate(scope: Construct, arn: str) -> Any:
    from aws_cdk import aws_certificatemanager as acm

    return acm.Certificate.from_certificate_arn(scope, "DomainCertificate", arn)


def domain_url(config: AuthConfig, domain: cognito.UserPoolDomain) -> str:
    """``https://`` and the domain: the custom domain as written, or the prefix domain in
    the stack's region."""
    custom = config.external_providers.custom_domain
    if custom is not None:
        return f"https://{custom.domain_name}"
    return domain.base_url()


def build_branding(
    scope: Construct,
    config: AuthConfig,
    user_pool: cognito.UserPool,
    clients: dict[str, cognito.UserPoolClient],
) -> list[cognito.CfnManagedLoginBranding]:
    """Managed login shows a client's pages only once the client has a style: give each
    client that uses the hosted pages Cognito's default style (change it later in the
    branding editor)."""
    external = config.external_providers
    if external.managed_login_version != "managed_login":
        return []
    hosted = [
        client.name for client in config.user_clients if config.client_oauth(client) is not None
    ]
    return [
        cognito.CfnManagedLoginBranding(
            scope,
            f"{clients[name].node.id}Branding",
            user_pool_id=user_pool.user_pool_id,
            client_id=clients[name].user_pool_client_id,
            use_cognito_provided_values=True,
        )
        for name in hosted
    ]
