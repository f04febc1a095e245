"""The ready app's ``cdk.json`` carries the recommended feature flags of the installed
aws-cdk-lib (as ``cdk init`` writes them), and the example configurations synthesize to
the same logical ids with and without them: users' own apps have the flags, the
package's other tests run without.

Measured when the flags were added (aws-cdk-lib 2.275.0): the templates differ only in
partition literals (``arn:aws:`` instead of ``arn:${AWS::Partition}:``) and in the log
group of the SSM secret reader's function (a log group added); no logical id moves.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Template

from cognito_auth import AuthBackend, load_config
from example_support import load_root_app
from feature_flags import CDK_JSON, generated_cdk_json, own_context, recommended_flags
from support import assert_lint_clean

EXAMPLES = Path(__file__).parents[1] / "examples" / "configs"
NAMES = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))


def test_cdk_json_has_the_recommended_flags_of_the_installed_aws_cdk_lib() -> None:
    current = json.loads(CDK_JSON.read_text())
    assert current == generated_cdk_json(current), (
        "cdk.json's feature flags are not those of the installed aws-cdk-lib: run "
        "`.venv/bin/python tests/feature_flags.py`"
    )
    flags = {k: v for k, v in current["context"].items() if k not in own_context(current)}
    assert len(flags) > 50  # the real list, not an empty or partial one
    assert flags["@aws-cdk/core:checkSecretUsage"] is True


def _resources(template: dict[str, Any]) -> dict[str, str]:
    return {logical_id: r["Type"] for logical_id, r in template["Resources"].items()}


def _synth_config(name: str, context: dict[str, Any]) -> dict[str, Any]:
    app = cdk.App(context=context)
    stack = cdk.Stack(app, "TestStack")
    AuthBackend(stack, "Auth", config=load_config(EXAMPLES / f"{name}.yaml"), lock_file=None)
    template: dict[str, Any] = Template.from_stack(stack).to_json()
    assert_lint_clean(template)
    return template


@pytest.mark.parametrize("name", NAMES)
def test_example_configurations_keep_their_logical_ids_under_the_flags(name: str) -> None:
    default = _resources(_synth_config(name, {}))
    flagged = _resources(_synth_config(name, recommended_flags()))
    assert {k: flagged.get(k) for k in default} == default  # nothing moves or disappears
    added = {k: v for k, v in flagged.items() if k not in default}
    # the flag @aws-cdk/aws-lambda:useCdkManagedLogGroup gives the SSM secret reader's
    # function (AwsCustomResource) a log group of its own: a new resource, nothing moved
    assert set(added.values()) <= {"AWS::Logs::LogGroup"}
    assert sorted(flagged.get("Outputs", {})) == sorted(default.get("Outputs", {}))


def test_the_default_app_keeps_its_logical_ids_under_the_flags(tmp_path: Path) -> None:
    module = load_root_app(tmp_path / "app")
    found = []
    for index, flags in enumerate(({}, recommended_flags())):
        lock = str(tmp_path / f"auth{index}.lock.json")
        app = cdk.App(context={**flags, "cognito-auth:lockFile": lock})
        stack = module.build(app)
        template = app.synth().get_stack_by_name(stack.stack_name).template
        assert_lint_clean(template)
        found.append(_resources(template))
    default, flagged = found
    assert {k: flagged.get(k) for k in default} == default
    assert set(flagged) - set(default) == set()
