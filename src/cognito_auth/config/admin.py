"""Administrative access to the user pool, for functions that manage it.

``AuthBackend.grant_admin(grantee, actions)`` takes coarse actions from
:data:`ADMIN_ACTIONS` or single user pool API actions from
:data:`USER_POOL_ACTIONS`, and grants the exact ``cognito-idp`` actions on the
pool's ARN only.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from typing import Final

from cognito_auth.config._base import Problem, problem

SERVICE: Final = "cognito-idp"

ADMIN_ACTIONS: Final[Mapping[str, tuple[str, ...]]] = {
    "manage_users": (
        "cognito-idp:AdminConfirmSignUp",
        "cognito-idp:AdminCreateUser",
        "cognito-idp:AdminDeleteUser",
        "cognito-idp:AdminDeleteUserAttributes",
        "cognito-idp:AdminDisableUser",
        "cognito-idp:AdminEnableUser",
        "cognito-idp:AdminGetUser",
        "cognito-idp:AdminSetUserMFAPreference",
        "cognito-idp:AdminUpdateUserAttributes",
        "cognito-idp:AdminUserGlobalSignOut",
        "cognito-idp:ListUsers",
    ),
    "manage_groups": (
        "cognito-idp:CreateGroup",
        "cognito-idp:DeleteGroup",
        "cognito-idp:GetGroup",
        "cognito-idp:ListGroups",
        "cognito-idp:UpdateGroup",
    ),
    "manage_group_membership": (
        "cognito-idp:AdminAddUserToGroup",
        "cognito-idp:AdminListGroupsForUser",
        "cognito-idp:AdminRemoveUserFromGroup",
        "cognito-idp:ListUsersInGroup",
    ),
    "manage_user_devices": (
        "cognito-idp:AdminForgetDevice",
        "cognito-idp:AdminGetDevice",
        "cognito-idp:AdminListDevices",
        "cognito-idp:AdminUpdateDeviceStatus",
    ),
    "manage_passwords": (
        "cognito-idp:AdminResetUserPassword",
        "cognito-idp:AdminSetUserPassword",
    ),
    "manage_provider_links": (
        "cognito-idp:AdminDisableProviderForUser",
        "cognito-idp:AdminLinkProviderForUser",
    ),
}
"""The one table from coarse administrative actions to exact ``cognito-idp`` actions."""

USER_POOL_ACTIONS: Final[frozenset[str]] = frozenset(
    f"{SERVICE}:{name}"
    for name in (
        "AddCustomAttributes",
        "AddUserPoolClientSecret",
        "AdminAddUserToGroup",
        "AdminConfirmSignUp",
        "AdminCreateUser",
        "AdminDeleteUser",
        "AdminDeleteUserAttributes",
        "AdminDisableProviderForUser",
        "AdminDisableUser",
        "AdminEnableUser",
        "AdminForgetDevice",
        "AdminGetDevice",
        "AdminGetUser",
        "AdminInitiateAuth",
        "AdminLinkProviderForUser",
        "AdminListDevices",
        "AdminListGroupsForUser",
        "AdminListUserAuthEvents",
        "AdminRemoveUserFromGroup",
        "AdminResetUserPassword",
        "AdminRespondToAuthChallenge",
        "AdminSetUserMFAPreference",
        "AdminSetUserPassword",
        "AdminSetUserSettings",
        "AdminUpdateAuthEventFeedback",
        "AdminUpdateDeviceStatus",
        "AdminUpdateUserAttributes",
        "AdminUserGlobalSignOut",
        "AssociateWebACL",
        "CreateGroup",
        "CreateIdentityProvider",
        "CreateManagedLoginBranding",
        "CreateResourceServer",
        "CreateTerms",
        "CreateUserImportJob",
        "CreateUserPoolClient",
        "CreateUserPoolDomain",
        "DeleteGroup",
        "DeleteIdentityProvider",
        "DeleteManagedLoginBranding",
        "DeleteResourceServer",
        "DeleteTerms",
        "DeleteUserPool",
        "DeleteUserPoolClient",
        "DeleteUserPoolClientSecret",
        "DeleteUserPoolDomain",
        "DescribeIdentityProvider",
        "DescribeManagedLoginBranding",
        "DescribeManagedLoginBrandingByClient",
        "DescribeResourceServer",
        "DescribeRiskConfiguration",
        "DescribeTerms",
        "DescribeUserImportJob",
        "DescribeUserPool",
        "DescribeUserPoolClient",
        "DisassociateWebACL",
        "GetCSVHeader",
        "GetGroup",
        "GetIdentityProviderByIdentifier",
        "GetLogDeliveryConfiguration",
        "GetSigningCertificate",
        "GetUICustomization",
        "GetUserPoolMfaConfig",
        "GetWebACLForResource",
        "ListGroups",
        "ListIdentityProviders",
        "ListResourceServers",
        "ListTagsForResource",
        "ListTerms",
        "ListUserImportJobs",
        "ListUserPoolClientSecrets",
        "ListUserPoolClients",
        "ListUsers",
        "ListUsersInGroup",
        "SetLogDeliveryConfiguration",
        "SetRiskConfiguration",
        "SetUICustomization",
        "SetUserPoolMfaConfig",
        "StartUserImportJob",
        "StopUserImportJob",
        "TagResource",
        "UntagResource",
        "UpdateAuthEventFeedback",
        "UpdateGroup",
        "UpdateIdentityProvider",
        "UpdateManagedLoginBranding",
        "UpdateResourceServer",
        "UpdateTerms",
        "UpdateUserPool",
        "UpdateUserPoolClient",
        "UpdateUserPoolDomain",
    )
)
"""Every ``cognito-idp`` action that IAM authorizes on a user pool ARN (the Service
Authorization Reference's ``userpool`` resource type). Actions not in it either act on
no resource (``ListUserPools``, the users' own token-authorized calls) or on another
type, so a grant on the pool's ARN would not allow them."""


def admin_actions(requested: Iterable[str]) -> tuple[tuple[str, ...], list[Problem]]:
    """Expand coarse actions; return the exact actions (sorted, unique) and the problems,
    each at the index of the bad entry."""
    exact: set[str] = set()
    problems: list[Problem] = []
    items = list(requested)
    if not items:
        problems.append(
            problem(
                (),
                "no actions given",
                received=[],
                allowed="coarse actions (" + ", ".join(ADMIN_ACTIONS) + ") or cognito-idp actions",
                code="empty",
            )
        )
    for index, action in enumerate(items):
        found = list(_problems(action))
        problems.extend(p.prefixed((index,)) for p in found)
        if not found:
            exact.update(ADMIN_ACTIONS.get(action, (action,)))
    return tuple(sorted(exact)), problems


def _problems(action: object) -> Iterator[Problem]:
    allowed = "a coarse action (" + ", ".join(ADMIN_ACTIONS) + ") or a user pool API action"
    if not isinstance(action, str):
        yield problem(
            (), "not an action name", received=repr(action), allowed=allowed, code="not_an_action"
        )
        return
    if action in ADMIN_ACTIONS or action in USER_POOL_ACTIONS:
        return
    if "*" in action or "?" in action:
        yield problem(
            (),
            "wildcard actions are refused",
            received=action,
            allowed=allowed,
            hint="name the coarse action or the exact API actions the function calls",
            code="wildcard_action",
        )
        return
    if ":" in action and not action.startswith(f"{SERVICE}:"):
        yield problem(
            (),
            "grant_admin grants on the user pool only",
            received=action,
            allowed=allowed,
            hint="grant other services' actions with iam.Grant or the resource's grant_* methods",
            code="action_outside_user_pool",
        )
        return
    candidates = [*ADMIN_ACTIONS, *sorted(USER_POOL_ACTIONS)]
    close = difflib.get_close_matches(action, candidates, n=1)
    if action.startswith(f"{SERVICE}:"):
        message = f"{action!r} is not an action IAM authorizes on a user pool"
    else:
        message = f"unknown action {action!r}"
    yield problem(
        (),
        message,
        received=action,
        allowed=allowed,
        hint=f"did you mean {close[0]!r}?" if close else None,
        code="unknown_action",
    )
