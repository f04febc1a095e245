"""A corpus of user pools made through the Cognito API, as a console user (or Amplify,
SAM, raw CloudFormation) makes them: not from this package's templates. Each function
creates one pool in moto's server and returns its id (and the identity pool's)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3

ACCOUNT = "123456789012"
Made = dict[str, str]


def _pool(cognito: Any, **params: Any) -> str:
    return str(cognito.create_user_pool(**params)["UserPool"]["Id"])


def email_console_defaults(session: boto3.Session) -> Made:
    """The console's quick start: email sign-in, Cognito's password policy and texts, one
    public client with SRP and refresh, no MFA."""
    cognito = session.client("cognito-idp")
    pool_id = _pool(
        cognito,
        PoolName="console-pool",
        UsernameAttributes=["email"],
        AutoVerifiedAttributes=["email"],
        UsernameConfiguration={"CaseSensitive": False},
        Policies={
            "PasswordPolicy": {
                "MinimumLength": 8,
                "RequireUppercase": True,
                "RequireLowercase": True,
                "RequireNumbers": True,
                "RequireSymbols": True,
                "TemporaryPasswordValidityDays": 7,
            }
        },
        Schema=[
            {"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True}
        ],
        MfaConfiguration="OFF",
        DeletionProtection="ACTIVE",
        AccountRecoverySetting={"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]},
        VerificationMessageTemplate={
            "DefaultEmailOption": "CONFIRM_WITH_CODE",
            "EmailSubject": "Your verification code",
            "EmailMessage": "Your verification code is {####}. ",
        },
    )
    cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="My web app",
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors="ENABLED",
        EnableTokenRevocation=True,
        SupportedIdentityProviders=["COGNITO"],
    )
    return {"user_pool_id": pool_id}


def username_aliases_custom_attributes(session: boto3.Session) -> Made:
    """Username sign-in with email and preferred_username aliases, case sensitive, custom
    attributes of every type with constraints, required MFA with TOTP, self sign-up off,
    devices remembered, deletion protection on, groups with precedence and descriptions."""
    cognito = session.client("cognito-idp")
    pool_id = _pool(
        cognito,
        PoolName="legacy-users",
        AliasAttributes=["email", "preferred_username"],
        AutoVerifiedAttributes=["email"],
        UsernameConfiguration={"CaseSensitive": True},
        Policies={
            "PasswordPolicy": {
                "MinimumLength": 10,
                "RequireUppercase": False,
                "RequireLowercase": True,
                "RequireNumbers": True,
                "RequireSymbols": False,
                "TemporaryPasswordValidityDays": 3,
            }
        },
        Schema=[
            {
                "Name": "given_name",
                "AttributeDataType": "String",
                "Required": True,
                "Mutable": True,
            },
            {
                "Name": "birthdate",
                "AttributeDataType": "String",
                "Required": False,
                "Mutable": False,
            },
            {
                "Name": "tenant",
                "AttributeDataType": "String",
                "Mutable": False,
                "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "64"},
            },
            {
                "Name": "tier",
                "AttributeDataType": "Number",
                "Mutable": True,
                "NumberAttributeConstraints": {"MinValue": "0", "MaxValue": "10"},
            },
            {"Name": "beta", "AttributeDataType": "Boolean", "Mutable": True},
            {"Name": "joined", "AttributeDataType": "DateTime", "Mutable": True},
        ],
        MfaConfiguration="ON",
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
        DeviceConfiguration={
            "ChallengeRequiredOnNewDevice": True,
            "DeviceOnlyRememberedOnUserPrompt": True,
        },
        DeletionProtection="ACTIVE",
        AccountRecoverySetting={"RecoveryMechanisms": [{"Priority": 1, "Name": "admin_only"}]},
    )
    cognito.set_user_pool_mfa_config(
        UserPoolId=pool_id,
        SoftwareTokenMfaConfiguration={"Enabled": True},
        MfaConfiguration="ON",
    )
    cognito.create_group(UserPoolId=pool_id, GroupName="admins", Precedence=0, Description="Ops")
    cognito.create_group(UserPoolId=pool_id, GroupName="editors", Precedence=5)
    cognito.create_group(UserPoolId=pool_id, GroupName="readers")
    cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="portal",
        ExplicitAuthFlows=[
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
        ],
        ReadAttributes=["email", "given_name", "custom:tenant"],
        WriteAttributes=["email", "given_name"],
        AccessTokenValidity=15,
        IdTokenValidity=15,
        RefreshTokenValidity=7,
        TokenValidityUnits={"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
        SupportedIdentityProviders=["COGNITO"],
        PreventUserExistenceErrors="ENABLED",
        EnableTokenRevocation=True,
    )
    cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="backoffice",
        GenerateSecret=True,
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors="LEGACY",
        EnableTokenRevocation=True,
        SupportedIdentityProviders=["COGNITO"],
    )
    return {"user_pool_id": pool_id}


def federated_hosted(session: boto3.Session) -> Made:
    """Email sign-in with Google, an OIDC and a SAML provider (with mappings and
    identifiers), groups (one with a role), a prefix domain, a resource server with
    scopes, a spa client using the hosted pages, a machine client, optional MFA with SMS
    and TOTP, SES email, an SNS role, Lambda triggers, tags, and an identity pool with
    guest access and roles."""
    cognito = session.client("cognito-idp")
    sns_role = f"arn:aws:iam::{ACCOUNT}:role/cognito-sms"
    pool_id = _pool(
        cognito,
        PoolName="shop-user-pool",
        UsernameAttributes=["email"],
        AutoVerifiedAttributes=["email"],
        UsernameConfiguration={"CaseSensitive": False},
        Schema=[
            {"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True},
            {"Name": "name", "AttributeDataType": "String", "Required": False, "Mutable": True},
        ],
        MfaConfiguration="OPTIONAL",
        SmsConfiguration={"SnsCallerArn": sns_role, "ExternalId": "shop-external"},
        EmailConfiguration={
            "EmailSendingAccount": "DEVELOPER",
            "SourceArn": f"arn:aws:ses:us-east-1:{ACCOUNT}:identity/example.com",
            "From": "Shop <no-reply@example.com>",
            "ReplyToEmailAddress": "help@example.com",
        },
        AccountRecoverySetting={
            "RecoveryMechanisms": [
                {"Priority": 1, "Name": "verified_email"},
                {"Priority": 2, "Name": "verified_phone_number"},
            ]
        },
        LambdaConfig={
            "PreSignUp": f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:shop-pre-sign-up",
            "PostConfirmation": f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:shop-welcome",
        },
        UserPoolTags={"team": "shop"},
        DeletionProtection="ACTIVE",
        VerificationMessageTemplate={
            "DefaultEmailOption": "CONFIRM_WITH_CODE",
            "EmailSubject": "Welcome to the shop",
            "EmailMessage": "Your code is {####}",
        },
        AdminCreateUserConfig={
            "AllowAdminCreateUserOnly": False,
            "InviteMessageTemplate": {
                "EmailSubject": "Your shop account",
                "EmailMessage": "Hello {username}, your password is {####}",
                "SMSMessage": "Shop: {username} {####}",
            },
        },
    )
    cognito.set_user_pool_mfa_config(
        UserPoolId=pool_id,
        SmsMfaConfiguration={
            "SmsAuthenticationMessage": "Shop code {####}",
            "SmsConfiguration": {"SnsCallerArn": sns_role, "ExternalId": "shop-external"},
        },
        SoftwareTokenMfaConfiguration={"Enabled": True},
        MfaConfiguration="OPTIONAL",
    )
    cognito.create_identity_provider(
        UserPoolId=pool_id,
        ProviderName="Google",
        ProviderType="Google",
        ProviderDetails={
            "client_id": "123.apps.googleusercontent.com",
            "client_secret": "google-secret-value",
            "authorize_scopes": "openid email profile",
        },
        AttributeMapping={"email": "email", "name": "name", "username": "sub"},
    )
    cognito.create_identity_provider(
        UserPoolId=pool_id,
        ProviderName="Okta",
        ProviderType="OIDC",
        ProviderDetails={
            "client_id": "okta-client",
            "client_secret": "okta-secret-value",
            "oidc_issuer": "https://example.okta.com",
            "authorize_scopes": "openid email",
            "attributes_request_method": "GET",
        },
        AttributeMapping={"email": "email"},
        IdpIdentifiers=["example.com"],
    )
    cognito.create_identity_provider(
        UserPoolId=pool_id,
        ProviderName="Corp",
        ProviderType="SAML",
        ProviderDetails={
            "MetadataURL": "https://idp.example.com/metadata.xml",
            "IDPSignout": "true",
        },
        AttributeMapping={"email": "http://schemas.xmlsoap.org/claims/emailaddress"},
    )
    # Groups: one whose members get a role of the identity pool, one without a role.
    cognito.create_group(
        UserPoolId=pool_id, GroupName="staff", Precedence=1, RoleArn=GROUP_ROLE, Description="Shop"
    )
    cognito.create_group(UserPoolId=pool_id, GroupName="newsletter")
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain="shop-auth-adopted")
    cognito.create_resource_server(
        UserPoolId=pool_id,
        Identifier="https://api.example.com",
        Name="Shop API",
        Scopes=[
            {"ScopeName": "orders.read", "ScopeDescription": "Read orders"},
            {"ScopeName": "orders.write", "ScopeDescription": "Change orders"},
        ],
    )
    web = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="shop-web",
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        SupportedIdentityProviders=["Google", "Okta", "Corp", "COGNITO"],
        CallbackURLs=["https://shop.example.com/"],
        LogoutURLs=["https://shop.example.com/bye"],
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email", "profile", "https://api.example.com/orders.read"],
        AllowedOAuthFlowsUserPoolClient=True,
        PreventUserExistenceErrors="ENABLED",
        EnableTokenRevocation=True,
    )["UserPoolClient"]
    cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="shop-worker",
        GenerateSecret=True,
        ExplicitAuthFlows=["ALLOW_REFRESH_TOKEN_AUTH"],
        AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=["https://api.example.com/orders.write"],
        AllowedOAuthFlowsUserPoolClient=True,
        SupportedIdentityProviders=["COGNITO"],
        AccessTokenValidity=30,
        TokenValidityUnits={"AccessToken": "minutes"},
        PreventUserExistenceErrors="ENABLED",
        EnableTokenRevocation=True,
    )
    identity = session.client("cognito-identity")
    identity_pool = identity.create_identity_pool(
        IdentityPoolName="shop_identity_pool",
        AllowUnauthenticatedIdentities=True,
        CognitoIdentityProviders=[
            {
                "ProviderName": f"cognito-idp.us-east-1.amazonaws.com/{pool_id}",
                "ClientId": web["ClientId"],
            }
        ],
    )
    return {"user_pool_id": pool_id, "identity_pool_id": identity_pool["IdentityPoolId"]}


GROUP_ROLE = f"arn:aws:iam::{ACCOUNT}:role/shop-staff"
"""The role of the group ``staff`` of :func:`federated_hosted`."""

IDENTITY_POOL_ROLES = {
    "authenticated": f"arn:aws:iam::{ACCOUNT}:role/shop-auth",
    "unauthenticated": f"arn:aws:iam::{ACCOUNT}:role/shop-guest",
}
"""The roles of the identity pool made by :func:`federated_hosted`: moto implements neither
SetIdentityPoolRoles nor GetIdentityPoolRoles, so the tests answer GetIdentityPoolRoles
with these, in the real API's shape."""


CORPUS: dict[str, Callable[[boto3.Session], Made]] = {
    "email_console_defaults": email_console_defaults,
    "username_aliases_custom_attributes": username_aliases_custom_attributes,
    "federated_hosted": federated_hosted,
}
