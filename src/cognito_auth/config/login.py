"""How users sign in: ``login_with``."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import BeforeValidator, Field, model_validator

from cognito_auth.config._base import (
    Change,
    Immutable,
    Model,
    TextRule,
    each,
    on_off,
    problem,
    raise_problems,
    text_problems,
)
from cognito_auth.config._patterns import containing, either
from cognito_auth.config.passwordless import PreferredChallenge, WebAuthn
from cognito_auth.config.providers import ExternalProviders

CODE = (r"\{####\}", "{####}")
USERNAME = (r"\{username\}", "{username}")
LINK = (r"\{##[^#{}]+##\}", "{##Verify Email##}")
SUBJECT = TextRule(1, 140)
INVITATION_EMAIL = TextRule(6, 20000, (USERNAME, CODE))
INVITATION_SMS = TextRule(6, 140, (USERNAME, CODE))
VERIFICATION_EMAIL = TextRule(6, 20000)
"""The verification email's length; its placeholder depends on the style (CODE or LINK)."""
SMS_CODE = TextRule(6, 140, (CODE,))
"""An SMS that carries a code (phone verification, SMS MFA)."""


class UserInvitation(Model):
    """The message sent to a user created by an administrator."""

    email_subject: Annotated[str | None, SUBJECT.schema()] = None
    """Subject of the invitation email. Default: Cognito's "Your temporary password"."""
    email_body: Annotated[str | None, INVITATION_EMAIL.schema()] = None
    """Body of the invitation email; must contain {username} and {####} (the temporary
    password). Default: Cognito's standard invitation text."""
    sms_message: Annotated[str | None, INVITATION_SMS.schema()] = None
    """Invitation SMS; must contain {username} and {####}. Default: Cognito's standard text."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        raise_problems(
            each(
                SUBJECT.problems("email_subject", self.email_subject),
                INVITATION_EMAIL.problems("email_body", self.email_body),
                INVITATION_SMS.problems("sms_message", self.sms_message),
            )
        )
        return self


class EmailLogin(Model):
    """Sign-in with an email address (the email is the username)."""

    verification_email_style: Literal["code", "link"] = "code"
    """How users verify their email: a code to type, or a link to click."""
    verification_email_subject: Annotated[str | None, SUBJECT.schema()] = None
    """Subject of the verification email. Default: "Verify your new account"."""
    verification_email_body: Annotated[
        str | None,
        VERIFICATION_EMAIL.schema(either(containing(CODE[0]), containing(LINK[0]))),
    ] = None
    """Body of the verification email; must contain {####} for the code style or
    {##Verify Email##} (any text between the ## marks) for the link style.
    Default: "The verification code to your new account is {####}" (code style)."""
    user_invitation: UserInvitation | None = None
    """Messages sent to users created by an administrator. Default: Cognito's texts."""
    otp_login: bool = False
    """Passwordless sign-in with a one-time code sent by email. Needs an SES email sender
    (``senders.email``), the essentials or plus plan, and MFA that is not required.
    Default: off."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        body_must = (CODE,) if self.verification_email_style == "code" else (LINK,)
        raise_problems(
            each(
                SUBJECT.problems("verification_email_subject", self.verification_email_subject),
                text_problems(
                    "verification_email_body",
                    self.verification_email_body,
                    min_len=VERIFICATION_EMAIL.min_len,
                    max_len=VERIFICATION_EMAIL.max_len,
                    must_contain=body_must,
                ),
            )
        )
        return self


class PhoneLogin(Model):
    """Sign-in with a phone number (the number is the username)."""

    verification_message: Annotated[str | None, SMS_CODE.schema()] = None
    """SMS sent to verify the number; must contain {####}.
    Default: "The verification code to your new account is {####}"."""
    otp_login: bool = False
    """Passwordless sign-in with a one-time code sent by SMS (to the phone number users
    sign in with). Needs the essentials or plus plan, and MFA that is not required.
    Default: off."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        raise_problems(SMS_CODE.problems("verification_message", self.verification_message))
        return self


class UsernameLogin(Model):
    """Sign-in with a plain username chosen by the user."""

    preferred_username: Annotated[
        bool,
        Immutable(
            Change.FIXED,
            why="Cognito cannot change a user pool's alias attributes after it is created",
            instead="keep the setting, or create a new user pool and migrate users to it "
            "with migrate_users_from",
        ),
    ] = False
    """Also accept the user's preferred_username attribute at sign-in."""


_SIGN_IN_WHY = (
    "Cognito cannot change a user pool's sign-in attributes (UsernameAttributes, "
    "AliasAttributes) after it is created; the deploy would fail halfway and roll back"
)
_SIGN_IN_INSTEAD = (
    "keep the sign-in attributes, or create a new user pool (a new backend) and migrate "
    "users to it with migrate_users_from"
)


def _sign_in(kind: type[Model]) -> object:
    return BeforeValidator(on_off, json_schema_input_type=bool | kind | None)


class LoginWith(Model):
    """The ways users sign in. Default: email only."""

    email: Annotated[
        EmailLogin | None,
        _sign_in(EmailLogin),
        Immutable(Change.FIXED, why=_SIGN_IN_WHY, instead=_SIGN_IN_INSTEAD, presence=True),
    ] = None
    """Sign in with an email address: ``true``, or an object with verification and
    invitation messages. Default: off, unless ``login_with`` is omitted entirely."""
    phone: Annotated[
        PhoneLogin | None,
        _sign_in(PhoneLogin),
        Immutable(Change.FIXED, why=_SIGN_IN_WHY, instead=_SIGN_IN_INSTEAD, presence=True),
    ] = None
    """Sign in with a phone number: ``true``, or an object with the SMS verification
    message. Default: off."""
    username: Annotated[
        UsernameLogin | None,
        _sign_in(UsernameLogin),
        Immutable(Change.FIXED, why=_SIGN_IN_WHY, instead=_SIGN_IN_INSTEAD, presence=True),
    ] = None
    """Sign in with a plain username (Amplify cannot). With email or phone also on, those
    become aliases: users sign in with any of them. Default: off."""
    case_sensitive: Annotated[
        bool,
        Immutable(
            Change.FIXED,
            why="Cognito cannot change (or even add) a user pool's username case "
            "sensitivity after it is created",
            instead="keep the setting, or create a new user pool and migrate users to it",
        ),
    ] = False
    """Whether sign-in names are case sensitive. Always written to the template, because
    it can never be added or changed later. Default: case insensitive."""
    external_providers: ExternalProviders | None = None
    """Federated sign-in: Google, Facebook, Login with Amazon, Sign in with Apple, OpenID
    Connect and SAML providers, the hosted sign-in domain and the web client's OAuth
    settings. Default: none."""
    webauthn: WebAuthn | None = None
    """Passwordless sign-in with passkeys: ``{relying_party_id, user_verification}``.
    Needs the essentials or plus plan, and MFA that is not required. Default: off."""
    preferred_challenge: PreferredChallenge | None = None
    """The first factor frontends offer (``passwordlessOptions.preferredChallenge`` in
    Amplify): ``password``, ``email_otp``, ``sms_otp`` or ``web_authn``; it must be turned
    on. Written to ``amplify_outputs.json`` only. Default: none, the frontend decides."""

    @property
    def passwordless_factors(self) -> tuple[str, ...]:
        """The passwordless first factors turned on, in Cognito's order."""
        return tuple(
            name
            for name, on in (
                ("email_otp", self.email is not None and self.email.otp_login),
                ("sms_otp", self.phone is not None and self.phone.otp_login),
                ("web_authn", self.webauthn is not None),
            )
            if on
        )

    @property
    def passwordless_paths(self) -> dict[str, tuple[str, ...]]:
        """Each passwordless factor turned on -> its path below ``login_with``."""
        paths = {
            "email_otp": ("email", "otp_login"),
            "sms_otp": ("phone", "otp_login"),
            "web_authn": ("webauthn",),
        }
        return {factor: paths[factor] for factor in self.passwordless_factors}

    @model_validator(mode="after")
    def _check(self) -> Self:
        chosen = self.preferred_challenge
        enabled = ("password", *self.passwordless_factors)
        if chosen is not None and chosen not in enabled:
            raise_problems(
                [
                    problem(
                        "preferred_challenge",
                        f"{chosen} is not turned on, so frontends could not offer it first",
                        received=chosen,
                        allowed=", ".join(enabled),
                        hint={
                            "email_otp": "add otp_login: true under login_with.email",
                            "sms_otp": "add otp_login: true under login_with.phone",
                            "web_authn": "add webauthn: {relying_party_id: example.com}",
                        }[chosen],
                        code="preferred_challenge_off",
                    )
                ]
            )
        return self

    @property
    def has_providers(self) -> bool:
        """Whether any identity provider is configured."""
        return self.external_providers is not None and bool(self.external_providers.providers)

    @property
    def cognito_sign_in(self) -> bool:
        """Whether the hosted pages offer the pool's own sign-in (``COGNITO``)."""
        external = self.external_providers
        if external is not None and external.allow_cognito_sign_in is not None:
            return external.allow_cognito_sign_in
        return bool(self.sign_in_attributes)

    @property
    def sign_in_attributes(self) -> tuple[str, ...]:
        """The enabled sign-in methods, in a fixed order."""
        return tuple(
            name
            for name, value in (
                ("username", self.username),
                ("email", self.email),
                ("phone", self.phone),
            )
            if value is not None
        )


LoginWithField = Annotated[
    LoginWith, Field(default_factory=lambda: {"email": {}}, validate_default=True)
]
