"""The ready app's conventions, shared by ``app.py`` and the command line.

The configuration is ``auth.yaml`` (or ``.yml``, ``.json``, ``.toml``) in the app's
directory, else the embedded default below; the stack is ``CognitoAuth`` and the
backend's construct id ``Auth``. ``cognito-auth plan`` and ``lock`` use the same
discovery, so that their defaults name what the ready app deploys. No aws_cdk here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:  # the command line imports this module without the models
    from cognito_auth.config.root import AuthConfig

CANDIDATES: Final = ("auth.yaml", "auth.yml", "auth.json", "auth.toml")
"""The configuration files the ready app and the command line look for, in order."""

DEFAULT_CONFIG: Final[dict[str, Any]] = {"login_with": {"email": True}, "profile": "production"}
"""The embedded default: email sign-in, production profile."""

CONFIG_CONTEXT: Final = "cognito-auth:config"
STACK_CONTEXT: Final = "cognito-auth:stackName"
DEFAULT_STACK: Final = "CognitoAuth"
CONSTRUCT_ID: Final = "Auth"
DEFAULT_BACKEND: Final = f"{DEFAULT_STACK}/{CONSTRUCT_ID}"
"""The ready app's backend path: what ``cognito-auth plan`` and ``lock`` pick by default."""


def find_config_file(directory: Path) -> Path | None:
    """The first of :data:`CANDIDATES` in ``directory``; None when there is none."""
    return next((directory / name for name in CANDIDATES if (directory / name).is_file()), None)


def embedded_default() -> AuthConfig:
    """The embedded default configuration, marked as such for the guard's notices."""
    from cognito_auth.config.files import EMBEDDED, remember_source
    from cognito_auth.config.root import AuthConfig

    config = AuthConfig.model_validate(DEFAULT_CONFIG)
    remember_source(config, EMBEDDED)
    return config


def ready_config(path: Path | None) -> AuthConfig:
    """The configuration at ``path``, or the embedded default without one."""
    from cognito_auth.config.files import load_config

    return load_config(path) if path is not None else embedded_default()
