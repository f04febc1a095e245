"""Names shared by the constructs and the guard, with no aws_cdk import.

The guard records the logical ids of the stateful resources in the lock file
without synthesizing anything, so how a construct is named and how its logical
id is computed must be computable in plain Python.
"""

from __future__ import annotations

import hashlib
import re

_HIDDEN = "Default"
_HIDDEN_FROM_HUMAN = "Resource"
_MAX_HUMAN = 240
_NON_ALNUM = re.compile(r"[^A-Za-z0-9]")

USER_POOL = "UserPool"
"""Construct id (and pinned logical-id name) of the user pool (generation 1)."""
IDENTITY_POOL = "IdentityPool"
"""Construct id (and pinned logical-id name) of the identity pool."""
DOMAIN = "UserPoolDomain"
"""Construct id (and pinned logical-id name) of the hosted sign-in domain."""

# --- physical names (what Cognito knows the resources by) ---------------------------------

USER_POOL_NAME_SUFFIX = "-user-pool"


def user_pool_name(name: str | None) -> str | None:
    """``shop`` -> ``shop-user-pool``: the user pool's name; ``None`` (the CDK names it)
    without a configuration name."""
    return f"{name}{USER_POOL_NAME_SUFFIX}" if name else None


def client_physical_name(name: str | None, client: str) -> str:
    """``shop``, ``web`` -> ``shop-web``: the name Cognito knows an app client by; the
    client's own name without a configuration name."""
    return f"{name}-{client}" if name else client


def identity_pool_name(name: str | None) -> str | None:
    """``my-shop`` -> ``my_shop_identity_pool`` (identity pool names allow letters,
    digits, spaces and ``_`` only); ``None`` (the CDK names it) without a configuration
    name."""
    return name.replace("-", "_") + "_identity_pool" if name else None


# --- construct ids --------------------------------------------------------------------------


def construct_key(name: str) -> str:
    """A construct-id-safe, stable key for a user-given name (group, provider, client)."""
    clean = "".join(ch for ch in name if ch.isalnum() and ch.isascii())[:40]
    if clean == name:
        return clean
    return f"{clean}{hashlib.sha256(name.encode()).hexdigest()[:6]}"


def client_construct_id(name: str) -> str:
    """``web`` -> ``WebClient``: the construct id (and pinned logical-id name) of a client."""
    key = construct_key(name)
    return f"{key[:1].upper()}{key[1:]}Client"


def resource_server_construct_id(identifier: str) -> str:
    """``https://api.example.com`` -> ``ResourceServerhttpsapiexamplecom1a2b3c``: the
    construct id (and pinned logical-id name) of a resource server."""
    return f"ResourceServer{construct_key(identifier)}"


def client_output_name(name: str) -> str:
    """``admin`` -> ``AppClientAdminId``: the stack output (after the backend's key) that
    holds the id of a client other than the default one."""
    key = construct_key(name)
    return f"AppClient{key[:1].upper()}{key[1:]}Id"


def user_pool_construct_id(generation: int = 1) -> str:
    """``UserPool``; ``UserPoolV2``... after a deliberate replacement of the pool."""
    return USER_POOL if generation <= 1 else f"{USER_POOL}V{generation}"


def cdk_logical_id(components: list[str]) -> str:
    """The logical id the CDK gives an element at this stack-relative path.

    The same algorithm as aws-cdk-lib's ``makeUniqueId``: the path's components
    without ``Default``, made alphanumeric (``Resource`` left out of the human part),
    plus the first 8 hex digits of the MD5 of the full path.
    """
    parts = [c for c in components if c != _HIDDEN]
    if not parts:
        raise ValueError("a logical id needs at least one path component")
    if len(parts) == 1:
        candidate = _NON_ALNUM.sub("", parts[0])
        if len(candidate) <= 255:
            return candidate
    digest = hashlib.md5("/".join(parts).encode(), usedforsecurity=False).hexdigest()
    human: list[str] = []
    for part in parts:
        if part == _HIDDEN_FROM_HUMAN:
            continue
        if human and human[-1] == part:
            continue
        human.append(part)
    return "".join(_NON_ALNUM.sub("", p) for p in human)[:_MAX_HUMAN] + digest[:8].upper()


def pinned_logical_id(backend_path: list[str], resource: str) -> str:
    """The pinned logical id of a backend's stateful resource (e.g. ``UserPool``), from the
    backend's stack-relative path."""
    return cdk_logical_id([*backend_path, resource, _HIDDEN_FROM_HUMAN])


def log_group_id(stream: str) -> str:
    """``user_notification`` -> ``UserNotificationLogs``: the construct id (and pinned
    logical-id name) of the log group of an auth event log stream."""
    return "".join(part.title() for part in stream.split("_")) + "Logs"


def group_construct_id(name: str) -> str:
    """``admins`` -> ``Groupadmins``: the construct id (and pinned logical-id name) of a
    group."""
    return f"Group{construct_key(name)}"


SOCIAL_PROVIDER_IDS = {
    "Google": "GoogleProvider",
    "Facebook": "FacebookProvider",
    "LoginWithAmazon": "AmazonProvider",
    "SignInWithApple": "AppleProvider",
}
"""Cognito's provider type of a social provider -> its construct id."""


def provider_construct_id(provider_type: str, name: str) -> str:
    """The construct id (and pinned logical-id name) of an identity provider, from
    Cognito's ``ProviderType`` (``Google``... ``OIDC``, ``SAML``) and its name."""
    if provider_type in SOCIAL_PROVIDER_IDS:
        return SOCIAL_PROVIDER_IDS[provider_type]
    kind = {"OIDC": "Oidc", "SAML": "Saml"}[provider_type]
    return f"{kind}Provider{construct_key(name)}"
