"""Helpers shared by the cross-field rules: each common message is written here once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterator, Sequence
from typing import Any, Literal

from cognito_auth.errors import Path, Problem, problem

__all__ = [
    "PLANS_WITH_ESSENTIALS",
    "duplicates",
    "plan_allows",
    "plan_problem",
]

Plan = Literal["lite", "essentials", "plus"]

PLANS_WITH_ESSENTIALS = ("essentials", "plus")
"""The feature plans that include the essentials features."""

_PLAN_ORDER: dict[str, int] = {"lite": 0, "essentials": 1, "plus": 2}


def duplicates(
    values: Sequence[Hashable],
    at: Path,
    *,
    key: str | None = None,
    allowed: str,
    what: str = "",
    hint: str | None = None,
) -> Iterator[Problem]:
    """One problem per value listed more than once, at the value's first position.

    ``at`` is the path of the list; ``key`` the field of each entry holding the value
    (``("groups",)`` and ``"name"`` give ``groups.1.name``); ``what`` names the kind of
    value in the message (``scope 'email' is listed 2 times``).
    """
    for value, count in Counter(values).items():
        if count > 1:
            yield problem(
                (*at, values.index(value), *((key,) if key else ())),
                f"{what + ' ' if what else ''}{value!r} is listed {count} times",
                received=value,
                allowed=allowed,
                hint=hint,
                code="duplicate",
            )


def plan_allows(plan: str, minimum: Plan) -> bool:
    """Whether the feature plan ``plan`` includes the features of ``minimum``."""
    return _PLAN_ORDER[plan] >= _PLAN_ORDER[minimum]


def plan_problem(
    path: Path | str,
    feature: str,
    plan: str,
    *,
    minimum: Plan = "essentials",
    received: Any,
    allowed: str,
    hint: str,
    plural: bool = False,
    instead: str | None = None,
) -> Problem:
    """The problem of ``feature``, which needs the ``minimum`` plan, under ``plan``.

    The message reads ``<feature> needs the essentials or plus feature plan, not
    'lite'``; ``instead`` replaces the ``not 'lite'`` tail with what Cognito does
    under the lower plan.
    """
    plans = "essentials or plus" if minimum == "essentials" else "plus"
    verb = "need" if plural else "needs"
    tail = f"; {instead}" if instead else f", not {plan!r}"
    return problem(
        path,
        f"{feature} {verb} the {plans} feature plan{tail}",
        received=received,
        allowed=allowed,
        hint=hint,
        code="plan_required",
    )


OPENID_SCOPES = ("email", "profile", "phone")
"""The OAuth scopes Cognito grants only together with ``openid``."""


def openid_problems(scopes: Sequence[str], at: Path = ("scopes",)) -> Iterator[Problem]:
    """``email``, ``profile`` or ``phone`` asked for without ``openid``."""
    needs_openid = [s for s in OPENID_SCOPES if s in scopes]
    if needs_openid and "openid" not in scopes:
        yield problem(
            at,
            f"Cognito grants {', '.join(needs_openid)} only together with openid",
            received=list(scopes),
            allowed="a list containing openid",
            hint="add openid to scopes",
            code="scope_needs_openid",
        )


def logout_urls_problem(logout_urls: Sequence[str], why: str) -> Problem:
    """Sign-out URLs given to a client that has no callback URLs (``why`` says what
    that client then lacks)."""
    return problem(
        "logout_urls",
        f"sign-out URLs without callback_urls: {why}",
        received=list(logout_urls),
        allowed="logout_urls together with callback_urls",
        hint="add callback_urls, or remove logout_urls",
        code="logout_urls_without_callback_urls",
    )
