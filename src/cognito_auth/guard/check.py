"""The guard at synth: check each backend against the lock, read-only.

Plain Python (no aws_cdk): the construct calls :func:`check_backend` with its paths
before it builds anything, and :func:`check_missing` once the whole app exists.
Synthesis never writes the lock (a failed synth, ``cdk diff``, a branch, a trial synth
and users' own tests leave it alone): ``cognito-auth lock`` records a backend after a
successful deploy. When the CDK CLI runs the app (it sets ``CDK_OUTDIR``), each backend
whose configuration the lock does not hold yet gets a notice on stderr with that
command.

A configuration that no file holds (built in Python) is written, at synthesis, as JSON
into the cloud assembly directory (:func:`config_copy_path`, ``cdk.out/cognito-auth/``):
the printed command reads it there with ``--config``, so it works as printed after
``cdk deploy``, when ``cdk.out`` holds what was deployed.
"""

from __future__ import annotations

import json
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
    config_copy: str | os.PathLike[str] | None = None,
) -> BackendPlan:
    """Plan ``config`` of the backend at ``backend_path`` against the lock (read only).

    Raises :class:`ImmutableChangeError` listing every refused change. With ``notify``
    (the CDK CLI runs the app), prints what the lock does not hold yet and the command
    that records it after a successful deploy. ``config_copy`` is where synthesis writes
    the configuration when no file holds it (:func:`write_config_copy`): the printed
    commands read it there.
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
                config_copy=config_copy,
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
            config_copy=config_copy,
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
    config_copy: str | os.PathLike[str] | None = None,
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
    command, caveat = _record_command(
        planned,
        remaining,
        lock_path=lock_path,
        config=config,
        accept=[*planned.applied, *dropped],
        stack_relative=stack_relative,
        config_copy=config_copy,
    )
    lines.append(f"  After a successful deploy, record it (and commit the file): {command}{caveat}")
    return lines


def _accept_hint(
    planned: BackendPlan,
    lock: LockFile | None,
    *,
    lock_path: str | os.PathLike[str],
    config: AuthConfig,
    accept: Sequence[str],
    stack_relative: Sequence[str] | None = None,
    config_copy: str | os.PathLike[str] | None = None,
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
    command, caveat = _record_command(
        planned,
        lock,
        lock_path=lock_path,
        config=config,
        accept=paths,
        stack_relative=stack_relative,
        config_copy=config_copy,
    )
    lines.append(f"  then, once the deploy succeeded, record it: {command}{caveat}")
    return "\n".join(lines)


def _record_command(
    planned: BackendPlan,
    lock: LockFile | None,
    *,
    lock_path: str | os.PathLike[str],
    config: AuthConfig,
    accept: Sequence[str],
    stack_relative: Sequence[str] | None,
    config_copy: str | os.PathLike[str] | None,
) -> tuple[str, str]:
    """The ``cognito-auth lock`` command that records ``planned`` after its deploy, and
    a caveat to print after it ("" when the command works as printed)."""
    source = _config_option(config, config_copy)
    command = lock_command(
        backend=planned.backend,
        lock_path=lock_path,
        lock=lock,
        config_file="FILE" if source is None else source or None,
        accept=accept,
        stack_relative=stack_relative,
    )
    if source is None:  # no file, and no cloud assembly to write one into
        return command, ", FILE holding this configuration (it was built in Python)"
    return command, ""


def needs_config_copy(config: AuthConfig) -> bool:
    """Whether no file that ``cognito-auth lock`` reads holds ``config`` (it was built in
    Python, or is the embedded default beside another configuration file): synthesis then
    writes it into the cloud assembly (:func:`write_config_copy`)."""
    return _file_option(config) is None


def config_copy_path(outdir: str | os.PathLike[str], backend_path: str) -> Path:
    """Where synthesis writes the configuration of the backend at ``backend_path``: in the
    cloud assembly directory ``outdir``, ``cognito-auth/<path, / as .>.json``."""
    return Path(outdir) / "cognito-auth" / f"{backend_path.replace('/', '.')}.json"


def write_config_copy(path: str | os.PathLike[str], config: AuthConfig) -> None:
    """Write the validated ``config`` as JSON that :func:`~cognito_auth.load_config` reads
    back to an equal configuration: only its data (what the lock and the plan compare), as
    it was given. Secrets are references in a configuration (a plain secret is refused),
    so none is written; triggers are construct arguments, not configuration."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = config.model_dump(mode="json", exclude_unset=True)
    target.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _config_option(config: AuthConfig, config_copy: str | os.PathLike[str] | None) -> str | None:
    """What ``--config`` must say for ``cognito-auth lock`` (run where ``cdk`` runs) to
    read this configuration: "" when its default finds it, the copy that synthesis writes
    when no file holds it, None when there is neither."""
    found = _file_option(config)
    if found is not None:
        return found
    return None if config_copy is None else _shown(Path(config_copy))


def _file_option(config: AuthConfig) -> str | None:
    """``--config`` for the file ``config`` was read from: "" when the default finds it,
    None when no file holds it."""
    source = source_of(config)
    if source is None:
        return None
    found = find_config_file(Path.cwd())
    if source == EMBEDDED:
        return "" if found is None else None
    path = Path(source)
    if found is not None and found.resolve() == path.resolve():
        return ""
    return _shown(path)


def _shown(path: Path) -> str:
    """``path`` relative to the working directory where it is below it, else absolute."""
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
