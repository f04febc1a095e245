"""Moved to :mod:`cognito_auth.config.rules.clients`; this name stays for existing imports."""

from cognito_auth.config.rules.clients import client_problems, resource_server_problems

__all__ = ["client_problems", "resource_server_problems"]
