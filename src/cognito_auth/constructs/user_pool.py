"""The user pool: translation of the configuration into ``aws_cognito.UserPool`` props."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aws_cdk import RemovalPolicy, Stack
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from constructs import Construct

from cognito_auth.config import AuthConfig, CustomAttribute
from cognito_auth.constructs._values import days
from cognito_auth.naming import user_pool_name

if TYPE_CHECKING:  # a key is made only for custom senders (constructs/triggers.py)
    from aws_cdk import aws_kms as kms

CDK_STANDARD_NAMES: dict[str, str] = {
    "address": "address",
    "birthdate": "birthdate",
    "email": "email",
    "family_name": "family_name",
    "gender": "gender",
    "given_name": "given_name",
    "locale": "locale",
    "middle_name": "middle_name",
    "name": "fullname",
    "nickname": "nickname",
    "phone_number": "phone_number",
    "picture": "profile_picture",
    "preferred_username": "preferred_username",
    "profile": "profile_page",
    "updated_at": "last_update_time",
    "website": "website",
    "zoneinfo": "timezone",
}
"""Cognito's attribute names (the configuration's) -> the CDK's StandardAttributes names."""

_RECOVERY = {
    "email_only": cognito.AccountRecovery.EMAIL_ONLY,
    "phone_only_without_mfa": cognito.AccountRecovery.PHONE_ONLY_WITHOUT_MFA,
    "phone_and_email": cognito.AccountRecovery.PHONE_AND_EMAIL,
    "email_and_phone_without_mfa": cognito.AccountRecovery.EMAIL_AND_PHONE_WITHOUT_MFA,
    "phone_without_mfa_and_email": cognito.AccountRecovery.PHONE_WITHOUT_MFA_AND_EMAIL,
    "none": cognito.AccountRecovery.NONE,
}
_MFA = {"off": cognito.Mfa.OFF, "optional": cognito.Mfa.OPTIONAL, "required": cognito.Mfa.REQUIRED}
_THREAT_PROTECTION = {
    "audit": cognito.StandardThreatProtectionMode.AUDIT_ONLY,
    "enforced": cognito.StandardThreatProtectionMode.FULL_FUNCTION,
}
_PASSKEY_VERIFICATION = {
    "preferred": cognito.PasskeyUserVerification.PREFERRED,
    "required": cognito.PasskeyUserVerification.REQUIRED,
}
_PLAN = {
    "lite": cognito.FeaturePlan.LITE,
    "essentials": cognito.FeaturePlan.ESSENTIALS,
    "plus": cognito.FeaturePlan.PLUS,
}


def auto_verified(config: AuthConfig) -> tuple[bool, bool]:
    """(email, phone): which attributes Cognito verifies by sending a code.

    As Amplify: the attributes users sign in with. Also the phone number when it
    is required and SMS is a second factor, so that SMS MFA can reach it.
    """
    login = config.login_with
    email = login.email is not None
    phone = login.phone is not None or (
        "sms" in config.mfa_factors and config.user_attributes.phone_number.required
    )
    return email, phone


def uses_sms(config: AuthConfig) -> bool:
    """Whether Cognito sends any SMS for this pool (and so needs an SNS role): phone
    verification, SMS MFA, SMS sign-in codes, recovery by phone, or an explicit
    ``senders.sms``."""
    _, phone_verified = auto_verified(config)
    return (
        phone_verified
        or "sms" in config.mfa_factors
        or "sms_otp" in config.login_with.passwordless_factors
        or config.senders.sms is not None
        or "phone" in config.effective_account_recovery
    )


def sign_in_policy(config: AuthConfig) -> cognito.SignInPolicy | None:
    """The first factors users may choose, only when a passwordless one is on (the password
    is always allowed: Cognito cannot turn it off)."""
    factors = config.login_with.passwordless_factors
    if not factors:
        return None
    return cognito.SignInPolicy(
        allowed_first_auth_factors=cognito.AllowedFirstAuthFactors(
            password=True,
            email_otp="email_otp" in factors,
            sms_otp="sms_otp" in factors,
            passkey="web_authn" in factors,
        )
    )


def security_props(config: AuthConfig, *, custom_auth: bool) -> dict[str, Any]:
    """Threat protection, passkeys and remembered devices."""
    props: dict[str, Any] = {}
    mode = config.threat_protection_mode
    if mode is not None:
        props["standard_threat_protection_mode"] = _THREAT_PROTECTION[mode]
        if custom_auth:
            # AWS advises against enforcing threat protection on custom authentication.
            props["custom_threat_protection_mode"] = cognito.CustomThreatProtectionMode.AUDIT_ONLY
    webauthn = config.login_with.webauthn
    if webauthn is not None:
        props["passkey_relying_party_id"] = webauthn.relying_party_id
        props["passkey_user_verification"] = _PASSKEY_VERIFICATION[webauthn.user_verification]
    devices = config.device_tracking
    if devices is not None:
        props["device_tracking"] = cognito.DeviceTracking(
            challenge_required_on_new_device=devices.challenge_required_on_new_device,
            device_only_remembered_on_user_prompt=devices.device_only_remembered_on_user_prompt,
        )
    return props


def standard_attributes(config: AuthConfig) -> cognito.StandardAttributes:
    """Only the attributes whose settings differ from Cognito's defaults are written."""
    given = {
        CDK_STANDARD_NAMES[name]: cognito.StandardAttribute(
            required=attribute.required, mutable=attribute.mutable
        )
        for name, attribute in config.user_attributes.standard().items()
        if not attribute.is_default
    }
    return cognito.StandardAttributes(**given)


def custom_attribute(attribute: CustomAttribute) -> cognito.ICustomAttribute:
    kind = attribute.data_type
    if kind == "string":
        return cognito.StringAttribute(
            min_len=attribute.min_length,
            max_len=attribute.max_length,
            mutable=attribute.mutable,
        )
    if kind == "number":
        return cognito.NumberAttribute(
            min=attribute.min_value, max=attribute.max_value, mutable=attribute.mutable
        )
    if kind == "boolean":
        return cognito.BooleanAttribute(mutable=attribute.mutable)
    return cognito.DateTimeAttribute(mutable=attribute.mutable)


def verification(config: AuthConfig) -> cognito.UserVerificationConfig:
    email = config.login_with.email
    phone = config.login_with.phone
    kwargs: dict[str, Any] = {}
    if email is not None:
        kwargs["email_style"] = (
            cognito.VerificationEmailStyle.LINK
            if email.verification_email_style == "link"
            else cognito.VerificationEmailStyle.CODE
        )
        if email.verification_email_subject is not None:
            kwargs["email_subject"] = email.verification_email_subject
        if email.verification_email_body is not None:
            kwargs["email_body"] = email.verification_email_body
    if phone is not None and phone.verification_message is not None:
        kwargs["sms_message"] = phone.verification_message
    return cognito.UserVerificationConfig(**kwargs)


def invitation(config: AuthConfig) -> cognito.UserInvitationConfig | None:
    email = config.login_with.email
    if email is None or email.user_invitation is None:
        return None
    invite = email.user_invitation
    return cognito.UserInvitationConfig(
        email_subject=invite.email_subject,
        email_body=invite.email_body,
        sms_message=invite.sms_message,
    )


def email_settings(scope: Construct, config: AuthConfig) -> cognito.UserPoolEmail | None:
    """SES when a sender is configured. Without ``ses_region`` the stack's region is used,
    also for an environment-agnostic stack (where it is resolved at deploy time)."""
    sender = config.senders.email
    if sender is None:
        return None
    return cognito.UserPoolEmail.with_ses(
        from_email=sender.from_email,
        from_name=sender.from_name,
        reply_to=sender.reply_to,
        configuration_set_name=sender.configuration_set,
        ses_region=sender.ses_region or Stack.of(scope).region,
        ses_verified_domain=sender.ses_verified_domain,
    )


def password_policy(config: AuthConfig) -> cognito.PasswordPolicy:
    policy = config.password_policy
    return cognito.PasswordPolicy(
        min_length=policy.min_length,
        require_lowercase=policy.require_lowercase,
        require_uppercase=policy.require_uppercase,
        require_digits=policy.require_digits,
        require_symbols=policy.require_symbols,
        temp_password_validity=days(policy.temp_password_validity_days),
        password_history_size=policy.password_history_size or None,
    )


def user_pool_props(
    scope: Construct,
    config: AuthConfig,
    *,
    custom_auth: bool = False,
    sender_key: kms.IKey | None = None,
) -> dict[str, Any]:
    """Every ``aws_cognito.UserPool`` keyword argument for this configuration.
    ``custom_auth``: custom challenges are used (a define_auth_challenge trigger);
    ``sender_key``: the KMS key of the custom sender triggers."""
    login = config.login_with
    email_verified, phone_verified = auto_verified(config)
    mfa = config.multifactor
    factors = config.mfa_factors
    production = config.profile == "production"
    # A pool whose users all come from identity providers is a plain username pool:
    # federated users are named after their provider (``Okta_...``).
    provider_only = not login.sign_in_attributes
    props: dict[str, Any] = {
        "sign_in_aliases": cognito.SignInAliases(
            username=login.username is not None or provider_only,
            email=login.email is not None,
            phone=login.phone is not None,
            preferred_username=login.username is not None and login.username.preferred_username,
        ),
        "sign_in_case_sensitive": login.case_sensitive,
        "auto_verify": (
            cognito.AutoVerifiedAttrs(email=email_verified, phone=phone_verified)
            if email_verified or phone_verified or not provider_only
            else None
        ),
        "keep_original": (
            cognito.KeepOriginalAttrs(email=email_verified, phone=phone_verified)
            if email_verified or phone_verified
            else None
        ),
        "self_sign_up_enabled": config.self_sign_up,
        "standard_attributes": standard_attributes(config),
        "custom_attributes": {
            name: custom_attribute(attribute)
            for name, attribute in sorted(config.user_attributes.custom.items())
        }
        or None,
        "password_policy": password_policy(config),
        "sign_in_policy": sign_in_policy(config),
        "mfa": _MFA[mfa.mode],
        "mfa_second_factor": (
            cognito.MfaSecondFactor(
                sms="sms" in factors, otp="totp" in factors, email="email" in factors
            )
            if factors
            else None
        ),
        "mfa_message": mfa.sms.message if mfa.sms is not None and factors else None,
        "account_recovery": _RECOVERY[config.effective_account_recovery],
        "feature_plan": _PLAN[config.feature_plan],
        "user_verification": verification(config),
        "user_invitation": invitation(config),
        "email": email_settings(scope, config),
        "deletion_protection": production,
        "removal_policy": RemovalPolicy.RETAIN if production else RemovalPolicy.DESTROY,
        "enable_sms_role": uses_sms(config),
        "custom_sender_kms_key": sender_key,
        **security_props(config, custom_auth=custom_auth),
    }
    if config.name:
        props["user_pool_name"] = user_pool_name(config.name)
    sms = config.senders.sms
    if sms is not None:
        if sms.sns_caller_arn is not None:
            props["sms_role"] = iam.Role.from_role_arn(
                scope, "SmsRole", sms.sns_caller_arn, mutable=False
            )
            props["sms_role_external_id"] = sms.external_id
        if sms.sns_region is not None:
            props["sns_region"] = sms.sns_region
    return {k: v for k, v in props.items() if v is not None}
