"""Comparing the configuration with the deployed identity pool (``check-deployed``).

What the Cognito identity API returns (DescribeIdentityPool, GetIdentityPoolRoles) is
normalised into the paths and shapes that the configuration gives, so that an unchanged
backend shows no difference:

- the user pool clients are named by their configured names (client ids are not in the
  configuration: they come from the stack outputs or the pool's client names), and
  their provider by its user pool id (the provider name's host varies by partition);
- an absent ``AllowClassicFlow`` or ``ServerSideTokenCheck`` is Cognito's default, off;
- roles are named ``authenticated``, ``guest`` or ``group:NAME`` (a group's role ARN is
  read from the user pool's groups), rules as ``claim MatchType value -> role``.

Pure functions over API shapes: reading them through boto3 is
:func:`cognito_auth.guard.aws.fetch_identity_pool`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cognito_auth.config.access import AUTHENTICATED, GROUP_PREFIX, GUEST
from cognito_auth.config.root import AuthConfig
from cognito_auth.naming import client_output_name, client_physical_name

PREFIX = "identity_pool"
ROLE_KEYS = {"authenticated": AUTHENTICATED, "unauthenticated": GUEST}
"""GetIdentityPoolRoles' ``Roles`` keys, in the configuration's principal names."""


@dataclass(frozen=True)
class DeployedIdentityPool:
    """What the Cognito identity API says about an identity pool (raw API shapes)."""

    pool: Mapping[str, Any]
    """DescribeIdentityPool's response."""
    roles: Mapping[str, Any]
    """GetIdentityPoolRoles' response (``Roles``, ``RoleMappings``)."""
    client_names: Mapping[str, str] = field(default_factory=dict)
    """Client id -> configured client name, for the ids that could be named."""
    group_roles: Mapping[str, str] = field(default_factory=dict)
    """Role ARN -> group name, from the user pool's groups (ListGroups' ``RoleArn``)."""


def expected_identity_pool(config: AuthConfig, *, user_pool_id: str) -> dict[str, Any]:
    """The identity pool settings of ``config``, by path, for the user pool
    ``user_pool_id``. Only ``identity_pool`` (off) without an identity pool."""
    if not config.identity_pool:
        return {PREFIX: False}
    clients = [client.name for client in config.user_clients]
    state: dict[str, Any] = {
        PREFIX: True,
        f"{PREFIX}.guest_access": config.guest_access,
        f"{PREFIX}.classic_flow": False,
        f"{PREFIX}.cognito_providers": sorted(f"{user_pool_id} {name}" for name in clients),
        f"{PREFIX}.roles": sorted([AUTHENTICATED, *([GUEST] if config.guest_access else [])]),
        f"{PREFIX}.role_mapping": sorted(clients),
    }
    external = config.external_providers
    federation = external.identity_pool_federation
    state[f"{PREFIX}.login_providers"] = sorted(
        f"{p.login_provider} ({getattr(p, 'client_id', '')})"
        for p in external.social_providers
        if federation
    )
    rules = config.role_mapping_rules
    for name in clients:
        state[f"{PREFIX}.cognito_providers.{name}.server_side_token_check"] = True
        mapping = f"{PREFIX}.role_mapping.{name}"
        state[f"{mapping}.type"] = "Rules" if rules else "Token"
        state[f"{mapping}.ambiguous_role_resolution"] = "AuthenticatedRole"
        state[f"{mapping}.rules"] = [
            _rule(rule.claim, rule.match_type, rule.value, rule.role) for rule in rules
        ]
    return state


def deployed_identity_pool(deployed: DeployedIdentityPool) -> dict[str, Any]:
    """The deployed identity pool in the paths and shapes of
    :func:`expected_identity_pool`."""
    pool = deployed.pool
    names = deployed.client_names
    state: dict[str, Any] = {
        PREFIX: True,
        f"{PREFIX}.guest_access": bool(pool.get("AllowUnauthenticatedIdentities", False)),
        f"{PREFIX}.classic_flow": bool(pool.get("AllowClassicFlow", False)),
    }
    providers = []
    for provider in pool.get("CognitoIdentityProviders") or []:
        client = str(provider.get("ClientId", ""))
        label = names.get(client, client)
        providers.append(f"{_user_pool_of(str(provider.get('ProviderName', '')))} {label}")
        state[f"{PREFIX}.cognito_providers.{label}.server_side_token_check"] = bool(
            provider.get("ServerSideTokenCheck", False)
        )
    state[f"{PREFIX}.cognito_providers"] = sorted(providers)
    state[f"{PREFIX}.login_providers"] = sorted(
        f"{domain} ({app_id})"
        for domain, app_id in (pool.get("SupportedLoginProviders") or {}).items()
    )
    roles = deployed.roles.get("Roles") or {}
    state[f"{PREFIX}.roles"] = sorted(ROLE_KEYS.get(key, key) for key in roles)
    role_names = {str(arn): ROLE_KEYS.get(key, key) for key, arn in roles.items()}
    role_names.update({arn: f"{GROUP_PREFIX}{g}" for arn, g in deployed.group_roles.items()})
    mapped = []
    for key, mapping in (deployed.roles.get("RoleMappings") or {}).items():
        client = str(key).rpartition(":")[2]
        label = names.get(client, client)
        mapped.append(label)
        path = f"{PREFIX}.role_mapping.{label}"
        state[f"{path}.type"] = mapping.get("Type")
        state[f"{path}.ambiguous_role_resolution"] = mapping.get("AmbiguousRoleResolution")
        rules = (mapping.get("RulesConfiguration") or {}).get("Rules") or []
        state[f"{path}.rules"] = [
            _rule(
                str(rule.get("Claim")),
                str(rule.get("MatchType")),
                str(rule.get("Value")),
                role_names.get(str(rule.get("RoleARN")), str(rule.get("RoleARN"))),
            )
            for rule in rules
        ]
    state[f"{PREFIX}.role_mapping"] = sorted(mapped)
    return state


def _rule(claim: str, match_type: str, value: str, role: str) -> str:
    return f"{claim} {match_type} {value} -> {role}"


def _user_pool_of(provider_name: str) -> str:
    """``cognito-idp.us-east-1.amazonaws.com/us-east-1_abc`` -> ``us-east-1_abc``."""
    return provider_name.rpartition("/")[2]


# --- where the ids come from --------------------------------------------------------------


def ids_from_outputs(
    outputs: Mapping[str, str], user_pool_id: str, config: AuthConfig
) -> tuple[str | None, dict[str, str]]:
    """(identity pool id or None, client id -> name) from the stack outputs of the
    backend whose ``UserPoolId`` output is ``user_pool_id``."""
    keys = [k for k, v in outputs.items() if k.endswith("UserPoolId") and v == user_pool_id]
    if len(keys) != 1:
        return None, {}
    prefix = keys[0].removesuffix("UserPoolId")
    names: dict[str, str] = {}
    default = outputs.get(f"{prefix}UserPoolClientId")
    if default is not None:
        names[default] = config.default_client.name
    for client in config.clients:
        value = outputs.get(f"{prefix}{client_output_name(client.name)}")
        if value is not None:
            names[value] = client.name
    return outputs.get(f"{prefix}IdentityPoolId"), names


def names_from_pool_clients(
    clients: Iterable[Mapping[str, Any]],
    config: AuthConfig,
    known: Mapping[str, str],
    in_identity_pool: Iterable[str],
) -> dict[str, str]:
    """Client id -> configured name from ListUserPoolClients (``ClientName``: the
    configured name, prefixed with ``name-`` when the configuration has a name), added
    to ``known``. When exactly one user client and exactly one of the identity pool's
    clients remain unnamed, they are the same one (a pool whose client names the
    configuration does not decide)."""
    names = dict(known)
    wanted = {client_physical_name(config.name, c.name): c.name for c in config.user_clients}
    for client in clients:
        name = wanted.get(str(client.get("ClientName")))
        client_id = str(client.get("ClientId"))
        if name is not None and client_id not in names:
            names[client_id] = name
    pool_ids = {str(c.get("ClientId")) for c in clients}
    unnamed_clients = [c.name for c in config.user_clients if c.name not in names.values()]
    unnamed_ids = [i for i in in_identity_pool if i not in names and i in pool_ids]
    if len(unnamed_clients) == 1 and len(unnamed_ids) == 1:
        names[unnamed_ids[0]] = unnamed_clients[0]
    return names
