"""Moved to :mod:`cognito_auth.config.rules.mfa`; this name stays for existing imports."""

from cognito_auth.config.rules.mfa import mfa_factors, mfa_problems, sms_reasons

__all__ = ["mfa_factors", "mfa_problems", "sms_reasons"]
