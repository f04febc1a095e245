"""The trust check: no role in the backend trusts Cognito identities without saying
which identity pool (``aud``) and which authentication state (``amr``).

Without ``aud``, any identity pool in any account could hand out credentials for the
role; without ``amr``, guests of this pool could take a signed-in users' role. The
check runs at synthesis over every ``AWS::IAM::Role`` below the backend, also roles
that other code adds there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Final

import jsii
from aws_cdk import Stack
from aws_cdk import aws_iam as iam
from constructs import IValidation, Node

COGNITO_IDENTITY: Final = "cognito-identity.amazonaws.com"
AUD: Final = f"{COGNITO_IDENTITY}:aud"
AMR: Final = f"{COGNITO_IDENTITY}:amr"
AMR_VALUES: Final = ("authenticated", "unauthenticated")
_AMR_OPERATORS: Final = ("ForAnyValue:StringLike", "ForAnyValue:StringEquals")


def trust_problems(document: Any, pool: Any) -> Iterator[str]:
    """What is missing from a resolved trust policy that trusts Cognito identities;
    ``pool`` is the resolved identity pool id (``None`` without an identity pool)."""
    statements = document.get("Statement", []) if isinstance(document, dict) else []
    for statement in statements if isinstance(statements, list) else [statements]:
        if not _trusts_cognito(statement):
            continue
        condition = statement.get("Condition") or {}
        aud = (condition.get("StringEquals") or {}).get(AUD)
        if pool is None:
            yield "trusts cognito-identity.amazonaws.com, but the backend has no identity pool"
        elif aud not in (pool, [pool]):
            yield (
                f"trusts cognito-identity.amazonaws.com without the condition StringEquals "
                f"{AUD} = this identity pool"
            )
        amr = [(condition.get(op) or {}).get(AMR) for op in _AMR_OPERATORS]
        values = [v for v in amr if v is not None]
        if len(values) != 1 or _one(values[0]) not in AMR_VALUES:
            yield (
                f"trusts cognito-identity.amazonaws.com without the condition "
                f"ForAnyValue:StringLike {AMR} = authenticated or unauthenticated"
            )


def _trusts_cognito(statement: Any) -> bool:
    if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
        return False
    principal = statement.get("Principal")
    federated = principal.get("Federated") if isinstance(principal, dict) else None
    names = federated if isinstance(federated, list) else [federated]
    return COGNITO_IDENTITY in names


def _one(value: Any) -> Any:
    if isinstance(value, list) and len(value) == 1:
        return value[0]
    return value


@jsii.implements(IValidation)
class TrustValidation:
    """Refuses, at synthesis, roles below a backend (``node``) with an unconditioned
    Cognito trust; also reports the access policies' size problems (``extra``).

    ``pool_id`` is the backend's identity pool id (a token; ``None`` without one). The
    trust documents and the pool id are resolved in one call into the jsii runtime."""

    def __init__(
        self,
        node: Node,
        stack: Stack,
        pool_id: str | None,
        extra: Callable[[], list[str]] | None = None,
    ) -> None:
        self._node = node
        self._stack = stack
        self._pool_id = pool_id
        self._extra = extra

    def validate(self) -> list[str]:
        roles = [c for c in self._node.find_all() if isinstance(c, iam.CfnRole)]
        resolved = self._stack.resolve(
            [self._pool_id or "", *(role.assume_role_policy_document for role in roles)]
        )
        pool = resolved[0] if self._pool_id is not None else None
        errors: list[str] = []
        for role, document in zip(roles, resolved[1:], strict=True):
            errors.extend(
                f"role {role.node.path}: {found}" for found in trust_problems(document, pool)
            )
        if self._extra is not None:
            errors.extend(self._extra())
        return errors
