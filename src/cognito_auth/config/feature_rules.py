"""Moved to :mod:`cognito_auth.config.rules.features`; this name stays for existing imports."""

from cognito_auth.config.rules.features import (
    logs_problems,
    passwordless_problems,
    threat_protection_problems,
)

__all__ = ["logs_problems", "passwordless_problems", "threat_protection_problems"]
