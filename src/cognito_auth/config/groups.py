"""User groups: ``groups``."""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import Field, model_validator

from cognito_auth.config._base import Model, problem, raise_problems
from cognito_auth.config.senders import ROLE_ARN_PATTERN

GROUP_NAME_PATTERN = r"^[^\s\x00-\x1f\x7f]+$"
"""Cognito: letters, marks, symbols, digits and punctuation; no spaces."""


GroupName = Annotated[str, Field(min_length=1, max_length=128, pattern=GROUP_NAME_PATTERN)]
"""A group's name, in a group's mapping or alone in the list of groups."""


class Group(Model):
    """A user group, with its own IAM role on the identity pool."""

    name: GroupName
    """Group name: 1-128 characters without spaces. Renaming a group replaces it: its
    members are lost."""
    precedence: Annotated[int | None, Field(ge=0, le=2_147_483_647)] = None
    """Lower wins when a user is in several groups: that group's role is the one in the
    token. Default: the group's position in the list (0 for the first)."""
    description: Annotated[str | None, Field(max_length=2048)] = None
    """Free text shown in the console. Default: none."""
    inherit_authenticated_access: bool = True
    """The group's role also gets everything signed-in users get, so joining a group never
    takes access away (Amplify's group roles lose it). Default: inherits. A group with
    ``role_arn`` keeps that role as it is: nothing is added to it."""
    role_arn: Annotated[str | None, Field(pattern=ROLE_ARN_PATTERN)] = None
    """An existing IAM role for the group's members (the ``cognito:preferred_role`` of
    their tokens), kept as it is instead of the role the backend creates for the group.
    ``cognito-auth adopt`` writes a group's current role here, so that taking a pool over
    changes no member's access; remove it (a normal deploy) to switch the group to the
    backend's own role, after writing the old role's permissions as ``access`` rules.
    ``access`` and ``storage`` cannot grant to such a group (its role is not the
    backend's). Default: with an identity pool, the backend creates the group's role;
    without one, the group has no role."""
    iam_role: bool = True
    """``false``: the group has no IAM role, with or without an identity pool; its members
    get the authenticated role, and the group still shows in their tokens'
    ``cognito:groups``. ``cognito-auth adopt`` writes it for a group that had no role, so
    that the import changes nothing; remove it to give the group the backend's role.
    Default: the group gets a role (the backend's, or ``role_arn``) with an identity pool."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.role_arn is not None and not self.iam_role:
            raise_problems(
                [
                    problem(
                        "iam_role",
                        "a group with role_arn has that role: iam_role cannot be false",
                        received=False,
                        allowed="true (or leave it out) with role_arn",
                        hint="remove iam_role: false, or remove role_arn",
                        code="group_role_conflict",
                    )
                ]
            )
        return self


def groups_input(value: Any) -> Any:
    """Accept plain names and fill the precedence from the position in the list."""
    if not isinstance(value, list | tuple):
        return value
    out: list[Any] = []
    for index, item in enumerate(value):
        if isinstance(item, str):
            out.append({"name": item, "precedence": index})
        elif isinstance(item, dict) and "precedence" not in item:
            out.append({**item, "precedence": index})
        else:
            out.append(item)
    return out
