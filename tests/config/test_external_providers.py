"""Federated sign-in configuration: providers, secrets, domain and OAuth rules, with every
error branch's location and code pinned."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cognito_auth import AuthConfig, ConfigError, load_config
from cognito_auth.config import Change, Immutable
from cognito_auth.config.providers import ExternalProviders, SamlMetadataFile
from cognito_auth.config.secrets import SecretsManagerSecret, SsmParameterSecret
from cognito_auth.errors import format_path
from problem_support import assert_only, codes, refused

EP = "login_with.external_providers"
GOOGLE = {"client_id": "1234.apps.googleusercontent.com", "client_secret": {"secrets_manager": "g"}}
OKTA = {
    "name": "Okta",
    "client_id": "okta-client",
    "client_secret": {"secrets_manager": "okta"},
    "issuer_url": "https://example.okta.com",
}
CORP = {
    "name": "Corp",
    "metadata": {"url": "https://idp.example.com/metadata.xml"},
    "attribute_mapping": {"email": "mail"},
}
HOSTED = {
    "callback_urls": ["https://app.example.com/"],
    "logout_urls": ["https://app.example.com/"],
    "domain_prefix": "shop-auth",
}
METADATA = """<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/>
</md:EntityDescriptor>
"""


def federated(external: dict[str, Any], **top: Any) -> dict[str, Any]:
    login = top.pop("login_with", {"email": True})
    return {"login_with": {**login, "external_providers": {**HOSTED, **external}}, **top}


def only_problem(data: dict[str, Any]) -> tuple[str, str]:
    """The one problem of ``data``: its rendered path and its code."""
    found = codes(data)
    assert len(found) == 1, found
    ((path, (code, *more)),) = found.items()
    assert not more, found
    return path, code


def valid(data: dict[str, Any]) -> AuthConfig:
    return AuthConfig.model_validate(data)


# --- valid configurations and defaults --------------------------------------------------


def test_every_provider_kind_together() -> None:
    config = valid(
        federated(
            {
                "google": GOOGLE,
                "facebook": {"client_id": "123", "client_secret": {"ssm_parameter": "/fb"}},
                "login_with_amazon": {
                    "client_id": "amzn",
                    "client_secret": {"secrets_manager": "a"},
                },
                "sign_in_with_apple": {
                    "client_id": "com.example.web",
                    "team_id": "ABCDE12345",
                    "key_id": "KEY1234567",
                    "private_key": {"secrets_manager": "apple", "json_field": "key"},
                },
                "oidc": [OKTA, {**OKTA, "name": "Auth0"}],
                "saml": [CORP],
            }
        )
    )
    external = config.external_providers
    assert [p.provider_name for p in external.providers] == [
        "Google",
        "Facebook",
        "LoginWithAmazon",
        "SignInWithApple",
        "Okta",
        "Auth0",
        "Corp",
    ]
    assert [p.login_provider for p in external.social_providers] == [
        "accounts.google.com",
        "graph.facebook.com",
        "www.amazon.com",
        "appleid.apple.com",
    ]
    assert config.login_with.cognito_sign_in is True


def test_provider_defaults() -> None:
    config = valid(federated({"google": GOOGLE, "oidc": [OKTA], "saml": [CORP]}))
    external = config.external_providers
    assert external.google is not None
    assert external.google.scopes == ("openid", "email", "profile")
    oidc = external.oidc[0]
    assert (oidc.scopes, oidc.attribute_request_method, oidc.endpoints, oidc.identifiers) == (
        ("openid", "email", "profile"),
        "GET",
        None,
        (),
    )
    saml = external.saml[0]
    assert (
        saml.idp_signout,
        saml.encrypted_responses,
        saml.request_signing_algorithm,
        saml.idp_initiated,
    ) == (False, False, None, False)
    assert external.scopes == ("openid", "email", "profile")
    assert external.managed_login_version == "classic_hosted_ui"
    assert external.identity_pool_federation is True
    assert external.allow_cognito_sign_in is None


def test_email_is_mapped_by_default_as_amplify() -> None:
    config = valid(federated({"google": GOOGLE, "oidc": [OKTA], "saml": [CORP]}))
    external = config.external_providers
    assert external.google is not None
    assert config.attribute_mapping(external.google) == {"email": "email"}
    assert config.attribute_mapping(external.oidc[0]) == {"email": "email"}
    # SAML is never mapped by default: its mapping is the configured one.
    assert config.attribute_mapping(external.saml[0]) == {"email": "mail"}


def test_configured_mapping_overrides_the_default() -> None:
    google = {**GOOGLE, "attribute_mapping": {"email": "mail", "given_name": "given_name"}}
    config = valid(federated({"google": google}))
    assert config.external_providers.google is not None
    assert config.attribute_mapping(config.external_providers.google) == {
        "email": "mail",
        "given_name": "given_name",
    }


def test_no_default_mapping_with_phone_sign_in() -> None:
    """As Amplify: with phone sign-in nothing is mapped by default, so the required email
    and phone number must be mapped explicitly (Amplify deploys a pool whose federated
    sign-ins then fail)."""
    google = {**GOOGLE, "attribute_mapping": {"phone_number": "phoneNumbers"}}
    problem = assert_only(
        federated(
            {"google": google},
            login_with={"email": True, "phone": True},
            multifactor={"sms": True},
        ),
        f"{EP}.google.attribute_mapping",
        "required_attribute_not_mapped",
    )
    assert problem.allowed == "a mapping that includes email"
    google = {**GOOGLE, "attribute_mapping": {"phone_number": "phoneNumbers", "email": "email"}}
    config = valid(
        federated(
            {"google": google},
            login_with={"email": True, "phone": True},
            multifactor={"sms": True},
        )
    )
    assert config.external_providers.google is not None
    assert config.attribute_mapping(config.external_providers.google) == google["attribute_mapping"]


def test_mapping_to_custom_and_verified_flags() -> None:
    google = {
        **GOOGLE,
        "attribute_mapping": {"custom:tenant_id": "hd", "email_verified": "email_verified"},
    }
    valid(federated({"google": google}, user_attributes={"custom": {"tenant_id": {}}}))


def test_provider_only_pool_is_valid() -> None:
    config = valid(
        {
            "login_with": {
                "external_providers": {
                    **HOSTED,
                    "saml": [{**CORP, "attribute_mapping": {}}],
                }
            }
        }
    )
    assert config.login_with.sign_in_attributes == ()
    assert config.login_with.cognito_sign_in is False


def test_cognito_sign_in_can_be_turned_off() -> None:
    config = valid(federated({"google": GOOGLE, "allow_cognito_sign_in": False}))
    assert config.login_with.cognito_sign_in is False


def test_domain_without_providers_or_urls_is_valid() -> None:
    """A domain alone serves the email verification links; the client keeps no OAuth."""
    config = valid(
        {
            "login_with": {
                "email": {"verification_email_style": "link"},
                "external_providers": {"domain_prefix": "shop-auth"},
            }
        }
    )
    assert config.external_providers.has_domain
    assert not config.external_providers.uses_oauth


def test_hosted_pages_for_cognito_users_only() -> None:
    config = valid(federated({}))
    assert config.external_providers.uses_oauth
    assert config.external_providers.providers == ()


@pytest.mark.parametrize(
    "url",
    [
        "https://app.example.com/callback",
        "http://localhost",
        "http://localhost:3000/",
        "myapp://callback",
        "com.example.app:/oauth2redirect",
    ],
)
def test_accepted_callback_urls(url: str) -> None:
    valid(federated({"callback_urls": [url]}))


def test_custom_domain() -> None:
    config = valid(
        federated(
            {
                "domain_prefix": None,
                "custom_domain": {
                    "domain_name": "auth.example.com",
                    "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/abc-123",
                },
            }
        )
    )
    assert config.external_providers.custom_domain is not None


def test_secret_references() -> None:
    assert SecretsManagerSecret(secrets_manager="shop/google").json_field is None
    arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/google-AbCdEf"
    assert SecretsManagerSecret(secrets_manager=arn, json_field="secret").secrets_manager == arn
    assert SsmParameterSecret(ssm_parameter="/shop/google").parameter_name == "/shop/google"
    by_arn = SsmParameterSecret(ssm_parameter="arn:aws:ssm:eu-west-1:123456789012:parameter/a/b")
    assert by_arn.parameter_name == "/a/b"


# --- secrets --------------------------------------------------------------------------


def test_plain_secret_is_refused_with_the_reference_form_and_never_shown() -> None:
    data = federated({"google": {**GOOGLE, "client_secret": "GOCSPX-plain-secret-1234"}})
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate(data)
    (found,) = caught.value.problems
    assert format_path(found.path) == f"{EP}.google.client_secret"
    assert found.message.startswith("a secret is never written in the configuration")
    assert found.allowed == (
        "{secrets_manager: NAME_OR_ARN, json_field: FIELD} or {ssm_parameter: NAME}"
    )
    assert "GOCSPX-plain-secret-1234" not in str(caught.value)


@pytest.mark.parametrize(
    ("secret", "path", "code"),
    [
        ({}, "", "exactly_one"),
        (
            {"secrets_manager": "a", "ssm_parameter": "b"},
            "",
            "exactly_one",
        ),
        (42, "", "not_a_secret_reference"),
        ({"secrets_manager": "a:b"}, ".secrets_manager", "invalid_name"),
        (
            {"secrets_manager": "arn:aws:secretsmanager:nowhere"},
            ".secrets_manager",
            "invalid_arn",
        ),
        (
            {"secrets_manager": "a", "json_field": "a:b"},
            ".json_field",
            "invalid_json_field",
        ),
        ({"ssm_parameter": "a/b"}, ".ssm_parameter", "invalid_name"),
        (
            {"ssm_parameter": "arn:aws:ssm:us-east-1:1:parameter/x"},
            ".ssm_parameter",
            "invalid_arn",
        ),
        (
            {"ssm_parameter": "/a", "kms_key_arn": "alias/aws/ssm"},
            ".kms_key_arn",
            "invalid_arn",
        ),
        ({"ssm_parameter": "/a", "json_field": "x"}, ".json_field", "extra_forbidden"),
    ],
)
def test_bad_secret_references(secret: Any, path: str, code: str) -> None:
    data = federated({"google": {**GOOGLE, "client_secret": secret}})
    assert only_problem(data) == (f"{EP}.google.client_secret{path}", code)


def test_unknown_key_in_a_reference_lists_that_reference_s_keys() -> None:
    data = federated(
        {"google": {**GOOGLE, "client_secret": {"ssm_parameter": "/a", "kms_key": "k"}}}
    )
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate(data)
    (found,) = caught.value.problems
    assert found.allowed == "kms_key_arn, ssm_parameter"
    assert found.hint == "did you mean 'kms_key_arn'?"


def test_apple_private_key_must_be_a_reference() -> None:
    apple = {
        "client_id": "com.example.web",
        "team_id": "ABCDE12345",
        "key_id": "KEY1234567",
        "private_key": "-----BEGIN PRIVATE KEY-----",
    }
    assert only_problem(federated({"sign_in_with_apple": apple})) == (
        f"{EP}.sign_in_with_apple.private_key",
        "plain_secret",
    )


APPLE = {
    "client_id": "com.example.web",
    "team_id": "ABCDE12345",
    "key_id": "KEY1234567",
    "private_key": {"ssm_parameter": "/shop/apple-key"},
}


def test_apple_attribute_mapping_takes_apples_names() -> None:
    mapping = {"given_name": "firstName", "family_name": "lastName", "name": "name"}
    config = AuthConfig.model_validate(
        federated({"sign_in_with_apple": {**APPLE, "attribute_mapping": mapping}})
    )
    provider = config.login_with.external_providers
    assert provider is not None
    assert provider.sign_in_with_apple is not None
    assert provider.sign_in_with_apple.attribute_mapping == mapping


def test_apple_attribute_mapping_refuses_a_name_apple_does_not_have() -> None:
    """`given_name` is Google's and OIDC's name; Apple's is `firstName`."""
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate(
            federated(
                {"sign_in_with_apple": {**APPLE, "attribute_mapping": {"given_name": "given_name"}}}
            )
        )
    (found,) = caught.value.problems
    assert found.path == (
        *EP.split("."),
        "sign_in_with_apple",
        "attribute_mapping",
        "given_name",
    )
    assert found.received == "given_name"
    assert found.allowed == "'sub', 'email', 'email_verified', 'name', 'firstName' or 'lastName'"


# --- provider names and identifiers ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Ok", "length"),
        ("O" * 33, "length"),
        ("My Okta", "invalid_characters"),
        (
            "_Okta",
            "misplaced_underscore",
        ),
        (
            "Ok_ta",
            "misplaced_underscore",
        ),
    ],
)
def test_bad_provider_names(name: str, code: str) -> None:
    assert only_problem(federated({"oidc": [{**OKTA, "name": name}]})) == (
        f"{EP}.oidc[0].name",
        code,
    )


def test_underscore_as_second_character_is_cognito_s_exception() -> None:
    valid(federated({"oidc": [{**OKTA, "name": "A_b"}]}))


@pytest.mark.parametrize("name", ["Google", "cognito", "SIGNINWITHAPPLE"])
def test_reserved_provider_names(name: str) -> None:
    assert only_problem(federated({"saml": [{**CORP, "name": name}]})) == (
        f"{EP}.saml[0].name",
        "reserved_name",
    )


def test_duplicate_provider_names_across_kinds() -> None:
    data = federated({"oidc": [OKTA], "saml": [{**CORP, "name": "OKTA"}]})
    assert only_problem(data) == (
        f"{EP}.saml[0].name",
        "duplicate",
    )


def test_identifiers() -> None:
    data = federated(
        {
            "oidc": [{**OKTA, "identifiers": ["example.com", "bad/identifier"]}],
            "saml": [{**CORP, "identifiers": ["EXAMPLE.com"]}],
        }
    )
    assert only_problem(data) == (f"{EP}.oidc[0].identifiers[1]", "invalid_identifier")
    data = federated(
        {
            "oidc": [{**OKTA, "identifiers": ["example.com"]}],
            "saml": [{**CORP, "identifiers": ["EXAMPLE.com"]}],
        }
    )
    assert only_problem(data) == (
        f"{EP}.saml[0].identifiers[0]",
        "duplicate",
    )


def test_too_many_identifiers() -> None:
    identifiers = [f"id{i}" for i in range(51)]
    problem = assert_only(
        federated({"oidc": [{**OKTA, "identifiers": identifiers}]}),
        f"{EP}.oidc[0].identifiers",
        "too_long",
    )
    assert problem.allowed == "at most 50 characters or items"


# --- provider fields ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("provider", "path", "code"),
    [
        (
            {"oidc": [{**OKTA, "scopes": ["email"]}]},
            "oidc[0].scopes",
            "oidc_without_openid",
        ),
        (
            {"oidc": [{**OKTA, "scopes": ["openid", "openid"]}]},
            "oidc[0].scopes[0]",
            "duplicate",
        ),
        (
            {"google": {**GOOGLE, "scopes": ["openid email"]}},
            "google.scopes[0]",
            "invalid_scope",
        ),
        (
            {
                "facebook": {
                    "client_id": "1",
                    "client_secret": {"secrets_manager": "f"},
                    "scopes": ["email,public_profile"],
                }
            },
            "facebook.scopes[0]",
            "invalid_scope",
        ),
        (
            {"oidc": [{**OKTA, "issuer_url": "http://example.okta.com"}]},
            "oidc[0].issuer_url",
            "insecure_scheme",
        ),
        (
            {"oidc": [{**OKTA, "attribute_request_method": "PUT"}]},
            "oidc[0].attribute_request_method",
            "literal_error",
        ),
        (
            {
                "oidc": [
                    {
                        **OKTA,
                        "endpoints": {
                            "authorization": "https://a/authorize",
                            "token": "https://a/token",
                            "userinfo": "https://a/userinfo",
                        },
                    }
                ]
            },
            "oidc[0].endpoints.jwks_uri",
            "missing",
        ),
        (
            {"google": {**GOOGLE, "attribute_mapping": {"emial": "email"}}},
            "google.attribute_mapping.emial",
            "unknown_attribute",
        ),
        (
            {"google": {**GOOGLE, "attribute_mapping": {"custom:" + "x" * 21: "hd"}}},
            f"google.attribute_mapping.custom:{'x' * 21}",
            "length",
        ),
        (
            {"google": {**GOOGLE, "attribute_mapping": {"email": ""}}},
            "google.attribute_mapping.email",
            "string_too_short",
        ),
        (
            {
                "facebook": {
                    "client_id": "1",
                    "client_secret": {"secrets_manager": "f"},
                    "api_version": "19",
                }
            },
            "facebook.api_version",
            "string_pattern_mismatch",
        ),
        (
            {
                "sign_in_with_apple": {
                    "client_id": "com.example.web",
                    "team_id": "abc",
                    "key_id": "KEY1234567",
                    "private_key": {"secrets_manager": "apple"},
                }
            },
            "sign_in_with_apple.team_id",
            "string_pattern_mismatch",
        ),
        (
            {
                "sign_in_with_apple": {
                    "client_id": "com.example.web",
                    "team_id": "ABCDE12345",
                    "key_id": "KEY1234567",
                    "private_key": {"secrets_manager": "apple"},
                    "scopes": ["openid"],
                }
            },
            "sign_in_with_apple.scopes[0]",
            "literal_error",
        ),
        (
            {"google": {**GOOGLE, "client_id": "has space"}},
            "google.client_id",
            "string_pattern_mismatch",
        ),
        (
            {"saml": [{**CORP, "request_signing_algorithm": "rsa-sha1"}]},
            "saml[0].request_signing_algorithm",
            "literal_error",
        ),
    ],
)
def test_bad_provider_fields(provider: dict[str, Any], path: str, code: str) -> None:
    assert only_problem(federated(provider)) == (f"{EP}.{path}", code)


# --- SAML metadata --------------------------------------------------------------------


def test_missing_saml_metadata() -> None:
    saml = {"name": "Corp", "attribute_mapping": {"email": "mail"}}
    assert only_problem(federated({"saml": [saml]})) == (f"{EP}.saml[0].metadata", "missing")


@pytest.mark.parametrize(
    ("metadata", "code", "received"),
    [
        ({}, "exactly_one", []),
        ({"url": "https://a/m", "file": "m.xml"}, "exactly_one", ["file", "url"]),
        ("https://idp/metadata.xml", "not_a_mapping", "https://idp/metadata.xml"),
    ],
)
def test_saml_metadata_form(metadata: Any, code: str, received: Any) -> None:
    data = federated({"saml": [{**CORP, "metadata": metadata}]})
    problem = assert_only(data, f"{EP}.saml[0].metadata", code)
    assert problem.received == received


def test_saml_metadata_url_must_be_https() -> None:
    data = federated({"saml": [{**CORP, "metadata": {"url": "http://idp/m.xml"}}]})
    assert only_problem(data) == (
        f"{EP}.saml[0].metadata.url",
        "insecure_scheme",
    )


def test_saml_metadata_file_relative_to_the_configuration_file(tmp_path: Path) -> None:
    (tmp_path / "idp").mkdir()
    (tmp_path / "idp" / "metadata.xml").write_text(METADATA)
    config_file = tmp_path / "auth.yaml"
    config_file.write_text(
        "login_with:\n"
        "  email: true\n"
        "  external_providers:\n"
        "    domain_prefix: shop-auth\n"
        "    callback_urls: [https://app.example.com/]\n"
        "    logout_urls: [https://app.example.com/]\n"
        "    saml:\n"
        "      - name: Corp\n"
        "        metadata: {file: idp/metadata.xml}\n"
        "        attribute_mapping: {email: mail}\n"
    )
    config = load_config(config_file)
    metadata = config.external_providers.saml[0].metadata
    assert isinstance(metadata, SamlMetadataFile)
    assert metadata.file == str(tmp_path / "idp" / "metadata.xml")
    assert metadata.read() == METADATA


def test_saml_metadata_file_relative_to_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "metadata.xml").write_text(METADATA)
    monkeypatch.chdir(tmp_path)
    config = valid(federated({"saml": [{**CORP, "metadata": {"file": "metadata.xml"}}]}))
    metadata = config.external_providers.saml[0].metadata
    assert isinstance(metadata, SamlMetadataFile)
    assert metadata.file == str(tmp_path / "metadata.xml")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (None, "file_not_found"),
        (b"\xff\xfe", "not_utf8"),
        (b"<md:EntityDescriptor", "malformed_xml"),
        (b"<root/>", "not_saml_metadata"),
        (
            b'<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata"/>',
            "no_identity_provider",
        ),
        (b'<!DOCTYPE x [<!ENTITY a "b">]><x/>', "xml_doctype"),
        (b"x" * 131_073, "too_long"),
    ],
)
def test_bad_saml_metadata_files(tmp_path: Path, content: bytes | None, code: str) -> None:
    path = tmp_path / "metadata.xml"
    if content is not None:
        path.write_bytes(content)
    data = federated({"saml": [{**CORP, "metadata": {"file": str(path)}}]})
    assert only_problem(data) == (f"{EP}.saml[0].metadata.file", code)


def test_saml_metadata_file_is_a_directory(tmp_path: Path) -> None:
    data = federated({"saml": [{**CORP, "metadata": {"file": str(tmp_path)}}]})
    assert only_problem(data) == (
        f"{EP}.saml[0].metadata.file",
        "not_a_file",
    )


# --- OAuth, URLs and the domain -------------------------------------------------------


@pytest.mark.parametrize("key", ["callback_urls", "logout_urls"])
def test_providers_need_urls(key: str) -> None:
    assert only_problem(federated({"google": GOOGLE, key: []})) == (
        f"{EP}.{key}",
        "providers_without_redirect_urls",
    )


def test_providers_need_a_domain() -> None:
    assert only_problem(federated({"saml": [CORP], "domain_prefix": None})) == (
        f"{EP}.domain_prefix",
        "providers_without_domain",
    )


def test_callback_urls_need_a_domain() -> None:
    assert only_problem(federated({"domain_prefix": None})) == (
        f"{EP}.callback_urls",
        "callback_urls_without_domain",
    )


def test_logout_urls_need_callback_urls() -> None:
    assert_only(
        federated({"callback_urls": []}), f"{EP}.logout_urls", "logout_urls_without_callback_urls"
    )


def test_cognito_sign_in_off_needs_a_provider() -> None:
    assert only_problem(federated({"allow_cognito_sign_in": False})) == (
        f"{EP}.allow_cognito_sign_in",
        "no_sign_in",
    )


@pytest.mark.parametrize(
    ("url", "code"),
    [
        (
            "http://app.example.com/",
            "insecure_scheme",
        ),
        (
            "http://127.0.0.1:3000/",
            "insecure_scheme",
        ),
        (
            "https://app.example.com/#done",
            "url_fragment",
        ),
        ("/callback", "invalid_url"),
        (
            "localhost:3000/callback",
            "invalid_url",
        ),
        ("https:///callback", "invalid_url"),
        (
            "javascript://alert(1)",
            "invalid_scheme",
        ),
        (
            "https://app.example.com/a b",
            "invalid_url",
        ),
    ],
)
def test_bad_callback_urls(url: str, code: str) -> None:
    assert only_problem(federated({"callback_urls": [url]})) == (
        f"{EP}.callback_urls[0]",
        code,
    )


def test_duplicate_urls_and_scopes() -> None:
    found = codes(
        federated(
            {
                "logout_urls": ["https://a.example.com/", "https://a.example.com/"],
                "scopes": ["openid", "email", "email"],
            }
        )
    )
    assert found == {f"{EP}.logout_urls[0]": ["duplicate"], f"{EP}.scopes[1]": ["duplicate"]}


def test_client_scopes() -> None:
    assert_only(federated({"scopes": ["email", "phone"]}), f"{EP}.scopes", "scope_needs_openid")
    assert only_problem(federated({"scopes": []})) == (
        f"{EP}.scopes",
        "empty",
    )
    assert only_problem(federated({"scopes": ["openid", "admin"]})) == (
        f"{EP}.scopes[1]",
        "literal_error",
    )
    valid(federated({"scopes": ["aws.cognito.signin.user.admin"]}))


@pytest.mark.parametrize(
    ("prefix", "code"),
    [
        (
            "Shop",
            "invalid_domain_prefix",
        ),
        (
            "-shop",
            "invalid_domain_prefix",
        ),
        (
            "shop-",
            "invalid_domain_prefix",
        ),
        (
            "s" * 64,
            "invalid_domain_prefix",
        ),
        (
            "my-aws-login",
            "reserved_word",
        ),
        (
            "amazonshop",
            "reserved_word",
        ),
        (
            "shopcognito",
            "reserved_word",
        ),
    ],
)
def test_bad_domain_prefixes(prefix: str, code: str) -> None:
    assert only_problem(federated({"domain_prefix": prefix})) == (f"{EP}.domain_prefix", code)


def test_one_letter_and_63_character_prefixes() -> None:
    valid(federated({"domain_prefix": "a"}))
    valid(federated({"domain_prefix": "a" * 63}))


CERT = "arn:aws:acm:us-east-1:123456789012:certificate/abc-123"


@pytest.mark.parametrize(
    ("custom", "path", "code"),
    [
        (
            {"domain_name": "Auth.Example.com", "certificate_arn": CERT},
            "domain_name",
            "not_a_domain",
        ),
        (
            {"domain_name": "localhost", "certificate_arn": CERT},
            "domain_name",
            "not_a_domain",
        ),
        (
            {"domain_name": "auth." + "a" * 60 + ".com", "certificate_arn": CERT},
            "domain_name",
            "length",
        ),
        (
            {"domain_name": "shop.auth.amazoncognito.com", "certificate_arn": CERT},
            "domain_name",
            "cognito_domain",
        ),
        (
            {"domain_name": "auth.example.com", "certificate_arn": "arn:aws:acm:certificate"},
            "certificate_arn",
            "invalid_arn",
        ),
        (
            {
                "domain_name": "auth.example.com",
                "certificate_arn": CERT.replace("us-east-1", "eu-west-1"),
            },
            "certificate_arn",
            "certificate_region",
        ),
    ],
)
def test_bad_custom_domains(custom: dict[str, str], path: str, code: str) -> None:
    data = federated({"domain_prefix": None, "custom_domain": custom})
    assert only_problem(data) == (f"{EP}.custom_domain.{path}", code)


def test_prefix_and_custom_domain_together() -> None:
    custom = {"domain_name": "auth.example.com", "certificate_arn": CERT}
    assert only_problem(federated({"custom_domain": custom})) == (
        f"{EP}.custom_domain",
        "mutually_exclusive",
    )


# --- rules across the configuration ---------------------------------------------------


def test_no_sign_in_at_all() -> None:
    assert only_problem({"login_with": {"external_providers": {"domain_prefix": "shop"}}}) == (
        "login_with",
        "no_sign_in",
    )


def test_cognito_sign_in_on_a_provider_only_pool() -> None:
    data = {
        "login_with": {
            "external_providers": {**HOSTED, "google": GOOGLE, "allow_cognito_sign_in": True}
        }
    }
    assert only_problem(data) == (
        f"{EP}.allow_cognito_sign_in",
        "cognito_sign_in_without_identifier",
    )


def test_link_verification_needs_a_domain() -> None:
    data = {"login_with": {"email": {"verification_email_style": "link"}}}
    assert only_problem(data) == (
        "login_with.email.verification_email_style",
        "verification_link_without_domain",
    )


def test_managed_login_needs_essentials() -> None:
    data = federated({"managed_login_version": "managed_login"}, feature_plan="lite")
    assert_only(data, f"{EP}.managed_login_version", "plan_required")


def test_mapping_to_an_unknown_custom_attribute() -> None:
    google = {**GOOGLE, "attribute_mapping": {"custom:tenant_id": "hd"}}
    assert only_problem(federated({"google": google})) == (
        f"{EP}.google.attribute_mapping.custom:tenant_id",
        "unknown_attribute",
    )


def test_mapping_to_an_immutable_attribute() -> None:
    oidc = {**OKTA, "attribute_mapping": {"custom:tenant_id": "tenant", "nickname": "nick"}}
    found = codes(
        federated(
            {"oidc": [oidc]},
            user_attributes={
                "nickname": {"mutable": False},
                "custom": {"tenant_id": {"mutable": False}},
            },
        )
    )
    assert found == {
        f"{EP}.oidc[0].attribute_mapping.custom:tenant_id": ["immutable_attribute_mapped"],
        f"{EP}.oidc[0].attribute_mapping.nickname": ["immutable_attribute_mapped"],
    }


def test_default_email_mapping_needs_a_mutable_email() -> None:
    data = federated(
        {"google": GOOGLE, "oidc": [OKTA]},
        user_attributes={"email": {"required": True, "mutable": False}},
    )
    assert only_problem(data) == (
        "user_attributes.email.mutable",
        "mapped_attribute_immutable_default",
    )


def test_required_attributes_must_be_mapped() -> None:
    data = federated(
        {"google": GOOGLE, "saml": [{**CORP, "attribute_mapping": {}}]},
        user_attributes={"given_name": {"required": True}},
    )
    found = [(format_path(p.path), p.code, p.allowed) for p in refused(data)]
    unmapped, includes = "required_attribute_not_mapped", "a mapping that includes"
    assert found == [
        (f"{EP}.google.attribute_mapping", unmapped, f"{includes} given_name"),
        (f"{EP}.saml[0].attribute_mapping", unmapped, f"{includes} email"),
        (f"{EP}.saml[0].attribute_mapping", unmapped, f"{includes} given_name"),
    ]


def test_every_problem_at_once() -> None:
    data = federated(
        {
            "google": {**GOOGLE, "client_secret": "plain"},
            "saml": [{"name": "X"}],
            "callback_urls": ["http://app.example.com/"],
            "domain_prefix": "aws-shop",
        }
    )
    assert set(codes(data)) == {
        f"{EP}.google.client_secret",
        f"{EP}.saml[0].name",
        f"{EP}.saml[0].metadata",
        f"{EP}.callback_urls[0]",
        f"{EP}.domain_prefix",
    }


# --- immutability markers (read by the guard) -----------------------------------------


def _marker(model: type[Any], field: str) -> Immutable:
    """The marker as the guard reads it: in the field's own metadata."""
    found = [m for m in model.model_fields[field].metadata if isinstance(m, Immutable)]
    assert len(found) == 1, (model, field)
    return found[0]


def test_provider_and_domain_markers() -> None:
    from cognito_auth.config.oauth import CustomDomain

    for key in ("oidc", "saml"):
        marker = _marker(ExternalProviders, key)
        assert (marker.change, marker.keyed_by) == (Change.REPLACING, "name")
    for key in ("google", "facebook", "login_with_amazon", "sign_in_with_apple"):
        marker = _marker(ExternalProviders, key)
        assert (marker.change, marker.presence) == (Change.REPLACING, True)
    for model, key in ((ExternalProviders, "domain_prefix"), (CustomDomain, "domain_name")):
        marker = _marker(model, key)
        assert marker.change is Change.REPLACING
        assert marker.instead.startswith("remove it, deploy, then add the new one")


@pytest.mark.parametrize(
    ("key", "provider", "scopes", "scope"),
    [
        ("google", GOOGLE, ["openid", "profile"], "email"),
        (
            "facebook",
            {"client_id": "1", "client_secret": {"secrets_manager": "f"}},
            ["public_profile"],
            "email",
        ),
        (
            "sign_in_with_apple",
            {
                "client_id": "com.example.web",
                "team_id": "ABCDE12345",
                "key_id": "KEY1234567",
                "private_key": {"secrets_manager": "apple"},
            },
            ["name"],
            "email",
        ),
    ],
)
def test_mapped_email_needs_the_email_scope(
    key: str, provider: dict[str, Any], scopes: list[str], scope: str
) -> None:
    """Amplify's own defaults fall into this: it maps email from Google but asks only for
    the profile scope."""
    problem = assert_only(
        federated({key: {**provider, "scopes": scopes}}),
        f"{EP}.{key}.scopes",
        "email_mapping_scope",
    )
    assert problem.received == scopes
    assert problem.hint is not None
    assert repr(scope) in problem.hint or scope in problem.hint


def test_email_scope_not_needed_when_email_is_not_mapped_from_email() -> None:
    google = {**GOOGLE, "scopes": ["openid", "profile"], "attribute_mapping": {"email": "sub"}}
    valid(federated({"google": google}))
    google_url_scope = {**GOOGLE, "scopes": ["https://www.googleapis.com/auth/userinfo.email"]}
    valid(federated({"google": google_url_scope}))


def test_the_empty_external_providers_equals_a_validated_empty_one() -> None:
    empty = AuthConfig.model_validate({}).external_providers
    assert empty == ExternalProviders.model_validate({})
    assert empty.model_dump() == ExternalProviders.model_validate({}).model_dump()
