"""Rebuilding ``amplify_outputs.json`` from a deployed stack's outputs.

The construct writes, per backend, outputs named ``<Key>Region``,
``<Key>UserPoolId``, ``<Key>UserPoolClientId``, ``<Key>IdentityPoolId``,
``<Key>OAuthDomain``, ``<Key>AppClient<Name>Id`` for each client other than the
default one, and ``<Key>ClientConfig`` (JSON, split into ``<Key>ClientConfig2``...
when long), where ``<Key>`` derives from the backend's construct path. This module
turns them back into the file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from cognito_auth.naming import client_output_name
from cognito_auth.outputs.client_config import DeployedIds, auth_section, custom_section
from cognito_auth.outputs.schema import OUTPUTS_SCHEMA, OUTPUTS_VERSION

CLIENT_CONFIG = "ClientConfig"
OUTPUT_CHUNK = 4000
"""Characters per ClientConfig output (CloudFormation allows 4,096 per output value)."""


class OutputsError(Exception):
    """The stack outputs do not describe a backend, or the result is not valid."""


def backend_keys(outputs: Mapping[str, str]) -> list[str]:
    """The backend keys found among the outputs (``Auth`` for ``AuthClientConfig``...)."""
    return sorted(k.removesuffix(CLIENT_CONFIG) for k in outputs if k.endswith(CLIENT_CONFIG))


def pick_backend(outputs: Mapping[str, str], requested: str | None, where: str) -> str:
    keys = backend_keys(outputs)
    if requested is not None:
        if requested not in keys:
            found = ", ".join(keys) or "none"
            raise OutputsError(f"{where}: no backend {requested!r} (backends found: {found})")
        return requested
    if not keys:
        raise OutputsError(
            f"{where}: no cognito-auth backend outputs (no output ending in {CLIENT_CONFIG})"
        )
    if len(keys) > 1:
        raise OutputsError(
            f"{where}: several backends ({', '.join(keys)}); choose one with --backend"
        )
    return keys[0]


def split_client_config(text: str) -> list[str]:
    """The JSON text in chunks that each fit one output value."""
    return [text[i : i + OUTPUT_CHUNK] for i in range(0, len(text), OUTPUT_CHUNK)] or [""]


def chunk_key(key: str, index: int) -> str:
    return f"{key}{CLIENT_CONFIG}" + ("" if index == 0 else str(index + 1))


def sections_from_outputs(
    outputs: Mapping[str, str], key: str, where: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(auth section, custom.auth) of the backend ``key`` from its stack outputs."""
    chunks = []
    index = 0
    while chunk_key(key, index) in outputs:
        chunks.append(outputs[chunk_key(key, index)])
        index += 1
    try:
        static = json.loads("".join(chunks))
    except json.JSONDecodeError as exc:
        raise OutputsError(f"{where}: {key}{CLIENT_CONFIG} is not valid JSON ({exc.msg})") from None
    missing = [
        f"{key}{name}"
        for name in ("Region", "UserPoolId", "UserPoolClientId")
        if f"{key}{name}" not in outputs
    ]
    if missing:
        raise OutputsError(f"{where}: missing outputs {', '.join(missing)}")
    custom = dict(static.get("custom_auth", {}))
    names = custom.get("clients", {})
    ids = DeployedIds(
        aws_region=outputs[f"{key}Region"],
        user_pool_id=outputs[f"{key}UserPoolId"],
        user_pool_client_id=outputs[f"{key}UserPoolClientId"],
        identity_pool_id=outputs.get(f"{key}IdentityPoolId"),
        oauth_domain=outputs.get(f"{key}OAuthDomain"),
        client_ids={
            name: outputs[f"{key}{client_output_name(name)}"]
            for name in (names if isinstance(names, dict) else {})
            if f"{key}{client_output_name(name)}" in outputs
        },
    )
    auth = auth_section(static.get("auth", {}), ids)
    if "oauth" in auth and not auth["oauth"].get("domain"):
        raise OutputsError(
            f"{where}: the backend signs in on the hosted pages but {key}OAuthDomain is "
            "missing or empty, and frontends cannot reach the pages without it: take "
            "the outputs file of a complete `cdk deploy --outputs-file`"
        )
    return auth, custom_section(custom, ids)


def merge(
    existing: Mapping[str, Any] | None, auth: Mapping[str, Any], custom: Mapping[str, Any]
) -> dict[str, Any]:
    """The outputs file with this auth section, keeping every other section of
    ``existing`` (data, storage, other custom keys...)."""
    document: dict[str, Any] = dict(existing or {})
    document["version"] = OUTPUTS_VERSION
    document["auth"] = dict(auth)
    other_custom = dict(document.get("custom") or {})
    if custom:
        other_custom["auth"] = dict(custom)
    else:
        other_custom.pop("auth", None)
    if other_custom:
        document["custom"] = other_custom
    else:
        document.pop("custom", None)
    return document


def validation_errors(document: Mapping[str, Any]) -> list[str]:
    """Every way ``document`` breaks the amplify_outputs.json schema (v1.5)."""
    import jsonschema  # noqa: PLC0415 - only the outputs command validates; synth needs none

    validator = jsonschema.Draft202012Validator(OUTPUTS_SCHEMA)
    errors = [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(top level)'}: {error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]
    # The schema takes any string; an empty domain leaves frontends with no hosted pages.
    oauth = (document.get("auth") or {}).get("oauth")
    if isinstance(oauth, Mapping) and oauth.get("domain") == "":
        errors.append("auth/oauth/domain: '' is empty: the hosted pages' domain is needed")
    return errors
