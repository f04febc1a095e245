"""adopt against full answers of the real Cognito API (botocore's Stubber checks each one
against the service model): fields moto never returns (feature plan, threat protection,
passkeys, email MFA, sign-in policy, managed login, a custom domain, Apple and Facebook
secrets, SAML metadata files, versioned triggers, identity pool role mappings)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from cognito_auth import load_config
from cognito_auth.adopt.command import Options, run
from cognito_auth.adopt.mapping import TYPES, identifiers, schema_identifiers
from cognito_auth.guard.deployed import DeployedPool, compare

POOL = "eu-west-1_AbCdEfGhI"
IDENTITY = "eu-west-1:11111111-2222-3333-4444-555555555555"
ACCOUNT = "123456789012"
ARN = f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function"
APPLE_KEY = (
    "-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg\n-----END"
)
SECRETS = ("fb-app-secret-value", APPLE_KEY, "entra-client-secret-value")
METADATA = '<?xml version="1.0"?><EntityDescriptor entityID="https://sts.windows.net/x/" xmlns="urn:oasis:names:tc:SAML:2.0:metadata"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://login.example.com/saml2"/></IDPSSODescriptor></EntityDescriptor>'  # noqa: E501


def _schema() -> list[dict[str, Any]]:
    from cognito_auth.config import STANDARD_ATTRIBUTES

    limits = {"StringAttributeConstraints": {"MinLength": "0", "MaxLength": "2048"}}
    string = {"AttributeDataType": "String", "DeveloperOnlyAttribute": False}
    schema: list[dict[str, Any]] = [
        {"Name": "sub", **string, "Mutable": False, "Required": True, **limits},
        {"Name": "email_verified", "AttributeDataType": "Boolean", "Mutable": True},
        {"Name": "phone_number_verified", "AttributeDataType": "Boolean", "Mutable": True},
        {"Name": "identities", **string, "Mutable": True, "Required": False, **limits},
    ]
    for name in STANDARD_ATTRIBUTES:
        if name == "updated_at":
            schema.append(
                {
                    "Name": name,
                    "AttributeDataType": "Number",
                    "Mutable": True,
                    "Required": False,
                    "NumberAttributeConstraints": {"MinValue": "0"},
                }
            )
            continue
        schema.append(
            {"Name": name, **string, "Mutable": True, "Required": name == "email", **limits}
        )
    schema += [
        {
            "Name": "custom:plan",
            **string,
            "Mutable": True,
            "Required": False,
            "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "32"},
        },
        {
            "Name": "dev:custom:internal",
            **string,
            "DeveloperOnlyAttribute": True,
            "Mutable": True,
            "Required": False,
            **limits,
        },
    ]
    return schema


USER_POOL: dict[str, Any] = {
    "Id": POOL,
    "Name": "members-user-pool",
    "Arn": f"arn:aws:cognito-idp:eu-west-1:{ACCOUNT}:userpool/{POOL}",
    "Status": "Enabled",
    "Policies": {
        "PasswordPolicy": {
            "MinimumLength": 14,
            "RequireUppercase": True,
            "RequireLowercase": True,
            "RequireNumbers": True,
            "RequireSymbols": True,
            "PasswordHistorySize": 5,
            "TemporaryPasswordValidityDays": 7,
        },
        "SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"]},
    },
    "DeletionProtection": "ACTIVE",
    "LambdaConfig": {
        "PreSignUp": f"{ARN}:members-pre-sign-up",
        "PreTokenGenerationConfig": {
            "LambdaVersion": "V2_0",
            "LambdaArn": f"{ARN}:members-claims",
        },
        "CustomEmailSender": {"LambdaVersion": "V1_0", "LambdaArn": f"{ARN}:members-mailer"},
        "KMSKeyID": f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    },
    "LastModifiedDate": "2026-01-01T00:00:00Z",
    "CreationDate": "2024-01-01T00:00:00Z",
    "SchemaAttributes": _schema(),
    "AutoVerifiedAttributes": ["email"],
    "UsernameAttributes": ["email"],
    "VerificationMessageTemplate": {
        "EmailMessageByLink": "Click {##here##} to verify",
        "EmailSubjectByLink": "Verify your membership",
        "DefaultEmailOption": "CONFIRM_WITH_LINK",
    },
    "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": ["email"]},
    "MfaConfiguration": "OPTIONAL",
    "DeviceConfiguration": {
        "ChallengeRequiredOnNewDevice": False,
        "DeviceOnlyRememberedOnUserPrompt": True,
    },
    "EstimatedNumberOfUsers": 18000,
    "EmailConfiguration": {
        "SourceArn": f"arn:aws:ses:eu-west-1:{ACCOUNT}:identity/no-reply@members.example.com",
        "EmailSendingAccount": "DEVELOPER",
        "From": "Members <no-reply@members.example.com>",
        "ConfigurationSet": "members",
    },
    "UserPoolTags": {},
    "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False, "UnusedAccountValidityDays": 7},
    "UserPoolAddOns": {"AdvancedSecurityMode": "AUDIT"},
    "UsernameConfiguration": {"CaseSensitive": False},
    "CustomDomain": "login.members.example.com",
    "AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]},
    "UserPoolTier": "PLUS",
}
MFA = {
    "SoftwareTokenMfaConfiguration": {"Enabled": True},
    "EmailMfaConfiguration": {"Message": "Your code is {####}", "Subject": "Members code"},
    "MfaConfiguration": "OPTIONAL",
    "WebAuthnConfiguration": {
        "RelyingPartyId": "login.members.example.com",
        "UserVerification": "required",
    },
}
WEB = {
    "UserPoolId": POOL,
    "ClientName": "members-web",
    "ClientId": "1example23456789",
    "LastModifiedDate": "2026-01-01T00:00:00Z",
    "CreationDate": "2024-01-01T00:00:00Z",
    "RefreshTokenValidity": 30,
    "AccessTokenValidity": 60,
    "IdTokenValidity": 60,
    "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
    "ExplicitAuthFlows": ["ALLOW_USER_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    "SupportedIdentityProviders": ["COGNITO", "Facebook", "SignInWithApple", "Entra"],
    "CallbackURLs": ["https://members.example.com/"],
    "LogoutURLs": ["https://members.example.com/"],
    "AllowedOAuthFlows": ["code"],
    "AllowedOAuthScopes": ["email", "openid", "profile"],
    "AllowedOAuthFlowsUserPoolClient": True,
    "PreventUserExistenceErrors": "ENABLED",
    "EnableTokenRevocation": True,
    "EnablePropagateAdditionalUserContextData": False,
    "AuthSessionValidity": 3,
}
PROVIDERS = [
    {
        "UserPoolId": POOL,
        "ProviderName": "Facebook",
        "ProviderType": "Facebook",
        "ProviderDetails": {
            "client_id": "1234567890",
            "client_secret": SECRETS[0],
            "authorize_scopes": "public_profile,email",
            "api_version": "v19.0",
            "authorize_url": "https://www.facebook.com/v19.0/dialog/oauth",
        },
        "AttributeMapping": {"email": "email", "username": "id"},
        "IdpIdentifiers": [],
    },
    {
        "UserPoolId": POOL,
        "ProviderName": "SignInWithApple",
        "ProviderType": "SignInWithApple",
        "ProviderDetails": {
            "client_id": "com.example.members",
            "team_id": "ABCDE12345",
            "key_id": "KEY1234567",
            "private_key": SECRETS[1],
            "authorize_scopes": "email name",
        },
        "AttributeMapping": {"email": "email", "username": "sub"},
        "IdpIdentifiers": [],
    },
    {
        "UserPoolId": POOL,
        "ProviderName": "Entra",
        "ProviderType": "SAML",
        "ProviderDetails": {"MetadataFile": METADATA, "IDPSignout": "false", "IDPInit": "true"},
        "AttributeMapping": {"email": "http://schemas.xmlsoap.org/claims/emailaddress"},
        "IdpIdentifiers": ["members.example.com"],
    },
]
DOMAIN = {
    "UserPoolId": POOL,
    "AWSAccountId": ACCOUNT,
    "Domain": "login.members.example.com",
    "S3Bucket": "aws-cognito-prod-dub-assets",
    "CloudFrontDistribution": "d111111abcdef8.cloudfront.net",
    "Version": "20240101000000",
    "Status": "ACTIVE",
    "CustomDomainConfig": {
        "CertificateArn": f"arn:aws:acm:us-east-1:{ACCOUNT}:certificate/abc-123",
    },
    "ManagedLoginVersion": 2,
}
IDENTITY_POOL = {
    "IdentityPoolId": IDENTITY,
    "IdentityPoolName": "members_identity_pool",
    "AllowUnauthenticatedIdentities": False,
    "AllowClassicFlow": False,
    "SupportedLoginProviders": {"graph.facebook.com": "1234567890"},
    "CognitoIdentityProviders": [
        {
            "ProviderName": f"cognito-idp.eu-west-1.amazonaws.com/{POOL}",
            "ClientId": WEB["ClientId"],
            "ServerSideTokenCheck": False,
        }
    ],
    "IdentityPoolTags": {},
}
ROLES = {
    "IdentityPoolId": IDENTITY,
    "Roles": {"authenticated": f"arn:aws:iam::{ACCOUNT}:role/members-auth"},
    "RoleMappings": {
        f"cognito-idp.eu-west-1.amazonaws.com/{POOL}:{WEB['ClientId']}": {
            "Type": "Token",
            "AmbiguousRoleResolution": "AuthenticatedRole",
        }
    },
}
GROUPS = [
    {
        "GroupName": "staff",
        "UserPoolId": POOL,
        "Description": "Employees",
        "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/members-staff",
        "Precedence": 1,
        "LastModifiedDate": "2026-01-01T00:00:00Z",
        "CreationDate": "2024-01-01T00:00:00Z",
    }
]


class StubbedSession:
    """A boto3 session whose clients answer from Stubber queues (no network)."""

    def __init__(self) -> None:
        session = boto3.Session(
            region_name="eu-west-1", aws_access_key_id="x", aws_secret_access_key="x"
        )
        self.region_name = "eu-west-1"
        self.idp = session.client("cognito-idp")
        self.identity = session.client("cognito-identity")
        self.stubs = [Stubber(self.idp), Stubber(self.identity)]

    def client(self, name: str) -> Any:
        return {"cognito-idp": self.idp, "cognito-identity": self.identity}[name]


def stubbed() -> StubbedSession:
    made = StubbedSession()
    idp, identity = made.stubs
    pool = {"UserPoolId": POOL}
    idp.add_response("describe_user_pool", {"UserPool": USER_POOL}, pool)
    idp.add_response("get_user_pool_mfa_config", MFA, pool)
    idp.add_response("list_groups", {"Groups": GROUPS}, pool)
    idp.add_response(
        "list_user_pool_clients",
        {
            "UserPoolClients": [
                {"ClientId": WEB["ClientId"], "UserPoolId": POOL, "ClientName": WEB["ClientName"]}
            ]
        },
        {**pool, "MaxResults": 60},
    )
    idp.add_response(
        "describe_user_pool_client",
        {"UserPoolClient": WEB},
        {**pool, "ClientId": WEB["ClientId"]},
    )
    idp.add_response(
        "list_identity_providers",
        {
            "Providers": [
                {"ProviderName": p["ProviderName"], "ProviderType": p["ProviderType"]}
                for p in PROVIDERS
            ]
        },
        {**pool, "MaxResults": 60},
    )
    for provider in PROVIDERS:
        idp.add_response(
            "describe_identity_provider",
            {"IdentityProvider": provider},
            {**pool, "ProviderName": provider["ProviderName"]},
        )
    idp.add_response("list_resource_servers", {"ResourceServers": []}, {**pool, "MaxResults": 50})
    idp.add_response(
        "describe_user_pool_domain",
        {"DomainDescription": DOMAIN},
        {"Domain": "login.members.example.com"},
    )
    identity.add_response("describe_identity_pool", IDENTITY_POOL, {"IdentityPoolId": IDENTITY})
    identity.add_response("get_identity_pool_roles", ROLES, {"IdentityPoolId": IDENTITY})
    for stub in made.stubs:
        stub.activate()
    return made


def options(out: Path, **more: Any) -> Options:
    values: dict[str, Any] = {
        "user_pool_id": POOL,
        "identity_pool_id": IDENTITY,
        "backend": "Members/Auth",
        "out": out,
        "force": False,
        "strict": False,
        **more,
    }
    return Options(**values)


def test_full_real_responses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = stubbed()
    assert run(session, options(tmp_path)) == 0, capsys.readouterr().err
    for stub in session.stubs:
        stub.assert_no_pending_responses()
    captured = capsys.readouterr()
    config = load_config(tmp_path / "auth.yaml")
    login = config.login_with
    assert config.name == "members"
    assert config.feature_plan == "plus"
    assert config.threat_protection == "audit"
    assert config.password_policy.password_history_size == 5
    assert config.multifactor.factors == ("totp", "email")
    assert config.senders.email is not None
    assert config.senders.email.from_name == "Members"
    assert config.senders.email.configuration_set == "members"
    assert login.email is not None
    assert login.email.otp_login
    assert login.email.verification_email_style == "link"
    assert login.webauthn is not None
    assert login.webauthn.user_verification == "required"
    assert config.device_tracking is not None
    assert config.user_attributes.custom["plan"].max_length == 32
    assert "internal" not in config.user_attributes.custom
    external = config.external_providers
    assert external.custom_domain is not None
    assert external.managed_login_version == "managed_login"
    assert external.facebook is not None
    assert external.facebook.api_version == "v19.0"
    assert external.sign_in_with_apple is not None
    assert external.saml[0].idp_initiated
    assert (tmp_path / "saml-Entra.xml").read_text() == METADATA
    assert config.identity_pool
    assert not config.guest_access
    assert external.identity_pool_federation
    assert config.groups[0].description == "Employees"
    assert [c.name for c in config.clients] == ["web"]
    # The Python lines for the triggers, with the versioned ones by their own names.
    for line in (
        f'"pre_sign_up": lambda_.Function.from_function_arn(stack, "PreSignUpFunction", '
        f'"{ARN}:members-pre-sign-up"),',
        f'"pre_token_generation_v2": lambda_.Function.from_function_arn(stack, '
        f'"PreTokenGenerationV2Function", "{ARN}:members-claims"),',
        '"custom_email_sender": lambda_.Function.from_function_attributes(',
        "trigger_kms_key=kms.Key.from_key_arn(",
    ):
        assert line in captured.err
    # Secrets never written nor printed; the secrets to create are named.
    for written in tmp_path.iterdir():
        for secret in SECRETS:
            assert secret not in written.read_text()
    for secret in SECRETS:
        assert secret not in captured.out + captured.err
    assert f"cognito-auth/{POOL}/SignInWithApple: the private key (.p8 content)" in captured.err
    assert f"cognito-auth/{POOL}/Facebook: the client secret of Facebook" in captured.err
    for expected in (
        "custom attribute 'internal' is developer-only",
        "the email MFA message and subject are not kept",
        "managed login: cognito-auth gives each hosted client",
        "identity pool authenticated role: arn:aws:iam::123456789012:role/members-auth",
        "the identity pool's role mappings name the existing roles",
    ):
        assert expected in captured.err, expected
        assert expected in (tmp_path / "auth.yaml").read_text(), expected
    # The group keeps its role through the import (and check-deployed compares it).
    assert config.groups[0].role_arn == "arn:aws:iam::123456789012:role/members-staff"
    assert "members-staff" not in captured.err
    mapping = json.loads((tmp_path / "import-mapping.json").read_text())
    assert mapping["AuthUserPoolDomain97947401"] == {
        "Domain": "login.members.example.com",
        "UserPoolId": POOL,
    }
    assert {"Id": IDENTITY} in mapping.values()
    assert len(mapping) == 8  # pool, client, group, three providers, domain, identity pool
    # check-deployed reads the same answers as no drift.
    deployed = DeployedPool(
        pool=USER_POOL,
        mfa=MFA,
        groups=GROUPS,
        providers=[
            {"ProviderName": p["ProviderName"], "ProviderType": p["ProviderType"]}
            for p in PROVIDERS
        ],
        providers_known=True,
        clients=[WEB],
        resource_servers=[],
    )
    assert compare(config, deployed) == []


def test_strict_exits_1_when_anything_is_not_adopted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(stubbed(), options(tmp_path, strict=True)) == 1
    assert (tmp_path / "auth.yaml").exists()


def test_access_denied_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = StubbedSession()
    session.stubs[0].add_client_error(
        "describe_user_pool",
        service_error_code="AccessDeniedException",
        service_message="User: arn:aws:iam::123456789012:user/dev is not authorized to "
        "perform: cognito-idp:DescribeUserPool",
        http_status_code=400,
    )
    session.stubs[0].activate()
    assert run(session, options(tmp_path)) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: user pool {POOL!r}: no access (AccessDeniedException: User:")
    assert err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_identifier_names_are_the_registry_schemas() -> None:
    """identifiers.json is cfn-lint's primaryIdentifier of each type (regenerate it with
    `python -m cognito_auth.adopt.mapping --write` when cfn-lint's schemas change)."""
    assert identifiers() == schema_identifiers()
    assert sorted(identifiers()) == sorted(TYPES)


def test_the_readme_lists_exactly_the_actions_adopt_calls() -> None:
    import re

    from cognito_auth.adopt.read import IDENTITY_POOL_ACTIONS, READ_ACTIONS

    readme = (Path(__file__).parents[2] / "docs" / "adopt-and-migrate.md").read_text()
    section = readme.split("## Adopting an existing pool", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"`(cognito-(?:idp|identity):[A-Za-z]+)`", section)
    assert sorted(listed) == sorted((*READ_ACTIONS, *IDENTITY_POOL_ACTIONS))
    # Read-only: every action is a Describe, List or Get.
    assert all(a.split(":")[1].startswith(("Describe", "List", "Get")) for a in listed)
    # And they are the operations adopt makes (the stubbed session answers exactly these).
    made = stubbed()
    called = sorted(
        f"cognito-{'idp' if s is made.stubs[0] else 'identity'}:{r['operation_name']}"
        for s in made.stubs
        for r in s._queue  # the queued responses, one per call adopt makes
    )
    assert sorted(set(called)) == sorted(listed)
