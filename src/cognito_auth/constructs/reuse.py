"""Handing a backend to APIs and other stacks, and referencing an existing pool.

:class:`AuthResources` is what :class:`~cognito_auth.AuthBackend` and an imported
backend (:meth:`AuthBackend.from_attributes`) share: the same attributes and the
same helpers (authorizers for API Gateway REST and HTTP APIs and AppSync).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from aws_cdk import Stack, Token
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_cognito_identitypool as identitypool
from aws_cdk import aws_iam as iam
from constructs import Construct

from cognito_auth.config.principals import AUTHENTICATED, GUEST, PRINCIPALS_TEXT, Principal
from cognito_auth.constructs._ids import stack_and_path
from cognito_auth.errors import ConfigError, Problem

if TYPE_CHECKING:
    from aws_cdk import aws_apigateway as apigateway
    from aws_cdk import aws_apigatewayv2_authorizers as apigwv2_authorizers
    from aws_cdk import aws_appsync as appsync

    from cognito_auth.config import AuthConfig


class AuthResources(Construct):
    """The attributes and helpers every cognito-auth backend offers, built or imported."""

    # --- attributes (subclasses provide them) -----------------------------------------------

    @property
    def user_pool(self) -> cognito.IUserPool:
        raise NotImplementedError

    @property
    def user_pool_client(self) -> cognito.IUserPoolClient:
        raise NotImplementedError

    @property
    def clients(self) -> Mapping[str, cognito.IUserPoolClient]:
        raise NotImplementedError

    @property
    def identity_pool(self) -> identitypool.IIdentityPool | None:
        raise NotImplementedError

    @property
    def authenticated_role(self) -> iam.IRole | None:
        raise NotImplementedError

    @property
    def unauthenticated_role(self) -> iam.IRole | None:
        raise NotImplementedError

    @property
    def group_roles(self) -> Mapping[str, iam.IRole]:
        raise NotImplementedError

    # --- roles and administration ---------------------------------------------------------

    def role_for(self, principal: str) -> iam.IRole:
        """The role of ``authenticated``, ``guest`` or ``group:NAME`` (for
        ``bucket.grant_read(auth.role_for("authenticated"))``...).

        :raises ConfigError: for an unknown principal, or one this backend has no role for.
        """
        role: iam.IRole | None = None
        parsed = Principal.parse(principal)
        if parsed is None:
            raise ConfigError(
                [
                    Problem(
                        ("principal",),
                        "not a principal",
                        principal,
                        PRINCIPALS_TEXT,
                        code="not_a_principal",
                    )
                ],
                source=f"{type(self).__name__}.role_for()",
            )
        if parsed.kind == "authenticated":
            role = self.authenticated_role
        elif parsed.kind == "guest":
            role = self.unauthenticated_role
        else:
            role = self.group_roles.get(parsed.group)
        if role is None:
            known = ", ".join(
                [
                    *([AUTHENTICATED] if self.authenticated_role is not None else []),
                    *([GUEST] if self.unauthenticated_role is not None else []),
                    *(str(Principal.of_group(name)) for name in sorted(self.group_roles)),
                ]
            )
            raise ConfigError(
                [
                    Problem(
                        ("principal",),
                        "this backend has no role for it",
                        principal,
                        known or "none: the backend has no identity pool roles",
                        "pass the role's ARN to from_attributes",
                        code="no_role",
                    )
                ],
                source=f"{type(self).__name__}.role_for()",
            )
        return role

    def grant_admin(self, grantee: iam.IGrantable, actions: str | Sequence[str]) -> iam.Grant:
        """Let ``grantee`` (a function, a role) administer the user pool: coarse actions
        (``manage_users``, ``manage_groups``, ``manage_group_membership``,
        ``manage_user_devices``, ``manage_passwords``, ``manage_provider_links``) or single
        user pool API actions (``cognito-idp:AdminGetUser``), on this pool's ARN only.

        :raises ConfigError: for unknown or wildcard actions, or other services' actions.
        """
        from cognito_auth.config.admin import admin_actions

        requested = [actions] if isinstance(actions, str) else list(actions)
        exact, found = admin_actions(requested)
        if found:
            raise ConfigError(
                [p.prefixed(("actions",)) for p in found],
                source=f"{type(self).__name__}.grant_admin()",
            )
        if not hasattr(grantee, "grant_principal"):
            raise TypeError(
                f"grant_admin needs an iam.IGrantable (a function, a role), got "
                f"{type(grantee).__name__}"
            )
        return iam.Grant.add_to_principal(
            grantee=grantee, actions=list(exact), resource_arns=[self.user_pool.user_pool_arn]
        )

    # --- API authorizers --------------------------------------------------------------------

    def rest_api_authorizer(
        self, scope: Construct, id: str, **options: Any
    ) -> apigateway.CognitoUserPoolsAuthorizer:
        """A Cognito user pools authorizer for an API Gateway REST API: requests carry an
        ID token of this pool in the ``Authorization`` header. ``options`` are those of
        ``CognitoUserPoolsAuthorizer`` (``authorizer_name``, ``identity_source``,
        ``results_cache_ttl``)."""
        from aws_cdk import aws_apigateway as apigateway

        return apigateway.CognitoUserPoolsAuthorizer(
            scope, id, cognito_user_pools=[self.user_pool], **options
        )

    def http_api_authorizer(
        self, id: str, *, clients: Sequence[str] | None = None, **options: Any
    ) -> apigwv2_authorizers.HttpUserPoolAuthorizer:
        """A JWT authorizer for an API Gateway HTTP API that accepts access tokens issued to
        this pool's clients: all of them, or the ones named in ``clients`` (a machine
        client's tokens need its own id in the audience). ``options`` are those of
        ``HttpUserPoolAuthorizer`` (``authorizer_name``, ``identity_source``)."""
        available = dict(self.clients)
        names = list(available) if clients is None else list(clients)
        unknown = [name for name in names if name not in available]
        if unknown or not names:
            raise ConfigError(
                [
                    Problem(
                        ("clients",),
                        "names no client of this backend" if unknown else "names no client",
                        unknown or names,
                        ", ".join(sorted(available)),
                        "name clients from auth.clients, or leave clients out to accept all",
                        code="unknown_client",
                    )
                ]
            )
        from aws_cdk import aws_apigatewayv2_authorizers as apigwv2_authorizers

        return apigwv2_authorizers.HttpUserPoolAuthorizer(
            id,
            self.user_pool,
            user_pool_clients=[available[name] for name in names],
            user_pool_region=_region_of_pool(self.user_pool, self),
            **options,
        )

    def appsync_authorization(
        self,
        mode: Literal["user_pool", "iam"] = "user_pool",
        *,
        default_action: appsync.UserPoolDefaultAction | None = None,
        app_id_client_regex: str | None = None,
    ) -> appsync.AuthorizationMode:
        """An AppSync authorization mode: ``user_pool`` (tokens of this pool; default
        action ALLOW) or ``iam`` (callers sign with the identity pool's credentials; grant
        them with ``api.grant_query(auth.authenticated_role)``...)."""
        from aws_cdk import aws_appsync as appsync

        if mode == "iam":
            return appsync.AuthorizationMode(authorization_type=appsync.AuthorizationType.IAM)
        if mode != "user_pool":
            raise ConfigError(
                [
                    Problem(
                        ("mode",),
                        "is not an AppSync authorization mode of this backend",
                        mode,
                        "user_pool, iam",
                        code="unknown_authorization_mode",
                    )
                ]
            )
        return appsync.AuthorizationMode(
            authorization_type=appsync.AuthorizationType.USER_POOL,
            user_pool_config=appsync.UserPoolConfig(
                user_pool=self.user_pool,
                default_action=default_action,
                app_id_client_regex=app_id_client_regex,
            ),
        )


def _region_of_pool(pool: cognito.IUserPool, scope: Construct) -> str:
    """The pool's region: from a literal pool id (``eu-west-1_AbC``), else the stack's."""
    pool_id = pool.user_pool_id
    if not Token.is_unresolved(pool_id) and "_" in pool_id:
        return pool_id.split("_", 1)[0]
    return Stack.of(scope).region


_POOL_ID = re.compile(r"^[\w-]+_[0-9a-zA-Z]+$")
_IDENTITY_POOL_ID = re.compile(r"^[\w-]+:[0-9a-f-]+$")
_ROLE_ARN = re.compile(r"^arn:aws[\w-]*:iam::\d{12}:role/[\w+=,.@/-]+$")


class ImportedAuth(AuthResources):
    """An existing user pool (and identity pool, roles) referenced by id: the same
    attributes and helpers as an ``AuthBackend``, and no Cognito resources created.
    Build it with :meth:`cognito_auth.AuthBackend.from_attributes`."""

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        user_pool_id: str,
        user_pool_client_id: str,
        identity_pool_id: str | None = None,
        authenticated_role_arn: str | None = None,
        unauthenticated_role_arn: str | None = None,
        group_role_arns: Mapping[str, str] | None = None,
        config: AuthConfig | Mapping[str, Any] | None = None,
    ) -> None:
        _check_attributes(
            user_pool_id=user_pool_id,
            identity_pool_id=identity_pool_id,
            role_arns={
                "authenticated_role_arn": authenticated_role_arn,
                "unauthenticated_role_arn": unauthenticated_role_arn,
                **{f"group_role_arns.{k}": v for k, v in (group_role_arns or {}).items()},
            },
        )
        from cognito_auth.config import AuthConfig
        from cognito_auth.constructs.outputs import emit_outputs, output_key, static_outputs
        from cognito_auth.outputs.client_config import DeployedIds

        described = AuthConfig.model_validate(config) if config is not None else None
        super().__init__(scope, id)
        self._config = described
        self._user_pool = cognito.UserPool.from_user_pool_id(self, "UserPool", user_pool_id)
        client = cognito.UserPoolClient.from_user_pool_client_id(
            self, "WebClient", user_pool_client_id
        )
        self._clients: dict[str, cognito.IUserPoolClient] = {"web": client}
        self._identity_pool = (
            identitypool.IdentityPool.from_identity_pool_id(self, "IdentityPool", identity_pool_id)
            if identity_pool_id is not None
            else None
        )

        def role(name: str, arn: str | None) -> iam.IRole | None:
            return None if arn is None else iam.Role.from_role_arn(self, name, arn)

        self._authenticated_role = role("AuthenticatedRole", authenticated_role_arn)
        self._unauthenticated_role = role("UnauthenticatedRole", unauthenticated_role_arn)
        self._group_roles: dict[str, iam.IRole] = {
            name: iam.Role.from_role_arn(self, f"GroupRole{index}", arn)
            for index, (name, arn) in enumerate(sorted((group_role_arns or {}).items()))
        }
        self._ids = DeployedIds(
            aws_region=_region_of_pool(self._user_pool, self),
            user_pool_id=user_pool_id,
            user_pool_client_id=user_pool_client_id,
            identity_pool_id=identity_pool_id,
        )
        stack, path = stack_and_path(self)
        emit_outputs(stack, output_key(path), self._ids, static_outputs(described))

    @property
    def user_pool(self) -> cognito.IUserPool:
        return self._user_pool

    @property
    def user_pool_client(self) -> cognito.IUserPoolClient:
        return self._clients["web"]

    @property
    def clients(self) -> Mapping[str, cognito.IUserPoolClient]:
        return MappingProxyType(self._clients)

    @property
    def identity_pool(self) -> identitypool.IIdentityPool | None:
        return self._identity_pool

    @property
    def authenticated_role(self) -> iam.IRole | None:
        return self._authenticated_role

    @property
    def unauthenticated_role(self) -> iam.IRole | None:
        return self._unauthenticated_role

    @property
    def group_roles(self) -> Mapping[str, iam.IRole]:
        return MappingProxyType(self._group_roles)

    @property
    def client_config(self) -> dict[str, Any]:
        """The ``auth`` section of ``amplify_outputs.json``: the ids, plus everything
        derived from ``config`` when it was given to describe the existing pool."""
        from cognito_auth.outputs.client_config import auth_section, client_config

        if self._config is None:
            return auth_section({}, self._ids)
        return client_config(self._config, self._ids)

    @property
    def client_config_custom(self) -> dict[str, Any]:
        from cognito_auth.outputs.client_config import custom_auth

        return {} if self._config is None else custom_auth(self._config)


def _check_attributes(
    *,
    user_pool_id: str,
    identity_pool_id: str | None,
    role_arns: Mapping[str, str | None],
) -> None:
    problems: list[Problem] = []

    def check(path: str, value: str | None, pattern: re.Pattern[str], allowed: str) -> None:
        if value is None or Token.is_unresolved(value) or pattern.fullmatch(value):
            return
        problems.append(Problem((path,), "is not valid", value, allowed, code="invalid_value"))

    check("user_pool_id", user_pool_id, _POOL_ID, "REGION_ID, e.g. eu-west-1_AbCdEf123")
    check(
        "identity_pool_id",
        identity_pool_id,
        _IDENTITY_POOL_ID,
        "REGION:GUID, e.g. eu-west-1:0b7e5c6a-4d3f-4e2a-9b1c-8d7e6f5a4b3c",
    )
    for name, arn in role_arns.items():
        check(name, arn, _ROLE_ARN, "an IAM role ARN, e.g. arn:aws:iam::123456789012:role/name")
    if problems:
        raise ConfigError(problems)
