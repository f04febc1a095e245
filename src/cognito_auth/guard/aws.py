"""Reading deployed state through boto3 (``check-deployed``, ``outputs --stack``).

Imported only by the commands that talk to AWS: it loads boto3.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from cognito_auth.config.root import AuthConfig
from cognito_auth.guard.deployed import DeployedPool
from cognito_auth.guard.deployed_identity import DeployedIdentityPool, names_from_pool_clients


class DeployedLookupError(Exception):
    """The pool or stack cannot be found or read (exit 2 of ``check-deployed``)."""


def find_pool_in_stack(session: Any, stack: str, backend: str | None) -> tuple[str, str | None]:
    """(user pool id, web client id or None) from a stack's outputs, else its resources."""
    cloudformation = session.client("cloudformation")
    try:
        stacks = cloudformation.describe_stacks(StackName=stack)["Stacks"]
    except ClientError as exc:
        raise DeployedLookupError(f"stack {stack!r}: {_reason(exc)}") from None
    except BotoCoreError as exc:
        raise DeployedLookupError(f"stack {stack!r}: {exc}") from None
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stacks[0].get("Outputs") or []}
    prefix = backend or ""
    pools = {k: v for k, v in outputs.items() if k.startswith(prefix) and k.endswith("UserPoolId")}
    if len(pools) > 1:
        names = ", ".join(sorted(k.removesuffix("UserPoolId") for k in pools))
        raise DeployedLookupError(
            f"stack {stack!r} holds several backends ({names}); choose one with --backend"
        )
    if pools:
        key, pool_id = next(iter(pools.items()))
        client_key = key.removesuffix("UserPoolId") + "UserPoolClientId"
        return pool_id, outputs.get(client_key)
    try:
        resources = cloudformation.describe_stack_resources(StackName=stack)["StackResources"]
    except ClientError as exc:
        raise DeployedLookupError(f"stack {stack!r}: {_reason(exc)}") from None
    found = [
        r["PhysicalResourceId"] for r in resources if r["ResourceType"] == "AWS::Cognito::UserPool"
    ]
    if len(found) != 1:
        raise DeployedLookupError(
            f"stack {stack!r} has {len(found)} user pools and no UserPoolId output; "
            "use --user-pool-id"
        )
    return found[0], None


def fetch(session: Any, pool_id: str, *, risk: bool = False) -> DeployedPool:
    """Read a user pool, every app client and the resource servers through the Cognito
    API; with ``risk``, also its risk configuration for all clients
    (DescribeRiskConfiguration)."""
    cognito = session.client("cognito-idp")
    try:
        pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
        mfa = cognito.get_user_pool_mfa_config(UserPoolId=pool_id)
        groups: list[Mapping[str, Any]] = []
        for page in cognito.get_paginator("list_groups").paginate(UserPoolId=pool_id):
            groups.extend(page["Groups"])
        listed: list[Mapping[str, Any]] = []
        for page in cognito.get_paginator("list_user_pool_clients").paginate(
            UserPoolId=pool_id, MaxResults=60
        ):
            listed.extend(page["UserPoolClients"])
        clients = [
            cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=item["ClientId"])[
                "UserPoolClient"
            ]
            for item in listed
        ]
        servers: list[Mapping[str, Any]] = []
        for page in cognito.get_paginator("list_resource_servers").paginate(
            UserPoolId=pool_id, MaxResults=50
        ):
            servers.extend(page["ResourceServers"])
    except ClientError as exc:
        raise DeployedLookupError(f"user pool {pool_id!r}: {_reason(exc)}") from None
    except BotoCoreError as exc:
        raise DeployedLookupError(f"user pool {pool_id!r}: {exc}") from None
    try:
        providers: list[Mapping[str, Any]] = []
        for page in cognito.get_paginator("list_identity_providers").paginate(UserPoolId=pool_id):
            providers.extend(page["Providers"])
        domain = pool.get("CustomDomain") or pool.get("Domain")
        if domain:
            # The domain must also exist on its own (DescribeUserPoolDomain), not only be
            # named by the pool.
            described = cognito.describe_user_pool_domain(Domain=domain)["DomainDescription"]
            if described.get("UserPoolId") not in (None, pool_id):
                pool = {**pool, "Domain": None, "CustomDomain": None}
    except ClientError as exc:
        raise DeployedLookupError(f"user pool {pool_id!r}: {_reason(exc)}") from None
    except BotoCoreError as exc:
        raise DeployedLookupError(f"user pool {pool_id!r}: {exc}") from None
    return DeployedPool(
        pool=pool,
        mfa=mfa,
        groups=groups,
        providers=providers,
        providers_known=True,
        risk=_risk_configuration(cognito, pool_id) if risk else None,
        clients=clients,
        resource_servers=servers,
    )


def _risk_configuration(cognito: Any, pool_id: str) -> Mapping[str, Any]:
    """The pool's risk configuration for all clients; ``{}`` when threat protection is
    off (Cognito answers UserPoolAddOnNotEnabledException)."""
    try:
        found = cognito.describe_risk_configuration(UserPoolId=pool_id)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") == "UserPoolAddOnNotEnabledException":
            return {}
        raise DeployedLookupError(
            f"risk configuration of user pool {pool_id!r}: {_reason(exc)}"
        ) from None
    except BotoCoreError as exc:
        raise DeployedLookupError(f"risk configuration of user pool {pool_id!r}: {exc}") from None
    return dict(found.get("RiskConfiguration") or {})


def _reason(exc: Any) -> str:
    error = exc.response.get("Error", {})
    code = error.get("Code", "error")
    message = error.get("Message", str(exc))
    if code in ("ResourceNotFoundException", "ValidationError"):
        return f"not found ({message})"
    if code in ("AccessDeniedException", "AccessDenied", "UnrecognizedClientException"):
        return f"no access ({message})"
    return f"{code}: {message}"


def stack_outputs(session: Any, stack: str) -> dict[str, str]:
    """A deployed stack's outputs, by key."""
    try:
        stacks = session.client("cloudformation").describe_stacks(StackName=stack)["Stacks"]
    except ClientError as exc:
        raise DeployedLookupError(f"stack {stack!r}: {_reason(exc)}") from None
    except BotoCoreError as exc:
        raise DeployedLookupError(f"stack {stack!r}: {exc}") from None
    return {str(o["OutputKey"]): str(o["OutputValue"]) for o in stacks[0].get("Outputs") or []}


def fetch_identity_pool(
    session: Any,
    identity_pool_id: str,
    *,
    user_pool_id: str,
    config: AuthConfig,
    groups: list[Mapping[str, Any]],
    client_names: Mapping[str, str],
) -> DeployedIdentityPool:
    """Read an identity pool and its roles through the Cognito identity API, naming its
    clients (``client_names`` from the stack outputs, else the user pool's client names)
    and its group roles (the user pool's groups)."""
    identity = session.client("cognito-identity")
    try:
        pool = identity.describe_identity_pool(IdentityPoolId=identity_pool_id)
        roles = identity.get_identity_pool_roles(IdentityPoolId=identity_pool_id)
    except ClientError as exc:
        raise DeployedLookupError(f"identity pool {identity_pool_id!r}: {_reason(exc)}") from None
    except BotoCoreError as exc:
        raise DeployedLookupError(f"identity pool {identity_pool_id!r}: {exc}") from None
    listed = [str(p.get("ClientId")) for p in pool.get("CognitoIdentityProviders") or []]
    names = dict(client_names)
    if any(client not in names for client in listed):
        clients: list[Mapping[str, Any]] = []
        try:
            for page in (
                session.client("cognito-idp")
                .get_paginator("list_user_pool_clients")
                .paginate(UserPoolId=user_pool_id, MaxResults=60)
            ):
                clients.extend(page["UserPoolClients"])
        except ClientError as exc:
            raise DeployedLookupError(f"user pool {user_pool_id!r}: {_reason(exc)}") from None
        except BotoCoreError as exc:
            raise DeployedLookupError(f"user pool {user_pool_id!r}: {exc}") from None
        names = names_from_pool_clients(clients, config, names, listed)
    return DeployedIdentityPool(
        pool=pool,
        roles=roles,
        client_names=names,
        group_roles={str(g["RoleArn"]): str(g["GroupName"]) for g in groups if g.get("RoleArn")},
    )
