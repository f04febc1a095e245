"""No secret value ever reaches a template.

Provider secrets are references: a plain value is refused before anything is built (and
never echoed in the error), and every secret detail of every identity provider in every
template this test process synthesized is a deploy-time reference: a Secrets Manager
dynamic reference, or the attribute of the SSM SecureString reader.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from cognito_auth import AuthConfig, ConfigError, load_config
from cognito_auth.cli import main
from cognito_auth.config.providers import (
    FacebookProvider,
    GoogleProvider,
    LoginWithAmazonProvider,
    OidcProvider,
    SignInWithAppleProvider,
)
from federation import ALL_PROVIDERS, IDP, SSM_READER, federated
from support import SYNTHESIZED, synth

FAKE_SECRETS = {
    ("google", "client_secret"): "FAKE-google-GOCSPX-5e1f0c7a9b",
    ("facebook", "client_secret"): "FAKE-facebook-3b9d2e7f41c8",
    ("login_with_amazon", "client_secret"): "FAKE-amazon-amzn1-8c4b7d21ef",
    ("sign_in_with_apple", "private_key"): "FAKE-apple-----BEGIN PRIVATE KEY-----MIGTAgE",
    ("oidc", "client_secret"): "FAKE-okta-0d6c5b4a3f2e1d",
}
SECRET_DETAILS = ("client_secret", "private_key")


def with_plain_secret(provider: str, field: str, value: str) -> dict[str, Any]:
    external: dict[str, Any] = json.loads(json.dumps(ALL_PROVIDERS))
    if provider == "oidc":
        external["oidc"][0][field] = value
    else:
        external[provider][field] = value
    return federated(external)


def every_secret_kind() -> list[dict[str, Any]]:
    """Every provider with Secrets Manager references, then with SSM references."""
    sm = federated(ALL_PROVIDERS)
    ssm_external: dict[str, Any] = json.loads(json.dumps(ALL_PROVIDERS))
    for key in ("google", "facebook", "login_with_amazon"):
        ssm_external[key]["client_secret"] = {"ssm_parameter": f"/shop/{key}"}
    ssm_external["sign_in_with_apple"]["private_key"] = {"ssm_parameter": "/shop/apple-key"}
    for index, oidc in enumerate(ssm_external["oidc"]):
        oidc["client_secret"] = {"ssm_parameter": f"/shop/oidc-{index}"}
    return [sm, federated(ssm_external)]


@pytest.mark.parametrize(("provider", "field"), list(FAKE_SECRETS))
def test_plain_secrets_are_refused_and_never_echoed(provider: str, field: str) -> None:
    value = FAKE_SECRETS[(provider, field)]
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate(with_plain_secret(provider, field, value))
    (found,) = caught.value.problems
    assert found.path[-1] == field
    assert value not in str(caught.value)
    assert value not in repr(caught.value.problems)


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (
            GoogleProvider,
            {"client_id": "g", "client_secret": FAKE_SECRETS[("google", "client_secret")]},
        ),
        (
            FacebookProvider,
            {"client_id": "f", "client_secret": FAKE_SECRETS[("facebook", "client_secret")]},
        ),
        (
            LoginWithAmazonProvider,
            {
                "client_id": "a",
                "client_secret": FAKE_SECRETS[("login_with_amazon", "client_secret")],
            },
        ),
        (
            SignInWithAppleProvider,
            {
                "client_id": "com.example",
                "team_id": "ABCDE12345",
                "key_id": "KEY1234567",
                "private_key": FAKE_SECRETS[("sign_in_with_apple", "private_key")],
            },
        ),
        (
            OidcProvider,
            {
                "name": "Okta",
                "client_id": "o",
                "client_secret": FAKE_SECRETS[("oidc", "client_secret")],
                "issuer_url": "https://example.okta.com",
            },
        ),
    ],
)
def test_provider_models_built_in_python_do_not_echo_secrets(
    model: type[Any], data: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError) as caught:
        model(**data)
    for value in FAKE_SECRETS.values():
        assert value not in str(caught.value)


def test_validate_command_does_not_echo_secrets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "auth.json"
    path.write_text(json.dumps(with_plain_secret("google", "client_secret", "FAKE-cli-secret-1")))
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert "login_with.external_providers.google.client_secret:" in captured.err
    assert "FAKE-cli-secret-1" not in captured.out + captured.err


def test_every_synthesized_template_holds_references_only(tmp_path: Path) -> None:
    # Synthesize every provider with both kinds of references, also from a file, so the
    # sweep below covers them whatever else this process synthesized.
    for data in every_secret_kind():
        synth(data)
    path = tmp_path / "auth.json"
    path.write_text(json.dumps(every_secret_kind()[1]))
    synth(load_config(path))

    checked = 0
    for text in SYNTHESIZED:
        for value in FAKE_SECRETS.values():
            assert value not in text
        template = json.loads(text)
        resources = template.get("Resources", {})
        for resource in resources.values():
            if resource["Type"] != IDP:
                continue
            details = resource["Properties"]["ProviderDetails"]
            for key in SECRET_DETAILS:
                if key in details:
                    assert_reference(details[key], resources)
                    checked += 1
    assert checked >= 12  # six secrets per configuration, two kinds of reference


def assert_reference(value: Any, resources: dict[str, Any]) -> None:
    if isinstance(value, str):
        assert value.startswith("{{resolve:secretsmanager:"), value
        assert value.endswith("}}"), value
        return
    (target, attribute) = value["Fn::GetAtt"]
    assert attribute == "Parameter.Value"
    assert resources[target]["Type"] == SSM_READER
