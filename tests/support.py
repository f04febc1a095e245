"""Test helpers: synthesize a backend, lint every template, mask asset hashes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_lambda as lambda_
from aws_cdk.assertions import Template
from cfnlint.config import ConfigMixIn
from cfnlint.decode.decode import decode_str
from cfnlint.runner import Runner

from cognito_auth import AuthBackend, AuthConfig

LINT_REGIONS = ["us-east-1"]
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"


def scaled(examples: int) -> int:
    """Examples for a property: as given by default, five times more when thorough."""
    return examples * 5 if THOROUGH else examples


SYNTHESIZED: list[str] = []
"""Every template synthesized by this test process (JSON text), for sweeps such as the
secrets check."""


@dataclass
class Synth:
    template: Template
    json: dict[str, Any]
    backend: AuthBackend
    stack: cdk.Stack

    def resources(self, kind: str) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.json["Resources"].items() if v["Type"] == kind}

    def only_id(self, kind: str) -> str:
        found = list(self.resources(kind))
        assert len(found) == 1, f"expected one {kind}, found {len(found)}"
        return found[0]

    def only(self, kind: str) -> dict[str, Any]:
        found = list(self.resources(kind).values())
        assert len(found) == 1, f"expected one {kind}, found {len(found)}"
        return found[0]["Properties"]  # type: ignore[no-any-return]


def synth(
    config: AuthConfig | Mapping[str, Any] | None = None,
    *,
    construct_id: str = "Auth",
    stack_name: str = "TestStack",
    build: Callable[[cdk.Stack], None] | None = None,
    before: Callable[[cdk.Stack], Mapping[str, Any]] | None = None,
    lock_file: Any = None,
    **backend_kwargs: Any,
) -> Synth:
    """Synthesize one backend in a fresh app and check the template with cfn-lint.

    ``before`` builds constructs the backend needs (functions, keys) and returns more
    keyword arguments for it. The guard is off unless a ``lock_file`` is given."""
    app = cdk.App()
    stack = cdk.Stack(app, stack_name)
    if before is not None:
        backend_kwargs = {**backend_kwargs, **before(stack)}
    backend = AuthBackend(
        stack,
        construct_id,
        config=config if config is not None else {},
        lock_file=lock_file,
        **backend_kwargs,
    )
    if build is not None:
        build(stack)
    template = Template.from_stack(stack)
    as_json = template.to_json()
    assert_lint_clean(as_json)
    return Synth(template, as_json, backend, stack)


def assert_lint_clean(template: Mapping[str, Any]) -> None:
    text = json.dumps(template, sort_keys=True)
    SYNTHESIZED.append(text)
    errors = _lint(text)
    assert not errors, "cfn-lint errors:\n" + "\n".join(errors)


@lru_cache(maxsize=1)
def _lint_runner() -> Runner:
    """One cfn-lint runner per test process: loading its rules takes seconds, so each
    template is linted with the same rules (cfn-lint's own CLI lints every template of a
    run with one Runner; each rule is initialized afresh for each template)."""
    return Runner(ConfigMixIn(regions=LINT_REGIONS))


@lru_cache(maxsize=512)
def _lint(text: str) -> tuple[str, ...]:
    # as cfnlint.api.lint does, with the runner made once rather than per template
    template, matches = decode_str(text)
    if not matches and template is not None:
        matches = list(_lint_runner().validate_template(template))
    return format_lint_errors(matches)


def format_lint_errors(matches: Iterable[Any]) -> tuple[str, ...]:
    """cfn-lint's errors (rule ids starting with E), one line each."""
    return tuple(
        f"{m.rule.id} {m.message} ({'/'.join(str(p) for p in getattr(m, 'path', []) or [])})"
        for m in matches
        if m.rule.id.startswith("E")
    )


_ASSET = re.compile(r"[0-9a-f]{64}")


def masked(template: Mapping[str, Any]) -> dict[str, Any]:
    """The template with asset hashes replaced, for snapshots."""
    text = json.dumps(template, sort_keys=True)
    return json.loads(_ASSET.sub("ASSET-HASH", text))  # type: ignore[no-any-return]


def digest(template: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(template, sort_keys=True).encode()).hexdigest()


def inline_function(stack: cdk.Stack, name: str) -> lambda_.Function:
    """A small inline Python function (a trigger for tests that only wire it)."""
    return lambda_.Function(
        stack,
        name,
        runtime=lambda_.Runtime.PYTHON_3_12,
        handler="index.handler",
        code=lambda_.Code.from_inline("def handler(event, context):\n    return event\n"),
    )


def printed_command(text: str, marker: str) -> list[str]:
    """The command printed after ``marker`` on the one line of ``text`` that holds it."""
    lines = [line for line in text.splitlines() if marker in line]
    assert len(lines) == 1, text
    return shlex.split(lines[0].split(marker, 1)[1])
