"""Snapshots of the templates of the example configurations.

A snapshot change is a change to users' deployed backends: review it line by line,
and say why in the commit message. Never regenerate blindly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from cognito_auth import load_config
from example_support import load_root_app
from support import masked, synth

EXAMPLES = Path(__file__).parents[2] / "examples" / "configs"


def test_default_app_template(snapshot_json: SnapshotAssertion, tmp_path: Path) -> None:
    default_app = load_root_app(tmp_path)
    import aws_cdk as cdk

    application = cdk.App(context={"cognito-auth:lockFile": str(tmp_path / "auth.lock.json")})
    stack = default_app.build(application)
    template = application.synth().get_stack_by_name(stack.stack_name).template
    assert masked(template) == snapshot_json


@pytest.mark.parametrize(
    "name", ["minimal", "shop", "phone", "photos", "federated", "platform", "operations"]
)
def test_example_templates(name: str, snapshot_json: SnapshotAssertion) -> None:
    result = synth(load_config(EXAMPLES / f"{name}.yaml"))
    assert masked(result.json) == snapshot_json
