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

from cognito_auth.config.attributes import STANDARD_ATTRIBUTES
from cognito_auth.config.clients import explicit_auth_flows
from cognito_auth.config.root import AuthConfig

DEFAULT_MIN_LENGTH = 0
DEFAULT_MAX_LENGTH = 2048
_ALWAYS_PRESENT = {"sub", "email_verified", "phone_number_verified", "identities"}
_TYPES = {"String": "string", "Number": "number", "Boolean": "boolean", "DateTime": "datetime"}
_MFA = {"OFF": "off", "OPTIONAL": "optional", "ON": "required"}
_RECOVERY = {
    ("verified_email",): "email_only",
    ("verified_phone_number",): "phone_only_without_mfa",
    ("admin_only",): "none",
    ("verified_email", "verified_phone_number"): "email_and_phone_without_mfa",
    ("verified_phone_number", "verified_email"): "phone_without_mfa_and_email",
    (): "phone_and_email",
}


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
    # The default client, whose id the stack outputs name (``clients.web`` in the paths);
    # flows that triggers add (custom challenges) are not known here.
    client = config.default_client
    state["clients.web.auth_flows"] = explicit_auth_flows(client, passwordless=config.passwordless)
    state["clients.web.generate_secret"] = client.generate_secret
    state["clients.web.prevent_user_existence_errors"] = client.prevent_user_existence_errors
    return state


# --- the deployed side --------------------------------------------------------------------


@dataclass
class DeployedPool:
    """What the Cognito API says about a user pool (raw API shapes)."""

    pool: Mapping[str, Any]
    mfa: Mapping[str, Any]
    groups: list[Mapping[str, Any]]
    web_client: Mapping[str, Any] | None
    providers: list[Mapping[str, Any]] = field(default_factory=list)
    """ListIdentityProviders' entries (ProviderName, ProviderType)."""
    providers_known: bool = False
    """Whether the providers were read (a pool read by an older caller may lack them)."""


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
        "multifactor.mode": _MFA.get(str(pool.get("MfaConfiguration", "OFF")), "off"),
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
        kind = _TYPES.get(str(attribute.get("AttributeDataType", "String")), "string")
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
    if "UserPoolTier" in pool:
        state["feature_plan"] = str(pool["UserPoolTier"]).lower()
    if deployed.providers_known:
        state["login_with.external_providers.providers"] = sorted(
            f"{p['ProviderName']} ({p['ProviderType']})" for p in deployed.providers
        )
    state["login_with.external_providers.domain"] = pool.get("CustomDomain") or pool.get("Domain")
    client = deployed.web_client
    if client is not None:
        state["clients.web.auth_flows"] = sorted(client.get("ExplicitAuthFlows") or [])
        state["clients.web.generate_secret"] = bool(client.get("ClientSecret"))
        state["clients.web.prevent_user_existence_errors"] = (
            client.get("PreventUserExistenceErrors") == "ENABLED"
        )
    return state


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
    return _RECOVERY.get(names, ",".join(names))


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
