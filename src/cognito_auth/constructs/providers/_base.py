"""What every identity provider construct shares: the built result, attribute mapping
and secret references."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from aws_cdk import SecretValue, Stack
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from constructs import Construct

from cognito_auth.config.providers import Provider
from cognito_auth.config.root import AuthConfig
from cognito_auth.config.secrets import SecretsManagerSecret, SsmParameterSecret
from cognito_auth.constructs._values import provider_attribute

SSM_READER_TYPE = "Custom::CognitoAuthSsmSecureString"
"""Resource type of the deploy-time reader of an SSM SecureString parameter."""


@dataclass(frozen=True)
class BuiltProvider:
    """An identity provider in the template, and what the client and identity pool need."""

    name: str
    """The provider name listed in the client's ``SupportedIdentityProviders``."""
    construct_id: str
    """The construct id below the backend (also the pinned logical-id name)."""
    construct: cognito.IUserPoolIdentityProvider
    login_provider: str | None = None
    """The identity pool's ``SupportedLoginProviders`` key (social providers only)."""
    app_id: str | None = None
    """The provider's app/client id, the value of that key."""

    @property
    def cfn(self) -> cognito.CfnUserPoolIdentityProvider:
        child = self.construct.node.default_child
        assert isinstance(child, cognito.CfnUserPoolIdentityProvider)
        return child


@dataclass(frozen=True)
class ProviderContext:
    """What a provider module receives to build its provider."""

    scope: Construct
    config: AuthConfig
    user_pool: cognito.UserPool

    def path(self, provider: Provider) -> tuple[str | int, ...]:
        """The provider's path in the configuration, for errors."""
        external = self.config.external_providers
        return ("login_with", "external_providers", *external.provider_path(provider))

    def attribute_mapping(self, provider: Provider) -> cognito.AttributeMapping | None:
        """The effective mapping in Cognito's attribute names. The CDK passes ``custom``
        keys through unchanged, so every key goes there: no second name table."""
        return attribute_mapping(self.config.attribute_mapping(provider))


def attribute_mapping(mapping: Mapping[str, str]) -> cognito.AttributeMapping | None:
    if not mapping:
        return None
    return cognito.AttributeMapping(
        custom={target: provider_attribute(source) for target, source in mapping.items()}
    )


def secret_value(
    scope: Construct, construct_id: str, secret: SecretsManagerSecret | SsmParameterSecret
) -> SecretValue:
    """The secret as a value resolved at deploy time, never at synth.

    Secrets Manager: a CloudFormation dynamic reference. SSM SecureString: CloudFormation
    resolves ``ssm-secure`` references for a short list of resource types, and Cognito
    identity providers are not among them, so a custom resource reads the parameter
    (``ssm:GetParameter`` with decryption, allowed on that parameter only, its response
    kept out of the logs) and the provider takes the value from its attribute.
    """
    if isinstance(secret, SecretsManagerSecret):
        return SecretValue.secrets_manager(secret.secrets_manager, json_field=secret.json_field)
    return SecretValue.resource_attribute(ssm_secure_string(scope, construct_id, secret))


def ssm_secure_string(scope: Construct, construct_id: str, secret: SsmParameterSecret) -> str:
    stack = Stack.of(scope)
    region: str | None = None
    if secret.ssm_parameter.startswith("arn:"):
        parameter_arn = secret.ssm_parameter
        region = parameter_arn.split(":")[3]  # read it where it lives
    else:
        parameter_arn = stack.format_arn(
            service="ssm", resource="parameter", resource_name=secret.ssm_parameter.lstrip("/")
        )
    statements = [iam.PolicyStatement(actions=["ssm:GetParameter"], resources=[parameter_arn])]
    if secret.kms_key_arn is not None:
        statements.append(
            iam.PolicyStatement(
                actions=["kms:Decrypt"],
                resources=[secret.kms_key_arn],
                conditions={
                    "StringEquals": {
                        "kms:ViaService": f"ssm.{region or stack.region}.{stack.url_suffix}"
                    }
                },
            )
        )
    from aws_cdk import custom_resources as cr

    call = cr.AwsSdkCall(
        service="SSM",
        action="getParameter",
        parameters={"Name": secret.ssm_parameter, "WithDecryption": True},
        physical_resource_id=cr.PhysicalResourceId.of(secret.ssm_parameter),
        output_paths=["Parameter.Value"],
        logging=cr.Logging.with_data_hidden(),
        region=region,
    )
    from cognito_auth.constructs.nag import AWS_CUSTOM_RESOURCE_ID, acknowledge_custom_resource

    first = stack.node.try_find_child(AWS_CUSTOM_RESOURCE_ID) is None
    reader = cr.AwsCustomResource(
        scope,
        construct_id,
        resource_type=SSM_READER_TYPE,
        on_create=call,
        on_update=call,
        policy=cr.AwsCustomResourcePolicy.from_statements(statements),
        install_latest_aws_sdk=False,
    )
    if first:  # the stack's shared function was created just now
        acknowledge_custom_resource(stack)
    return reader.get_response_field("Parameter.Value")
