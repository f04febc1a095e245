"""cdk-nag's AWS Solutions checks (cdk-nag v3, a policy-validation plugin): zero
unacknowledged errors for the production default and feature-rich configurations.

Every acknowledgment names the configuration field that decides it (see
``cognito_auth.constructs.nag.ACKNOWLEDGED`` and the README's Security section)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import Validations
from cdk_nag import AwsSolutionsChecks

from cognito_auth import AuthBackend, load_config
from cognito_auth.security import ACKNOWLEDGED

EXAMPLES = Path(__file__).parents[2] / "examples" / "configs"


def nag(config: Any, tmp_path: Path) -> None:
    """Synthesize with cdk-nag; raise when an unacknowledged error remains."""
    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    Validations.of(app).add_plugins(AwsSolutionsChecks())
    AuthBackend(cdk.Stack(app, "Nagged"), "Auth", config=config, lock_file=None)
    app.synth()


def test_production_default_has_no_unacknowledged_error(tmp_path: Path) -> None:
    nag({"profile": "production"}, tmp_path)


@pytest.mark.parametrize("name", ["shop", "phone", "photos", "federated", "platform", "operations"])
def test_feature_rich_configurations(name: str, tmp_path: Path) -> None:
    nag(load_config(EXAMPLES / f"{name}.yaml"), tmp_path)


def test_the_check_can_fail(tmp_path: Path) -> None:
    """A bare user pool on essentials, without cognito-auth's acknowledgment, fails."""
    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    Validations.of(app).add_plugins(AwsSolutionsChecks())
    stack = cdk.Stack(app, "Bare")
    from aws_cdk import aws_cognito as cognito

    cognito.UserPool(stack, "Pool", feature_plan=cognito.FeaturePlan.ESSENTIALS)
    with pytest.raises(RuntimeError, match="ValidationFailed") as caught:
        app.synth()
    assert "AwsSolutions-COG8" in str(caught.value)
    assert (tmp_path / "cdk.out" / "validation-report.json").exists()


def test_every_acknowledgment_names_its_reason() -> None:
    for rule, when, reason in ACKNOWLEDGED:
        assert rule.startswith("AwsSolutions-")
        assert when
        assert "`" in reason, f"{rule}: the reason names the configuration field"
