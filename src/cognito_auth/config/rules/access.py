"""Access rules, role mapping rules, principal tags and the size of the policies they make."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cognito_auth.config.access import access_problems
from cognito_auth.config.claims import claim_problems
from cognito_auth.config.policies import size_problems
from cognito_auth.config.role_mapping import mapping_problems
from cognito_auth.errors import Problem

if TYPE_CHECKING:
    from cognito_auth.config.root import AuthConfig

__all__ = ["check"]


def check(config: AuthConfig) -> Iterator[Problem]:
    context = config.access_context
    found = [
        *access_problems(config.access, config.storage, context),
        *mapping_problems(config.role_mapping_rules, config.principal_tags, context),
        *claim_problems(config),
    ]
    yield from found
    if not found and (config.access or config.storage):
        yield from size_problems(config.access_plan, "storage" if not config.access else "access")
