"""``AuthBackend``: the whole authentication backend from one configuration."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_cognito_identitypool as identitypool
from aws_cdk import aws_iam as iam
from constructs import Construct

from cognito_auth.config import AuthConfig
from cognito_auth.constructs._ids import pin
from cognito_auth.constructs.clients import WEB_CLIENT, build_clients, client_construct_id
from cognito_auth.constructs.domain import DOMAIN_ID, build_branding, build_domain, domain_url
from cognito_auth.constructs.groups import build_groups
from cognito_auth.constructs.identity_pool import attach_roles, build_identity_pool
from cognito_auth.constructs.providers import build_providers
from cognito_auth.constructs.user_pool import user_pool_props


class AuthBackend(Construct):
    """A Cognito user pool, its app client, groups, an identity pool and its roles, built
    from one validated :class:`~cognito_auth.AuthConfig`.

    :param scope: the parent construct (usually a ``Stack``).
    :param id: the construct id. It decides the logical ids of the user pool and the
        other stateful resources: renaming it later would create a new, empty pool.
    :param config: an ``AuthConfig``, or a mapping validated into one (a bad mapping
        raises :class:`~cognito_auth.ConfigError` listing every problem).
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        config: AuthConfig | Mapping[str, Any],
    ) -> None:
        # Validate before any CDK object exists, so a bad configuration never leaves a
        # half-built construct tree behind.
        validated = AuthConfig.model_validate(config)
        super().__init__(scope, id)
        self._config = validated

        self._user_pool = cognito.UserPool(self, "UserPool", **user_pool_props(self, validated))
        pin(self, "UserPool", self._cfn(self._user_pool))

        self._providers = build_providers(self, validated, self._user_pool)
        for provider in self._providers:
            pin(self, provider.construct_id, provider.cfn)

        self._domain = build_domain(self, validated, self._user_pool)
        if self._domain is not None:
            pin(self, DOMAIN_ID, self._cfn(self._domain))

        self._clients = build_clients(self, validated, self._user_pool, self._providers)
        for name, client in self._clients.items():
            pin(self, client_construct_id(name), self._cfn(client))
        build_branding(self, validated, self._user_pool, self._clients)

        self._identity_pool: identitypool.IIdentityPool | None = None
        self._authenticated_role: iam.IRole | None = None
        self._unauthenticated_role: iam.IRole | None = None
        group_roles: dict[str, iam.IRole] = {}
        if validated.identity_pool:
            parts = build_identity_pool(
                self,
                validated,
                user_pool=self._user_pool,
                clients=self._clients,
                login_providers=self._login_providers(),
            )
            pin(self, "IdentityPool", parts.cfn)
            self._identity_pool = parts.identity_pool
            self._authenticated_role = parts.authenticated_role
            self._unauthenticated_role = parts.unauthenticated_role
            group_roles.update(parts.group_roles)
            attach_roles(self, parts, user_pool=self._user_pool, clients=self._clients)
        self._group_roles: Mapping[str, iam.IRole] = MappingProxyType(group_roles)
        self._groups = build_groups(self, validated, self._user_pool, group_roles)

    @staticmethod
    def _cfn(construct: Construct) -> Any:
        return construct.node.default_child

    def _login_providers(self) -> dict[str, str]:
        """Social providers' app ids for the identity pool (``identity_pool_federation``)."""
        if not self._config.external_providers.identity_pool_federation:
            return {}
        return {
            p.login_provider: p.app_id
            for p in self._providers
            if p.login_provider is not None and p.app_id is not None
        }

    # --- the public attributes (a contract: see DESIGN.md) ---------------------------------

    @property
    def config(self) -> AuthConfig:
        """The validated configuration this backend was built from."""
        return self._config

    @property
    def user_pool(self) -> cognito.UserPool:
        """The Cognito user pool."""
        return self._user_pool

    @property
    def user_pool_client(self) -> cognito.UserPoolClient:
        """The default (``web``) app client."""
        return self._clients[WEB_CLIENT]

    @property
    def clients(self) -> Mapping[str, cognito.UserPoolClient]:
        """Every app client, by name (``web`` is the default one)."""
        return MappingProxyType(self._clients)

    @property
    def groups(self) -> Mapping[str, cognito.UserPoolGroup]:
        """The user pool groups, by name."""
        return MappingProxyType(self._groups)

    @property
    def identity_providers(self) -> Mapping[str, cognito.IUserPoolIdentityProvider]:
        """The identity providers, by provider name (``Google``, ``Okta``...)."""
        return MappingProxyType({p.name: p.construct for p in self._providers})

    @property
    def domain(self) -> cognito.UserPoolDomain | None:
        """The hosted sign-in domain; ``None`` when none is configured."""
        return self._domain

    @property
    def domain_url(self) -> str | None:
        """The domain's ``https://`` URL (the custom domain, or
        ``https://PREFIX.auth.REGION.amazoncognito.com``); ``None`` without a domain."""
        if self._domain is None:
            return None
        return domain_url(self._config, self._domain)

    @property
    def identity_pool(self) -> identitypool.IIdentityPool | None:
        """The identity pool; ``None`` with ``identity_pool: false``."""
        return self._identity_pool

    @property
    def authenticated_role(self) -> iam.IRole | None:
        """The role of signed-in users; ``None`` without an identity pool."""
        return self._authenticated_role

    @property
    def unauthenticated_role(self) -> iam.IRole | None:
        """The role of guests; ``None`` unless ``guest_access`` is on."""
        return self._unauthenticated_role

    @property
    def group_roles(self) -> Mapping[str, iam.IRole]:
        """Each group's role, by group name (empty without an identity pool)."""
        return self._group_roles
