"""amplify_outputs.json: the client configuration, the stack outputs, and the
`cognito-auth outputs` command (from a cdk outputs file, and from a stack in moto)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import jsonschema
import pytest

from aws_support import create_stack_with_outputs
from cognito_auth import AuthConfig
from cognito_auth.cli import main
from cognito_auth.outputs import (
    OUTPUTS_SCHEMA,
    DeployedIds,
    client_config,
    custom_auth,
    custom_section,
)
from cognito_auth.outputs.assemble import validation_errors
from support import synth

IDS = DeployedIds(
    aws_region="eu-west-1",
    user_pool_id="eu-west-1_AbCdEf123",
    user_pool_client_id="4f8a2k1l0m9n8b7v6c5x4z3a2s",
    identity_pool_id="eu-west-1:0b7e5c6a-4d3f-4e2a-9b1c-8d7e6f5a4b3c",
)
VALIDATOR = jsonschema.Draft202012Validator(OUTPUTS_SCHEMA)

MATRIX: dict[str, dict[str, Any]] = {
    "email": {},
    "phone": {"login_with": {"phone": True}, "multifactor": {"sms": True}},
    "username": {"login_with": {"username": True}},
    "username-with-aliases": {
        "login_with": {"username": {"preferred_username": True}, "email": True}
    },
    "email-and-phone": {
        "login_with": {"email": True, "phone": True},
        "multifactor": {"mode": "off"},
    },
    "mfa-off": {"multifactor": {"mode": "off"}},
    "mfa-required-all": {
        "multifactor": {"mode": "required", "sms": True, "totp": True, "email": True},
        "senders": {"email": {"from_email": "no-reply@example.com"}},
        "user_attributes": {"phone_number": {"required": True}},
    },
    "groups": {"groups": ["ADMINS", {"name": "EDITORS", "precedence": 5}]},
    "guests": {"guest_access": True},
    "no-identity-pool": {"identity_pool": False},
    "custom-attributes": {"user_attributes": {"custom": {"tenant": {"mutable": False}}}},
    "passwordless-all": {
        "login_with": {
            "email": {"otp_login": True},
            "phone": {"otp_login": True},
            "webauthn": {"relying_party_id": "example.com", "user_verification": "required"},
            "preferred_challenge": "web_authn",
        },
        "multifactor": {"sms": True},
        "senders": {"email": {"from_email": "no-reply@example.com"}},
    },
    "passwordless-email": {
        "login_with": {"email": {"otp_login": True}},
        "senders": {"email": {"from_email": "no-reply@example.com"}},
    },
    "preferred-password": {"login_with": {"email": True, "preferred_challenge": "password"}},
    "several-clients": {
        "login_with": {
            "email": True,
            "external_providers": {
                "domain_prefix": "shop-auth",
                "callback_urls": ["https://shop.example.com/"],
                "logout_urls": ["https://shop.example.com/"],
            },
        },
        "resource_servers": [
            {
                "identifier": "orders",
                "name": "Orders",
                "scopes": [{"name": "read", "description": "r"}],
            }
        ],
        "clients": [
            {"name": "mobile", "kind": "native", "callback_urls": ["shop://cb"]},
            "web",
            {"name": "backend", "kind": "machine", "scopes": ["orders/read"]},
        ],
    },
    "providers": {
        "login_with": {
            "email": True,
            "external_providers": {
                "google": {
                    "client_id": "123-abc.apps.googleusercontent.com",
                    "client_secret": {"secrets_manager": "shop/google"},
                },
                "oidc": [
                    {
                        "name": "Okta",
                        "client_id": "okta-client",
                        "client_secret": {"secrets_manager": "shop/okta"},
                        "issuer_url": "https://example.okta.com",
                    }
                ],
                "callback_urls": ["https://app.example.com/callback"],
                "logout_urls": ["https://app.example.com/"],
                "domain_prefix": "shop-auth",
            },
        }
    },
    "custom-domain": {
        "login_with": {
            "email": True,
            "external_providers": {
                "callback_urls": ["https://app.example.com/callback"],
                "logout_urls": ["https://app.example.com/"],
                "custom_domain": {
                    "domain_name": "login.example.com",
                    "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/"
                    "0b7e5c6a-4d3f-4e2a-9b1c-8d7e6f5a4b3c",
                },
            },
        }
    },
}


def document(config: dict[str, Any], ids: DeployedIds = IDS) -> dict[str, Any]:
    return {"version": "1.5", "auth": client_config(AuthConfig.model_validate(config), ids)}


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_client_config_validates_against_the_schema(name: str) -> None:
    VALIDATOR.validate(document(MATRIX[name]))


def test_the_schema_refuses_what_amplify_refuses() -> None:
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate({"version": "1.5", "auth": {"aws_region": "x"}})
    bad = document({})
    bad["auth"]["mfa_configuration"] = "ON"
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(bad)
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate({"version": "1.4"})


def test_equal_to_amplify_for_amplify_defaults() -> None:
    """`defineAuth({loginWith: {email: true}})` written with cognito-auth's names: the
    auth section equals Amplify's, field by field (its defaults: MFA off, guests on,
    8-character passwords)."""
    config = {
        "multifactor": {"mode": "off"},
        "guest_access": True,
        "password_policy": {"min_length": 8},
    }
    assert document(config)["auth"] == {
        "user_pool_id": IDS.user_pool_id,
        "aws_region": IDS.aws_region,
        "user_pool_client_id": IDS.user_pool_client_id,
        "identity_pool_id": IDS.identity_pool_id,
        "mfa_methods": [],
        "standard_required_attributes": ["email"],
        "username_attributes": ["email"],
        "user_verification_types": ["email"],
        "groups": [],
        "mfa_configuration": "NONE",
        "password_policy": {
            "min_length": 8,
            "require_lowercase": True,
            "require_numbers": True,
            "require_symbols": True,
            "require_uppercase": True,
        },
        "unauthenticated_identities_enabled": True,
    }


def test_equal_to_amplify_for_phone_mfa_and_groups() -> None:
    config = {
        "login_with": {"email": True, "phone": True},
        "multifactor": {"mode": "required", "sms": True, "totp": True},
        "groups": ["ADMINS", "EDITORS"],
        "guest_access": True,
    }
    auth = document(config)["auth"]
    assert auth["mfa_methods"] == ["SMS", "TOTP"]
    assert auth["mfa_configuration"] == "REQUIRED"
    assert auth["username_attributes"] == ["email", "phone_number"]
    assert auth["user_verification_types"] == ["email", "phone_number"]
    assert auth["standard_required_attributes"] == ["email", "phone_number"]
    assert auth["groups"] == [{"ADMINS": {"precedence": 0}}, {"EDITORS": {"precedence": 1}}]


def test_passwordless_section() -> None:
    auth = document(MATRIX["passwordless-all"])["auth"]
    assert auth["passwordless"] == {
        "email_otp_enabled": True,
        "sms_otp_enabled": True,
        "web_authn": {"relying_party_id": "example.com", "user_verification": "required"},
        "preferred_challenge": "WEB_AUTHN",
    }
    assert document(MATRIX["passwordless-email"])["auth"]["passwordless"] == {
        "email_otp_enabled": True,
        "sms_otp_enabled": False,
    }
    assert document(MATRIX["preferred-password"])["auth"]["passwordless"] == {
        "email_otp_enabled": False,
        "sms_otp_enabled": False,
        "preferred_challenge": "PASSWORD",
    }
    assert "passwordless" not in document({})["auth"]


def test_other_clients_go_to_custom_auth() -> None:
    config = AuthConfig.model_validate(MATRIX["several-clients"])
    assert config.default_client.name == "web"
    ids = DeployedIds(**{**IDS.__dict__, "client_ids": {"mobile": "m1", "backend": "b1"}})
    custom = custom_section(custom_auth(config), ids)
    assert custom == {
        "clients": {
            "mobile": {
                "client_id": "m1",
                "kind": "native",
                "oauth": {
                    "flows": ["code"],
                    "scopes": ["openid", "email", "profile"],
                    "redirect_sign_in_uri": ["shop://cb"],
                    "redirect_sign_out_uri": [],
                },
            },
            "backend": {
                "client_id": "b1",
                "kind": "machine",
                "oauth": {"flows": ["client_credentials"], "scopes": ["orders/read"]},
            },
        }
    }
    assert client_config(config, ids)["user_pool_client_id"] == IDS.user_pool_client_id


def test_username_sign_in_and_no_identity_pool() -> None:
    auth = document({"login_with": {"username": True}, "identity_pool": False}, IDS)["auth"]
    assert auth["username_attributes"] == ["username"]
    assert "unauthenticated_identities_enabled" not in auth


# --- stack outputs and the outputs command ------------------------------------------------


def deployed_outputs(config: dict[str, Any], **synth_args: Any) -> dict[str, str]:
    """The stack outputs of a synthesized template, as CloudFormation would report them
    after deploy (references resolved to realistic values)."""
    template = synth(config, **synth_args).json
    values: dict[str, str] = {
        "AWS::Region": IDS.aws_region,
        "UserPool": IDS.user_pool_id,
        "WebClient": IDS.user_pool_client_id,
        "IdentityPool": IDS.identity_pool_id,
    }
    out = {}
    for key, output in template["Outputs"].items():
        out[key] = _resolve_output(output["Value"], values)
    return out


def _resolve_output(value: Any, values: dict[str, str]) -> str:
    if isinstance(value, str):
        return value
    if "Ref" in value:
        ref = value["Ref"]
        # Other clients' ids: a realistic id derived from the logical id.
        return next((v for k, v in values.items() if k in ref), f"id-{ref[:20].lower()}")
    separator, parts = value["Fn::Join"]
    return str(separator).join(_resolve_output(part, values) for part in parts)


def write_cdk_outputs(tmp_path: Path, outputs: dict[str, str], stack: str = "ShopAuth") -> Path:
    path = tmp_path / "cdk-outputs.json"
    path.write_text(json.dumps({stack: outputs}))
    return path


def test_outputs_are_named_after_the_construct() -> None:
    outputs = deployed_outputs({}, construct_id="Customers")
    assert sorted(outputs) == [
        "CustomersClientConfig",
        "CustomersIdentityPoolId",
        "CustomersRegion",
        "CustomersUserPoolClientId",
        "CustomersUserPoolId",
    ]


def test_outputs_from_a_cdk_outputs_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = MATRIX["groups"]
    source = write_cdk_outputs(tmp_path, deployed_outputs(config))
    out = tmp_path / "amplify_outputs.json"
    assert main(["outputs", "--from", str(source), "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"{out}: written (backend Auth, schema version 1.5)\n"
    written = json.loads(out.read_text())
    VALIDATOR.validate(written)
    assert written == document(config)


def test_custom_auth_holds_what_the_schema_cannot(tmp_path: Path) -> None:
    config = MATRIX["custom-attributes"]
    source = write_cdk_outputs(tmp_path, deployed_outputs(config))
    out = tmp_path / "amplify_outputs.json"
    assert main(["outputs", "--from", str(source), "--out", str(out)]) == 0
    written = json.loads(out.read_text())
    assert written["custom"] == {
        "auth": {"custom_attributes": {"custom:tenant": {"data_type": "string", "mutable": False}}}
    }


def test_outputs_carry_the_other_clients_and_passwordless(tmp_path: Path) -> None:
    config = {
        **MATRIX["several-clients"],
        "login_with": {
            **MATRIX["several-clients"]["login_with"],
            "webauthn": {"relying_party_id": "shop.example.com"},
        },
    }
    outputs = deployed_outputs(config)
    assert sorted(k for k in outputs if k.startswith("AuthAppClient")) == [
        "AuthAppClientBackendId",
        "AuthAppClientMobileId",
    ]
    source = write_cdk_outputs(tmp_path, outputs)
    out = tmp_path / "amplify_outputs.json"
    assert main(["outputs", "--from", str(source), "--out", str(out)]) == 0
    written = json.loads(out.read_text())
    VALIDATOR.validate(written)
    assert written["auth"]["user_pool_client_id"] == IDS.user_pool_client_id
    assert written["auth"]["passwordless"]["web_authn"] == {
        "relying_party_id": "shop.example.com",
        "user_verification": "preferred",
    }
    clients = written["custom"]["auth"]["clients"]
    assert sorted(clients) == ["backend", "mobile"]
    assert clients["backend"]["client_id"] == outputs["AuthAppClientBackendId"]
    assert clients["mobile"]["client_id"] == outputs["AuthAppClientMobileId"]
    assert "secret" not in json.dumps(written).lower()


def test_outputs_merge_into_an_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "amplify_outputs.json"
    out.write_text(
        json.dumps(
            {
                "version": "1.4",
                "auth": {"user_pool_id": "old"},
                "storage": {"bucket_name": "photos"},
                "custom": {"api": {"url": "https://api.example.com"}},
            }
        )
    )
    source = write_cdk_outputs(tmp_path, deployed_outputs({}))
    assert main(["outputs", "--from", str(source), "--out", str(out)]) == 0
    written = json.loads(out.read_text())
    assert written["version"] == "1.5"
    assert written["auth"]["user_pool_id"] == IDS.user_pool_id
    assert written["storage"] == {"bucket_name": "photos"}
    assert written["custom"] == {"api": {"url": "https://api.example.com"}}


def test_an_invalid_result_is_never_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = deployed_outputs({})
    static = json.loads(outputs["AuthClientConfig"])
    static["auth"]["mfa_configuration"] = "ON"
    outputs["AuthClientConfig"] = json.dumps(static)
    source = write_cdk_outputs(tmp_path, outputs)
    out = tmp_path / "amplify_outputs.json"
    assert main(["outputs", "--from", str(source), "--out", str(out)]) == 1
    assert not out.exists()
    assert "auth/mfa_configuration: 'ON' is not one of" in capsys.readouterr().err


def test_several_backends_need_a_choice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = {**deployed_outputs({}), **deployed_outputs({}, construct_id="Partners")}
    source = write_cdk_outputs(tmp_path, outputs)
    out = tmp_path / "amplify_outputs.json"
    assert main(["outputs", "--from", str(source), "--out", str(out)]) == 2
    assert "several backends (Auth, Partners); choose one with --backend" in capsys.readouterr().err
    assert main(["outputs", "--from", str(source), "--out", str(out), "--backend", "Partners"]) == 0


def test_backends_in_several_stacks_need_a_choice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Staging and prod in one `cdk deploy --outputs-file`: both backends are `Auth`, so
    merging the stacks would silently keep the last one."""
    source = tmp_path / "cdk-outputs.json"
    staging = deployed_outputs({})
    prod = {**deployed_outputs({}), "AuthUserPoolId": "us-east-1_prod"}
    source.write_text(
        json.dumps({"ShopStaging": staging, "ShopProd": prod, "Web": {"Url": "https://x"}})
    )
    out = tmp_path / "amplify_outputs.json"
    assert main(["outputs", "--from", str(source), "--out", str(out)]) == 2
    assert (
        "backends in several stacks (ShopProd, ShopStaging); choose one with --from-stack"
        in capsys.readouterr().err
    )
    assert not out.exists()
    argv = ["outputs", "--from", str(source), "--out", str(out), "--from-stack", "ShopProd"]
    assert main(argv) == 0
    assert json.loads(out.read_text())["auth"]["user_pool_id"] == "us-east-1_prod"


def test_one_stack_with_a_backend_among_others_needs_no_choice(tmp_path: Path) -> None:
    source = tmp_path / "cdk-outputs.json"
    source.write_text(json.dumps({"Web": {"Url": "https://x"}, "Shop": deployed_outputs({})}))
    out = tmp_path / "amplify_outputs.json"
    assert main(["outputs", "--from", str(source), "--out", str(out)]) == 0


@pytest.mark.parametrize("domain", [None, ""])
def test_a_hosted_backend_without_its_domain_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], domain: str | None
) -> None:
    outputs = deployed_outputs(MATRIX["providers"])
    assert outputs["AuthOAuthDomain"]
    if domain is None:
        del outputs["AuthOAuthDomain"]
    else:
        outputs["AuthOAuthDomain"] = domain
    source = write_cdk_outputs(tmp_path, outputs)
    out = tmp_path / "amplify_outputs.json"
    assert main(["outputs", "--from", str(source), "--out", str(out)]) == 2
    assert "AuthOAuthDomain is missing or empty" in capsys.readouterr().err
    assert not out.exists()


def test_an_empty_oauth_domain_breaks_validation() -> None:
    written = document(MATRIX["providers"])
    written["auth"]["oauth"]["domain"] = "shop-auth.auth.us-east-1.amazoncognito.com"
    assert validation_errors(written) == []
    written["auth"]["oauth"]["domain"] = ""
    assert validation_errors(written) == [
        "auth/oauth/domain: '' is empty: the hosted pages' domain is needed"
    ]


def test_long_client_config_is_split_over_outputs(tmp_path: Path) -> None:
    groups = [f"GROUP-{index:03d}-{'x' * 40}" for index in range(120)]
    outputs = deployed_outputs({"groups": groups})
    chunks = [key for key in outputs if "ClientConfig" in key]
    assert len(chunks) >= 2
    assert all(len(outputs[key]) <= 4000 for key in chunks)
    source = write_cdk_outputs(tmp_path, outputs)
    out = tmp_path / "amplify_outputs.json"
    assert main(["outputs", "--from", str(source), "--out", str(out)]) == 0
    assert len(json.loads(out.read_text())["auth"]["groups"]) == 120


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not valid JSON"),
        ("[]", "not a cdk outputs file"),
        ('{"Other": {"Key": "value"}}', "no cognito-auth backend outputs"),
    ],
)
def test_unusable_outputs_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    source = tmp_path / "cdk-outputs.json"
    source.write_text(content)
    assert main(["outputs", "--from", str(source), "--out", str(tmp_path / "o.json")]) == 2
    assert message in capsys.readouterr().err


def test_outputs_from_a_stack(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = MATRIX["guests"]
    create_stack_with_outputs(aws, "GuestsAuth", deployed_outputs(config))
    out = tmp_path / "amplify_outputs.json"
    assert main(["outputs", "--stack", "GuestsAuth", "--out", str(out)]) == 0
    assert json.loads(out.read_text()) == document(config)
    assert main(["outputs", "--stack", "Missing", "--out", str(out)]) == 2
    assert "stack 'Missing': not found" in capsys.readouterr().err


def test_oauth_section_as_amplify_writes_it() -> None:
    ids = DeployedIds(
        **{**IDS.__dict__, "oauth_domain": "shop-auth.auth.eu-west-1.amazoncognito.com"}
    )
    auth = document(MATRIX["providers"], ids)["auth"]
    assert auth["oauth"] == {
        "identity_providers": ["GOOGLE"],
        "domain": "shop-auth.auth.eu-west-1.amazoncognito.com",
        "scopes": ["openid", "email", "profile"],
        "redirect_sign_in_uri": ["https://app.example.com/callback"],
        "redirect_sign_out_uri": ["https://app.example.com/"],
        "response_type": "code",
    }


def test_no_oauth_section_without_hosted_sign_in() -> None:
    assert "oauth" not in document({})["auth"]


def test_oidc_and_saml_names_go_to_custom_auth(tmp_path: Path) -> None:
    outputs = deployed_outputs(MATRIX["providers"])
    assert outputs["AuthOAuthDomain"] == "shop-auth.auth.eu-west-1.amazoncognito.com"
    source = write_cdk_outputs(tmp_path, outputs)
    out = tmp_path / "amplify_outputs.json"
    assert main(["outputs", "--from", str(source), "--out", str(out)]) == 0
    written = json.loads(out.read_text())
    VALIDATOR.validate(written)
    assert written["auth"]["oauth"]["identity_providers"] == ["GOOGLE"]
    assert written["auth"]["oauth"]["domain"] == "shop-auth.auth.eu-west-1.amazoncognito.com"
    assert written["custom"] == {"auth": {"oidc_providers": ["Okta"]}}


def test_custom_domain_is_the_oauth_domain(tmp_path: Path) -> None:
    outputs = deployed_outputs(MATRIX["custom-domain"])
    assert outputs["AuthOAuthDomain"] == "login.example.com"
    source = write_cdk_outputs(tmp_path, outputs)
    out = tmp_path / "amplify_outputs.json"
    assert main(["outputs", "--from", str(source), "--out", str(out)]) == 0
    assert json.loads(out.read_text())["auth"]["oauth"]["domain"] == "login.example.com"
