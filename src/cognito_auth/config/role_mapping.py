"""How the identity pool picks a signed-in user's role: ``role_mapping_rules``, and the
session tags it sets from token claims: ``principal_tags``."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Annotated, Final, Literal

from pydantic import Field

from cognito_auth.config._base import Model, Problem, problem
from cognito_auth.config.access import AccessContext, principal_problems

MAX_RULES: Final = 25
"""Cognito: at most 25 rules per identity provider."""
MAX_PRINCIPAL_TAGS: Final = 50
"""STS: at most 50 session tags."""
_TAG_KEY = re.compile(r"^[\w .:/=+\-@]{1,128}$")
_CLAIM = r"^[^\s\x00-\x1f\x7f]+$"


class RoleMappingRule(Model):
    """A claim test; the first rule that matches a token decides the role."""

    claim: Annotated[str, Field(min_length=1, max_length=64, pattern=_CLAIM)]
    """The token claim to test, e.g. ``custom:tier`` or ``email``."""
    match_type: Literal["Equals", "Contains", "StartsWith", "NotEqual"]
    """How the claim is compared with ``value``."""
    value: Annotated[str, Field(min_length=1, max_length=128)]
    """The value the claim is compared with."""
    role: str
    """The role a matching user gets: ``authenticated`` or ``group:NAME``."""


def mapping_problems(
    rules: tuple[RoleMappingRule, ...],
    principal_tags: Mapping[str, str],
    context: AccessContext,
) -> Iterator[Problem]:
    """The rules' roles and count, and the tags, against the rest of the configuration."""
    for name, used in (
        ("role_mapping_rules", bool(rules)),
        ("principal_tags", bool(principal_tags)),
    ):
        if used and not context.identity_pool:
            yield problem(
                name,
                f"{name} needs an identity pool, and identity_pool is false",
                received=False,
                allowed="identity_pool: true",
                hint=f"set identity_pool: true, or remove {name}",
                code="needs_identity_pool",
            )
    if len(rules) > MAX_RULES:
        yield problem(
            "role_mapping_rules",
            f"{len(rules)} rules; Cognito allows at most {MAX_RULES}",
            received=len(rules),
            allowed=f"at most {MAX_RULES} rules",
            hint="combine rules, e.g. with StartsWith, or map groups through their precedence",
            code="too_many_rules",
        )
    for index, rule in enumerate(rules):
        for found in principal_problems(rule.role, context, allow_guest=False):
            yield found.prefixed(("role_mapping_rules", index, "role"))
    if len(principal_tags) > MAX_PRINCIPAL_TAGS:
        yield problem(
            "principal_tags",
            f"{len(principal_tags)} tags; a session has at most {MAX_PRINCIPAL_TAGS}",
            received=len(principal_tags),
            allowed=f"at most {MAX_PRINCIPAL_TAGS} tags",
            code="too_many_principal_tags",
        )
    for tag, claim in principal_tags.items():
        if not _TAG_KEY.fullmatch(tag) or tag.lower().startswith("aws:"):
            yield problem(
                ("principal_tags", tag),
                "not a valid session tag key",
                received=tag,
                allowed="1-128 letters, digits, spaces and _.:/=+-@, not starting with aws:",
                code="invalid_tag_key",
            )
        if not 1 <= len(claim) <= 256:
            yield problem(
                ("principal_tags", tag),
                f"the claim name must be 1 to 256 characters long, is {len(claim)}",
                received=claim,
                allowed="a token claim such as custom:department",
                code="invalid_claim_name",
            )
        elif not re.fullmatch(_CLAIM, claim):
            yield problem(
                ("principal_tags", tag),
                "a claim name has no spaces, line breaks or other control characters",
                received=claim,
                allowed="a token claim such as custom:department",
                code="invalid_claim_name",
            )
