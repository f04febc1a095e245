"""cognito-auth: a complete Cognito authentication backend from one configuration.

``from cognito_auth import AuthBackend`` imports the CDK constructs lazily, so
that ``cognito_auth.config`` and the command line's validation stay free of
``aws_cdk`` (and instant).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cognito_auth.config import AuthConfig, load_config
from cognito_auth.errors import ConfigError, ConfigFileError, ImmutableChangeError

if TYPE_CHECKING:
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
    raise AttributeError(f"module 'cognito_auth' has no attribute {name!r}")
