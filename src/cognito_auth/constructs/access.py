"""The identity pool roles' access: generated managed policies, shared with inheriting
group roles.

Every permission given to an identity pool role lands in customer managed policies
of that role's principal (``AuthenticatedAccess``, ``GuestAccess``,
``Group<NAME>Access``, then ``...Access2`` and on when one is full): the
configuration's ``access`` and ``storage``, ``AuthBackend.grant_access``, and
also any CDK grant on the role (``bucket.grant_read(auth.authenticated_role)``),
because the roles route ``add_to_principal_policy`` here. The authenticated
policies are attached to every group role that inherits the authenticated access,
and so are managed and inline policies attached to the authenticated role later:
a group adds permissions and never takes any away.

Managed policies rather than the roles' inline policies: a role's inline policies
share 10,240 characters, while each managed policy holds 6,144 and a role takes
ten; and one managed policy can be attached to the authenticated role and every
inheriting group role without being copied.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from aws_cdk import Stack
from aws_cdk import aws_iam as iam
from constructs import Construct

from cognito_auth.config.access import AUTHENTICATED
from cognito_auth.config.policies import (
    MANAGED_POLICIES_PER_ROLE,
    MANAGED_POLICY_MAX,
    Statement,
    document_size,
)
from cognito_auth.config.principals import Principal
from cognito_auth.constructs.identity_pool import describe_name
from cognito_auth.constructs.nag import acknowledge_object_prefixes
from cognito_auth.naming import construct_key

TOKEN_ESTIMATE: Final = 160
"""Characters assumed for a CloudFormation reference whose value is known only at deploy
(an ARN, a name): more than a bucket, function or user pool ARN takes."""
_PSEUDO_LENGTHS: Final[Mapping[str, int]] = {
    "AWS::AccountId": 12,
    "AWS::Partition": 10,
    "AWS::Region": 16,
    "AWS::URLSuffix": 16,
    "AWS::StackName": 128,
    "AWS::StackId": 160,
}


class AccessRole(iam.Role):
    """An identity pool role whose permissions go to its principal's access policies.

    Grants on it (``add_to_principal_policy``, ``grant_*`` of other constructs), and for
    the authenticated role also ``add_managed_policy`` and ``attach_inline_policy``,
    reach the group roles that inherit the authenticated access.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        access: AccessPolicies,
        principal: str,
        **role_props: Any,
    ) -> None:
        # Set before the role exists: jsii routes overridden methods here from the start.
        self._access = access
        self._principal = principal
        super().__init__(scope, id, **role_props)
        access.register(principal, self)

    @property
    def principal(self) -> str:
        """``authenticated``, ``guest`` or ``group:NAME``."""
        return self._principal

    def add_to_principal_policy(
        self, statement: iam.PolicyStatement
    ) -> iam.AddToPrincipalPolicyResult:
        policy = self._access.add(self._principal, statement)
        return iam.AddToPrincipalPolicyResult(statement_added=True, policy_dependable=policy)

    def add_managed_policy(self, policy: iam.IManagedPolicy) -> None:
        super().add_managed_policy(policy)
        self._access.managed_policy_added(self._principal, policy)

    def attach_inline_policy(self, policy: iam.Policy) -> None:
        super().attach_inline_policy(policy)
        self._access.inline_policy_attached(self._principal, policy)


@dataclass
class _Document:
    policy: iam.ManagedPolicy
    sizes: list[int] = field(default_factory=list)


class AccessPolicies:
    """The managed policies of each principal, packed as statements arrive."""

    def __init__(self, scope: Construct, *, inheriting: Iterable[str]) -> None:
        self._scope = scope
        self._inheriting = tuple(inheriting)
        self._roles: dict[str, AccessRole] = {}
        self._documents: dict[str, list[_Document]] = {}
        self._other_managed: dict[str, list[iam.IManagedPolicy]] = {}

    # --- roles ----------------------------------------------------------------------

    def make_role(self, id: str, principal: str, **role_props: Any) -> AccessRole:
        """The role of ``principal``, created in the backend's scope."""
        return AccessRole(self._scope, id, access=self, principal=principal, **role_props)

    def register(self, principal: str, role: AccessRole) -> None:
        self._roles[principal] = role
        if principal in self._inheriting:
            for document in self._documents.get(AUTHENTICATED, []):
                document.policy.attach_to_role(role)

    def role(self, principal: str) -> AccessRole | None:
        return self._roles.get(principal)

    @property
    def roles(self) -> Mapping[str, AccessRole]:
        return self._roles

    def _receivers(self, principal: str) -> list[AccessRole]:
        """The roles that get ``principal``'s access: its own, plus the inheriting group
        roles for ``authenticated``."""
        roles = [self._roles[principal]]
        if principal == AUTHENTICATED:
            roles.extend(self._roles[p] for p in self._inheriting if p in self._roles)
        return roles

    def managed_policy_added(self, principal: str, policy: iam.IManagedPolicy) -> None:
        self._other_managed.setdefault(principal, []).append(policy)
        if principal == AUTHENTICATED:
            for role in self._receivers(principal)[1:]:
                role.add_managed_policy(policy)

    def inline_policy_attached(self, principal: str, policy: iam.Policy) -> None:
        if principal == AUTHENTICATED:
            for role in self._receivers(principal)[1:]:
                policy.attach_to_role(role)

    # --- statements -----------------------------------------------------------------

    def add_json(self, principal: str, statement: Statement) -> iam.ManagedPolicy:
        """Add a statement that cognito-auth validated (``access``, ``storage``,
        ``grant_access``): exact actions, so its key-prefix wildcards are acknowledged for
        cdk-nag."""
        policy = self.add(principal, iam.PolicyStatement.from_json(statement))
        resources = statement.get("Resource", [])
        acknowledge_object_prefixes(
            policy, [resources] if isinstance(resources, str) else resources
        )
        return policy

    def add(self, principal: str, statement: iam.PolicyStatement) -> iam.ManagedPolicy:
        """Put ``statement`` in ``principal``'s last policy, or a new one when it is full."""
        rendered = Stack.of(self._scope).resolve(statement.to_statement_json())
        statement_size = estimated_size(rendered)
        documents = self._documents.setdefault(principal, [])
        if documents:
            last = documents[-1]
            if document_size([*last.sizes, statement_size]) <= MANAGED_POLICY_MAX:
                last.policy.add_statements(statement)
                last.sizes.append(statement_size)
                return last.policy
        number = len(documents) + 1
        policy = iam.ManagedPolicy(
            self._scope,
            f"{_label(principal)}Access{number if number > 1 else ''}",
            description=f"{_describe(principal)}, generated by cognito-auth"
            + (f" (part {number})" if number > 1 else ""),
            statements=[statement],
            roles=self._receivers(principal),
        )
        documents.append(_Document(policy, [statement_size]))
        return policy

    def policies(self, principal: str) -> list[iam.ManagedPolicy]:
        return [d.policy for d in self._documents.get(principal, [])]

    # --- checks at synthesis --------------------------------------------------------

    def problems(self) -> list[str]:
        """Policies over IAM's size, and roles with more managed policies than IAM's
        default quota."""
        out: list[str] = []
        for principal, documents in self._documents.items():
            for document in documents:
                total = document_size(document.sizes)
                if total > MANAGED_POLICY_MAX:
                    out.append(
                        f"the access policy {document.policy.node.path} of {principal} is "
                        f"about {total:,} characters; IAM allows {MANAGED_POLICY_MAX:,}: "
                        "split the grant into several smaller ones"
                    )
        for principal, role in self._roles.items():
            count = len(self._attached(principal))
            if count > MANAGED_POLICIES_PER_ROLE:
                out.append(
                    f"the role of {principal} ({role.node.path}) has {count} managed "
                    f"policies; IAM attaches at most {MANAGED_POLICIES_PER_ROLE} by default: "
                    "grant whole prefixes instead of many single resources"
                )
        return out

    def _attached(self, principal: str) -> list[object]:
        attached: list[object] = [*self.policies(principal)]
        attached.extend(self._other_managed.get(principal, []))
        if principal in self._inheriting:
            attached.extend(self.policies(AUTHENTICATED))
        return attached


def _label(principal: str) -> str:
    parsed = Principal.parse(principal)
    if parsed is not None and parsed.kind == "group":
        return f"Group{construct_key(parsed.group)}"
    return principal.capitalize()


def _describe(principal: str) -> str:
    parsed = Principal.parse(principal)
    if parsed is None or parsed.kind == "group":
        group = parsed.group if parsed is not None else principal
        return f"Access of the members of group {describe_name(group)}"
    if parsed.kind == "authenticated":
        return "Access of signed-in users"
    return "Access of guests"


def estimated_size(value: Any) -> int:
    """Characters of a resolved statement as compact JSON, counting each CloudFormation
    reference as the value it may become."""
    if isinstance(value, str):
        return len(json.dumps(value, ensure_ascii=False))
    if isinstance(value, list):
        return 2 + sum(estimated_size(v) for v in value) + max(len(value) - 1, 0)
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, inner),) = value.items()
            if key == "Ref" and isinstance(inner, str):
                return 2 + _PSEUDO_LENGTHS.get(inner, TOKEN_ESTIMATE)
            if key == "Fn::Join" and isinstance(inner, list) and len(inner) == 2:
                separator, parts = inner
                return 2 + sum(_raw(p) for p in parts) + len(separator) * max(len(parts) - 1, 0)
            if key.startswith("Fn::"):
                return 2 + TOKEN_ESTIMATE
        return (
            2
            + sum(len(json.dumps(k)) + 1 + estimated_size(v) for k, v in value.items())
            + max(len(value) - 1, 0)
        )
    return len(json.dumps(value))


def _raw(part: Any) -> int:
    """Characters of one part of a joined string, without quotes."""
    return estimated_size(part) - 2 if isinstance(part, str | dict) else estimated_size(part)
