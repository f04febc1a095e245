"""The real client: Amplify's JavaScript library (v6), configured from the file that
`cognito-auth outputs` wrote, signs a user up and in with SRP against moto's Cognito API,
with a pool and client created from the synthesized template's own properties."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import boto3
import pytest

from aws_support import REGION, create_backend
from cognito_auth.cli import main
from support import synth

JS = Path(__file__).parents[1] / "amplify_js"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed on this machine")


@pytest.fixture(scope="module")
def amplify_js() -> Path:
    """Install aws-amplify from the lock file (once)."""
    if not (JS / "node_modules" / "aws-amplify").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=JS,
            check=True,
            timeout=600,
        )
    return JS


def run_flow(outputs: Path, endpoint: str, *args: str) -> dict[str, Any]:
    assert NODE is not None
    done = subprocess.run(
        [NODE, str(JS / "flow.mjs"), str(outputs), endpoint, *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no result from node: {done.stdout}\n{done.stderr}"
    return json.loads(lines[-1])  # type: ignore[no-any-return]


def write_outputs(tmp_path: Path, template: dict[str, Any], ids: dict[str, str]) -> Path:
    """Stack outputs as CloudFormation reports them after deploy, through `outputs --from`."""
    values = {"AWS::Region": REGION, "UserPool": ids["user_pool_id"], "WebClient": ids["client_id"]}
    resolved = {}
    for key, output in template["Outputs"].items():
        value = output["Value"]
        if isinstance(value, dict):
            value = next(v for k, v in values.items() if k in value["Ref"])
        resolved[key] = value
    source = tmp_path / "cdk-outputs.json"
    source.write_text(json.dumps({"AuthStack": resolved}))
    target = tmp_path / "amplify_outputs.json"
    assert main(["outputs", "--from", str(source), "--out", str(target)]) == 0
    return target


def test_amplify_signs_up_and_in_with_the_generated_file(
    amplify_js: Path, aws: boto3.Session, moto_endpoint: str, tmp_path: Path
) -> None:
    template = synth({"identity_pool": False, "multifactor": {"mode": "off"}}).json
    ids = create_backend(aws, template)
    outputs = write_outputs(tmp_path, template, ids)

    configured = run_flow(outputs, moto_endpoint, "config")
    assert configured["ok"], configured
    cognito = configured["cognito"]
    assert cognito["userPoolId"] == ids["user_pool_id"]
    assert cognito["userPoolClientId"] == ids["client_id"]
    assert cognito["passwordFormat"]["minLength"] == 12

    email = "ada@example.com"
    weak = run_flow(outputs, moto_endpoint, "signup", email, "short", email)
    assert weak["ok"] is False
    assert weak["name"] == "InvalidPasswordException", weak

    signed_up = run_flow(outputs, moto_endpoint, "signup", email, "Correct-Horse-9!", email)
    assert signed_up["ok"], signed_up
    assert signed_up["nextStep"] == "CONFIRM_SIGN_UP"

    aws.client("cognito-idp").admin_confirm_sign_up(UserPoolId=ids["user_pool_id"], Username=email)
    signed_in = run_flow(outputs, moto_endpoint, "signin", email, "Correct-Horse-9!")
    assert signed_in == {
        "ok": True,
        "isSignedIn": True,
        "nextStep": "DONE",
        "username": signed_in["username"],
        "hasTokens": True,
    }
    # A wrong password is not checked here: moto's SRP answers without verifying the
    # password proof (measured), so the refusal would test moto, not the configuration.
