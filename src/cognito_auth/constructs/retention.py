"""What a stack deletion (or a replacement) keeps: the profile's removal policies.

The production profile retains every resource that holds what the configuration
cannot recreate: the user pool (users, passwords), the identity pool (every user's
identity id, which apps key files and rows by), the groups (memberships), the app
clients (client ids and secrets configured in apps, and every refresh token), the
identity providers and the resource servers (a retained pool's clients keep signing
users in through them and keep their scopes). A retained pool can then be taken over
again with ``cognito-auth adopt`` and ``cdk import``, which needs a ``DeletionPolicy``
on each imported resource.

The domain, the roles, the role attachment and the principal tags are deleted in both
profiles: the configuration recreates them exactly, and a retained domain would keep
its prefix (unique in the region) or custom domain bound to the old pool, so that
deploying the same configuration again fails. A retained role would keep handing out
credentials for an identity pool that no stack manages any more.

The development profile deletes everything with the stack. Every policy is written
explicitly, so that each of these resources carries a ``DeletionPolicy`` in both
profiles.
"""

from __future__ import annotations

from collections.abc import Iterable

from aws_cdk import CfnResource, IResource, RemovalPolicy
from aws_cdk import aws_cognito as cognito

from cognito_auth.config import AuthConfig


def state_policy(config: AuthConfig) -> RemovalPolicy:
    """Retain in production, destroy in development (the user pool's own policy)."""
    return RemovalPolicy.RETAIN if config.profile == "production" else RemovalPolicy.DESTROY


def apply_retention(
    config: AuthConfig,
    *,
    state: Iterable[IResource | CfnResource],
    domain: cognito.UserPoolDomain | None,
) -> None:
    """Give each stateful resource of ``state`` the profile's policy (deletion and
    replacement), and the domain an explicit ``Delete``."""
    policy = state_policy(config)
    for resource in state:
        resource.apply_removal_policy(policy)
    if domain is not None:
        domain.apply_removal_policy(RemovalPolicy.DESTROY)
