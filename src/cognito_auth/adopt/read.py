"""Reading a live user pool (and identity pool) through boto3: Describe, List and Get calls
only, never a write.

Imported only by ``cognito-auth adopt``: it loads boto3.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

READ_ACTIONS = (
    "cognito-idp:DescribeUserPool",
    "cognito-idp:GetUserPoolMfaConfig",
    "cognito-idp:ListGroups",
    "cognito-idp:ListUserPoolClients",
    "cognito-idp:DescribeUserPoolClient",
    "cognito-idp:ListIdentityProviders",
    "cognito-idp:DescribeIdentityProvider",
    "cognito-idp:ListResourceServers",
    "cognito-idp:DescribeUserPoolDomain",
)
"""The IAM actions ``adopt`` needs on the user pool (the README lists them)."""
IDENTITY_POOL_ACTIONS = (
    "cognito-identity:DescribeIdentityPool",
    "cognito-identity:GetIdentityPoolRoles",
)
"""And with ``--identity-pool-id``, on the identity pool."""


class ReadError(Exception):
    """The pool cannot be read: not found, no access, no credentials (exit 2)."""


@dataclass
class LivePool:
    """What the Cognito API says about a user pool, in the API's own shapes."""

    pool: Mapping[str, Any]
    mfa: Mapping[str, Any]
    groups: list[Mapping[str, Any]] = field(default_factory=list)
    clients: list[Mapping[str, Any]] = field(default_factory=list)
    """DescribeUserPoolClient's ``UserPoolClient`` of every client, in list order."""
    providers: list[Mapping[str, Any]] = field(default_factory=list)
    """DescribeIdentityProvider's ``IdentityProvider`` of every provider."""
    resource_servers: list[Mapping[str, Any]] = field(default_factory=list)
    domain: Mapping[str, Any] | None = None
    """DescribeUserPoolDomain's ``DomainDescription`` of the pool's domain."""
    identity_pool: Mapping[str, Any] | None = None
    identity_pool_roles: Mapping[str, Any] | None = None
    region: str = ""

    @property
    def pool_id(self) -> str:
        return str(self.pool["Id"])


def read_pool(session: Any, pool_id: str, *, identity_pool_id: str | None = None) -> LivePool:
    """Read everything ``adopt`` translates. Raises :class:`ReadError` with one line."""
    cognito = session.client("cognito-idp")
    where = f"user pool {pool_id!r}"
    try:
        pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
        live = LivePool(
            pool=pool,
            mfa=_without_metadata(cognito.get_user_pool_mfa_config(UserPoolId=pool_id)),
            region=str(session.region_name or ""),
        )
        for page in cognito.get_paginator("list_groups").paginate(UserPoolId=pool_id):
            live.groups.extend(page["Groups"])
        listed: list[Mapping[str, Any]] = []
        for page in cognito.get_paginator("list_user_pool_clients").paginate(
            UserPoolId=pool_id, MaxResults=60
        ):
            listed.extend(page["UserPoolClients"])
        for item in listed:
            live.clients.append(
                cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=item["ClientId"])[
                    "UserPoolClient"
                ]
            )
        names: list[str] = []
        for page in cognito.get_paginator("list_identity_providers").paginate(
            UserPoolId=pool_id, MaxResults=60
        ):
            names.extend(str(p["ProviderName"]) for p in page["Providers"])
        for name in names:
            live.providers.append(
                cognito.describe_identity_provider(UserPoolId=pool_id, ProviderName=name)[
                    "IdentityProvider"
                ]
            )
        for page in cognito.get_paginator("list_resource_servers").paginate(
            UserPoolId=pool_id, MaxResults=50
        ):
            live.resource_servers.extend(page["ResourceServers"])
        domain = pool.get("CustomDomain") or pool.get("Domain")
        if domain:
            live.domain = cognito.describe_user_pool_domain(Domain=domain)["DomainDescription"]
    except (ClientError, BotoCoreError) as exc:
        raise ReadError(f"{where}: {reason(exc)}") from None
    if identity_pool_id:
        identity = session.client("cognito-identity")
        where = f"identity pool {identity_pool_id!r}"
        try:
            live.identity_pool = _without_metadata(
                identity.describe_identity_pool(IdentityPoolId=identity_pool_id)
            )
            live.identity_pool_roles = _without_metadata(
                identity.get_identity_pool_roles(IdentityPoolId=identity_pool_id)
            )
        except (ClientError, BotoCoreError) as exc:
            raise ReadError(f"{where}: {reason(exc)}") from None
    return live


def _without_metadata(response: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


_NOT_FOUND = ("ResourceNotFoundException", "ValidationError", "ValidationException")
_DENIED = (
    "AccessDeniedException",
    "AccessDenied",
    "NotAuthorizedException",
    "UnrecognizedClientException",
    "InvalidClientTokenId",
    "ExpiredTokenException",
    "UnauthorizedOperation",
)


def reason(exc: ClientError | BotoCoreError) -> str:
    """One line: not found, no access, no credentials, or the service's own code."""
    if isinstance(exc, NoCredentialsError):
        return (
            "no AWS credentials found: configure a profile (--profile) or set "
            "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"
        )
    if isinstance(exc, BotoCoreError):
        return f"cannot reach AWS ({exc})"
    error = exc.response.get("Error", {})
    code = str(error.get("Code", "error"))
    message = str(error.get("Message", "")) or code
    if code in _NOT_FOUND:
        return f"not found ({message})"
    if code in _DENIED:
        return (
            f"no access ({code}: {message}); docs/adopt-and-migrate.md lists the IAM "
            "actions adopt needs"
        )
    return f"{code}: {message}"
