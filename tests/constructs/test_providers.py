"""Identity providers: each provider's type, name, details (secrets as deploy-time
references), scopes and attribute mapping, and how the web client lists them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from federation import (
    AMAZON,
    APPLE,
    CLIENT,
    CORP,
    FACEBOOK,
    GOOGLE,
    IDP,
    METADATA,
    OKTA,
    SSM_READER,
    federated,
)
from support import Synth, synth


def provider(result: Synth, name: str) -> dict[str, Any]:
    found = [r for r in result.resources(IDP).values() if r["Properties"]["ProviderName"] == name]
    assert len(found) == 1, name
    return found[0]


def logical_id(result: Synth, name: str) -> str:
    (found,) = [
        k for k, r in result.resources(IDP).items() if r["Properties"]["ProviderName"] == name
    ]
    return found


def client(result: Synth) -> dict[str, Any]:
    return result.only(CLIENT)


def dependencies(result: Synth) -> list[str]:
    (web,) = result.resources(CLIENT).values()
    return list(web.get("DependsOn", []))


POOL_REF = {"Ref": "AuthUserPool8115E87F"}


def test_google() -> None:
    result = synth(federated({"google": GOOGLE}))
    assert provider(result, "Google") == {
        "Type": IDP,
        "Properties": {
            "UserPoolId": POOL_REF,
            "ProviderName": "Google",
            "ProviderType": "Google",
            "ProviderDetails": {
                "client_id": "1234-abc.apps.googleusercontent.com",
                "client_secret": "{{resolve:secretsmanager:shop/google:SecretString:::}}",
                "authorize_scopes": "openid email profile",
            },
            "AttributeMapping": {"email": "email"},
        },
        # production: a retained pool keeps its federated users' provider (issue 20)
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
    }
    assert client(result)["SupportedIdentityProviders"] == ["Google", "COGNITO"]
    assert dependencies(result) == [logical_id(result, "Google")]


def test_facebook_with_an_ssm_secure_string() -> None:
    result = synth(federated({"facebook": FACEBOOK}))
    idp = provider(result, "Facebook")["Properties"]
    (reader_id, reader) = next(iter(result.resources(SSM_READER).items()))
    assert idp["ProviderType"] == "Facebook"
    assert idp["ProviderDetails"] == {
        "client_id": "987654321",
        "client_secret": {"Fn::GetAtt": [reader_id, "Parameter.Value"]},
        "authorize_scopes": "public_profile,email",
        "api_version": "v19.0",
    }
    assert idp["AttributeMapping"] == {"email": "email"}
    # The reader asks SSM for this parameter only, decrypted, and keeps the value out of
    # its logs.
    call = reader["Properties"]["Create"]
    assert '"action":"getParameter"' in call
    assert '"parameters":{"Name":"/shop/facebook-secret","WithDecryption":true}' in call
    assert '"outputPaths":["Parameter.Value"]' in call
    assert '"logApiResponseData":false' in call
    assert reader["Properties"]["Update"] == call
    assert reader["Properties"]["InstallLatestAwsSdk"] is False
    (policy,) = (
        p
        for p in result.resources("AWS::IAM::Policy").values()
        if p["Properties"]["PolicyName"].startswith("AuthFacebookProviderSecret")
    )
    (statement,) = policy["Properties"]["PolicyDocument"]["Statement"]
    assert statement["Action"] == "ssm:GetParameter"
    assert statement["Resource"]["Fn::Join"][1][-1] == ":parameter/shop/facebook-secret"


def test_ssm_parameter_encrypted_with_a_customer_managed_key() -> None:
    key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    secret = {"ssm_parameter": "google-secret", "kms_key_arn": key}
    result = synth(federated({"google": {**GOOGLE, "client_secret": secret}}))
    (policy,) = result.resources("AWS::IAM::Policy").values()
    parameter, decrypt = policy["Properties"]["PolicyDocument"]["Statement"]
    assert parameter["Resource"]["Fn::Join"][1][-1] == ":parameter/google-secret"
    assert decrypt["Action"] == "kms:Decrypt"
    assert decrypt["Resource"] == key
    assert set(decrypt["Condition"]["StringEquals"]) == {"kms:ViaService"}


def test_ssm_parameter_by_arn() -> None:
    arn = "arn:aws:ssm:us-east-1:123456789012:parameter/shop/google"
    result = synth(federated({"google": {**GOOGLE, "client_secret": {"ssm_parameter": arn}}}))
    (policy,) = result.resources("AWS::IAM::Policy").values()
    assert policy["Properties"]["PolicyDocument"]["Statement"][0]["Resource"] == arn


def test_login_with_amazon() -> None:
    result = synth(federated({"login_with_amazon": AMAZON}))
    idp = provider(result, "LoginWithAmazon")["Properties"]
    assert idp["ProviderType"] == "LoginWithAmazon"
    assert idp["ProviderDetails"] == {
        "client_id": "amzn1.application-oa2-client.0123",
        "client_secret": "{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:"
        "123456789012:secret:shop/amazon-AbCdEf:SecretString:client_secret::}}",
        "authorize_scopes": "profile",
    }
    assert idp["AttributeMapping"] == {"email": "email"}


def test_sign_in_with_apple() -> None:
    result = synth(federated({"sign_in_with_apple": APPLE}))
    idp = provider(result, "SignInWithApple")["Properties"]
    assert idp["ProviderType"] == "SignInWithApple"
    assert idp["ProviderDetails"] == {
        "client_id": "com.example.shop.web",
        "team_id": "ABCDE12345",
        "key_id": "KEY1234567",
        "private_key": "{{resolve:secretsmanager:shop/apple:SecretString:private_key::}}",
        "authorize_scopes": "email name",
    }
    assert idp["AttributeMapping"] == {"email": "email"}


def test_oidc_with_discovery() -> None:
    result = synth(federated({"oidc": [OKTA]}))
    idp = provider(result, "Okta")["Properties"]
    assert idp["ProviderType"] == "OIDC"
    assert idp["ProviderDetails"] == {
        "client_id": "okta-client-id",
        "client_secret": "{{resolve:secretsmanager:shop/okta:SecretString:::}}",
        "authorize_scopes": "openid email profile",
        "attributes_request_method": "GET",
        "oidc_issuer": "https://example.okta.com",
    }
    assert "IdpIdentifiers" not in idp
    assert idp["AttributeMapping"] == {"email": "email"}


def test_oidc_with_every_option() -> None:
    okta = {
        **OKTA,
        "scopes": ["openid", "email", "groups"],
        "attribute_request_method": "POST",
        "identifiers": ["example.com", "okta"],
        "endpoints": {
            "authorization": "https://example.okta.com/oauth2/v1/authorize",
            "token": "https://example.okta.com/oauth2/v1/token",
            "userinfo": "https://example.okta.com/oauth2/v1/userinfo",
            "jwks_uri": "https://example.okta.com/oauth2/v1/keys",
        },
        "attribute_mapping": {"given_name": "given_name", "custom:tenant_id": "tenant"},
    }
    result = synth(federated({"oidc": [okta]}, user_attributes={"custom": {"tenant_id": {}}}))
    idp = provider(result, "Okta")["Properties"]
    assert idp["ProviderDetails"] == {
        "client_id": "okta-client-id",
        "client_secret": "{{resolve:secretsmanager:shop/okta:SecretString:::}}",
        "authorize_scopes": "openid email groups",
        "attributes_request_method": "POST",
        "oidc_issuer": "https://example.okta.com",
        "authorize_url": "https://example.okta.com/oauth2/v1/authorize",
        "token_url": "https://example.okta.com/oauth2/v1/token",
        "attributes_url": "https://example.okta.com/oauth2/v1/userinfo",
        "jwks_uri": "https://example.okta.com/oauth2/v1/keys",
    }
    assert idp["IdpIdentifiers"] == ["example.com", "okta"]
    assert idp["AttributeMapping"] == {
        "email": "email",
        "given_name": "given_name",
        "custom:tenant_id": "tenant",
    }


def test_saml_with_every_option() -> None:
    corp = {
        **CORP,
        "identifiers": ["example.com"],
        "idp_signout": True,
        "encrypted_responses": True,
        "request_signing_algorithm": "rsa-sha256",
        "idp_initiated": True,
    }
    result = synth(federated({"saml": [corp]}))
    assert provider(result, "Corp") == {
        "Type": IDP,
        "Properties": {
            "UserPoolId": POOL_REF,
            "ProviderName": "Corp",
            "ProviderType": "SAML",
            "ProviderDetails": {
                "MetadataURL": "https://idp.example.com/metadata.xml",
                "IDPSignout": True,
                "EncryptedResponses": True,
                "RequestSigningAlgorithm": "rsa-sha256",
                "IDPInit": True,
            },
            "IdpIdentifiers": ["example.com"],
            "AttributeMapping": {"email": "http://schemas.xmlsoap.org/claims/EmailAddress"},
        },
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
    }


def test_saml_defaults_and_no_default_email_mapping() -> None:
    result = synth(federated({"saml": [{**CORP, "attribute_mapping": {"email": "mail"}}]}))
    idp = provider(result, "Corp")["Properties"]
    assert idp["ProviderDetails"] == {
        "MetadataURL": "https://idp.example.com/metadata.xml",
        "IDPSignout": False,
        "EncryptedResponses": False,
        "IDPInit": False,
    }
    assert idp["AttributeMapping"] == {"email": "mail"}


def test_saml_metadata_file(tmp_path: Path) -> None:
    path = tmp_path / "metadata.xml"
    path.write_text(METADATA)
    result = synth(federated({"saml": [{**CORP, "metadata": {"file": str(path)}}]}))
    details = provider(result, "Corp")["Properties"]["ProviderDetails"]
    assert details["MetadataFile"] == METADATA
    assert "MetadataURL" not in details


def test_client_lists_every_provider_in_amplify_order_and_depends_on_them() -> None:
    result = synth(
        federated(
            {
                "saml": [CORP],
                "oidc": [OKTA],
                "sign_in_with_apple": APPLE,
                "login_with_amazon": AMAZON,
                "facebook": FACEBOOK,
                "google": GOOGLE,
            }
        )
    )
    names = ["Google", "Facebook", "LoginWithAmazon", "SignInWithApple", "Okta", "Corp"]
    assert client(result)["SupportedIdentityProviders"] == [*names, "COGNITO"]
    assert sorted(dependencies(result)) == sorted(logical_id(result, n) for n in names)


def test_provider_logical_ids_are_pinned() -> None:
    result = synth(
        federated(
            {
                "google": GOOGLE,
                "facebook": FACEBOOK,
                "login_with_amazon": AMAZON,
                "sign_in_with_apple": APPLE,
                "oidc": [OKTA],
                "saml": [CORP],
            }
        )
    )
    assert sorted(result.resources(IDP)) == [
        "AuthAmazonProvider2914936C",
        "AuthAppleProvider2BD916D4",
        "AuthFacebookProvider16B1C81A",
        "AuthGoogleProviderA3A93E63",
        "AuthOidcProviderOkta68BF9C11",
        "AuthSamlProviderCorp8F12EAEF",
    ]


def test_identity_providers_are_exposed_by_name() -> None:
    result = synth(federated({"google": GOOGLE, "oidc": [OKTA]}))
    assert list(result.backend.identity_providers) == ["Google", "Okta"]


@pytest.mark.parametrize(
    ("external", "expected"),
    [
        ({"google": GOOGLE, "allow_cognito_sign_in": False}, ["Google"]),
        ({"google": GOOGLE, "allow_cognito_sign_in": True}, ["Google", "COGNITO"]),
    ],
)
def test_cognito_sign_in_switch(external: dict[str, Any], expected: list[str]) -> None:
    assert client(synth(federated(external)))["SupportedIdentityProviders"] == expected


def test_provider_only_pool() -> None:
    data = federated({"oidc": [{**OKTA, "attribute_mapping": {"email": "email"}}]})
    data["login_with"].pop("email")
    result = synth(data)
    assert client(result)["SupportedIdentityProviders"] == ["Okta"]
    pool = result.only("AWS::Cognito::UserPool")
    assert "UsernameAttributes" not in pool
    assert "AliasAttributes" not in pool
    assert "AutoVerifiedAttributes" not in pool
    assert pool["UsernameConfiguration"] == {"CaseSensitive": False}
    assert provider(result, "Okta")["Properties"]["AttributeMapping"] == {"email": "email"}


def test_saml_metadata_file_gone_at_synth_is_a_config_error(tmp_path: Path) -> None:
    from cognito_auth import AuthConfig, ConfigError

    path = tmp_path / "metadata.xml"
    path.write_text(METADATA)
    config = AuthConfig.model_validate(
        federated({"saml": [{**CORP, "metadata": {"file": str(path)}}]})
    )
    path.unlink()
    with pytest.raises(ConfigError) as caught:
        synth(config)
    (found,) = caught.value.problems
    assert found.path == ("login_with", "external_providers", "saml", 0, "metadata", "file")
    assert found.message == f"no such file: {path}"


def test_ssm_parameter_in_another_region_is_read_there() -> None:
    arn = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/google"
    key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    secret = {"ssm_parameter": arn, "kms_key_arn": key}
    result = synth(federated({"google": {**GOOGLE, "client_secret": secret}}))
    (reader,) = result.resources(SSM_READER).values()
    assert '"region":"eu-west-1"' in reader["Properties"]["Create"]
    (policy,) = result.resources("AWS::IAM::Policy").values()
    _, decrypt = policy["Properties"]["PolicyDocument"]["Statement"]
    via = decrypt["Condition"]["StringEquals"]["kms:ViaService"]
    assert via["Fn::Join"][1][0] == "ssm.eu-west-1."
