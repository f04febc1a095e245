#!/usr/bin/env python3
"""The ready CDK app: an authentication backend from ``auth.yaml``.

With an ``auth.yaml`` (or ``.yml``, ``.json``, ``.toml``) beside this file, or the
file named by the context key ``cognito-auth:config``, it deploys that
configuration; with none, it deploys the embedded default (email sign-in,
production profile). Synthesis needs no AWS account and no credentials.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import aws_cdk as cdk

from cognito_auth import AuthBackend, AuthConfig, ConfigError, ImmutableChangeError, load_config

HERE = Path(__file__).resolve().parent
CANDIDATES = ("auth.yaml", "auth.yml", "auth.json", "auth.toml")
DEFAULT_CONFIG: dict[str, Any] = {"login_with": {"email": True}, "profile": "production"}


def find_config(app: cdk.App) -> Path | None:
    named = app.node.try_get_context("cognito-auth:config")
    if named:
        return Path(named)
    return next((HERE / name for name in CANDIDATES if (HERE / name).is_file()), None)


def build(app: cdk.App) -> cdk.Stack:
    path = find_config(app)
    config = load_config(path) if path else AuthConfig.model_validate(DEFAULT_CONFIG)
    stack_name = app.node.try_get_context("cognito-auth:stackName") or "CognitoAuth"
    stack = cdk.Stack(
        app,
        stack_name,
        description="Authentication backend (cognito-auth)",
    )
    AuthBackend(stack, "Auth", config=config)
    return stack


def main() -> None:
    app = cdk.App()
    try:
        build(app)
        app.synth()
    except (ConfigError, ImmutableChangeError) as exc:
        print(exc, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
