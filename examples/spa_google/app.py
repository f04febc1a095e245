#!/usr/bin/env python3
"""A SPA with Google sign-in: the backend from auth.yaml, and nothing else to write."""

from __future__ import annotations

from pathlib import Path

import aws_cdk as cdk

from cognito_auth import AuthBackend, load_config

HERE = Path(__file__).resolve().parent


def build(app: cdk.App) -> cdk.Stack:
    stack = cdk.Stack(app, "SpaGoogle", description="SPA with Google sign-in (cognito-auth)")
    auth = AuthBackend(stack, "Auth", config=load_config(HERE / "auth.yaml"))
    assert auth.domain_url is not None
    cdk.CfnOutput(stack, "SignInUrl", value=auth.domain_url)
    return stack


if __name__ == "__main__":
    application = cdk.App()
    build(application)
    application.synth()
