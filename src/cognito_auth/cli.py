"""The ``cognito-auth`` command line.

Validation, the schema and planning import neither ``aws_cdk`` nor ``boto3``:
they answer instantly. Only ``check-deployed`` and ``outputs --stack`` talk to
AWS (through boto3, imported when they run, installed by the ``aws`` extra);
``outputs`` checks its file with jsonschema (the ``outputs`` extra). A command whose
extra is missing says which one to install.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cognito_auth.errors import ConfigError, ConfigFileError
from cognito_auth.ready import CANDIDATES, DEFAULT_BACKEND

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_UNUSABLE = 2

DEFAULT_FILES = CANDIDATES

Handler = Callable[[argparse.Namespace], int]


def _default_config() -> Path:
    for name in DEFAULT_FILES:
        if Path(name).is_file():
            return Path(name)
    return Path(DEFAULT_FILES[0])


def _print_err(text: str) -> None:
    print(text, file=sys.stderr)


def cmd_validate(args: argparse.Namespace) -> int:
    from cognito_auth.config.files import load_config

    path = Path(args.file) if args.file else _default_config()
    try:
        config = load_config(path)
    except ConfigFileError as exc:
        _print_err(f"error: {exc.render()}")
        return EXIT_UNUSABLE
    except ConfigError as exc:
        _print_err(exc.render())
        return EXIT_PROBLEM
    methods = ", ".join(config.login_with.sign_in_attributes) or "external providers only"
    print(f"{path}: valid (sign-in: {methods}; profile: {config.profile})")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from cognito_auth.config.schema import config_json_schema

    print(json.dumps(config_json_schema(), indent=args.indent, sort_keys=False))
    return EXIT_OK


def _load_for_guard(path: str) -> Any:
    """The validated configuration, or an exit code after printing why not."""
    from cognito_auth.config.files import load_config

    try:
        return load_config(path)
    except ConfigFileError as exc:
        _print_err(f"error: {exc.render()}")
        return EXIT_UNUSABLE
    except ConfigError as exc:
        _print_err(exc.render())
        return EXIT_UNUSABLE


def _ready_config(path: str | None) -> tuple[Any, str] | int:
    """(configuration, where it came from) for plan and lock: ``--config``, else the ready
    app's discovery (auth.yaml/.yml/.json/.toml here, else its embedded default)."""
    from cognito_auth.ready import embedded_default, find_config_file

    if path is None:
        found = find_config_file(Path.cwd())
        if found is None:
            return embedded_default(), "the embedded default configuration"
        path = found.name
    config = _load_for_guard(path)
    return config if isinstance(config, int) else (config, path)


def _print_plan(planned: Any, lock_path: str) -> None:
    plan = planned.plan
    print(f"plan for {planned.backend} against {lock_path}:")
    for warning in plan.warnings:
        print(f"WARNING: {warning}")
    if plan.refused:
        print(f"refused ({len(plan.refused)}): Cognito cannot take these on a deployed backend")
        for refusal in plan.refused:
            print("\n".join("  " + line for line in refusal.lines()))
    if plan.accepted:
        print(f"accepted replacements ({len(plan.accepted)}):")
        for refusal in plan.accepted:
            print(f"  {refusal.lines()[0]}")
        if planned.locked is not None and planned.generation != planned.locked.generation:
            print(f"  user_pool: a new, empty user pool (generation {planned.generation})")
    if plan.allowed:
        print(f"allowed ({len(plan.allowed)}):")
        for change in plan.allowed:
            print(f"  {change.line()}")
    if not (plan.refused or plan.accepted or plan.allowed):
        print("no changes")


def _print_migration(config: Any) -> None:
    """The line ``plan`` adds while ``migrate_users_from`` is set."""
    source = config.migrate_users_from
    if source is not None:
        print(
            f"migration active: users move in from user pool {source.user_pool_id} "
            f"({source.source_region}) at their next sign-in; remove migrate_users_from "
            "once that pool is empty (an allowed change)"
        )


def _print_unused(planned: Any) -> None:
    for path in planned.unused:
        _print_err(
            f"note: --accept {path} changes nothing: it names no refused change of "
            f"{planned.backend} (an acceptance applies once, to the change it accepts)"
        )


def _guard_inputs(args: argparse.Namespace) -> tuple[Any, str, Any, str, list[str]] | int:
    """(configuration, its source, lock or None, backend path, backends to drop) for plan
    and lock, or an exit code after saying why not."""
    from cognito_auth.guard.lock import LockFile, LockFileError, read_lock
    from cognito_auth.guard.plan import default_backend, is_backend_path, parse_accept

    loaded = _ready_config(args.config)
    if isinstance(loaded, int):
        return loaded
    config, source = loaded
    try:
        lock = read_lock(args.lock)
    except LockFileError as exc:
        _print_err(f"error: {exc}")
        return EXIT_UNUSABLE
    args.accept = parse_accept(args.accept)
    drop = [a for a in args.accept if is_backend_path(a) and a != args.backend]
    remaining = None
    if lock is not None:
        remaining = LockFile({k: v for k, v in lock.backends.items() if k not in drop})
    backend = args.backend or default_backend(remaining)
    if backend is None:
        names = ", ".join(sorted(lock.backends)) if lock is not None else ""
        _print_err(
            f"error: {args.lock} locks several backends ({names}); choose one with --backend"
        )
        return EXIT_UNUSABLE
    args.stack_relative = None
    if args.stack:
        if not backend.startswith(args.stack.rstrip("/") + "/"):
            _print_err(f"error: --stack {args.stack} does not hold the backend {backend}")
            return EXIT_UNUSABLE
        args.stack_relative = backend[len(args.stack.rstrip("/")) + 1 :].split("/")
    return config, source, lock, backend, drop


def cmd_plan(args: argparse.Namespace) -> int:
    from cognito_auth.guard.plan import plan_backend

    inputs = _guard_inputs(args)
    if isinstance(inputs, int):
        return inputs
    config, source, lock, backend, _ = inputs
    entry = lock.backends.get(backend) if lock is not None else None
    planned = plan_backend(config, entry, backend, args.accept, stack_relative=args.stack_relative)
    if entry is None:
        from cognito_auth.guard.plan import lock_command

        command = lock_command(
            backend=backend,
            lock_path=args.lock,
            lock=lock,
            config_file=args.config,
            stack_relative=args.stack_relative,
        )
        print(
            f"{backend} is not locked yet in {args.lock}: everything is new and allowed "
            f"({source}). After its first successful deploy, record it: {command}"
        )
        _print_migration(config)
        return EXIT_OK
    _print_plan(planned, args.lock)
    _print_unused(planned)
    _print_migration(config)
    return EXIT_PROBLEM if planned.refused else EXIT_OK


def cmd_lock(args: argparse.Namespace) -> int:
    from cognito_auth.guard.lock import LockFile, write_lock
    from cognito_auth.guard.plan import plan_backend

    inputs = _guard_inputs(args)
    if isinstance(inputs, int):
        return inputs
    config, source, lock, backend, drop = inputs
    lock = lock or LockFile()
    entry = lock.backends.get(backend)
    planned = plan_backend(config, entry, backend, args.accept, stack_relative=args.stack_relative)
    _print_unused(planned)
    if planned.refused:
        _print_plan(planned, args.lock)
        _print_err(
            f"error: not written: {len(planned.refused)} refused change(s); revert them, "
            "or name each deliberate replacement with --accept PATH"
        )
        return EXIT_PROBLEM
    for warning in planned.plan.warnings:
        _print_err(f"WARNING: {warning}")
    for path in drop:
        if lock.backends.pop(path, None) is None:
            _print_err(f"note: --accept {path} changes nothing: {args.lock} does not lock it")
        else:
            print(f"{args.lock}: {path} removed")
    lock.backends[backend] = planned.entry
    changed = write_lock(args.lock, lock)
    print(f"{args.lock}: {'written' if changed else 'already up to date'} ({backend}, {source})")
    return EXIT_OK


def aws_session(region: str | None, profile: str | None) -> Any:
    """A boto3 session (which honours AWS_ENDPOINT_URL), or an error message."""
    import boto3
    from botocore.exceptions import BotoCoreError

    try:
        session = boto3.Session(region_name=region, profile_name=profile)
    except BotoCoreError as exc:
        return f"no access: {exc}"
    if not session.region_name:
        return "no AWS region: pass --region, or set AWS_REGION"
    return session


def cmd_check_deployed(args: argparse.Namespace) -> int:
    from cognito_auth.config.threat_protection import ThreatProtection
    from cognito_auth.guard.aws import DeployedLookupError, fetch, find_pool_in_stack
    from cognito_auth.guard.deployed import compare

    config = _load_for_guard(args.config)
    if isinstance(config, int):
        return config
    session = aws_session(args.region, args.profile)
    if isinstance(session, str):
        _print_err(f"error: {session}")
        return EXIT_UNUSABLE
    try:
        client_id = None
        if args.stack:
            pool_id, client_id = find_pool_in_stack(session, args.stack, args.backend)
        else:
            pool_id = args.user_pool_id
        deployed = fetch(
            session, pool_id, risk=isinstance(config.threat_protection, ThreatProtection)
        )
    except DeployedLookupError as exc:
        _print_err(f"error: {exc}")
        return EXIT_UNUSABLE
    # Every client is found by name (or, from the stack's outputs, the default one by id).
    known = {config.default_client.name: client_id} if client_id else {}
    found = compare(config, deployed, known)
    try:
        identity_found, identity_note = _identity_pool_differences(
            args, session, config, pool_id, deployed.groups
        )
    except DeployedLookupError as exc:
        _print_err(f"error: {exc}")
        return EXIT_UNUSABLE
    found.extend(identity_found)
    print(f"user pool {pool_id} against {args.config}:")
    if identity_note:
        print(identity_note)
    if not found:
        print("no drift")
        return EXIT_OK
    print(f"drift ({len(found)}):")
    for difference in found:
        print(f"  {difference.line()}")
    return EXIT_PROBLEM


def _identity_pool_differences(
    args: argparse.Namespace, session: Any, config: Any, pool_id: str, groups: Any
) -> tuple[list[Any], str | None]:
    """The identity pool's differences, and a line saying what was compared (or why
    nothing was). Its id: ``--identity-pool-id``, else the stack outputs."""
    from cognito_auth.guard.aws import fetch_identity_pool, stack_outputs
    from cognito_auth.guard.deployed import differences
    from cognito_auth.guard.deployed_identity import (
        deployed_identity_pool,
        expected_identity_pool,
        ids_from_outputs,
    )

    identity_pool_id: str | None = args.identity_pool_id
    names: dict[str, str] = {}
    if args.stack:
        found, names = ids_from_outputs(stack_outputs(session, args.stack), pool_id, config)
        identity_pool_id = identity_pool_id or found
    if identity_pool_id is None:
        if not config.identity_pool:
            return [], None
        return [], "identity pool: not compared (no id: pass --identity-pool-id)"
    deployed = fetch_identity_pool(
        session,
        identity_pool_id,
        user_pool_id=pool_id,
        config=config,
        groups=groups,
        client_names=names,
    )
    found_differences = differences(
        expected_identity_pool(config, user_pool_id=pool_id), deployed_identity_pool(deployed)
    )
    return found_differences, f"identity pool {identity_pool_id}: compared too"


def cmd_adopt(args: argparse.Namespace) -> int:
    from cognito_auth.adopt.command import Options, run

    session = aws_session(args.region, args.profile)
    if isinstance(session, str):
        _print_err(f"error: {session}")
        return EXIT_UNUSABLE
    options = Options(
        user_pool_id=args.user_pool_id,
        identity_pool_id=args.identity_pool_id,
        backend=args.backend,
        out=Path(args.out),
        force=args.force,
        strict=args.strict,
    )
    return run(session, options)


def _stack_outputs_from_file(path: str, stack: str | None) -> dict[str, str] | str:
    """The outputs of ``cdk deploy --outputs-file``: {stack: {key: value}}."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return f"{path}: no such file"
    except (OSError, UnicodeDecodeError) as exc:
        return f"{path}: cannot be read ({exc})"
    except json.JSONDecodeError as exc:
        return f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})"
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        return f"{path}: not a cdk outputs file (expected {{stack: {{output: value}}}})"
    if stack is not None:
        if stack not in data:
            return f"{path}: no stack {stack!r} (stacks: {', '.join(sorted(data)) or 'none'})"
        return {str(k): str(v) for k, v in data[stack].items()}
    from cognito_auth.outputs.assemble import backend_keys

    holding = sorted(name for name, outputs in data.items() if backend_keys(outputs))
    if len(holding) > 1:
        return (
            f"{path}: backends in several stacks ({', '.join(holding)}); choose one with "
            "--from-stack"
        )
    merged: dict[str, str] = {}
    for name in holding or list(data):
        merged.update({str(k): str(v) for k, v in data[name].items()})
    return merged


def _stack_outputs_from_aws(args: argparse.Namespace) -> dict[str, str] | str:
    from cognito_auth.guard.aws import DeployedLookupError, stack_outputs

    session = aws_session(args.region, args.profile)
    if isinstance(session, str):
        return session
    try:
        return stack_outputs(session, args.stack)
    except DeployedLookupError as exc:
        return str(exc)


def cmd_outputs(args: argparse.Namespace) -> int:
    from cognito_auth.outputs.assemble import (
        OutputsError,
        merge,
        pick_backend,
        sections_from_outputs,
        validation_errors,
    )

    if args.from_file:
        outputs = _stack_outputs_from_file(args.from_file, args.stack_in_file)
        where = args.from_file
    else:
        outputs = _stack_outputs_from_aws(args)
        where = f"stack {args.stack!r}"
    if isinstance(outputs, str):
        _print_err(f"error: {outputs}")
        return EXIT_UNUSABLE
    target = Path(args.out)
    existing = None
    if target.exists():
        try:
            existing = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            _print_err(f"error: {target}: cannot merge into it, not readable JSON ({exc})")
            return EXIT_UNUSABLE
        if not isinstance(existing, dict):
            _print_err(f"error: {target}: cannot merge into it, not a JSON object")
            return EXIT_UNUSABLE
    try:
        key = pick_backend(outputs, args.backend, where)
        auth, custom = sections_from_outputs(outputs, key, where)
    except OutputsError as exc:
        _print_err(f"error: {exc}")
        return EXIT_UNUSABLE
    document = merge(existing, auth, custom)
    errors = validation_errors(document)
    if errors:
        _print_err("error: not written: the result breaks the amplify_outputs.json schema:")
        for line in errors:
            _print_err(f"  {line}")
        return EXIT_PROBLEM
    target.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{target}: written (backend {key}, schema version {document['version']})")
    return EXIT_OK


def _version() -> str:
    """The installed package's version, from its metadata (pyproject.toml's)."""
    from importlib.metadata import version

    return version("cognito-auth")


class _Version(argparse.Action):
    """``--version``: reads the package's metadata only when asked (every other command
    would pay for the lookup)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(f"{parser.prog} {_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cognito-auth",
        description="Validate, plan and inspect cognito-auth backends.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="print the version")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = sub.add_parser(
        "validate",
        help="validate a configuration file (exit 1 when invalid, 2 when unreadable)",
        description="Validate a configuration file and print every problem at once.",
    )
    validate.add_argument("file", nargs="?", help="YAML, JSON or TOML file (default: ./auth.yaml)")
    validate.set_defaults(handler=cmd_validate)

    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of the configuration (for editor completion)",
    )
    schema.add_argument("--indent", type=int, default=2, help="JSON indentation (default 2)")
    schema.set_defaults(handler=cmd_schema)

    for name, handler, text in (
        (
            "plan",
            cmd_plan,
            "compare a configuration with the lock file: list allowed and refused changes "
            "(exit 1 when something is refused, 2 when a file is unusable)",
        ),
        (
            "lock",
            cmd_lock,
            "record the deployed backend in the lock file: run it after a successful "
            "`cdk deploy` (refused changes need --accept, as they did at deploy)",
        ),
    ):
        command = sub.add_parser(name, help=text, description=text)
        command.add_argument(
            "--config",
            help="the configuration file (default: auth.yaml, .yml, .json or .toml here, "
            "else the ready app's embedded default, as app.py finds them)",
        )
        command.add_argument(
            "--lock", default="auth.lock.json", help="the lock file (default: auth.lock.json)"
        )
        command.add_argument(
            "--backend",
            help="construct path of the backend in the lock (default: the only one, or "
            f"{DEFAULT_BACKEND}, the ready app's, for a lock without backends)",
        )
        command.add_argument(
            "--stack",
            help="construct path of the stack that holds the backend, for a stack inside a "
            "stage (default: the first segment of --backend)",
        )
        command.add_argument(
            "--accept",
            action="append",
            default=[],
            metavar="PATH",
            help="accept the refused change at this configuration path (repeatable, or "
            "comma-separated); 'user_pool' with a fixed choice's path replaces the user pool; "
            "a backend's construct path (Stack/Id) removes it from the lock",
        )
        command.set_defaults(handler=handler)

    check = sub.add_parser(
        "check-deployed",
        help="compare a configuration with the deployed user pool (exit 1 on drift, 2 when "
        "the pool or stack cannot be found or read)",
        description="Read the deployed user pool through the AWS API (DescribeUserPool, "
        "GetUserPoolMfaConfig, ListGroups, DescribeUserPoolClient) and the identity pool "
        "(DescribeIdentityPool, GetIdentityPoolRoles), and compare them with the "
        "configuration, normalising what Cognito returns.",
    )
    check.add_argument("--config", required=True, help="the configuration file")
    where = check.add_mutually_exclusive_group(required=True)
    where.add_argument("--stack", help="the CloudFormation stack that holds the backend")
    where.add_argument("--user-pool-id", help="the user pool id")
    check.add_argument(
        "--backend",
        help="construct id of the backend when the stack holds several (prefix of its outputs)",
    )
    check.add_argument(
        "--identity-pool-id",
        help="the identity pool id (default: the stack's IdentityPoolId output; without "
        "either, the identity pool is not compared)",
    )
    check.add_argument("--region", help="AWS region (default: the AWS configuration's)")
    check.add_argument("--profile", help="AWS profile (default: the AWS configuration's)")
    check.set_defaults(handler=cmd_check_deployed)

    outputs = sub.add_parser(
        "outputs",
        help="write amplify_outputs.json for frontends from a deployed stack's outputs",
        description="Write amplify_outputs.json (schema version 1.5) from the outputs of a "
        "deployed stack, read from `cdk deploy --outputs-file` or from AWS. Other sections "
        "of an existing file are kept; an invalid result is never written.",
    )
    source = outputs.add_mutually_exclusive_group(required=True)
    source.add_argument("--from", dest="from_file", metavar="FILE", help="a cdk-outputs.json file")
    source.add_argument("--stack", help="read the outputs of this stack from AWS")
    outputs.add_argument(
        "--from-stack",
        dest="stack_in_file",
        metavar="NAME",
        help="with --from: the stack to read (default: the only stack in the file that "
        "holds a backend)",
    )
    outputs.add_argument("--backend", help="output key of the backend when there are several")
    outputs.add_argument(
        "--out",
        default="amplify_outputs.json",
        help="file to write (default: amplify_outputs.json)",
    )
    outputs.add_argument("--region", help="AWS region (with --stack)")
    outputs.add_argument("--profile", help="AWS profile (with --stack)")
    outputs.set_defaults(handler=cmd_outputs)

    adopt = sub.add_parser(
        "adopt",
        help="turn a live user pool into auth.yaml, auth.lock.json and import-mapping.json "
        "(read-only against AWS; exit 1 with --strict when something is not adopted, 2 when "
        "the pool cannot be read or a file exists)",
        description="Read a user pool (and an identity pool) through Describe/List/Get calls "
        "only, and write the configuration, the lock and the resource mapping of `cdk import` "
        "that take it over with its users.",
    )
    adopt.add_argument("--user-pool-id", required=True, help="the user pool id")
    adopt.add_argument("--identity-pool-id", help="the identity pool id, to adopt it too")
    adopt.add_argument(
        "--backend",
        default=DEFAULT_BACKEND,
        help=f"construct path STACK/ID the adopted backend will have (default {DEFAULT_BACKEND})",
    )
    adopt.add_argument("--out", default=".", help="directory to write into (default: .)")
    adopt.add_argument("--force", action="store_true", help="overwrite existing files")
    adopt.add_argument(
        "--strict", action="store_true", help="exit 1 when anything could not be adopted"
    )
    adopt.add_argument("--region", help="AWS region (default: the AWS configuration's)")
    adopt.add_argument("--profile", help="AWS profile (default: the AWS configuration's)")
    adopt.set_defaults(handler=cmd_adopt)
    return parser


EXTRAS: dict[str, tuple[str, str]] = {
    "aws": ("boto3", "reads AWS through boto3"),
    "outputs": ("jsonschema", "checks amplify_outputs.json against its schema with jsonschema"),
}
"""The package's optional extras: the module each one installs, and what needs it."""


def _extras_needed(args: argparse.Namespace) -> list[str]:
    """The extras this command needs beyond the core install (synthesis needs none)."""
    if args.command in ("check-deployed", "adopt"):
        return ["aws"]
    if args.command == "outputs":
        return (["aws"] if args.stack else []) + ["outputs"]
    return []


def missing_extra(args: argparse.Namespace) -> str | None:
    """Why this command cannot run without an extra, and the install command; else None."""
    import importlib

    needed = _extras_needed(args)
    missing = []
    for extra in needed:
        module = EXTRAS[extra][0]
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(extra)
    if not missing:
        return None
    why = "; ".join(
        f"{EXTRAS[extra][0]} is not installed (the {extra!r} extra: the command {EXTRAS[extra][1]})"
        for extra in missing
    )
    return (
        f"cognito-auth {args.command}: {why}; install it with "
        f"pip install 'cognito-auth[{','.join(needed)}]' (or 'cognito-auth[all]')"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    missing = missing_extra(args)
    if missing:
        _print_err(f"error: {missing}")
        return EXIT_UNUSABLE
    try:
        return handler(args)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. `cognito-auth schema | head`
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
