"""``migrate_users_from``: the user pool whose users move into this one at their next
sign-in, through the managed ``user_migration`` trigger
(:mod:`cognito_auth.functions.user_migration`).

The old pool is named by its id and one of its app clients. The client must allow
``ADMIN_USER_PASSWORD_AUTH`` and have no secret: the function proves each user's password
with ``AdminInitiateAuth`` and may call nothing else that a secret would need (its role
allows only ``AdminInitiateAuth``, ``AdminGetUser`` and ``ListUsers`` on the old pool).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from cognito_auth.config._base import Model, Problem, problem, raise_problems
from cognito_auth.config._patterns import InSchema
from cognito_auth.errors import RULES_ERROR

__all__ = ["MigrateUsersFrom", "migration_input"]

REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-[0-9]$")
"""An AWS region name (``us-east-1``, ``eu-central-1``, ``us-gov-west-1``)."""
USER_POOL_ID = re.compile(r"^(?P<region>[a-z]{2}(-[a-z]+)+-[0-9])_[0-9a-zA-Z]{1,40}$")
"""A user pool id: its region, ``_``, then letters and digits (Cognito's pattern is
``[\\w-]+_[0-9a-zA-Z]+``, up to 55 characters; the part before ``_`` is the region)."""
CLIENT_ID = re.compile(r"^[0-9a-z]{1,128}$")
"""An app client id: Cognito's API allows 1-128 word characters; the ids Cognito
generates are 26 lowercase letters and digits."""


class MigrateUsersFrom(Model):
    """The user pool that users move in from at their next sign-in (or password reset),
    with their password and attributes. Adds a managed ``user_migration`` trigger, and
    ``ALLOW_USER_PASSWORD_AUTH`` to the user clients (Cognito hands the password to the
    trigger only in that flow)."""

    user_pool_id: Annotated[str, InSchema((USER_POOL_ID,))]
    """The old pool's id, ``REGION_ID`` (``us-east-1_AbCdEf123``), in the same AWS account.
    Required."""
    client_id: Annotated[str, InSchema((CLIENT_ID,))]
    """An app client of the old pool that allows ``ADMIN_USER_PASSWORD_AUTH`` and has no
    client secret. Required."""
    region: Annotated[str | None, InSchema((REGION,))] = None
    """The old pool's region, which must be the one its id starts with. Default: the
    stack's region (a stack in another region than the pool is refused at synth; a stack
    without a region at synth uses the pool id's)."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        raise_problems(self._problems())
        return self

    @property
    def source_region(self) -> str:
        """The old pool's region: ``region``, which the pool id always carries too."""
        return self.region or self.user_pool_id.split("_", 1)[0]

    def _problems(self) -> Iterator[Problem]:
        found = USER_POOL_ID.fullmatch(self.user_pool_id)
        if found is None:
            yield problem(
                "user_pool_id",
                "is not a user pool id",
                received=self.user_pool_id,
                allowed="REGION_ID, e.g. us-east-1_AbCdEf123",
                hint="copy the id from the console (User pools, Overview) or from "
                "`aws cognito-idp list-user-pools --max-results 60`",
                code="invalid_user_pool_id",
            )
        if not CLIENT_ID.fullmatch(self.client_id):
            yield problem(
                "client_id",
                "is not an app client id",
                received=self.client_id,
                allowed="the client's id: lowercase letters and digits, e.g. "
                "1a2b3c4d5e6f7g8h9i0j1k2l3m",
                hint="list the old pool's clients with `aws cognito-idp list-user-pool-clients "
                "--user-pool-id POOL_ID`",
                code="invalid_client_id",
            )
        if self.region is not None and not REGION.fullmatch(self.region):
            yield problem(
                "region",
                "is not an AWS region",
                received=self.region,
                allowed="a region name such as us-east-1",
                code="invalid_region",
            )
        elif self.region is not None and found is not None:
            prefix = found.group("region")
            if prefix != self.region:
                yield problem(
                    "region",
                    f"the pool id {self.user_pool_id} belongs to {prefix}, not {self.region}",
                    received=self.region,
                    allowed=prefix,
                    hint=f"set region: {prefix}, or leave region out",
                    code="region_mismatch",
                )


def migration_input(value: Any) -> Any:
    """Refuse ``client_secret`` with the reason, before the model's generic "extra key"."""
    if isinstance(value, Mapping) and "client_secret" in value:
        found = problem(
            ("client_secret",),
            "an old client with a secret is not supported: the function signs users in "
            "against the old pool with the client's id alone",
            received="(not shown)",
            allowed="a client without a secret",
            hint="add a client without a secret to the old pool that allows "
            "ADMIN_USER_PASSWORD_AUTH (aws cognito-idp create-user-pool-client "
            "--user-pool-id POOL_ID --client-name migration --explicit-auth-flows "
            "ALLOW_ADMIN_USER_PASSWORD_AUTH ALLOW_REFRESH_TOKEN_AUTH), give its id as "
            "client_id and remove client_secret",
            code="client_secret_unsupported",
        )
        raise PydanticCustomError(
            RULES_ERROR, "{summary}", {"summary": found.message, "problems": [found]}
        )
    return value
