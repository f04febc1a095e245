"""Password rules and account recovery: ``password_policy``, ``account_recovery``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from cognito_auth.config._base import Model


class PasswordPolicy(Model):
    """What a password must contain. Default: at least 12 characters with lower and upper
    case letters, digits and symbols (Amplify fixes 8)."""

    min_length: Annotated[int, Field(ge=6, le=99)] = 12
    """Minimum length, 6 to 99 (Cognito's bounds). Default: 12."""
    require_lowercase: bool = True
    """Default: required."""
    require_uppercase: bool = True
    """Default: required."""
    require_digits: bool = True
    """Default: required."""
    require_symbols: bool = True
    """Default: required."""
    temp_password_validity_days: Annotated[int, Field(ge=1, le=365)] = 7
    """Days that a temporary password (set by an administrator) stays valid, 1 to 365.
    Default: 7, as Cognito."""
    password_history_size: Annotated[int, Field(ge=0, le=24)] = 0
    """Refuse the last N passwords when a user changes theirs (0 turns it off; 1-24 needs
    the essentials or plus feature plan). Default: off."""


AccountRecovery = Literal[
    "email_only",
    "phone_only_without_mfa",
    "phone_and_email",
    "email_and_phone_without_mfa",
    "phone_without_mfa_and_email",
    "none",
]
"""How a user who forgot the password gets a reset code (Amplify's names, in snake_case):
``email_only``; ``phone_only_without_mfa`` (SMS, unless SMS is also their MFA factor);
``phone_and_email`` (SMS first, else email, even to a user whose MFA is SMS: the CDK
marks it not recommended); ``email_and_phone_without_mfa``;
``phone_without_mfa_and_email``; ``none`` (administrators reset passwords)."""
