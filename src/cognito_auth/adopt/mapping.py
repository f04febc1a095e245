"""The resource mapping file of ``cdk import --resource-mapping``: each adopted resource's
logical id in the synthesized template -> its primary identifier properties and values.

Logical ids come from :mod:`cognito_auth.naming`, as the constructs and the lock compute
them. The identifier property names come from the CloudFormation registry schemas that
cfn-lint bundles (each type's ``primaryIdentifier``), copied into ``identifiers.json``
by ``python -m cognito_auth.adopt.mapping --write`` (cfn-lint is a development
dependency only); a test checks the file against the schemas.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from cognito_auth.naming import (
    DOMAIN,
    IDENTITY_POOL,
    client_construct_id,
    group_construct_id,
    pinned_logical_id,
    provider_construct_id,
    resource_server_construct_id,
    user_pool_construct_id,
)

if TYPE_CHECKING:
    from cognito_auth.adopt.read import LivePool
    from cognito_auth.config.root import AuthConfig

TYPES = (
    "AWS::Cognito::UserPool",
    "AWS::Cognito::UserPoolClient",
    "AWS::Cognito::UserPoolGroup",
    "AWS::Cognito::UserPoolIdentityProvider",
    "AWS::Cognito::UserPoolDomain",
    "AWS::Cognito::UserPoolResourceServer",
    "AWS::Cognito::IdentityPool",
)
"""The resource types ``adopt`` maps for import."""
_FILE = "identifiers.json"
_SCHEMA_REGION = "us-east-1"


def schema_identifiers() -> dict[str, list[str]]:
    """Each type's ``primaryIdentifier`` property names, read from cfn-lint's schemas."""
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER

    found = {}
    for kind in TYPES:
        schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema(_SCHEMA_REGION, kind).schema
        found[kind] = [str(p).removeprefix("/properties/") for p in schema["primaryIdentifier"]]
    return found


@cache
def identifiers() -> dict[str, list[str]]:
    """The identifier property names shipped with the package (from :func:`schema_identifiers`)."""
    text = resources.files("cognito_auth.adopt").joinpath(_FILE).read_text(encoding="utf-8")
    data: dict[str, list[str]] = json.loads(text)
    return data


def _entry(kind: str, values: dict[str, str]) -> dict[str, str]:
    names = identifiers()[kind]
    missing = set(names) - set(values)
    if missing:  # pragma: no cover - a schema that gained an identifier: regenerate and adapt
        raise KeyError(f"{kind}: no value for identifier {sorted(missing)}")
    return {name: values[name] for name in names}


def import_mapping(
    config: AuthConfig, live: LivePool, backend_path: list[str], client_ids: dict[str, str]
) -> dict[str, dict[str, str]]:
    """The mapping for the backend at ``backend_path`` (stack-relative construct path)."""
    pool_id = live.pool_id
    mapping: dict[str, dict[str, str]] = {}

    def add(resource: str, kind: str, **values: str) -> None:
        values = (
            {"UserPoolId": pool_id, **values} if kind != "AWS::Cognito::IdentityPool" else values
        )
        mapping[pinned_logical_id(backend_path, resource)] = _entry(kind, values)

    add(user_pool_construct_id(1), "AWS::Cognito::UserPool")
    for client in config.clients:
        add(
            client_construct_id(client.name),
            "AWS::Cognito::UserPoolClient",
            ClientId=client_ids[client.name],
        )
    for group in config.groups:
        add(group_construct_id(group.name), "AWS::Cognito::UserPoolGroup", GroupName=group.name)
    for provider in live.providers:
        kind, name = str(provider["ProviderType"]), str(provider["ProviderName"])
        if kind in ("Google", "Facebook", "LoginWithAmazon", "SignInWithApple", "OIDC", "SAML"):
            add(
                provider_construct_id(kind, name),
                "AWS::Cognito::UserPoolIdentityProvider",
                ProviderName=name,
            )
    if live.domain is not None and config.external_providers.has_domain:
        add(DOMAIN, "AWS::Cognito::UserPoolDomain", Domain=str(live.domain["Domain"]))
    for server in config.resource_servers:
        add(
            resource_server_construct_id(server.identifier),
            "AWS::Cognito::UserPoolResourceServer",
            Identifier=server.identifier,
        )
    if config.identity_pool and live.identity_pool is not None:
        add(
            IDENTITY_POOL,
            "AWS::Cognito::IdentityPool",
            Id=str(live.identity_pool["IdentityPoolId"]),
        )
    return mapping


def render(mapping: dict[str, dict[str, str]]) -> str:
    return json.dumps(mapping, indent=2, sort_keys=True) + "\n"


def _write(argv: list[str]) -> int:  # pragma: no cover - a maintainer's command
    target = Path(__file__).with_name(_FILE)
    text = json.dumps(schema_identifiers(), indent=2, sort_keys=True) + "\n"
    if "--write" in argv:
        target.write_text(text, encoding="utf-8")
        print(f"{target}: written")
        return 0
    print(text, end="")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_write(sys.argv[1:]))


__all__ = ["TYPES", "identifiers", "import_mapping", "render", "schema_identifiers"]
