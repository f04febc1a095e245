"""Federated sign-in configuration: providers, secrets, domain and OAuth rules, with every
error branch's location and message pinned."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cognito_auth import AuthConfig, ConfigError, load_config
from cognito_auth.config import Change, Immutable
from cognito_auth.config.providers import ExternalProviders, SamlMetadataFile
from cognito_auth.config.secrets import SecretsManagerSecret, SsmParameterSecret
from cognito_auth.errors import format_path
from problem_support import assert_only, codes, problems

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
    found = problems(data)
    assert len(found) == 1, found
    return next(iter(found.items()))


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
    found = problems(
        federated(
            {"google": google},
            login_with={"email": True, "phone": True},
            multifactor={"sms": True},
        )
    )
    assert found == {
        f"{EP}.google.attribute_mapping": "the pool requires email, but Google does not map "
        "it: Cognito could not create its users at their first sign-in"
    }
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
    ("secret", "path", "message"),
    [
        ({}, "", "a secret reference needs secrets_manager or ssm_parameter"),
        (
            {"secrets_manager": "a", "ssm_parameter": "b"},
            "",
            "a secret reference names exactly one store",
        ),
        (42, "", "is not a secret reference"),
        ({"secrets_manager": "a:b"}, ".secrets_manager", "is not a valid secret name"),
        (
            {"secrets_manager": "arn:aws:secretsmanager:nowhere"},
            ".secrets_manager",
            "is not a Secrets Manager secret ARN",
        ),
        (
            {"secrets_manager": "a", "json_field": "a:b"},
            ".json_field",
            "cannot be used in a CloudFormation dynamic reference",
        ),
        ({"ssm_parameter": "a/b"}, ".ssm_parameter", "is not a valid parameter name"),
        (
            {"ssm_parameter": "arn:aws:ssm:us-east-1:1:parameter/x"},
            ".ssm_parameter",
            "is not an SSM parameter ARN",
        ),
        (
            {"ssm_parameter": "/a", "kms_key_arn": "alias/aws/ssm"},
            ".kms_key_arn",
            "is not a KMS key ARN",
        ),
        ({"ssm_parameter": "/a", "json_field": "x"}, ".json_field", "unknown key 'json_field'"),
    ],
)
def test_bad_secret_references(secret: Any, path: str, message: str) -> None:
    data = federated({"google": {**GOOGLE, "client_secret": secret}})
    assert only_problem(data) == (f"{EP}.google.client_secret{path}", message)


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
    path, message = only_problem(federated({"sign_in_with_apple": apple}))
    assert path == f"{EP}.sign_in_with_apple.private_key"
    assert message.startswith("a secret is never written")


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
    ("name", "message"),
    [
        ("Ok", "a provider name has 3 to 32 characters; 'Ok' has 2"),
        ("O" * 33, f"a provider name has 3 to 32 characters; {'O' * 33!r} has 33"),
        ("My Okta", "provider name 'My Okta' may not contain spaces or control characters"),
        (
            "_Okta",
            "provider name '_Okta' may not contain '_' (Cognito allows it only as the second "
            "character)",
        ),
        (
            "Ok_ta",
            "provider name 'Ok_ta' may not contain '_' (Cognito allows it only as the second "
            "character)",
        ),
    ],
)
def test_bad_provider_names(name: str, message: str) -> None:
    assert only_problem(federated({"oidc": [{**OKTA, "name": name}]})) == (
        f"{EP}.oidc[0].name",
        message,
    )


def test_underscore_as_second_character_is_cognito_s_exception() -> None:
    valid(federated({"oidc": [{**OKTA, "name": "A_b"}]}))


@pytest.mark.parametrize("name", ["Google", "cognito", "SIGNINWITHAPPLE"])
def test_reserved_provider_names(name: str) -> None:
    assert only_problem(federated({"saml": [{**CORP, "name": name}]})) == (
        f"{EP}.saml[0].name",
        f"{name!r} is reserved for Cognito's own providers",
    )


def test_duplicate_provider_names_across_kinds() -> None:
    data = federated({"oidc": [OKTA], "saml": [{**CORP, "name": "OKTA"}]})
    assert only_problem(data) == (
        f"{EP}.saml[0].name",
        "provider name 'OKTA' is already used by oidc[0]",
    )


def test_identifiers() -> None:
    data = federated(
        {
            "oidc": [{**OKTA, "identifiers": ["example.com", "bad/identifier"]}],
            "saml": [{**CORP, "identifiers": ["EXAMPLE.com"]}],
        }
    )
    assert only_problem(data) == (f"{EP}.oidc[0].identifiers[1]", "is not a valid identifier")
    data = federated(
        {
            "oidc": [{**OKTA, "identifiers": ["example.com"]}],
            "saml": [{**CORP, "identifiers": ["EXAMPLE.com"]}],
        }
    )
    assert only_problem(data) == (
        f"{EP}.saml[0].identifiers[0]",
        "identifier 'EXAMPLE.com' is already used by oidc[0] (Okta)",
    )


def test_too_many_identifiers() -> None:
    identifiers = [f"id{i}" for i in range(51)]
    path, message = only_problem(federated({"oidc": [{**OKTA, "identifiers": identifiers}]}))
    assert (path, message) == (
        f"{EP}.oidc[0].identifiers",
        "tuple should have at most 50 items after validation, not 51",
    )


# --- provider fields ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("provider", "path", "message"),
    [
        (
            {"oidc": [{**OKTA, "scopes": ["email"]}]},
            "oidc[0].scopes",
            "OpenID Connect sign-in needs the 'openid' scope",
        ),
        (
            {"oidc": [{**OKTA, "scopes": ["openid", "openid"]}]},
            "oidc[0].scopes[0]",
            "scope 'openid' is listed 2 times",
        ),
        (
            {"google": {**GOOGLE, "scopes": ["openid email"]}},
            "google.scopes[0]",
            "is not a scope: scopes are single words without spaces",
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
            "is not a scope: scopes are single words without spaces or commas",
        ),
        (
            {"oidc": [{**OKTA, "issuer_url": "http://example.okta.com"}]},
            "oidc[0].issuer_url",
            "'http://example.okta.com' is not an https URL",
        ),
        (
            {"oidc": [{**OKTA, "attribute_request_method": "PUT"}]},
            "oidc[0].attribute_request_method",
            "not one of the allowed values",
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
            "field required",
        ),
        (
            {"google": {**GOOGLE, "attribute_mapping": {"emial": "email"}}},
            "google.attribute_mapping.emial",
            "'emial' is not a user pool attribute: map to a standard attribute (address, "
            "birthdate, email, family_name, gender, given_name, locale, middle_name, name, "
            "nickname, phone_number, picture, preferred_username, profile, updated_at, "
            "website, zoneinfo, email_verified, phone_number_verified) or to custom:NAME",
        ),
        (
            {"google": {**GOOGLE, "attribute_mapping": {"custom:" + "x" * 21: "hd"}}},
            f"google.attribute_mapping.custom:{'x' * 21}",
            f"custom attribute names have 1 to 20 characters; {'x' * 21!r} has 21",
        ),
        (
            {"google": {**GOOGLE, "attribute_mapping": {"email": ""}}},
            "google.attribute_mapping.email",
            "string should have at least 1 character",
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
            "string should match pattern '^v[0-9]{1,3}\\.[0-9]{1,3}$'",
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
            "string should match pattern '^[A-Z0-9]{10}$'",
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
            "not one of the allowed values",
        ),
        (
            {"google": {**GOOGLE, "client_id": "has space"}},
            "google.client_id",
            "string should match pattern '^[^\\s\\x00-\\x1f\\x7f]{1,1024}$'",
        ),
        (
            {"saml": [{**CORP, "request_signing_algorithm": "rsa-sha1"}]},
            "saml[0].request_signing_algorithm",
            "not one of the allowed values",
        ),
    ],
)
def test_bad_provider_fields(provider: dict[str, Any], path: str, message: str) -> None:
    assert only_problem(federated(provider)) == (f"{EP}.{path}", message)


# --- SAML metadata --------------------------------------------------------------------


def test_missing_saml_metadata() -> None:
    saml = {"name": "Corp", "attribute_mapping": {"email": "mail"}}
    assert only_problem(federated({"saml": [saml]})) == (f"{EP}.saml[0].metadata", "field required")


@pytest.mark.parametrize(
    ("metadata", "message"),
    [
        ({}, "SAML metadata needs a url or a file"),
        (
            {"url": "https://a/m", "file": "m.xml"},
            "SAML metadata comes from a URL or from a file, not both",
        ),
        (
            "https://idp/metadata.xml",
            "SAML metadata is a mapping with a url or a file",
        ),
    ],
)
def test_saml_metadata_form(metadata: Any, message: str) -> None:
    path, found = only_problem(federated({"saml": [{**CORP, "metadata": metadata}]}))
    assert path == f"{EP}.saml[0].metadata"
    assert found == message


def test_saml_metadata_url_must_be_https() -> None:
    data = federated({"saml": [{**CORP, "metadata": {"url": "http://idp/m.xml"}}]})
    assert only_problem(data) == (
        f"{EP}.saml[0].metadata.url",
        "'http://idp/m.xml' is not an https URL",
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
    ("content", "message"),
    [
        (None, "no such file: {path}"),
        (b"\xff\xfe", "{path} is not UTF-8 text"),
        (b"<md:EntityDescriptor", "{path} is not well-formed XML: "),
        (b"<root/>", "{path} is not SAML 2.0 metadata: its root element is 'root', not "),
        (
            b'<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata"/>',
            "{path} describes no identity provider (no IDPSSODescriptor)",
        ),
        (
            b'<!DOCTYPE x [<!ENTITY a "b">]><x/>',
            "{path} declares a DOCTYPE; SAML metadata has none",
        ),
        (b"x" * 131_073, "{path} has 131,073 characters; Cognito takes at most 131,072"),
    ],
)
def test_bad_saml_metadata_files(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "metadata.xml"
    if content is not None:
        path.write_bytes(content)
    data = federated({"saml": [{**CORP, "metadata": {"file": str(path)}}]})
    found_path, found = only_problem(data)
    assert found_path == f"{EP}.saml[0].metadata.file"
    assert found.startswith(message.format(path=path))


def test_saml_metadata_file_is_a_directory(tmp_path: Path) -> None:
    data = federated({"saml": [{**CORP, "metadata": {"file": str(tmp_path)}}]})
    assert only_problem(data) == (
        f"{EP}.saml[0].metadata.file",
        f"{tmp_path} is a directory, not a metadata file",
    )


# --- OAuth, URLs and the domain -------------------------------------------------------


@pytest.mark.parametrize("key", ["callback_urls", "logout_urls"])
def test_providers_need_urls(key: str) -> None:
    assert only_problem(federated({"google": GOOGLE, key: []})) == (
        f"{EP}.{key}",
        f"identity providers are configured (Google), so the hosted pages need "
        f"{key.replace('_', ' ')} to send users back to your app",
    )


def test_providers_need_a_domain() -> None:
    assert only_problem(federated({"saml": [CORP], "domain_prefix": None})) == (
        f"{EP}.domain_prefix",
        "identity providers are configured (Corp), and federated sign-in happens on the "
        "hosted pages, which need a domain",
    )


def test_callback_urls_need_a_domain() -> None:
    assert only_problem(federated({"domain_prefix": None})) == (
        f"{EP}.callback_urls",
        "callback URLs are for the hosted pages, which need a domain",
    )


def test_logout_urls_need_callback_urls() -> None:
    assert_only(
        federated({"callback_urls": []}), f"{EP}.logout_urls", "logout_urls_without_callback_urls"
    )


def test_cognito_sign_in_off_needs_a_provider() -> None:
    assert only_problem(federated({"allow_cognito_sign_in": False})) == (
        f"{EP}.allow_cognito_sign_in",
        "with no identity provider and no Cognito sign-in, nobody could sign in on the "
        "hosted pages",
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "http://app.example.com/",
            "'http://app.example.com/' uses http: Cognito accepts http only for "
            "http://localhost; use https",
        ),
        (
            "http://127.0.0.1:3000/",
            "'http://127.0.0.1:3000/' uses http: Cognito accepts http only for "
            "http://localhost; use https",
        ),
        (
            "https://app.example.com/#done",
            "'https://app.example.com/#done' has a fragment ('#...'); OAuth redirect URLs cannot",
        ),
        ("/callback", "'/callback' is not an absolute URL such as https://app.example.com/"),
        (
            "localhost:3000/callback",
            "'localhost:3000/callback' is not an absolute URL such as https://app.example.com/",
        ),
        ("https:///callback", "'https:///callback' has no host"),
        (
            "javascript://alert(1)",
            "'javascript://alert(1)' uses the 'javascript' scheme, which cannot be a redirect",
        ),
        (
            "https://app.example.com/a b",
            "a URL has 1-1024 characters and no spaces or control characters",
        ),
    ],
)
def test_bad_callback_urls(url: str, message: str) -> None:
    assert only_problem(federated({"callback_urls": [url]})) == (
        f"{EP}.callback_urls[0]",
        message,
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
        "the web client needs at least one OAuth scope",
    )
    assert only_problem(federated({"scopes": ["openid", "admin"]})) == (
        f"{EP}.scopes[1]",
        "not one of the allowed values",
    )
    valid(federated({"scopes": ["aws.cognito.signin.user.admin"]}))


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        (
            "Shop",
            "domain prefix 'Shop' must be 1-63 lowercase letters, digits and hyphens, not "
            "starting or ending with a hyphen",
        ),
        (
            "-shop",
            "domain prefix '-shop' must be 1-63 lowercase letters, digits and hyphens, not "
            "starting or ending with a hyphen",
        ),
        (
            "shop-",
            "domain prefix 'shop-' must be 1-63 lowercase letters, digits and hyphens, not "
            "starting or ending with a hyphen",
        ),
        (
            "s" * 64,
            f"domain prefix {'s' * 64!r} must be 1-63 lowercase letters, digits and hyphens, "
            "not starting or ending with a hyphen",
        ),
        (
            "my-aws-login",
            "domain prefix 'my-aws-login' contains the reserved word 'aws'; Cognito refuses "
            "prefixes containing aws, amazon, cognito",
        ),
        (
            "amazonshop",
            "domain prefix 'amazonshop' contains the reserved word 'amazon'; Cognito refuses "
            "prefixes containing aws, amazon, cognito",
        ),
        (
            "shopcognito",
            "domain prefix 'shopcognito' contains the reserved word 'cognito'; Cognito refuses "
            "prefixes containing aws, amazon, cognito",
        ),
    ],
)
def test_bad_domain_prefixes(prefix: str, message: str) -> None:
    assert only_problem(federated({"domain_prefix": prefix})) == (f"{EP}.domain_prefix", message)


def test_one_letter_and_63_character_prefixes() -> None:
    valid(federated({"domain_prefix": "a"}))
    valid(federated({"domain_prefix": "a" * 63}))


CERT = "arn:aws:acm:us-east-1:123456789012:certificate/abc-123"


@pytest.mark.parametrize(
    ("custom", "path", "message"),
    [
        (
            {"domain_name": "Auth.Example.com", "certificate_arn": CERT},
            "domain_name",
            "'Auth.Example.com' is not a domain name: lowercase labels of letters, digits and "
            "hyphens separated by dots, such as auth.example.com",
        ),
        (
            {"domain_name": "localhost", "certificate_arn": CERT},
            "domain_name",
            "'localhost' is not a domain name: lowercase labels of letters, digits and "
            "hyphens separated by dots, such as auth.example.com",
        ),
        (
            {"domain_name": "auth." + "a" * 60 + ".com", "certificate_arn": CERT},
            "domain_name",
            f"{'auth.' + 'a' * 60 + '.com'!r} has 69 characters; Cognito's custom domains have "
            "at most 63",
        ),
        (
            {"domain_name": "shop.auth.amazoncognito.com", "certificate_arn": CERT},
            "domain_name",
            "amazoncognito.com domains are Cognito's own: use domain_prefix for them",
        ),
        (
            {"domain_name": "auth.example.com", "certificate_arn": "arn:aws:acm:certificate"},
            "certificate_arn",
            "is not an ACM certificate ARN (arn:aws:acm:us-east-1:ACCOUNT:certificate/ID)",
        ),
        (
            {
                "domain_name": "auth.example.com",
                "certificate_arn": CERT.replace("us-east-1", "eu-west-1"),
            },
            "certificate_arn",
            "the certificate is in eu-west-1; a Cognito custom domain is served by "
            "CloudFront, which takes certificates from us-east-1 only: request or import the "
            "certificate in us-east-1",
        ),
    ],
)
def test_bad_custom_domains(custom: dict[str, str], path: str, message: str) -> None:
    data = federated({"domain_prefix": None, "custom_domain": custom})
    assert only_problem(data) == (f"{EP}.custom_domain.{path}", message)


def test_prefix_and_custom_domain_together() -> None:
    custom = {"domain_name": "auth.example.com", "certificate_arn": CERT}
    assert only_problem(federated({"custom_domain": custom})) == (
        f"{EP}.custom_domain",
        "give domain_prefix or custom_domain, not both",
    )


# --- rules across the configuration ---------------------------------------------------


def test_no_sign_in_at_all() -> None:
    assert only_problem({"login_with": {"external_providers": {"domain_prefix": "shop"}}}) == (
        "login_with",
        "no way to sign in: turn on at least one of email, phone, username, or add an "
        "identity provider under external_providers",
    )


def test_cognito_sign_in_on_a_provider_only_pool() -> None:
    data = {
        "login_with": {
            "external_providers": {**HOSTED, "google": GOOGLE, "allow_cognito_sign_in": True}
        }
    }
    assert only_problem(data) == (
        f"{EP}.allow_cognito_sign_in",
        "the pool's own sign-in is turned on, but login_with turns on none of email, phone "
        "or username to sign in with",
    )


def test_link_verification_needs_a_domain() -> None:
    data = {"login_with": {"email": {"verification_email_style": "link"}}}
    assert only_problem(data) == (
        "login_with.email.verification_email_style",
        "verification links point to the pool's hosted domain, and it has none",
    )


def test_managed_login_needs_essentials() -> None:
    data = federated({"managed_login_version": "managed_login"}, feature_plan="lite")
    assert_only(data, f"{EP}.managed_login_version", "plan_required")


def test_mapping_to_an_unknown_custom_attribute() -> None:
    google = {**GOOGLE, "attribute_mapping": {"custom:tenant_id": "hd"}}
    assert only_problem(federated({"google": google})) == (
        f"{EP}.google.attribute_mapping.custom:tenant_id",
        "custom:tenant_id is not an attribute of the pool",
    )


def test_mapping_to_an_immutable_attribute() -> None:
    oidc = {**OKTA, "attribute_mapping": {"custom:tenant_id": "tenant", "nickname": "nick"}}
    found = problems(
        federated(
            {"oidc": [oidc]},
            user_attributes={
                "nickname": {"mutable": False},
                "custom": {"tenant_id": {"mutable": False}},
            },
        )
    )
    message = (
        "is immutable in the pool, and Cognito writes mapped attributes at every federated sign-in"
    )
    assert found == {
        f"{EP}.oidc[0].attribute_mapping.custom:tenant_id": f"custom:tenant_id {message}",
        f"{EP}.oidc[0].attribute_mapping.nickname": f"nickname {message}",
    }


def test_default_email_mapping_needs_a_mutable_email() -> None:
    data = federated(
        {"google": GOOGLE, "oidc": [OKTA]},
        user_attributes={"email": {"required": True, "mutable": False}},
    )
    assert only_problem(data) == (
        "user_attributes.email.mutable",
        "email is mapped from Google, Okta by default (users sign in with email, as Amplify), "
        "and Cognito writes mapped attributes at every federated sign-in, so it must be mutable",
    )


def test_required_attributes_must_be_mapped() -> None:
    data = federated(
        {"google": GOOGLE, "saml": [{**CORP, "attribute_mapping": {}}]},
        user_attributes={"given_name": {"required": True}},
    )
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate(data)
    found = [(format_path(p.path), p.message) for p in caught.value.problems]
    unmapped = "does not map it: Cognito could not create its users at their first sign-in"
    assert found == [
        (f"{EP}.google.attribute_mapping", f"the pool requires given_name, but Google {unmapped}"),
        (f"{EP}.saml[0].attribute_mapping", f"the pool requires email, but Corp {unmapped}"),
        (f"{EP}.saml[0].attribute_mapping", f"the pool requires given_name, but Corp {unmapped}"),
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
    assert set(problems(data)) == {
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
    path, message = only_problem(federated({key: {**provider, "scopes": scopes}}))
    name = {"google": "Google", "facebook": "Facebook", "sign_in_with_apple": "SignInWithApple"}
    assert path == f"{EP}.{key}.scopes"
    assert message == (
        f"email is mapped from {name[key]}'s email, which {name[key]} returns only with "
        f"the {scope!r} scope"
    )


def test_email_scope_not_needed_when_email_is_not_mapped_from_email() -> None:
    google = {**GOOGLE, "scopes": ["openid", "profile"], "attribute_mapping": {"email": "sub"}}
    valid(federated({"google": google}))
    google_url_scope = {**GOOGLE, "scopes": ["https://www.googleapis.com/auth/userinfo.email"]}
    valid(federated({"google": google_url_scope}))


def test_the_empty_external_providers_equals_a_validated_empty_one() -> None:
    empty = AuthConfig.model_validate({}).external_providers
    assert empty == ExternalProviders.model_validate({})
    assert empty.model_dump() == ExternalProviders.model_validate({}).model_dump()
