"""User pool groups."""

from __future__ import annotations

from collections.abc import Mapping

from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from constructs import Construct

from cognito_auth.config import AuthConfig
from cognito_auth.naming import group_construct_id


def build_groups(
    scope: Construct,
    config: AuthConfig,
    user_pool: cognito.UserPool,
    roles: Mapping[str, iam.IRole],
) -> dict[str, cognito.UserPoolGroup]:
    """One group per configured group, with its precedence and (with an identity pool)
    its IAM role, which the token names as ``cognito:preferred_role``."""
    return {
        group.name: cognito.UserPoolGroup(
            scope,
            group_construct_id(group.name),
            user_pool=user_pool,
            group_name=group.name,
            precedence=group.precedence,
            description=group.description,
            role=roles.get(group.name),
        )
        for group in config.groups
    }
