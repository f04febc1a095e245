"""The guard at synth: check each backend against the lock, read-only.

Plain Python (no aws_cdk): the construct calls :func:`check_backend` with its paths
before it builds anything, and :func:`check_missing` once the whole app exists.
Synthesis never writes the lock (a failed synth, ``cdk diff``, a branch, a trial synth
and users' own tests leave it alone): ``cognito-auth lock`` records a backend after a
successful deploy. When the CDK CLI runs the app (it sets ``CDK_OUTDIR``), each backend
whose configuration the lock does not hold yet gets a notice on stderr with that
command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from cognito_auth.config.files import EMBEDDED, source_of
from cognito_auth.config.root import AuthConfig
from cognito_auth.errors import ImmutableChangeError
from cognito_auth.guard.lock import LockFile, read_lock
from cognito_auth.guard.plan import (
    BackendPlan,
    is_backend_path,
    lock_command,
    missing_backends,
    plan_backend,
)
from cognito_auth.ready import find_config_file

CLI_ENV = "CDK_OUTDIR"
"""Set by the CDK CLI for the app it runs (the cloud assembly's directory)."""


def under_cdk_cli(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether the CDK CLI runs this app (``cdk synth``, ``cdk deploy``, ``cdk diff``)."""
    return bool(environ.get(CLI_ENV))


def check_backend(
    *,
    lock_path: str | os.PathLike[str],
    backend_path: str,
    stack_relative_path: Sequence[str],
    config: AuthConfig,
    accept: Iterable[str] = (),
    notify: bool = False,
) -> BackendPlan:
    """Plan ``config`` of the backend at ``backend_path`` against the lock (read only).

    Raises :class:`ImmutableChangeError` listing every refused change. With ``notify``
    (the CDK CLI runs the app), prints what the lock does not hold yet and the command
    that records it after a successful deploy.
    """
    accepted = list(accept)
    lock = read_lock(lock_path)
    entry = lock.backends.get(backend_path) if lock is not None else None
    planned = plan_backend(
        config, entry, backend_path, accepted, stack_relative=stack_relative_path
    )
    for warning in planned.plan.warnings:
        print(f"cognito-auth: WARNING ({backend_path}): {warning}", file=sys.stderr)
    if planned.refused:
        raise planned.error(
            _accept_hint(
                planned,
                lock,
                lock_path=lock_path,
                config=config,
                accept=accepted,
                stack_relative=stack_relative_path,
            )
        )
    if notify:
        lines = notice(
            planned,
            lock,
            lock_path=lock_path,
            config=config,
            accept=accepted,
            stack_relative=stack_relative_path,
        )
        for line in lines:
            print(line, file=sys.stderr)
    return planned


def notice(
    planned: BackendPlan,
    lock: LockFile | None,
    *,
    lock_path: str | os.PathLike[str],
    config: AuthConfig,
    accept: Sequence[str],
    stack_relative: Sequence[str] | None = None,
) -> list[str]:
    """The lines that tell what the lock does not hold yet, and how to record it."""
    lines = [
        f"cognito-auth: accepted {path!r} changes nothing in {planned.backend}: it names no "
        "refused change (an acceptance applies once, to the change it accepts)"
        for path in planned.unused
    ]
    if not planned.pending:
        return lines
    where = Path(lock_path)
    if planned.locked is None:
        lines.append(f"cognito-auth: {planned.backend} is not in {where} yet.")
    else:
        changes = [r.lines()[0] for r in planned.plan.accepted] + [
            c.line() for c in planned.plan.allowed
        ]
        shown = "; ".join(changes[:5]) + ("; ..." if len(changes) > 5 else "")
        lines.append(
            f"cognito-auth: {planned.backend} differs from {where}"
            + (f": {shown}" if shown else "")
        )
    dropped = [
        a
        for a in accept
        if is_backend_path(a) and lock is not None and a in lock.backends and a != planned.backend
    ]
    remaining = None
    if lock is not None:
        remaining = LockFile({k: v for k, v in lock.backends.items() if k not in dropped})
    source = _config_option(config)
    if source is None:
        command = lock_command(
            backend=planned.backend,
            lock_path=lock_path,
            lock=remaining,
            config_file="FILE",
            accept=[*planned.applied, *dropped],
            stack_relative=stack_relative,
        )
        lines.append(
            f"  After a successful deploy, record it with {command}, FILE holding this "
            "configuration (it was built in Python, not read from a file)."
        )
        return lines
    command = lock_command(
        backend=planned.backend,
        lock_path=lock_path,
        lock=remaining,
        config_file=source or None,
        accept=[*planned.applied, *dropped],
        stack_relative=stack_relative,
    )
    lines.append(f"  After a successful deploy, record it (and commit the file): {command}")
    return lines


def _accept_hint(
    planned: BackendPlan,
    lock: LockFile | None,
    *,
    lock_path: str | os.PathLike[str],
    config: AuthConfig,
    accept: Sequence[str],
    stack_relative: Sequence[str] | None = None,
) -> str:
    """The refusal's last lines: revert, or the exact commands of a deliberate replacement."""
    keep = "  To keep your users, revert these edits."
    paths = planned.acceptable_paths()
    if not paths:
        return keep + " Follow each 'instead' above: no acceptance can make these changes."
    others = [a for a in accept if is_backend_path(a)]
    context = ",".join([*paths, *others])
    lines = [
        keep + " To replace deliberately (the replaced resources lose their users or "
        "their members), deploy with the paths accepted:",
        f"    cdk deploy -c cognito-auth:accept={context}",
    ]
    source = _config_option(config)
    if source is not None:
        command = lock_command(
            backend=planned.backend,
            lock_path=lock_path,
            lock=lock,
            config_file=source or None,
            stack_relative=stack_relative,
            accept=paths,
        )
        lines.append(f"  then, once the deploy succeeded, record it: {command}")
    else:
        command = lock_command(
            backend=planned.backend,
            lock_path=lock_path,
            lock=lock,
            config_file="FILE",
            stack_relative=stack_relative,
            accept=paths,
        )
        lines.append(
            f"  then, once the deploy succeeded, record it with {command}, FILE holding this "
            "configuration (it was built in Python, not read from a file)"
        )
    return "\n".join(lines)


def _config_option(config: AuthConfig) -> str | None:
    """What ``--config`` must say for ``cognito-auth lock`` (run where ``cdk`` runs) to
    read this configuration: "" when its default finds it, None when no file holds it."""
    source = source_of(config)
    if source is None:
        return None
    found = find_config_file(Path.cwd())
    if source == EMBEDDED:
        return "" if found is None else None
    path = Path(source)
    if found is not None and found.resolve() == path.resolve():
        return ""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path.resolve())


def check_missing(
    lock_path: str | os.PathLike[str],
    *,
    present: Iterable[str],
    stacks: Iterable[str],
    accept: Iterable[str] = (),
) -> None:
    """Refuse (``ImmutableChangeError``) locked backends of the built stacks that the app
    no longer builds: a renamed or moved ``AuthBackend``."""
    refusals = missing_backends(read_lock(lock_path), present=present, stacks=stacks, accept=accept)
    if refusals:
        context = ",".join(r.path for r in refusals)
        raise ImmutableChangeError(
            refusals,
            hint="  To retire them deliberately, deploy with their paths accepted: cdk deploy "
            f"-c cognito-auth:accept={context}; synthesis then prints the cognito-auth lock "
            "command that records the change.",
        )
