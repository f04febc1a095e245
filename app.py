#!/usr/bin/env python3
"""The ready CDK app: an authentication backend from ``auth.yaml``.

With an ``auth.yaml`` (or ``.yml``, ``.json``, ``.toml``) beside this file, or the
file named by the context key ``cognito-auth:config``, it deploys that
configuration; with none, it deploys the embedded default (email sign-in,
production profile, ``cognito_auth.ready.DEFAULT_CONFIG``). Synthesis needs no AWS
account and no credentials, and never writes ``auth.lock.json``: after a successful
deploy, ``cognito-auth lock`` (or ``make deploy``) records what was deployed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import aws_cdk as cdk

from cognito_auth import AuthBackend, ConfigError, ImmutableChangeError
from cognito_auth.guard.lock import LockFileError
from cognito_auth.ready import (
    CONFIG_CONTEXT,
    CONSTRUCT_ID,
    DEFAULT_STACK,
    STACK_CONTEXT,
    find_config_file,
    ready_config,
)

HERE = Path(__file__).resolve().parent


def find_config(app: cdk.App) -> Path | None:
    named = app.node.try_get_context(CONFIG_CONTEXT)
    if named:
        return Path(named)
    return find_config_file(HERE)


def build(app: cdk.App) -> cdk.Stack:
    config = ready_config(find_config(app))
    stack_name = app.node.try_get_context(STACK_CONTEXT) or DEFAULT_STACK
    stack = cdk.Stack(
        app,
        stack_name,
        description="Authentication backend (cognito-auth)",
    )
    AuthBackend(stack, CONSTRUCT_ID, config=config)
    return stack


def main() -> None:
    app = cdk.App()
    try:
        build(app)
        AuthBackend.check_app(app)
        app.synth()
    except (ConfigError, ImmutableChangeError, LockFileError) as exc:
        print(exc, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
