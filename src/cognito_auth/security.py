"""The cdk-nag findings that cognito-auth acknowledges, and why (no aws_cdk import: the
README is generated from this table)."""

from __future__ import annotations

ACKNOWLEDGED: tuple[tuple[str, str, str], ...] = (
    (
        "AwsSolutions-COG8",
        "`feature_plan` is not `plus`",
        "threat protection needs the plus feature plan, which the configuration does not "
        "choose (`feature_plan`); set `feature_plan: plus` to meet the rule",
    ),
    (
        "AwsSolutions-COG2",
        "a passwordless factor is on",
        "Cognito refuses required MFA together with passwordless first factors "
        "(`login_with.email.otp_login`, `login_with.phone.otp_login`, `login_with.webauthn`), "
        "so `multifactor.mode` stays optional; a passkey with user verification is itself "
        "two factors",
    ),
    (
        "AwsSolutions-COG7",
        "`guest_access: true`",
        "guests get credentials by the configuration's explicit choice (`guest_access: true`); "
        "the guest role holds only what `access`, `storage` or `grant_access` give `guest`",
    ),
    (
        "AwsSolutions-IAM5[Resource::*]",
        "the SMS role (created when SMS is used)",
        "Cognito's SMS role may publish to phone numbers, which have no ARN: `sns:Publish` on "
        "`*` is the only grant SNS allows; the role exists only when SMS is used "
        "(`multifactor.sms`, `login_with.phone`, phone recovery) and `senders.sms` names no "
        "role of your own",
    ),
    (
        "AwsSolutions-IAM5[Resource::...*]",
        "object paths in `access`, `storage` and `grant_access`",
        "a path that ends in `*` grants one key prefix (`public/*`, `private/${identity}/*`); "
        "the actions are exact (wildcard actions are refused at validation)",
    ),
    (
        "AwsSolutions-IAM4",
        "an SSM SecureString provider secret",
        "the deploy-time reader of an SSM SecureString secret (`{ssm_parameter: ...}` in "
        "`login_with.external_providers`) is CDK's AwsCustomResource function, whose role "
        "has AWS's basic execution policy for its own logs",
    ),
)
"""(rule, when, reason) of every acknowledgment, for the README."""
