"""The README's generated sections match the code."""

from __future__ import annotations

from pathlib import Path

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
