"""Client configuration for frontends (``amplify_outputs.json``), with no aws_cdk import."""

from cognito_auth.outputs.client_config import (
    DeployedIds,
    client_config,
    custom_auth,
    custom_section,
    static_auth,
)
from cognito_auth.outputs.schema import OUTPUTS_SCHEMA, OUTPUTS_VERSION

__all__ = [
    "OUTPUTS_SCHEMA",
    "OUTPUTS_VERSION",
    "DeployedIds",
    "client_config",
    "custom_auth",
    "custom_section",
    "static_auth",
]
