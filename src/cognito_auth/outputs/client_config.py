"""The ``auth`` section of ``amplify_outputs.json`` for a configuration.

Split in two: the *static* part follows from the configuration alone (password
policy, MFA, attributes, groups...), and the *deployed* part holds the ids that
exist only after deploy (region, user pool, client, identity pool, domain). The
construct emits the static part as one JSON stack output beside one output per
id, so that ``cognito-auth outputs`` can rebuild the file after deploy from the
stack alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cognito_auth.config.clients import AppClient
from cognito_auth.config.root import AuthConfig

_MFA_CONFIGURATION = {"off": "NONE", "optional": "OPTIONAL", "required": "REQUIRED"}
_MFA_METHODS = {"sms": "SMS", "totp": "TOTP", "email": "EMAIL"}


@dataclass(frozen=True)
class DeployedIds:
    """Values known after deploy (in the construct: CDK tokens)."""

    aws_region: str
    user_pool_id: str
    user_pool_client_id: str
    identity_pool_id: str | None = None
    oauth_domain: str | None = None
    client_ids: Mapping[str, str] = field(default_factory=dict)
    """Ids of the clients other than the default one, by name (for ``custom.auth``)."""


def static_auth(config: AuthConfig) -> dict[str, Any]:
    """The part of the auth section that the configuration alone decides."""
    mfa = config.multifactor
    policy = config.password_policy
    auth: dict[str, Any] = {
        "mfa_methods": [
            _MFA_METHODS[f] for f in ("sms", "totp", "email") if f in config.mfa_factors
        ],
        "standard_required_attributes": list(config.user_attributes.required_standard()),
        "username_attributes": _username_attributes(config),
        "user_verification_types": _verification_types(config),
        "groups": [{group.name: {"precedence": group.precedence}} for group in config.groups],
        "mfa_configuration": _MFA_CONFIGURATION[mfa.mode],
        "password_policy": {
            "min_length": policy.min_length,
            "require_lowercase": policy.require_lowercase,
            "require_numbers": policy.require_digits,
            "require_symbols": policy.require_symbols,
            "require_uppercase": policy.require_uppercase,
        },
    }
    oauth = _oauth(config)
    if oauth is not None:
        auth["oauth"] = oauth
    if config.identity_pool:
        auth["unauthenticated_identities_enabled"] = config.guest_access
    passwordless = _passwordless(config)
    if passwordless:
        auth["passwordless"] = passwordless
    if not auth["username_attributes"]:
        del auth["username_attributes"]  # provider-only pools: the schema needs 1 item or none
    return auth


def _passwordless(config: AuthConfig) -> dict[str, Any]:
    """Amplify's ``passwordless`` section: present when a passwordless factor or a
    preferred challenge is configured."""
    login = config.login_with
    factors = login.passwordless_factors
    if not factors and login.preferred_challenge is None:
        return {}
    section: dict[str, Any] = {
        "email_otp_enabled": "email_otp" in factors,
        "sms_otp_enabled": "sms_otp" in factors,
    }
    if login.webauthn is not None:
        section["web_authn"] = {
            "relying_party_id": login.webauthn.relying_party_id,
            "user_verification": login.webauthn.user_verification,
        }
    if login.preferred_challenge is not None:
        section["preferred_challenge"] = login.preferred_challenge.upper()
    return section


_SOCIAL_NAMES = {
    "Google": "GOOGLE",
    "Facebook": "FACEBOOK",
    "LoginWithAmazon": "LOGIN_WITH_AMAZON",
    "SignInWithApple": "SIGN_IN_WITH_APPLE",
}


def _oauth(config: AuthConfig) -> dict[str, Any] | None:
    """The hosted sign-in settings, when the default client uses them (as Amplify: only
    with both sign-in and sign-out redirect URLs). ``identity_providers`` lists the social
    providers only, which is all the schema allows; OIDC and SAML names go to
    ``custom.auth``. The domain is filled in from the deployed domain."""
    oauth = config.client_oauth(config.default_client)
    if oauth is None or not (oauth.callback_urls and oauth.logout_urls):
        return None
    external = config.external_providers
    return {
        "identity_providers": [_SOCIAL_NAMES[p.provider_name] for p in external.social_providers],
        "domain": "",
        "scopes": list(oauth.scopes),
        "redirect_sign_in_uri": list(oauth.callback_urls),
        "redirect_sign_out_uri": list(oauth.logout_urls),
        "response_type": "code",
    }


def oauth_domain(config: AuthConfig, region: str) -> str | None:
    """The hosted domain's host name: the custom domain, or Cognito's prefix domain."""
    external = config.external_providers
    if external.custom_domain is not None:
        return external.custom_domain.domain_name
    if external.domain_prefix is not None:
        return f"{external.domain_prefix}.auth.{region}.amazoncognito.com"
    return None


def _username_attributes(config: AuthConfig) -> list[str]:
    login = config.login_with
    if login.username is not None:
        return ["username"]
    return [
        name
        for name, on in (
            ("email", login.email is not None),
            ("phone_number", login.phone is not None),
        )
        if on
    ]


def _verification_types(config: AuthConfig) -> list[str]:
    login = config.login_with
    phone_verified = login.phone is not None or (
        "sms" in config.mfa_factors and config.user_attributes.phone_number.required
    )
    return [
        name
        for name, on in (("email", login.email is not None), ("phone_number", phone_verified))
        if on
    ]


def custom_auth(config: AuthConfig) -> dict[str, Any]:
    """What frontends need but the auth schema cannot hold: ``custom.auth``."""
    custom: dict[str, Any] = {}
    external = config.external_providers
    if external.oidc:
        custom["oidc_providers"] = [provider.name for provider in external.oidc]
    if external.saml:
        custom["saml_providers"] = [provider.name for provider in external.saml]
    if config.user_attributes.custom:
        custom["custom_attributes"] = {
            f"custom:{name}": {"data_type": attribute.data_type, "mutable": attribute.mutable}
            for name, attribute in sorted(config.user_attributes.custom.items())
        }
    default = config.default_client.name
    clients = {
        client.name: _client_entry(config, client)
        for client in config.clients
        if client.name != default
    }
    if clients:
        custom["clients"] = clients
    return custom


def _client_entry(config: AuthConfig, client: AppClient) -> dict[str, Any]:
    """What a frontend or service needs about a client besides its id (never a secret)."""
    entry: dict[str, Any] = {"kind": client.kind}
    oauth = config.client_oauth(client)
    if oauth is not None:
        section: dict[str, Any] = {"flows": [oauth.flow], "scopes": list(oauth.scopes)}
        if oauth.flow == "code":
            section["redirect_sign_in_uri"] = list(oauth.callback_urls)
            section["redirect_sign_out_uri"] = list(oauth.logout_urls)
        entry["oauth"] = section
    return entry


def custom_section(custom: Mapping[str, Any], ids: DeployedIds) -> dict[str, Any]:
    """``custom.auth`` with the deployed ids of the other clients filled in."""
    out = dict(custom)
    clients = custom.get("clients")
    if isinstance(clients, Mapping):
        out["clients"] = {
            name: (
                {"client_id": ids.client_ids[name], **entry}
                if name in ids.client_ids and isinstance(entry, Mapping)
                else entry
            )
            for name, entry in clients.items()
        }
    return out


def auth_section(static: Mapping[str, Any], ids: DeployedIds) -> dict[str, Any]:
    """The full auth section: the ids first (as Amplify orders them), then the rest."""
    auth: dict[str, Any] = {
        "user_pool_id": ids.user_pool_id,
        "aws_region": ids.aws_region,
        "user_pool_client_id": ids.user_pool_client_id,
    }
    if ids.identity_pool_id:
        auth["identity_pool_id"] = ids.identity_pool_id
    for key, value in static.items():
        auth[key] = value
        if key == "oauth" and isinstance(value, Mapping):
            auth[key] = {**value, "domain": ids.oauth_domain or value.get("domain", "")}
    return auth


def client_config(config: AuthConfig, ids: DeployedIds) -> dict[str, Any]:
    """The ``auth`` section for ``config`` deployed with ``ids``."""
    return auth_section(static_auth(config), ids)
