#!/usr/bin/env python3
"""A pool made in the console, taken over by cognito-auth with its users.

`auth.yaml`, `auth.lock.json`, `import-mapping.json` and `saml-Entra.xml` are what
`cognito-auth adopt --user-pool-id eu-west-1_AbCdEfGhI` wrote (README: "Adopting an
existing pool"); the triggers below are the Python lines it printed. Then:

    cdk import CognitoAuth --resource-mapping import-mapping.json
    cdk deploy CognitoAuth
    cognito-auth check-deployed --config auth.yaml --stack CognitoAuth
"""

from __future__ import annotations

from pathlib import Path

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_

from cognito_auth import AuthBackend, load_config

HERE = Path(__file__).resolve().parent
FUNCTIONS = "arn:aws:lambda:eu-west-1:123456789012:function"


def build(app: cdk.App) -> cdk.Stack:
    # The pool's region and account: the imported resources live there.
    env = cdk.Environment(account="123456789012", region="eu-west-1")
    stack = cdk.Stack(app, "CognitoAuth", env=env)
    AuthBackend(
        stack,
        "Auth",
        config=load_config(HERE / "auth.yaml"),
        triggers={
            "pre_sign_up": lambda_.Function.from_function_arn(
                stack, "PreSignUpFunction", f"{FUNCTIONS}:members-pre-sign-up"
            ),
            "pre_token_generation_v2": lambda_.Function.from_function_arn(
                stack, "PreTokenGenerationV2Function", f"{FUNCTIONS}:members-claims"
            ),
            # A custom sender decrypts with the key: it needs its execution role.
            "custom_email_sender": lambda_.Function.from_function_attributes(
                stack,
                "CustomEmailSenderFunction",
                function_arn=f"{FUNCTIONS}:members-mailer",
                role=iam.Role.from_role_arn(
                    stack, "MailerRole", "arn:aws:iam::123456789012:role/members-mailer"
                ),
            ),
        },
        trigger_kms_key=kms.Key.from_key_arn(
            stack,
            "SenderKey",
            "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ),
    )
    return stack


if __name__ == "__main__":
    application = cdk.App()
    build(application)
    application.synth()
