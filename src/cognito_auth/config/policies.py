"""From ``access`` rules and the ``storage`` preset to IAM policy statements.

Pure data in, plain JSON-like statements out, so that the configuration can be
checked against IAM's size limits before anything is built:

1. Every rule and storage grant is broken into *atoms*: one action on one resource
   (``s3:ListBucket`` atoms also carry their ``s3:prefix``).
2. A group role that inherits the authenticated access already has the authenticated
   atoms: they are dropped from the group's own statements.
3. The atoms are merged back into few statements: each resource gets the set of
   actions granted on it, and resources with the same set of actions share one
   statement. ``s3:ListBucket`` on a bucket becomes one statement whose ``s3:prefix``
   condition lists every allowed prefix.
4. Statements are packed, in order, into managed policy documents of at most
   :data:`MANAGED_POLICY_MAX` characters; a role has at most
   :data:`MANAGED_POLICIES_PER_ROLE` of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

from cognito_auth.config._base import Problem, problem
from cognito_auth.config.access import (
    AUTHENTICATED,
    GROUP_PREFIX,
    GUEST,
    S3_VERBS,
    AccessRule,
    StorageAccess,
    storage_prefix,
    with_identity_variable,
)

Statement = dict[str, Any]

MANAGED_POLICY_MAX: Final = 6144
"""IAM: characters in one managed policy document, white space not counted."""
MANAGED_POLICIES_PER_ROLE: Final = 10
"""IAM's default quota of managed policies attached to one role."""
LIST_ACTION: Final = "s3:ListBucket"
PREFIX_KEY: Final = "s3:prefix"
_DOCUMENT_OVERHEAD: Final = len('{"Version":"2012-10-17","Statement":[]}')


@dataclass(frozen=True)
class Atom:
    """One action on one resource; ``prefix`` limits ``s3:ListBucket`` to a key prefix."""

    action: str
    resource: str
    prefix: str | None = None


def rule_atoms(rule: AccessRule) -> Iterator[tuple[str, Atom]]:
    """``(principal, atom)`` for every principal, action and resource of a rule."""
    for principal in dict.fromkeys(rule.principals):
        for resource in rule.resources:
            if rule.s3_prefixes is not None:  # s3:ListBucket under these prefixes only
                for given in rule.s3_prefixes:
                    prefix = storage_prefix(f"{given}*")
                    for listed in (f"{prefix}*", prefix):
                        yield principal, Atom(LIST_ACTION, resource, listed)
                continue
            for action in rule.actions:
                yield principal, Atom(action, with_identity_variable(resource))


def storage_atoms(storage: StorageAccess) -> Iterator[tuple[str, Atom]]:
    """``(principal, atom)`` for every path, principal and verb of the storage preset."""
    for path, grants in storage.paths.items():
        prefix = storage_prefix(path)
        for principal, verbs in grants.items():
            for verb in verbs:
                granted = S3_VERBS[verb]
                for action in granted.actions:
                    if granted.on == "bucket":
                        for listed in (f"{prefix}*", prefix):
                            yield principal, Atom(action, storage.bucket_arn, listed)
                    else:
                        yield principal, Atom(action, f"{storage.bucket_arn}/{prefix}*")


def merge(atoms: Iterable[Atom]) -> list[Statement]:
    """Few statements granting exactly the atoms (order: first appearance)."""
    plain: dict[str, dict[str, None]] = {}
    listed: dict[str, dict[str, None]] = {}
    for atom in atoms:
        if atom.prefix is not None:
            listed.setdefault(atom.resource, {})[atom.prefix] = None
        else:
            plain.setdefault(atom.resource, {})[atom.action] = None
    by_actions: dict[tuple[str, ...], list[str]] = {}
    for resource, actions in plain.items():
        by_actions.setdefault(tuple(sorted(actions)), []).append(resource)
    statements: list[Statement] = [
        {"Effect": "Allow", "Action": list(actions), "Resource": resources}
        for actions, resources in by_actions.items()
    ]
    statements.extend(
        {
            "Effect": "Allow",
            "Action": [LIST_ACTION],
            "Resource": [bucket],
            "Condition": {"StringLike": {PREFIX_KEY: sorted(prefixes)}},
        }
        for bucket, prefixes in listed.items()
    )
    return statements


def size(value: Any) -> int:
    """Characters of ``value`` as compact JSON: what IAM counts (it ignores white space)."""
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False))


def document_size(sizes: Iterable[int]) -> int:
    """Characters of a policy document holding statements of these sizes."""
    counted = list(sizes)
    return _DOCUMENT_OVERHEAD + sum(counted) + max(len(counted) - 1, 0)


def fit(statement: Statement, limit: int = MANAGED_POLICY_MAX) -> list[Statement]:
    """``statement`` split into statements that each fit a document of ``limit``
    characters: its resources cut into runs that fill a document, then its ``s3:prefix``
    values, then its actions."""
    if document_size([size(statement)]) <= limit:
        return [statement]
    condition = statement.get("Condition")
    prefixes = condition["StringLike"][PREFIX_KEY] if condition else []
    for key, values in (
        ("Resource", statement["Resource"]),
        ("Prefix", prefixes),
        ("Action", statement["Action"]),
    ):
        if len(values) > 1:

            def with_values(part: list[str], key: str = key) -> Statement:
                if key == "Prefix":
                    return {**statement, "Condition": {"StringLike": {PREFIX_KEY: part}}}
                return {**statement, key: part}

            runs: list[list[str]] = [[]]
            for value in values:
                candidate = with_values([*runs[-1], value])
                if runs[-1] and document_size([size(candidate)]) > limit:
                    runs.append([])
                runs[-1].append(value)
            return [piece for run in runs for piece in fit(with_values(run), limit)]
    # One action on one resource: a few thousand characters at most, always fits.
    return [statement]  # pragma: no cover - resources and actions are length-checked


def pack(sizes: Sequence[int], limit: int = MANAGED_POLICY_MAX) -> list[list[int]]:
    """Indices of statements per document: in order, a new document when one is full."""
    documents: list[list[int]] = []
    current: list[int] = []
    for index, statement in enumerate(sizes):
        if current and document_size([*(sizes[i] for i in current), statement]) > limit:
            documents.append(current)
            current = []
        current.append(index)
    if current:
        documents.append(current)
    return documents


@dataclass(frozen=True)
class AccessPlan:
    """The statements each principal's generated policies hold."""

    statements: dict[str, list[Statement]]
    """By principal (``authenticated``, ``guest``, ``group:NAME``), only non-empty ones."""
    inheriting: tuple[str, ...]
    """Group principals whose roles also get the authenticated statements."""

    def documents(self, principal: str) -> int:
        found = self.statements.get(principal, [])
        return len(pack([size(s) for s in found]))

    def role_documents(self, principal: str) -> int:
        """Managed policies attached to the role of ``principal``."""
        own = self.documents(principal)
        if principal in self.inheriting:
            own += self.documents(AUTHENTICATED)
        return own


def plan(
    access: Iterable[AccessRule],
    storage: StorageAccess | None,
    *,
    inheriting: Iterable[str],
) -> AccessPlan:
    """Statements per principal; ``inheriting`` holds the group *names* that inherit."""
    by_principal: dict[str, dict[Atom, None]] = {}
    pairs: list[tuple[str, Atom]] = []
    for rule in access:
        pairs.extend(rule_atoms(rule))
    if storage is not None:
        pairs.extend(storage_atoms(storage))
    for principal, atom in pairs:
        by_principal.setdefault(principal, {})[atom] = None
    inherited = tuple(f"{GROUP_PREFIX}{name}" for name in inheriting)
    base = by_principal.get(AUTHENTICATED, {})
    statements: dict[str, list[Statement]] = {}
    for principal, atoms in by_principal.items():
        own = [a for a in atoms if not (principal in inherited and a in base)]
        merged = [piece for statement in merge(own) for piece in fit(statement)]
        if merged:
            statements[principal] = merged
    return AccessPlan(statements, inherited)


def size_problems(found: AccessPlan, location: str = "access") -> Iterator[Problem]:
    """Roles that would need more managed policies than IAM attaches by default."""
    for principal in sorted({AUTHENTICATED, GUEST, *found.statements, *found.inheriting}):
        count = found.role_documents(principal)
        if count > MANAGED_POLICIES_PER_ROLE:
            yield problem(
                location,
                f"the access of {principal} needs {count} managed policies of "
                f"{MANAGED_POLICY_MAX:,} characters; IAM attaches at most "
                f"{MANAGED_POLICIES_PER_ROLE} to a role",
                received=f"{count} policies",
                allowed=f"at most {MANAGED_POLICIES_PER_ROLE} policies per role",
                hint="grant whole prefixes (one path with /*) instead of many single "
                "resources, or set inherit_authenticated_access: false on groups that "
                "need less",
                code="too_many_policies",
            )
