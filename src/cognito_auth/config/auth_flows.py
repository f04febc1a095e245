"""The vocabulary of authentication flows: each flow's name in the configuration, in
Cognito's ``ExplicitAuthFlows`` and in ``aws_cognito.AuthFlow``, written once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

__all__ = [
    "AUTH_FLOWS",
    "CDK_FLOWS",
    "EXPLICIT_FLOWS",
    "FLOWS",
    "FROM_EXPLICIT",
    "REFRESH_FLOW",
    "AuthFlowName",
    "Flow",
]

AuthFlowName = Literal["user_srp", "user_password", "admin_user_password", "custom", "user_auth"]
"""A flow a user client may allow, in the configuration's names (a test checks these are
the names of :data:`FLOWS`)."""


@dataclass(frozen=True)
class Flow:
    name: AuthFlowName
    explicit: str
    """Cognito's ``ExplicitAuthFlows`` value."""
    cdk: str
    """The ``aws_cognito.AuthFlow`` keyword argument."""
    legacy: tuple[str, ...] = ()
    """Older ``ExplicitAuthFlows`` values Cognito still reports for the same flow."""


FLOWS: Final = (
    Flow("user_srp", "ALLOW_USER_SRP_AUTH", "user_srp"),
    Flow("user_password", "ALLOW_USER_PASSWORD_AUTH", "user_password", ("USER_PASSWORD_AUTH",)),
    Flow(
        "admin_user_password",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "admin_user_password",
        ("ADMIN_NO_SRP_AUTH",),
    ),
    Flow("custom", "ALLOW_CUSTOM_AUTH", "custom"),
    Flow("user_auth", "ALLOW_USER_AUTH", "user"),
)

AUTH_FLOWS: Final = tuple(flow.name for flow in FLOWS)
"""Authentication flows a user client may allow, in the configuration's names."""
EXPLICIT_FLOWS: Final[dict[str, str]] = {flow.name: flow.explicit for flow in FLOWS}
"""The configuration's flow names -> Cognito's ``ExplicitAuthFlows`` values."""
CDK_FLOWS: Final[dict[str, str]] = {flow.name: flow.cdk for flow in FLOWS}
"""The configuration's flow names -> ``aws_cognito.AuthFlow`` keyword arguments."""
FROM_EXPLICIT: Final = {
    value: flow.name for flow in FLOWS for value in (flow.explicit, *flow.legacy)
}
"""Cognito's ``ExplicitAuthFlows`` values (current and legacy) -> the configuration's names."""
REFRESH_FLOW: Final = "ALLOW_REFRESH_TOKEN_AUTH"
"""The refresh flow, on unless refresh tokens rotate (it is not configured by name)."""
