"""How the identity pool picks a signed-in user's role: ``role_mapping_rules``, and the
session tags it sets from token claims: ``principal_tags``."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Annotated, Final, Literal

from pydantic import Field

from cognito_auth.config._base import Model, Problem, problem
from cognito_auth.config._patterns import InSchema, any_case
from cognito_auth.config.access import SIGNED_IN_PRINCIPAL_FORMS, AccessContext, principal_problems

MAX_RULES: Final = 25
"""Cognito: at most 25 rules per identity provider."""
MAX_PRINCIPAL_TAGS: Final = 50
"""STS: at most 50 session tags."""
_CLAIM = r"^[^\s\x00-\x1f\x7f]+$"
_TAG_KEY = re.compile(r"^[\w .:/=+\-@]{1,128}$")
_TAG_KEY_LENGTH = (1, 128)
_RESERVED_TAG_PREFIX = "aws:"
_NOT_RESERVED_TAG = re.compile(
    rf"^(?!{any_case(_RESERVED_TAG_PREFIX)}).{{{_TAG_KEY_LENGTH[0]},{_TAG_KEY_LENGTH[1]}}}$"
)
"""A tag key's length, and not the reserved prefix (in any case)."""
_CLAIM_LENGTH = (1, 256)
TagKey = Annotated[
    str,
    InSchema((_NOT_RESERVED_TAG,)),
]
"""A session tag's key. The schema checks its length and the reserved prefix; its
characters (Unicode letters: ``\\w``) only validate checks."""
Claim = Annotated[
    str, InSchema((_CLAIM,), min_length=_CLAIM_LENGTH[0], max_length=_CLAIM_LENGTH[1])
]


class RoleMappingRule(Model):
    """A claim test; the first rule that matches a token decides the role."""

    claim: Annotated[str, Field(min_length=1, max_length=64, pattern=_CLAIM)]
    """The token claim to test, e.g. ``custom:tier`` or ``email``."""
    match_type: Literal["Equals", "Contains", "StartsWith", "NotEqual"]
    """How the claim is compared with ``value``."""
    value: Annotated[str, Field(min_length=1, max_length=128)]
    """The value the claim is compared with."""
    role: Annotated[str, InSchema((SIGNED_IN_PRINCIPAL_FORMS,))]
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
        for found in principal_problems(rule.role, context, allow_guest=False, grants=False):
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
        if not _TAG_KEY.fullmatch(tag) or not _NOT_RESERVED_TAG.fullmatch(tag):
            yield problem(
                ("principal_tags", tag),
                "not a valid session tag key",
                received=tag,
                allowed="1-128 letters, digits, spaces and _.:/=+-@, not starting with aws:",
                code="invalid_tag_key",
            )
        if not _CLAIM_LENGTH[0] <= len(claim) <= _CLAIM_LENGTH[1]:
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
