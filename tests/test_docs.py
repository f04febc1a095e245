"""The README's generated sections match the code."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from cognito_auth import AuthConfig
from cognito_auth.docs import BLOCKS, render_into

README = Path(__file__).parents[1] / "README.md"


def test_readme_generated_blocks_are_current() -> None:
    text = README.read_text()
    for name in BLOCKS:
        assert f"<!-- BEGIN {name} -->" in text, name
    assert render_into(text) == text, (
        "README.md is out of date: run python -m cognito_auth.docs --write README.md"
    )


def test_readme_starts_with_the_two_commands() -> None:
    lines = README.read_text().splitlines()
    commands = [line for line in lines[:8] if line.startswith("make ")]
    assert [c.split()[1] for c in commands] == ["synth", "test"]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (README.parent / ".ci" / "run").read_text()
    assert "make test" in ci.splitlines()[-1]


def _federated_yaml_blocks() -> list[str]:
    text = README.read_text()
    section = text.split("## Federated sign-in", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```yaml\n(.*?)```", section, re.S)


def test_federated_sign_in_examples_are_valid() -> None:
    """Every YAML example of the Federated sign-in section validates as written: whole
    configurations as they are, provider snippets inside a minimal configuration."""
    hosted = {
        "domain_prefix": "shop-auth",
        "callback_urls": ["https://shop.example.com/"],
        "logout_urls": ["https://shop.example.com/"],
    }
    blocks = _federated_yaml_blocks()
    assert len(blocks) >= 9
    checked = 0
    for block in blocks:
        if block.startswith("client_secret:"):
            for line in block.splitlines():
                secret = yaml.safe_load(line)["client_secret"]
                google = {"client_id": "g", "client_secret": secret}
                AuthConfig.model_validate(
                    {"login_with": {"external_providers": {**hosted, "google": google}}}
                )
                checked += 1
            continue
        data = yaml.safe_load(block)
        if "login_with" in data:
            AuthConfig.model_validate(data)
        else:
            AuthConfig.model_validate(
                {"login_with": {"email": True, "external_providers": {**hosted, **data}}},
            )
        checked += 1
    assert checked == len(blocks) - 1 + 5


def test_make_example_synth_names_the_examples() -> None:
    """`make example-synth` without a valid EXAMPLE lists every example and changes
    nothing; the README documents the target."""
    import subprocess

    root = README.parent
    done = subprocess.run(
        ["make", "--no-print-directory", "example-synth", "EXAMPLE=nope"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    names = sorted(p.parent.name for p in (root / "examples").glob("*/cdk.json"))
    assert names
    assert f"NAME one of: {' '.join(names)}" in done.stderr
    assert "make example-synth EXAMPLE=NAME" in README.read_text()
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "example-synth", "EXAMPLE=storage"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "cd examples/storage && cdk synth" in dry.stdout
