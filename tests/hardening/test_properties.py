"""Properties over the whole configuration: valid ones synthesize into templates that
cfn-lint accepts, deterministically; broken ones raise ConfigError (exit 1 from
`cognito-auth validate`), never another exception, never a template.

Examples per property: the default profile runs a few hundred; set
``HYPOTHESIS_PROFILE=thorough`` for five times more."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from strategies import broken_configs, valid_configs

from cognito_auth import AuthConfig, ConfigError
from cognito_auth.cli import main
from support import digest, scaled, synth


@settings(max_examples=scaled(300))
@given(data=valid_configs())
def test_valid_configurations_validate(data: dict[str, Any]) -> None:
    AuthConfig.model_validate(data)


@settings(max_examples=scaled(200))
@given(data=valid_configs())
def test_valid_configurations_synthesize_and_pass_cfn_lint(data: dict[str, Any]) -> None:
    synth(data)  # support.synth runs cfn-lint on the template


@settings(max_examples=scaled(100))
@given(data=valid_configs())
def test_synthesis_is_deterministic(data: dict[str, Any]) -> None:
    assert digest(synth(data).json) == digest(synth(data).json)


@settings(max_examples=scaled(300))
@given(data=broken_configs())
def test_broken_configurations_raise_config_error(data: dict[str, Any]) -> None:
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate(data)
    assert caught.value.problems
    rendered = str(caught.value)
    assert rendered.startswith("invalid configuration")
    assert "Traceback" not in rendered


@settings(max_examples=scaled(200))
@given(data=broken_configs())
def test_broken_configurations_exit_1_from_validate(
    data: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("broken") / "auth.json"
    path.write_text(json.dumps(data))
    assert main(["validate", str(path)]) == 1


@settings(max_examples=scaled(200))
@given(data=broken_configs())
def test_broken_configurations_never_reach_a_template(data: dict[str, Any]) -> None:
    """The construct validates before any CDK object exists: no jsii error, no template."""
    with pytest.raises(ConfigError):
        synth(data)
