"""The trust check: no role in the backend trusts Cognito identities without saying
which identity pool (``aud``) and which authentication state (``amr``).

Without ``aud``, any identity pool in any account could hand out credentials for the
role; without ``amr``, guests of this pool could take a signed-in users' role. The
check runs at synthesis over every ``AWS::IAM::Role`` below the backend, also roles
that other code adds there.
"""

from __future__ import annotations

import weakref
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
    """Refuses, at synthesis, roles below a backend with an unconditioned Cognito trust;
    also reports the backends' access policy size problems.

    One per stack (:func:`for_stack`), registered on the stack, covering every backend of
    the stack (:meth:`add`): registering a validation, and every call it makes at
    synthesis, is a round trip to the jsii runtime. The trust documents and the identity
    pool ids of all the stack's backends are resolved in one call."""

    def __init__(self, stack: Stack) -> None:
        self._stack = stack
        self._backends: list[tuple[Node, str | None, Callable[[], list[str]] | None]] = []

    def add(
        self, node: Node, pool_id: str | None, extra: Callable[[], list[str]] | None = None
    ) -> None:
        """Check the roles below ``node`` against ``pool_id`` (the backend's identity pool
        id, a token; ``None`` without one), and report ``extra()``."""
        self._backends.append((node, pool_id, extra))

    def validate(self) -> list[str]:
        found = [
            [c for c in node.find_all() if isinstance(c, iam.CfnRole)]
            for node, _, _ in self._backends
        ]
        values: list[Any] = []
        for (_, pool_id, _), roles in zip(self._backends, found, strict=True):
            values.append(pool_id or "")
            values.extend(role.assume_role_policy_document for role in roles)
        resolved = iter(self._stack.resolve(values) if values else [])
        errors: list[str] = []
        for (_, pool_id, extra), roles in zip(self._backends, found, strict=True):
            pool = next(resolved)
            for role in roles:
                document = next(resolved)
                errors.extend(
                    f"role {role.node.path}: {problem}"
                    for problem in trust_problems(document, pool if pool_id is not None else None)
                )
            if extra is not None:
                errors.extend(extra())
        return errors


_BY_STACK: weakref.WeakKeyDictionary[Stack, TrustValidation] = weakref.WeakKeyDictionary()


def for_stack(stack: Stack) -> TrustValidation:
    """The stack's trust check, registered on the stack the first time."""
    found = _BY_STACK.get(stack)
    if found is None:
        found = TrustValidation(stack)
        stack.node.add_validation(found)
        _BY_STACK[stack] = found
    return found
