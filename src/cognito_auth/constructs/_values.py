"""Immutable aws-cdk-lib values (scopes, provider names, attribute references,
durations), each created once per process.

Creating one is a round trip to the jsii runtime; a backend needs the same few again and
again (every backend of an app asks for ``openid``), and these objects never change, so
they are shared.
"""

from __future__ import annotations

from functools import cache

from aws_cdk import Duration
from aws_cdk import aws_cognito as cognito


@cache
def oauth_scope(name: str) -> cognito.OAuthScope:
    """A scope by name (``openid``, ``email``, ``aws.cognito.signin.user.admin``...)."""
    return cognito.OAuthScope.custom(name)


@cache
def client_identity_provider(name: str) -> cognito.UserPoolClientIdentityProvider:
    """An entry of a client's supported identity providers (``COGNITO``, ``Google``...)."""
    return cognito.UserPoolClientIdentityProvider.custom(name)


@cache
def provider_attribute(name: str) -> cognito.ProviderAttribute:
    """A provider's attribute, for an attribute mapping."""
    return cognito.ProviderAttribute.other(name)


@cache
def days(count: int) -> Duration:
    return Duration.days(count)
