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
    )
