"""Passwordless sign-in with passkeys: ``login_with.webauthn``, and the challenge a
frontend offers first: ``login_with.preferred_challenge``.

One-time codes by email or SMS are switched on in ``login_with.email.otp_login`` and
``login_with.phone.otp_login``. With any passwordless factor, the pool's sign-in policy
allows it as a first factor (besides the password, which Cognito always allows) and the
user clients allow the choice-based ``USER_AUTH`` flow.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator

from cognito_auth.config._base import Change, Immutable, Model, value_problem
from cognito_auth.config._patterns import InSchema

__all__ = ["CHALLENGES", "PreferredChallenge", "WebAuthn"]

CHALLENGES = ("password", "email_otp", "sms_otp", "web_authn")
PreferredChallenge = Literal["password", "email_otp", "sms_otp", "web_authn"]

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_RELYING_PARTY = re.compile(rf"^(?:localhost|{_LABEL}(?:\.{_LABEL})+)$")
MAX_RELYING_PARTY = 63
"""Cognito's limit on ``WebAuthnRelyingPartyID``."""


def _relying_party_id(value: str) -> str:
    if "://" in value or "/" in value or ":" in value:
        host = value.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
        raise value_problem(
            "url_instead_of_domain",
            f"{value!r} is a URL; the relying party id is a domain name only, such as {host!r}",
        )
    if not _RELYING_PARTY.fullmatch(value):
        raise value_problem(
            "not_a_domain",
            f"{value!r} is not a domain name: lowercase labels of letters, digits and hyphens "
            "separated by dots (example.com, auth.example.com), or localhost for development",
        )
    if len(value) > MAX_RELYING_PARTY:
        raise value_problem(
            "length", f"{value!r} has {len(value)} characters; Cognito allows {MAX_RELYING_PARTY}"
        )
    return value


class WebAuthn(Model):
    """Sign-in with passkeys (WebAuthn). Needs the essentials or plus plan."""

    relying_party_id: Annotated[
        str,
        AfterValidator(_relying_party_id),
        InSchema((_RELYING_PARTY,), max_length=MAX_RELYING_PARTY),
        Immutable(
            Change.REPLACING,
            why="changing it invalidates every registered passkey: passkeys are bound to "
            "the relying party id they were created for",
            instead="keep the relying party id; to move to another domain, turn on the new "
            "id only after users can sign in another way, and have them register new "
            "passkeys (accept the change with --accept)",
        ),
    ]
    """The domain passkeys are bound to: your app's domain (``example.com``), or the custom
    domain of the hosted pages when users sign in there; ``localhost`` for development. A
    domain name of at most 63 characters, without scheme or path. Required."""
    user_verification: Literal["required", "preferred"] = "preferred"
    """Whether the authenticator must verify the user (PIN, biometrics): ``required`` or
    ``preferred``. Default: preferred."""
