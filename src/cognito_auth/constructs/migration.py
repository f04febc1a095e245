"""The managed ``user_migration`` trigger of ``migrate_users_from``.

The function's code is the source of :mod:`cognito_auth.functions.user_migration`, written
into the template as inline code (``Code.ZipFile``; CloudFormation places it in
``index.py``). Synthesis needs no Docker, no bundling and no asset upload, and the
template changes only when that file's text changes, not at every release of the
package: a snapshot of a user's template moves exactly when the deployed function would.

Its role may call ``AdminInitiateAuth``, ``AdminGetUser`` and ``ListUsers`` on the old
pool's ARN only, and write to its own log group.
"""

from __future__ import annotations

from importlib import resources

from aws_cdk import Duration, RemovalPolicy, Stack, Token
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

from cognito_auth.config import AuthConfig
from cognito_auth.errors import ConfigError, problem

FUNCTION_ID = "UserMigration"
"""Construct id of the managed function (its role and log group take it as a prefix)."""
RUNTIME = "PYTHON_3_14"
"""The Lambda runtime (``aws_lambda.Runtime`` member): a current Python whose boto3 has
every Cognito call the function makes."""
ACTIONS = ("cognito-idp:AdminInitiateAuth", "cognito-idp:AdminGetUser", "cognito-idp:ListUsers")
"""Everything the function may do with the old pool."""
SOURCE = "migrate_users_from"


def function_source() -> str:
    """The function's code: the module's text, read without importing it (nor boto3)."""
    return (
        resources.files("cognito_auth.functions")
        .joinpath("user_migration.py")
        .read_text(encoding="utf-8")
    )


def environment(config: AuthConfig, region: str) -> dict[str, str]:
    """The function's environment variables for ``config`` (which has migrate_users_from)."""
    source = config.migrate_users_from
    assert source is not None
    return {
        "SOURCE_USER_POOL_ID": source.user_pool_id,
        "SOURCE_CLIENT_ID": source.client_id,
        "SOURCE_REGION": region,
        "TARGET_CUSTOM_ATTRIBUTES": ",".join(
            f"custom:{name}" for name in config.user_attributes.custom
        ),
        "TARGET_REQUIRED_ATTRIBUTES": ",".join(config.user_attributes.required_standard()),
    }


def source_region(config: AuthConfig, stack_region: str) -> str:
    """The old pool's region: ``region``, or the stack's. The pool id names its region,
    so a stack in another region needs ``region`` written (checked when the stack's region
    is known at synth)."""
    source = config.migrate_users_from
    assert source is not None
    if source.region is not None:
        return source.region
    if Token.is_unresolved(stack_region):
        return source.source_region
    if source.source_region != stack_region:
        raise ConfigError(
            [
                problem(
                    ("migrate_users_from", "region"),
                    f"the pool id {source.user_pool_id} belongs to {source.source_region}, "
                    f"and region defaults to the stack's region, {stack_region}",
                    received=None,
                    allowed=source.source_region,
                    hint=f"add region: {source.source_region} under migrate_users_from",
                    code="region_mismatch",
                )
            ],
            source=SOURCE,
        )
    return stack_region


def build_migration(scope: Construct, config: AuthConfig, region: str) -> lambda_.Function:
    """The managed function, its role and its log group, for a config with
    migrate_users_from and the old pool's ``region`` (from :func:`source_region`)."""
    source = config.migrate_users_from
    assert source is not None
    production = config.profile == "production"
    log_group = logs.LogGroup(
        scope,
        f"{FUNCTION_ID}Logs",
        retention=logs.RetentionDays.THREE_MONTHS,
        removal_policy=RemovalPolicy.RETAIN if production else RemovalPolicy.DESTROY,
    )
    role = iam.Role(
        scope,
        f"{FUNCTION_ID}Role",
        assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
        description="cognito-auth user migration: reads and signs in users of the old pool",
    )
    pool_arn = Stack.of(scope).format_arn(
        service="cognito-idp",
        resource="userpool",
        resource_name=source.user_pool_id,
        region=region,
    )
    role.add_to_policy(iam.PolicyStatement(actions=list(ACTIONS), resources=[pool_arn]))
    log_group.grant_write(role)
    runtime: lambda_.Runtime = getattr(lambda_.Runtime, RUNTIME)
    function = lambda_.Function(
        scope,
        FUNCTION_ID,
        runtime=runtime,
        handler="index.handler",
        code=lambda_.Code.from_inline(function_source()),
        description="cognito-auth: moves users in from the old user pool at their sign-in",
        role=role,
        timeout=Duration.seconds(5),
        memory_size=256,
        environment=environment(config, region),
        log_group=log_group,
        logging_format=lambda_.LoggingFormat.JSON,
        application_log_level_v2=lambda_.ApplicationLogLevel.INFO,
        system_log_level_v2=lambda_.SystemLogLevel.WARN,
    )
    return function
