"""The ``cognito-auth`` command line.

Validation, the schema and planning import neither ``aws_cdk`` nor ``boto3``:
they answer instantly. Only ``check-deployed`` and ``outputs --stack`` talk to
AWS (through boto3, imported when they run).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cognito_auth.errors import ConfigError, ConfigFileError

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_UNUSABLE = 2

DEFAULT_FILES = ("auth.yaml", "auth.yml", "auth.json", "auth.toml")

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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cognito-auth",
        description="Validate, plan and inspect cognito-auth backends.",
    )
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. `cognito-auth schema | head`
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
