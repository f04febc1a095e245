"""Authorizers, cross-stack use and existing pools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_apigatewayv2_integrations as integrations
from aws_cdk import aws_appsync as appsync
from aws_cdk import aws_lambda as lambda_
from aws_cdk.assertions import Template

from cognito_auth import AuthBackend, ConfigError
from cognito_auth.cli import main
from support import assert_lint_clean, synth

FUNCTION_CODE = "def handler(event, context):\n    return {'statusCode': 200}\n"


def function(scope: cdk.Stack, id: str = "Fn") -> lambda_.Function:
    return lambda_.Function(
        scope,
        id,
        runtime=lambda_.Runtime.PYTHON_3_12,
        handler="index.handler",
        code=lambda_.Code.from_inline(FUNCTION_CODE),
    )


def test_rest_api_authorizer() -> None:
    def build(stack: cdk.Stack) -> None:
        backend = next(c for c in stack.node.children if isinstance(c, AuthBackend))
        api = apigateway.RestApi(stack, "Api")
        authorizer = backend.rest_api_authorizer(stack, "Authorizer", authorizer_name="users")
        api.root.add_method(
            "GET",
            apigateway.LambdaIntegration(function(stack)),
            authorizer=authorizer,
            authorization_type=apigateway.AuthorizationType.COGNITO,
        )

    result = synth({}, build=build)
    authorizer = result.only("AWS::ApiGateway::Authorizer")
    assert authorizer["Type"] == "COGNITO_USER_POOLS"
    assert authorizer["Name"] == "users"
    assert authorizer["ProviderARNs"] == [{"Fn::GetAtt": ["AuthUserPool8115E87F", "Arn"]}]
    method = result.only("AWS::ApiGateway::Method")
    assert method["AuthorizationType"] == "COGNITO_USER_POOLS"


def test_http_api_authorizer_accepts_every_client_by_default() -> None:
    def build(stack: cdk.Stack) -> None:
        backend = next(c for c in stack.node.children if isinstance(c, AuthBackend))
        api = apigwv2.HttpApi(stack, "Api")
        api.add_routes(
            path="/orders",
            integration=integrations.HttpLambdaIntegration("Orders", function(stack)),
            authorizer=backend.http_api_authorizer("Jwt"),
        )

    result = synth({}, build=build)
    authorizer = result.only("AWS::ApiGatewayV2::Authorizer")
    assert authorizer["AuthorizerType"] == "JWT"
    assert authorizer["JwtConfiguration"]["Audience"] == [{"Ref": "AuthWebClientB65B58AE"}]
    issuer = json.dumps(authorizer["JwtConfiguration"]["Issuer"])
    assert "cognito-idp." in issuer
    assert "AuthUserPool8115E87F" in issuer


def test_http_api_authorizer_refuses_unknown_clients() -> None:
    def build(stack: cdk.Stack) -> None:
        backend = next(c for c in stack.node.children if isinstance(c, AuthBackend))
        backend.http_api_authorizer("Jwt", clients=["mobile"])

    with pytest.raises(ConfigError, match=r"clients: names no client of this backend"):
        synth({}, build=build)


def test_appsync_authorization_modes() -> None:
    def build(stack: cdk.Stack) -> None:
        backend = next(c for c in stack.node.children if isinstance(c, AuthBackend))
        api = appsync.GraphqlApi(
            stack,
            "Api",
            name="orders",
            definition=appsync.Definition.from_schema(
                appsync.SchemaFile(file_path=str(_schema(stack)))
            ),
            authorization_config=appsync.AuthorizationConfig(
                default_authorization=backend.appsync_authorization(),
                additional_authorization_modes=[backend.appsync_authorization("iam")],
            ),
        )
        assert backend.authenticated_role is not None
        api.grant_query(backend.authenticated_role)

    result = synth({}, build=build)
    api = result.only("AWS::AppSync::GraphQLApi")
    assert api["AuthenticationType"] == "AMAZON_COGNITO_USER_POOLS"
    assert api["UserPoolConfig"]["UserPoolId"] == {"Ref": "AuthUserPool8115E87F"}
    assert api["UserPoolConfig"]["DefaultAction"] == "ALLOW"
    assert api["AdditionalAuthenticationProviders"] == [{"AuthenticationType": "AWS_IAM"}]
    (policy,) = [
        p["Properties"]
        for p in result.resources("AWS::IAM::ManagedPolicy").values()
        if "appsync:GraphQL" in json.dumps(p)
    ]
    assert policy["Roles"] == [{"Ref": "AuthAuthenticatedRole5FDCA01E"}]


def _schema(stack: cdk.Stack) -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / "schema.graphql"
    path.write_text("type Query { hello: String }\n")
    return path


def test_cross_stack_use_imports_rather_than_copies() -> None:
    app = cdk.App()
    auth_stack = cdk.Stack(app, "Auth")
    backend = AuthBackend(auth_stack, "Auth", config={}, lock_file=None)
    api_stack = cdk.Stack(app, "Api")
    api = apigateway.RestApi(api_stack, "Api")
    api.root.add_method(
        "GET",
        apigateway.LambdaIntegration(function(api_stack)),
        authorizer=backend.rest_api_authorizer(api_stack, "Authorizer"),
        authorization_type=apigateway.AuthorizationType.COGNITO,
    )
    assembly = app.synth()
    auth = assembly.get_stack_by_name("Auth").template
    consumer = assembly.get_stack_by_name("Api").template
    assert_lint_clean(auth)
    assert_lint_clean(consumer)
    kinds = {r["Type"] for r in consumer["Resources"].values()}
    assert not any(kind.startswith("AWS::Cognito::") for kind in kinds)
    exports = [o for o in auth["Outputs"].values() if "Export" in o]
    assert exports, "the auth stack exports the pool ARN"
    (authorizer,) = [
        r for r in consumer["Resources"].values() if r["Type"] == "AWS::ApiGateway::Authorizer"
    ]
    assert "Fn::ImportValue" in authorizer["Properties"]["ProviderARNs"][0]


# --- existing pools -------------------------------------------------------------------------

EXISTING: dict[str, Any] = {
    "user_pool_id": "eu-west-1_AbCdEf123",
    "user_pool_client_id": "4f8a2k1l0m9n8b7v6c5x4z3a2s",
    "identity_pool_id": "eu-west-1:0b7e5c6a-4d3f-4e2a-9b1c-8d7e6f5a4b3c",
    "authenticated_role_arn": "arn:aws:iam::123456789012:role/users",
    "group_role_arns": {"ADMINS": "arn:aws:iam::123456789012:role/admins"},
}


def test_existing_pool_creates_no_cognito_resources(tmp_path: Path) -> None:
    app = cdk.App()
    stack = cdk.Stack(app, "Legacy")
    existing = AuthBackend.from_attributes(stack, "Auth", **EXISTING)
    api = apigateway.RestApi(stack, "Api")
    api.root.add_method(
        "GET",
        apigateway.LambdaIntegration(function(stack)),
        authorizer=existing.rest_api_authorizer(stack, "Authorizer"),
        authorization_type=apigateway.AuthorizationType.COGNITO,
    )
    existing.http_api_authorizer("Jwt")
    assert existing.user_pool.user_pool_id == EXISTING["user_pool_id"]
    assert existing.identity_pool is not None
    assert existing.unauthenticated_role is None
    assert set(existing.group_roles) == {"ADMINS"}
    template = Template.from_stack(stack).to_json()
    assert_lint_clean(template)
    kinds = {r["Type"] for r in template["Resources"].values()}
    assert not any(kind.startswith("AWS::Cognito::") for kind in kinds)
    assert "cognito-identity.amazonaws.com" not in json.dumps(template), "no identity roles"
    authorizer = next(
        r["Properties"]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::ApiGateway::Authorizer"
    )
    assert json.dumps(authorizer["ProviderARNs"]).count("userpool/eu-west-1_AbCdEf123") == 1

    # Its outputs work with `cognito-auth outputs`.
    outputs = {k: v["Value"] for k, v in template["Outputs"].items()}
    assert outputs["AuthRegion"] == "eu-west-1"
    source = tmp_path / "cdk-outputs.json"
    source.write_text(json.dumps({"Legacy": outputs}))
    target = tmp_path / "amplify_outputs.json"
    assert main(["outputs", "--from", str(source), "--out", str(target)]) == 0
    assert json.loads(target.read_text())["auth"] == {
        "user_pool_id": EXISTING["user_pool_id"],
        "aws_region": "eu-west-1",
        "user_pool_client_id": EXISTING["user_pool_client_id"],
        "identity_pool_id": EXISTING["identity_pool_id"],
    }
    assert existing.client_config == json.loads(target.read_text())["auth"]


def test_existing_pool_described_by_a_configuration() -> None:
    app = cdk.App()
    stack = cdk.Stack(app, "Legacy")
    existing = AuthBackend.from_attributes(
        stack, "Auth", **EXISTING, config={"groups": ["ADMINS"], "multifactor": {"mode": "off"}}
    )
    auth = existing.client_config
    assert auth["groups"] == [{"ADMINS": {"precedence": 0}}]
    assert auth["mfa_configuration"] == "NONE"


def test_existing_pool_bad_ids_are_config_errors() -> None:
    stack = cdk.Stack(cdk.App(), "Legacy")
    with pytest.raises(ConfigError) as caught:
        AuthBackend.from_attributes(
            stack,
            "Auth",
            user_pool_id="not a pool",
            user_pool_client_id="x",
            identity_pool_id="nope",
            authenticated_role_arn="arn:aws:iam::1:user/x",
        )
    paths = [p.path[0] for p in caught.value.problems]
    assert paths == ["user_pool_id", "identity_pool_id", "authenticated_role_arn"]


def test_existing_pool_roles_and_admin_grants() -> None:
    app = cdk.App()
    stack = cdk.Stack(app, "Legacy")
    existing = AuthBackend.from_attributes(stack, "Auth", **EXISTING)
    assert existing.role_for("authenticated").role_arn == EXISTING["authenticated_role_arn"]
    assert existing.role_for("group:ADMINS").role_arn == EXISTING["group_role_arns"]["ADMINS"]
    with pytest.raises(ConfigError, match="this backend has no role for it"):
        existing.role_for("guest")
    with pytest.raises(ConfigError, match="principal: not a principal"):
        existing.role_for("admins")
    fn = function(stack)
    existing.grant_admin(fn, ["manage_users"])
    template = Template.from_stack(stack).to_json()
    assert_lint_clean(template)
    (policy,) = [
        r["Properties"] for r in template["Resources"].values() if r["Type"] == "AWS::IAM::Policy"
    ]
    (statement,) = policy["PolicyDocument"]["Statement"]
    assert "cognito-idp:AdminCreateUser" in statement["Action"]
    assert "userpool/eu-west-1_AbCdEf123" in json.dumps(statement["Resource"])


def test_grants_to_an_existing_role_attach_policies() -> None:
    from aws_cdk import aws_s3 as s3

    app = cdk.App()
    stack = cdk.Stack(app, "Legacy")
    existing = AuthBackend.from_attributes(stack, "Auth", **EXISTING)
    bucket = s3.Bucket(stack, "Photos")
    bucket.grant_read(existing.role_for("authenticated"))
    template = Template.from_stack(stack).to_json()
    (policy,) = [
        r["Properties"] for r in template["Resources"].values() if r["Type"] == "AWS::IAM::Policy"
    ]
    assert policy["Roles"] == ["users"]
