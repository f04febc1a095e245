"""The guard at synth: compare each backend with the lock, refuse or record.

Plain Python (no aws_cdk): the construct calls :func:`guard_backend` with its
paths before it builds anything, and :func:`missing_backends` once the whole
app exists.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from cognito_auth.config.root import AuthConfig
from cognito_auth.errors import ImmutableChangeError
from cognito_auth.guard.diff import Refusal, compare
from cognito_auth.guard.lock import (
    BackendLock,
    LockFile,
    read_lock,
    record,
    stateful_logical_ids,
    write_lock,
)


def check_backend(
    *,
    lock_path: str | os.PathLike[str],
    backend_path: str,
    stack_relative_path: list[str],
    config: AuthConfig,
    accept: Iterable[str] = (),
) -> BackendLock:
    """Check ``config`` of the backend at ``backend_path`` against the lock.

    Raises :class:`ImmutableChangeError` listing every refused change. Otherwise
    returns the record to lock once the whole app has passed (see :func:`write_records`):
    the backend itself on its first synth, or its allowed and accepted changes, with the
    user pool generation to build.
    """
    lock = read_lock(lock_path)
    entry = lock.backends.get(backend_path) if lock is not None else None
    generation = 1
    if entry is not None:
        plan = compare(
            entry,
            config,
            logical_ids=stateful_logical_ids(config, stack_relative_path, entry.generation),
            accept={a for a in accept if a},
        )
        for warning in plan.warnings:
            print(f"cognito-auth: WARNING ({backend_path}): {warning}", file=sys.stderr)
        if plan.refused:
            raise ImmutableChangeError(plan.refused, backend=backend_path)
        generation = plan.generation
    return record(config, stack_relative_path, generation)


def write_records(
    lock_path: str | os.PathLike[str],
    records: dict[str, BackendLock],
    *,
    drop: Iterable[str] = (),
) -> None:
    """Record the checked backends (and forget accepted removals) in the lock file."""
    existing = read_lock(lock_path)
    lock = existing or LockFile()
    for path in drop:
        lock.backends.pop(path, None)
    lock.backends.update(records)
    if write_lock(lock_path, lock) and existing is None:
        print(
            f"cognito-auth: wrote {lock_path}, the record of what each backend can never "
            "change once deployed. Commit it beside cdk.json.",
            file=sys.stderr,
        )


def missing_backends(
    lock_path: str | os.PathLike[str],
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
    lock = read_lock(lock_path)
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
                "give the AuthBackend its old construct id and place again; to remove the "
                f"backend deliberately, accept its path: -c cognito-auth:accept={path}",
            )
        )
    return refusals
