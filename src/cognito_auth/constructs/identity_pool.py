"""The identity pool, its roles, and the token-based role mapping."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_cognito_identitypool as identitypool
from aws_cdk import aws_iam as iam
from constructs import Construct

from cognito_auth.config import AuthConfig

COGNITO_IDENTITY = "cognito-identity.amazonaws.com"


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


@dataclass
class IdentityPoolParts:
    cfn: cognito.CfnIdentityPool
    identity_pool: identitypool.IIdentityPool
    authenticated_role: iam.Role
    unauthenticated_role: iam.Role | None
    group_roles: dict[str, iam.Role] = field(default_factory=dict)


def identity_pool_name(config: AuthConfig) -> str | None:
    """Identity pool names allow letters, digits, spaces and ``_`` only."""
    if not config.name:
        return None
    return config.name.replace("-", "_") + "_identity_pool"


def build_identity_pool(
    scope: Construct,
    config: AuthConfig,
    *,
    user_pool: cognito.UserPool,
    clients: dict[str, cognito.UserPoolClient],
    login_providers: Mapping[str, str] | None = None,
) -> IdentityPoolParts:
    """Create the identity pool and the authenticated, guest and group roles.

    ``login_providers`` maps social providers' domains (``accounts.google.com``) to their
    app ids: tokens from those providers are then exchanged for credentials directly."""
    cfn = cognito.CfnIdentityPool(
        scope,
        "IdentityPool",
        allow_unauthenticated_identities=config.guest_access,
        allow_classic_flow=False,
        identity_pool_name=identity_pool_name(config),
        cognito_identity_providers=[
            cognito.CfnIdentityPool.CognitoIdentityProviderProperty(
                client_id=client.user_pool_client_id,
                provider_name=user_pool.user_pool_provider_name,
                server_side_token_check=True,
            )
            for client in clients.values()
        ],
        supported_login_providers=dict(login_providers) if login_providers else None,
    )
    pool_id = cfn.ref
    authenticated = iam.Role(
        scope,
        "AuthenticatedRole",
        assumed_by=cognito_identity_principal(pool_id, "authenticated"),
        description="Signed-in users of the identity pool (cognito-auth)",
    )
    unauthenticated = None
    if config.guest_access:
        unauthenticated = iam.Role(
            scope,
            "UnauthenticatedRole",
            assumed_by=cognito_identity_principal(pool_id, "unauthenticated"),
            description="Guests (unauthenticated identities) of the identity pool (cognito-auth)",
        )
    parts = IdentityPoolParts(
        cfn=cfn,
        identity_pool=identitypool.IdentityPool.from_identity_pool_id(
            scope, "IdentityPoolRef", pool_id
        ),
        authenticated_role=authenticated,
        unauthenticated_role=unauthenticated,
    )
    for group in config.groups:
        parts.group_roles[group.name] = iam.Role(
            scope,
            f"GroupRole{construct_key(group.name)}",
            assumed_by=cognito_identity_principal(pool_id, "authenticated"),
            description=f"Members of the user pool group {group.name[:900]} (cognito-auth)",
        )
    return parts


def attach_roles(
    scope: Construct,
    parts: IdentityPoolParts,
    *,
    user_pool: cognito.UserPool,
    clients: dict[str, cognito.UserPoolClient],
) -> cognito.CfnIdentityPoolRoleAttachment:
    """Roles by authentication state, and token-based mapping for each client so that
    a group's role (``cognito:preferred_role``) applies; a token without a role, or
    with roles that cannot be resolved, gets the authenticated role."""
    roles = {"authenticated": parts.authenticated_role.role_arn}
    if parts.unauthenticated_role is not None:
        roles["unauthenticated"] = parts.unauthenticated_role.role_arn
    mappings = {
        name: cognito.CfnIdentityPoolRoleAttachment.RoleMappingProperty(
            type="Token",
            ambiguous_role_resolution="AuthenticatedRole",
            identity_provider=f"{user_pool.user_pool_provider_name}:{client.user_pool_client_id}",
        )
        for name, client in clients.items()
    }
    return cognito.CfnIdentityPoolRoleAttachment(
        scope,
        "RoleAttachment",
        identity_pool_id=parts.cfn.ref,
        roles=roles,
        role_mappings=mappings,
    )


def construct_key(name: str) -> str:
    """A construct-id-safe, stable key for a user-given name (group, provider...)."""
    clean = "".join(ch for ch in name if ch.isalnum() and ch.isascii())[:40]
    if clean == name:
        return clean
    return f"{clean}{hashlib.sha256(name.encode()).hexdigest()[:6]}"
