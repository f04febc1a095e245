"""The command line: validate and schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from cognito_auth.cli import main

EXAMPLES = Path(__file__).parents[1] / "examples" / "configs"

SEVERAL_MISTAKES = """\
profile: staging
login_with:
  emial: true
password_policy: {min_length: 3}
groups: [ADMINS, ADMINS]
user_attributes:
  custom:
    tenant: {required: true}
"""


def run(*args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "cognito_auth.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode, done.stdout, done.stderr


def test_validate_valid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "auth.yaml"
    path.write_text("login_with: {email: true}\n")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: valid (sign-in: email; profile: production)\n"


def test_validate_lists_every_mistake(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "auth.yaml"
    path.write_text(SEVERAL_MISTAKES)
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    for field in (
        "profile:",
        "login_with.emial:",
        "password_policy.min_length:",
        "user_attributes.custom.tenant.required:",
    ):
        assert f"\n  {field}" in err, field
    assert "Traceback" not in err


def test_validate_cross_field_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "auth.yaml"
    path.write_text("groups: [ADMINS, ADMINS]\nguest_access: true\nidentity_pool: false\n")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "groups[0].name: group 'ADMINS' is listed 2 times" in err
    assert "guest_access: guest access needs an identity pool" in err


@pytest.mark.parametrize("content", [b"", b"- a\n", b"\x00\x01\x02\xff"])
def test_validate_unusable_files_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "auth.yaml"
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}: ")
    assert err.count("\n") == 1


def test_validate_missing_file_and_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "absent.yaml")]) == 2
    assert main(["validate", str(tmp_path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"error: {tmp_path / 'absent.yaml'}: no such file",
        f"error: {tmp_path}: is a directory, not a configuration file",
    ]


def test_validate_defaults_to_auth_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 2
    (tmp_path / "auth.json").write_text('{"login_with": {"username": true}}')
    assert main(["validate"]) == 0
    assert "auth.json: valid (sign-in: username" in capsys.readouterr().out


def test_schema_is_valid_json_schema_and_accepts_the_examples(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in EXAMPLES.glob("*.yaml"):
        validator.validate(yaml.safe_load(path.read_text()))
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"profile": "staging"})


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "auth.yaml"
    path.write_text(SEVERAL_MISTAKES)
    code, out, err = run("validate", str(path))
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert err.startswith(f"invalid configuration in {path} (")


# --- federated sign-in: every invalid provider configuration is refused by field ------

_HOSTED = {
    "callback_urls": ["https://app.example.com/"],
    "logout_urls": ["https://app.example.com/"],
    "domain_prefix": "shop-auth",
}
_GOOGLE = {"client_id": "g.apps.googleusercontent.com", "client_secret": {"secrets_manager": "g"}}
_OKTA = {
    "name": "Okta",
    "client_id": "okta",
    "client_secret": {"secrets_manager": "okta"},
    "issuer_url": "https://example.okta.com",
}
_CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d"
_EP = "login_with.external_providers"


def _federated(external: dict[str, object], **top: object) -> dict[str, object]:
    return {"login_with": {"email": True, "external_providers": {**_HOSTED, **external}}, **top}


def refused_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    config: dict[str, object],
    field: str,
    fragment: str,
) -> str:
    """Validate ``config`` from a file: exit 1, with ``field`` named on a line that holds
    ``fragment``. Returns everything printed to stderr."""
    path = tmp_path / "auth.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    line = next((ln for ln in err.splitlines() if ln.startswith(f"  {field}: ")), None)
    assert line is not None, err
    assert fragment in line
    return err


@pytest.mark.parametrize(
    ("config", "field", "fragment"),
    [
        (
            _federated({"saml": [{"name": "Corp", "attribute_mapping": {"email": "mail"}}]}),
            f"{_EP}.saml[0].metadata",
            "field required",
        ),
        (
            _federated({"oidc": [_OKTA, {**_OKTA, "issuer_url": "https://other.example.com"}]}),
            f"{_EP}.oidc[1].name",
            "provider name 'Okta' is already used by oidc[0]",
        ),
        (
            _federated({"oidc": [{**_OKTA, "name": "Ok"}]}),
            f"{_EP}.oidc[0].name",
            "a provider name has 3 to 32 characters; 'Ok' has 2",
        ),
        (
            _federated({"oidc": [{**_OKTA, "name": "O" * 33}]}),
            f"{_EP}.oidc[0].name",
            "a provider name has 3 to 32 characters",
        ),
        (
            _federated({"google": {**_GOOGLE, "client_secret": "GOCSPX-cli-plain"}}),
            f"{_EP}.google.client_secret",
            "a secret is never written in the configuration",
        ),
        (
            _federated({"google": _GOOGLE, "callback_urls": ["http://app.example.com/"]}),
            f"{_EP}.callback_urls[0]",
            "uses http: Cognito accepts http only for http://localhost",
        ),
        (
            _federated({"domain_prefix": "my-cognito-login"}),
            f"{_EP}.domain_prefix",
            "contains the reserved word 'cognito'",
        ),
        (
            _federated({"google": _GOOGLE, "callback_urls": []}),
            f"{_EP}.callback_urls",
            "identity providers are configured (Google), so the hosted pages need callback urls",
        ),
        (
            {"login_with": {"email": {"verification_email_style": "link"}}},
            "login_with.email.verification_email_style",
            "verification links point to the pool's hosted domain, and it has none",
        ),
        (
            _federated(
                {"google": {**_GOOGLE, "attribute_mapping": {"nickname": "name"}}},
                user_attributes={"nickname": {"mutable": False}},
            ),
            f"{_EP}.google.attribute_mapping.nickname",
            "nickname is immutable in the pool",
        ),
        (
            _federated({"google": {**_GOOGLE, "attribute_mapping": {"custom:tenant": "hd"}}}),
            f"{_EP}.google.attribute_mapping.custom:tenant",
            "custom:tenant is not an attribute of the pool",
        ),
        (
            _federated(
                {
                    "domain_prefix": None,
                    "custom_domain": {"domain_name": "auth.example.com", "certificate_arn": _CERT},
                }
            ),
            f"{_EP}.custom_domain.certificate_arn",
            "the certificate is in eu-west-1",
        ),
    ],
    ids=[
        "missing-metadata",
        "duplicate-names",
        "name-too-short",
        "name-too-long",
        "plain-secret",
        "http-callback",
        "bad-domain-prefix",
        "providers-without-callback-urls",
        "link-without-domain",
        "mapping-to-immutable",
        "mapping-to-unknown",
        "certificate-region",
    ],
)
def test_validate_refuses_bad_federation_by_field(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    config: dict[str, object],
    field: str,
    fragment: str,
) -> None:
    err = refused_line(tmp_path, capsys, config, field, fragment)
    assert "GOCSPX-cli-plain" not in err
    assert "Traceback" not in err


def test_validate_provider_only_pool(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "auth.yaml"
    config = {"login_with": {"external_providers": {**_HOSTED, "oidc": [_OKTA]}}}
    path.write_text(yaml.safe_dump(config))
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == (
        f"{path}: valid (sign-in: external providers only; profile: production)\n"
    )


def test_validate_saml_metadata_file_beside_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "conf").mkdir()
    config = _federated(
        {
            "saml": [
                {
                    "name": "Corp",
                    "metadata": {"file": "idp.xml"},
                    "attribute_mapping": {"email": "m"},
                }
            ]
        }
    )
    path = tmp_path / "conf" / "auth.yaml"
    path.write_text(yaml.safe_dump(config))
    monkeypatch.chdir(tmp_path)
    assert main(["validate", str(path)]) == 1
    assert (
        f"metadata.file: no such file: {tmp_path / 'conf' / 'idp.xml'}" in capsys.readouterr().err
    )
    (tmp_path / "conf" / "idp.xml").write_text(
        '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata">'
        "<IDPSSODescriptor/></EntityDescriptor>"
    )
    assert main(["validate", str(path)]) == 0


# --- clients, resource servers, passwordless and plans: every refused combination by field --

_SES = {"senders": {"email": {"from_email": "no-reply@example.com"}}}
_API = {
    "identifier": "https://api.example.com",
    "name": "API",
    "scopes": [{"name": "read", "description": "Read"}],
}
_DOMAIN = {"login_with": {"email": True, "external_providers": {"domain_prefix": "shop-auth"}}}
_MACHINE = {"name": "jobs", "kind": "machine", "scopes": ["https://api.example.com/read"]}


@pytest.mark.parametrize(
    ("config", "field", "fragment"),
    [
        (
            {
                "login_with": {"email": {"otp_login": True}},
                "multifactor": {"mode": "required"},
                **_SES,
            },
            "login_with.email.otp_login",
            "cannot be a first factor while MFA is required",
        ),
        (
            {"login_with": {"email": {"otp_login": True}}},
            "login_with.email.otp_login",
            "email one-time codes need an SES email sender",
        ),
        (
            {"login_with": {"email": {"otp_login": True}, "sms_otp": True}, **_SES},
            "login_with.sms_otp",
            "unknown key 'sms_otp'",
        ),
        (
            {
                "feature_plan": "lite",
                "login_with": {"email": True, "webauthn": {"relying_party_id": "example.com"}},
            },
            "login_with.webauthn",
            "needs the essentials or plus feature plan, not 'lite'",
        ),
        (
            {"feature_plan": "essentials", "threat_protection": "audit"},
            "threat_protection",
            "threat protection needs the plus feature plan, not 'essentials'",
        ),
        (
            {"feature_plan": "lite", "clients": [{"name": "web", "refresh_token_rotation": True}]},
            "clients[0].refresh_token_rotation",
            "needs the essentials or plus feature plan, not 'lite'",
        ),
        (
            {
                "login_with": {
                    "email": True,
                    "webauthn": {"relying_party_id": "https://example.com"},
                }
            },
            "login_with.webauthn.relying_party_id",
            "is a URL; the relying party id is a domain name only",
        ),
        (
            {"login_with": {"email": True, "preferred_challenge": "web_authn"}},
            "login_with.preferred_challenge",
            "web_authn is not turned on",
        ),
        (
            {"resource_servers": [_API], "clients": ["web", _MACHINE]},
            "clients[1].kind",
            "a machine client gets its tokens from the pool's domain",
        ),
        (
            {
                **_DOMAIN,
                "resource_servers": [_API],
                "clients": ["web", {**_MACHINE, "scopes": ["email"]}],
            },
            "clients[1].scopes[0]",
            "'email' is a user scope",
        ),
        (
            {**_DOMAIN, "clients": ["web", {**_MACHINE}]},
            "clients[1].scopes[0]",
            "is not a scope of any resource server",
        ),
        (
            {"clients": [{"name": "web", "kind": "spa", "generate_secret": True}]},
            "clients[0].generate_secret",
            "a spa client runs where a secret cannot be kept",
        ),
        (
            {"clients": [{"name": "web", "token_validity": {"access_token": "2d"}}]},
            "clients[0].token_validity.access_token",
            "must be between 5 minutes and 1 day, is 2 days",
        ),
        (
            {
                "clients": [
                    {"name": "web", "token_validity": {"id_token": "2h", "refresh_token": "2h"}}
                ]
            },
            "clients[0].token_validity.id_token",
            "the ID token must expire before the refresh token",
        ),
        (
            {
                "user_attributes": {"custom": {"tenant": {"mutable": False}}},
                "clients": [{"name": "web", "write_attributes": ["email", "custom:tenant"]}],
            },
            "clients[0].write_attributes[1]",
            "custom:tenant is immutable in the pool",
        ),
        (
            {"clients": ["web", "web"]},
            "clients[1].name",
            "client name 'web' clashes with 'web'",
        ),
        (
            {**_DOMAIN, "resource_servers": [_API], "clients": [_MACHINE]},
            "clients",
            "every client is a machine client",
        ),
        (
            {"resource_servers": [_API, _API]},
            "resource_servers[0].identifier",
            "resource server 'https://api.example.com' is listed 2 times",
        ),
        (
            {"senders": {"sms": {"sns_caller_arn": "arn:aws:iam::123456789012:role/sms"}}},
            "senders.sms.external_id",
            "sns_caller_arn and external_id go together",
        ),
    ],
    ids=[
        "passwordless-with-required-mfa",
        "email-otp-without-ses",
        "sms-otp-without-phone-sign-in",
        "passkeys-on-lite",
        "threat-protection-without-plus",
        "rotation-on-lite",
        "relying-party-not-a-domain",
        "preferred-challenge-off",
        "machine-without-domain",
        "machine-with-user-scope",
        "unknown-scope",
        "secret-on-spa",
        "token-validity-bounds",
        "token-outlives-refresh",
        "immutable-writable",
        "duplicate-client",
        "machine-clients-only",
        "duplicate-resource-server",
        "sns-role-without-external-id",
    ],
)
def test_validate_refuses_client_and_plan_combinations_by_field(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    config: dict[str, object],
    field: str,
    fragment: str,
) -> None:
    err = refused_line(tmp_path, capsys, config, field, fragment)
    assert "Traceback" not in err


def test_validate_the_platform_example(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "platform.yaml"
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.startswith(f"{path}: valid (")


def test_version_prints_the_package_version_from_its_metadata() -> None:
    import tomllib
    from importlib.metadata import version

    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    assert version("cognito-auth") == pyproject["project"]["version"]
    code, out, err = run("--version")
    assert (code, out, err) == (0, f"cognito-auth {pyproject['project']['version']}\n", "")
