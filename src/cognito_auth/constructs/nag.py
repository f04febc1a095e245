"""Acknowledgments of cdk-nag findings that follow from the user's own choice or from
Cognito itself, each with a reason that names the configuration field that decides it.

They are recorded with ``Validations.of(...).acknowledge(...)``: construct metadata that
policy-validation plugins such as cdk-nag (v3) read; the template does not change.
The README lists every one of them (:data:`cognito_auth.security.ACKNOWLEDGED`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from aws_cdk import Acknowledgment, Stack, Validations
from constructs import IConstruct

from cognito_auth.config import AuthConfig
from cognito_auth.constructs.user_pool import uses_sms
from cognito_auth.security import ACKNOWLEDGED

RULES = "AwsSolutions::AwsSolutions"


_REASONS = {rule: reason for rule, _, reason in ACKNOWLEDGED}
_VARIABLE = re.compile(r"\$\{([^}]+)\}")
AWS_CUSTOM_RESOURCE_ID = "AWS679f53fac002430cb0da5b7982bd2287"
"""Construct id of the function CDK shares between the AwsCustomResources of a stack."""


def _acknowledge(scope: IConstruct, rule: str, reason_key: str | None = None) -> None:
    reason = _REASONS[reason_key or f"AwsSolutions-{rule}"]
    Validations.of(scope).acknowledge(Acknowledgment(id=f"{RULES}-{rule}", reason=reason))


def acknowledge_choices(
    config: AuthConfig,
    *,
    user_pool: IConstruct,
    identity_pool: IConstruct | None,
) -> None:
    """The findings that the configuration decides."""
    if config.feature_plan != "plus":
        _acknowledge(user_pool, "COG8")
    if config.passwordless:
        _acknowledge(user_pool, "COG2")
    if config.guest_access and identity_pool is not None:
        _acknowledge(identity_pool, "COG7")
    if uses_sms(config):  # else the pool has no SNS role, and no lookup is needed
        sms_role = user_pool.node.try_find_child("smsRole")
        if sms_role is not None:
            _acknowledge(sms_role, "IAM5[Resource::*]")


def acknowledge_custom_resource(stack: Stack) -> None:
    """The shared AwsCustomResource function that reads SSM SecureString secrets (called
    where such a reader is created)."""
    function = stack.node.try_find_child(AWS_CUSTOM_RESOURCE_ID)
    if function is None:
        return
    _acknowledge(
        function,
        "IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
        "AWSLambdaBasicExecutionRole]",
        "AwsSolutions-IAM4",
    )


def acknowledge_object_prefixes(policy: IConstruct, resources: Iterable[Any]) -> None:
    """``IAM5[Resource::...]`` for each validated resource that ends a key prefix with
    ``*``, rendered as cdk-nag renders it (references as ``<LogicalId.Attribute>``,
    policy variables as ``<name>``)."""
    stack = Stack.of(policy)
    for resource in resources:
        rendered = _render(stack.resolve(resource))
        if "*" in rendered:
            _acknowledge(policy, f"IAM5[Resource::{rendered}]", "AwsSolutions-IAM5[Resource::...*]")


def _render(value: Any) -> str:
    if isinstance(value, str):
        return _VARIABLE.sub(r"<\1>", value)
    if isinstance(value, dict):
        if "Ref" in value:
            return f"<{value['Ref']}>"
        if "Fn::GetAtt" in value:
            target, attribute = value["Fn::GetAtt"]
            return f"<{target}.{attribute}>"
        if "Fn::Join" in value:
            separator, parts = value["Fn::Join"]
            return str(separator).join(_render(part) for part in parts)
    return str(value)
