"""Comparing a configuration with its lock: what is allowed, what is refused."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cognito_auth.config._base import Change, Immutable
from cognito_auth.config.root import AuthConfig
from cognito_auth.guard.declaration import (
    Declared,
    Locked,
    declared,
    join,
    locked_choices,
    settings,
)
from cognito_auth.guard.lock import BackendLock

USER_POOL = "user_pool"
"""The path that names a deliberate replacement of the whole user pool."""

IDENTITY_POOL = "identity_pool"
"""The path that names a deliberate removal or replacement of the identity pool."""

_LOGICAL_ID_WHY = {
    "user_pool": "a new logical id makes CloudFormation create a new, empty user pool; the "
    "old one is deleted (development profile) or orphaned with all its users (production)",
    "domain": "a new logical id creates a second domain for the pool, which Cognito refuses",
}


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if value is True:
        return "on"
    if value is False:
        return "off"
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class Refusal:
    """A change that the deployed backend cannot take."""

    path: str
    locked: Any
    new: Any
    why: str
    instead: str
    needs: tuple[str, ...] = ()
    """Other paths that must be accepted with this one (a fixed choice needs ``user_pool``)."""
    acceptable: bool = True
    """False for a change no acceptance can make (CloudFormation would roll it back)."""

    def lines(self) -> list[str]:
        change = (
            "removed"
            if self.locked == "present" and self.new is None
            else f"{_show(self.locked)} -> {_show(self.new)}"
        )
        return [
            f"{self.path}: {change}",
            f"  why: {self.why}",
            f"  instead: {self.instead}",
        ]


@dataclass(frozen=True)
class Allowed:
    """A change that a deployed backend takes in place."""

    path: str
    locked: Any
    new: Any

    def line(self) -> str:
        if self.locked is _ABSENT:
            return f"{self.path}: added"
        if self.new is _ABSENT:
            return f"{self.path}: removed"
        return f"{self.path}: {_show(self.locked)} -> {_show(self.new)}"


class _Absent:
    def __repr__(self) -> str:
        return "(absent)"


_ABSENT: Any = _Absent()


@dataclass
class Plan:
    """The comparison of a configuration with its locked record."""

    refused: list[Refusal] = field(default_factory=list)
    allowed: list[Allowed] = field(default_factory=list)
    accepted: list[Refusal] = field(default_factory=list)
    generation: int = 1
    """The user pool generation after this plan (raised when ``user_pool`` is accepted)."""
    warnings: list[str] = field(default_factory=list)
    """Allowed changes that put users' data at risk (said loudly by plan and synth)."""

    @property
    def ok(self) -> bool:
        return not self.refused


def compare(
    locked: BackendLock,
    config: AuthConfig,
    *,
    logical_ids: dict[str, str] | None = None,
    accept: Iterable[str] = (),
) -> Plan:
    """Compare ``config`` (and, at synth, its logical ids) with the locked record.

    Refuses every change that Cognito would reject or that would replace a stateful
    resource, unless its path is in ``accept``; lists every other change as allowed.
    """
    accepted_paths = set(accept)
    plan = Plan(generation=locked.generation)
    current = locked_choices(config)
    slots = _slots()
    refusals = list(_immutable_refusals(locked.immutable, current, slots))
    refusals.extend(_slot_refusals(locked.immutable, current, slots))
    if logical_ids is not None:
        refusals.extend(_logical_id_refusals(locked.logical_ids, logical_ids))
    refusals.extend(_identity_pool_refusals(locked, config, logical_ids))
    refusals = _outermost(_same_sign_in(refusals, locked.immutable, current))

    for refusal in refusals:
        if is_accepted(refusal.path, accepted_paths) and (
            not refusal.needs or all(n in accepted_paths for n in refusal.needs)
        ):
            plan.accepted.append(refusal)
        else:
            plan.refused.append(refusal)
    if any(USER_POOL in refusal.needs for refusal in plan.accepted) and not plan.refused:
        # An acceptance applies to the change it accepts: the pool is replaced only while
        # a fixed choice's change is accepted, never by 'user_pool' alone.
        plan.generation = locked.generation + 1
    plan.allowed = _allowed(locked.settings, config, {r.path for r in refusals})
    plan.warnings = [
        *_profile_warnings(locked, config),
        *_retained_removals(plan.accepted, config),
    ]
    return plan


def is_accepted(path: str, accepted: set[str]) -> bool:
    """Whether ``path`` is one of the accepted paths or lies below one."""
    return any(path == a or path.startswith(a + ".") or path.startswith(a + "[") for a in accepted)


_SIGN_IN = ("login_with.email", "login_with.phone", "login_with.username")
_PREFERRED = "login_with.username.preferred_username"


def _cognito_sign_in(values: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The pool's (UsernameAttributes, AliasAttributes) for the locked sign-in choices.

    With a username (or no sign-in attribute at all: a pool whose users all come from
    providers is a plain username pool), email and phone are aliases; without one, they
    are the username attributes. This is what reaches Cognito (see user_pool.py).
    """
    email = values.get("login_with.email") is True
    phone = values.get("login_with.phone") is True
    username = values.get("login_with.username") is True
    chosen = tuple(name for name, on in (("email", email), ("phone_number", phone)) if on)
    if username or not chosen:
        preferred = username and values.get(_PREFERRED) is True
        return (), chosen + (("preferred_username",) if preferred else ())
    return chosen, ()


def _same_sign_in(
    refusals: list[Refusal], old: dict[str, Any], current: dict[str, Locked]
) -> list[Refusal]:
    """Drop refusals of sign-in choices whose pool settings do not change: turning on
    ``username`` in a pool whose users all come from providers changes nothing in
    Cognito."""
    touched = {r.path for r in refusals} & {*_SIGN_IN, _PREFERRED}
    if not touched:
        return refusals
    new = {path: locked.value for path, locked in current.items()}
    if _cognito_sign_in(old) != _cognito_sign_in(new):
        return refusals
    return [r for r in refusals if r.path not in touched]


def _slots() -> dict[str, list[Declared]]:
    """Marked fields that share a slot, by slot name (from the declaration)."""
    slots: dict[str, list[Declared]] = {}
    for item in declared():
        if item.marker.slot is not None:
            slots.setdefault(item.marker.slot, []).append(item)
    return slots


def _slot_refusals(
    old: dict[str, Any], current: dict[str, Locked], slots: dict[str, list[Declared]]
) -> Iterable[Refusal]:
    """One resource named by one of several fields: adding or dropping it is allowed,
    naming it differently (in the same field or another) replaces it."""
    for members in slots.values():
        before = next(((m, old[m.path]) for m in members if old.get(m.path) is not None), None)
        now = next(
            (
                (m, current[m.path].value)
                for m in members
                if m.path in current and current[m.path].value is not None
            ),
            None,
        )
        if before is None or now is None or before[1] == now[1]:
            continue
        marker = now[0].marker
        yield Refusal(now[0].path, before[1], now[1], marker.why, marker.instead)


def _immutable_refusals(
    old: dict[str, Any], current: dict[str, Locked], slots: dict[str, list[Declared]]
) -> Iterable[Refusal]:
    in_slots = {m.path for members in slots.values() for m in members}
    for path, now in current.items():
        if path not in old or path in in_slots:
            continue  # new choices are allowed; slots are compared as a whole
        before = old[path]
        if before == now.value:
            continue
        marker = now.marker
        if now.collection:
            removed = sorted(set(before) - set(now.value))
            for key in removed:
                yield _refusal(join(path, key), True, False, marker, removed_entry=True)
            continue
        if marker.change is Change.REPLACING and _adds_or_drops(marker, before, now.value):
            continue
        yield _refusal(path, before, now.value, marker)


def _adds_or_drops(marker: Immutable, before: Any, now: Any) -> bool:
    """A replacing choice may be added; a resource named by presence (a social provider)
    may not be removed, but a replaced value may be dropped."""
    if marker.presence:
        return before is False and now is True
    return before is None or now is None


def _refusal(
    path: str, before: Any, now: Any, marker: Immutable, *, removed_entry: bool = False
) -> Refusal:
    if removed_entry:
        return Refusal(path, "present", None, marker.why, marker.instead)
    needs = (USER_POOL,) if marker.change is Change.FIXED else ()
    instead = marker.instead
    if needs:
        instead += (
            "; to move to a new pool with its users, accept both this path and 'user_pool' "
            "and add migrate_users_from with the current pool's id (users move in at their "
            "next sign-in; see docs/adopt-and-migrate.md, 'Migrating users to a new pool')"
        )
    return Refusal(path, before, now, marker.why, instead, needs)


def _logical_id_refusals(old: dict[str, str], new: dict[str, str]) -> Iterable[Refusal]:
    for name, before in sorted(old.items()):
        after = new.get(name)
        if after is None or after == before or name == IDENTITY_POOL:
            continue  # removed resources show in the configuration diff; see below
        why = _LOGICAL_ID_WHY.get(name.split(".")[0], "a new logical id replaces the resource")
        yield Refusal(
            f"logical_ids.{name}",
            before,
            after,
            why,
            "keep the AuthBackend's construct id and its place in the construct tree "
            "(the logical ids derive from them)",
        )


# --- state beyond the user pool: the identity pool and the profile ------------------------

_IDENTITY_IDS_LOST = (
    "the identity pool holds every user's identity id, which apps key data by (Amplify "
    "Storage's private/{identity}/ and protected/{identity}/ paths, ${identity} in access "
    "rules, rows keyed by identity id); a new identity pool gives every user a new id, so "
    "their files and rows are orphaned. Removed from the template, it is retained but no "
    "longer managed (production) or deleted with every identity (development)"
)


def _identity_pool_refusals(
    locked: BackendLock, config: AuthConfig, logical_ids: dict[str, str] | None
) -> Iterable[Refusal]:
    """Turning a deployed identity pool off, or giving it a new logical id (which
    creates a new, empty one), is refused like a replaced user pool. The lock records
    the identity pool's logical id whenever one is deployed, so locks written before
    this rule are covered too. Turning it on is allowed."""
    before = locked.logical_ids.get(IDENTITY_POOL)
    if before is None:
        return
    accept = (
        f"to remove or replace it deliberately, accept '{IDENTITY_POOL}' "
        f"(cognito-auth lock --accept {IDENTITY_POOL}; at synth "
        f"-c cognito-auth:accept={IDENTITY_POOL})"
    )
    if not config.identity_pool:
        yield Refusal(
            IDENTITY_POOL,
            True,
            False,
            _IDENTITY_IDS_LOST,
            f"keep identity_pool: true (remove the access rules you no longer want instead); "
            f"{accept}",
        )
        return
    after = (logical_ids or {}).get(IDENTITY_POOL)
    if after is not None and after != before:
        yield Refusal(
            IDENTITY_POOL,
            f"logical id {before}",
            f"logical id {after}",
            f"a new logical id creates a new, empty identity pool: {_IDENTITY_IDS_LOST}",
            "keep the AuthBackend's construct id and its place in the construct tree (the "
            f"logical ids derive from them); {accept}",
        )


PROFILE_SWITCH = (
    "profile: production -> development: the user pool (every user and password), the "
    "identity pool (every identity id), the groups (every membership), the app clients, "
    "identity providers and resource servers are now DELETED with the stack, and the "
    "pool's deletion protection is turned off: `cdk destroy`, a removed backend or a "
    "replacement deletes them for good, and Cognito cannot restore them. Keep profile: "
    "production for a backend with real users."
)


def _profile_warnings(locked: BackendLock, config: AuthConfig) -> Iterable[str]:
    """Switching from production to development is allowed, and said loudly."""
    if locked.settings.get("profile") == "production" and config.profile == "development":
        yield PROFILE_SWITCH


_RETAINED = (
    ("groups", "aws cognito-idp delete-group --user-pool-id POOL --group-name NAME"),
    ("clients", "aws cognito-idp delete-user-pool-client --user-pool-id POOL --client-id ID"),
    (
        "login_with.external_providers",
        "aws cognito-idp delete-identity-provider --user-pool-id POOL --provider-name NAME",
    ),
    (
        "resource_servers",
        "aws cognito-idp delete-resource-server --user-pool-id POOL --identifier IDENTIFIER",
    ),
    (IDENTITY_POOL, "aws cognito-identity delete-identity-pool --identity-pool-id ID"),
)
"""Resources the production profile retains, by configuration path, and how to delete
one by hand."""


def _retained_removals(accepted: Iterable[Refusal], config: AuthConfig) -> Iterable[str]:
    """An accepted removal does not delete a retained resource in production: it stays
    (and keeps working) outside the stack. Said, with the command that deletes it."""
    if config.profile != "production":
        return
    for refusal in accepted:
        removed = (refusal.locked == "present" and refusal.new is None) or (
            refusal.locked is True and refusal.new is False
        )
        kind = next((k for k in _RETAINED if is_accepted(refusal.path, {k[0]})), None)
        if not removed or kind is None:
            continue
        text = (
            f"{refusal.path}: removed with the production profile, so it is RETAINED: it "
            "stays (and keeps working) outside the stack, which no longer manages it. "
            f"Delete it by hand once nothing needs it: {kind[1]}"
        )
        if kind[0] == "groups":
            text += (
                ". Until then its members keep the membership, and their tokens name the "
                "group's role, which the deploy deletes"
            )
        if kind[0] not in ("clients", IDENTITY_POOL):
            text += "; adding it again under the same name fails until it is deleted"
        yield text + "."


def _outermost(refusals: list[Refusal]) -> list[Refusal]:
    """Drop refusals explained by a refusal of an enclosing path."""
    paths = {r.path for r in refusals}
    return [
        r
        for r in refusals
        if not any(r.path.startswith(p + ".") or r.path.startswith(p + "[") for p in paths)
    ]


def _allowed(old: dict[str, Any], config: AuthConfig, refused: set[str]) -> list[Allowed]:
    new = settings(config)
    changes: list[Allowed] = []
    for path in sorted(set(old) | set(new)):
        before = old.get(path, _ABSENT)
        after = new.get(path, _ABSENT)
        if before == after or any(path == r or path.startswith(r + ".") for r in refused):
            continue
        if _empty(before) and after is _ABSENT and _has_below(path, new):
            continue  # the first entries of a collection: they show as added
        if _empty(after) and before is _ABSENT and _has_below(path, old):
            continue  # the last entries removed: they show as removed
        changes.append(Allowed(path, before, after))
    return _collapse(changes, old, new)


def _empty(value: Any) -> bool:
    return isinstance(value, list | dict) and not value


def _has_below(path: str, values: dict[str, Any]) -> bool:
    return any(p.startswith(path + ".") or p.startswith(path + "[") for p in values)


def _collapse(changes: list[Allowed], old: dict[str, Any], new: dict[str, Any]) -> list[Allowed]:
    """Report a whole new (or removed) entry once, not leaf by leaf."""
    out: list[Allowed] = []
    seen: set[str] = set()
    for change in changes:
        prefix = None
        if change.locked is _ABSENT:
            prefix = _new_prefix(change.path, old)
        elif change.new is _ABSENT:
            prefix = _new_prefix(change.path, new)
        if prefix is not None and prefix != change.path:
            if prefix not in seen:
                seen.add(prefix)
                before = _ABSENT if change.locked is _ABSENT else "present"
                after = _ABSENT if change.new is _ABSENT else "present"
                out.append(Allowed(prefix, before, after))
            continue
        out.append(change)
    return out


_SEGMENT = re.compile(r'\["(?:[^"\\]|\\.)*"\]|[^.\[]+')
"""One segment of a dotted path: a plain word, or a quoted key (``["https://api.x"]``),
whose dots are not separators."""


def _prefixes(path: str) -> list[str]:
    """``a.b["x.y"].c`` -> ``a``, ``a.b``, ``a.b["x.y"]``, ``a.b["x.y"].c``."""
    out: list[str] = []
    current = ""
    for part in _SEGMENT.findall(path):
        current = current + part if part.startswith("[") or not current else f"{current}.{part}"
        out.append(current)
    return out


def _new_prefix(path: str, other: dict[str, Any]) -> str | None:
    """The shortest prefix of ``path`` under which ``other`` has nothing."""
    for prefix in _prefixes(path):
        if not any(
            p == prefix or p.startswith(prefix + ".") or p.startswith(prefix + "[") for p in other
        ):
            return prefix
    return None
