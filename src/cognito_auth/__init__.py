"""cognito-auth: a complete Cognito authentication backend from one configuration.

Every export loads on first use: ``from cognito_auth import AuthBackend`` imports the
CDK constructs; ``AuthConfig`` and ``load_config`` import the models only, never
``aws_cdk``, so that the command line's validation stays instant. Importing the package
changes no process-global state (no threads, no garbage-collector or interpreter
settings, no environment variables).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cognito_auth.errors import ConfigError, ConfigFileError, ImmutableChangeError

if TYPE_CHECKING:
    from cognito_auth.config import AuthConfig, load_config
    from cognito_auth.constructs.backend import AuthBackend

__all__ = [
    "AuthBackend",
    "AuthConfig",
    "ConfigError",
    "ConfigFileError",
    "ImmutableChangeError",
    "load_config",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "AuthBackend":
        from cognito_auth.constructs.backend import AuthBackend

        return AuthBackend
    if name in ("AuthConfig", "load_config"):
        from cognito_auth import config

        return getattr(config, name)
    raise AttributeError(f"module 'cognito_auth' has no attribute {name!r}")
