"""Comparing a configuration with what is really deployed (``check-deployed``).

What Cognito returns is normalised first, so that an unchanged backend shows no
difference: every standard attribute is listed by Cognito (absent ones take
Cognito's defaults here), custom attributes carry a ``custom:`` prefix, string
attributes report default length constraints, and ``sub`` and the
``*_verified`` attributes exist in every pool.

Reading the pool through boto3 lives in :mod:`cognito_auth.guard.aws`, imported only
by the commands that talk to AWS, so that importing the guard stays instant.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cognito_auth import naming
from cognito_auth.config.attributes import STANDARD_ATTRIBUTES
from cognito_auth.config.clients import (
    DEFAULT_VALIDITY_MINUTES,
    AppClient,
    explicit_auth_flows,
)
from cognito_auth.config.root import AuthConfig
from cognito_auth.config.threat_protection import ThreatProtection

DEFAULT_MIN_LENGTH = 0
DEFAULT_MAX_LENGTH = 2048
_ALWAYS_PRESENT = {"sub", "email_verified", "phone_number_verified", "identities"}
ATTRIBUTE_TYPES = {
    "String": "string",
    "Number": "number",
    "Boolean": "boolean",
    "DateTime": "datetime",
}
"""``AttributeDataType`` -> a custom attribute's ``data_type``."""
MFA_MODES = {"OFF": "off", "OPTIONAL": "optional", "ON": "required"}
"""``MfaConfiguration`` -> ``multifactor.mode``."""
RECOVERY_SETTINGS = {
    ("verified_email",): "email_only",
    ("verified_phone_number",): "phone_only_without_mfa",
    ("admin_only",): "none",
    ("verified_email", "verified_phone_number"): "email_and_phone_without_mfa",
    ("verified_phone_number", "verified_email"): "phone_without_mfa_and_email",
    (): "phone_and_email",
}
"""``AccountRecoverySetting`` mechanisms, by priority -> ``account_recovery``."""


@dataclass(frozen=True)
class Difference:
    """One setting whose deployed value differs from the configuration."""

    path: str
    configured: Any
    deployed: Any

    def line(self) -> str:
        return f"{self.path}: configured {_show(self.configured)}, deployed {_show(self.deployed)}"


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


# --- the configuration's side ------------------------------------------------------------


def expected_state(config: AuthConfig) -> dict[str, Any]:
    """The settings of ``config`` that a deployed pool can be checked for, by path."""
    login = config.login_with
    state: dict[str, Any] = {
        "login_with.email": login.email is not None,
        "login_with.phone": login.phone is not None,
        "login_with.username": login.username is not None,
        "login_with.username.preferred_username": bool(
            login.username is not None and login.username.preferred_username
        ),
        "login_with.case_sensitive": login.case_sensitive,
        "self_sign_up": config.self_sign_up,
        "multifactor.mode": config.multifactor.mode,
        "multifactor.factors": sorted(config.mfa_factors),
        "account_recovery": config.effective_account_recovery,
        "profile.deletion_protection": config.profile == "production",
        "groups": sorted(config.group_names),
    }
    for name, attribute in config.user_attributes.standard().items():
        state[f"user_attributes.{name}.required"] = attribute.required
        state[f"user_attributes.{name}.mutable"] = attribute.mutable
    state["user_attributes.custom"] = sorted(config.user_attributes.custom)
    for name, custom in config.user_attributes.custom.items():
        prefix = f"user_attributes.custom.{name}"
        state[f"{prefix}.data_type"] = custom.data_type
        state[f"{prefix}.mutable"] = custom.mutable
        if custom.data_type == "string":
            state[f"{prefix}.min_length"] = (
                custom.min_length if custom.min_length is not None else DEFAULT_MIN_LENGTH
            )
            state[f"{prefix}.max_length"] = (
                custom.max_length if custom.max_length is not None else DEFAULT_MAX_LENGTH
            )
        if custom.data_type == "number":
            state[f"{prefix}.min_value"] = custom.min_value
            state[f"{prefix}.max_value"] = custom.max_value
    policy = config.password_policy
    state.update(
        {
            "password_policy.min_length": policy.min_length,
            "password_policy.require_lowercase": policy.require_lowercase,
            "password_policy.require_uppercase": policy.require_uppercase,
            "password_policy.require_digits": policy.require_digits,
            "password_policy.require_symbols": policy.require_symbols,
            "password_policy.temp_password_validity_days": policy.temp_password_validity_days,
        }
    )
    for group in config.groups:
        state[f"groups.{group.name}.precedence"] = group.precedence
        if group.role_arn is not None or not group.iam_role:
            # Only a kept role (or none) is known here: the backend's roles have generated
            # names.
            state[f"groups.{group.name}.role_arn"] = group.role_arn
    state["feature_plan"] = config.feature_plan
    external = config.external_providers
    state["login_with.external_providers.providers"] = sorted(
        f"{provider.provider_name} ({_provider_type(provider.provider_name, provider)})"
        for provider in external.providers
    )
    state["login_with.external_providers.domain"] = (
        external.custom_domain.domain_name
        if external.custom_domain is not None
        else external.domain_prefix
    )
    state.update(expected_threat_protection(config))
    return state


_ACTIONS = {
    "NO_ACTION": "allow",
    "MFA_IF_CONFIGURED": "mfa_if_configured",
    "MFA_REQUIRED": "mfa_required",
    "BLOCK": "block",
}
_SECURITY_MODES = {"OFF": "off", "AUDIT": "audit", "ENFORCED": "enforced"}


def expected_threat_protection(config: AuthConfig) -> dict[str, Any]:
    """The mode always; the risk configuration only for the object form of
    ``threat_protection`` (the string form leaves it to the console)."""
    state: dict[str, Any] = {"threat_protection.mode": config.threat_protection_mode or "off"}
    if not isinstance(config.threat_protection, ThreatProtection):
        return state
    settings = config.threat_protection
    adaptive = settings.effective_adaptive_authentication
    state.update(
        {
            "threat_protection.adaptive_authentication": (
                None if adaptive is None else adaptive.model_dump()
            ),
            "threat_protection.compromised_credentials": (
                settings.effective_compromised_credentials
            ),
            "threat_protection.notify": settings.notify is not None,
            "threat_protection.always_allow_ips": sorted(settings.always_allow_ips),
            "threat_protection.always_block_ips": sorted(settings.always_block_ips),
        }
    )
    return state


# --- the deployed side --------------------------------------------------------------------


@dataclass
class DeployedPool:
    """What the Cognito API says about a user pool (raw API shapes)."""

    pool: Mapping[str, Any]
    mfa: Mapping[str, Any]
    groups: list[Mapping[str, Any]]
    providers: list[Mapping[str, Any]] = field(default_factory=list)
    """ListIdentityProviders' entries (ProviderName, ProviderType)."""
    providers_known: bool = False
    """Whether the providers were read (a pool read by an older caller may lack them)."""
    risk: Mapping[str, Any] | None = None
    """DescribeRiskConfiguration's ``RiskConfiguration`` for all clients (``{}`` when the
    pool has none); ``None`` when it was not read."""
    clients: list[Mapping[str, Any]] | None = None
    """DescribeUserPoolClient's answer for every client; ``None``: not read."""
    resource_servers: list[Mapping[str, Any]] | None = None
    """ListResourceServers' entries; ``None``: not read."""


def deployed_state(deployed: DeployedPool) -> dict[str, Any]:
    """The deployed pool in the paths and shapes of :func:`expected_state`."""
    pool = deployed.pool
    username_attributes = set(pool.get("UsernameAttributes") or [])
    alias_attributes = set(pool.get("AliasAttributes") or [])
    uses_username = not username_attributes
    state: dict[str, Any] = {
        "login_with.email": "email" in username_attributes | alias_attributes,
        "login_with.phone": "phone_number" in username_attributes | alias_attributes,
        "login_with.username": uses_username,
        "login_with.username.preferred_username": "preferred_username" in alias_attributes,
        "login_with.case_sensitive": bool(
            (pool.get("UsernameConfiguration") or {}).get("CaseSensitive", True)
        ),
        "self_sign_up": not (pool.get("AdminCreateUserConfig") or {}).get(
            "AllowAdminCreateUserOnly", False
        ),
        "multifactor.mode": MFA_MODES.get(str(pool.get("MfaConfiguration", "OFF")), "off"),
        "multifactor.factors": _factors(deployed.mfa, pool),
        "account_recovery": _recovery(pool),
        "profile.deletion_protection": pool.get("DeletionProtection") == "ACTIVE",
        "groups": sorted(str(g["GroupName"]) for g in deployed.groups),
    }
    schema = {str(a["Name"]): a for a in pool.get("SchemaAttributes") or []}
    for name in STANDARD_ATTRIBUTES:
        attribute = schema.get(name, {})
        state[f"user_attributes.{name}.required"] = bool(attribute.get("Required", False))
        state[f"user_attributes.{name}.mutable"] = bool(attribute.get("Mutable", True))
    customs = {name.removeprefix("custom:"): a for name, a in schema.items() if _is_custom(name)}
    state["user_attributes.custom"] = sorted(customs)
    for name, attribute in customs.items():
        prefix = f"user_attributes.custom.{name}"
        kind = ATTRIBUTE_TYPES.get(str(attribute.get("AttributeDataType", "String")), "string")
        state[f"{prefix}.data_type"] = kind
        state[f"{prefix}.mutable"] = bool(attribute.get("Mutable", True))
        if kind == "string":
            limits = attribute.get("StringAttributeConstraints") or {}
            state[f"{prefix}.min_length"] = int(limits.get("MinLength", DEFAULT_MIN_LENGTH))
            state[f"{prefix}.max_length"] = int(limits.get("MaxLength", DEFAULT_MAX_LENGTH))
        if kind == "number":
            limits = attribute.get("NumberAttributeConstraints") or {}
            state[f"{prefix}.min_value"] = _int_or_none(limits.get("MinValue"))
            state[f"{prefix}.max_value"] = _int_or_none(limits.get("MaxValue"))
    policy = (pool.get("Policies") or {}).get("PasswordPolicy") or {}
    state.update(
        {
            "password_policy.min_length": policy.get("MinimumLength", 8),
            "password_policy.require_lowercase": bool(policy.get("RequireLowercase", False)),
            "password_policy.require_uppercase": bool(policy.get("RequireUppercase", False)),
            "password_policy.require_digits": bool(policy.get("RequireNumbers", False)),
            "password_policy.require_symbols": bool(policy.get("RequireSymbols", False)),
            "password_policy.temp_password_validity_days": policy.get(
                "TemporaryPasswordValidityDays", 7
            ),
        }
    )
    for group in deployed.groups:
        state[f"groups.{group['GroupName']}.precedence"] = group.get("Precedence")
        state[f"groups.{group['GroupName']}.role_arn"] = group.get("RoleArn")
    if "UserPoolTier" in pool:
        state["feature_plan"] = str(pool["UserPoolTier"]).lower()
    if deployed.providers_known:
        state["login_with.external_providers.providers"] = sorted(
            f"{p['ProviderName']} ({p['ProviderType']})" for p in deployed.providers
        )
    state["login_with.external_providers.domain"] = pool.get("CustomDomain") or pool.get("Domain")
    add_ons = pool.get("UserPoolAddOns")
    if add_ons is not None:
        mode = str(add_ons.get("AdvancedSecurityMode", "OFF"))
        state["threat_protection.mode"] = _SECURITY_MODES.get(mode, mode.lower())
    if deployed.risk is not None:
        state.update(_deployed_risk(deployed.risk))
    return state


def _deployed_risk(risk: Mapping[str, Any]) -> dict[str, Any]:
    takeover = (risk.get("AccountTakeoverRiskConfiguration") or {}).get("Actions") or {}
    levels = {level: takeover.get(f"{level.title()}Action") for level in ("low", "medium", "high")}
    adaptive = (
        {
            level: _ACTIONS.get(str(action.get("EventAction")), action.get("EventAction"))
            if action is not None
            else None
            for level, action in levels.items()
        }
        if any(levels.values())
        else None
    )
    compromised = (
        (risk.get("CompromisedCredentialsRiskConfiguration") or {}).get("Actions") or {}
    ).get("EventAction")
    exceptions = risk.get("RiskExceptionConfiguration") or {}
    return {
        "threat_protection.adaptive_authentication": adaptive,
        "threat_protection.compromised_credentials": (
            None if compromised is None else str(compromised).lower()
        ),
        "threat_protection.notify": any(
            bool(action.get("Notify")) for action in levels.values() if action is not None
        ),
        "threat_protection.always_allow_ips": sorted(exceptions.get("SkippedIPRangeList") or []),
        "threat_protection.always_block_ips": sorted(exceptions.get("BlockedIPRangeList") or []),
    }


def _is_custom(name: str) -> bool:
    """Cognito reports custom attributes as ``custom:NAME``; anything else that is not a
    standard attribute, ``sub``, a ``*_verified`` flag or a developer attribute also is."""
    if name.startswith("custom:"):
        return True
    return not (name in STANDARD_ATTRIBUTES or name in _ALWAYS_PRESENT or name.startswith("dev:"))


def _provider_type(name: str, provider: Any) -> str:
    """Cognito's ProviderType: the social providers' own names, else OIDC or SAML."""
    kind = type(provider).__name__
    if kind.startswith("Oidc"):
        return "OIDC"
    if kind.startswith("Saml"):
        return "SAML"
    return name


def _int_or_none(value: Any) -> int | None:
    return None if value in (None, "") else int(value)


def _factors(mfa: Mapping[str, Any], pool: Mapping[str, Any]) -> list[str]:
    if pool.get("MfaConfiguration", "OFF") == "OFF":
        return []
    factors = []
    if mfa.get("SmsMfaConfiguration") is not None:
        factors.append("sms")
    if (mfa.get("SoftwareTokenMfaConfiguration") or {}).get("Enabled"):
        factors.append("totp")
    if mfa.get("EmailMfaConfiguration") is not None:
        factors.append("email")
    return sorted(factors)


def _recovery(pool: Mapping[str, Any]) -> str:
    mechanisms = sorted(
        (pool.get("AccountRecoverySetting") or {}).get("RecoveryMechanisms") or [],
        key=lambda m: m.get("Priority", 0),
    )
    names = tuple(str(m["Name"]) for m in mechanisms)
    return RECOVERY_SETTINGS.get(names, ",".join(names))


def differences(expected: Mapping[str, Any], deployed: Mapping[str, Any]) -> list[Difference]:
    """Every path whose values differ.

    A custom attribute or group that exists on one side only shows once, in the list
    at ``user_attributes.custom`` or ``groups``; paths that the deployed side cannot
    tell (an API that does not report them) are skipped.
    """
    return [
        Difference(path, expected[path], deployed[path])
        for path in sorted(set(expected) & set(deployed))
        if expected[path] != deployed[path]
    ]


# --- app clients and resource servers ----------------------------------------------------


def compare(
    config: AuthConfig, deployed: DeployedPool, client_ids: Mapping[str, str] | None = None
) -> list[Difference]:
    """Every difference between ``config`` and the deployed pool: the pool's settings, every
    app client and the resource servers. ``client_ids``: ids known for some configured
    clients (from the stack's outputs), by the configuration's client name."""
    expected = {
        **expected_state(config),
        **expected_clients(config),
        **expected_resource_servers(config),
    }
    found = {
        **deployed_state(deployed),
        **deployed_clients(config, deployed, client_ids or {}),
        **deployed_resource_servers(deployed),
    }
    return differences(expected, found)


def client_physical_name(config: AuthConfig, client: AppClient) -> str:
    """The name Cognito knows a configured client by: ``NAME-CLIENT`` when the
    configuration has a name (as the constructs name it), else the client's own name."""
    return naming.client_physical_name(config.name, client.name)


def match_clients(
    config: AuthConfig, clients: list[Mapping[str, Any]], client_ids: Mapping[str, str]
) -> tuple[dict[str, Mapping[str, Any]], list[str]]:
    """(configured name -> deployed client, names of the deployed clients that match none).

    A client is found by a known id, else by its physical name, else by its own name; when
    exactly one configured and one deployed client are left, they are each other (a pool
    of one client whose name CloudFormation generated)."""
    by_id = {str(c.get("ClientId")): c for c in clients}
    by_name = {str(c.get("ClientName")): c for c in clients}
    matched: dict[str, Mapping[str, Any]] = {}
    used: set[str] = set()
    for client in config.clients:
        found = by_id.get(client_ids.get(client.name, ""))
        for name in (client_physical_name(config, client), client.name):
            if found is None and name in by_name and str(by_name[name]["ClientId"]) not in used:
                found = by_name[name]
        if found is not None:
            matched[client.name] = found
            used.add(str(found["ClientId"]))
    left = [c for c in clients if str(c.get("ClientId")) not in used]
    unmatched = [c.name for c in config.clients if c.name not in matched]
    if len(left) == 1 and len(unmatched) == 1:
        matched[unmatched[0]] = left[0]
        left = []
    return matched, [str(c.get("ClientName")) for c in left]


def _client_providers(config: AuthConfig, client: AppClient) -> list[str]:
    if not client.is_user_client:
        return ["COGNITO"]
    names = [p.provider_name for p in config.external_providers.providers]
    if config.login_with.cognito_sign_in:
        names.append("COGNITO")
    return sorted(names)


def expected_clients(config: AuthConfig) -> dict[str, Any]:
    """Every configured client's settings, at ``clients.NAME.*``."""
    state: dict[str, Any] = {"clients": sorted(c.name for c in config.clients)}
    for client in config.clients:
        path = f"clients.{client.name}"
        oauth = config.client_oauth(client)
        state[f"{path}.auth_flows"] = explicit_auth_flows(
            client,
            passwordless=config.passwordless,
            migrating=config.migrate_users_from is not None,
        )
        state[f"{path}.generate_secret"] = client.generate_secret
        state[f"{path}.prevent_user_existence_errors"] = client.prevent_user_existence_errors
        state[f"{path}.token_revocation"] = client.token_revocation
        for token in DEFAULT_VALIDITY_MINUTES:
            state[f"{path}.token_validity.{token}"] = client.token_validity.minutes(token)
        state[f"{path}.oauth_flows"] = [oauth.flow] if oauth is not None else []
        state[f"{path}.scopes"] = sorted(oauth.scopes) if oauth is not None else []
        state[f"{path}.callback_urls"] = sorted(oauth.callback_urls) if oauth is not None else []
        state[f"{path}.logout_urls"] = sorted(oauth.logout_urls) if oauth is not None else []
        state[f"{path}.identity_providers"] = _client_providers(config, client)
        if client.read_attributes is not None:
            state[f"{path}.read_attributes"] = sorted(client.read_attributes)
        if client.write_attributes is not None:
            state[f"{path}.write_attributes"] = sorted(client.write_attributes)
    return state


_UNIT_MINUTES = {"seconds": 1 / 60, "minutes": 1, "hours": 60, "days": 24 * 60}
_VALIDITY = {
    "access_token": ("AccessTokenValidity", "AccessToken", "hours"),
    "id_token": ("IdTokenValidity", "IdToken", "hours"),
    "refresh_token": ("RefreshTokenValidity", "RefreshToken", "days"),
}
"""Token lifetimes in DescribeUserPoolClient: the value, its unit's key and Cognito's
default unit."""


def validity_minutes(client: Mapping[str, Any], token: str) -> int:
    """A deployed client's token lifetime in minutes (Cognito's default when unset)."""
    key, unit_key, default_unit = _VALIDITY[token]
    value = client.get(key)
    if value is None:
        return DEFAULT_VALIDITY_MINUTES[token]
    unit = (client.get("TokenValidityUnits") or {}).get(unit_key) or default_unit
    return int(value * _UNIT_MINUTES[str(unit)])


def deployed_clients(
    config: AuthConfig, deployed: DeployedPool, client_ids: Mapping[str, str]
) -> dict[str, Any]:
    """The deployed clients in the paths of :func:`expected_clients` (none when the clients
    were not read)."""
    if deployed.clients is None:
        return {}
    matched, unmatched = match_clients(config, deployed.clients, client_ids)
    state: dict[str, Any] = {"clients": sorted([*matched, *unmatched])}
    for name, client in matched.items():
        path = f"clients.{name}"
        oauth = bool(client.get("AllowedOAuthFlowsUserPoolClient"))
        state[f"{path}.auth_flows"] = sorted(client.get("ExplicitAuthFlows") or [])
        state[f"{path}.generate_secret"] = bool(client.get("ClientSecret"))
        state[f"{path}.prevent_user_existence_errors"] = (
            client.get("PreventUserExistenceErrors") == "ENABLED"
        )
        state[f"{path}.token_revocation"] = bool(client.get("EnableTokenRevocation", True))
        for token in DEFAULT_VALIDITY_MINUTES:
            state[f"{path}.token_validity.{token}"] = validity_minutes(client, token)
        state[f"{path}.oauth_flows"] = (
            sorted(client.get("AllowedOAuthFlows") or []) if oauth else []
        )
        state[f"{path}.scopes"] = sorted(client.get("AllowedOAuthScopes") or []) if oauth else []
        state[f"{path}.callback_urls"] = sorted(client.get("CallbackURLs") or []) if oauth else []
        state[f"{path}.logout_urls"] = sorted(client.get("LogoutURLs") or []) if oauth else []
        state[f"{path}.identity_providers"] = sorted(client.get("SupportedIdentityProviders") or [])
        state[f"{path}.read_attributes"] = sorted(client.get("ReadAttributes") or [])
        state[f"{path}.write_attributes"] = sorted(client.get("WriteAttributes") or [])
    return state


def expected_resource_servers(config: AuthConfig) -> dict[str, Any]:
    """The configured resource servers, at ``resource_servers`` and
    ``resource_servers.IDENTIFIER.*``."""
    state: dict[str, Any] = {
        "resource_servers": sorted(server.identifier for server in config.resource_servers)
    }
    for server in config.resource_servers:
        path = f"resource_servers.{server.identifier}"
        state[f"{path}.name"] = server.name
        state[f"{path}.scopes"] = sorted(f"{s.name}: {s.description}" for s in server.scopes)
    return state


def deployed_resource_servers(deployed: DeployedPool) -> dict[str, Any]:
    """The deployed resource servers in the paths of :func:`expected_resource_servers`."""
    if deployed.resource_servers is None:
        return {}
    servers = deployed.resource_servers
    state: dict[str, Any] = {"resource_servers": sorted(str(s["Identifier"]) for s in servers)}
    for server in servers:
        path = f"resource_servers.{server['Identifier']}"
        state[f"{path}.name"] = server.get("Name")
        state[f"{path}.scopes"] = sorted(
            f"{s['ScopeName']}: {s['ScopeDescription']}" for s in server.get("Scopes") or []
        )
    return state
