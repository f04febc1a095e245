"""Threat protection as configuration: ``threat_protection`` in its object form.

The string form (``threat_protection: audit | enforced``) sets the mode only and leaves
the risk configuration to the console; the object form also makes the risk configuration
part of the backend (one ``AWS::Cognito::UserPoolRiskConfigurationAttachment`` for all
clients).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Discriminator, Field, Tag

from cognito_auth.config._base import Model, Problem, on_off, problem

__all__ = [
    "DEFAULT_ADAPTIVE",
    "DEFAULT_COMPROMISED",
    "DEFAULT_NOTIFY_EMAILS",
    "AdaptiveAuthentication",
    "NotifyEmail",
    "NotifySettings",
    "RiskAction",
    "ThreatProtection",
    "ThreatProtectionMode",
    "ThreatProtectionSetting",
    "ip_range_problems",
]

ThreatProtectionMode = Literal["audit", "enforced"]
RiskAction = Literal["allow", "mfa_if_configured", "mfa_required", "block"]
MAX_IP_RANGES = 200
"""Cognito's limit for each IP range list (SkippedIPRangeList, BlockedIPRangeList)."""


class AdaptiveAuthentication(Model):
    """What happens to a sign-in at each risk level that threat protection assigns:
    ``allow`` (no extra factor), ``mfa_if_configured`` (users with a second factor must
    use it, others sign in), ``mfa_required`` (users with a second factor must use it,
    others are blocked) or ``block``. Only in enforced mode."""

    low: RiskAction = "allow"
    """Low-risk sign-ins. Default: allow."""
    medium: RiskAction = "mfa_if_configured"
    """Medium-risk sign-ins. Default: mfa_if_configured."""
    high: RiskAction = "mfa_required"
    """High-risk sign-ins. Default: mfa_required."""


DEFAULT_ADAPTIVE = AdaptiveAuthentication.model_construct()
"""Enforced mode without ``adaptive_authentication``: allow, mfa_if_configured,
mfa_required."""
DEFAULT_COMPROMISED: Literal["block", "no_action"] = "block"
"""Enforced mode without ``compromised_credentials``: block."""


class NotifyEmail(Model):
    """One notification email. A key left out takes the package's default text."""

    subject: Annotated[str | None, Field(min_length=1, max_length=140)] = None
    """Subject, 1-140 characters. Default: the package's subject for this email."""
    html_body: Annotated[str | None, Field(min_length=6, max_length=20000)] = None
    """HTML body, 6-20000 characters; may use Cognito's placeholders ``{username}``,
    ``{login-time}``, ``{ip-address}``, ``{city}``, ``{country}``, ``{device-name}``.
    Default: the package's text for this email."""
    text_body: Annotated[str | None, Field(min_length=6, max_length=20000)] = None
    """Plain-text body, 6-20000 characters, with the same placeholders. Default: the
    package's text for this email."""


class NotifySettings(Model):
    """The emails sent to users about risky sign-ins (from ``senders.email``).
    ``notify: true`` takes the default texts."""

    block_email: NotifyEmail = NotifyEmail.model_construct()
    """Sent when a sign-in was blocked. Default: the package's text."""
    mfa_email: NotifyEmail = NotifyEmail.model_construct()
    """Sent when a sign-in was challenged for a second factor. Default: the package's
    text."""
    no_action_email: NotifyEmail = NotifyEmail.model_construct()
    """Sent when a risky sign-in was allowed. Default: the package's text."""


_DETAILS_TEXT = (
    "Time: {login-time}\nIP address: {ip-address}\nLocation: {city}, {country}\n"
    "Device: {device-name}\n\n"
)
_DETAILS_HTML = (
    "<ul><li>Time: {login-time}</li><li>IP address: {ip-address}</li>"
    "<li>Location: {city}, {country}</li><li>Device: {device-name}</li></ul>"
)
_UNEXPECTED = "If this was not you, change your password now."
DEFAULT_NOTIFY_EMAILS: dict[str, tuple[str, str, str]] = {
    "block_email": (
        "Blocked sign-in attempt",
        "Hello {username},\n\nWe blocked a sign-in attempt to your account that looked "
        "risky.\n\n" + _DETAILS_TEXT + _UNEXPECTED,
        "<p>Hello {username},</p><p>We blocked a sign-in attempt to your account that looked "
        "risky.</p>" + _DETAILS_HTML + f"<p>{_UNEXPECTED}</p>",
    ),
    "mfa_email": (
        "Sign-in needed a second factor",
        "Hello {username},\n\nA sign-in to your account looked risky, so we asked for a "
        "second factor.\n\n" + _DETAILS_TEXT + _UNEXPECTED,
        "<p>Hello {username},</p><p>A sign-in to your account looked risky, so we asked for "
        "a second factor.</p>" + _DETAILS_HTML + f"<p>{_UNEXPECTED}</p>",
    ),
    "no_action_email": (
        "New sign-in to your account",
        "Hello {username},\n\nWe noticed an unusual sign-in to your account.\n\n"
        + _DETAILS_TEXT
        + _UNEXPECTED,
        "<p>Hello {username},</p><p>We noticed an unusual sign-in to your account.</p>"
        + _DETAILS_HTML
        + f"<p>{_UNEXPECTED}</p>",
    ),
}
"""(subject, text body, html body) of each email when the configuration leaves it out."""


class ThreatProtection(Model):
    """Threat protection with its risk configuration. Needs ``feature_plan: plus``."""

    mode: ThreatProtectionMode
    """``audit``: risks are recorded (CloudWatch metrics, the user's event history, the
    ``user_activity`` log), nothing is blocked; ``enforced``: risky sign-ins are also acted
    on, as the keys below say. Required."""
    compromised_credentials: Literal["block", "no_action"] | None = None
    """Sign-ins, sign-ups and password changes with a password found in public leaks:
    ``block`` or ``no_action``. Only in enforced mode. Default in enforced mode: block."""
    adaptive_authentication: AdaptiveAuthentication | None = None
    """The action per risk level (``low``, ``medium``, ``high``). Only in enforced mode.
    Default in enforced mode: low allow, medium mfa_if_configured, high mfa_required."""
    notify: Annotated[
        NotifySettings | None,
        BeforeValidator(on_off, json_schema_input_type=bool | NotifySettings | None),
    ] = None
    """Email users about risky sign-ins (at every risk level), from ``senders.email``:
    ``true``, or ``{block_email, mfa_email, no_action_email}`` each with ``subject``,
    ``html_body``, ``text_body``. Only in enforced mode; needs ``senders.email``. Default:
    off."""
    always_allow_ips: tuple[str, ...] = ()
    """IP ranges (CIDR, IPv4 or IPv6) whose sign-ins are never evaluated for risk, e.g.
    your office. At most 200. Default: none."""
    always_block_ips: tuple[str, ...] = ()
    """IP ranges (CIDR, IPv4 or IPv6) whose sign-ins are always blocked. At most 200.
    Default: none."""

    @property
    def enforced(self) -> bool:
        return self.mode == "enforced"

    @property
    def effective_compromised_credentials(self) -> Literal["block", "no_action"] | None:
        if not self.enforced:
            return None
        return self.compromised_credentials or DEFAULT_COMPROMISED

    @property
    def effective_adaptive_authentication(self) -> AdaptiveAuthentication | None:
        if not self.enforced:
            return None
        return self.adaptive_authentication or DEFAULT_ADAPTIVE

    @property
    def has_risk_configuration(self) -> bool:
        """Whether a risk configuration is emitted: in enforced mode always, in audit mode
        only for IP ranges (audit mode acts on nothing else)."""
        return self.enforced or bool(self.always_allow_ips or self.always_block_ips)


def ip_range_problems(key: str, ranges: tuple[str, ...]) -> Iterator[Problem]:
    """Each entry must be a CIDR block (IPv4 or IPv6) with no host bits set."""
    path = ("threat_protection", key)
    if len(ranges) > MAX_IP_RANGES:
        yield problem(
            path,
            f"Cognito takes at most {MAX_IP_RANGES} IP ranges here, got {len(ranges)}",
            received=len(ranges),
            allowed=f"up to {MAX_IP_RANGES} CIDR blocks",
            hint="merge neighbouring ranges into larger blocks",
            code="too_many_ip_ranges",
        )
    seen: set[str] = set()
    for index, value in enumerate(ranges):
        where = (*path, index)
        if "/" not in value:
            yield problem(
                where,
                "an IP range is written in CIDR notation, with its prefix length",
                received=value,
                allowed="a CIDR block such as 203.0.113.0/24, 198.51.100.7/32 or 2001:db8::/32",
                hint=f"write {value}/32 for one IPv4 address (/128 for IPv6)",
                code="cidr_without_prefix",
            )
            continue
        try:
            network = ipaddress.ip_network(value, strict=False)
        except ValueError:
            yield problem(
                where,
                "not an IPv4 or IPv6 CIDR block",
                received=value,
                allowed="a CIDR block such as 203.0.113.0/24 or 2001:db8::/32",
                code="not_a_cidr",
            )
            continue
        if _has_host_bits(value):
            yield problem(
                where,
                "the address has bits set beyond the prefix length, so the range is not "
                "what it seems",
                received=value,
                allowed=network.with_prefixlen,
                hint=f"write {network.with_prefixlen}",
                code="cidr_host_bits",
            )
            continue
        if network.with_prefixlen in seen:
            yield problem(
                where,
                "this range is listed twice",
                received=value,
                allowed="each range once",
                hint="remove the duplicate",
                code="duplicate",
            )
        seen.add(network.with_prefixlen)


def _has_host_bits(value: str) -> bool:
    try:
        ipaddress.ip_network(value, strict=True)
    except ValueError:
        return True
    return False


def _setting_kind(value: Any) -> str:
    if isinstance(value, ThreatProtection | dict):
        return "variant:settings"
    return "variant:mode"


ThreatProtectionSetting = Annotated[
    Annotated[ThreatProtectionMode, Tag("variant:mode")]
    | Annotated[ThreatProtection, Tag("variant:settings")],
    Discriminator(_setting_kind),
]
"""``audit``/``enforced`` (the mode only), or the object form with the risk
configuration."""
