"""``cognito-auth adopt``: read, translate, write ``auth.yaml``, ``auth.lock.json`` and
``import-mapping.json``, and say what the team must still do."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cognito_auth.adopt.mapping import import_mapping, render
from cognito_auth.adopt.read import LivePool, ReadError, read_pool
from cognito_auth.adopt.translate import Adoption, minimal, translate
from cognito_auth.config.root import AuthConfig
from cognito_auth.config.triggers import CUSTOM_SENDERS
from cognito_auth.errors import ConfigError
from cognito_auth.guard.lock import LockFile, LockFileError, read_lock, record, write_lock

EXIT_OK = 0
EXIT_NOT_ALL = 1
EXIT_UNREADABLE = 2
CONFIG_FILE = "auth.yaml"
LOCK_FILE = "auth.lock.json"
MAPPING_FILE = "import-mapping.json"


@dataclass(frozen=True)
class Options:
    user_pool_id: str
    identity_pool_id: str | None
    backend: str
    out: Path
    force: bool
    strict: bool


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _existing(out: Path, names: list[str], force: bool) -> list[str]:
    return [] if force else [name for name in names if (out / name).exists()]


def run(session: Any, options: Options) -> int:
    """The whole command once a boto3 session exists."""
    out = options.out
    main_files = [CONFIG_FILE, LOCK_FILE, MAPPING_FILE]
    taken = _existing(out, main_files, options.force)
    if taken:
        _err(f"error: {', '.join(str(out / n) for n in taken)} exist(s); pass --force to overwrite")
        return EXIT_UNREADABLE
    try:
        live = read_pool(session, options.user_pool_id, identity_pool_id=options.identity_pool_id)
    except ReadError as exc:
        _err(f"error: {exc}")
        return EXIT_UNREADABLE
    return adopt(live, options)


def adopt(live: LivePool, options: Options) -> int:
    """Translate ``live`` and write the files (no AWS call from here on)."""
    out = options.out
    adoption = translate(live)
    taken = _existing(out, sorted(adoption.files), options.force)
    if taken:
        _err(f"error: {', '.join(str(out / n) for n in taken)} exist(s); pass --force to overwrite")
        return EXIT_UNREADABLE
    out.mkdir(parents=True, exist_ok=True)
    for name, content in adoption.files.items():
        (out / name).write_text(content, encoding="utf-8")
    data = _with_paths(adoption.config, out.resolve(), absolute=True)
    try:
        config_data = minimal(data)
    except ConfigError as exc:
        _err(
            f"error: user pool {live.pool_id}: its settings break cognito-auth's rules as "
            "translated; auth.yaml, the lock and the mapping are not written:"
        )
        _err(exc.render())
        return EXIT_NOT_ALL
    config = AuthConfig.model_validate(config_data)
    config_data = _with_paths(config_data, out.resolve(), absolute=False)
    backend_parts = [p for p in options.backend.split("/") if p]
    stack_relative = backend_parts[1:] if len(backend_parts) > 1 else backend_parts
    (out / CONFIG_FILE).write_text(render_config(live, adoption, config_data), encoding="utf-8")
    write_lock_for(out / LOCK_FILE, config, options.backend, stack_relative)
    mapping = import_mapping(config, live, stack_relative, adoption.client_ids)
    (out / MAPPING_FILE).write_text(render(mapping), encoding="utf-8")
    for name in (CONFIG_FILE, LOCK_FILE, MAPPING_FILE, *sorted(adoption.files)):
        print(f"{out / name}: written")
    print(f"{len(mapping)} resources mapped for `cdk import` (backend {options.backend})")
    _report(adoption)
    print()
    for line in next_steps(options, adoption):
        print(line)
    not_adopted = bool(adoption.notes or adoption.triggers or adoption.roles)
    return EXIT_NOT_ALL if options.strict and not_adopted else EXIT_OK


def next_steps(options: Options, adoption: Adoption) -> list[str]:
    """The takeover's commands, in order, as docs/adopt-and-migrate.md gives them."""
    stack = next((p for p in options.backend.split("/") if p), "CognitoAuth")
    out = options.out
    config, lock, mapping = (str(out / n) for n in (CONFIG_FILE, LOCK_FILE, MAPPING_FILE))
    steps = [f"review {config}; then: cognito-auth plan --config {config} --lock {lock}"]
    if adoption.secrets:
        steps.append("create the Secrets Manager secrets listed above (adopt never copies them)")
    if adoption.triggers:
        steps.append(
            f"pass the Lambda triggers listed above to the AuthBackend at {options.backend} "
            "(app.py)"
        )
    steps += [
        f"cdk import {stack} --resource-mapping {mapping}",
        f"cdk deploy {stack}",
        f"cognito-auth check-deployed --config {config} --stack {stack}",
        f"commit {config} and {lock} (beside cdk.json)",
    ]
    return [
        "next steps (docs/adopt-and-migrate.md, Adopting an existing pool):",
        *(f"  {number}. {step}" for number, step in enumerate(steps, start=1)),
    ]


def write_lock_for(path: Path, config: Any, backend: str, stack_relative: list[str]) -> None:
    """The lock entry of ``backend``, exactly as ``cognito-auth lock`` records a backend
    that is not locked yet (generation 1); other backends of an existing lock are kept."""
    try:
        lock = read_lock(path) or LockFile()
    except LockFileError:
        lock = LockFile()  # only reached with --force: the unreadable file is replaced
    lock.backends[backend] = record(config, stack_relative, 1)
    write_lock(path, lock)


def _with_paths(data: Any, base: Path, *, absolute: bool) -> Any:
    """SAML metadata files: absolute while validating here, relative (to auth.yaml) in the
    file written."""
    if isinstance(data, dict):
        if set(data) == {"file"} and isinstance(data["file"], str):
            name = Path(data["file"]).name
            return {"file": str(base / name) if absolute else name}
        return {k: _with_paths(v, base, absolute=absolute) for k, v in data.items()}
    if isinstance(data, list):
        return [_with_paths(v, base, absolute=absolute) for v in data]
    return data


def trigger_lines(adoption: Adoption) -> list[str]:
    """The Python lines that pass the pool's Lambda triggers to the backend."""
    if not adoption.triggers:
        return []
    lines = ["from aws_cdk import aws_lambda as lambda_"]
    if adoption.kms_key:
        lines.append("from aws_cdk import aws_kms as kms")
    if any(name in CUSTOM_SENDERS for name, _ in adoption.triggers):
        lines.append("from aws_cdk import aws_iam as iam")
    lines += [
        "",
        "auth = AuthBackend(",
        '    stack, "Auth", config=load_config("auth.yaml"),',
        "    triggers={",
    ]
    for name, arn in adoption.triggers:
        construct = "".join(part.title() for part in name.split("_")) + "Function"
        if name in CUSTOM_SENDERS:
            # A custom sender is granted decryption with the key: the CDK needs its role.
            lines += [
                f"        # {name} decrypts with the key: give its execution role's ARN",
                f'        "{name}": lambda_.Function.from_function_attributes(',
                f'            stack, "{construct}", function_arn="{arn}",',
                f'            role=iam.Role.from_role_arn(stack, "{construct}Role", ROLE_ARN),',
                "        ),",
            ]
            continue
        lines.append(
            f'        "{name}": lambda_.Function.from_function_arn(stack, "{construct}", "{arn}"),'
        )
    lines.append("    },")
    if adoption.kms_key:
        lines.append(
            f'    trigger_kms_key=kms.Key.from_key_arn(stack, "SenderKey", "{adoption.kms_key}"),'
        )
    lines.append(")")
    return lines


def render_config(live: LivePool, adoption: Adoption, data: dict[str, Any]) -> str:
    """``auth.yaml``: a header that names everything not kept, then the configuration."""
    header = [
        f"Adopted from user pool {live.pool_id} by `cognito-auth adopt`.",
        "Review every line before `cdk import`: this file now decides the pool's settings.",
    ]
    if adoption.notes:
        header += [
            "",
            "Not expressed in this file (the import changes nothing; a deploy applies the file",
            "to a resource when it updates that resource's definition):",
        ]
        header += [f"  - {note}" for note in adoption.notes]
    if adoption.secrets:
        header += ["", "Secrets to create in Secrets Manager before deploying (values from"]
        header += ["each provider's console; adopt never copies them):"]
        header += [f"  - {s.name}: {s.what} of {s.provider}" for s in adoption.secrets]
    if adoption.triggers:
        header += ["", "Lambda triggers: pass them in Python (app.py):"]
        header += [f"  {line}" if line else "" for line in trigger_lines(adoption)]
    if adoption.roles:
        header += [
            "",
            "Existing IAM roles: the adopted backend creates its own roles; write the",
            "permissions of these as `access` rules (or grants) before the switch:",
        ]
        header += [f"  - {what}: {arn}" for what, arn in adoption.roles]
    comment = "\n".join(f"# {line}".rstrip() for line in header)
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return f"{comment}\n\n{body}"


def _report(adoption: Adoption) -> None:
    for note in adoption.notes:
        _err(f"not adopted: {note}")
    if adoption.secrets:
        _err("create these Secrets Manager secrets before deploying (adopt never copies values):")
        for secret in adoption.secrets:
            _err(f"  {secret.name}: {secret.what} of {secret.provider}")
    if adoption.triggers:
        _err("Lambda triggers to pass in Python:")
        for line in trigger_lines(adoption):
            _err(f"  {line}")
    if adoption.roles:
        _err(
            "existing roles (the backend creates its own; write their permissions as access "
            "rules or grants before the switch):"
        )
        for what, arn in adoption.roles:
            _err(f"  {what}: {arn}")
