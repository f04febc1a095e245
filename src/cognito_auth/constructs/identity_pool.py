"""The identity pool, its roles, the role mapping (token or rules) and principal tags."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from constructs import Construct

from cognito_auth.config import AuthConfig
from cognito_auth.config.access import AUTHENTICATED, GROUP_PREFIX, GUEST
from cognito_auth.config.principals import Principal
from cognito_auth.config.role_mapping import RoleMappingRule
from cognito_auth.constructs.trust import COGNITO_IDENTITY
from cognito_auth.naming import IDENTITY_POOL, construct_key, identity_pool_name

MakeRole = Callable[..., iam.Role]
"""``make_role(id, principal, **role_props)``: how the backend creates its roles."""


def cognito_identity_principal(
    identity_pool_id: str, amr: str, *, session_tags: bool = False
) -> iam.IPrincipal:
    """Trust for identities of this identity pool only (``aud``), with the given
    authentication state (``amr``: ``authenticated`` or ``unauthenticated``)."""
    principal: iam.IPrincipal = iam.FederatedPrincipal(
        COGNITO_IDENTITY,
        {
            "StringEquals": {f"{COGNITO_IDENTITY}:aud": identity_pool_id},
            "ForAnyValue:StringLike": {f"{COGNITO_IDENTITY}:amr": amr},
        },
        "sts:AssumeRoleWithWebIdentity",
    )
    if session_tags:
        principal = iam.SessionTagsPrincipal(principal)
    return principal


@dataclass(frozen=True)
class PoolTokens:
    """The user pool's provider name and its user clients' ids, each read from the jsii
    runtime once (every read is a round trip) and shared by the pieces that need them."""

    provider_name: str
    client_ids: Mapping[str, str]


@dataclass
class IdentityPoolParts:
    cfn: cognito.CfnIdentityPool
    pool_id: str
    """``cfn.ref``, read once."""
    authenticated_role: iam.Role
    unauthenticated_role: iam.Role | None
    group_roles: dict[str, iam.IRole] = field(default_factory=dict)


def build_identity_pool(
    scope: Construct,
    config: AuthConfig,
    *,
    tokens: PoolTokens,
    make_role: MakeRole | None = None,
    login_providers: Mapping[str, str] | None = None,
) -> IdentityPoolParts:
    """Create the identity pool and the authenticated, guest and group roles. With
    ``principal_tags``, every role's trust also allows ``sts:TagSession``.

    ``login_providers`` maps social providers' domains (``accounts.google.com``) to their
    app ids: tokens from those providers are then exchanged for credentials directly."""
    cfn = cognito.CfnIdentityPool(
        scope,
        IDENTITY_POOL,
        allow_unauthenticated_identities=config.guest_access,
        allow_classic_flow=False,
        identity_pool_name=identity_pool_name(config.name),
        cognito_identity_providers=[
            cognito.CfnIdentityPool.CognitoIdentityProviderProperty(
                client_id=client_id,
                provider_name=tokens.provider_name,
                server_side_token_check=True,
            )
            for client_id in tokens.client_ids.values()
        ],
        supported_login_providers=dict(login_providers) if login_providers else None,
    )
    pool_id = cfn.ref
    tags = bool(config.principal_tags)

    def role(id: str, principal: str, **props: Any) -> iam.Role:
        if make_role is None:
            return iam.Role(scope, id, **props)
        return make_role(id, principal, **props)

    authenticated = role(
        "AuthenticatedRole",
        AUTHENTICATED,
        assumed_by=cognito_identity_principal(pool_id, "authenticated", session_tags=tags),
        description="Signed-in users of the identity pool (cognito-auth)",
    )
    unauthenticated = None
    if config.guest_access:
        unauthenticated = role(
            "UnauthenticatedRole",
            GUEST,
            assumed_by=cognito_identity_principal(pool_id, "unauthenticated", session_tags=tags),
            description="Guests (unauthenticated identities) of the identity pool (cognito-auth)",
        )
    parts = IdentityPoolParts(
        cfn=cfn,
        pool_id=pool_id,
        authenticated_role=authenticated,
        unauthenticated_role=unauthenticated,
    )
    parts.group_roles.update(kept_group_roles(scope, config))
    for group in config.groups:
        if group.role_arn is not None or not group.iam_role:
            continue
        parts.group_roles[group.name] = role(
            f"GroupRole{construct_key(group.name)}",
            f"{GROUP_PREFIX}{group.name}",
            assumed_by=cognito_identity_principal(pool_id, "authenticated", session_tags=tags),
            description=(
                f"Members of the user pool group {describe_name(group.name)} (cognito-auth)"
            ),
        )
    return parts


def kept_group_roles(scope: Construct, config: AuthConfig) -> dict[str, iam.IRole]:
    """The existing roles that groups keep (``role_arn``), referenced as they are: the
    backend adds no policy to them and does not change their trust."""
    return {
        group.name: iam.Role.from_role_arn(
            scope, f"GroupRole{construct_key(group.name)}", group.role_arn, mutable=False
        )
        for group in config.groups
        if group.role_arn is not None
    }


def attach_roles(
    scope: Construct,
    parts: IdentityPoolParts,
    *,
    tokens: PoolTokens,
    config: AuthConfig | None = None,
) -> cognito.CfnIdentityPoolRoleAttachment:
    """Roles by authentication state, and a role mapping for each client users sign in
    through. Token-based by default, so that a group's role (``cognito:preferred_role``)
    applies; a token without a role, or with roles that cannot be resolved, gets the
    authenticated role. With ``role_mapping_rules``, every client's mapping is rule-based
    instead."""
    roles = {"authenticated": parts.authenticated_role.role_arn}
    if parts.unauthenticated_role is not None:
        roles["unauthenticated"] = parts.unauthenticated_role.role_arn
    rules = config.role_mapping_rules if config is not None else ()
    mappings = {
        construct_key(name): cognito.CfnIdentityPoolRoleAttachment.RoleMappingProperty(
            type="Rules" if rules else "Token",
            ambiguous_role_resolution="AuthenticatedRole",
            identity_provider=f"{tokens.provider_name}:{client_id}",
            rules_configuration=_rules_configuration(parts, rules) if rules else None,
        )
        for name, client_id in tokens.client_ids.items()
    }
    return cognito.CfnIdentityPoolRoleAttachment(
        scope,
        "RoleAttachment",
        identity_pool_id=parts.pool_id,
        roles=roles,
        role_mappings=mappings,
    )


def _rules_configuration(
    parts: IdentityPoolParts, rules: tuple[RoleMappingRule, ...]
) -> cognito.CfnIdentityPoolRoleAttachment.RulesConfigurationTypeProperty:
    def arn(role: str) -> str:
        parsed = Principal.parse(role)
        if parsed is not None and parsed.kind == "group":
            return parts.group_roles[parsed.group].role_arn
        return parts.authenticated_role.role_arn

    return cognito.CfnIdentityPoolRoleAttachment.RulesConfigurationTypeProperty(
        rules=[
            cognito.CfnIdentityPoolRoleAttachment.MappingRuleProperty(
                claim=rule.claim,
                match_type=rule.match_type,
                value=rule.value,
                role_arn=arn(rule.role),
            )
            for rule in rules
        ]
    )


def add_principal_tags(
    scope: Construct, parts: IdentityPoolParts, *, tokens: PoolTokens, config: AuthConfig
) -> cognito.CfnIdentityPoolPrincipalTag | None:
    """Session tags from token claims for users of the user pool (``principal_tags``)."""
    if not config.principal_tags:
        return None
    return cognito.CfnIdentityPoolPrincipalTag(
        scope,
        "PrincipalTags",
        identity_pool_id=parts.pool_id,
        identity_provider_name=tokens.provider_name,
        principal_tags=dict(config.principal_tags),
        use_defaults=False,
    )


def describe_name(name: str, limit: int = 600) -> str:
    """``name`` for an IAM description, which allows Latin-1 text only: other characters
    are written as escapes (``管`` -> ``\\u7ba1``)."""
    text = "".join(
        ch if ch in "\t\n\r" or " " <= ch <= "~" or "\xa1" <= ch <= "\xff" else ascii(ch)[1:-1]
        for ch in name
    )
    return text[:limit]
