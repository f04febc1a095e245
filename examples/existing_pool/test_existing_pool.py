"""The existing-pool example: no Cognito resources, a JWT authorizer, outputs that
`cognito-auth outputs` turns into amplify_outputs.json."""

from __future__ import annotations

import json
from pathlib import Path

from cognito_auth.cli import main
from example_support import load_example, synth_example


def test_existing_pool(tmp_path: Path) -> None:
    module = load_example(Path(__file__).parent)
    template = synth_example(module, "LegacyApi", tmp_path)
    resources = list(template["Resources"].values())
    assert not any(r["Type"].startswith("AWS::Cognito::") for r in resources)
    (authorizer,) = [r for r in resources if r["Type"] == "AWS::ApiGatewayV2::Authorizer"]
    jwt = authorizer["Properties"]["JwtConfiguration"]
    assert jwt["Audience"] == ["4f8a2k1l0m9n8b7v6c5x4z3a2s"]
    assert "eu-west-1_AbCdEf123" in json.dumps(jwt["Issuer"])

    outputs = {k: v["Value"] for k, v in template["Outputs"].items()}
    source = tmp_path / "cdk-outputs.json"
    source.write_text(json.dumps({"LegacyApi": outputs}))
    target = tmp_path / "amplify_outputs.json"
    assert main(["outputs", "--from", str(source), "--out", str(target)]) == 0
    auth = json.loads(target.read_text())["auth"]
    assert auth["user_pool_id"] == "eu-west-1_AbCdEf123"
    assert auth["username_attributes"] == ["email"]
