#!/usr/bin/env python3
"""An app that references an existing user pool (one it cannot recreate): an HTTP API
protected by the pool's tokens, and a function allowed to read its users. No Cognito
resource is created; `cognito-auth outputs` still writes the frontend's configuration
from this stack's outputs.
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_apigatewayv2_integrations as integrations
from aws_cdk import aws_lambda as lambda_

from cognito_auth import AuthBackend

EXISTING = {
    "user_pool_id": "eu-west-1_AbCdEf123",
    "user_pool_client_id": "4f8a2k1l0m9n8b7v6c5x4z3a2s",
    "identity_pool_id": "eu-west-1:0b7e5c6a-4d3f-4e2a-9b1c-8d7e6f5a4b3c",
    "authenticated_role_arn": "arn:aws:iam::123456789012:role/legacy-users",
}


def build(app: cdk.App) -> cdk.Stack:
    stack = cdk.Stack(app, "LegacyApi")
    auth = AuthBackend.from_attributes(
        stack,
        "Auth",
        **EXISTING,
        config={"login_with": {"email": True}, "multifactor": {"mode": "off"}},
    )
    lookup = lambda_.Function(
        stack,
        "Lookup",
        runtime=lambda_.Runtime.PYTHON_3_12,
        handler="index.handler",
        code=lambda_.Code.from_inline("def handler(event, context):\n    return {}\n"),
    )
    auth.grant_admin(lookup, ["cognito-idp:AdminGetUser", "cognito-idp:ListUsers"])
    api = apigwv2.HttpApi(stack, "Api")
    api.add_routes(
        path="/me",
        integration=integrations.HttpLambdaIntegration("Me", lookup),
        authorizer=auth.http_api_authorizer("Jwt"),
    )
    return stack


if __name__ == "__main__":
    application = cdk.App()
    build(application)
    application.synth()
