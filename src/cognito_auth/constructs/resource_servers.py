"""Resource servers of the user pool and their custom scopes."""

from __future__ import annotations

from aws_cdk import aws_cognito as cognito
from constructs import Construct

from cognito_auth.config import AuthConfig
from cognito_auth.naming import resource_server_construct_id


def build_resource_servers(
    scope: Construct, config: AuthConfig, user_pool: cognito.UserPool
) -> dict[str, cognito.UserPoolResourceServer]:
    """One resource server per configured one, by identifier."""
    return {
        server.identifier: cognito.UserPoolResourceServer(
            scope,
            resource_server_construct_id(server.identifier),
            user_pool=user_pool,
            identifier=server.identifier,
            user_pool_resource_server_name=server.name,
            scopes=[
                cognito.ResourceServerScope(
                    scope_name=item.name, scope_description=item.description
                )
                for item in server.scopes
            ],
        )
        for server in config.resource_servers
    }
