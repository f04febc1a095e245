"""User groups: ``groups``."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from cognito_auth.config._base import Model

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
    takes access away (Amplify's group roles lose it). Default: inherits."""


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
