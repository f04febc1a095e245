"""``AuthBackend``: the whole authentication backend from one configuration."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import jsii
from aws_cdk import CfnOutput, Stack, Stage, Token
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_cognito_identitypool as identitypool
from aws_cdk import aws_iam as iam
from constructs import Construct, IConstruct, IValidation
from pydantic import ValidationError

from cognito_auth.config import AuthConfig
from cognito_auth.config.access import GROUP_PREFIX, AccessRule, principal_problems, rule_problems
from cognito_auth.config.policies import plan as access_plan
from cognito_auth.constructs._ids import pin, stack_and_path, stack_region
from cognito_auth.constructs.access import AccessPolicies
from cognito_auth.constructs.clients import build_clients
from cognito_auth.constructs.domain import build_branding, build_domain, domain_url
from cognito_auth.constructs.groups import build_groups
from cognito_auth.constructs.identity_pool import (
    PoolTokens,
    add_principal_tags,
    attach_roles,
    build_identity_pool,
    kept_group_roles,
)
from cognito_auth.constructs.nag import acknowledge_choices
from cognito_auth.constructs.operations import build_log_delivery, build_risk_configuration
from cognito_auth.constructs.outputs import emit_outputs, output_key, static_outputs
from cognito_auth.constructs.providers import build_providers
from cognito_auth.constructs.resource_servers import build_resource_servers
from cognito_auth.constructs.retention import apply_retention
from cognito_auth.constructs.reuse import AuthResources, ImportedAuth
from cognito_auth.constructs.triggers import SOURCE as TRIGGERS_SOURCE
from cognito_auth.constructs.triggers import attach_triggers, check_triggers, sender_key
from cognito_auth.constructs.trust import for_stack as trust_check
from cognito_auth.constructs.user_pool import user_pool_props
from cognito_auth.errors import ConfigError, Problem, problem
from cognito_auth.guard.check import (
    check_backend,
    check_missing,
    config_copy_path,
    needs_config_copy,
    under_cdk_cli,
    write_config_copy,
)
from cognito_auth.guard.lock import DEFAULT_LOCK_FILE
from cognito_auth.guard.plan import parse_accept
from cognito_auth.naming import IDENTITY_POOL, log_group_id, user_pool_construct_id
from cognito_auth.outputs.client_config import (
    DeployedIds,
    client_config,
    custom_auth,
    custom_section,
    oauth_domain,
)

# aws_lambda, aws_kms and aws_logs are imported only where they are used (the managed
# migration function, the custom senders' key, the auth event logs): see pyproject.toml.
if TYPE_CHECKING:
    from aws_cdk import aws_kms as kms
    from aws_cdk import aws_lambda as lambda_
    from aws_cdk import aws_logs as logs

LOCK_FILE_CONTEXT: Final = "cognito-auth:lockFile"
ACCEPT_CONTEXT: Final = "cognito-auth:accept"


class _FromContext:
    def __repr__(self) -> str:
        return "FROM_CONTEXT"


FROM_CONTEXT: Final[Any] = _FromContext()
"""``lock_file`` default: the context key ``cognito-auth:lockFile``, else ``auth.lock.json``."""


@dataclass(frozen=True)
class _Plan:
    """What the validation and the guard decided, before any CDK object exists."""

    config: AuthConfig
    functions: dict[str, lambda_.IFunction]
    custom_challenges: bool
    lock_path: Path | None
    stack: Stack
    relative: list[str]
    """The backend's stack-relative path (its id last)."""
    backend_path: str
    """The backend's construct path (the stack's path first): its key in the lock."""
    migration_region: str | None
    generation: int
    config_copy: Path | None
    """Where synthesis writes the configuration for ``cognito-auth lock --config`` when no
    file holds it (None: a file does, or the guard is off)."""


def _validate_and_guard(
    scope: Construct,
    id: str,
    *,
    config: AuthConfig | Mapping[str, Any],
    lock_file: Any,
    triggers: Mapping[str, lambda_.IFunction] | None,
    trigger_kms_key: kms.IKey | None,
) -> _Plan:
    """Validate, and compare with the lock, before any CDK object exists: a bad or refused
    configuration never leaves a half-built construct tree behind."""
    validated = AuthConfig.model_validate(config)
    functions = check_triggers(validated, triggers, trigger_kms_key)
    custom_challenges = "define_auth_challenge" in functions
    _check_custom_flows(validated, custom_challenges)
    lock_path = _lock_path(scope, lock_file)
    # Each read from a CDK object is a round trip to the jsii runtime: the stack, and
    # below the ids and names that several pieces need, are read once.
    stack, parent_path = stack_and_path(scope)
    relative = [*parent_path, id]
    migration_region: str | None = None
    if validated.migrate_users_from is not None:
        # aws_lambda is imported only by backends that migrate users
        from cognito_auth.constructs.migration import source_region

        migration_region = source_region(validated, stack_region(stack))
    backend_path = "/".join([stack.node.path, *relative])
    generation = 1
    config_copy = None
    if lock_path is not None:
        stage = Stage.of(scope)
        if stage is not None and needs_config_copy(validated):
            config_copy = config_copy_path(stage.outdir, backend_path)
        generation = check_backend(
            lock_path=lock_path,
            backend_path=backend_path,
            stack_relative_path=relative,
            config=validated,
            accept=_accepted(scope),
            notify=under_cdk_cli(),
            config_copy=config_copy,
        ).generation
    return _Plan(
        config=validated,
        functions=functions,
        custom_challenges=custom_challenges,
        lock_path=lock_path,
        stack=stack,
        relative=relative,
        backend_path=backend_path,
        migration_region=migration_region,
        generation=generation,
        config_copy=config_copy,
    )


class AuthBackend(AuthResources):
    """A Cognito user pool, its app client, groups, an identity pool and its roles, built
    from one validated :class:`~cognito_auth.AuthConfig`.

    :param scope: the parent construct (usually a ``Stack``).
    :param id: the construct id. It decides the logical ids of the user pool and the
        other stateful resources: renaming it later would create a new, empty pool.
    :param config: an ``AuthConfig``, or a mapping validated into one (a bad mapping
        raises :class:`~cognito_auth.ConfigError` listing every problem).
    :param lock_file: the lock file that records what the deployed backend can never
        change (written by ``cognito-auth lock`` after a deploy; synthesis only reads it,
        so your own unit and snapshot tests are refused against it and never write it).
        Default: the context key ``cognito-auth:lockFile``, else ``auth.lock.json`` in the
        working directory (beside ``cdk.json``). ``None`` turns the guard off.
    :param triggers: Lambda functions (any ``aws_lambda.IFunction``) by Cognito event:
        ``pre_sign_up``, ``post_confirmation``, ``pre_authentication``,
        ``post_authentication``, ``pre_token_generation`` (V1_0, ID tokens),
        ``pre_token_generation_v2`` (V2_0, access tokens too) or ``pre_token_generation_v3``
        (V3_0, machine clients' tokens too; both need the essentials or plus plan),
        ``custom_message``, ``user_migration``, ``define_auth_challenge``,
        ``create_auth_challenge``, ``verify_auth_challenge_response``,
        ``custom_email_sender``, ``custom_sms_sender``. Cognito may invoke each function
        from this pool only. With ``migrate_users_from`` in the configuration,
        ``user_migration`` is the managed function (and cannot be given here).
        Default: no triggers.
    :param trigger_kms_key: the KMS key Cognito encrypts codes with for the custom sender
        triggers (they may decrypt with it). Default: with a custom sender, a new key with
        yearly rotation, shared by both senders.
    :raises ConfigError: for a bad configuration, unknown trigger events, or triggers that
        do not fit it (all problems at once); nothing is built then.
    :raises ImmutableChangeError: when the configuration changes a locked choice that a
        deployed backend cannot take; nothing is built then.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        config: AuthConfig | Mapping[str, Any],
        lock_file: str | os.PathLike[str] | None = FROM_CONTEXT,
        triggers: Mapping[str, lambda_.IFunction] | None = None,
        trigger_kms_key: kms.IKey | None = None,
    ) -> None:
        # The build, in order. A new resource goes into the step of its subject; the order
        # of the steps is the order of the constructs in the tree (and in the template).
        # Every stateful resource takes its construct id from cognito_auth.naming, and
        # _pin_logical_ids is the one place that forces logical ids: what it pins, and the
        # names in naming.py, must never move (the lock records them).
        plan = _validate_and_guard(
            scope,
            id,
            config=config,
            lock_file=lock_file,
            triggers=triggers,
            trigger_kms_key=trigger_kms_key,
        )
        super().__init__(scope, id)
        self._config = plan.config
        if plan.lock_path is not None:
            _LockCheck.of(self, plan.lock_path).built.add(plan.backend_path)
        if plan.config_copy is not None:
            self.node.add_validation(_ConfigCopy(plan.config_copy, plan.config))
        self._build_user_pool(plan, trigger_kms_key)
        self._build_resource_servers()
        self._build_federation()
        self._build_clients(plan)
        self._build_operations()
        self._build_identity_pool_and_access()
        self._build_groups()
        self._pin_logical_ids(plan.relative)
        self._apply_retention_and_checks(plan.stack)
        self._emit_outputs(plan.stack, plan.relative)

    # --- the build steps, in order ----------------------------------------------------------

    def _build_user_pool(self, plan: _Plan, trigger_kms_key: kms.IKey | None) -> None:
        """The user pool and its triggers (with ``migrate_users_from``, the managed
        migration function first), and the custom senders' key."""
        config = self._config
        functions = plan.functions
        if plan.migration_region is not None:
            # aws_lambda is imported only by backends that migrate users
            from cognito_auth.constructs.migration import build_migration

            functions["user_migration"] = build_migration(self, config, plan.migration_region)
        self._sender_key = sender_key(self, config, functions, trigger_kms_key)
        self._user_pool = cognito.UserPool(
            self,
            user_pool_construct_id(plan.generation),
            **user_pool_props(
                self, config, custom_auth=plan.custom_challenges, sender_key=self._sender_key
            ),
        )
        attach_triggers(self._user_pool, functions, self._sender_key)
        self._triggers: Mapping[str, lambda_.IFunction] = MappingProxyType(functions)

    def _build_resource_servers(self) -> None:
        """The resource servers (the clients' custom scopes refer to them)."""
        self._resource_servers = build_resource_servers(self, self._config, self._user_pool)

    def _build_federation(self) -> None:
        """The external identity providers and the hosted sign-in domain."""
        self._providers = build_providers(self, self._config, self._user_pool)
        self._domain = build_domain(self, self._config, self._user_pool)

    def _build_clients(self, plan: _Plan) -> None:
        """The app clients, and the managed login branding of the domain's clients."""
        self._clients = build_clients(
            self,
            self._config,
            self._user_pool,
            self._providers,
            resource_servers=self._resource_servers,
            custom_auth=plan.custom_challenges,
        )
        build_branding(self, self._config, self._user_pool, self._clients)
        # each client's id (a token), read from the jsii runtime once
        self._client_ids = {
            name: client.user_pool_client_id for name, client in self._clients.items()
        }

    def _build_operations(self) -> None:
        """Threat protection (the risk configuration) and the auth event logs."""
        self._risk_configuration = build_risk_configuration(self, self._config, self._user_pool)
        self._log_delivery, self._log_groups = build_log_delivery(
            self, self._config, self._user_pool
        )

    def _build_identity_pool_and_access(self) -> None:
        """The identity pool, its roles and role mappings, and the access rules' policies
        (the access policies exist without an identity pool too: ``grant_access`` then
        refuses with a clear error)."""
        config = self._config
        self._identity_pool: identitypool.IIdentityPool | None = None
        self._identity_pool_cfn: cognito.CfnIdentityPool | None = None
        self._identity_pool_id: str | None = None
        self._authenticated_role: iam.IRole | None = None
        self._unauthenticated_role: iam.IRole | None = None
        self._access = AccessPolicies(
            self,
            inheriting=[f"{GROUP_PREFIX}{name}" for name in config.inheriting_groups],
        )
        group_roles: dict[str, iam.IRole] = {}
        if config.identity_pool:
            tokens = PoolTokens(
                provider_name=self._user_pool.user_pool_provider_name,
                client_ids={c.name: self._client_ids[c.name] for c in config.user_clients},
            )
            parts = build_identity_pool(
                self,
                config,
                tokens=tokens,
                make_role=self._access.make_role,
                login_providers=self._login_providers(),
            )
            self._identity_pool_id = parts.pool_id
            self._identity_pool_cfn = parts.cfn
            self._authenticated_role = parts.authenticated_role
            self._unauthenticated_role = parts.unauthenticated_role
            group_roles.update(parts.group_roles)
            attach_roles(self, parts, tokens=tokens, config=config)
            add_principal_tags(self, parts, tokens=tokens, config=config)
            for principal, statements in config.access_plan.statements.items():
                for statement in statements:
                    self._access.add_json(principal, statement)
        else:
            group_roles.update(kept_group_roles(self, config))
        self._group_roles: Mapping[str, iam.IRole] = MappingProxyType(group_roles)

    def _build_groups(self) -> None:
        """The user pool groups, each with its role from the identity pool."""
        self._groups = build_groups(self, self._config, self._user_pool, self._group_roles)

    def _pin_logical_ids(self, relative: list[str]) -> None:
        """The one place where logical ids are forced.

        The stateful L2 constructs (user pool, clients, resource servers, providers,
        domain, groups) are created directly under the backend with their names from
        :mod:`cognito_auth.naming`, so the CDK's own logical id already is the pinned one
        and nothing is overridden (each override costs calls into the jsii runtime;
        tests/guard/test_lock_logical_ids.py checks the lock's ids against the template).
        The L1 resources created under other construct paths are overridden here."""
        if self._identity_pool_cfn is not None:
            pin(relative, IDENTITY_POOL, self._identity_pool_cfn)
        for stream, group in self._log_groups.items():
            pin(relative, log_group_id(stream), group)

    def _apply_retention_and_checks(self, stack: Stack) -> None:
        """What production retains, the acknowledged cdk-nag choices, and the trust
        policies' check."""
        config = self._config
        apply_retention(
            config,
            state=[
                *([self._identity_pool_cfn] if self._identity_pool_cfn is not None else []),
                *self._groups.values(),
                *self._clients.values(),
                *(provider.construct for provider in self._providers),
                *self._resource_servers.values(),
            ],
            domain=self._domain,
        )
        acknowledge_choices(
            config, user_pool=self._user_pool, identity_pool=self._identity_pool_cfn
        )
        trust_check(stack).add(self.node, self._identity_pool_id, self._access.problems)

    def _emit_outputs(self, stack: Stack, relative: list[str]) -> None:
        """The deployed ids, and the stack outputs ``cognito-auth outputs`` reads."""
        config = self._config
        client_ids = self._client_ids
        default = config.default_client.name
        region = stack_region(stack)
        self._ids = DeployedIds(
            aws_region=region,
            user_pool_id=self._user_pool.user_pool_id,
            user_pool_client_id=client_ids[default],
            identity_pool_id=self._identity_pool_id,
            oauth_domain=oauth_domain(config, region),
            client_ids={name: value for name, value in client_ids.items() if name != default},
        )
        self._outputs = emit_outputs(stack, output_key(relative), self._ids, static_outputs(config))

    @staticmethod
    def check_app(app: IConstruct) -> None:
        """Refuse, as :class:`~cognito_auth.ImmutableChangeError`, a locked backend that
        the app no longer builds (a renamed or moved ``AuthBackend``, whose deploy would
        create a new, empty user pool). Call it once the app is built, before
        ``app.synth()``. Synthesis refuses the same, but there the refusal reaches Python
        through the jsii runtime as a ``RuntimeError`` carrying the same text."""
        _check_app(app)

    @classmethod
    def from_attributes(
        cls,
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
    ) -> ImportedAuth:
        """Reference an existing user pool (a pool you cannot recreate, or one deployed by
        another app): the same attributes and helpers as a built backend, no Cognito
        resource created. ``config`` may describe the existing pool so that
        ``client_config`` (and the stack outputs for ``cognito-auth outputs``) carry its
        settings; without it they carry the ids only. Bad ids or ARNs raise ConfigError."""
        return ImportedAuth(
            scope,
            id,
            user_pool_id=user_pool_id,
            user_pool_client_id=user_pool_client_id,
            identity_pool_id=identity_pool_id,
            authenticated_role_arn=authenticated_role_arn,
            unauthenticated_role_arn=unauthenticated_role_arn,
            group_role_arns=group_role_arns,
            config=config,
        )

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
        """The default app client: ``web``, or without it the first spa or native client
        (else the first server client) of ``clients``."""
        return self._clients[self._config.default_client.name]

    @property
    def clients(self) -> Mapping[str, cognito.UserPoolClient]:
        """Every app client, by name (``web`` is the default one)."""
        return MappingProxyType(self._clients)

    @property
    def resource_servers(self) -> Mapping[str, cognito.UserPoolResourceServer]:
        """The resource servers, by identifier."""
        return MappingProxyType(self._resource_servers)

    @property
    def triggers(self) -> Mapping[str, lambda_.IFunction]:
        """The Lambda triggers, by event name."""
        return self._triggers

    @property
    def custom_sender_key(self) -> kms.IKey | None:
        """The KMS key of the custom sender triggers (given or created); ``None`` without
        a custom sender."""
        return self._sender_key

    @property
    def log_groups(self) -> Mapping[str, logs.CfnLogGroup]:
        """The log groups that ``logs`` creates, by stream (``user_notification``,
        ``user_activity``); empty when no stream goes to CloudWatch."""
        return MappingProxyType(self._log_groups)

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
        if self._identity_pool is None and self._identity_pool_id is not None:
            # Created on first use: a reference (no resource), one jsii call fewer per
            # backend that never hands its identity pool to other constructs.
            self._identity_pool = identitypool.IdentityPool.from_identity_pool_id(
                self, "IdentityPoolRef", self._identity_pool_id
            )
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
    def client_config(self) -> dict[str, Any]:
        """The ``auth`` section of ``amplify_outputs.json`` (schema version 1.5), whose ids
        are CDK tokens: resolve it with ``Stack.of(auth).to_json_string(...)`` or write it
        after deploy with ``cognito-auth outputs``. What the schema cannot hold (custom
        attributes, OIDC/SAML provider names, other clients) is in
        :attr:`client_config_custom`, for the file's ``custom.auth``."""
        return client_config(self._config, self._ids)

    @property
    def client_config_custom(self) -> dict[str, Any]:
        """The ``custom.auth`` section of ``amplify_outputs.json``: custom attributes, and
        the other clients (kind, id, OAuth settings; never a secret)."""
        return custom_section(custom_auth(self._config), self._ids)

    @property
    def outputs(self) -> Mapping[str, CfnOutput]:
        """The stack outputs, by name (``UserPoolId``, ``ClientConfig``...); their logical
        ids are ``<key><name>``, the key derived from this backend's construct path."""
        return MappingProxyType(self._outputs)

    @property
    def group_roles(self) -> Mapping[str, iam.IRole]:
        """Each group's role, by group name: the backend's own (with an identity pool), or
        the existing role a group keeps with ``role_arn``, referenced as immutable (a
        grant to it adds no policy). A group with ``iam_role: false`` has none."""
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
            raise ConfigError(
                [problem("principal", "has no role", received=principal, code="no_role")]
            )
        return role

    def grant_access(
        self,
        principals: str | Sequence[str],
        actions: str | Sequence[str],
        resources: str | Sequence[str],
        *,
        s3_prefixes: str | Sequence[str] | None = None,
    ) -> None:
        """Grant exact ``actions`` on ``resources`` to ``principals``: the Python form of
        an ``access`` rule, with the same checks and errors (``s3_prefixes`` limits
        ``s3:ListBucket`` to key prefixes, as in a rule). Resources may be CDK tokens
        (``bucket.arn_for_objects("private/${identity}/*")``); ``${identity}`` becomes the
        caller's identity id. A grant to ``authenticated`` reaches inheriting groups.

        :raises ConfigError: listing every problem (wildcard or malformed actions, resources
            that are not ARNs, unknown principals, guests without guest access).
        """
        source = "AuthBackend.grant_access()"
        data: dict[str, Any] = {
            "principals": principals,
            "actions": actions,
            "resources": resources,
        }
        if s3_prefixes is not None:
            data["s3_prefixes"] = s3_prefixes
        try:
            rule = AccessRule.model_validate(data, context={"is_unresolved": Token.is_unresolved})
        except ValidationError as exc:
            raise ConfigError.from_validation_error(exc, model=AccessRule, source=source) from None
        found = self._no_identity_pool("principals") or list(
            rule_problems(rule, self._config.access_context)
        )
        if found:
            raise ConfigError(found, source=source)
        for principal, statements in access_plan([rule], None, inheriting=()).statements.items():
            for statement in statements:
                self._access.add_json(principal, statement)

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
                code="needs_identity_pool",
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
                    code="not_a_principal",
                )
            ]
        missing = self._no_identity_pool("")
        if missing:
            return [
                Problem(p.path, p.message, principal, p.allowed, p.hint, code=p.code)
                for p in missing
            ]
        return list(principal_problems(principal, self._config.access_context))


def _check_custom_flows(config: AuthConfig, custom_auth: bool) -> None:
    """A client that lists the ``custom`` flow needs the custom challenge triggers."""
    if custom_auth:
        return
    found = [
        problem(
            ("clients", index, "auth_flows", client.configured_flows.index("custom")),
            "the custom flow runs custom challenges, and no define_auth_challenge trigger is given",
            received="custom",
            allowed="custom together with the custom challenge triggers",
            hint="pass triggers={'define_auth_challenge': ..., 'create_auth_challenge': ..., "
            "'verify_auth_challenge_response': ...} to AuthBackend, or remove custom",
            code="custom_flow_without_trigger",
        )
        for index, client in enumerate(config.clients)
        if "custom" in client.configured_flows
    ]
    if found:
        raise ConfigError(found, source=TRIGGERS_SOURCE)


def _lock_path(scope: Construct, lock_file: Any) -> Path | None:
    if lock_file is None:
        return None
    if lock_file is FROM_CONTEXT:
        value = scope.node.try_get_context(LOCK_FILE_CONTEXT)
        if value in (False, "false", "none", "off", ""):
            return None
        lock_file = value or DEFAULT_LOCK_FILE
    return Path(lock_file)


def _accepted(scope: IConstruct) -> list[str]:
    return parse_accept(scope.node.try_get_context(ACCEPT_CONTEXT))


def _check_app(app: IConstruct) -> None:
    """Refuse, as :class:`~cognito_auth.ImmutableChangeError`, a locked backend that the
    app no longer builds (a renamed or moved ``AuthBackend``). Call it once the app is
    built, before ``app.synth()``: synthesis refuses the same, but an exception raised
    inside synthesis reaches Python as the jsii runtime's ``RuntimeError`` (with the same
    message), not as ``ImmutableChangeError``. Does nothing for an app without backends
    or with the guard off."""
    for child in app.node.root.node.children:
        if isinstance(child, _LockCheck):
            child.check()


@jsii.implements(IValidation)
class _ConfigCopy:
    """Writes, at synthesis, the configuration that no file holds into the cloud assembly,
    where the printed ``cognito-auth lock --config`` command reads it (guard/check.py)."""

    def __init__(self, path: Path, config: AuthConfig) -> None:
        self._path = path
        self._config = config

    def validate(self) -> list[str]:
        write_config_copy(self._path, self._config)
        return []


@jsii.implements(IValidation)
class _LockCheck(Construct):
    """One per app and lock file, under the app root: it knows which backends the app
    builds, and refuses a locked backend of a built stack that the app no longer builds
    (a renamed or moved AuthBackend). It never writes the lock."""

    def __init__(self, app: IConstruct, construct_id: str, lock_path: Path) -> None:
        super().__init__(app, construct_id)  # type: ignore[arg-type]
        self._app = app
        self._lock_path = lock_path
        self.built: set[str] = set()
        self.node.add_validation(self)

    @classmethod
    def of(cls, backend: AuthBackend, lock_path: Path) -> _LockCheck:
        app = backend.node.root
        digest = hashlib.sha256(str(lock_path.resolve()).encode()).hexdigest()[:8]
        found = app.node.try_find_child(f"CognitoAuthLock{digest}")
        if isinstance(found, _LockCheck):
            return found
        return cls(app, f"CognitoAuthLock{digest}", lock_path)

    def check(self) -> None:
        stacks = [c.node.path for c in self._app.node.find_all() if isinstance(c, Stack)]
        check_missing(
            self._lock_path, present=self.built, stacks=stacks, accept=_accepted(self._app)
        )

    def validate(self) -> list[str]:
        # Raised here, the refusal reaches the caller of synth() as jsii's RuntimeError
        # carrying its text (jsii sends only str(exc) back to JavaScript): check_app()
        # raises it as ImmutableChangeError before synthesis.
        self.check()
        return []
