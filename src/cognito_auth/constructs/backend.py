"""``AuthBackend``: the whole authentication backend from one configuration."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from aws_cdk import Token
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_cognito_identitypool as identitypool
from aws_cdk import aws_iam as iam
from constructs import Construct
from pydantic import ValidationError

from cognito_auth.config import AuthConfig
from cognito_auth.config._base import Problem, problem
from cognito_auth.config.access import GROUP_PREFIX, AccessRule, principal_problems, rule_problems
from cognito_auth.config.admin import admin_actions
from cognito_auth.config.policies import plan
from cognito_auth.constructs._ids import pin
from cognito_auth.constructs.access import AccessPolicies
from cognito_auth.constructs.clients import WEB_CLIENT, build_clients, client_construct_id
from cognito_auth.constructs.groups import build_groups
from cognito_auth.constructs.identity_pool import (
    add_principal_tags,
    attach_roles,
    build_identity_pool,
)
from cognito_auth.constructs.trust import TrustValidation
from cognito_auth.constructs.user_pool import user_pool_props
from cognito_auth.errors import ConfigError


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

        self._clients = build_clients(self, validated, self._user_pool)
        for name, client in self._clients.items():
            pin(self, client_construct_id(name), self._cfn(client))

        self._identity_pool: identitypool.IIdentityPool | None = None
        self._identity_pool_cfn: cognito.CfnIdentityPool | None = None
        self._authenticated_role: iam.IRole | None = None
        self._unauthenticated_role: iam.IRole | None = None
        self._access = AccessPolicies(
            self,
            inheriting=[
                f"{GROUP_PREFIX}{group.name}"
                for group in validated.groups
                if group.inherit_authenticated_access
            ],
        )
        group_roles: dict[str, iam.IRole] = {}
        if validated.identity_pool:
            parts = build_identity_pool(
                self,
                validated,
                user_pool=self._user_pool,
                clients=self._clients,
                make_role=self._access.make_role,
            )
            pin(self, "IdentityPool", parts.cfn)
            self._identity_pool = parts.identity_pool
            self._identity_pool_cfn = parts.cfn
            self._authenticated_role = parts.authenticated_role
            self._unauthenticated_role = parts.unauthenticated_role
            group_roles.update(parts.group_roles)
            attach_roles(
                self,
                parts,
                user_pool=self._user_pool,
                clients=self._clients,
                config=validated,
                rules_client=WEB_CLIENT,
            )
            add_principal_tags(self, parts, user_pool=self._user_pool, config=validated)
            for principal, statements in validated.access_plan.statements.items():
                for statement in statements:
                    self._access.add_json(principal, statement)
        self._group_roles: Mapping[str, iam.IRole] = MappingProxyType(group_roles)
        self._groups = build_groups(self, validated, self._user_pool, group_roles)
        self.node.add_validation(
            TrustValidation(
                self,
                lambda: self._identity_pool_cfn.ref if self._identity_pool_cfn else None,
                self._access.problems,
            )
        )

    @staticmethod
    def _cfn(construct: Construct) -> Any:
        return construct.node.default_child

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

    # --- access -------------------------------------------------------------------------

    def role_for(self, principal: str) -> iam.IRole:
        """The role of ``authenticated``, ``guest`` or ``group:NAME``, e.g. to pass to
        ``bucket.grant_read(...)``. Grants on the authenticated role also reach the group
        roles that inherit the authenticated access.

        :raises ConfigError: for an unknown principal or group, ``guest`` without
            ``guest_access``, or a backend without an identity pool.
        """
        source = "AuthBackend.role_for()"
        found = [p.prefixed(("principal",)) for p in self._principal_problems(principal)]
        if found:
            raise ConfigError(found, source=source)
        role = self._access.role(principal)
        if role is None:  # pragma: no cover - every valid principal has a role
            raise ConfigError([problem("principal", "has no role", received=principal)])
        return role

    def grant_access(
        self,
        principals: str | Sequence[str],
        actions: str | Sequence[str],
        resources: str | Sequence[str],
    ) -> None:
        """Grant exact ``actions`` on ``resources`` to ``principals``: the Python form of
        an ``access`` rule, with the same checks and errors. Resources may be CDK tokens
        (``bucket.arn_for_objects("private/${identity}/*")``); ``${identity}`` becomes the
        caller's identity id. A grant to ``authenticated`` reaches inheriting groups.

        :raises ConfigError: listing every problem (wildcard or malformed actions, resources
            that are not ARNs, unknown principals, guests without guest access).
        """
        source = "AuthBackend.grant_access()"
        data = {"principals": principals, "actions": actions, "resources": resources}
        try:
            rule = AccessRule.model_validate(data, context={"is_unresolved": Token.is_unresolved})
        except ValidationError as exc:
            raise ConfigError.from_validation_error(exc, model=AccessRule, source=source) from None
        found = self._no_identity_pool("principals") or list(
            rule_problems(rule, self._config.access_context)
        )
        if found:
            raise ConfigError(found, source=source)
        for principal, statements in plan([rule], None, inheriting=()).statements.items():
            for statement in statements:
                self._access.add_json(principal, statement)

    def grant_admin(self, grantee: iam.IGrantable, actions: str | Sequence[str]) -> iam.Grant:
        """Let ``grantee`` (a function, a role) administer the user pool: coarse actions
        (``manage_users``, ``manage_groups``, ``manage_group_membership``,
        ``manage_user_devices``, ``manage_passwords``, ``manage_provider_links``) or single
        user pool API actions (``cognito-idp:AdminGetUser``), on this pool's ARN only.

        :raises ConfigError: for unknown or wildcard actions, or other services' actions.
        """
        requested = [actions] if isinstance(actions, str) else list(actions)
        exact, found = admin_actions(requested)
        if found:
            raise ConfigError(
                [p.prefixed(("actions",)) for p in found], source="AuthBackend.grant_admin()"
            )
        if not hasattr(grantee, "grant_principal"):
            raise TypeError(
                f"grant_admin needs an iam.IGrantable (a function, a role), got "
                f"{type(grantee).__name__}"
            )
        return iam.Grant.add_to_principal(
            grantee=grantee, actions=list(exact), resource_arns=[self._user_pool.user_pool_arn]
        )

    def _no_identity_pool(self, path: str) -> list[Problem]:
        if self._config.identity_pool:
            return []
        return [
            problem(
                path,
                "the backend has no identity pool, so no roles to grant to: identity_pool is false",
                received=False,
                allowed="identity_pool: true",
                hint="set identity_pool: true in the configuration",
            )
        ]

    def _principal_problems(self, principal: str) -> list[Problem]:
        if not isinstance(principal, str):
            return [
                problem(
                    "",
                    "not a principal",
                    received=repr(principal),
                    allowed="authenticated, guest or group:NAME",
                )
            ]
        missing = self._no_identity_pool("")
        if missing:
            return [Problem(p.path, p.message, principal, p.allowed, p.hint) for p in missing]
        return list(principal_problems(principal, self._config.access_context))
