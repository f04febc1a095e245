"""The REST API example: two stacks, the API importing the pool rather than copying it."""

from __future__ import annotations

import json
from pathlib import Path

from example_support import load_example, synth_example


def test_rest_api_in_its_own_stack(tmp_path: Path) -> None:
    module = load_example(Path(__file__).parent)
    api = synth_example(module, "OrdersApi", tmp_path)
    resources = list(api["Resources"].values())
    assert not any(r["Type"].startswith("AWS::Cognito::") for r in resources)
    (authorizer,) = [r for r in resources if r["Type"] == "AWS::ApiGateway::Authorizer"]
    assert authorizer["Properties"]["Type"] == "COGNITO_USER_POOLS"
    assert "Fn::ImportValue" in json.dumps(authorizer["Properties"]["ProviderARNs"])
    (method,) = [r for r in resources if r["Type"] == "AWS::ApiGateway::Method"]
    assert method["Properties"]["AuthorizationType"] == "COGNITO_USER_POOLS"
    admin_policy = next(r for r in resources if r["Type"] == "AWS::IAM::Policy")
    actions = admin_policy["Properties"]["PolicyDocument"]["Statement"][0]["Action"]
    assert "cognito-idp:AdminCreateUser" in actions
    assert "cognito-idp:AdminAddUserToGroup" in actions
