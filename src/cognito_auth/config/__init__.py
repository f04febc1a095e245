"""The configuration model: pure data, validated by pydantic.

Nothing in this package imports ``aws_cdk``: validation stays instant.
"""

from cognito_auth.config._base import Change, Immutable
from cognito_auth.config.attributes import (
    STANDARD_ATTRIBUTES,
    CustomAttribute,
    StandardAttribute,
    UserAttributes,
)
from cognito_auth.config.clients import AppClient, RefreshTokenRotation, TokenValidity
from cognito_auth.config.devices import DeviceTracking
from cognito_auth.config.files import load_config, read_config_data
from cognito_auth.config.groups import Group
from cognito_auth.config.login import (
    EmailLogin,
    LoginWith,
    PhoneLogin,
    UserInvitation,
    UsernameLogin,
)
from cognito_auth.config.mfa import Multifactor, SmsFactor
from cognito_auth.config.oauth import CustomDomain
from cognito_auth.config.passwordless import WebAuthn
from cognito_auth.config.passwords import PasswordPolicy
from cognito_auth.config.providers import (
    ExternalProviders,
    FacebookProvider,
    GoogleProvider,
    LoginWithAmazonProvider,
    OidcEndpoints,
    OidcProvider,
    SamlMetadataFile,
    SamlMetadataUrl,
    SamlProvider,
    SignInWithAppleProvider,
)
from cognito_auth.config.resource_servers import ResourceScope, ResourceServer
from cognito_auth.config.root import AuthConfig
from cognito_auth.config.secrets import SecretsManagerSecret, SsmParameterSecret
from cognito_auth.config.senders import EmailSender, Senders, SmsSender
from cognito_auth.config.triggers import TRIGGERS

__all__ = [
    "STANDARD_ATTRIBUTES",
    "TRIGGERS",
    "AppClient",
    "AuthConfig",
    "Change",
    "CustomAttribute",
    "CustomDomain",
    "DeviceTracking",
    "EmailLogin",
    "EmailSender",
    "ExternalProviders",
    "FacebookProvider",
    "GoogleProvider",
    "Group",
    "Immutable",
    "LoginWith",
    "LoginWithAmazonProvider",
    "Multifactor",
    "OidcEndpoints",
    "OidcProvider",
    "PasswordPolicy",
    "PhoneLogin",
    "RefreshTokenRotation",
    "ResourceScope",
    "ResourceServer",
    "SamlMetadataFile",
    "SamlMetadataUrl",
    "SamlProvider",
    "SecretsManagerSecret",
    "Senders",
    "SignInWithAppleProvider",
    "SmsFactor",
    "SmsSender",
    "SsmParameterSecret",
    "StandardAttribute",
    "TokenValidity",
    "UserAttributes",
    "UserInvitation",
    "UsernameLogin",
    "WebAuthn",
    "load_config",
    "read_config_data",
]

# Build the validators while this import holds its module lock: the first validation in
# any thread then costs nothing more. ``{}`` is the default configuration; validating it also
# builds the models that serve as defaults (the password policy, the token validity...).
AuthConfig.model_validate({})
