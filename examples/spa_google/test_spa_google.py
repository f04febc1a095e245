"""The SPA example synthesizes, with Google on the web client and no secret in the template."""

from __future__ import annotations

import json
from pathlib import Path

from example_support import load_example, synth_example


def test_spa_with_google(tmp_path: Path) -> None:
    module = load_example(Path(__file__).parent)
    template = synth_example(module, "SpaGoogle", tmp_path)
    resources = template["Resources"].values()
    (provider,) = [r for r in resources if r["Type"] == "AWS::Cognito::UserPoolIdentityProvider"]
    assert provider["Properties"]["ProviderName"] == "Google"
    assert "resolve:secretsmanager:spa-demo/google" in json.dumps(provider)
    (client,) = [r for r in resources if r["Type"] == "AWS::Cognito::UserPoolClient"]
    assert client["Properties"]["SupportedIdentityProviders"] == ["Google", "COGNITO"]
    assert client["Properties"]["AllowedOAuthFlows"] == ["code"]
    assert "http://localhost:5173/" in client["Properties"]["CallbackURLs"]
    assert "SignInUrl" in template["Outputs"]
