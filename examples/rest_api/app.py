#!/usr/bin/env python3
"""A REST API protected by the user pool, in a stack of its own.

The auth stack holds the backend; the API stack takes it as an argument and gets a
Cognito authorizer, plus a function that manages the pool's users (grant_admin).
CDK wires the two stacks with exports and imports.
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from cognito_auth import AuthBackend

CONFIG = {
    "name": "orders",
    "login_with": {"email": True},
    "groups": ["ADMINS", "CUSTOMERS"],
    "multifactor": {"mode": "optional", "totp": True},
}

HANDLER = """
def handler(event, context):
    claims = event["requestContext"]["authorizer"]["claims"]
    return {"statusCode": 200, "body": "hello " + claims["email"]}
"""


class ApiStack(cdk.Stack):
    def __init__(self, scope: Construct, id: str, *, auth: AuthBackend) -> None:
        super().__init__(scope, id)
        orders = lambda_.Function(
            self,
            "Orders",
            runtime=lambda_.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=lambda_.Code.from_inline(HANDLER),
        )
        api = apigateway.RestApi(self, "Api", rest_api_name="orders")
        api.root.add_resource("orders").add_method(
            "GET",
            apigateway.LambdaIntegration(orders),
            authorizer=auth.rest_api_authorizer(self, "Authorizer"),
            authorization_type=apigateway.AuthorizationType.COGNITO,
        )
        # A back-office function that creates users and puts them in groups.
        admin = lambda_.Function(
            self,
            "Admin",
            runtime=lambda_.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=lambda_.Code.from_inline("def handler(event, context):\n    return {}\n"),
        )
        auth.grant_admin(admin, ["manage_users", "manage_group_membership"])


def build(app: cdk.App) -> tuple[cdk.Stack, cdk.Stack]:
    auth_stack = cdk.Stack(app, "OrdersAuth")
    auth = AuthBackend(auth_stack, "Auth", config=CONFIG)
    return auth_stack, ApiStack(app, "OrdersApi", auth=auth)


if __name__ == "__main__":
    application = cdk.App()
    build(application)
    application.synth()
