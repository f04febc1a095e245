"""From the Cognito API's answers to a configuration, and notes on what it cannot express.

Plain Python: no boto3, no aws_cdk. The input is :class:`~cognito_auth.adopt.read.LivePool`
(the API's own shapes); the output is an :class:`Adoption`: the configuration as a
mapping (every setting read, defaults left out by :func:`minimal`), the secrets to
create, the triggers and roles to pass in Python, and a note for each setting that the
configuration has no key for. A secret's value is never copied: providers' secrets
become references to a Secrets Manager secret whose name derives from pool and provider.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cognito_auth.config.attributes import STANDARD_ATTRIBUTES
from cognito_auth.config.auth_flows import FROM_EXPLICIT, REFRESH_FLOW
from cognito_auth.config.clients import DEFAULT_VALIDITY_MINUTES
from cognito_auth.config.root import AuthConfig
from cognito_auth.config.triggers import TRIGGERS
from cognito_auth.errors import ConfigError
from cognito_auth.guard.deployed import ATTRIBUTE_TYPES, MFA_MODES, RECOVERY_SETTINGS
from cognito_auth.naming import USER_POOL_NAME_SUFFIX, client_physical_name, identity_pool_name

if TYPE_CHECKING:
    from cognito_auth.adopt.read import LivePool

_FLOWS = FROM_EXPLICIT
_SOCIAL = {
    "Google": ("google", " "),
    "Facebook": ("facebook", ","),
    "LoginWithAmazon": ("login_with_amazon", " "),
    "SignInWithApple": ("sign_in_with_apple", " "),
}
_SECRET_DETAILS = {"client_secret": "client_secret", "private_key": "private_key"}
_VALIDITY_UNITS = {"seconds": 1 / 60, "minutes": 1, "hours": 60, "days": 24 * 60}
_DEFAULT_UNITS = {"access_token": "hours", "id_token": "hours", "refresh_token": "days"}
_API_VALIDITY = {
    "access_token": ("AccessTokenValidity", "AccessToken"),
    "id_token": ("IdTokenValidity", "IdToken"),
    "refresh_token": ("RefreshTokenValidity", "RefreshToken"),
}
_CLIENT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@+=,-]{0,63}$")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,39}$")
_SECRET_NAME_CHARS = re.compile(r"[^A-Za-z0-9/_+=.@-]")
_CDK_VERIFY_SUBJECT = "Verify your new account"
_CDK_VERIFY_BODY = "The verification code to your new account is {####}"
"""What the CDK writes when the configuration gives no verification texts."""


@dataclass(frozen=True)
class SecretNeeded:
    """A Secrets Manager secret to create before deploying (its value is never read)."""

    name: str
    provider: str
    what: str
    """``the client secret`` or ``the private key (.p8)``."""


@dataclass
class Adoption:
    """What ``adopt`` makes of a live pool."""

    config: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    """Settings the configuration cannot express, one sentence each."""
    secrets: list[SecretNeeded] = field(default_factory=list)
    triggers: list[tuple[str, str]] = field(default_factory=list)
    """(trigger name as ``AuthBackend(triggers=...)`` takes it, Lambda ARN)."""
    kms_key: str | None = None
    """The KMS key of custom sender triggers."""
    roles: list[tuple[str, str]] = field(default_factory=list)
    """(what the role is for, role ARN) of the existing identity pool roles, which the
    backend replaces with its own (groups keep theirs: ``role_arn``)."""
    client_ids: dict[str, str] = field(default_factory=dict)
    """Configuration client name -> Cognito client id."""
    files: dict[str, str] = field(default_factory=dict)
    """Other files to write beside auth.yaml (SAML metadata), name -> content."""


def secret_name(pool_id: str, provider: str) -> str:
    """The Secrets Manager name ``adopt`` gives a provider's secret:
    ``cognito-auth/POOL_ID/PROVIDER`` (characters Secrets Manager refuses become ``-``)."""
    return _SECRET_NAME_CHARS.sub("-", f"cognito-auth/{pool_id}/{provider}")


def translate(live: LivePool) -> Adoption:
    """The configuration (complete, not yet minimal) and the notes for ``live``."""
    adoption = Adoption(config={})
    pool = live.pool
    config = adoption.config
    notes = adoption.notes
    name = _base_name(str(pool.get("Name", "")))
    if name is not None:
        config["name"] = name
    else:
        notes.append(
            f"pool name {pool.get('Name')!r}: cognito-auth names the pool NAME-user-pool; "
            "this configuration sets no name, so once a deploy updates the pool its name is "
            "the one CloudFormation gives it (users are unaffected)"
        )
    config["profile"] = "production"
    if pool.get("DeletionProtection") != "ACTIVE":
        notes.append(
            "deletion protection is off: turn it on (console) before the import; profile: "
            "production sets it, but the import changes nothing and the deploy after it does "
            "not update the imported pool"
        )
    config["login_with"] = _login(live, adoption)
    config["self_sign_up"] = not (pool.get("AdminCreateUserConfig") or {}).get(
        "AllowAdminCreateUserOnly", False
    )
    config["user_attributes"] = _attributes(pool, notes)
    config["password_policy"] = _password_policy(pool)
    config["multifactor"] = _multifactor(live, notes)
    devices = pool.get("DeviceConfiguration")
    if devices:
        config["device_tracking"] = {
            "challenge_required_on_new_device": bool(
                devices.get("ChallengeRequiredOnNewDevice", False)
            ),
            "device_only_remembered_on_user_prompt": bool(
                devices.get("DeviceOnlyRememberedOnUserPrompt", False)
            ),
        }
    config["account_recovery"] = _recovery(pool, notes)
    tier = pool.get("UserPoolTier")
    if tier:
        config["feature_plan"] = str(tier).lower()
    else:
        notes.append("the API reported no feature plan (UserPoolTier): essentials is written")
    add_ons = pool.get("UserPoolAddOns") or {}
    mode = add_ons.get("AdvancedSecurityMode")
    if mode in ("AUDIT", "ENFORCED"):
        config["threat_protection"] = "audit" if mode == "AUDIT" else "enforced"
    custom_mode = (add_ons.get("AdvancedSecurityAdditionalFlows") or {}).get("CustomAuthMode")
    if custom_mode == "ENFORCED":
        notes.append(
            "threat protection of custom authentication is ENFORCED; cognito-auth only ever "
            "audits custom authentication"
        )
    config["senders"] = _senders(live, notes)
    config["groups"] = _groups(live)
    config["resource_servers"] = [
        {
            "identifier": server["Identifier"],
            "name": server["Name"],
            "scopes": [
                {"name": s["ScopeName"], "description": s["ScopeDescription"]}
                for s in server.get("Scopes") or []
            ],
        }
        for server in live.resource_servers
    ]
    config["clients"] = _clients(live, adoption, name)
    _triggers(pool, adoption)
    _identity_pool(live, adoption)
    _pool_extras(pool, notes)
    return adoption


# --- names --------------------------------------------------------------------------------


def _base_name(pool_name: str) -> str | None:
    """``shop`` for a pool named ``shop-user-pool`` (what cognito-auth names it)."""
    if pool_name.endswith(USER_POOL_NAME_SUFFIX):
        base = pool_name.removesuffix(USER_POOL_NAME_SUFFIX)
        if _NAME.match(base):
            return base
    return None


def client_config_name(client_name: str, prefix: str | None) -> str:
    """The configuration's name of a client named ``client_name`` in Cognito: without the
    ``NAME-`` prefix cognito-auth adds, made valid (spaces and other characters -> ``-``)."""
    if prefix and client_name.startswith(f"{prefix}-"):
        client_name = client_name[len(prefix) + 1 :]
    clean = re.sub(r"[^A-Za-z0-9_.@+=,-]", "-", client_name)[:64]
    if not clean or not clean[0].isalnum():
        clean = f"c{clean}"[:64]
    return clean


# --- sign-in ------------------------------------------------------------------------------


def _login(live: LivePool, adoption: Adoption) -> dict[str, Any]:
    pool = live.pool
    notes = adoption.notes
    usernames = set(pool.get("UsernameAttributes") or [])
    aliases = set(pool.get("AliasAttributes") or [])
    login: dict[str, Any] = {}
    on = usernames | aliases
    if "email" in on:
        login["email"] = {}
    if "phone_number" in on:
        login["phone"] = {}
    if not usernames:
        login["username"] = {"preferred_username": "preferred_username" in aliases}
    login["case_sensitive"] = bool(
        (pool.get("UsernameConfiguration") or {}).get("CaseSensitive", True)
    )
    _messages(pool, login, notes)
    factors = ((pool.get("Policies") or {}).get("SignInPolicy") or {}).get(
        "AllowedFirstAuthFactors"
    ) or []
    if "EMAIL_OTP" in factors:
        if "email" in login:
            login["email"]["otp_login"] = True
        else:
            notes.append("email one-time codes are a first factor, but email is no sign-in")
    if "SMS_OTP" in factors:
        if "phone" in login:
            login["phone"]["otp_login"] = True
        else:
            notes.append("SMS one-time codes are a first factor, but phone is no sign-in")
    webauthn = live.mfa.get("WebAuthnConfiguration") or {}
    if "WEB_AUTHN" in factors:
        if webauthn.get("RelyingPartyId"):
            login["webauthn"] = {
                "relying_party_id": webauthn["RelyingPartyId"],
                "user_verification": str(webauthn.get("UserVerification", "preferred")).lower(),
            }
        else:
            notes.append(
                "passkeys are a first factor with Cognito's default relying party (the "
                "pool's domain); cognito-auth needs login_with.webauthn.relying_party_id: "
                "add it before deploying"
            )
    external = _external(live, adoption)
    if external:
        login["external_providers"] = external
    return login


def _messages(pool: Mapping[str, Any], login: dict[str, Any], notes: list[str]) -> None:
    template = pool.get("VerificationMessageTemplate") or {}
    email = login.get("email")
    link = template.get("DefaultEmailOption") == "CONFIRM_WITH_LINK"
    subject = template.get("EmailSubjectByLink" if link else "EmailSubject") or pool.get(
        "EmailVerificationSubject"
    )
    body = template.get("EmailMessageByLink" if link else "EmailMessage") or pool.get(
        "EmailVerificationMessage"
    )
    if email is not None:
        if link:
            email["verification_email_style"] = "link"
        if subject:
            email["verification_email_subject"] = subject
        if body:
            email["verification_email_body"] = body
    elif (
        link or (subject and subject != _CDK_VERIFY_SUBJECT) or (body and body != _CDK_VERIFY_BODY)
    ):
        notes.append(
            "the verification email's style and texts are not kept: cognito-auth sets them "
            "only for pools whose users sign in with email"
        )
    sms = template.get("SmsMessage") or pool.get("SmsVerificationMessage")
    phone = login.get("phone")
    if phone is not None and sms:
        phone["verification_message"] = sms
    elif sms and sms != _CDK_VERIFY_BODY:
        notes.append(
            "the verification SMS text is not kept: cognito-auth sets it only for pools "
            "whose users sign in with a phone number"
        )
    invite = (pool.get("AdminCreateUserConfig") or {}).get("InviteMessageTemplate") or {}
    invitation = {
        key: invite[api]
        for key, api in (
            ("email_subject", "EmailSubject"),
            ("email_body", "EmailMessage"),
            ("sms_message", "SMSMessage"),
        )
        if invite.get(api)
    }
    if invitation:
        if email is not None:
            email["user_invitation"] = invitation
        else:
            notes.append(
                "the invitation message texts are not kept: cognito-auth sets them only for "
                "pools whose users sign in with email"
            )


# --- attributes, passwords, MFA, recovery ------------------------------------------------


def _attributes(pool: Mapping[str, Any], notes: list[str]) -> dict[str, Any]:
    # Cognito lists every standard attribute (moto only some): one it does not list has
    # Cognito's defaults, as check-deployed reads it.
    attributes: dict[str, Any] = {
        name: {"required": False, "mutable": True} for name in STANDARD_ATTRIBUTES
    }
    custom: dict[str, Any] = {}
    for attribute in pool.get("SchemaAttributes") or []:
        name = str(attribute["Name"])
        if name in STANDARD_ATTRIBUTES:
            attributes[name] = {
                "required": bool(attribute.get("Required", False)),
                "mutable": bool(attribute.get("Mutable", True)),
            }
            continue
        if not name.startswith(("custom:", "dev:custom:")):
            continue  # sub, the *_verified flags, identities: in every pool
        short = name.removeprefix("dev:").removeprefix("custom:")
        if attribute.get("DeveloperOnlyAttribute") or name.startswith("dev:"):
            notes.append(
                f"custom attribute {short!r} is developer-only; cognito-auth has no key for "
                "that, and the template cannot remove it: it stays in the pool, unlisted"
            )
            continue
        kind = ATTRIBUTE_TYPES.get(str(attribute.get("AttributeDataType", "String")), "string")
        entry: dict[str, Any] = {"data_type": kind, "mutable": bool(attribute.get("Mutable", True))}
        if kind == "string":
            limits = attribute.get("StringAttributeConstraints") or {}
            if limits.get("MinLength") not in (None, ""):
                entry["min_length"] = int(limits["MinLength"])
            if limits.get("MaxLength") not in (None, ""):
                entry["max_length"] = int(limits["MaxLength"])
        if kind == "number":
            limits = attribute.get("NumberAttributeConstraints") or {}
            if limits.get("MinValue") not in (None, ""):
                entry["min_value"] = int(limits["MinValue"])
            if limits.get("MaxValue") not in (None, ""):
                entry["max_value"] = int(limits["MaxValue"])
        custom[short] = entry
    if custom:
        attributes["custom"] = custom
    return attributes


def _password_policy(pool: Mapping[str, Any]) -> dict[str, Any]:
    policy = (pool.get("Policies") or {}).get("PasswordPolicy") or {}
    return {
        "min_length": int(policy.get("MinimumLength", 8)),
        "require_lowercase": bool(policy.get("RequireLowercase", False)),
        "require_uppercase": bool(policy.get("RequireUppercase", False)),
        "require_digits": bool(policy.get("RequireNumbers", False)),
        "require_symbols": bool(policy.get("RequireSymbols", False)),
        "temp_password_validity_days": int(policy.get("TemporaryPasswordValidityDays", 7)),
        "password_history_size": int(policy.get("PasswordHistorySize") or 0),
    }


def _multifactor(live: LivePool, notes: list[str]) -> dict[str, Any]:
    mode = MFA_MODES.get(str(live.pool.get("MfaConfiguration", "OFF")), "off")
    if mode == "off":
        return {"mode": "off", "totp": False}
    mfa = live.mfa
    out: dict[str, Any] = {
        "mode": mode,
        "totp": bool((mfa.get("SoftwareTokenMfaConfiguration") or {}).get("Enabled")),
    }
    sms = mfa.get("SmsMfaConfiguration")
    if sms is not None:
        message = sms.get("SmsAuthenticationMessage") or live.pool.get("SmsAuthenticationMessage")
        out["sms"] = {"message": message} if message else True
    email = mfa.get("EmailMfaConfiguration")
    if email is not None:
        out["email"] = True
        if email.get("Message") or email.get("Subject"):
            notes.append(
                "the email MFA message and subject are not kept: cognito-auth has no key for "
                "them (Cognito's default texts once a deploy updates the pool)"
            )
    return out


def _recovery(pool: Mapping[str, Any], notes: list[str]) -> str | None:
    mechanisms = sorted(
        (pool.get("AccountRecoverySetting") or {}).get("RecoveryMechanisms") or [],
        key=lambda m: m.get("Priority", 0),
    )
    names = tuple(str(m["Name"]) for m in mechanisms)
    found = RECOVERY_SETTINGS.get(names)
    if found is None:
        notes.append(f"account recovery {list(names)} has no equivalent; email_only is written")
        return "email_only"
    return found


def _senders(live: LivePool, notes: list[str]) -> dict[str, Any]:
    pool = live.pool
    senders: dict[str, Any] = {}
    email = pool.get("EmailConfiguration") or {}
    if email.get("EmailSendingAccount") == "DEVELOPER" and email.get("SourceArn"):
        arn = str(email["SourceArn"])
        identity = arn.split(":identity/", 1)[-1]
        region = arn.split(":")[3] if arn.count(":") >= 5 else ""
        sender_from = str(email.get("From") or "")
        match = re.match(r"^\s*(.*?)\s*<([^>]+)>\s*$", sender_from)
        from_name, from_email = (match[1], match[2]) if match else (None, sender_from or identity)
        entry: dict[str, Any] = {"from_email": from_email}
        if from_name:
            entry["from_name"] = from_name.strip('"')
        if email.get("ReplyToEmailAddress"):
            entry["reply_to"] = email["ReplyToEmailAddress"]
        if email.get("ConfigurationSet"):
            entry["configuration_set"] = email["ConfigurationSet"]
        if region and region != live.region:
            entry["ses_region"] = region
        if identity != from_email:
            entry["ses_verified_domain"] = identity
        senders["email"] = entry
    sms = pool.get("SmsConfiguration") or {}
    if sms.get("SnsCallerArn"):
        entry = {"sns_caller_arn": sms["SnsCallerArn"]}
        if sms.get("ExternalId"):
            entry["external_id"] = sms["ExternalId"]
        if sms.get("SnsRegion") and sms["SnsRegion"] != live.region:
            entry["sns_region"] = sms["SnsRegion"]
        senders["sms"] = entry
    return senders


# --- groups, clients, providers, domain ---------------------------------------------------


def _groups(live: LivePool) -> list[dict[str, Any]]:
    groups = []
    for group in live.groups:
        entry: dict[str, Any] = {"name": group["GroupName"]}
        entry["precedence"] = group.get("Precedence")
        if group.get("Description"):
            entry["description"] = group["Description"]
        # The group's role is kept as it is (or its lack of one, where the identity pool is
        # adopted and would give it the backend's role): the import then changes no
        # member's access, and the group's definition refers to no role that the stack
        # does not hold yet, so it is imported in the same operation as the pool.
        if group.get("RoleArn"):
            entry["role_arn"] = str(group["RoleArn"])
        elif live.identity_pool is not None:
            entry["iam_role"] = False
        groups.append(entry)
    return groups


def _validity(client: Mapping[str, Any], key: str) -> int:
    """A token lifetime in minutes, from the API's value and unit."""
    api_key, unit_key = _API_VALIDITY[key]
    value = client.get(api_key)
    if value is None:
        return DEFAULT_VALIDITY_MINUTES[key]
    unit = (client.get("TokenValidityUnits") or {}).get(unit_key) or _DEFAULT_UNITS[key]
    return int(value * _VALIDITY_UNITS[str(unit)])


def _duration(minutes: int) -> str:
    for suffix, size in (("d", 1440), ("h", 60)):
        if minutes % size == 0:
            return f"{minutes // size}{suffix}"
    return f"{minutes}m"


def _clients(live: LivePool, adoption: Adoption, prefix: str | None) -> list[dict[str, Any]]:
    notes = adoption.notes
    out: list[dict[str, Any]] = []
    taken: set[str] = set()
    for client in live.clients:
        cognito_name = str(client.get("ClientName", ""))
        name = client_config_name(cognito_name, prefix)
        while name in taken:
            name = f"{name[:60]}-{len(taken)}"
        taken.add(name)
        adoption.client_ids[name] = str(client["ClientId"])
        kept = prefix is not None and cognito_name == client_physical_name(prefix, name)
        if not kept:
            notes.append(
                f"client {cognito_name!r} is '{name}' here: its physical name is not kept "
                "(cognito-auth names clients NAME-CLIENT); its client id does not change"
            )
        out.append(_client(client, name, notes))
    return out


def _client(client: Mapping[str, Any], name: str, notes: list[str]) -> dict[str, Any]:
    oauth_flows = list(client.get("AllowedOAuthFlows") or [])
    oauth_on = bool(client.get("AllowedOAuthFlowsUserPoolClient"))
    secret = bool(client.get("ClientSecret"))
    where = f"client {name!r}"
    if secret and oauth_on and "client_credentials" in oauth_flows:
        kind = "machine"
        if set(oauth_flows) - {"client_credentials"}:
            notes.append(
                f"{where} mixes client credentials with user grants; adopted as a machine "
                "client (client credentials only)"
            )
    elif secret:
        kind = "server"
    else:
        callbacks = client.get("CallbackURLs") or []
        native = bool(callbacks) and not any(
            str(u).startswith(("https://", "http://")) for u in callbacks
        )
        kind = "native" if native else "spa"
    entry: dict[str, Any] = {"name": name, "kind": kind}
    if "implicit" in oauth_flows:
        notes.append(f"{where}: the implicit grant is not kept (cognito-auth uses the code grant)")
    if oauth_on and kind != "machine":
        entry["callback_urls"] = list(client.get("CallbackURLs") or [])
        entry["logout_urls"] = list(client.get("LogoutURLs") or [])
    if oauth_on:
        entry["scopes"] = list(client.get("AllowedOAuthScopes") or [])
    elif client.get("CallbackURLs"):
        notes.append(f"{where} lists callback URLs but OAuth is off for it: they are not kept")
    validity = {key: _validity(client, key) for key in _API_VALIDITY}
    token_validity = {
        key: _duration(minutes)
        for key, minutes in validity.items()
        if minutes != DEFAULT_VALIDITY_MINUTES[key] and (kind != "machine" or key == "access_token")
    }
    if kind == "machine" and any(
        validity[k] != DEFAULT_VALIDITY_MINUTES[k] for k in ("id_token", "refresh_token")
    ):
        notes.append(f"{where}: ID and refresh token lifetimes of a machine client are not kept")
    if token_validity:
        entry["token_validity"] = token_validity
    entry["token_revocation"] = bool(client.get("EnableTokenRevocation", True))
    if kind != "machine":
        if client.get("ReadAttributes"):
            entry["read_attributes"] = sorted(client["ReadAttributes"])
        if client.get("WriteAttributes"):
            entry["write_attributes"] = sorted(client["WriteAttributes"])
    explicit = list(client.get("ExplicitAuthFlows") or [])
    if not explicit and kind != "machine":
        notes.append(
            f"{where} sets no auth flows (Cognito's default: SRP, custom and refresh); it is "
            "adopted with SRP sign-in and refresh"
        )
    flows = [_FLOWS[f] for f in explicit if f in _FLOWS]
    unknown = [f for f in explicit if f not in _FLOWS and f != REFRESH_FLOW]
    if unknown:
        notes.append(f"{where}: auth flows {unknown} have no equivalent and are not kept")
    rotation_on = (client.get("RefreshTokenRotation") or {}).get("Feature") == "ENABLED"
    if "ALLOW_REFRESH_TOKEN_AUTH" not in explicit and not rotation_on:
        notes.append(
            f"{where} does not allow the refresh flow; cognito-auth allows it (unless refresh "
            "tokens rotate): ALLOW_REFRESH_TOKEN_AUTH is added once a deploy updates the client"
        )
    if kind == "machine":
        if flows:
            notes.append(f"{where}: a machine client allows no user sign-in flow; {flows} dropped")
    elif list(dict.fromkeys(flows)) not in ([], ["user_srp"]):
        entry["auth_flows"] = list(dict.fromkeys(flows))  # SRP alone is the default
    entry["prevent_user_existence_errors"] = client.get("PreventUserExistenceErrors") == "ENABLED"
    rotation = client.get("RefreshTokenRotation") or {}
    if rotation.get("Feature") == "ENABLED":
        entry["refresh_token_rotation"] = {
            "retry_grace_period_seconds": int(rotation.get("RetryGracePeriodSeconds") or 0)
        }
    if not client.get("SupportedIdentityProviders"):
        notes.append(
            f"{where} lists no identity provider; cognito-auth lists the pool's own sign-in "
            "(COGNITO) and every provider on user clients"
        )
    validity_minutes = client.get("AuthSessionValidity")
    if validity_minutes not in (None, 3):
        notes.append(f"{where}: the session lifetime ({validity_minutes} min) is not kept (3 min)")
    if client.get("DefaultRedirectURI"):
        notes.append(f"{where}: the default redirect URI is not kept")
    if client.get("AnalyticsConfiguration"):
        notes.append(f"{where}: the Pinpoint analytics configuration is not kept")
    if client.get("EnablePropagateAdditionalUserContextData"):
        notes.append(f"{where}: propagating additional user context data is not kept")
    return entry


def _external(live: LivePool, adoption: Adoption) -> dict[str, Any]:
    notes = adoption.notes
    external: dict[str, Any] = {}
    pool_id = live.pool_id
    names = []
    for provider in live.providers:
        kind = str(provider["ProviderType"])
        name = str(provider["ProviderName"])
        names.append(name)
        details = dict(provider.get("ProviderDetails") or {})
        mapping = {
            str(k): str(v)
            for k, v in (provider.get("AttributeMapping") or {}).items()
            if not (k == "username" and v == "sub")
        }
        if "username" in mapping:
            notes.append(f"provider {name!r}: its mapping of username is not kept")
            mapping.pop("username")
        entry: dict[str, Any] = {"attribute_mapping": mapping}
        for detail in _SECRET_DETAILS:
            if detail in details:
                secret = secret_name(pool_id, name)
                entry[detail] = {"secrets_manager": secret}
                adoption.secrets.append(
                    SecretNeeded(
                        secret,
                        name,
                        "the private key (.p8 content)"
                        if detail == "private_key"
                        else "the client secret",
                    )
                )
        if kind in _SOCIAL:
            key, separator = _SOCIAL[kind]
            entry["client_id"] = details.get("client_id", "")
            scopes = [s for s in str(details.get("authorize_scopes", "")).split(separator) if s]
            entry["scopes"] = scopes
            if kind == "Facebook" and details.get("api_version"):
                entry["api_version"] = details["api_version"]
            if kind == "SignInWithApple":
                entry["team_id"] = details.get("team_id", "")
                entry["key_id"] = details.get("key_id", "")
            if name != kind:  # pragma: no cover - Cognito names social providers by type
                notes.append(f"provider {name!r} of type {kind}: its name is not kept")
            external[key] = entry
        elif kind == "OIDC":
            entry.update(
                name=name,
                client_id=details.get("client_id", ""),
                issuer_url=details.get("oidc_issuer", ""),
                scopes=[s for s in str(details.get("authorize_scopes", "")).split(" ") if s],
                attribute_request_method=details.get("attributes_request_method", "GET"),
            )
            if provider.get("IdpIdentifiers"):
                entry["identifiers"] = list(provider["IdpIdentifiers"])
            endpoints = {
                "authorization": details.get("authorize_url"),
                "token": details.get("token_url"),
                "userinfo": details.get("attributes_url"),
                "jwks_uri": details.get("jwks_uri"),
            }
            if all(endpoints.values()) and _explicit_endpoints(details):
                entry["endpoints"] = endpoints
            external.setdefault("oidc", []).append(entry)
        elif kind == "SAML":
            entry["name"] = name
            if provider.get("IdpIdentifiers"):
                entry["identifiers"] = list(provider["IdpIdentifiers"])
            if details.get("MetadataURL"):
                entry["metadata"] = {"url": details["MetadataURL"]}
            else:
                file = f"saml-{re.sub(r'[^A-Za-z0-9_.-]', '-', name)}.xml"
                adoption.files[file] = str(details.get("MetadataFile", ""))
                entry["metadata"] = {"file": file}
            entry["idp_signout"] = str(details.get("IDPSignout", "false")).lower() == "true"
            entry["encrypted_responses"] = (
                str(details.get("EncryptedResponses", "false")).lower() == "true"
            )
            if details.get("RequestSigningAlgorithm"):
                entry["request_signing_algorithm"] = str(details["RequestSigningAlgorithm"])
            entry["idp_initiated"] = str(details.get("IDPInit", "false")).lower() == "true"
            external.setdefault("saml", []).append(entry)
        else:
            notes.append(f"provider {name!r} of type {kind} has no equivalent and is not kept")
    default = _default_client(live)
    if default is not None and (names or live.domain):
        oauth = bool(default.get("AllowedOAuthFlowsUserPoolClient"))
        external["callback_urls"] = list(default.get("CallbackURLs") or []) if oauth else []
        external["logout_urls"] = list(default.get("LogoutURLs") or []) if oauth else []
        scopes = list(default.get("AllowedOAuthScopes") or [])
        cognito_scopes = [s for s in scopes if "/" not in s]
        if cognito_scopes:
            external["scopes"] = cognito_scopes
        listed = set(default.get("SupportedIdentityProviders") or [])
        external["allow_cognito_sign_in"] = "COGNITO" in listed
        for client in live.clients:
            others = set(client.get("SupportedIdentityProviders") or []) - {"COGNITO"}
            if client.get("AllowedOAuthFlowsUserPoolClient") and others and others != set(names):
                notes.append(
                    f"client {client.get('ClientName')!r} offers only some providers "
                    f"({', '.join(sorted(others))}); cognito-auth offers every provider on "
                    "every user client"
                )
    domain = live.domain
    if domain is not None:
        certificate = (domain.get("CustomDomainConfig") or {}).get("CertificateArn")
        if certificate:
            external["custom_domain"] = {
                "domain_name": domain["Domain"],
                "certificate_arn": certificate,
            }
        else:
            external["domain_prefix"] = domain["Domain"]
        if domain.get("ManagedLoginVersion") == 2:
            external["managed_login_version"] = "managed_login"
            notes.append(
                "managed login: cognito-auth gives each hosted client Cognito's default "
                "style (a new ManagedLoginBranding at deploy); a client that already has a "
                "style must have it deleted first, or that deploy fails"
            )
    if not names and domain is None:
        return {}
    return external


def _explicit_endpoints(details: Mapping[str, Any]) -> bool:
    """Whether the endpoints were given rather than discovered: Cognito reports discovered
    ones too, so only ``jwks_uri`` absent from the issuer's host counts as explicit."""
    issuer = str(details.get("oidc_issuer", ""))
    host = issuer.split("/")[2] if issuer.count("/") >= 2 else issuer
    return not all(
        host and str(details.get(key, "")).split("/")[2:3] == [host]
        for key in ("authorize_url", "token_url", "attributes_url", "jwks_uri")
    )


def _default_client(live: LivePool) -> Mapping[str, Any] | None:
    """The client whose OAuth settings become ``external_providers``': the first user
    client using the hosted pages, else the first client."""
    for client in live.clients:
        if client.get("AllowedOAuthFlowsUserPoolClient") and "client_credentials" not in (
            client.get("AllowedOAuthFlows") or []
        ):
            return client
    return live.clients[0] if live.clients else None


# --- triggers, identity pool, the rest ----------------------------------------------------


def _triggers(pool: Mapping[str, Any], adoption: Adoption) -> None:
    config = pool.get("LambdaConfig") or {}
    for name, trigger in TRIGGERS.items():
        value = config.get(trigger.lambda_config_key)
        if value is None:
            continue
        if isinstance(value, Mapping):
            if trigger.version is not None and value.get("LambdaVersion") != trigger.version:
                continue
            arn = value.get("LambdaArn")
        else:
            if trigger.version is not None and trigger.version != "V1_0":
                continue
            arn = value
        if arn:
            adoption.triggers.append((name, str(arn)))
    if config.get("KMSKeyID"):
        adoption.kms_key = str(config["KMSKeyID"])


def _identity_pool(live: LivePool, adoption: Adoption) -> None:
    config = adoption.config
    identity = live.identity_pool
    if identity is None:
        config["identity_pool"] = False
        return
    config["identity_pool"] = True
    config["guest_access"] = bool(identity.get("AllowUnauthenticatedIdentities"))
    name = config.get("name")
    expected_name = identity_pool_name(str(name)) if name else None
    if identity.get("IdentityPoolName") != expected_name:
        adoption.notes.append(
            f"identity pool name {identity.get('IdentityPoolName')!r} is not kept "
            "(cognito-auth names it NAME_identity_pool)"
        )
    social = identity.get("SupportedLoginProviders") or {}
    external = config["login_with"].get("external_providers")
    if external is not None:
        external["identity_pool_federation"] = bool(social)
    if social and external is None:
        adoption.notes.append(
            f"identity pool login providers {sorted(social)} are not kept: cognito-auth "
            "registers the social providers of the user pool only"
        )
    if identity.get("DeveloperProviderName"):
        adoption.notes.append("the identity pool's developer provider is not kept")
    for key in ("OpenIdConnectProviderARNs", "SamlProviderARNs"):
        if identity.get(key):
            adoption.notes.append(f"the identity pool's {key} are not kept")
    if identity.get("AllowClassicFlow"):
        adoption.notes.append("the identity pool's classic (basic) flow is not kept")
    roles = live.identity_pool_roles or {}
    for kind, arn in sorted((roles.get("Roles") or {}).items()):
        adoption.roles.append((f"identity pool {kind} role", str(arn)))
    if roles.get("RoleMappings"):
        adoption.notes.append(
            "the identity pool's role mappings name the existing roles; cognito-auth maps "
            "tokens to its own roles (write role_mapping_rules for rule-based mappings)"
        )


def _pool_extras(pool: Mapping[str, Any], notes: list[str]) -> None:
    if pool.get("UserPoolTags"):
        notes.append(
            f"tags {sorted(pool['UserPoolTags'])} are not kept by the configuration: add "
            "them with cdk.Tags.of(backend).add(...)"
        )
    if (pool.get("UserAttributeUpdateSettings") or {}).get(
        "AttributesRequireVerificationBeforeUpdate"
    ) not in (None, [], pool.get("AutoVerifiedAttributes") or []):
        notes.append(
            "the attributes kept unchanged until verified differ from the verified ones; "
            "cognito-auth keeps exactly the auto-verified attributes"
        )
    lambda_config = pool.get("LambdaConfig") or {}
    known = {t.lambda_config_key for t in TRIGGERS.values()} | {"KMSKeyID"}
    for key in sorted(set(lambda_config) - known):
        notes.append(f"trigger {key} has no equivalent and is not kept")


# --- defaults left out --------------------------------------------------------------------


def minimal(config: Mapping[str, Any]) -> dict[str, Any]:
    """``config`` without any key whose removal validates to the same configuration:
    what remains is what differs from cognito-auth's defaults. Raises
    :class:`~cognito_auth.ConfigError` when ``config`` itself is not valid."""
    target = AuthConfig.model_validate(config)
    current: dict[str, Any] = _copy(config)
    for path in list(_paths(current)):
        trial = _copy(current)
        if not _delete(trial, path):
            continue
        if _same(trial, target):
            current = trial
    tidy: dict[str, Any] = _tidy(current)
    return tidy


def _same(data: Mapping[str, Any], target: AuthConfig) -> bool:
    try:
        return AuthConfig.model_validate(data) == target
    except ConfigError:
        return False


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key path, parents before their children (a removed parent takes its
    children along: their later trials find nothing to delete)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, dict):
                yield from _paths(value, (*prefix, index))


def _delete(data: Any, path: tuple[Any, ...]) -> bool:
    for key in path[:-1]:
        if (isinstance(data, dict) and key in data) or (
            isinstance(data, list) and isinstance(key, int) and key < len(data)
        ):
            data = data[key]
        else:
            return False
    if isinstance(data, dict) and path[-1] in data:
        del data[path[-1]]
        return True
    return False


def _copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


_ON_OFF = {
    ("login_with", "email"),
    ("login_with", "phone"),
    ("login_with", "username"),
    ("multifactor", "sms"),
    ("", "device_tracking"),
    ("clients", "refresh_token_rotation"),
}
"""(parent key, key) of the options written ``true`` or as an object."""


def _tidy(data: Any, key: Any = "", parent: Any = "") -> Any:
    """``{}`` of an on/off option -> ``true``; a standard attribute left at its defaults ->
    ``{required: false}`` (it differs from the default that sign-in gives it); a group or
    client that is only a name -> the name."""
    if isinstance(data, dict):
        tidy = {k: _tidy(v, k, key) for k, v in data.items()}
        if not tidy and (parent, key) in _ON_OFF:
            return True
        if not tidy and parent == "user_attributes":
            return {"required": False}
        return tidy
    if isinstance(data, list):
        items = [_tidy(v, key, parent) for v in data]
        if key in ("groups", "clients"):
            return [
                item["name"] if isinstance(item, dict) and set(item) == {"name"} else item
                for item in items
            ]
        return items
    return data
