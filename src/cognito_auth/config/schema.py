"""The JSON Schema of the configuration, for editor completion of ``auth.yaml``."""

from __future__ import annotations

from typing import Any

from cognito_auth.config._docs import describe
from cognito_auth.config.root import AuthConfig

SCHEMA_ID = "https://cognito-auth.dev/schema/auth-config.json"


def config_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of what :class:`AuthConfig` accepts as input."""
    schema = describe(AuthConfig.model_json_schema(mode="validation"), AuthConfig)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }
