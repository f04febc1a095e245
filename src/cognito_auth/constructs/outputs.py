"""Stack outputs from which ``amplify_outputs.json`` can be rebuilt after deploy."""

from __future__ import annotations

import json
import re
from typing import Any

from aws_cdk import CfnOutput, Stack

from cognito_auth.config import AuthConfig
from cognito_auth.naming import client_output_name
from cognito_auth.outputs.assemble import chunk_key, split_client_config
from cognito_auth.outputs.client_config import DeployedIds, custom_auth, static_auth

_NON_ALNUM = re.compile(r"[^A-Za-z0-9]")


def output_key(stack_relative_path: list[str]) -> str:
    """``["Platform", "Auth"]`` -> ``PlatformAuth``: the prefix of a backend's outputs,
    stable and unique within its stack."""
    return "".join(_NON_ALNUM.sub("", part) for part in stack_relative_path) or "Auth"


def static_outputs(config: AuthConfig | None) -> dict[str, Any]:
    """The part of the client configuration that the configuration decides (nothing for
    an imported pool described by no configuration)."""
    if config is None:
        return {"auth": {}, "custom_auth": {}}
    return {"auth": static_auth(config), "custom_auth": custom_auth(config)}


def emit_outputs(
    stack: Stack, key: str, ids: DeployedIds, static: dict[str, Any]
) -> dict[str, CfnOutput]:
    """One output per deployed id, and the static client configuration as JSON, at the
    top level of the backend's ``stack``."""
    values: dict[str, tuple[str, str]] = {
        "Region": (ids.aws_region, "AWS region of the auth backend"),
        "UserPoolId": (ids.user_pool_id, "Cognito user pool id"),
        "UserPoolClientId": (ids.user_pool_client_id, "App client id of the web client"),
    }
    if ids.identity_pool_id is not None:
        values["IdentityPoolId"] = (ids.identity_pool_id, "Cognito identity pool id")
    if ids.oauth_domain is not None:
        values["OAuthDomain"] = (ids.oauth_domain, "Hosted sign-in domain (host name)")
    for name, client_id in ids.client_ids.items():
        values[client_output_name(name)] = (client_id, f"App client id of the {name} client")
    text = json.dumps(static, separators=(",", ":"), ensure_ascii=False)
    for index, chunk in enumerate(split_client_config(text)):
        values[chunk_key("", index)] = (
            chunk,
            "cognito-auth client configuration (JSON); cognito-auth outputs rebuilds "
            "amplify_outputs.json from these outputs",
        )
    # Outputs live at the stack's top level: an alphanumeric id there is its own logical
    # id, so ``<key><name>`` needs no override (each override is a call into jsii).
    return {
        name: CfnOutput(stack, f"{key}{name}", value=value, description=description)
        for name, (value, description) in values.items()
    }
