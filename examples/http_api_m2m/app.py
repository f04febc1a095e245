#!/usr/bin/env python3
"""An HTTP API called by people and by a machine.

The pool has a resource server (`https://api.reports.example.com`) with a read scope, a
`web` client for people, and a `machine` client that gets access tokens with the
client-credentials flow. The API's JWT authorizer accepts tokens of both clients; the
`/reports` route also requires the `reports.read` scope, which only the machine client
(and users signing in through the hosted pages with that scope) can carry.
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_apigatewayv2_integrations as integrations
from aws_cdk import aws_lambda as lambda_

from cognito_auth import AuthBackend

API = "https://api.reports.example.com"
CONFIG = {
    "name": "reports",
    "login_with": {
        "email": True,
        "external_providers": {
            "domain_prefix": "reports-example-auth",
            "callback_urls": ["https://reports.example.com/"],
            "logout_urls": ["https://reports.example.com/"],
        },
    },
    "resource_servers": [
        {
            "identifier": API,
            "name": "Reports API",
            "scopes": [{"name": "reports.read", "description": "Read reports"}],
        }
    ],
    "clients": [
        {"name": "web"},
        {
            "name": "exporter",
            "kind": "machine",
            "scopes": [f"{API}/reports.read"],
            "token_validity": {"access_token": "1h"},
        },
    ],
}


def build(app: cdk.App) -> cdk.Stack:
    stack = cdk.Stack(app, "ReportsApi")
    auth = AuthBackend(stack, "Auth", config=CONFIG)
    reports = lambda_.Function(
        stack,
        "Reports",
        runtime=lambda_.Runtime.PYTHON_3_12,
        handler="index.handler",
        code=lambda_.Code.from_inline(
            "def handler(event, context):\n    return {'statusCode': 200, 'body': '[]'}\n"
        ),
    )
    api = apigwv2.HttpApi(stack, "Api")
    api.add_routes(
        path="/reports",
        methods=[apigwv2.HttpMethod.GET],
        integration=integrations.HttpLambdaIntegration("ReportsIntegration", reports),
        authorizer=auth.http_api_authorizer("Jwt", clients=["web", "exporter"]),
        authorization_scopes=[f"{API}/reports.read"],
    )
    assert auth.domain_url is not None
    cdk.CfnOutput(stack, "TokenEndpoint", value=f"{auth.domain_url}/oauth2/token")
    cdk.CfnOutput(stack, "ApiUrl", value=api.api_endpoint)
    return stack


if __name__ == "__main__":
    application = cdk.App()
    build(application)
    application.synth()
