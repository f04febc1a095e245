"""The one planner of a backend: configuration + locked entry -> plan and new entry.

The lock records what is deployed. Synthesis (the ``AuthBackend`` construct), and the
command line's ``plan`` and ``lock``, all call :func:`plan_backend`: it refuses every
change the deployed backend cannot take (unless accepted, and never in an order that
CloudFormation would refuse), and gives the entry that ``cognito-auth lock`` records once
the backend is deployed. Synthesis only reads the lock; only ``cognito-auth lock``
writes it.

Plain Python (no aws_cdk).
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cognito_auth.config.root import AuthConfig
from cognito_auth.errors import ImmutableChangeError
from cognito_auth.guard.declaration import join
from cognito_auth.guard.diff import USER_POOL, Plan, Refusal, compare, is_accepted
from cognito_auth.guard.lock import (
    DEFAULT_LOCK_FILE,
    BackendLock,
    LockFile,
    record,
    stateful_logical_ids,
)
from cognito_auth.naming import pinned_logical_id, user_pool_construct_id
from cognito_auth.ready import DEFAULT_BACKEND

_DOMAIN_PATHS = (
    "login_with.external_providers.domain_prefix",
    "login_with.external_providers.custom_domain.domain_name",
)
_PROVIDER_KINDS = {
    "login_with.external_providers.oidc": "OIDC",
    "login_with.external_providers.saml": "SAML",
}


def parse_accept(value: Any) -> list[str]:
    """Accepted paths from a context value or repeated options: a comma-separated string,
    or a list of them."""
    if not value:
        return []
    parts = [value] if isinstance(value, str) else [str(v) for v in value]
    return [p.strip() for part in parts for p in part.split(",") if p.strip()]


def is_backend_path(path: str) -> bool:
    """An accepted path that names a whole backend (``Stack/Auth``), not a setting."""
    return "/" in path and not path.startswith(("[", '"'))


@dataclass
class BackendPlan:
    """The plan of one backend against its locked entry (``locked`` None: not locked)."""

    backend: str
    locked: BackendLock | None
    plan: Plan
    entry: BackendLock
    """What ``cognito-auth lock`` records once this configuration is deployed."""
    applied: list[str] = field(default_factory=list)
    """Accepted paths that accept a refused change (they apply once: to this change)."""
    unused: list[str] = field(default_factory=list)
    """Accepted paths that match no refused change of this backend: no-ops."""

    @property
    def refused(self) -> list[Refusal]:
        return self.plan.refused

    @property
    def generation(self) -> int:
        """The user pool generation to build."""
        return self.entry.generation

    @property
    def pending(self) -> bool:
        """Whether the lock does not hold this configuration yet (new, or changed)."""
        return self.locked is None or self.locked.to_json() != self.entry.to_json()

    def error(self, hint: str | None = None) -> ImmutableChangeError:
        return ImmutableChangeError(self.refused, backend=self.backend, hint=hint)

    def acceptable_paths(self) -> list[str]:
        """The paths to accept for every refused change to go through as a deliberate
        replacement (with the ones already accepted); empty when some change can never
        be accepted."""
        if not self.refused or not all(r.acceptable for r in self.refused):
            return []
        paths = [*self.applied]
        for refusal in self.refused:
            for path in (refusal.path, *refusal.needs):
                if path not in paths:
                    paths.append(path)
        return paths


def stack_relative_path(backend: str, locked: BackendLock | None = None) -> list[str]:
    """The construct path of a backend below its stack, from its full path.

    A stack may sit in a stage (``Prod/Shop/Auth``): the locked user pool logical id
    tells where the stack ends; without an entry, the stack is the first segment.
    """
    parts = backend.split("/")
    if locked is not None and len(parts) > 2:
        wanted = locked.logical_ids.get("user_pool")
        for cut in range(1, len(parts)):
            relative = parts[cut:]
            if pinned_logical_id(relative, user_pool_construct_id(locked.generation)) == wanted:
                return relative
    return parts[1:] if len(parts) > 1 else parts


def plan_backend(
    config: AuthConfig,
    locked: BackendLock | None,
    backend: str,
    accept: Iterable[str] = (),
    *,
    stack_relative: Sequence[str] | None = None,
) -> BackendPlan:
    """Plan ``config`` of the backend at ``backend`` (its construct path) against its
    locked entry, accepting the deliberate replacements named in ``accept``.

    An acceptance applies to the refused change it names, once: a path that matches no
    refused change is listed in ``unused`` and changes nothing; the user pool gets a new
    generation only while a fixed choice's change is accepted with ``user_pool``.
    Paths naming whole backends (``Stack/Auth``) are for :func:`missing_backends`.
    """
    relative = list(stack_relative) if stack_relative is not None else None
    if relative is None:
        relative = stack_relative_path(backend, locked)
    paths = [a for a in dict.fromkeys(accept) if a and not is_backend_path(a)]
    if locked is None:
        return BackendPlan(backend, None, Plan(), record(config, relative, 1), [], paths)
    plan = compare(
        locked,
        config,
        logical_ids=stateful_logical_ids(config, relative, locked.generation),
        accept=paths,
    )
    _refuse_orderings(plan, locked, config)
    considered = plan.accepted + plan.refused
    applied = [
        a
        for a in paths
        if any(is_accepted(r.path, {a}) for r in plan.accepted)
        or (a == USER_POOL and any(r.needs for r in plan.accepted))
    ]
    unused = [
        a
        for a in paths
        if a not in applied and not any(is_accepted(r.path, {a}) for r in considered)
    ]
    entry = record(config, relative, plan.generation)
    return BackendPlan(backend, locked, plan, entry, applied, unused)


def _refuse_orderings(plan: Plan, locked: BackendLock, config: AuthConfig) -> None:
    """Accepted replacements that CloudFormation would roll back: it creates the new
    resource before it deletes the old one, so a name the old one holds is still taken."""
    replacing = any(USER_POOL in r.needs for r in plan.accepted)
    if replacing:
        new = config.external_providers
        kept = {
            "login_with.external_providers.domain_prefix": new.domain_prefix,
            "login_with.external_providers.custom_domain.domain_name": (
                new.custom_domain.domain_name if new.custom_domain is not None else None
            ),
        }
        for path in _DOMAIN_PATHS:
            name = locked.immutable.get(path)
            if name is not None and kept[path] == name:
                plan.refused.append(
                    Refusal(
                        path,
                        name,
                        name,
                        "the user pool is replaced (user_pool accepted), and CloudFormation "
                        "creates the new pool and its domain before it deletes the old ones: "
                        f"Cognito refuses {name!r} for the new pool while the old pool holds "
                        "it, and the deploy rolls back",
                        "replace the pool without the domain first: remove the domain from "
                        "the configuration and deploy (with the accepted paths), run "
                        "cognito-auth lock with them; then add the domain back and deploy again",
                        acceptable=False,
                    )
                )
                plan.generation = locked.generation
    moved = _provider_kind_changes(locked, config)
    if moved:
        plan.accepted = [r for r in plan.accepted if r.path not in moved]
        plan.refused = [r for r in plan.refused if r.path not in moved]
        plan.refused.extend(moved.values())


def _provider_kind_changes(locked: BackendLock, config: AuthConfig) -> dict[str, Refusal]:
    """OIDC providers turned SAML (or back) under the same name, by the path of the
    removed provider."""
    external = config.external_providers
    now = {
        "login_with.external_providers.oidc": {p.name for p in external.oidc},
        "login_with.external_providers.saml": {p.name for p in external.saml},
    }
    out: dict[str, Refusal] = {}
    for path, kind in _PROVIDER_KINDS.items():
        before = locked.immutable.get(path) or []
        for other, other_kind in _PROVIDER_KINDS.items():
            if other == path:
                continue
            for name in sorted(set(before) & now[other] - now[path]):
                removed = join(path, name)
                out[removed] = Refusal(
                    removed,
                    kind,
                    other_kind,
                    f"the provider {name!r} changes type under the same name: CloudFormation "
                    "creates the new provider before it deletes the old one, and Cognito "
                    "refuses a second provider of that name, so the deploy rolls back",
                    f"remove the {kind} provider {name!r} and deploy, run cognito-auth lock "
                    f"--accept {removed}; then add it as {other_kind} and deploy again "
                    f"(its users are named after the provider: {name}_...)",
                    acceptable=False,
                )
    return out


# --- the command that records a deployed backend ---------------------------------------------


def lock_command(
    *,
    backend: str,
    lock_path: str | os.PathLike[str],
    lock: LockFile | None,
    config_file: str | None,
    accept: Sequence[str] = (),
    stack_relative: Sequence[str] | None = None,
) -> str:
    """The ``cognito-auth lock`` command line that records ``backend``, with only the
    options whose defaults would not pick the same files and backend."""
    parts = ["cognito-auth", "lock"]
    if config_file is not None:
        parts += ["--config", config_file]
    if Path(lock_path) != Path(DEFAULT_LOCK_FILE):
        parts += ["--lock", str(lock_path)]
    if backend != default_backend(lock):
        parts += ["--backend", backend]
    if stack_relative is not None and list(stack_relative) != backend.split("/")[1:]:
        # A stack inside a stage: where the stack ends decides the logical ids.
        parts += ["--stack", backend[: -len("/".join(stack_relative)) - 1]]
    for path in accept:
        parts += ["--accept", path]
    return " ".join(shlex.quote(p) for p in parts)


def default_backend(lock: LockFile | None) -> str | None:
    """The backend that ``plan`` and ``lock`` choose without ``--backend``: the only locked
    one, or the ready app's when none is locked; None when several are locked."""
    if lock is None or not lock.backends:
        return DEFAULT_BACKEND
    if len(lock.backends) == 1:
        return next(iter(lock.backends))
    return None


def missing_backends(
    lock: LockFile | None,
    *,
    present: Iterable[str],
    stacks: Iterable[str],
    accept: Iterable[str] = (),
) -> list[Refusal]:
    """Locked backends of the app's stacks that the app no longer builds.

    A renamed or moved ``AuthBackend`` shows up here: its old path is locked, but
    nothing builds it any more, so deploying would delete (or orphan) its pool.
    Backends of stacks that the app does not build at all are left alone.
    """
    if lock is None:
        return []
    built = set(present)
    stack_paths = list(stacks)
    accepted = set(accept)
    refusals = []
    for path in sorted(lock.backends):
        in_a_built_stack = any(path.startswith(stack + "/") for stack in stack_paths)
        if path in built or not in_a_built_stack or path in accepted:
            continue
        refusals.append(
            Refusal(
                path,
                "present",
                None,
                "the lock holds a backend at this construct path, but the app no longer "
                "builds it: a renamed or moved AuthBackend gets new logical ids, and "
                "CloudFormation would create a new, empty user pool and delete (development) "
                "or orphan (production) the old one with all its users",
                "give the AuthBackend its old construct id and place again",
            )
        )
    return refusals
